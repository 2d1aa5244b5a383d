"""The 2-D function view's state: the optimizer race on f(x, y) (see :mod:`.function_model`).

Several runs walk one objective from one start (click the plot to move it; a lesson may give a
run a start of its own), each with its optimizer and hyperparameters, for at most ``steps``
steps; the view shows each path and the point x_t of every run at the step ``t`` chosen.

Walking the paths can take a while, so the model does not do it itself: every change that
needs new paths bumps :attr:`Race.generation`; whoever walks them (the app: a worker thread,
``gui/function_models.py``) takes a :meth:`Race.job`, runs :func:`walk_race` on it and hands
the paths back with :meth:`Race.set_paths`, which drops the paths of an outdated job.  Until
they arrive, :attr:`Race.ready` is False and each run shows the path it had.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from backprop_studio.core.engine.optimizers import OPTIMIZERS

from .descent import DescentPath, descend
from .function_model import FUNCTION, PATHS, RUNS, STEP, Chosen
from .functions import Objective

MAX_RUNS = 8
TOLERANCE = 1e-6     # gradient norm at which a run counts as converged


def describe(optimizer: str, hyper: dict[str, Any]) -> str:
    """A short label naming the optimizer and the hyperparameters that differ from its defaults."""
    defaults = OPTIMIZERS[optimizer].hyper({})
    parts = [f"η={hyper.get('learning_rate', defaults['learning_rate']):g}"]
    for key, value in sorted(hyper.items()):
        if key != "learning_rate" and (key not in defaults or value != defaults[key]):
            parts.append(f"{key}={value:g}" if isinstance(value, float) and math.isfinite(value)
                         else f"{key}={value}")
    return f"{optimizer} " + " ".join(parts)


@dataclass
class RaceRun:
    """One run: numbered from 1 in the order added (the number stays when others go)."""

    number: int
    optimizer: str
    hyper: dict[str, Any]
    path: DescentPath | None = field(default=None, repr=False)
    start: tuple[float, float] | None = None      # its own start (a lesson's); None: the race's

    @property
    def label(self) -> str:
        return f"#{self.number} {describe(self.optimizer, self.hyper)}"


@dataclass(frozen=True)
class RaceJob:
    """What walking the race needs, taken at one generation of the model."""

    generation: int
    objective: Objective
    runs: tuple[RaceRun, ...]
    specs: tuple[tuple[str, dict[str, Any], tuple[float, ...]], ...]   # (optimizer, hyper, start)
    steps: int


def walk_race(objective: Objective, specs: Sequence[tuple[str, dict[str, Any], Sequence[float]]],
              steps: int, *, should_stop: Callable[[], bool],
              progress: Callable[[int, int], None]) -> list[DescentPath | None]:
    """One descent path per (optimizer, hyper, start), at most ``steps`` steps, converged at a
    gradient norm of :data:`TOLERANCE`; None for the runs not reached before a cancel."""
    paths: list[DescentPath | None] = []
    for i, (optimizer, hyper, start) in enumerate(specs):
        if should_stop():
            paths.append(None)
            continue
        paths.append(descend(objective, optimizer, hyper, start, steps, TOLERANCE))
        progress(i + 1, len(specs))
    return paths


class Race(Chosen):
    """The race: ``runs`` on ``objective`` from ``start``, ``steps`` at most, step ``t`` shown.

    The last run is the one being configured (the view's optimizer controls edit it: see
    :meth:`configure_last`); Add run keeps it and starts a new one.
    """

    def __init__(self, function: str = "himmelblau", optimizer: str = "sgd",
                 hyper: dict[str, Any] | None = None, steps: int = 300) -> None:
        super().__init__(function, 2)
        self.start: tuple[float, float] = _point(self.objective.start)
        self.steps = steps
        self.runs: list[RaceRun] = []
        self.t = 0
        self.generation = 0
        self._walked = -1            # the generation the runs' paths were walked at
        self._numbers = 0
        self.add_run(optimizer, dict(hyper) if hyper is not None else {"learning_rate": 0.01})

    @property
    def ready(self) -> bool:
        """True once every run's path is the one of the current state."""
        return self._walked == self.generation

    @property
    def longest(self) -> int:
        """The most steps any walked path has (the range of t)."""
        return max((r.path.steps for r in self.runs if r.path is not None), default=0)

    # -- changes ---------------------------------------------------------------------------
    def set_function(self, function: str | None = None, expression: str | None = None) -> None:
        """Race on another objective, from its own start (InputError: nothing changes)."""
        if self._choose(function, expression):
            self.start = _point(self.objective.start)
            self._rewalk(FUNCTION)

    def set_start(self, x: float, y: float) -> None:
        """Start every run from (x, y) (a click on the plot), at t = 0."""
        self.start = (float(x), float(y))
        for run in self.runs:
            run.start = None
        self.t = 0
        self._rewalk(RUNS)

    def set_steps(self, steps: int) -> None:
        if int(steps) != self.steps:
            self.steps = int(steps)
            self._rewalk(RUNS)

    def add_run(self, optimizer: str, hyper: dict[str, Any]) -> str:
        """Race one more run; "" when it was added, else why not (at most :data:`MAX_RUNS`)."""
        if len(self.runs) >= MAX_RUNS:
            return f"at most {MAX_RUNS} runs race at once: remove one first"
        self._numbers += 1
        self.runs.append(RaceRun(self._numbers, optimizer, dict(hyper)))
        self._rewalk(RUNS)
        return ""

    def remove_run(self, index: int) -> str:
        """Remove run ``index`` (0-based); "" when it was removed, else why not.  The other
        runs keep their paths (a walk under way drops the removed run's)."""
        if len(self.runs) <= 1 or not 0 <= index < len(self.runs):
            return "the race keeps at least one run"
        del self.runs[index]
        self._announce(RUNS)
        return ""

    def configure_last(self, optimizer: str, hyper: dict[str, Any]) -> None:
        """The run being configured (the last) takes these settings; the finished runs keep theirs."""
        run = self.runs[-1]
        if (optimizer, hyper) != (run.optimizer, run.hyper):
            run.optimizer, run.hyper, run.path = optimizer, dict(hyper), None
            self._rewalk(RUNS)

    def set_t(self, t: int) -> None:
        """Show step ``t`` of every run (a run that stopped earlier shows its end)."""
        t = max(0, int(t))
        if t != self.t:
            self.t = t
            self._announce(STEP)

    def show(self, function: str | None, expression: str | None,
             runs: Sequence[tuple[Sequence[float] | None, str, dict[str, Any]]], steps: int) -> None:
        """Race ``runs`` (each: its own start or None for the function's, optimizer, hyper; at
        most :data:`MAX_RUNS`) for ``steps`` steps on the shipped ``function`` or the typed
        ``expression``, at t = 0 (a lesson's step)."""
        self._choose(function, expression)
        self.start = _point(self.objective.start)
        self.steps = int(steps)
        self.runs = [RaceRun(i + 1, optimizer, dict(hyper), start=_point(start) if start is not None else None)
                     for i, (start, optimizer, hyper) in enumerate(list(runs)[:MAX_RUNS])]
        self._numbers = len(self.runs)
        self.t = 0
        self._rewalk(FUNCTION)

    def state(self) -> dict[str, Any]:
        """What the view shows, in a lesson file's words (its "function2d" state)."""
        return {"function": self.choice, "steps": self.steps,
                "runs": [{"start": list(r.start or self.start), "optimizer": r.optimizer,
                          "hyper": dict(r.hyper)} for r in self.runs]}

    # -- walking the paths -----------------------------------------------------------------
    def job(self) -> RaceJob:
        """What :func:`walk_race` needs to walk the current runs."""
        runs = tuple(self.runs)
        return RaceJob(self.generation, self.objective, runs,
                       tuple((r.optimizer, dict(r.hyper), r.start or self.start) for r in runs), self.steps)

    def set_paths(self, job: RaceJob, paths: Sequence[DescentPath | None]) -> bool:
        """The paths :func:`walk_race` walked for ``job``; False (nothing changes) when the race
        has changed since the job was taken."""
        if job.generation != self.generation:
            return False
        for run, path in zip(job.runs, paths):     # a removed run just drops its path
            run.path = path
        self._walked = job.generation
        self.t = min(self.t, self.longest)
        self._announce(PATHS)
        return True

    def _rewalk(self, aspect: str) -> None:
        self.generation += 1
        self._announce(aspect)


def _point(values: Sequence[float]) -> tuple[float, float]:
    x, y = (float(v) for v in values)
    return x, y
