"""A pyqtgraph 3-D view that reports OpenGL failures instead of printing them, and survives a new
OpenGL context.

Two things go wrong with pyqtgraph's GLViewWidget where OpenGL exists:

* **A driver that cannot draw it** (below OpenGL 2.1, or shaders that do not compile or link, as
  with some Mesa set-ups under Xvfb): ``initializeGL`` raises, or each item's ``paint`` raises a
  ``GLError`` that pyqtgraph catches and prints as a traceback, every frame, over a black view.
  Here ``initializeGL``, ``paintGL`` and every item's ``paint`` (children too) are guarded: the
  first error goes to ``on_failed`` (once) and nothing more is drawn, so the owner can show a note.
* **A new context.** A QOpenGLWidget gets a new context when it moves to another window (a dock
  floated or docked again).  pyqtgraph keeps compiled shader programs on its item classes and
  buffers on the items, made in the old context: drawing with them fails (``glUseProgram``:
  invalid value).  Here a second ``initializeGL`` forgets the compiled programs and calls
  ``on_new_context``, where the owner makes new items.

Only imported where OpenGL is available (it imports pyqtgraph.opengl).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyqtgraph.opengl as gl
from pyqtgraph.opengl import shaders

Failed = Callable[[BaseException], None]


def forget_compiled_shaders() -> None:
    """Drop pyqtgraph's compiled shader programs (kept per class or per program, not per
    context): the next paint compiles them again in the current context."""
    for value in vars(gl).values():
        if isinstance(value, type) and "_shaderProgram" in vars(value):
            setattr(value, "_shaderProgram", None)  # noqa: B010 - pyqtgraph's private cache
    for program in shaders.ShaderProgram.names.values():
        program.prog = None
        for shader in program.shaders:
            shader.compiled = None


def guard(item: Any, view: Any) -> None:
    """Make ``item`` and its children report a failing ``paint`` to ``view.report`` (and draw
    nothing more) instead of raising into pyqtgraph, which would print a traceback per frame."""
    for node in [item, *item.childItems()]:
        paint = node.paint

        def guarded(paint: Callable[[], None] = paint) -> None:
            if view.failed:
                return
            try:
                paint()
            except Exception as e:  # noqa: BLE001 - any driver error: report it, draw nothing
                view.report(e)

        node.paint = guarded
        if node is not item:
            guard(node, view)


class GuardedView(gl.GLViewWidget):
    """A GLViewWidget whose OpenGL failures go to ``on_failed`` and whose new contexts go to
    ``on_new_context`` (see the module's docstring)."""

    def __init__(self, on_failed: Failed, on_new_context: Callable[[], None]) -> None:
        super().__init__()
        self.failed = False
        self._on_failed = on_failed
        self._on_new_context = on_new_context
        self._contexts = 0

    def report(self, error: BaseException) -> None:
        if not self.failed:
            self.failed = True
            self._on_failed(error)

    def initializeGL(self) -> None:  # noqa: N802 - Qt's name
        try:
            if self._contexts:            # a new context: the old one's programs and buffers are gone
                forget_compiled_shaders()
                self._on_new_context()
            self._contexts += 1
            super().initializeGL()
        except Exception as e:  # noqa: BLE001 - e.g. "Requires >= OpenGL 2.1"
            self.report(e)

    def paintGL(self) -> None:  # noqa: N802 - Qt's name
        if self.failed:
            return
        try:
            super().paintGL()
        except Exception as e:  # noqa: BLE001
            self.report(e)


def guarded_view(on_failed: Failed, on_new_context: Callable[[], None]) -> GuardedView:
    return GuardedView(on_failed, on_new_context)
