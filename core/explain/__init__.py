""""Why this number?": every recorded value of a training step as a formula with its numbers.

For a value of a :class:`~core.training.session.StepRecord` (named by a :class:`Ref`),
:func:`explain` returns an :class:`Explanation`: one or more :class:`Step` lines, each
written once as a list of tokens.  A token is an operator (:class:`Op`) or a
:class:`Term`, a symbol in the article's notation together with its value.  Rendering the
symbols gives the formula, rendering the values gives the same formula with the numbers
substituted, so the two always correspond term by term:

    δ_1^(1) = (w_11^(2) δ_1^(2)) f'(v_in,1^(1)) = (0.4000 × 0.1385) × 0.2413 = 0.01337

Each line's result is recomputed here from the substituted (full-precision) values, with
plain scalar arithmetic that shares no code with the engine, and compared with the
recorded number (:attr:`Explanation.matches`).

Notation: W^(k->k+1) has entries w_ij^(k+1) (row i = unit of layer k, column j = unit of
layer k+1); b_j^(k+1) is the bias of unit j of layer k+1; indices are shown 1-based.  A
batch position s (1-based) is shown as a suffix [s] when the batch has more than one
sample.  Renderers: :meth:`Explanation.text` (Unicode), :meth:`Explanation.html` (with
links ``ref:...`` on every term that was computed somewhere), and :meth:`Step.parts`
(lhs, formula, numbers, result; LaTeX for the worked example).

Modules: :mod:`.refs` (naming values, listing a phase's values), :mod:`.notation`
(symbols, tokens, rendering), :mod:`.context` (recorded values and their symbols), and
the rules :mod:`.forward_loss`, :mod:`.backward` and :mod:`.update`.
"""
from __future__ import annotations

from collections.abc import Callable

from . import backward, forward_loss, update
from .context import Context, context_for, loss_after, state_array, term, value_of
from .notation import (
    ABS_TOL,
    DIV,
    LP,
    MAX_TERMS,
    MINUS,
    NEG,
    ONE,
    PLUS,
    POW_L,
    POW_R,
    REL_TOL,
    RP,
    SQRT_L,
    SQRT_R,
    SQUARED,
    TIMES,
    ZERO,
    Explanation,
    Op,
    Pair,
    Step,
    Sym,
    Term,
    Token,
    const,
    fmt,
    num,
)
from .refs import Ref, param_index, param_refs, refs_of

__all__ = [
    "ABS_TOL", "DIV", "LP", "MAX_TERMS", "MINUS", "NEG", "ONE", "PLUS", "POW_L", "POW_R", "REL_TOL",
    "RP", "SQRT_L", "SQRT_R", "SQUARED", "TIMES", "ZERO", "Context", "Explanation",
    "Op", "Pair", "Ref", "Step", "Sym", "Term", "Token", "const", "context_for", "explain", "fmt",
    "loss_after", "num", "param_index", "param_refs", "refs_of", "state_array", "term", "value_of",
]

# value kind -> the rule that explains it
_RULES: dict[str, Callable[[Context, Ref], Explanation]] = {
    **forward_loss.RULES, **backward.RULES, **update.RULES}


def explain(ctx: Context, ref: Ref) -> Explanation:
    """The formula behind the recorded value ``ref``, with its numbers.

    Parameters
    ----------
    ctx : Context
        The step record and what it was computed with (see :func:`context_for`).
    ref : Ref
        The value; v_in and v_out of layer 0 are the input x.

    Returns
    -------
    Explanation
        ``steps[0]`` computes the value, the other steps what it uses.

    Raises
    ------
    ValueError
        For an unknown kind, or a value not computed yet in this step.
    """
    if ref.kind not in _RULES:
        raise ValueError(f"unknown value kind {ref.kind!r}")
    if ref.kind in ("v_in", "v_out") and ref.layer == 0:
        ref = Ref("x", 0, ref.i, 0, ref.sample)
    if value_of(ctx, ref) is None:
        raise ValueError("this value has not been computed yet in this step")
    return _RULES[ref.kind](ctx, ref)
