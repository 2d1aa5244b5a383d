"""The expression tree of :mod:`core.surfaces.expressions`, each node's derivative beside its value.

Evaluation is forward-mode automatic differentiation over numpy arrays.  Every node's
``evaluate(coords)`` returns ``(u, du)``: the value ``u`` and a tuple ``du`` holding the
partial derivative of ``u`` with respect to each variable, ``None`` where it is
identically zero.  The rules are the textbook ones:

    (a + b)' = a' + b'        (a b)' = a' b + a b'        (a / b)' = (a' - (a/b) b') / b
    (a^c)'   = c a^(c-1) a'   for a constant exponent c
    (a^b)'   = a^b (b' ln a + b a' / a)   otherwise
    f(a)'    = f'(a) a'       with f' from :data:`FUNCTIONS`

so derivatives are exact up to floating point, never finite differences.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Value = Array | float
Tangents = tuple[Value | None, ...]  # one entry per variable: None where identically zero


def _add(a: Value | None, b: Value | None) -> Value | None:
    if a is None:
        return b
    return a if b is None else a + b


def _scale(t: Value | None, c: Value) -> Value | None:
    return None if t is None else t * c


def _divide(t: Value | None, c: Value) -> Value | None:
    return None if t is None else t / c


@dataclass(frozen=True)
class MathFunction:
    """A named function f with its derivative f'(u) = df(u, f(u)) beside it."""

    name: str
    f: Callable[[Value], Value]
    df: Callable[[Value, Value], Value]
    formula: str


def _sigmoid(u: Value) -> Value:
    return 0.5 * (1.0 + np.tanh(0.5 * u))   # = 1 / (1 + e^-u), without overflow


_FUNCTION_LIST = [
    MathFunction("sin", np.sin, lambda u, fu: np.cos(u), "sin'(u) = cos(u)"),
    MathFunction("cos", np.cos, lambda u, fu: -np.sin(u), "cos'(u) = -sin(u)"),
    MathFunction("tan", np.tan, lambda u, fu: 1.0 + fu * fu, "tan'(u) = 1 + tan(u)^2"),
    MathFunction("exp", np.exp, lambda u, fu: fu, "exp'(u) = exp(u)"),
    MathFunction("log", np.log, lambda u, fu: 1.0 / u, "log'(u) = 1/u  (natural log)"),
    MathFunction("ln", np.log, lambda u, fu: 1.0 / u, "ln'(u) = 1/u"),
    MathFunction("sqrt", np.sqrt, lambda u, fu: 0.5 / fu, "sqrt'(u) = 1 / (2 sqrt(u))"),
    MathFunction("tanh", np.tanh, lambda u, fu: 1.0 - fu * fu, "tanh'(u) = 1 - tanh(u)^2"),
    MathFunction("abs", np.abs, lambda u, fu: np.sign(u), "abs'(u) = sign(u)  (0 at u = 0)"),
    MathFunction("sinh", np.sinh, lambda u, fu: np.cosh(u), "sinh'(u) = cosh(u)"),
    MathFunction("cosh", np.cosh, lambda u, fu: np.sinh(u), "cosh'(u) = sinh(u)"),
    MathFunction("arctan", np.arctan, lambda u, fu: 1.0 / (1.0 + u * u), "arctan'(u) = 1 / (1 + u^2)"),
    MathFunction("atan", np.arctan, lambda u, fu: 1.0 / (1.0 + u * u), "atan'(u) = 1 / (1 + u^2)"),
    MathFunction("sigmoid", _sigmoid, lambda u, fu: fu * (1.0 - fu),
                 "sigmoid'(u) = sigmoid(u) (1 - sigmoid(u))"),
]
FUNCTIONS: dict[str, MathFunction] = {f.name: f for f in _FUNCTION_LIST}
CONSTANTS: dict[str, float] = {"pi": float(np.pi), "e": float(np.e)}

# binding strength, used only to print a tree back with the parentheses it needs
_SUM, _PRODUCT, _NEGATE, _POWER, _ATOM = 1, 2, 3, 4, 5


class Node:
    precedence = _ATOM

    def evaluate(self, coords: list[Array]) -> tuple[Value, Tangents]:
        """(u, du) at the coordinates; ``coords[i]`` is variable i."""
        raise NotImplementedError

    def variable_indices(self) -> set[int]:
        raise NotImplementedError

    def wrapped(self, min_precedence: int) -> str:
        text = str(self)
        return f"({text})" if self.precedence < min_precedence else text


