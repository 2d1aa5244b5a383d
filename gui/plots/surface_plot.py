"""The loss-surface dock: gradient descent pictured as a path down a surface.

Four tabs:

* **Network** -- the loss landscape of the user's network around its current parameters,
  with its training path extending live (:mod:`.surface_network`);
* **2-D function** -- the multivariate case: a shipped or typed f(x, y), descent paths and
  the optimizer race (:mod:`.function_view`);
* **1-D function** -- the univariate case: f(x), the tangent line and the steps
  (:mod:`.surface_function1d`);
* **3-D** -- the 2-D function as a surface, only when OpenGL is available
  (:mod:`.surface_3d`); otherwise the tab says why it is missing, and where OpenGL fails to
  draw the tab says so and the dock shows the 2-D tab.

Computations run in worker threads (:mod:`gui.workers`).  :meth:`LossSurface.shutdown`
cancels and waits for them; it runs when the widget is destroyed and, through
``gui.workers.shutdown_all``, when the application is about to quit.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from ..language import tr
from .function_view import FunctionView
from .surface_3d import surface_3d_tab
from .surface_function1d import FunctionView1D
from .surface_network import NetworkLandscape

if TYPE_CHECKING:
    from ..studio import StudioSession

STATUS_MESSAGE_MS = 15_000     # how long the status bar says why the 3-D tab was left


class LossSurface(QWidget):
    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossSurface")
        self.studio = studio
        self.network = NetworkLandscape(studio)
        self.function2d = FunctionView(studio.functions, hidden=studio.hidden)
        self.function1d = FunctionView1D(studio.functions, hidden=studio.hidden)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("lossSurfaceTabs")
        self.tabs.addTab(self.network, tr("Network"))
        self.tabs.addTab(self.function2d, tr("2-D function"))
        self.tabs.addTab(self.function1d, tr("1-D function"))
        self.view3d = surface_3d_tab(self.function2d)
        self.tabs.addTab(self.view3d, tr("3-D"))
        if hasattr(self.view3d, "fell_back"):      # OpenGL there but failing: the 2-D tab instead
            self.view3d.fell_back.connect(self._on_view3d_fell_back)
        for i, tip in enumerate((
                tr("The loss landscape of your network around its current parameters, with the training path"),
                tr("Gradient descent on a function of x and y, and a race of optimizers"),
                tr("Gradient descent on a function of x: the tangent line and each step"),
                tr("The 2-D function as a 3-D surface (needs OpenGL)"))):
            self.tabs.setTabToolTip(i, tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        runners = [self.network.runner]      # the race's runner is the studio's (gui/function_models.py)
        # a lambda holding the runners (not self): it still works while self is being destroyed
        self.destroyed.connect(lambda *_args, r=runners: [runner.shutdown() for runner in r])

    def _on_view3d_fell_back(self, problem: str) -> None:
        """The 3-D view could not draw (its tab now says why): show the same surface as a heatmap,
        and say why in the 3-D tab's tooltip and, in the main window, on the status bar (the
        user who chose the 3-D tab is moved away from its note)."""
        said = tr("The 3-D view could not draw with the OpenGL here ({problem}): the 2-D function tab shows "
                  "the surface").format(problem=problem)
        self.tabs.setTabToolTip(self.tabs.indexOf(self.view3d), said)
        if self.tabs.currentWidget() is self.view3d:
            self.tabs.setCurrentWidget(self.function2d)
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(said, STATUS_MESSAGE_MS)

    def shutdown(self) -> None:
        """Cancel the computations under way (the studio's race too) and wait for their threads."""
        self.network.shutdown()
        self.studio.functions.shutdown()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)
