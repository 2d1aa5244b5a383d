"""Gradient-descent paths on an :class:`~core.surfaces.functions.Objective`.

Any optimizer of :mod:`core.engine.optimizers` walks the objective from a starting point x_0:

    g_t = grad f(x_t),    (Delta x_t, state_t+1) = optimizer.step(x_t, g_t, state_t),
    x_t+1 = x_t + Delta x_t

which for plain SGD is the article's x' = x - eta grad f(x).  A path stops at the first of

* ``"steps"``: the step limit was reached;
* ``"converged"``: ||g_t|| <= ``tolerance``;
* ``"diverged"``: f(x_t), g_t or x_t became non-finite, or |f| or |x| exceeded ``limit``.

On divergence the offending point is not recorded when it is non-finite (the path keeps
its last finite point, as training does); a huge but finite point is recorded.

For the univariate case each step also has its tangent line: f(x_t) + eps f'(x_t) is the
article's first-order prediction of f(x_t + eps), and the step actually taken is
eps_t = x_t+1 - x_t (:meth:`DescentPath.predicted_losses`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.param_spec import ParamError

from .functions import Objective

Array = NDArray[np.float64]

DEFAULT_LIMIT = 1e10


@dataclass
class DescentPath:
    """One path: rows t = 0..n are the points visited, x_0 the start.

    points: (n+1, dims); losses: (n+1,); gradients: (n+1, dims);
    states[t]: the optimizer state at x_t (states[0] is the fresh state);
    ``reason`` is steps, converged or diverged; ``diverged_at`` the step number (1-based,
    the step that produced the bad value) or 0 when the start itself is bad.
    """

    objective: str
    optimizer: str
    hyper: dict[str, Any]
    points: Array
    losses: Array
    gradients: Array
    states: list[dict[str, Any]] = field(repr=False)
    reason: str
    diverged_at: int | None = None
    message: str = ""

    @property
    def steps(self) -> int:
        """The number of steps taken, n."""
        return len(self.points) - 1

    @property
    def start(self) -> Array:
        return self.points[0]

    @property
    def end(self) -> Array:
        return self.points[-1]

    @property
    def steps_taken(self) -> Array:
        """eps_t = x_t+1 - x_t for t = 0..n-1, shape (n, dims)."""
        return np.diff(self.points, axis=0)

    def predicted_losses(self) -> Array:
        """The first-order prediction f(x_t) + eps_t . grad f(x_t) of f(x_t+1), shape (n,)."""
        return self.losses[:-1] + np.sum(self.steps_taken * self.gradients[:-1], axis=1)

    def tangent(self, t: int, xs: Array) -> Array:
        """The tangent line of a 1-D objective at x_t evaluated at ``xs``:
        f(x_t) + (xs - x_t) f'(x_t)."""
        if self.points.shape[1] != 1:
            raise ValueError("a tangent line needs a 1-D objective")
        x_t, f_t, slope = self.points[t, 0], self.losses[t], self.gradients[t, 0]
        return f_t + (np.asarray(xs, dtype=np.float64) - x_t) * slope


def optimizer_name(optimizer: str) -> str:
    """``optimizer`` when it names a registry entry; InputError naming the known ones otherwise."""
    if optimizer not in OPTIMIZERS:
        raise InputError(f"unknown optimizer {optimizer!r}; choose one of {', '.join(OPTIMIZERS)}",
                         "optimizer")
    return optimizer


def optimizer_hyper(optimizer: str, hyper: dict[str, Any] | None = None) -> dict[str, Any]:
    """The optimizer's full hyperparameters, each read by its spec on the registry entry (the rule
    of the panel and the project file); InputError for an unknown name or key, or a bad value."""
    entry = OPTIMIZERS[optimizer_name(optimizer)]
    try:
        return entry.hyper(entry.checked(dict(hyper or {})))
    except ParamError as e:
        raise InputError(e.reason, f"optimizer.{e.key}") from None
    except ValueError as e:
        raise InputError(str(e), "optimizer") from None


