"""The vocabulary a registry entry writes its "why this number?" explanation with.

An explanation is a list of tokens (operators and terms, see :mod:`core.explain.notation`).
A registry entry writes its own formula with them, beside its maths, so the explanations
read the entry instead of branching on its name.  The engine sits below the explanations
and never imports them: the explanation hands its notation module in as a :class:`Notation`,
and the tokens stay opaque here (``Any``).  The terms an entry receives (y_j, ŷ_j, v_in,j)
are :class:`Valued`: the entry reads their values and places them among its tokens.

Who writes what:

- an activation writes f(v_in) and f'(v_in) (:meth:`core.engine.activations.Activation.output_tokens`,
  ``slope_tokens``);
- a loss writes E, ∂E/∂ŷ_j and the δ of a fused pair (:meth:`core.engine.losses.Loss.loss_tokens` ...);
- an optimizer writes its chain from the gradient g to the update Δp
  (:meth:`core.engine.optimizer_base.Optimizer.update_tokens`) on an :class:`UpdateWriter`, which
  hands it g, p, η, the state before the step, and records each line it writes.
"""
from __future__ import annotations

from collections.abc import Mapping
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
    ZERO: Any
    SQUARED: Any
    SQRT_L: Any
    SQRT_R: Any
    POW_L: Any
    POW_R: Any

    def Op(self, text: str) -> Any:
        """An operator written the same in the formula and the numbers."""

    def fn(self, text: str, latex: str) -> Any:
        """A function's opening, e.g. ``fn("exp(", r"\\exp(")``."""

    def num(self, value: float) -> Any:
        """A plain number written the same in the formula and the numbers."""

    def const(self, name: str, value: float, idx: tuple[Any, ...] = ()) -> Any:
        """A named constant written as its symbol in the formula (η, μ, β_1, a): ``name`` is a
        symbol base of the notation (``"beta"``) or, for a new one, its own text."""

    def label(self, text: str, value: float, base: str = "x") -> Any:
        """A term written as free text (e.g. "Σ_i y_i") with its value."""

    def sum_tokens(self, items: list[Tokens], values: list[float]) -> tuple[Tokens, float]:
        """Items joined by +, the long tail summed into one term; with the exact sum."""


class UpdateWriter(Protocol):
    """What an optimizer entry writes its update with, for one parameter entry p.

    ``g`` is ∂E/∂p, ``p`` the parameter before the step, ``eta`` the learning rate η of this
    step (a term), ``hp`` the hyperparameters and ``t`` the optimizer's step count (this step
    included).  :meth:`prev` is a state value before the step (key_t−1), :meth:`new` records
    the line key_t = tokens and returns key_t, :meth:`helper` records an intermediate that is
    not stored (g′, m̂, d) and :meth:`note` adds a sentence under the explanation.
    """

    @property
    def g(self) -> Valued: ...

    @property
    def p(self) -> Valued: ...

    @property
    def eta(self) -> Valued: ...

    @property
    def hp(self) -> Mapping[str, Any]: ...

    @property
    def t(self) -> int: ...

    def prev(self, key: str) -> Valued:
        """The state ``key`` before this step, key_t−1."""

    def started(self, key: str) -> bool:
        """Whether the state ``key`` existed before this step (sgd's momentum buffer starts absent)."""

    def new(self, key: str, tokens: Tokens, value: float) -> Valued:
        """Record key_t = tokens (= value); return key_t as a term."""

    def helper(self, base: str, tokens: Tokens, value: float, idx: tuple[Any, ...] = (), prime: bool = False) -> Valued:
        """Record an intermediate written with the symbol ``base`` (``"mhat"``, ``"d"``, ``"g"``
        with ``prime``); return it as a term."""

    def step_count(self) -> Valued:
        """t, the optimizer's step count, as a term written as a whole number."""

    def decayed_gradient(self) -> Valued:
        """g′ = g + λ p when the hyperparameters have a weight_decay λ ≠ 0 (recorded), else g."""

    def note(self, text: str) -> None:
        """A sentence written under the explanation."""
