"""Known mistakes: the wrong answer a learner's slip gives, computed by the engine.

A question lists the mistakes it has feedback for, ``{"rule": "sign", "feedback": "..."}``:
names of :data:`MISTAKES`, never formulas (a lesson is a stranger's file: nothing in it is
evaluated).  Each rule computes, from the same state the right answer comes from, the number
(or order of phases) a learner who makes that slip would get; a wrong answer that matches it by
the answer rule (:mod:`core.explain.answers`) gets the lesson's feedback instead of "Not quite".

=====================  ====================================================  ========================
rule                   the slip                                              applies to
=====================  ====================================================  ========================
``sign``               the article's E = y − ŷ: every gradient flips sign;   δ, ∂E/∂p, Δp, p after
                       a descent step taken uphill                           the update, f′(x_t), x_t
``no_fprime``          δ_j^(k) without its factor f′(v_in,j^(k))             δ, ∂E/∂p
``transpose``          W read the wrong way round: w_ji for w_ij             a weight's p, ∂E/∂p, Δp, after
``no_eta``             the step without the learning rate η (plain SGD)     Δp, p after, x_t
``no_half``            E = ½ Σ (y − ŷ)² without its ½: E and every           E, δ, ∂E/∂p
                       gradient doubled
``no_bias``            v_in without the bias b_j (and f of that)            v_in, v_out, ŷ
``fprime_from_v_in``   σ′ written v_in (1 − v_in) instead of                f′, δ (sigmoid units)
                       v_out (1 − v_out)
``backward_ascending`` the backward pass in the forward order, layer 1 first  the phases of a step
``update_before_backward``  the update right after the loss                  the phases of a step
=====================  ====================================================  ========================

A rule that gives no wrong answer in a state (no_eta with momentum, no_fprime on a linear unit
whose f′ is 1) raises :class:`NotHere` with the reason; ``lessons check`` reports a listed
mistake that does not apply, or whose wrong answer is the right one.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.naming import parse_param_name, weight_name
from backprop_studio.core.engine.regularisation import NONE
from backprop_studio.core.explain.context import Context, context_for

from .model import Value
from .state import HeadlessState
from .values import value


class NotHere(Exception):
    """The rule gives no wrong answer for this question in this state; the message says why."""


@dataclass(frozen=True)
class Rule:
    """One known mistake: its ``name`` (the lesson file's), the ``slip`` in words, what it
    ``applies`` to (answer kinds: see :func:`answer_kind`), and how the wrong answer is computed:
    ``wrong(spec, state)`` for a number, ``reorder(phases)`` for the phases of a step."""

    name: str
    slip: str
    applies: frozenset[str]
    wrong: Callable[[Value, HeadlessState], float] | None = None
    reorder: Callable[[list[str]], list[str]] | None = None


def answer_kind(spec: Value) -> str:
    """What a rule must apply to for ``spec``: its kind, or ``function:x`` (``:f``,
    ``:gradient``) for a function view's value."""
    return f"function:{spec.kind}" if spec.view is not None else spec.kind


# -- reading the state ---------------------------------------------------------------------------
def _number(spec: Value, st: HeadlessState) -> float:
    try:
        return value(spec, st.session, st.function1d, st.function2d)
    except InputError as e:
        raise NotHere(e.message) from None


def _ctx(st: HeadlessState) -> Context:
    ctx = context_for(st.session) if st.session is not None else None
    if ctx is None:
        raise NotHere("no training step has started here")
    return ctx


def _fprime(ctx: Context, k: int) -> np.ndarray:
    """f′(v_in^(k)) of the batch, (B, n_k); NotHere for softmax, which is not element-wise."""
    layer = ctx.network.layers[k]
    if layer.activation == "softmax":
        raise NotHere("softmax has no f′ of its own unit: its slope is a matrix")
    rec = ctx.record
    return ACTIVATIONS[layer.activation].derivative(rec.v_in[k], rec.v_out[k], layer.activation_param)


def _param(spec: Value) -> tuple[int, int, int, bool]:
    assert spec.param is not None
    parsed = parse_param_name(spec.param)
    assert parsed is not None       # the reader refused any other name
    return parsed


def _plain_sgd(optimizer: str, hyper: dict[str, Any]) -> float:
    """η of plain gradient descent (the step is −η ∂E/∂p); NotHere for any other rule."""
    if optimizer != "sgd" or hyper.get("momentum", 0.0):
        why = "momentum" if optimizer == "sgd" else optimizer
        raise NotHere(f"with {why} the step is not −η times the gradient")
    return float(hyper["learning_rate"])


def _view_t(spec: Value, st: HeadlessState) -> int:
    if spec.t is not None:
        return spec.t
    if spec.view == "function1d" and st.function1d is not None:
        return st.function1d.t
    if spec.view == "function2d" and st.function2d is not None:
        return st.function2d.steps
    raise NotHere(f"there is no {spec.view} view here")


def _previous_x(spec: Value, st: HeadlessState) -> tuple[float, float, dict[str, Any], str]:
    """(x_t−1, x_t, hyper, optimizer) of a function view's x_t (t ≥ 1)."""
    t = _view_t(spec, st)
    if t < 1:
        raise NotHere("x_0 is where the descent starts: no step has been taken yet")
    before = _number(dataclasses.replace(spec, t=t - 1), st), _number(dataclasses.replace(spec, t=t), st)
    if spec.view == "function1d":
        assert st.function1d is not None
        return before[0], before[1], st.function1d.hyper, st.function1d.optimizer
    assert st.function2d is not None
    run = st.function2d.runs[spec.run - 1]
    return before[0], before[1], run.hyper, run.optimizer


# -- the rules -----------------------------------------------------------------------------------
def _sign(spec: Value, st: HeadlessState) -> float:
    if spec.kind == "after":
        before = _number(dataclasses.replace(spec, kind="param"), st)
        return before - _number(dataclasses.replace(spec, kind="update"), st)
    if spec.view is not None and spec.kind == "x":
        before, now, _, _ = _previous_x(spec, st)
        return 2 * before - now
    return -_number(spec, st)


def _no_fprime(spec: Value, st: HeadlessState) -> float:
    ctx = _ctx(st)
    if spec.kind == "delta":
        assert spec.layer is not None and spec.unit is not None
        fp = float(_fprime(ctx, spec.layer)[spec.sample - 1, spec.unit - 1])
        if fp == 0:
            raise NotHere("f′ is 0 here")
        return _number(spec, st) / fp
    k, i, j, bias = _param(spec)              # ∂E/∂w_ij = mean over the batch of v_out,i δ_j
    delta = ctx.record.delta[k + 1]
    if delta is None:
        raise NotHere("δ is not computed yet")
    slopes = _fprime(ctx, k + 1)[:, j]
    if np.any(slopes == 0):
        raise NotHere("f′ is 0 here")
    v_out = np.ones(len(slopes)) if bias else ctx.record.v_out[k][:, i]
    d = delta[:, j]
    return _number(spec, st) + float(np.mean(v_out * (d / slopes - d)))


def _transpose(spec: Value, st: HeadlessState) -> float:
    k, i, j, bias = _param(spec)
    if bias:
        raise NotHere("a bias has one index: there is nothing to swap")
    if i == j:
        raise NotHere(f"{spec.param} is on the diagonal: swapping its indices names it again")
    return _number(dataclasses.replace(spec, param=weight_name(k, j, i)), st)


def _no_eta(spec: Value, st: HeadlessState) -> float:
    if spec.view is not None:
        before, now, hyper, optimizer = _previous_x(spec, st)
        return before + (now - before) / _plain_sgd(optimizer, hyper)
    ctx = _ctx(st)
    eta = _plain_sgd(ctx.optimizer, ctx.hyper)
    step = _number(dataclasses.replace(spec, kind="update"), st) / eta
    if spec.kind == "update":
        return step
    return _number(dataclasses.replace(spec, kind="param"), st) + step


def _no_half(spec: Value, st: HeadlessState) -> float:
    ctx = _ctx(st)
    if ctx.loss != "half_sse":
        raise NotHere(f"the loss is {ctx.loss}, not E = ½ Σ (y − ŷ)²")
    if spec.kind in ("grad", "batch_loss") and ctx.regularisation != NONE:
        raise NotHere("the regularisation term has no ½ to forget")
    return 2 * _number(spec, st)


def _no_bias(spec: Value, st: HeadlessState) -> float:
    ctx = _ctx(st)
    k = ctx.network.depth if spec.kind == "y_hat" else spec.layer
    assert k is not None and spec.unit is not None
    if k == 0 or not ctx.network.layers[k].bias:
        raise NotHere(f"layer {k} has no biases")
    rec, s, j = ctx.record, spec.sample - 1, spec.unit - 1
    if len(rec.v_in) <= k:
        raise NotHere(f"layer {k} is not computed yet")
    row = rec.v_in[k][s:s + 1] - rec.params_before[2 * (k - 1) + 1][None, :]
    if spec.kind == "v_in":
        return float(row[0, j])
    layer = ctx.network.layers[k]
    return float(ACTIVATIONS[layer.activation].forward(row, layer.activation_param)[0, j])


def _fprime_from_v_in(spec: Value, st: HeadlessState) -> float:
    ctx = _ctx(st)
    assert spec.layer is not None and spec.unit is not None
    if spec.layer == 0 or ctx.network.layers[spec.layer].activation != "sigmoid":
        raise NotHere("the unit is not a sigmoid unit")
    v_in = float(ctx.record.v_in[spec.layer][spec.sample - 1, spec.unit - 1])
    slip = v_in * (1 - v_in)
    if spec.kind == "fprime":
        return slip
    return _number(spec, st) / _number(dataclasses.replace(spec, kind="fprime"), st) * slip


def _backward_ascending(phases: list[str]) -> list[str]:
    backward = [p for p in phases if p.startswith("backward")]
    if len(backward) < 2:
        raise NotHere("one backward phase has no order to get wrong")
    ascending = iter(reversed(backward))
    return [next(ascending) if p.startswith("backward") else p for p in phases]


def _update_before_backward(phases: list[str]) -> list[str]:
    rest = [p for p in phases if p != "update"]
    at = rest.index("loss") + 1
    return rest[:at] + ["update"] + rest[at:]


MISTAKES: dict[str, Rule] = {r.name: r for r in (
    Rule("sign", "the article's E = y − ŷ (every gradient flips sign), or a step taken uphill",
         frozenset({"delta", "grad", "update", "after", "function:gradient", "function:x"}), _sign),
    Rule("no_fprime", "δ without its factor f′(v_in)", frozenset({"delta", "grad"}), _no_fprime),
    Rule("transpose", "W read the wrong way round (w_ji for w_ij)", frozenset({"param", "grad", "update", "after"}),
         _transpose),
    Rule("no_eta", "the step without the learning rate η", frozenset({"update", "after", "function:x"}), _no_eta),
    Rule("no_half", "E = ½ Σ (y − ŷ)² without its ½", frozenset({"loss", "batch_loss", "delta", "grad"}), _no_half),
    Rule("no_bias", "v_in without the bias b_j", frozenset({"v_in", "v_out", "y_hat"}), _no_bias),
    Rule("fprime_from_v_in", "σ′ written v_in (1 − v_in) instead of v_out (1 − v_out)",
         frozenset({"fprime", "delta"}), _fprime_from_v_in),
    Rule("backward_ascending", "the backward pass in the forward order", frozenset({"order"}),
         reorder=_backward_ascending),
    Rule("update_before_backward", "the update before the backward pass", frozenset({"order"}),
         reorder=_update_before_backward),
)}


def wrong_number(rule: str, spec: Value, st: HeadlessState) -> float:
    """The number the slip ``rule`` gives for ``spec`` in ``st``; NotHere when it gives none."""
    entry = MISTAKES[rule]
    if entry.wrong is None or answer_kind(spec) not in entry.applies:
        raise NotHere(f"{rule} is not a mistake one makes computing {answer_kind(spec)}")
    x = entry.wrong(spec, st)
    if not np.isfinite(x):
        raise NotHere("its wrong value is not a finite number")
    return float(x)


def wrong_order(rule: str, phases: list[str]) -> list[str]:
    """The order of ``phases`` the slip ``rule`` gives; NotHere when it gives none."""
    entry = MISTAKES[rule]
    if entry.reorder is None:
        raise NotHere(f"{rule} is not a mistake about the order of phases")
    return entry.reorder(list(phases))