def descend(objective: Objective, optimizer: str = "sgd", hyper: dict[str, Any] | None = None,
            start: Sequence[float] | None = None, steps: int = 100, tolerance: float = 1e-8,
            limit: float = DEFAULT_LIMIT) -> DescentPath:
    """Walk ``objective`` from ``start`` (default: its own start) with ``optimizer``.

    ``hyper`` holds the optimizer's hyperparameters (``learning_rate`` is eta); missing
    keys take the optimizer's defaults.  See the module docstring for the stop rules.
    """
    hp = optimizer_hyper(optimizer, hyper)
    x = np.array(objective.start if start is None else start, dtype=np.float64).reshape(-1)
    if x.shape != (objective.dims,):
        raise InputError(f"{objective.name} needs a start with {objective.dims} coordinate(s), "
                         f"got {len(x)}", "start")
    if not isinstance(steps, (int, np.integer)) or steps < 0:
        raise InputError(f"expected a whole number >= 0, got {steps!r}", "steps")
    opt = OPTIMIZERS[optimizer]
    state = opt.init_state([x], hp)
    f, g = objective.value_and_gradient(x)
    points, losses, grads, states = [x], [float(f)], [g], [state]
    bad, finite = _bad(x, float(f), g, limit)
    if bad:
        return _path(objective, optimizer, hp, points, losses, grads, states, "diverged", 0, bad)
    for t in range(1, steps + 1):
        if np.linalg.norm(g) <= tolerance:
            return _path(objective, optimizer, hp, points, losses, grads, states, "converged")
        with np.errstate(all="ignore"):
            deltas, state = opt.step([x], [g], state, hp)
            x = x + deltas[0]
        f, g = objective.value_and_gradient(x)
        bad, finite = _bad(x, float(f), g, limit)
        if bad and not finite:
            return _path(objective, optimizer, hp, points, losses, grads, states, "diverged", t, bad)
        points.append(x)
        losses.append(float(f))
        grads.append(g)
        states.append(state)
        if bad:
            return _path(objective, optimizer, hp, points, losses, grads, states, "diverged", t, bad)
    reason = "converged" if np.linalg.norm(g) <= tolerance else "steps"
    return _path(objective, optimizer, hp, points, losses, grads, states, reason)


def descend_many(objective: Objective, starts: Sequence[Sequence[float]], optimizer: str = "sgd",
                 hyper: dict[str, Any] | None = None, **stop: Any) -> list[DescentPath]:
    """One path per starting point, same optimizer and stop rules (see :func:`descend`)."""
    return [descend(objective, optimizer, hyper, start, **stop) for start in starts]


def _bad(x: Array, f: float, g: Array, limit: float) -> tuple[str | None, bool]:
    """(why the point counts as divergence or None, whether the point is finite)."""
    if not np.all(np.isfinite(x)):
        return "the point became non-finite", False
    if not np.isfinite(f):
        return "the loss became non-finite", False
    if not np.all(np.isfinite(g)):
        return "the gradient became non-finite", False
    if abs(f) > limit:
        return f"|f| exceeded {limit:g}", True
    if np.max(np.abs(x)) > limit:
        return f"|x| exceeded {limit:g}", True
    return None, True


def _path(objective: Objective, optimizer: str, hp: dict[str, Any], points: list[Array],
          losses: list[float], grads: list[Array], states: list[dict[str, Any]], reason: str,
          diverged_at: int | None = None, why: str = "") -> DescentPath:
    message = ""
    if reason == "diverged" and diverged_at == 0:
        message = (f"descent cannot start there: {why} at the starting point "
                   f"(the function or its gradient is undefined there); choose another start.")
    elif reason == "diverged":
        message = (f"descent diverged at step {diverged_at}: {why}; "
                   f"the last finite point is kept. Try a lower learning rate.")
    return DescentPath(objective.name, optimizer, hp, np.array(points), np.array(losses),
                       np.array(grads), states, reason, diverged_at, message)
