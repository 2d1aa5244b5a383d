"""The function views' state as plain data with methods: the 1-D descent and the 2-D race.

The article pictures gradient descent first on a function of one variable (the tangent
f(x_t) + eps f'(x_t) and the step eps_t = -eta f'(x_t)) and then on a function of two (paths
down a surface from a start, several optimizers racing).  The app shows both in the loss
surface's function tabs.  What those tabs show is a model here, owned by the studio, observed
by the views and set by the lessons, as the network is:

* :class:`Descent1D`: an objective (a shipped function or a typed expression), a start x_0,
  one optimizer with its hyperparameters, the step t shown, and the path walked so far
  (computed here, ahead of t by doubling: a step costs nothing);
* :class:`~core.surfaces.race_model.Race`: an objective, a start, the step limit, the runs
  (each an optimizer, its hyperparameters, its own start or the race's, and its path once
  walked) and the step t shown.  Its paths can take long (thousands of steps, up to eight
  runs): :func:`~core.surfaces.race_model.walk_race` walks them, in a worker thread in the app.

Subscribers hear an *aspect* of what changed (:data:`FUNCTION`, :data:`PATH`, :data:`RUNS`,
:data:`PATHS`, :data:`STEP`), so a view redraws only what depends on it (a new function
recomputes a heatmap grid; a new step t moves a marker).  A setter given the value the
model already has announces nothing.

These models are not part of the document: they are not saved with a project and not on the
undo stack.  A click on the plot is an experiment, like the hover readout; Ctrl+Z stays the
document's (the network, its values, the training configuration, the data).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backprop_studio.core.checks.errors import InputError

from .descent import DescentPath, descend
from .functions import OBJECTIVES, Objective, from_expression

FUNCTION = "function"   # the objective changed, and with it the start and the paths
PATH = "path"           # the 1-D view's start, optimizer, path or step t changed
RUNS = "runs"           # the race's runs, start or step limit changed: its paths are walked again
PATHS = "paths"         # the race's paths arrived
STEP = "step"           # the race's step t shown changed


class Observed:
    """A tiny observer list: ``subscribe(callback)``; ``callback(aspect)`` on each change."""

    def __init__(self) -> None:
        self._observers: list[Callable[[str], None]] = []

    def subscribe(self, callback: Callable[[str], None]) -> None:
        self._observers.append(callback)

    def unsubscribe(self, callback: Callable[[str], None]) -> None:
        self._observers.remove(callback)

    def _announce(self, aspect: str) -> None:
        for callback in list(self._observers):
            callback(aspect)


def objective_named(function: str | None, expression: str | None, dims: int) -> Objective:
    """The shipped objective ``function`` of ``dims`` variables, or (``function`` None) the typed
    ``expression``, parsed (never evaluated); InputError naming what is wrong."""
    if function is None:
        return from_expression(expression or "", dims)
    objective = OBJECTIVES.get(function)
    if objective is None or objective.dims != dims:
        names = ", ".join(n for n, o in OBJECTIVES.items() if o.dims == dims)
        raise InputError(f"no shipped function {function!r} of {dims} variable(s); the functions are {names}")
    return objective


class Chosen(Observed):
    """An objective chosen by name or typed, as a function view shows it."""

    def __init__(self, function: str, dims: int) -> None:
        super().__init__()
        self.dims = dims
        self.function: str | None = function
        self.expression: str | None = None
        self.objective = objective_named(function, None, dims)

    @property
    def choice(self) -> str | dict[str, str]:
        """The function shown, as a lesson file names it: a shipped name or {"expression": text}."""
        return self.function if self.function is not None else {"expression": self.expression or ""}

    def _choose(self, function: str | None, expression: str | None) -> bool:
        """Take the objective (InputError, nothing changed, when it cannot be); False when it is
        the one shown already."""
        objective = objective_named(function, expression, self.dims)
        expression = None if function is not None else expression
        if (function, expression) == (self.function, self.expression):
            return False
        self.function, self.expression, self.objective = function, expression, objective
        return True


class Descent1D(Chosen):
    """The univariate case: ``objective`` walked from ``start`` by ``optimizer``, step ``t`` shown.

    ``path`` holds at least the steps 0..t+1 (the step after t is drawn as "next") unless the
    path stopped earlier (converged or diverged); ``error`` is the reason the last walk was
    refused ("" when it was not): the path then stays as it was.
    """

    MAX_STEPS = 5000

    def __init__(self, function: str = "quartic", optimizer: str = "sgd",
                 hyper: dict[str, Any] | None = None) -> None:
        super().__init__(function, 1)
        self.start = float(self.objective.start[0])
        self.optimizer = optimizer
        self.hyper: dict[str, Any] = dict(hyper) if hyper is not None else {"learning_rate": 0.05}
        self.t = 0
        self.path: DescentPath | None = None
        self.error = ""
        self._walk(0, fresh=True)

    def set_function(self, function: str | None = None, expression: str | None = None) -> None:
        """Show another objective from its own start, at t = 0 (InputError: nothing changes)."""
        if self._choose(function, expression):
            self.start = float(self.objective.start[0])
            self._walk(0, fresh=True)
            self._announce(FUNCTION)

    def set_start(self, x: float) -> None:
        """Start from x_0 = ``x`` (a click on the plot), at t = 0."""
        self.start = float(x)
        self._walk(0, fresh=True)
        self._announce(PATH)

    def set_optimizer(self, optimizer: str, hyper: dict[str, Any]) -> None:
        """Walk with another optimizer or hyperparameters, showing the same t (where it exists)."""
        if (optimizer, hyper) != (self.optimizer, self.hyper):
            self.optimizer, self.hyper = optimizer, dict(hyper)
            self._walk(self.t, fresh=True)
            self._announce(PATH)

    def go_to(self, t: int) -> None:
        """Show step ``t`` (clamped to 0..MAX_STEPS and to where the path stopped)."""
        before = (self.t, self.path, self.error)
        self._walk(t)
        if (self.t, self.path, self.error) != before:
            self._announce(PATH)

    def step(self) -> None:
        self.go_to(self.t + 1)

    def show(self, function: str | None, expression: str | None, start: float | None,
             optimizer: str, hyper: dict[str, Any], t: int = 0) -> None:
        """Walk the shipped ``function`` (or the typed ``expression``) from ``start`` (None: the
        function's own) with ``optimizer`` and ``hyper``, showing step ``t`` (a lesson's step)."""
        objective = objective_named(function, expression, 1)
        self.function, self.expression = function, None if function is not None else expression
        self.objective = objective
        self.start = float(objective.start[0] if start is None else start)
        self.optimizer, self.hyper = optimizer, dict(hyper)
        self._walk(t, fresh=True)
        self._announce(FUNCTION)

    def state(self) -> dict[str, Any]:
        """What the view shows, in a lesson file's words (its "function1d" state)."""
        return {"function": self.choice, "start": [self.start], "optimizer": self.optimizer,
                "hyper": dict(self.hyper), "t": self.t}

    def _walk(self, t: int, fresh: bool = False) -> None:
        """Show step t, walking the path further first when it is too short (its length doubles,
        so stepping one by one costs a walk only now and then); ``fresh``: walk it anew."""
        t = max(0, min(int(t), self.MAX_STEPS))
        path, need = self.path, t + 1
        if fresh or path is None or (path.steps < need and path.reason == "steps"):
            horizon = max(need, 2 * (path.steps if path is not None and not fresh else 16))
            try:
                self.path = descend(self.objective, self.optimizer, self.hyper, (self.start,),
                                    min(horizon, self.MAX_STEPS + 1), tolerance=0.0)
            except InputError as e:
                self.error = str(e)
                return
            self.error = ""
        assert self.path is not None
        self.t = min(t, self.path.steps)
