"""Explanations of the update: how the optimizer turned the gradient g = ∂E/∂p into Δp,
the optimizer state it kept, and the parameter after the update p′ = p + Δp.

Each optimizer entry writes its own chain from g to Δp
(:meth:`core.engine.optimizer_base.Optimizer.update_tokens`, e.g. Adam's
m_t = β_1 m_t−1 + (1 − β_1) g, ..., Δp = −η m̂ / (√v̂ + ε)); :class:`_Update` is the
:class:`~core.engine.written.UpdateWriter` it writes on: it hands the entry g, p, η and the
state before the step (``_t−1``), and records the lines the entry writes (``_t``: the state
after this step).  Every value is recomputed in scalar arithmetic by the entry and compared
with the engine's number.
"""
from __future__ import annotations

from typing import Any

from backprop_studio.core.engine.optimizers import optimizer

from . import notation
from .context import Context, explanation, state_array, term, value_of
from .notation import PLUS, TIMES, Explanation, Step, Sym, Term, Token, const, fmt
from .refs import Ref, param_index


class _Update:
    """Builds the chain of steps from ∂E/∂p to Δp for one parameter entry (an UpdateWriter)."""

    def __init__(self, ctx: Context, ref: Ref) -> None:
        self.ctx, self.ref = ctx, ref
        self.index, self.idx = param_index(ref)
        self.hp: dict[str, Any] = ctx.hyper
        self.t = int(ctx.record.opt_state_after["t"])
        self.steps: list[Step] = []
        self.notes: list[str] = []
        self.g = term(ctx, Ref("grad", ref.layer, ref.i, ref.j, 0, ref.bias))
        self.p = term(ctx, Ref("param", ref.layer, ref.i, ref.j, 0, ref.bias))
        self.eta = const("eta", self.hp["learning_rate"])

    def prev(self, key: str) -> Term:
        """The state ``key`` before this step, key_t−1 (not linked: no ref names it)."""
        return Term(Sym(state_array(self.ctx, key).symbol, ("t-1",)),
                    float(self.ctx.record.opt_state_before[key][self.index][self.idx]))

    def started(self, key: str) -> bool:
        return bool(self.ctx.record.opt_state_before[key])

    def new(self, key: str, tokens: list[Token], value: float) -> Term:
        """Record the step key_t = tokens; return key_t as a term (its value as recomputed here)."""
        r = self.ref
        lhs = term(self.ctx, Ref("state", r.layer, r.i, r.j, 0, r.bias, key))
        self.steps.append(Step(lhs, tokens, value))
        return Term(lhs.sym, value, lhs.ref)

    def helper(self, base: str, tokens: list[Token], value: float, idx: tuple = (), prime: bool = False) -> Term:
        """Record an intermediate that is not stored anywhere (g′, m̂, v̂, η_t, d)."""
        sym = Sym(base, idx, prime=prime)
        self.steps.append(Step(Term(sym, value), tokens, value))
        return Term(sym, value)

    def step_count(self) -> Term:
        """t, the optimizer's step count (this step included), written as a whole number."""
        return Term(Sym("t"), float(self.t), shown=str(self.t))

    def decayed_gradient(self) -> Term:
        """g′ = g + λ p (L2 weight decay added to the gradient, as torch does)."""
        wd = self.hp.get("weight_decay", 0.0)
        if not wd:
            return self.g
        return self.helper("g", [self.g, PLUS, const("lambda", wd), TIMES, self.p],
                           self.g.value + wd * self.p.value, prime=True)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def explanation(self) -> Explanation:
        name = self.ctx.optimizer
        tokens, value = optimizer(name).update_tokens(self, notation)
        ref = self.ref
        main = Step(term(self.ctx, Ref("update", ref.layer, ref.i, ref.j, 0, ref.bias)), tokens, value)
        if not self.ctx.network.trainable()[self.index][self.idx]:
            self.notes.append("this parameter is frozen, removed or an absent bias: Δ is computed but not applied")
        title = f"The update of step {self.ctx.record.step} by {name} (η = {fmt(self.eta.value)}, t = {self.t})"
        return Explanation(ref, title, [main] + self.steps, value_of(self.ctx, ref), self.notes)


def _update(ctx: Context, ref: Ref) -> Explanation:
    return _Update(ctx, ref).explanation()


def _state(ctx: Context, ref: Ref) -> Explanation:
    e = _Update(ctx, Ref("update", ref.layer, ref.i, ref.j, 0, ref.bias)).explanation()
    mine = [s for s in e.steps if s.lhs.ref == ref]
    if not mine:
        t = term(ctx, ref)
        mine = [Step(t, [t], t.value)]
        e.notes.insert(0, f"{state_array(ctx, ref.key).name} is not changed by this optimizer's settings")
    rest = [s for s in e.steps if s is not mine[0]]
    return Explanation(ref, f"Optimizer state: {state_array(ctx, ref.key).name}", mine[:1] + rest,
                       value_of(ctx, ref), e.notes)


def _after(ctx: Context, ref: Ref) -> Explanation:
    k, p_idx = ref.layer, param_index(ref)
    w = term(ctx, Ref("param", k, ref.i, ref.j, 0, ref.bias))
    d = term(ctx, Ref("update", k, ref.i, ref.j, 0, ref.bias))
    lhs = term(ctx, ref)
    if ctx.network.trainable()[p_idx[0]][p_idx[1]]:
        return explanation(ctx, ref, "The parameter after the update: p′ = p + Δp",
                           [Step(lhs, [w, PLUS, d], w.value + d.value)])
    return explanation(ctx, ref, "The parameter after the update", [Step(lhs, [w], w.value)],
                       ["frozen, removed or an absent bias: it keeps its value"])


RULES = {"update": _update, "state": _state, "after": _after}
