"""The 2-D function as a 3-D surface, when OpenGL is available.

pyqtgraph's 3-D items need PyOpenGL (a dependency of Backprop Studio, installed by
``pip install -e .``) and a working OpenGL context, which needs the system's OpenGL libraries
(Debian, Ubuntu: ``libgl1 libegl1``).  The offscreen platform used by the tests and by
``--screenshot`` renders has no OpenGL.  Where any of these is missing the tab shows a note that
says which, and how to get it; the heatmap of the 2-D tab shows the same surface.
"""
from __future__ import annotations

import importlib.util

import numpy as np
from PySide6.QtGui import QGuiApplication, QOpenGLContext
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from backprop_studio.gui import theme

HOW_TO_GET_IT = (
    "To get it: install your system's OpenGL drivers (Debian, Ubuntu: sudo apt-get install libgl1 libegl1) "
    "and PyOpenGL (pip install -e . installs it; on its own: pip install PyOpenGL==3.1.10), "
    "then start Backprop Studio on your desktop.")
NOTE = ("The 3-D view needs OpenGL, which is not available here: {problem}.\n\n" + HOW_TO_GET_IT
        + "\n\nMeanwhile the 2-D function tab shows the same surface as a heatmap with contour lines.")


def gl_problem() -> str:
    """Why there is no OpenGL here, or '' when pyqtgraph.opengl can draw."""
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return f"the Qt platform '{platform}' draws without OpenGL (tests and --screenshot renders use it)"
    if importlib.util.find_spec("OpenGL") is None:
        return "the PyOpenGL package is not installed"
    if not QOpenGLContext().create():
        return "no OpenGL context could be created (no OpenGL driver was found)"
    return ""


def gl_available() -> bool:
    """True when pyqtgraph.opengl can import and an OpenGL context can be created."""
    return not gl_problem()


def surface_3d_tab(function_view) -> QWidget:
    """The 3-D tab: a GL surface following the 2-D function view, or a note saying why not."""
    problem = gl_problem()
    if problem:
        return _note(NOTE.format(problem=problem))
    try:
        return _GLSurface(function_view)
    except Exception as e:  # noqa: BLE001 - a broken driver must not take the app down
        return _note(NOTE.format(problem=f"{type(e).__name__}: {e}"))


def _note(text: str) -> QWidget:
    label = QLabel(text)
    label.setObjectName("surface3dNote")
    label.setWordWrap(True)
    label.setToolTip(HOW_TO_GET_IT)
    return label


class _GLSurface(QWidget):
    def __init__(self, function_view) -> None:
        super().__init__()
        import pyqtgraph.opengl as gl  # only imported when available

        self.setObjectName("surface3d")
        self.setToolTip("f(x, y) as a surface: drag to rotate, scroll to zoom")
        self.view = gl.GLViewWidget()
        self.surface = gl.GLSurfacePlotItem(computeNormals=False, smooth=True)
        self.view.addItem(self.surface)
        grid = gl.GLGridItem()
        grid.setSize(12, 12)
        self.view.addItem(grid)
        self.view.setCameraPosition(distance=26, elevation=28, azimuth=-60)
        self._colormap = theme.sequential_map()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._function_view = function_view
        function_view.surface_changed.connect(self.refresh)
        function_view.log_scale.toggled.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        """Redraw f over the 2-D tab's grid: x and y scaled to a 10-wide square around the
        origin, the height above the minimum (its log10 when the 2-D tab shows a log scale)
        scaled to 0..4, coloured by height."""
        axes, values = self._function_view.heatmap.axes, self._function_view.heatmap.values
        above = values - np.nanmin(values)
        if self._function_view.log_scale.isChecked():   # follow the 2-D tab's log scale
            above = np.log10(above + 1e-6 * max(float(np.nanmax(above)), 1e-12))
        z = above
        z = np.nan_to_num(z, nan=float(np.nanmax(z)))
        z = (z - z.min()) / max(float(np.ptp(z)), 1e-12)
        x, y = axes[0], axes[1]
        scale = 10.0 / max(x[-1] - x[0], y[-1] - y[0])
        colours = self._colormap.map(z.T.ravel(), mode="float").reshape(len(x), len(y), 4)
        self.surface.setData(x=(x - x.mean()) * scale, y=(y - y.mean()) * scale, z=4.0 * z.T, colors=colours)
