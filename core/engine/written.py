"""The vocabulary a registry entry writes its "why this number?" explanation with.

An explanation is a list of tokens (operators and terms, see :mod:`core.explain.notation`).
A registry entry writes its own formula with them, beside its maths, so the explanations
read the entry instead of branching on its name.  The engine sits below the explanations
and never imports them: the explanation hands its notation module in as a :class:`Notation`,
and the tokens stay opaque here (``Any``).  The terms an entry receives (y_j, ŷ_j, v_in,j)
are :class:`Valued`: the entry reads their values and places them among its tokens.
"""
from __future__ import annotations

from typing import Any, Protocol

Tokens = list[Any]   # operators and terms of core.explain.notation, opaque to the engine


class Valued(Protocol):
    """A term of a formula: a symbol with its value (core.explain.notation.Term)."""

    @property
    def value(self) -> float: ...


class Notation(Protocol):
    """The operators and building blocks of core.explain.notation that entries write with."""

    LP: Any
    RP: Any
    PLUS: Any
    MINUS: Any
    TIMES: Any
    DIV: Any
    NEG: Any
    ONE: Any
    SQUARED: Any

    def Op(self, text: str) -> Any:
        """An operator written the same in the formula and the numbers."""

    def fn(self, text: str, latex: str) -> Any:
        """A function's opening, e.g. ``fn("exp(", r"\\exp(")``."""

    def num(self, value: float) -> Any:
        """A plain number written the same in the formula and the numbers."""

    def label(self, text: str, value: float, base: str = "x") -> Any:
        """A term written as free text (e.g. "Σ_i y_i") with its value."""

    def sum_tokens(self, items: list[Tokens], values: list[float]) -> tuple[Tokens, float]:
        """Items joined by +, the long tail summed into one term; with the exact sum."""
