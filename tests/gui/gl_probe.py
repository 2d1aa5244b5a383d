"""Run by tests/gui/test_surface_3d_xvfb.py under ``xvfb-run`` (a real X server with Mesa's
OpenGL): the Loss Surface's 3-D tab is shown, and what it shows is printed as one JSON line.

    python -m tests.gui.gl_probe works        the 3-D view draws
    python -m tests.gui.gl_probe reparented   ... and draws again in another window (a new context)
    python -m tests.gui.gl_probe shaders      shader programs fail to link: the note, the 2-D tab

(With ``MESA_GL_VERSION_OVERRIDE=2.0`` in the environment, ``works`` sees an OpenGL below 2.1.)
Waits are on conditions (a frame drawn, the note shown), each with a limit, never fixed sleeps.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

LIMIT_MS = 20_000


def wait_for(condition: Callable[[], bool], limit_ms: int = LIMIT_MS) -> bool:
    """Run the event loop until ``condition()`` holds (checked as events arrive), or the limit."""
    loop = QEventLoop()
    check = QTimer()
    check.timeout.connect(lambda: condition() and loop.quit())
    check.start(10)
    QTimer.singleShot(limit_ms, loop.quit)
    if not condition():
        loop.exec()
    check.stop()
    return condition()


def lit(view) -> float:
    """The share of the view's pixels that are not the black background."""
    image = view.grabFramebuffer()
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).reshape(-1, 4)[:, :3]
    return float((data.max(axis=1) > 40).mean())


def break_shaders() -> None:
    """Shader programs fail to link, as with the drivers of issue 25 (GLError in glGetAttribLocation)."""
    from OpenGL import GL
    from OpenGL.error import GLError
    from OpenGL.GL import shaders

    def fail(*_shaders, **_kw):
        raise GLError(err=1282, description=b"invalid operation", baseOperation=GL.glGetAttribLocation)

    shaders.compileProgram = fail


def main(mode: str) -> dict:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.documents import DEFAULT_EXAMPLE
    from backprop_studio.gui.plots.surface_plot import LossSurface
    from backprop_studio.gui.studio import StudioSession

    if mode == "shaders":
        break_shaders()
    surface = LossSurface(StudioSession(project_file.load(DEFAULT_EXAMPLE)))
    surface.resize(640, 480)
    surface.show()
    tab = surface.view3d
    out: dict = {"platform": app.platformName(), "widget": tab.objectName()}
    surface.tabs.setCurrentWidget(tab)
    frames = []
    view = getattr(tab, "view", None)
    if view is not None:
        view.frameSwapped.connect(lambda: frames.append(1))
    wait_for(lambda: len(frames) >= 2 or bool(getattr(tab, "problem", "")))
    if getattr(tab, "problem", ""):
        wait_for(lambda: getattr(tab, "view", None) is None, 2_000)   # the fall-back runs from the event loop
    if mode == "reparented" and getattr(tab, "view", None) is not None:
        out["lit_before"] = lit(tab.view)
        frames.clear()
        host = QWidget()                 # another window: a new OpenGL context
        host.resize(700, 520)
        surface.setParent(host)
        host.show()
        surface.show()
        wait_for(lambda: len(frames) >= 2 or bool(getattr(tab, "problem", "")))
    view = getattr(tab, "view", None)
    out["problem"] = getattr(tab, "problem", None)
    out["lit"] = lit(view) if view is not None else None
    out["frames"] = len(frames)
    out["contexts"] = getattr(view, "_contexts", None)
    note = tab.findChild(QLabel, "surface3dNote") if tab.objectName() != "surface3dNote" else tab
    out["note"] = note.text() if note is not None else None
    out["tab"] = surface.tabs.tabText(surface.tabs.currentIndex())
    out["tab_tip"] = surface.tabs.tabToolTip(surface.tabs.indexOf(tab))
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
    sys.stdout.flush()
