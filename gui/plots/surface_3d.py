"""The 2-D function as a 3-D surface, when OpenGL is available.

pyqtgraph's 3-D items need PyOpenGL and a working OpenGL context.  Backprop Studio does not
depend on PyOpenGL, and the offscreen platform used by the tests has no OpenGL, so the tab
checks both and otherwise shows a note: the heatmap of the 2-D tab shows the same surface.
"""
from __future__ import annotations

import importlib.util

import numpy as np
from PySide6.QtGui import QGuiApplication, QOpenGLContext
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

NOTE = ("The 3-D view needs OpenGL (the PyOpenGL package and a graphics driver), which is not "
        "available here.\nThe 2-D function tab shows the same surface as a heatmap with contour lines.")


def gl_available() -> bool:
    """True when pyqtgraph.opengl can import and an OpenGL context can be created."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    if importlib.util.find_spec("OpenGL") is None:
        return False
    context = QOpenGLContext()
    return context.create()


def surface_3d_tab(function_view) -> QWidget:
    """The 3-D tab: a GL surface following the 2-D function view, or a note saying why not."""
    if gl_available():
        try:
            return _GLSurface(function_view)
        except Exception as e:  # noqa: BLE001 - a broken driver must not take the app down
            return _note(f"{NOTE}\n({type(e).__name__}: {e})")
    return _note(NOTE)


def _note(text: str) -> QWidget:
    label = QLabel(text)
    label.setObjectName("surface3dNote")
    label.setWordWrap(True)
    label.setToolTip("Install PyOpenGL and run with a graphics driver to get the 3-D view")
    return label


class _GLSurface(QWidget):
    def __init__(self, function_view) -> None:
        super().__init__()
        import pyqtgraph.opengl as gl   # only imported when available

        self.setObjectName("surface3d")
        self.setToolTip("f(x, y) as a surface: drag to rotate, scroll to zoom")
        self.view = gl.GLViewWidget()
        self.surface = gl.GLSurfacePlotItem(shader="heightColor", computeNormals=False)
        self.view.addItem(self.surface)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._function_view = function_view
        function_view.picker.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        axes, values = self._function_view.heatmap.axes, self._function_view.heatmap.values
        z = np.log10(values - np.nanmin(values) + 1e-6)
        z = np.nan_to_num(z, nan=float(np.nanmax(z)))
        scale = 10.0 / max(axes[0][-1] - axes[0][0], axes[1][-1] - axes[1][0])
        self.surface.setData(x=axes[0] * scale, y=axes[1] * scale, z=(z - z.min()).T)
