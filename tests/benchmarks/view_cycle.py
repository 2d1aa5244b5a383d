"""Training runs while every view is raised in turn: how long did the event loop go unturned?

Issue 22: "Cycling through the tabs while running on this project freezes the window."  This
is the measurement, shared by the benchmark rows in :mod:`tests.benchmarks.bench_gui` (the
real figures) and ``tests/gui/test_views_stay_responsive.py`` (a liveness bound only).

:class:`ViewCycle` starts training as fast as possible, then raises each dock in turn and,
in a dock with tabs, each tab, for an equal share of the time, while a probe timer fires
every :data:`PROBE_MS`.  Each gap between two probes is recorded twice:

* in wall time: what a user waits for a key press to be answered;
* in CPU time of the main thread (``time.thread_time``): the app's own work in that gap.
  On a shared, loaded machine the operating system may leave the process waiting for a
  core, which lengthens the wall gap though the app did no more work; the CPU figure is the
  part the app can do something about.

Run by itself it prints one JSON line (the benchmark runs it so, in a process of its own,
with a deadline: a view that blocks the event loop for good still gives an answer)::

    python -m tests.benchmarks.view_cycle --project mnist --seconds 20 [--without-graph]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field

import numpy as np

PROBE_MS = 5
SETTLE_SECONDS = 1.0      # the window is left to lay itself out and paint before the measurement
PROJECTS = ("mnist", "article")
GRAPH = "computationGraph"


def mnist_like_session(samples: int = 512, seed: int = 0):
    """784-128-10 (ReLU hidden, softmax output, cross-entropy, Adam, batches of 32) on random
    data of MNIST's shape: 784 inputs, one-hot targets of 10 classes."""
    from backprop_studio.core.data.datasets import Dataset
    from backprop_studio.core.engine.network import build
    from backprop_studio.core.training.session import Session, TrainingConfig

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(samples, 784))
    y = np.eye(10)[rng.integers(0, 10, samples)]
    config = TrainingConfig(loss="cross_entropy", optimizer="adam", optimizer_params={"learning_rate": 1e-3},
                            batch_size=32)
    return Session(build([784, 128, 10], ["relu", "softmax"], seed=seed), Dataset(x, y), config)


def article_session():
    """The article's 3-2-1 network (resources/examples/article_3_2_1.json)."""
    from backprop_studio.core.files import project_file
    from backprop_studio.core.files.resources import EXAMPLES_DIR

    return project_file.load(EXAMPLES_DIR / "article_3_2_1.json")


def session_for(project: str):
    return mnist_like_session() if project == "mnist" else article_session()


def leave_out(names: set[str]):
    """A ``create_view`` for :class:`gui.main_window.MainWindow` that puts a placeholder in the
    docks of ``names`` (patch ``backprop_studio.gui.main_window.create_view`` with it): a view
    left out of a measurement (--without-graph compares the app without the Computation Graph)."""
    from PySide6.QtWidgets import QLabel

    from backprop_studio.gui import views

    def create_view(name, studio):
        if name not in names:
            return views.create_view(name, studio)
        placeholder = QLabel(f"{name} is left out of this measurement")
        placeholder.setObjectName(name)
        return placeholder
    return create_view


def targets(window, skip: tuple[str, ...] = ()) -> list[tuple[str, int | None]]:
    """Every dock of ``window`` (by view name) and, for a view with tabs, each of its tabs."""
    from PySide6.QtWidgets import QTabWidget

    out: list[tuple[str, int | None]] = []
    for name in window.docks:
        if name in skip:
            continue
        tabs = getattr(window.views[name], "tabs", None)
        if isinstance(tabs, QTabWidget):
            out += [(name, i) for i in range(tabs.count())]
        else:
            out.append((name, None))
    return out


@dataclass
class Gap:
    wall_ms: float = 0.0
    cpu_ms: float = 0.0

    def worst(self, wall_ms: float, cpu_ms: float) -> None:
        self.wall_ms = max(self.wall_ms, wall_ms)
        self.cpu_ms = max(self.cpu_ms, cpu_ms)


