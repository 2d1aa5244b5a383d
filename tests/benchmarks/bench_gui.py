"""GUI rows, offscreen (QT_QPA_PLATFORM=offscreen).

- frames per second and the worst event-loop latency while xor trains in run mode with every
  view visible (the docks are laid side by side, none hidden behind a tab);
- sample-steps per second in that run (steps x batch size / wall time);
- the worst event-loop gap while a 251x251 network landscape is computed in a worker thread and
  the network trains in run mode (tests/gui/test_surface_network.py checks, without a clock,
  that the run goes on while the computation is held mid-grid in its thread);
- cold start: a fresh process from launch until the main window is shown and the event loop
  turns (``BACKPROP_STUDIO_STARTUP_PROBE`` makes the app print "shown" then and quit);
- the worst event-loop gap while training runs and every dock and tab is raised in turn
  (issue 22), on the article's 3-2-1 network and on 784-128-10, the latter with and without
  the Computation Graph (:mod:`.view_cycle`, each in a process of its own with a deadline).
  The main thread's CPU time in that gap is given beside it: on a loaded machine the wall
  figure also counts the time the process waited for a core.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .timing import Row

REPO = Path(__file__).resolve().parents[2]
XOR = REPO / "resources" / "examples" / "xor.json"


def _window():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("BackpropStudioBenchmarks")
    app = QApplication.instance() or QApplication([])
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    window = MainWindow(StudioSession(project_file.load(XOR)))
    window.documents.autosave_timer.stop()
    window.resize(1900, 1200)
    # every view visible: untabify the docks into a grid
    docks = window.docks
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks["hyperparameters"])
    window.splitDockWidget(docks["hyperparameters"], docks["datasetPanel"], Qt.Orientation.Vertical)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks["lossCurve"])
    window.splitDockWidget(docks["lossCurve"], docks["decisionBoundary"], Qt.Orientation.Horizontal)
    window.splitDockWidget(docks["decisionBoundary"], docks["lossSurface"], Qt.Orientation.Horizontal)
    for dock in docks.values():
        dock.show()
    window.show()
    return app, window


def run_mode(quick: bool = False) -> list[Row]:
    from PySide6.QtCore import QElapsedTimer, QTimer

    app, window = _window()
    studio = window.studio
    seconds = 3.0 if quick else 8.0
    for _ in range(10):
        app.processEvents()
    frames, gaps = [0], []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def probe() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(probe)
    studio.step_taken.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    steps0 = studio.session.step_count
    batch = studio.session.config.batch_size or len(studio.session.dataset)
    t0 = time.perf_counter()
    window.controls.fastest.click()        # as fast as possible (the default speed is watchable)
    studio.start()
    timer.start()
    while time.perf_counter() - t0 < seconds:
        app.processEvents()
    wall = time.perf_counter() - t0
    steps = studio.session.step_count - steps0
    # pause as a click does: a queued request, handled when the event loop gets to it
    paused = []
    requested = time.perf_counter()
    QTimer.singleShot(0, lambda: (studio.stop(), paused.append(time.perf_counter())))
    while not paused:
        app.processEvents()
    after_pause = studio.session.step_count
    for _ in range(20):
        app.processEvents()
    pause_ms = (paused[0] - requested) * 1000
    still_running = studio.session.step_count != after_pause
    timer.stop()
    # pause: how long after stop() until no further step is taken
    window.studio.set_unmodified()
    window.close()
    fps = frames[0] / wall
    worst = max(gaps[1:] or [0]) - 5
    rate = steps * batch / wall
    return [Row("gui: redraws per second training xor, all views", f"{fps:.1f} fps", ">= 30 fps", fps >= 30),
            Row("gui: worst event-loop latency, same run", f"{worst:.0f} ms", "<= 100 ms", worst <= 100),
            Row("gui: pause takes effect after",
                f"{pause_ms:.0f} ms" + (" (but steps went on!)" if still_running else ""),
                "<= 100 ms", pause_ms <= 100 and not still_running),
            Row("gui: sample-steps per second in run mode", f"{rate:,.0f} /s  ({steps:,} steps x batch {batch})",
                ">= 2,000 /s", rate >= 2000)]


def landscape_responsiveness(grid: int = 251) -> dict:
    """Probe the event loop every 10 ms while a big landscape computes and xor trains.

    Returns the gaps between probes (seconds), the landscape, the steps trained, the seconds
    the computation took and whether a pause requested afterwards took effect.  Needs a
    QApplication; used by the benchmark row below.
    """
    import numpy as np
    from PySide6.QtCore import QCoreApplication, QTimer

    from backprop_studio.core.data.datasets import Dataset
    from backprop_studio.core.data.generators import GENERATORS
    from backprop_studio.core.engine.network import build
    from backprop_studio.core.training.session import Session, TrainingConfig
    from backprop_studio.gui.plots.surface_plot import LossSurface
    from backprop_studio.gui.studio import StudioSession

    app = QCoreApplication.instance()
    x, y = GENERATORS["xor"](400, 0.1, np.random.default_rng(0))
    config = TrainingConfig(loss="bce", optimizer_params={"learning_rate": 0.3})
    studio = StudioSession(Session(build([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], seed=1),
                                    Dataset(x, y), config))
    view = LossSurface(studio)
    view.resize(900, 600)
    view.show()
    net_view = view.network
    net_view.grid.setValue(grid)      # 63,001 grid points x 400 samples: seconds of work
    stamps: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: stamps.append(time.perf_counter()))
    probe.start()
    net_view.compute()
    studio.start()
    started = time.perf_counter()
    while net_view.runner.running and time.perf_counter() - started < 120:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    steps = studio.session.step_count
    studio.stop()
    app.processEvents()
    paused_at = studio.session.step_count
    for _ in range(5):
        app.processEvents()
    probe.stop()
    view.shutdown()
    view.deleteLater()
    return {"gaps": np.diff(stamps), "landscape": net_view.landscape, "steps": steps, "seconds": elapsed,
            "paused": studio.session.step_count == paused_at and not studio.running}


def responsiveness(quick: bool = False) -> Row:
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    found = landscape_responsiveness(101 if quick else 251)
    worst = found["gaps"].max() * 1000
    return Row("gui: worst event-loop gap, big landscape in a worker + run mode", f"{worst:.0f} ms "
               f"({found['seconds']:.1f} s of work, {found['steps']:,} steps)", "<= 100 ms", worst <= 100)


def cold_start(quick: bool = False) -> Row:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_STARTUP_PROBE="1")
    times = []
    for _ in range(2 if quick else 4):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=60)
        if "shown" not in out.stdout:
            return Row("gui: cold start to a shown window (own process)", "failed: " + out.stderr[-200:],
                       "< 2 s", False)
        times.append(time.perf_counter() - t0)
    best = min(times)
    return Row("gui: cold start to a shown window (own process)",
               f"{best:.2f} s (best of {len(times)}; median {sorted(times)[len(times) // 2]:.2f} s)",
               "< 2 s", best < 2.0)


CYCLES = (("article", False, "3-2-1"), ("mnist", True, "784-128-10 without the Computation Graph"),
          ("mnist", False, "784-128-10 with the Computation Graph"))


def view_cycle(project: str, without_graph: bool, title: str, quick: bool = False) -> Row:
    """One run of :mod:`.view_cycle` in a fresh process; a process that misses its deadline
    (a view that blocks the event loop for good) is reported as frozen."""
    import json

    seconds = 5.0 if quick else 20.0
    name = f"gui: worst event-loop gap, every view raised in turn while running, {title}"
    command = [sys.executable, "-m", "tests.benchmarks.view_cycle", "--project", project, "--seconds", str(seconds)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    deadline = seconds + 180
    try:
        out = subprocess.run(command + (["--without-graph"] if without_graph else []), cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=deadline)
    except subprocess.TimeoutExpired:
        return Row(name, f"frozen: not done {deadline:.0f} s after start", "<= 100 ms", False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        return Row(name, "failed: " + out.stderr.strip()[-200:], "<= 100 ms", False)
    found = json.loads(lines[-1])
    worst = found["worst_wall_ms"]
    where = max(found["per_view"], key=lambda view: found["per_view"][view][0])
    return Row(name, f"{worst:.0f} ms (main thread's CPU in it {found['worst_cpu_ms']:.0f} ms; at {where}; "
               f"median gap {found['median_wall_ms']:.0f} ms; {found['steps']:,} steps in {found['seconds']:.0f} s)",
               "<= 100 ms", worst <= 100)


def run(quick: bool = False) -> list[Row]:
    return (run_mode(quick) + [responsiveness(quick), cold_start(quick)]
            + [view_cycle(*cycle, quick=quick) for cycle in CYCLES])
