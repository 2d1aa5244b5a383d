"""Explanations of the backward pass: the error terms δ and the gradients.

    output layer   δ_j^(L) = ∂E/∂ŷ_j f'(v_in,j^(L))
                   (δ_j = ŷ_j − y_j when the loss is fused with the activation; a softmax
                   output sums over its Jacobian instead of multiplying by f')
    hidden layers  δ_i^(k) = (Σ_j w_ij^(k+1) δ_j^(k+1)) f'(v_in,i^(k))
    gradients      ∂E/∂w_ij^(k+1) = mean over the batch of v_out,i^(k) δ_j^(k+1)
                   ∂E/∂b_j^(k+1)  = mean over the batch of δ_j^(k+1)
    regularised    ∂E/∂w gets + λ₁ sign(w) + λ₂ w (E = E_data + λ₁Σ|w| + ½λ₂Σw²); biases do not

∂E/∂ŷ_j and the fused δ are written by the loss's registry entry (:mod:`core.engine.losses`).
"""
from __future__ import annotations

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.naming import matrix_name, param_name
from backprop_studio.core.engine.regularisation import FORMULA as REG_FORMULA
from backprop_studio.core.engine.regularisation import GRADIENT_FORMULA as REG_GRADIENT
from backprop_studio.core.engine.regularisation import NOTE as REG_NOTE

from . import notation
from .context import Context, explanation, target, term, yhat
from .forward_loss import fprime_step
from .notation import (
    DIV,
    LP,
    MAX_TERMS,
    MINUS,
    ONE,
    PLUS,
    RP,
    TIMES,
    ZERO,
    Explanation,
    Step,
    Sym,
    Term,
    Token,
    const,
    fn,
    num,
    sum_tokens,
)
from .refs import Ref


def _dE_dyhat(ctx: Context, j: int, s: int) -> Step:
    """∂E/∂ŷ_j of sample s, as the loss's registry entry writes it (``Loss.gradient_tokens``)."""
    n = ctx.network.sizes[-1]
    ys, hs = [target(ctx, i, s) for i in range(n)], [yhat(ctx, i, s) for i in range(n)]
    h = hs[j]
    tokens, value = LOSSES[ctx.loss].gradient_tokens(notation, ys, hs, j)
    return Step(Term(Sym("yhat", h.sym.idx, sample=h.sym.sample, wrap="dE"), value), tokens, value)


def dE_dyhat_step(ctx: Context, j: int, s: int) -> Step:
    """∂E/∂ŷ_j of sample s as a formula line (fine stepping shows it before δ^(L))."""
    return _dE_dyhat(ctx, j, s)


def output_form(ctx: Context) -> str:
    """How δ^(L) is written: "fused" (δ = ŷ − y, the loss fused with the output activation),
    "softmax" (a sum over the softmax Jacobian) or "chain" (δ = ∂E/∂ŷ f'(v_in))."""
    out = ctx.network.layers[-1].activation
    if LOSSES[ctx.loss].fused_with(ACTIVATIONS[out]):
        return "fused"
    return "softmax" if out == "softmax" else "chain"


def _delta_out(ctx: Context, ref: Ref) -> Explanation:
    L, j, s = ctx.depth, ref.i, ref.sample
    out = ctx.network.layers[-1].activation
    loss = LOSSES[ctx.loss]
    lhs = term(ctx, ref)
    title = f"Error term of output unit {j + 1}: δ^({L}) = ∂E/∂v_in^({L})"
    form = output_form(ctx)
    if form == "fused":
        n = ctx.network.sizes[-1]
        ys, hs = [target(ctx, i, s) for i in range(n)], [yhat(ctx, i, s) for i in range(n)]
        tokens, value, more = loss.fused_delta_tokens(notation, ys, hs, j)
        note = f"{out} output with {ctx.loss}: the slope f' cancels against the loss's denominator, δ = ŷ − y"
        return explanation(ctx, ref, title, [Step(lhs, tokens, value)], ["; ".join([note] + more)])
    if form == "softmax":
        n = ctx.network.sizes[-1]
        gs = [_dE_dyhat(ctx, i, s) for i in range(n)]
        hs = [yhat(ctx, i, s) for i in range(n)]
        hj = hs[j]
        items: list[list[Token]] = [[g.lhs, TIMES, h, TIMES, LP, ONE if i == j else ZERO, MINUS, hj, RP]
                                    for i, (g, h) in enumerate(zip(gs, hs))]
        vals = [g.value * h.value * ((1.0 if i == j else 0.0) - hj.value) for i, (g, h) in enumerate(zip(gs, hs))]
        tokens, value = sum_tokens(items, vals)
        note = ("softmax is not element-wise: δ_j = Σ_i ∂E/∂ŷ_i · ∂ŷ_i/∂v_in,j with the Jacobian "
                "∂ŷ_i/∂v_in,j = ŷ_i (1[i=j] − ŷ_j)")
        return explanation(ctx, ref, title, [Step(lhs, tokens, value)] + gs[:MAX_TERMS], [note])
    g = _dE_dyhat(ctx, j, s)
    fp, notes = fprime_step(ctx, L, j, s)
    tokens = [g.lhs, TIMES, fp.lhs]
    return explanation(ctx, ref, title, [Step(lhs, tokens, g.value * fp.value), g, fp],
                       [f"{ctx.loss}: {loss.gradient_formula}"] + notes)