@dataclass
class CycleResult:
    worst: Gap = field(default_factory=Gap)
    per_view: dict[str, Gap] = field(default_factory=dict)   # "name" or "name[tab]"
    shown: dict[str, bool] = field(default_factory=dict)     # was the view visible while raised
    steps: int = 0
    seconds: float = 0.0
    walls: list[float] = field(default_factory=list)          # every gap, wall ms

    def as_dict(self) -> dict:
        median = float(np.median(self.walls)) if self.walls else 0.0
        return {"worst_wall_ms": round(self.worst.wall_ms, 1), "worst_cpu_ms": round(self.worst.cpu_ms, 1),
                "median_wall_ms": round(median, 1), "steps": self.steps, "seconds": round(self.seconds, 2),
                "per_view": {k: [round(g.wall_ms, 1), round(g.cpu_ms, 1)] for k, g in self.per_view.items()},
                "shown": self.shown}


class ViewCycle:
    """Train while raising every view of ``window`` in turn for ``seconds`` in all.

    Call :meth:`start`, then turn the event loop until :attr:`done` (``qtbot.waitUntil`` in a
    test); :attr:`result` then holds the gaps.  Training is paused at the end.
    """

    def __init__(self, window, seconds: float, skip: tuple[str, ...] = ()) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.window = window
        self.studio = window.studio
        self.targets = targets(window, skip)
        self.dwell_ms = max(1, int(seconds * 1000 / len(self.targets)))
        self.result = CycleResult()
        self.done = False
        self._index = -1
        self._label = "start"
        self._probe = QTimer()
        self._probe.setTimerType(Qt.TimerType.PreciseTimer)
        self._probe.setInterval(PROBE_MS)
        self._probe.timeout.connect(self._on_probe)
        self._next = QTimer()
        self._next.setSingleShot(True)
        self._next.timeout.connect(self._raise_next)

    def start(self) -> None:
        self._steps0 = self.studio.session.step_count
        self._started = time.perf_counter()
        self._wall, self._cpu = time.perf_counter(), time.thread_time()
        self._probe.start()
        self.window.controls.fastest.click()    # as fast as possible (the default speed is watchable)
        self.studio.start()
        self._raise_next()

    def _on_probe(self) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        gap_wall, gap_cpu = (wall - self._wall) * 1000 - PROBE_MS, (cpu - self._cpu) * 1000
        self._wall, self._cpu = wall, cpu
        self.result.worst.worst(gap_wall, gap_cpu)
        self.result.walls.append(gap_wall)
        self.result.per_view.setdefault(self._label, Gap()).worst(gap_wall, gap_cpu)

    def _raise_next(self) -> None:
        if 0 <= self._index < len(self.targets):        # the view raised last: was it shown?
            name, _tab = self.targets[self._index]
            self.result.shown[self._label] = self._shown(name)
        self._index += 1
        if self._index == len(self.targets):
            self._finish()
            return
        name, tab = self.targets[self._index]
        self._label = name if tab is None else f"{name}[{tab}]"
        dock = self.window.docks[name]
        dock.show()
        dock.raise_()
        if tab is not None:
            self.window.views[name].tabs.setCurrentIndex(tab)
        self._next.start(self.dwell_ms)

    def _shown(self, name: str) -> bool:
        view = self.window.views[name]
        return view.isVisible() and not view.visibleRegion().isEmpty()

    def _finish(self) -> None:
        self.studio.stop()
        self._probe.stop()
        self.result.steps = self.studio.session.step_count - self._steps0
        self.result.seconds = time.perf_counter() - self._started
        self.done = True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.view_cycle", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", choices=PROJECTS, default="mnist")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--without-graph", action="store_true",
                        help="put a placeholder in the Computation Graph's dock (it is measured apart)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("BackpropStudioBenchmarks")
    app = QApplication.instance() or QApplication([])
    from backprop_studio.gui import main_window
    from backprop_studio.gui.studio import StudioSession

    if args.without_graph:
        main_window.create_view = leave_out({GRAPH})
    started = time.perf_counter()
    window = main_window.MainWindow(StudioSession(session_for(args.project)), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    window.resize(1366, 768)
    window.show()
    while time.perf_counter() - started < 60 and not window.docks["stepDebugger"].isVisible():
        app.processEvents()
    built = time.perf_counter() - started
    settled = time.perf_counter() + SETTLE_SECONDS       # the first layout and paint are start-up, not this
    while time.perf_counter() < settled:
        app.processEvents()
    cycle = ViewCycle(window, args.seconds, skip=(GRAPH,) if args.without_graph else ())
    cycle.start()
    while not cycle.done:
        app.processEvents()
    window.studio.set_unmodified()
    window.close()
    print(json.dumps(dict(cycle.result.as_dict(), built_seconds=round(built, 2))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
