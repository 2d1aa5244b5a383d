"""Explanations of the forward pass and the loss: inputs and parameters as given, v_in, v_out,
the slope f'(v_in) and the loss of a sample, of the batch and after the update.

    v_in,j^(k) = Σ_i w_ij^(k) v_out,i^(k-1) + b_j^(k)        v_out,j^(k) = f(v_in,j^(k))

Each result is recomputed from the substituted values with plain scalar arithmetic that
shares no code with the engine's vectorised maths: the registry entries' scalar maths
(:meth:`core.engine.activations.Activation.at`), and for the loss the form its entry writes
(:meth:`core.engine.losses.Loss.loss_tokens`).
"""
from __future__ import annotations

import math

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.naming import bias_vector_name, matrix_name
from backprop_studio.core.engine.regularisation import FORMULA as REG_FORMULA
from backprop_studio.core.engine.regularisation import NOTE as REG_NOTE

from . import notation
from .context import Context, explanation, target, term, value_of, yhat
from .notation import (
    DIV,
    LP,
    PLUS,
    RP,
    TIMES,
    ZERO,
    Explanation,
    Step,
    Token,
    fmt,
    num,
    sum_tokens,
)
from .refs import Ref


# -- leaves ------------------------------------------------------------------------------------
def _leaf(ctx: Context, ref: Ref) -> Explanation:
    t = term(ctx, ref)
    row = int(ctx.record.samples[ref.sample])
    k = ref.layer
    titles = {
        "x": f"Input {ref.i + 1} of training sample {row} (row {row} of the dataset)",
        "y": f"Target {ref.i + 1} of training sample {row}, as the loss sees it",
        "param": (f"The bias of unit {ref.j + 1} of layer {k + 1}" if ref.bias else
                  f"The weight from unit {ref.i + 1} of layer {k} to unit {ref.j + 1} of layer {k + 1}")
        + f", before the update of step {ctx.record.step}",
    }
    notes = []
    if ref.kind == "param":
        after = value_of(ctx, Ref("after", k, ref.i, ref.j, 0, ref.bias))
        if after is not None:
            notes.append(f"after the update: {fmt(after)}")
    return explanation(ctx, ref, titles[ref.kind], [Step(t, [t], t.value)], notes)


# -- forward -----------------------------------------------------------------------------------
def _v_in(ctx: Context, ref: Ref) -> Explanation:
    k, j, s = ref.layer, ref.i, ref.sample
    net = ctx.network
    items: list[list[Token]] = []
    values: list[float] = []
    for i in range(net.sizes[k - 1]):
        if not net.mask[k - 1][i, j]:
            continue
        w, v = term(ctx, Ref("param", k - 1, i, j)), term(ctx, Ref("v_out", k - 1, i, 0, s))
        items.append([w, TIMES, v])
        values.append(w.value * v.value)
    tokens, value = sum_tokens(items, values)
    if net.layers[k].bias:
        b = term(ctx, Ref("param", k - 1, 0, j, bias=True))
        tokens = tokens + [PLUS, b] if tokens else [b]
        value += b.value
    if not tokens:
        tokens = [ZERO]
    notes = ["removed connections are left out"] if not net.mask[k - 1][:, j].all() else []
    title = (f"Input to unit {j + 1} of layer {k}: v_in^({k}) = {matrix_name(k - 1, transposed=True)} "
             f"v_out^({k - 1})" + (f" + {bias_vector_name(k - 1)}" if net.layers[k].bias else ""))
    return explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, value)], notes)


def _v_out(ctx: Context, ref: Ref) -> Explanation:
    """v_out = f(v_in), written by the activation's entry (``Activation.output_tokens``): its
    own v_in for an element-wise f, the whole layer's for softmax."""
    k, j, s = ref.layer, ref.i, ref.sample
    layer = ctx.network.layers[k]
    name, a = layer.activation, layer.activation_param
    entry = ACTIVATIONS[name]
    if entry.elementwise:
        vs, at = [term(ctx, Ref("v_in", k, j, 0, s))], 0
    else:
        vs, at = [term(ctx, Ref("v_in", k, i, 0, s)) for i in range(ctx.network.sizes[k])], j
    tokens, value, more = entry.output_tokens(notation, vs, at, a)
    title = f"Output of unit {j + 1} of layer {k}: v_out = f(v_in)"
    return explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, value)], [f"{name}: {entry.formula}"] + more)


