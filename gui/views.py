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
from .language import QT_TR_NOOP, tr

if TYPE_CHECKING:
    from .studio import StudioSession

MAX_MIN_WIDTH, MAX_MIN_HEIGHT = 300, 220

# object name -> (module under gui/, class, dock title, default dock area or None for the centre);
# the titles are English, marked for translation: shown through view_title()
VIEWS: dict[str, tuple[str, str, str, Qt.DockWidgetArea | None]] = {
    "networkEditor": ("editor.view", "NetworkEditor", QT_TR_NOOP("Network"), None),
    "hyperparameters": ("panels.hyperparameters", "HyperparametersPanel", QT_TR_NOOP("Hyperparameters"),
                        Qt.DockWidgetArea.LeftDockWidgetArea),
    "datasetPanel": ("panels.dataset", "DatasetPanel", QT_TR_NOOP("Dataset"), Qt.DockWidgetArea.LeftDockWidgetArea),
    "stepDebugger": ("debugger.panel", "StepDebugger", QT_TR_NOOP("Step Debugger"),
                     Qt.DockWidgetArea.RightDockWidgetArea),
    "lossCurve": ("plots.loss_curve", "LossCurve", QT_TR_NOOP("Loss Curve"), Qt.DockWidgetArea.BottomDockWidgetArea),
    "decisionBoundary": ("plots.decision_boundary", "DecisionBoundary", QT_TR_NOOP("Decision Boundary"),
                         Qt.DockWidgetArea.BottomDockWidgetArea),
    "lossSurface": ("plots.surface_plot", "LossSurface", QT_TR_NOOP("Loss Surface"),
                    Qt.DockWidgetArea.BottomDockWidgetArea),
    # tabbed with the step debugger (gui.main_window.TABBED): the tallest room at 1366x768
    "computationGraph": ("graph.view", "ComputationGraph", QT_TR_NOOP("Computation Graph"),
                         Qt.DockWidgetArea.RightDockWidgetArea),
    "lessonPanel": ("lessons.panel", "LessonPanel", QT_TR_NOOP("Lessons"), Qt.DockWidgetArea.RightDockWidgetArea),
}


def view_title(name: str) -> str:
    """The dock title of view ``name`` in the interface language (its View menu entry too)."""
    return tr(VIEWS[name][2])


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
