"""The decision boundary dock: what the network has learned, its metrics and its health.

Three tabs share the dock: the output over the input space (:mod:`.output_map`), the
classification metrics (:mod:`.metrics_view`) and the diagnostics (:mod:`.diagnostics`).
Only the visible tab redraws; each recomputes at most ten times a second while running.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..language import tr
from .diagnostics import Diagnostics
from .metrics_view import MetricsView
from .output_map import OutputMap

if TYPE_CHECKING:
    from ..studio import StudioSession


class DecisionBoundary(QWidget):
    """Tabs: Output (heatmap / fitted curve), Metrics (accuracy, confusion matrix), Diagnostics."""

    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionBoundary")
        self.studio = studio
        self.output = OutputMap(studio)
        self.output.setObjectName("outputMap")     # a tab page a lesson may switch to
        self.metrics = MetricsView(studio)
        self.diagnostics = Diagnostics(studio)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.output, tr("Output"))
        self.tabs.addTab(self.metrics, tr("Metrics"))
        self.tabs.addTab(self.diagnostics, tr("Diagnostics"))
        self.tabs.setTabToolTip(0, tr("The network's output over the input space, with the data"))
        self.tabs.setTabToolTip(1, tr("Accuracy and the confusion matrix (R² for regression)"))
        self.tabs.setTabToolTip(2, tr("Gradient and weight norms per layer over training; dead ReLU units"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tabs)