def fprime_step(ctx: Context, k: int, j: int, s: int) -> tuple[Step, list[str]]:
    """The slope f'(v_in,j^(k)) of sample s as a step, as the activation's entry writes it
    (``Activation.slope_tokens``: with v_out where the derivative is, sigmoid's f' = v_out (1 − v_out));
    also used by the error terms δ."""
    layer = ctx.network.layers[k]
    name, a = layer.activation, layer.activation_param
    entry = ACTIVATIONS[name]
    v, o = term(ctx, Ref("v_in", k, j, 0, s)), term(ctx, Ref("v_out", k, j, 0, s))
    lhs = term(ctx, Ref("fprime", k, j, 0, s))
    tokens, more = entry.slope_tokens(notation, v, o, a)
    return Step(lhs, tokens, entry.slope_at(v.value, o.value, a)), [f"{name}: {entry.derivative_formula}"] + more


def _fprime(ctx: Context, ref: Ref) -> Explanation:
    step, notes = fprime_step(ctx, ref.layer, ref.i, ref.sample)
    return explanation(ctx, ref, f"Slope of the activation of unit {ref.i + 1} in layer {ref.layer}",
                       [step], notes)


# -- the loss ----------------------------------------------------------------------------------
def _loss_tokens(ctx: Context, s: int) -> tuple[list[Token], float, list[str]]:
    """(tokens, value, notes) of the loss E of sample s, as its registry entry writes it
    (:meth:`core.engine.losses.Loss.loss_tokens`), e.g. half_sse: E = 1/2 Σ_j (y_j − ŷ_j)².

    A loss fused with the output activation (BCE after a sigmoid, cross-entropy after a
    softmax) is written with the logits v_in, so that it stays finite for any v_in."""
    n = ctx.network.sizes[-1]
    entry = LOSSES[ctx.loss]
    ys, yh = [target(ctx, j, s) for j in range(n)], [yhat(ctx, j, s) for j in range(n)]
    vs = [term(ctx, Ref("v_in", ctx.depth, j, 0, s)) for j in range(n)]
    fused = entry.fused_with(ACTIVATIONS[ctx.network.layers[-1].activation])
    return entry.loss_tokens(notation, ys, yh, vs, fused)


def _loss(ctx: Context, ref: Ref) -> Explanation:
    tokens, value, notes = _loss_tokens(ctx, ref.sample)
    row = int(ctx.record.samples[ref.sample])
    title = f"The loss of training sample {row} ({ctx.loss}: {LOSSES[ctx.loss].formula})"
    return explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, value)], notes)


def _batch_loss(ctx: Context, ref: Ref) -> Explanation:
    if ctx.batch == 1:
        e = _loss(ctx, Ref("loss"))
        e.target, e.recorded = ref, value_of(ctx, ref)
    else:
        items = [[term(ctx, Ref("loss", sample=s))] for s in range(ctx.batch)]
        body, total = sum_tokens(items, [float(v) for v in ctx.record.losses])
        steps = [Step(term(ctx, ref), [LP] + body + [RP, DIV, num(ctx.batch)], total / ctx.batch)]
        e = explanation(ctx, ref, "The loss of the batch: the mean of the samples' losses", steps)
    if ctx.regularisation.active and ctx.record.loss is not None:
        # the recorded E is E_data; the step minimises E_data plus the weights' term
        reg, extra = ctx.regularisation, ctx.record.loss_regularisation
        e.notes.append(f"regularisation: {REG_FORMULA} with λ₁ = {fmt(reg.l1)}, λ₂ = {fmt(reg.l2)}: "
                       f"this E_data + {fmt(extra)} = {fmt(ctx.record.loss + extra)}. {REG_NOTE}")
    return e


def _loss_after(ctx: Context, ref: Ref) -> Explanation:
    t = term(ctx, ref)
    before = ctx.record.loss
    notes = ["a forward pass of the same batch with the updated parameters w′ and b′"]
    if before is not None and math.isfinite(t.value):
        notes.append(f"change: E′ − E = {fmt(t.value - before)}")
    return explanation(ctx, ref, "The loss of the same batch after the update", [Step(t, [t], t.value)], notes)


RULES = {"x": _leaf, "y": _leaf, "param": _leaf, "v_in": _v_in, "v_out": _v_out, "fprime": _fprime,
         "loss": _loss, "batch_loss": _batch_loss, "loss_after": _loss_after}
