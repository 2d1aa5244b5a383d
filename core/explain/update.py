"""Explanations of the update: how the optimizer turned the gradient g = ∂E/∂p into Δp,
the optimizer state it kept, and the parameter after the update p′ = p + Δp.

The formulas follow torch.optim (weight decay λ added to the gradient, g′ = g + λ p, except
AdamW); ``_t`` is the state after this step, ``_t−1`` the state before it:

    sgd      Δp = −η g;  with momentum u_t = μ u_t−1 + (1 − τ) g,  Δp = −η u_t
             (Nesterov: Δp = −η (g + μ u_t))
    adagrad  s_t = s_t−1 + g²,  Δp = −η_t g / (√s_t + ε),  η_t = η / (1 + (t − 1) λ_d)
    rmsprop  r_t = α r_t−1 + (1 − α) g²,  Δp = −η g / (√r_t + ε)
             (centered: √(r_t − ḡ_t²); with momentum u_t = μ u_t−1 + g / d,  Δp = −η u_t)
    adam     m_t = β_1 m_t−1 + (1 − β_1) g,  v_t = β_2 v_t−1 + (1 − β_2) g²,
             m̂ = m_t / (1 − β_1^t),  v̂ = v_t / (1 − β_2^t),  Δp = −η m̂ / (√v̂ + ε)
             (AdamW: − η λ p added to Δp instead of decaying the gradient)
"""
from __future__ import annotations

import math
from collections.abc import Callable

from .context import Context, explanation, state_array, term, value_of
from .notation import (
    DIV,
    LP,
    MINUS,
    NEG,
    ONE,
    PLUS,
    POW_L,
    POW_R,
    RP,
    SQRT_L,
    SQRT_R,
    SQUARED,
    TIMES,
    Explanation,
    Op,
    Step,
    Sym,
    Term,
    Token,
    const,
    fmt,
    fn,
)
from .refs import Ref, param_index


