"""The views the main window arranges, by their stable object names.

Each view is a widget class constructed as ``View(studio)``; the object name is a
contract (tests, dock-state saving).  Views are imported lazily so that start-up only
pays for what it shows.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .accessible import make_accessible

if TYPE_CHECKING:
    from .studio import StudioSession

MAX_MIN_WIDTH, MAX_MIN_HEIGHT = 300, 220

# object name -> (module under gui/, class, dock title, default dock area or None for the centre)
VIEWS: dict[str, tuple[str, str, str, Qt.DockWidgetArea | None]] = {
    "networkEditor": ("editor.view", "NetworkEditor", "Network", None),
    "hyperparameters": ("panels.hyperparameters", "HyperparametersPanel", "Hyperparameters",
                        Qt.DockWidgetArea.LeftDockWidgetArea),
    "datasetPanel": ("panels.dataset", "DatasetPanel", "Dataset", Qt.DockWidgetArea.LeftDockWidgetArea),
    "stepDebugger": ("debugger.panel", "StepDebugger", "Step Debugger", Qt.DockWidgetArea.RightDockWidgetArea),
    "lossCurve": ("plots.loss_curve", "LossCurve", "Loss Curve", Qt.DockWidgetArea.BottomDockWidgetArea),
    "decisionBoundary": ("plots.decision_boundary", "DecisionBoundary", "Decision Boundary",
                         Qt.DockWidgetArea.BottomDockWidgetArea),
    "lossSurface": ("plots.surface_plot", "LossSurface", "Loss Surface", Qt.DockWidgetArea.BottomDockWidgetArea),
    # tabbed with the step debugger (gui.main_window.TABBED): the tallest room at 1366x768
    "computationGraph": ("graph.view", "ComputationGraph", "Computation Graph",
                         Qt.DockWidgetArea.RightDockWidgetArea),
    "lessonPanel": ("lessons.panel", "LessonPanel", "Lessons", Qt.DockWidgetArea.RightDockWidgetArea),
}


def create_view(name: str, studio: StudioSession) -> QWidget:
    module, cls, _title, _area = VIEWS[name]
    view = getattr(importlib.import_module(f"{__package__}.{module}"), cls)(studio)
    view.setObjectName(name)
    # A dock may be narrower than its widest row of controls (they are squeezed, not hidden):
    # the window must fit a 1366x768 screen.
    hint = view.minimumSizeHint()
    view.setMinimumSize(min(hint.width(), MAX_MIN_WIDTH), min(hint.height(), MAX_MIN_HEIGHT))
    make_accessible(view)           # names for a screen reader, Tab round the window (gui/accessible.py)
    return view
