"""The 2-D function as a 3-D surface, when OpenGL is available.

pyqtgraph's 3-D items need PyOpenGL (a dependency of Backprop Studio, installed by
``pip install -e .``) and a working OpenGL context, which needs the system's OpenGL libraries
(Debian, Ubuntu: ``libgl1 libegl1``).  The offscreen platform used by the tests and by
``--screenshot`` renders has no OpenGL.  Where any of these is missing the tab shows a note that
says which, and how to get it; the heatmap of the 2-D tab shows the same surface.

Where OpenGL is there but fails to draw (a driver below OpenGL 2.1, shaders that do not compile
or link: ``GLError … glGetAttribLocation``), the view falls back the same way, once, with the
error in one line instead of tracebacks on the terminal (:mod:`.gl_guard`); the Loss Surface
dock then shows the 2-D tab.  A new OpenGL context (the dock floated or docked again) gets new
items, drawn again: pyqtgraph would use the old context's shader programs in it.
"""
from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QOpenGLContext
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from backprop_studio.gui import theme
from backprop_studio.gui.language import QT_TR_NOOP, tr

if TYPE_CHECKING:
    from .gl_guard import GuardedView

# the notes the tab shows instead of the surface (translated where shown: :func:`note_text`)
HOW_TO_GET_IT = QT_TR_NOOP(
    "To get it: install your system's OpenGL drivers (Debian, Ubuntu: sudo apt-get install libgl1 libegl1) "
    "and PyOpenGL (pip install -e . installs it; on its own: pip install PyOpenGL==3.1.10), "
    "then start Backprop Studio on your desktop.")
NOTE = QT_TR_NOOP(
    "The 3-D view needs OpenGL, which is not available here: {problem}.\n\n{how_to_get_it}"
    "\n\nMeanwhile the 2-D function tab shows the same surface as a heatmap with contour lines.")
FAILED = QT_TR_NOOP(
    "The 3-D view could not draw with the OpenGL here: {problem}.\n\n"
    "OpenGL is installed, but this driver does not do what the 3-D view needs (OpenGL 2.1 "
    "with GLSL shaders); a software renderer such as Mesa's under Xvfb may lack it. "
    "Updating the graphics driver, or running on your desktop, usually helps.\n\n"
    "The 2-D function tab shows the same surface as a heatmap with contour lines.")


def note_text(note: str, problem: str) -> str:
    """``note`` (:data:`NOTE` or :data:`FAILED`) in the interface language, naming ``problem``."""
    return tr(note).format(problem=problem, how_to_get_it=tr(HOW_TO_GET_IT))


def gl_problem() -> str:
    """Why there is no OpenGL here, or '' when pyqtgraph.opengl can draw."""
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return tr("the Qt platform '{platform}' draws without OpenGL (tests and --screenshot renders use it)").format(
            platform=platform)
    if importlib.util.find_spec("OpenGL") is None:
        return tr("the PyOpenGL package is not installed")
    if not QOpenGLContext().create():
        return tr("no OpenGL context could be created (no OpenGL driver was found)")
    return ""


def gl_available() -> bool:
    """True when pyqtgraph.opengl can import and an OpenGL context can be created."""
    return not gl_problem()


def surface_3d_tab(function_view) -> QWidget:
    """The 3-D tab: a GL surface following the 2-D function view, or a note saying why not."""
    problem = gl_problem()
    if problem:
        return _note(note_text(NOTE, problem))
    try:
        return _GLSurface(function_view)
    except Exception as e:  # noqa: BLE001 - a broken driver must not take the app down
        return _note(note_text(NOTE, f"{type(e).__name__}: {e}"))


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("surface3dNote")
    label.setWordWrap(True)
    label.setToolTip(tr(HOW_TO_GET_IT))
    return label


def problem_text(error: BaseException) -> str:
    """One line naming what went wrong: PyOpenGL's GLError as its description and call
    ("GLError: invalid operation in glGetAttribLocation"), anything else as its first line."""
    description, operation = getattr(error, "description", None), getattr(error, "baseOperation", None)
    if description is not None and operation is not None:
        text = description.decode(errors="replace") if isinstance(description, bytes) else str(description)
        return f"{type(error).__name__}: {text} in {getattr(operation, '__name__', operation)}"
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}".rstrip(": ")


class _GLSurface(QWidget):
    """The surface in a guarded GL view (:mod:`.gl_guard`): drawn again after a new OpenGL context
    (the dock floated or docked), replaced by a note when OpenGL fails to draw."""

    fell_back = Signal(str)     # OpenGL failed: the note is shown (the problem, one line)

    def __init__(self, function_view) -> None:
        super().__init__()
        from .gl_guard import guarded_view  # imports pyqtgraph.opengl: only when OpenGL is there

        self.setObjectName("surface3d")
        self.setToolTip(tr("f(x, y) as a surface: drag to rotate, scroll to zoom"))
        self.problem = ""
        view = guarded_view(self._on_view_failed, self._on_view_new_context)
        self.view: GuardedView | None = view      # None once OpenGL failed (the note instead)
        view.setCameraPosition(distance=26, elevation=28, azimuth=-60)
        self._colormap = theme.sequential_map()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.view)
        self._function_view = function_view
        self._add_items()
        function_view.surface_changed.connect(self.refresh)
        function_view.log_scale.toggled.connect(self.refresh)
        self.refresh()

    def _add_items(self) -> None:
        import pyqtgraph.opengl as gl

        from .gl_guard import guard

        self.surface = gl.GLSurfacePlotItem(computeNormals=False, smooth=True)
        grid = gl.GLGridItem()
        grid.setSize(12, 12)
        assert self.view is not None, "items are added to a working view"
        for item in (self.surface, grid):
            guard(item, self.view)
            self.view.addItem(item)

    def _on_view_new_context(self) -> None:
        """The view has another OpenGL context (its window changed): new items, drawn again."""
        if self.view is None:
            return
        for item in list(self.view.items):
            self.view.removeItem(item)
        self._add_items()
        self.refresh()

    def _on_view_failed(self, error: BaseException) -> None:
        """OpenGL failed (called from inside a paint): fall back once, from the event loop."""
        if not self.problem:
            self.problem = problem_text(error)
            QTimer.singleShot(0, self._fall_back)

    def _fall_back(self) -> None:
        """The note instead of the GL view, which is deleted (on this, the main, thread)."""
        view, self.view = self.view, None
        if view is not None:
            self._layout.removeWidget(view)
            view.hide()
            view.deleteLater()
        self.note = _note(note_text(FAILED, self.problem))
        self._layout.addWidget(self.note)
        self.fell_back.emit(self.problem)

    def refresh(self, *_args) -> None:
        """Redraw f over the 2-D tab's grid: x and y scaled to a 10-wide square around the
        origin, the height above the minimum (its log10 when the 2-D tab shows a log scale)
        scaled to 0..4, coloured by height."""
        if self.view is None:
            return
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