@dataclass(frozen=True)
class Number(Node):
    value: float
    name: str | None = None   # "pi" or "e" when typed as a constant

    def evaluate(self, coords):
        # a numpy scalar, so that 0/0 or 10^999 give nan/inf like arrays, never an exception
        return np.float64(self.value), (None,) * len(coords)   # c' = 0

    def variable_indices(self):
        return set()

    def __str__(self) -> str:
        if self.name:
            return self.name
        text = repr(self.value)
        return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Variable(Node):
    name: str
    index: int

    def evaluate(self, coords):
        tangents: list[Value | None] = [None] * len(coords)
        tangents[self.index] = np.float64(1.0)     # dx/dx = 1, dx/dy = 0
        return coords[self.index], tuple(tangents)

    def variable_indices(self):
        return {self.index}

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Negate(Node):
    operand: Node
    precedence = _NEGATE

    def evaluate(self, coords):
        u, du = self.operand.evaluate(coords)
        return -u, tuple(_scale(t, -1.0) for t in du)   # (-a)' = -a'

    def variable_indices(self):
        return self.operand.variable_indices()

    def __str__(self) -> str:
        return "-" + self.operand.wrapped(_NEGATE)


@dataclass(frozen=True)
class Sum(Node):
    terms: tuple[tuple[float, Node], ...]   # (sign +1/-1, term)
    precedence = _SUM

    def evaluate(self, coords):
        total: Value = 0.0
        grad: Tangents = (None,) * len(coords)
        for sign, term in self.terms:
            u, du = term.evaluate(coords)
            total = total + sign * u                                      # (a +- b)' = a' +- b'
            grad = tuple(_add(g, _scale(t, sign)) for g, t in zip(grad, du))
        return total, grad

    def variable_indices(self):
        return set().union(*(t.variable_indices() for _, t in self.terms))

    def __str__(self) -> str:
        parts = [self.terms[0][1].wrapped(_SUM + (self.terms[0][0] < 0))]
        if self.terms[0][0] < 0:
            parts[0] = "-" + parts[0]
        for sign, term in self.terms[1:]:
            parts.append(("+ " if sign > 0 else "- ") + term.wrapped(_SUM + 1))
        return " ".join(parts)


@dataclass(frozen=True)
class Product(Node):
    factors: tuple[tuple[str, Node], ...]   # ("*" or "/", factor); the first is always "*"
    precedence = _PRODUCT

    def evaluate(self, coords):
        u, du = self.factors[0][1].evaluate(coords)
        for op, factor in self.factors[1:]:
            v, dv = factor.evaluate(coords)
            if op == "*":      # (u v)' = u' v + u v'
                du = tuple(_add(_scale(a, v), _scale(b, u)) for a, b in zip(du, dv))
                u = u * v
            else:              # (u / v)' = (u' - (u/v) v') / v
                q = u / v
                du = tuple(_divide(_add(a, _scale(b, -q)), v) for a, b in zip(du, dv))
                u = q
        return u, du

    def variable_indices(self):
        return set().union(*(f.variable_indices() for _, f in self.factors))

    def __str__(self) -> str:
        text = self.factors[0][1].wrapped(_PRODUCT)
        for op, factor in self.factors[1:]:
            text += op + factor.wrapped(_PRODUCT + 1)
        return text


@dataclass(frozen=True)
class Power(Node):
    base: Node
    exponent: Node
    precedence = _POWER

    def evaluate(self, coords):
        a, da = self.base.evaluate(coords)
        b, db = self.exponent.evaluate(coords)
        value = np.power(a, b)
        if all(t is None for t in db):     # (a^c)' = c a^(c-1) a'
            # c = 0 is a constant: slope 0, also at a = 0 where a^(c-1) is infinite
            slope = np.where(b == 0, 0.0, b * np.power(a, b - 1.0))
            return value, tuple(_scale(t, slope) for t in da)
        log_a = np.log(a)                  # (a^b)' = a^b (b' ln a + b a' / a)
        # where a^b = 0 the terms vanish (the limit of a^b ln a and a^b / a as a -> 0+)
        zero = value == 0
        grad = tuple(_add(_scale(tb, np.where(zero, 0.0, value * log_a)),
                          _scale(ta, np.where(zero, 0.0, value * b / a)))
                     for ta, tb in zip(da, db))
        return value, grad

    def variable_indices(self):
        return self.base.variable_indices() | self.exponent.variable_indices()

    def __str__(self) -> str:
        return self.base.wrapped(_ATOM) + "^" + self.exponent.wrapped(_NEGATE)


@dataclass(frozen=True)
class Call(Node):
    function: str
    argument: Node

    def evaluate(self, coords):
        fn = FUNCTIONS[self.function]
        u, du = self.argument.evaluate(coords)
        fu = fn.f(u)
        slope = fn.df(u, fu)               # f(a)' = f'(a) a'
        return fu, tuple(_scale(t, slope) for t in du)

    def variable_indices(self):
        return self.argument.variable_indices()

    def __str__(self) -> str:
        return f"{self.function}({self.argument})"
