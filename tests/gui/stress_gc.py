"""Stress: Qt garbage in reference cycles while background jobs allocate.

Run as a script (``tests/gui/test_stress_gc.py`` runs it in a child process, so a crash or a
deadlock fails that test instead of killing the suite)::

    python tests/gui/stress_gc.py [SECONDS] [--no-guard]

For SECONDS (default 20) the main window trains xor in run mode while background jobs run
one after another (network landscapes, optimizer races, gradient checks), and a timer keeps
creating and dropping widgets, plots and menus that hold themselves in reference cycles,
so only the cyclic collector can free them.  It prints ``survived`` and exits 0 when the
process lived through it.

With ``--no-guard`` the app's main-thread collector (:mod:`gui.main_thread_gc`) is left
out, so Python collects on whichever thread allocates: the worker threads then destroy Qt
objects and the process segfaults or deadlocks (seen with PySide6 6.11.3 in 3 of 3 runs).
"""
from __future__ import annotations

import faulthandler
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
faulthandler.enable()          # a crash prints every thread's stack

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QVBoxLayout, QWidget  # noqa: E402


def main(argv: list[str]) -> int:
    seconds = float(next((a for a in argv if not a.startswith("--")), 20))
    guard = "--no-guard" not in argv
    QCoreApplication.setOrganizationName("BackpropStudioStress")
    app = QApplication.instance() or QApplication(["stress"])
    import pyqtgraph as pg

    from backprop_studio.core.files import project_file
    from backprop_studio.gui import main_thread_gc
    from backprop_studio.gui.documents import EXAMPLES_DIR
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession
    from backprop_studio.gui.workers import TaskRunner

    # the trained document counts as unsaved: quitting discards it without asking
    QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Discard
    if not guard:   # what the app did before main_thread_gc existed
        main_thread_gc.install = lambda app=None: None
    window = MainWindow(StudioSession(project_file.load(EXAMPLES_DIR / "xor.json")), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    window.resize(1400, 900)
    window.show()
    if guard:
        assert main_thread_gc.installed()
    studio = window.studio
    studio.start()                                     # a long run on the main thread
    surface = window.views["lossSurface"]
    window.docks["lossSurface"].raise_()
    landscape, race = surface.network, surface.function2d
    for _ in range(3):
        race.add_run()                                  # the race has several optimizers
    debugger = window.views["stepDebugger"]
    extra = TaskRunner()                                # a job that only allocates
    counts = {"widgets": 0, "jobs": 0}

    def allocate(*, should_stop, progress) -> int:
        junk = []
        for i in range(2_000):
            if should_stop():
                break
            junk.append([np.zeros(8), {"i": i}, (i, [i])])   # containers: they count for the collector
            if len(junk) > 200:
                junk.clear()
        return len(junk)

    def jobs() -> None:
        counts["jobs"] += 1
        landscape.compute()
        race.set_start(*race.start)                     # the race is walked again, in a worker
        if not debugger.gradcheck.running:
            debugger.gradcheck.run(whole_set=True)
        if not extra.running:
            extra.start(allocate)

    def garbage() -> None:
        for _ in range(3):
            w = QWidget()
            w.cycle = w                                  # only the cyclic collector frees it
            layout = QVBoxLayout(w)
            label = QLabel("x", w)
            layout.addWidget(label)
            label.owner = w
            menu = QMenu()
            menu.cycle = menu
            action = menu.addAction("item")
            action.menu_ = menu
            plot = pg.PlotWidget()
            plot.cycle = plot
            item = plot.plot(np.random.default_rng(0).random(50))
            item.plot_ = plot
            counts["widgets"] += 3
        if not studio.running and studio.session.diverged is None:
            studio.start()

    job_timer = QTimer()
    job_timer.timeout.connect(jobs)
    job_timer.start(150)
    garbage_timer = QTimer()
    garbage_timer.timeout.connect(garbage)
    garbage_timer.start(5)
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    job_timer.stop()
    garbage_timer.stop()
    studio.stop()
    window.close()
    import gc
    collections = [g["collections"] for g in gc.get_stats()]
    print(f"survived {seconds:g} s: {counts['widgets']} widgets dropped in cycles, {counts['jobs']} job rounds,"
          f" {studio.session.step_count} training steps, collections by generation {collections},"
          f" automatic collection {'on' if gc.isenabled() else 'off'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
