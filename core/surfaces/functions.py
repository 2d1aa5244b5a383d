"""Objectives for gradient descent: the article's univariate and multivariate cases.

Each :class:`Objective` is f(x) or f(x, y) with its exact gradient written beside it, a
default plot range and a default starting point.  The registry :data:`OBJECTIVES` maps
stable names (used by files, menus and ``backprop-studio descend --function``) to them;
:func:`from_expression` turns a typed expression into an objective whose gradient comes
from forward-mode automatic differentiation (:mod:`core.surfaces.expressions`).

Points are arrays whose last axis holds the coordinates: shape (..., dims).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError

from .expressions import parse

Array = NDArray[np.float64]
# f(*coords) -> (value, [df/dx, (df/dy)]); coordinates broadcast together
Rule = Callable[..., tuple[Array, list[Array]]]


@dataclass(frozen=True)
class Objective:
    """f: R^dims -> R with its gradient, a plot range and a starting point.

    ``ranges`` holds one (low, high) pair per coordinate; ``minima`` the known minimisers
    (empty for typed expressions).
    """

    name: str
    title: str
    formula: str
    gradient_formula: str
    dims: int
    rule: Rule = field(repr=False)
    ranges: tuple[tuple[float, float], ...]
    start: tuple[float, ...]
    minima: tuple[tuple[float, ...], ...] = ()

    def value_and_gradient(self, points: Array) -> tuple[Array, Array]:
        """f at ``points`` (shape (..., dims)) and its gradient (shape (..., dims))."""
        p = np.asarray(points, dtype=np.float64)
        if p.shape[-1:] != (self.dims,):
            raise ValueError(f"{self.name}: points need a last axis of {self.dims}, got shape {p.shape}")
        with np.errstate(all="ignore"):
            f, grad = self.rule(*(p[..., i] for i in range(self.dims)))
            shape = p.shape[:-1]
            return (np.broadcast_to(f, shape).astype(np.float64),
                    np.stack([np.broadcast_to(g, shape) for g in grad], axis=-1).astype(np.float64))

    def value(self, points: Array) -> Array:
        return self.value_and_gradient(points)[0]

    def gradient(self, points: Array) -> Array:
        return self.value_and_gradient(points)[1]

    def grid(self, n: int = 101, ranges: tuple[tuple[float, float], ...] | None = None
             ) -> tuple[list[Array], Array]:
        """Axes and values on a regular grid: 1-D ``([xs], f(xs))``; 2-D ``([xs, ys], F)``
        with ``F[i, j] = f(xs[j], ys[i])``, shape (n, n) (rows are y, as images are drawn).
        """
        axes = [np.linspace(lo, hi, n) for lo, hi in (ranges or self.ranges)]
        if self.dims == 1:
            return axes, self.value(axes[0][:, None])
        X, Y = np.meshgrid(axes[0], axes[1])
        return axes, self.value(np.stack([X, Y], axis=-1))


# -- the univariate case ----------------------------------------------------------------
def _parabola(x):
    return x ** 2, [2 * x]                                   # f' = 2x


def _quartic(x):
    return x ** 4 - 3 * x ** 2 + x, [4 * x ** 3 - 6 * x + 1]   # f' = 4x^3 - 6x + 1


def _sin_parabola(x):
    return np.sin(x) + x ** 2 / 10, [np.cos(x) + x / 5]     # f' = cos x + x/5


# -- the multivariate case --------------------------------------------------------------
def _round_bowl(x, y):
    return x ** 2 + y ** 2, [2 * x, 2 * y]


def _elongated_bowl(x, y):
    return x ** 2 + 10 * y ** 2, [2 * x, 20 * y]


def _saddle(x, y):
    return x ** 2 - y ** 2, [2 * x, -2 * y]


def _rosenbrock(x, y):
    r = y - x ** 2
    return (1 - x) ** 2 + 100 * r ** 2, [-2 * (1 - x) - 400 * x * r, 200 * r]


def _himmelblau(x, y):
    a, b = x ** 2 + y - 11, x + y ** 2 - 7
    return a ** 2 + b ** 2, [4 * x * a + 2 * b, 2 * a + 4 * y * b]


def _beale(x, y):
    t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3
    dx = 2 * t1 * (y - 1) + 2 * t2 * (y ** 2 - 1) + 2 * t3 * (y ** 3 - 1)
    dy = 2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y ** 2
    return t1 ** 2 + t2 ** 2 + t3 ** 2, [dx, dy]


def _rastrigin(x, y):
    tau = 2 * np.pi
    f = 20 + x ** 2 - 10 * np.cos(tau * x) + y ** 2 - 10 * np.cos(tau * y)
    return f, [2 * x + 10 * tau * np.sin(tau * x), 2 * y + 10 * tau * np.sin(tau * y)]


_HIMMELBLAU_MINIMA = ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186),
                      (3.584428, -1.848126))

_SHIPPED = [
    Objective("parabola", "Parabola", "f(x) = x^2", "f'(x) = 2x", 1, _parabola,
              ((-3.0, 3.0),), (2.5,), ((0.0,),)),
    Objective("quartic", "Quartic with two minima", "f(x) = x^4 - 3x^2 + x",
              "f'(x) = 4x^3 - 6x + 1", 1, _quartic, ((-2.2, 2.2),), (2.0,),
              ((-1.300839,), (1.130901,))),
    Objective("sin_parabola", "sin(x) + x^2/10", "f(x) = sin(x) + x^2/10", "f'(x) = cos(x) + x/5",
              1, _sin_parabola, ((-10.0, 10.0),), (7.0,), ((-1.306440,), (3.837467,))),
    Objective("round_bowl", "Round bowl", "f(x, y) = x^2 + y^2", "grad f = (2x, 2y)", 2,
              _round_bowl, ((-3.0, 3.0), (-3.0, 3.0)), (2.5, 2.0), ((0.0, 0.0),)),
    Objective("elongated_bowl", "Elongated (ill-conditioned) bowl", "f(x, y) = x^2 + 10 y^2",
              "grad f = (2x, 20y)", 2, _elongated_bowl, ((-3.0, 3.0), (-1.5, 1.5)), (-2.5, 1.0),
              ((0.0, 0.0),)),
    Objective("saddle", "Saddle", "f(x, y) = x^2 - y^2", "grad f = (2x, -2y)", 2, _saddle,
              ((-3.0, 3.0), (-3.0, 3.0)), (2.5, 0.05), ()),
    Objective("rosenbrock", "Rosenbrock", "f(x, y) = (1 - x)^2 + 100 (y - x^2)^2",
              "grad f = (-2(1 - x) - 400x (y - x^2), 200 (y - x^2))", 2, _rosenbrock,
              ((-2.0, 2.0), (-1.0, 3.0)), (-1.2, 1.0), ((1.0, 1.0),)),
    Objective("himmelblau", "Himmelblau", "f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
              "grad f = (4x (x^2 + y - 11) + 2 (x + y^2 - 7), 2 (x^2 + y - 11) + 4y (x + y^2 - 7))",
              2, _himmelblau, ((-5.0, 5.0), (-5.0, 5.0)), (0.0, 0.0), _HIMMELBLAU_MINIMA),
    Objective("beale", "Beale",
              "f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
              "df/dx = sum_i 2 t_i (y^i - 1), df/dy = sum_i 2 t_i i x y^(i-1)", 2, _beale,
              ((-4.5, 4.5), (-4.5, 4.5)), (1.0, 1.5), ((3.0, 0.5),)),
    Objective("rastrigin", "Rastrigin",
              "f(x, y) = 20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y)",
              "grad f = (2x + 20 pi sin(2 pi x), 2y + 20 pi sin(2 pi y))", 2, _rastrigin,
              ((-5.12, 5.12), (-5.12, 5.12)), (2.3, -1.7), ((0.0, 0.0),)),
]
OBJECTIVES: dict[str, Objective] = {o.name: o for o in _SHIPPED}


def from_expression(text: str, dims: int | None = None) -> Objective:
    """An objective from a typed expression; gradients by automatic differentiation.

    ``dims`` None means 2 when the expression uses ``y`` and 1 otherwise.  The default
    range is [-3, 3] per coordinate and the default start 1.5 per coordinate.
    """
    if dims not in (None, 1, 2):
        raise InputError(f"an expression has 1 or 2 variables, not {dims}", "expression")
    expr = parse(text, ("x", "y") if dims != 1 else ("x",))
    if dims is None:
        dims = 2 if "y" in expr.uses else 1
    if dims == 1 and len(expr.variables) == 2:
        expr = parse(text, ("x",))
    formula = f"f({', '.join(expr.variables)}) = {expr}"
    return Objective("expression", text, formula, "by automatic differentiation", dims,
                     expr.value_and_gradient, ((-3.0, 3.0),) * dims, (1.5,) * dims)


def objective(name: str) -> Objective:
    """The shipped objective called ``name``; InputError listing the names otherwise."""
    if name not in OBJECTIVES:
        raise InputError(f"unknown function {name!r}; choose one of {', '.join(OBJECTIVES)}",
                         "function")
    return OBJECTIVES[name]