class _Update:
    """Builds the chain of steps from ∂E/∂p to Δp for one parameter entry."""

    def __init__(self, ctx: Context, ref: Ref) -> None:
        self.ctx, self.ref = ctx, ref
        self.p, self.idx = param_index(ref)
        self.hp = ctx.hyper
        self.t = int(ctx.record.opt_state_after["t"])
        self.steps: list[Step] = []
        self.notes: list[str] = []
        self.g = term(ctx, Ref("grad", ref.layer, ref.i, ref.j, 0, ref.bias))
        self.w = term(ctx, Ref("param", ref.layer, ref.i, ref.j, 0, ref.bias))
        self.eta = const("eta", self.hp["learning_rate"])

    def prev(self, key: str) -> Term:
        """The state ``key`` before this step, key_t−1 (not linked: no ref names it)."""
        return Term(Sym(state_array(self.ctx, key).symbol, ("t-1",)),
                    float(self.ctx.record.opt_state_before[key][self.p][self.idx]))

    def new(self, key: str, tokens: list[Token], value: float) -> Term:
        """Record the step key_t = tokens; return key_t as a term (its value as recomputed here)."""
        r = self.ref
        lhs = term(self.ctx, Ref("state", r.layer, r.i, r.j, 0, r.bias, key))
        self.steps.append(Step(lhs, tokens, value))
        return Term(lhs.sym, value, lhs.ref)

    def helper(self, sym: Sym, tokens: list[Token], value: float) -> Term:
        """Record an intermediate that is not stored anywhere (g′, m̂, v̂, η_t, d)."""
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
        return self.helper(Sym("g", prime=True), [self.g, PLUS, const("lambda", wd), TIMES, self.w],
                           self.g.value + wd * self.w.value)

    def sgd(self) -> tuple[list[Token], float]:
        hp, g = self.hp, self.decayed_gradient()
        mu, damp = hp["momentum"], hp["dampening"]
        if not mu:
            self.notes.append("plain gradient descent: Δ = −η ∂E/∂p")
            return [NEG, self.eta, TIMES, g], -self.eta.value * g.value
        mu_t = const("mu", mu)
        if not self.ctx.record.opt_state_before["momentum_buffer"]:   # no buffer yet, as in torch
            u = self.new("momentum_buffer", [g], g.value)
            self.notes.append("the first step with momentum starts the momentum buffer u (velocity) "
                              "at the gradient, undampened")
        elif damp:
            tau = const("tau", damp)
            u = self.new("momentum_buffer", [mu_t, TIMES, self.prev("momentum_buffer"), PLUS, LP, ONE, MINUS,
                                             tau, RP, TIMES, g],
                         mu * self.prev("momentum_buffer").value + (1.0 - damp) * g.value)
        else:
            u = self.new("momentum_buffer", [mu_t, TIMES, self.prev("momentum_buffer"), PLUS, g],
                         mu * self.prev("momentum_buffer").value + g.value)
        if hp["nesterov"]:
            self.notes.append("Nesterov momentum: the step looks ahead by μ u")
            return [NEG, self.eta, TIMES, LP, g, PLUS, mu_t, TIMES, u, RP], -self.eta.value * (g.value + mu * u.value)
        self.notes.append("momentum: the step follows the velocity u, not the raw gradient")
        return [NEG, self.eta, TIMES, u], -self.eta.value * u.value

    def adagrad(self) -> tuple[list[Token], float]:
        hp, g = self.hp, self.decayed_gradient()
        eta = self.eta
        if hp["lr_decay"]:
            eta = self.helper(Sym("eta", ("t",)), [self.eta, DIV, LP, ONE, PLUS, LP, self.step_count(), MINUS,
                                                   ONE, RP, TIMES, const("lambda", hp["lr_decay"], ("d",)), RP],
                              self.eta.value / (1.0 + (self.t - 1) * hp["lr_decay"]))
        s = self.new("sum", [self.prev("sum"), PLUS, g, SQUARED], self.prev("sum").value + g.value ** 2)
        eps = const("eps", hp["eps"])
        self.notes.append("Adagrad divides by the root of the sum of all squared gradients so far")
        return ([NEG, eta, TIMES, g, DIV, LP, SQRT_L, s, SQRT_R, PLUS, eps, RP],
                -eta.value * g.value / (math.sqrt(s.value) + hp["eps"]))

    def rmsprop(self) -> tuple[list[Token], float]:
        hp, g = self.hp, self.decayed_gradient()
        a, eps = const("alpha", hp["alpha"]), const("eps", hp["eps"])
        r = self.new("square_avg", [a, TIMES, self.prev("square_avg"), PLUS, LP, ONE, MINUS, a, RP, TIMES, g, SQUARED],
                     hp["alpha"] * self.prev("square_avg").value + (1.0 - hp["alpha"]) * g.value ** 2)
        if hp["centered"]:
            gb = self.new("grad_avg", [a, TIMES, self.prev("grad_avg"), PLUS, LP, ONE, MINUS, a, RP, TIMES, g],
                          hp["alpha"] * self.prev("grad_avg").value + (1.0 - hp["alpha"]) * g.value)
            d = self.helper(Sym("d"), [SQRT_L, r, MINUS, gb, SQUARED, SQRT_R, PLUS, eps],
                            math.sqrt(r.value - gb.value ** 2) + hp["eps"])
        else:
            d = self.helper(Sym("d"), [SQRT_L, r, SQRT_R, PLUS, eps], math.sqrt(r.value) + hp["eps"])
        self.notes.append("RMSprop divides by the root of a running average r of squared gradients")
        if hp["momentum"] > 0:
            mu = const("mu", hp["momentum"])
            u = self.new("momentum_buffer", [mu, TIMES, self.prev("momentum_buffer"), PLUS, g, DIV, d],
                         hp["momentum"] * self.prev("momentum_buffer").value + g.value / d.value)
            return [NEG, self.eta, TIMES, u], -self.eta.value * u.value
        return [NEG, self.eta, TIMES, g, DIV, d], -self.eta.value * g.value / d.value

    def adam(self, decoupled: bool) -> tuple[list[Token], float]:
        hp = self.hp
        g = self.g if decoupled else self.decayed_gradient()
        b1, b2 = const("beta", hp["beta1"], (1,)), const("beta", hp["beta2"], (2,))
        t = self.step_count()
        m = self.new("m", [b1, TIMES, self.prev("m"), PLUS, LP, ONE, MINUS, b1, RP, TIMES, g],
                     hp["beta1"] * self.prev("m").value + (1.0 - hp["beta1"]) * g.value)
        v = self.new("v", [b2, TIMES, self.prev("v"), PLUS, LP, ONE, MINUS, b2, RP, TIMES, g, SQUARED],
                     hp["beta2"] * self.prev("v").value + (1.0 - hp["beta2"]) * g.value ** 2)
        if hp["amsgrad"]:
            v = self.new("v_max", [fn("max(", r"\max("), self.prev("v_max"), Op(", "), v, RP],
                         max(self.prev("v_max").value, v.value))
        mhat = self.helper(Sym("mhat"), [m, DIV, LP, ONE, MINUS, b1, POW_L, t, POW_R, RP],
                           m.value / (1.0 - hp["beta1"] ** self.t))
        vhat = self.helper(Sym("vhat"), [v, DIV, LP, ONE, MINUS, b2, POW_L, t, POW_R, RP],
                           v.value / (1.0 - hp["beta2"] ** self.t))
        eps = const("eps", hp["eps"])
        tokens: list[Token] = [NEG, self.eta, TIMES, mhat, DIV, LP, SQRT_L, vhat, SQRT_R, PLUS, eps, RP]
        value: float = -self.eta.value * mhat.value / (math.sqrt(vhat.value) + hp["eps"])
        self.notes.append("m and v are running averages of the gradient and its square; m̂ and v̂ "
                          "correct their bias towards 0 in the first steps")
        if decoupled and hp["weight_decay"]:
            lam = const("lambda", hp["weight_decay"])
            tokens += [MINUS, self.eta, TIMES, lam, TIMES, self.w]
            value -= self.eta.value * hp["weight_decay"] * self.w.value
            self.notes.append("AdamW: the weight decay −η λ p is applied directly, not added to the gradient")
        return tokens, value

    def explanation(self) -> Explanation:
        name = self.ctx.optimizer
        if name not in EXPLAINED:
            raise ValueError(f"no explanation for optimizer {name!r}: add one to core.explain.update.EXPLAINED")
        tokens, value = EXPLAINED[name](self)
        ref = self.ref
        main = Step(term(self.ctx, Ref("update", ref.layer, ref.i, ref.j, 0, ref.bias)), tokens, value)
        if not self.ctx.network.trainable()[self.p][self.idx]:
            self.notes.append("this parameter is frozen, removed or an absent bias: Δ is computed but not applied")
        title = f"The update of step {self.ctx.record.step} by {name} (η = {fmt(self.eta.value)}, t = {self.t})"
        return Explanation(ref, title, [main] + self.steps, value_of(self.ctx, ref), self.notes)


# optimizer name (every entry of core.engine.optimizers.OPTIMIZERS) -> its chain from g to Δp
EXPLAINED: dict[str, Callable[[_Update], tuple[list[Token], float]]] = {
    "sgd": _Update.sgd,
    "adagrad": _Update.adagrad,
    "rmsprop": _Update.rmsprop,
    "adam": lambda u: u.adam(decoupled=False),
    "adamw": lambda u: u.adam(decoupled=True),
}


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