def _delta_hidden(ctx: Context, ref: Ref) -> Explanation:
    k, j, s = ref.layer, ref.i, ref.sample
    net = ctx.network
    items: list[list[Token]] = []
    vals: list[float] = []
    for m in range(net.sizes[k + 1]):
        if not net.mask[k][j, m]:
            continue
        w, d = term(ctx, Ref("param", k, j, m)), term(ctx, Ref("delta", k + 1, m, 0, s))
        items.append([w, TIMES, d])
        vals.append(w.value * d.value)
    body, back = sum_tokens(items, vals)
    fp, notes = fprime_step(ctx, k, j, s)
    tokens: list[Token] = [LP, *(body or [ZERO]), RP, TIMES, fp.lhs]
    title = f"Error term of unit {j + 1} in layer {k}: δ^({k}) = ({matrix_name(k)} δ^({k + 1})) f'(v_in^({k}))"
    return explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, back * fp.value), fp], notes)


def _delta(ctx: Context, ref: Ref) -> Explanation:
    return _delta_out(ctx, ref) if ref.layer == ctx.depth else _delta_hidden(ctx, ref)


def _delta_mean(ctx: Context, ref: Ref) -> Explanation:
    items = [[term(ctx, Ref("delta", ref.layer, ref.i, 0, s))] for s in range(ctx.batch)]
    body, total = sum_tokens(items, [float(v) for v in ctx.record.delta[ref.layer][:, ref.i]])
    step = Step(term(ctx, ref), [LP] + body + [RP, DIV, num(ctx.batch)], total / ctx.batch)
    return explanation(ctx, ref, "The mean error term over the batch (what the bias gradient uses)", [step])


def _contrib_step(ctx: Context, ref: Ref) -> Step:
    k, s = ref.layer, ref.sample
    lhs = term(ctx, Ref("contrib", k, ref.i, ref.j, s, ref.bias))
    d = term(ctx, Ref("delta", k + 1, ref.j, 0, s))
    if ref.bias:
        if not ctx.network.layers[k + 1].bias:
            return Step(lhs, [ZERO], 0.0)
        return Step(lhs, [d], d.value)
    if not ctx.network.mask[k][ref.i, ref.j]:
        return Step(lhs, [ZERO], 0.0)
    v = term(ctx, Ref("v_out", k, ref.i, 0, s))
    return Step(lhs, [v, TIMES, d], v.value * d.value)


def _grad(ctx: Context, ref: Ref) -> Explanation:
    e = _data_grad(ctx, ref)
    reg = ctx.regularisation
    if not reg.active:
        return e
    if ref.bias:
        e.notes.append(f"{REG_NOTE[:-1]}: {REG_FORMULA} sums over the weights only, so no λ term here")
        return e
    if not ctx.network.mask[ref.layer][ref.i, ref.j]:
        return e
    # E = E_data + λ₁Σ|w| + ½λ₂Σw²: the data gradient plus λ₁ sign(w) + λ₂ w
    w = term(ctx, Ref("param", ref.layer, ref.i, ref.j))
    sign = 0.0 if w.value == 0 else (1.0 if w.value > 0 else -1.0)
    first = e.steps[0]
    tokens = [LP] + first.tokens + [RP, PLUS, const("lambda", reg.l1, (1,)), TIMES,
                                    fn("sign(", r"\operatorname{sign}("), w, RP,
                                    PLUS, const("lambda", reg.l2, (2,)), TIMES, w]
    value = first.value + reg.l1 * sign + reg.l2 * w.value
    e.steps[0] = Step(first.lhs, tokens, value)
    e.notes.append(f"regularisation: {REG_FORMULA}, so {REG_GRADIENT}. {REG_NOTE}")
    return e


def _data_grad(ctx: Context, ref: Ref) -> Explanation:
    k = ref.layer
    lhs = term(ctx, ref)
    what = param_name(k, ref.i, ref.j, ref.bias)
    title = f"Gradient of the loss with respect to {what}"
    notes = []
    if ref.bias and not ctx.network.layers[k + 1].bias:
        return explanation(ctx, ref, title, [Step(lhs, [ZERO], 0.0)], [f"layer {k + 1} has no bias"])
    if not ref.bias and not ctx.network.mask[k][ref.i, ref.j]:
        return explanation(ctx, ref, title, [Step(lhs, [ZERO], 0.0)], ["a removed connection"])
    if ctx.batch == 1:
        c = _contrib_step(ctx, Ref("contrib", k, ref.i, ref.j, 0, ref.bias))
        notes.append("∂E/∂b_j = δ_j" if ref.bias else "∂E/∂w_ij^(k+1) = v_out,i^(k) δ_j^(k+1)")
        return explanation(ctx, ref, title, [Step(lhs, c.tokens, c.value)], notes)
    cs = [_contrib_step(ctx, Ref("contrib", k, ref.i, ref.j, s, ref.bias)) for s in range(ctx.batch)]
    body, total = sum_tokens([[c.lhs] for c in cs], [c.value for c in cs])
    notes.append(f"the mean over the batch of {ctx.batch} samples: this is what the update uses")
    steps = [Step(lhs, [LP] + body + [RP, DIV, num(ctx.batch)], total / ctx.batch)] + cs[:MAX_TERMS]
    return explanation(ctx, ref, title, steps, notes)


def _contrib(ctx: Context, ref: Ref) -> Explanation:
    step = _contrib_step(ctx, ref)
    row = int(ctx.record.samples[ref.sample])
    return explanation(ctx, ref, f"Training sample {row}'s share of the gradient (before the batch mean)", [step])


RULES = {"delta": _delta, "delta_mean": _delta_mean, "grad": _grad, "contrib": _contrib}
