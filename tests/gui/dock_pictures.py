"""The pictures in docs/docks/: each dock, and each page of a dock with tabs, at 1366x768.

    QT_QPA_PLATFORM=offscreen python -m tests.gui.dock_pictures docs/docks

The window opens on xor after 300 training steps in the default layout at 1366x768 (as
``backprop-studio resources/examples/xor.json --steps 300 --screenshot OUT --size 1366x768``),
raises each dock and each page of its outer tab widget in turn, and saves the dock (with the
tab bar under it) as ``<dock>[-<page>].png`` through the one atomic writer.  Not a test: the
pictures are for people to look at (tests/gui/test_every_view_readable.py checks the same
arrangements).
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

SIZE = (1366, 768)
EXAMPLE, STEPS = "resources/examples/xor.json", 300


def _settle(app, turns: int = 40) -> None:
    for _ in range(turns):
        app.processEvents()


def _let_workers_finish(app, window) -> None:
    """Until the computations a page started (a landscape, a race) are done (not a test: a
    picture may wait; at most 30 s)."""
    from PySide6.QtCore import QDeadlineTimer, QThread

    from backprop_studio.gui.workers import TaskRunner

    deadline = QDeadlineTimer(30_000)
    while not deadline.hasExpired():
        _settle(app)
        QThread.msleep(50)
        _settle(app)
        busy = [r for r in window.findChildren(TaskRunner) if r.running]
        timers = [t for t in window.findChildren(QTimer) if t.isActive() and t.isSingleShot() and t.interval() <= 1000]
        if not busy and not timers:
            return


def _png(pixmap) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    return bytes(buffer.data().data())


def main(out: Path) -> int:
    home = tempfile.mkdtemp(prefix="bps-pictures-")          # never the user's settings
    os.environ.update(XDG_CONFIG_HOME=f"{home}/c", XDG_DATA_HOME=f"{home}/d", BACKPROP_STUDIO_DATA=f"{home}/a")
    from PySide6.QtWidgets import QApplication, QTabWidget

    from backprop_studio.core.checks.atomic import write_atomically
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    app = QApplication.instance() or QApplication(["backprop-studio"])
    studio = StudioSession(project_file.load(EXAMPLE))
    window = MainWindow(studio, restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    window.resize(*SIZE)
    window.show()
    _settle(app)
    for _ in range(STEPS):
        studio.session.step()
    studio.params_changed.emit()
    studio.step_taken.emit()
    out.mkdir(parents=True, exist_ok=True)
    for name, dock in window.docks.items():
        dock.show()
        dock.raise_()
        _settle(app)
        tabs = [t for t in dock.widget().findChildren(QTabWidget) if t.isVisible()]
        outer = [t for t in tabs if not any(o is not t and o.isAncestorOf(t) for o in tabs)]
        for i in range(outer[0].count()) if outer else [None]:
            if i is not None:
                outer[0].setCurrentIndex(i)
            _let_workers_finish(app, window)       # landscapes and races are computed in workers
            page = "" if i is None else "-" + re.sub(r"[^a-z0-9]+", "", outer[0].tabText(i).lower())
            g = dock.geometry()
            below = 26 if g.bottom() + 26 < window.height() else 0      # the dock's tab bar
            write_atomically(out / f"{name}{page}.png", _png(window.grab(g.adjusted(0, 0, 0, below))))
            print(f"{name}{page}.png")
    studio.set_unmodified()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/docks")))
