"""Loss functions E(y, y_hat), each with its gradient beside it.

Every loss is computed per sample; the loss of a batch is the mean over its samples.
``y_hat`` is the output layer's ``v_out``; the fused pairs (sigmoid + bce, softmax +
cross_entropy) are evaluated from the output layer's ``v_in`` (the logits), which keeps
them finite for any logit.

Each entry carries its teaching beside its maths: ``formula`` and ``gradient_formula`` (the
texts the explanations show), and :meth:`Loss.at` and :meth:`Loss.gradient_at`, the same
maths for one sample in plain ``math``, which the explanations recompute with (a second
implementation; a test checks it against the vectorised one and finite differences).  The
entry also writes its explanation (:mod:`core.engine.written`): :meth:`Loss.loss_tokens`
(E of a sample), :meth:`Loss.gradient_tokens` (dE/dŷ_j) and :meth:`Loss.fused_delta_tokens`
(δ^(L) of a fused pair).  A loss that does not write them is explained as ``name(y, ŷ)``
with its scalar maths.  Beside these the entry holds what the rest of the app needs of it:

- ``torch`` (and ``torch_fused``, the form written with the logits): its per-sample E in
  PyTorch for the exported script (:class:`TorchLoss`);
- ``targets``: what its targets may be (:data:`REAL`, :data:`UNIT` or :data:`CLASSES`), the rule
  :mod:`core.training.targets` applies to a dataset's targets;
- ``output``: the output activation it asks for (None: any), which
  :mod:`core.training.fit_data` gives a network whose data it chose this loss for.

A test walks every entry (tests/core/test_registry_walk.py), so a new loss is complete with
its entry alone.

The output error term is ``delta^(L) = dE/dv_in^(L)``.  With the article's
E = 1/2 (y - y_hat)^2 that is ``(y_hat - y) f'(v_in)``: the sign is such that the
update ``-eta dE/dW`` reduces E (the article's ``(y - y_hat) f'`` is the negative of
this, paired with a ``+eta`` update).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .activations import SIGMOID, SOFTMAX, Activation
from .written import Notation, Tokens, Valued

Array = NDArray[np.float64]
_EPS = 1e-12

REAL = "any real"
"""Targets of any real value (half_sse, mse)."""
UNIT = "between 0 and 1"
"""Targets in [0, 1]: 0/1 labels or probabilities (bce)."""
CLASSES = "classes"
"""Targets in [0, 1] per output (one-hot rows or probabilities), or one column of class labels
0..outputs-1 made one-hot; two or more outputs (cross_entropy)."""


@dataclass(frozen=True)
class TorchLoss:
    """A loss's per-sample E in PyTorch, for the exported script.

    ``code`` is an expression of ``y`` (targets), ``y_hat`` (outputs), ``z`` (the output layer's
    v_in, the logits) and ``p`` (y_hat clipped as the engine clips it, when ``clip`` says how:
    ``clipped(y_hat, lo, hi)``, whose gradient passes through unchanged), of shape (batch,);
    ``text`` is its formula for the docstring."""

    text: str
    code: str
    clip: str = ""


@dataclass(frozen=True)
class Loss:
    name: str
    formula: str
    gradient_formula: str
    torch: TorchLoss = field(kw_only=True)
    torch_fused: TorchLoss | None = field(default=None, kw_only=True)   # with the logits (fused_with)
    targets: str = field(default=REAL, kw_only=True)
    output: str | None = field(default=None, kw_only=True)

    def torch_form(self, fused: bool) -> TorchLoss:
        """The PyTorch form of E: written with the logits when the output activation is the one
        this loss is fused with (``fused``), else with y_hat."""
        return self.torch_fused if fused and self.torch_fused is not None else self.torch

    def per_sample(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        """E for each sample, shape (batch,)."""
        raise NotImplementedError

    def gradient(self, y: Array, y_hat: Array) -> Array:
        """dE/dy_hat for each sample, shape (batch, outputs)."""
        raise NotImplementedError

    def terms(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        """E split into one term per output, shape (batch, outputs): E = sum_j term_j, and
        term_j depends on y_hat_j alone (so dterm_j/dy_hat_j = dE/dy_hat_j).  The
        computation graph draws these (:mod:`core.explain.graph`)."""
        raise NotImplementedError

    def fused_with(self, activation: Activation) -> bool:
        """True when delta^(L) is computed from the logits directly (canonical link)."""
        return False

    def fused_delta(self, y: Array, y_hat: Array) -> Array:
        """delta^(L) for the fused pair: y_hat - y (sigmoid + bce)."""
        return y_hat - y

    def at(self, y: list[float], y_hat: list[float]) -> float:
        """E of one sample from its targets and outputs, in plain ``math``."""
        raise NotImplementedError

    def gradient_at(self, y: list[float], y_hat: list[float], j: int) -> float:
        """dE/dy_hat_j of one sample, in plain ``math``."""
        raise NotImplementedError

    def output_delta(self, y: Array, y_hat: Array, v_in: Array, activation: Activation,
                     param: float = 0.01) -> Array:
        """delta^(L) = dE/dv_in^(L), shape (batch, outputs)."""
        if self.fused_with(activation):
            return self.fused_delta(y, y_hat)
        return activation.backward(v_in, y_hat, self.gradient(y, y_hat), param)


    # -- how the explanations write it (w: core.explain.notation; ys, hs, vs: y_j, ŷ_j, v_in,j) --
    def loss_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued], vs: Sequence[Valued],
                    fused: bool) -> tuple[Tokens, float, list[str]]:
        """(tokens, value, notes) of E of one sample; ``fused``: the output activation is the
        one this loss is fused with, so E may be written with the logits ``vs``.

        This default writes ``name(y_1, ŷ_1; y_2, ŷ_2 ...)`` with :meth:`at`."""
        tokens: Tokens = [w.fn(f"{self.name}(", rf"\operatorname{{{self.name}}}(")]
        for n, (y, h) in enumerate(zip(ys, hs)):
            tokens += ([w.Op("; ")] if n else []) + [y, w.Op(", "), h]
        value = self.at([y.value for y in ys], [h.value for h in hs])
        return tokens + [w.RP], value, [f"{self.name}: {self.formula}"]

    def gradient_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued],
                        j: int) -> tuple[Tokens, float]:
        """(tokens, value) of dE/dŷ_j of one sample; this default writes ``name′(y_j, ŷ_j)``
        with :meth:`gradient_at`."""
        tokens = [w.fn(f"{self.name}′(", rf"\operatorname{{{self.name}}}'("), ys[j], w.Op(", "), hs[j], w.RP]
        return tokens, self.gradient_at([y.value for y in ys], [h.value for h in hs], j)

    def fused_delta_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued],
                           j: int) -> tuple[Tokens, float, list[str]]:
        """(tokens, value, notes) of δ_j^(L) of a fused pair (see :meth:`fused_delta`): ŷ_j − y_j."""
        return [hs[j], w.MINUS, ys[j]], hs[j].value - ys[j].value, []


def _squares(w: Notation, ys: Sequence[Valued], hs: Sequence[Valued]) -> tuple[Tokens, float]:
    """Σ_j (y_j − ŷ_j)², written out, with its value."""
    items = [[w.LP, y, w.MINUS, h, w.RP, w.SQUARED] for y, h in zip(ys, hs)]
    return w.sum_tokens(items, [(y.value - h.value) ** 2 for y, h in zip(ys, hs)])


class _HalfSSE(Loss):
    def per_sample(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        d = y - y_hat
        return 0.5 * (d * d).sum(axis=-1)

    def gradient(self, y: Array, y_hat: Array) -> Array:  # dE/dy_hat = y_hat - y
        return y_hat - y

    def terms(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        return 0.5 * (y - y_hat) ** 2

    def at(self, y: list[float], y_hat: list[float]) -> float:
        return 0.5 * math.fsum((a - b) ** 2 for a, b in zip(y, y_hat))

    def gradient_at(self, y: list[float], y_hat: list[float], j: int) -> float:
        return y_hat[j] - y[j]

    def loss_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued], vs: Sequence[Valued],
                    fused: bool) -> tuple[Tokens, float, list[str]]:   # 1/2 Σ_j (y_j − ŷ_j)²
        body, total = _squares(w, ys, hs)
        if len(ys) == 1:    # a single square needs no bracket around it: 1/2 (y − ŷ)²
            return [w.fn("1/2 ", r"\frac{1}{2} ")] + body, 0.5 * total, []
        return [w.fn("1/2 (", r"\frac{1}{2} (")] + body + [w.RP], 0.5 * total, []

    def gradient_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued],
                        j: int) -> tuple[Tokens, float]:        # ŷ_j − y_j
        return [hs[j], w.MINUS, ys[j]], hs[j].value - ys[j].value


class _MSE(Loss):
    def per_sample(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        d = y - y_hat
        return (d * d).sum(axis=-1) / d.shape[-1]

    def gradient(self, y: Array, y_hat: Array) -> Array:  # dE/dy_hat = 2 (y_hat - y) / n_outputs
        return 2.0 * (y_hat - y) / y.shape[-1]

    def terms(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        return (y - y_hat) ** 2 / y.shape[-1]

    def at(self, y: list[float], y_hat: list[float]) -> float:
        return math.fsum((a - b) ** 2 for a, b in zip(y, y_hat)) / len(y)

    def gradient_at(self, y: list[float], y_hat: list[float], j: int) -> float:
        return 2.0 * (y_hat[j] - y[j]) / len(y)

    def loss_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued], vs: Sequence[Valued],
                    fused: bool) -> tuple[Tokens, float, list[str]]:   # Σ_j (y_j − ŷ_j)² / n
        body, total = _squares(w, ys, hs)
        n = len(ys)
        if n == 1:          # a single square needs no bracket around it
            return body + [w.DIV, w.num(n)], total, []
        return [w.LP] + body + [w.RP, w.DIV, w.num(n)], total / n, []

    def gradient_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued],
                        j: int) -> tuple[Tokens, float]:        # 2 (ŷ_j − y_j) / n
        n = len(ys)
        h, y = hs[j], ys[j]
        return [w.Op("2"), w.TIMES, w.LP, h, w.MINUS, y, w.RP, w.DIV, w.num(n)], 2.0 * (h.value - y.value) / n


class _BCE(Loss):
    def per_sample(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        if activation is SIGMOID:
            # -[y log s(z) + (1-y) log(1-s(z))] = softplus(z) - y z, stable for any z
            return np.sum(np.logaddexp(0.0, v_in) - y * v_in, axis=-1)
        p = np.clip(y_hat, _EPS, 1.0 - _EPS)
        return -np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p), axis=-1)

    def gradient(self, y: Array, y_hat: Array) -> Array:  # dE/dy_hat = (y_hat - y) / (y_hat (1 - y_hat))
        p = np.clip(y_hat, _EPS, 1.0 - _EPS)
        return (p - y) / (p * (1.0 - p))

    def terms(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        if activation is SIGMOID:
            return np.logaddexp(0.0, v_in) - y * v_in
        p = np.clip(y_hat, _EPS, 1.0 - _EPS)
        return -(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))

    def fused_with(self, activation: Activation) -> bool:
        return activation is SIGMOID

    def at(self, y: list[float], y_hat: list[float]) -> float:
        p = [min(max(h, _EPS), 1.0 - _EPS) for h in y_hat]
        return -math.fsum(a * math.log(q) + (1.0 - a) * math.log(1.0 - q) for a, q in zip(y, p))

    def gradient_at(self, y: list[float], y_hat: list[float], j: int) -> float:
        p = min(max(y_hat[j], _EPS), 1.0 - _EPS)
        return (p - y[j]) / (p * (1.0 - p))

    def loss_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued], vs: Sequence[Valued],
                    fused: bool) -> tuple[Tokens, float, list[str]]:
        if fused:   # Σ_j [ln(1 + exp(v_in,j)) − y_j v_in,j], finite for any logit
            items = [[w.fn("ln(1 + exp(", r"\ln(1 + \exp("), v, w.Op("))"), w.MINUS, y, w.TIMES, v]
                     for y, v in zip(ys, vs)]
            with np.errstate(all="ignore"):
                vals = [float(np.logaddexp(0.0, np.float64(v.value))) - y.value * v.value for y, v in zip(ys, vs)]
            body, total = w.sum_tokens(items, vals)
            return body, total, ["= −Σ_j [y_j ln ŷ_j + (1 − y_j) ln(1 − ŷ_j)], written with the logit "
                                 "v_in = ln(ŷ / (1 − ŷ)) so that it stays finite for any v_in"]
        # −Σ_j [y_j ln ŷ_j + (1 − y_j) ln(1 − ŷ_j)]
        p = [min(max(h.value, _EPS), 1 - _EPS) for h in hs]
        items = [[y, w.TIMES, w.fn("ln(", r"\ln("), h, w.RP, w.PLUS, w.LP, w.ONE, w.MINUS, y, w.RP, w.TIMES,
                  w.fn("ln(1 − ", r"\ln(1 - "), h, w.RP] for y, h in zip(ys, hs)]
        vals = [y.value * math.log(q) + (1 - y.value) * math.log(1 - q) for y, q in zip(ys, p)]
        body, total = w.sum_tokens(items, vals)
        return [w.NEG, w.LP] + body + [w.RP], -total, ["ŷ is clipped to [1e-12, 1 − 1e-12] inside the logarithms"]

    def gradient_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued],
                        j: int) -> tuple[Tokens, float]:        # (ŷ_j − y_j) / (ŷ_j (1 − ŷ_j))
        h, y = hs[j], ys[j]
        p = min(max(h.value, _EPS), 1 - _EPS)
        tokens = [w.LP, h, w.MINUS, y, w.RP, w.DIV, w.LP, h, w.TIMES, w.LP, w.ONE, w.MINUS, h, w.RP, w.RP]
        return tokens, (p - y.value) / (p * (1.0 - p))


class _CrossEntropy(Loss):
    def per_sample(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        if activation is SOFTMAX:
            # -sum y log softmax(z) = logsumexp(z) - sum y z, stable for any z
            m = v_in.max(axis=-1, keepdims=True)
            lse = m[..., 0] + np.log(np.sum(np.exp(v_in - m), axis=-1))
            return lse * np.sum(y, axis=-1) - np.sum(y * v_in, axis=-1)
        return -np.sum(y * np.log(np.clip(y_hat, _EPS, None)), axis=-1)

    def gradient(self, y: Array, y_hat: Array) -> Array:  # dE/dy_hat = -y / y_hat
        return -y / np.clip(y_hat, _EPS, None)

    def terms(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        if activation is SOFTMAX:   # -y_j log softmax(z)_j = y_j (logsumexp(z) - z_j)
            m = v_in.max(axis=-1, keepdims=True)
            lse = m + np.log(np.sum(np.exp(v_in - m), axis=-1, keepdims=True))
            return y * (lse - v_in)
        return -y * np.log(np.clip(y_hat, _EPS, None))

    def at(self, y: list[float], y_hat: list[float]) -> float:
        return -math.fsum(a * math.log(max(h, _EPS)) for a, h in zip(y, y_hat))

    def gradient_at(self, y: list[float], y_hat: list[float], j: int) -> float:
        return -y[j] / max(y_hat[j], _EPS)

    def fused_with(self, activation: Activation) -> bool:
        return activation is SOFTMAX

    def fused_delta(self, y: Array, y_hat: Array) -> Array:
        # dE/dz_j = y_hat_j sum_i y_i - y_j, which is y_hat - y when the targets sum to 1
        return y_hat * np.sum(y, axis=-1, keepdims=True) - y

    def loss_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued], vs: Sequence[Valued],
                    fused: bool) -> tuple[Tokens, float, list[str]]:
        if fused:
            return _softmax_cross_entropy_tokens(w, ys, vs)
        # −Σ_j y_j ln ŷ_j
        items = [[y, w.TIMES, w.fn("ln(", r"\ln("), h, w.RP] for y, h in zip(ys, hs)]
        vals = [y.value * math.log(max(h.value, _EPS)) for y, h in zip(ys, hs)]
        body, total = w.sum_tokens(items, vals)
        return [w.NEG, w.LP] + body + [w.RP], -total, ["ŷ is clipped to at least 1e-12 inside the logarithm"]

    def gradient_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued],
                        j: int) -> tuple[Tokens, float]:        # −y_j / ŷ_j
        return [w.NEG, ys[j], w.DIV, hs[j]], -ys[j].value / max(hs[j].value, _EPS)

    def fused_delta_tokens(self, w: Notation, ys: Sequence[Valued], hs: Sequence[Valued],
                           j: int) -> tuple[Tokens, float, list[str]]:
        total = sum(y.value for y in ys)
        if total == 1.0:
            return super().fused_delta_tokens(w, ys, hs, j)
        # targets that do not sum to 1: dE/dv_in,j = ŷ_j Σ_i y_i − y_j
        h, y = hs[j], ys[j]
        return ([h, w.TIMES, w.label("Σ_i y_i", total, base="y"), w.MINUS, y], h.value * total - y.value,
                ["here the targets do not sum to 1, so δ = ŷ Σ_i y_i − y"])


def _softmax_cross_entropy_tokens(w: Notation, ys: Sequence[Valued],
                                  vs: Sequence[Valued]) -> tuple[Tokens, float, list[str]]:
    """E = ln(Σ_i exp(v_in,i)) Σ_j y_j − Σ_j y_j v_in,j: cross-entropy of a softmax output,
    written with the logits v_in so that it stays finite (log-sum-exp)."""
    exp_ = w.fn("exp(", r"\exp(")
    z = np.array([v.value for v in vs])
    lse = float(z.max() + np.log(np.sum(np.exp(z - z.max()))))
    lse_tokens, _ = w.sum_tokens([[exp_, v, w.RP] for v in vs], [0.0] * len(vs))
    ysum_tokens, ysum = w.sum_tokens([[y] for y in ys], [y.value for y in ys])
    yv_tokens, yv = w.sum_tokens([[y, w.TIMES, v] for y, v in zip(ys, vs)],
                                 [y.value * v.value for y, v in zip(ys, vs)])
    tokens = ([w.fn("ln(", r"\ln(")] + lse_tokens + [w.RP, w.TIMES, w.LP] + ysum_tokens + [w.RP, w.MINUS, w.LP]
              + yv_tokens + [w.RP])
    return tokens, lse * ysum - yv, ["= −Σ_j y_j ln ŷ_j with ŷ = softmax(v_in), written with the logits "
                                     "so that it stays finite for any v_in"]


HALF_SSE = _HalfSSE("half_sse", "E = 1/2 sum_j (y_j - y_hat_j)^2", "dE/dy_hat_j = y_hat_j - y_j",
                    torch=TorchLoss("E = 1/2 sum_j (y_j - y_hat_j)^2 (the article's loss)",
                                    "0.5 * ((y - y_hat) ** 2).sum(dim=1)"))
MSE = _MSE("mse", "E = 1/n sum_j (y_j - y_hat_j)^2", "dE/dy_hat_j = 2 (y_hat_j - y_j) / n",
           torch=TorchLoss("E = 1/n sum_j (y_j - y_hat_j)^2 over the n outputs",
                           "((y - y_hat) ** 2).sum(dim=1) / y.shape[1]"))
BCE = _BCE("bce", "E = -sum_j [y_j log y_hat_j + (1 - y_j) log(1 - y_hat_j)]",
           "dE/dy_hat_j = (y_hat_j - y_j) / (y_hat_j (1 - y_hat_j))",
           torch=TorchLoss("E = -sum_j [y_j log y_hat_j + (1 - y_j) log(1 - y_hat_j)]",
                           "-(y * torch.log(p) + (1 - y) * torch.log(1 - p)).sum(dim=1)",
                           "clipped(y_hat, 1e-12, 1.0 - 1e-12)"),
           torch_fused=TorchLoss("E = -sum_j [y_j log y_hat_j + (1 - y_j) log(1 - y_hat_j)], written with the "
                                 "logits z (y_hat = sigmoid(z)) as sum_j [log(1 + e^z_j) - y_j z_j], finite for "
                                 "every z", "(torch.logaddexp(torch.zeros_like(z), z) - y * z).sum(dim=1)"),
           targets=UNIT, output="sigmoid")
CROSS_ENTROPY = _CrossEntropy(
    "cross_entropy", "E = -sum_j y_j log y_hat_j", "dE/dy_hat_j = -y_j / y_hat_j",
    torch=TorchLoss("E = -sum_j y_j log y_hat_j", "-(y * torch.log(p)).sum(dim=1)", "clipped(y_hat, 1e-12, None)"),
    torch_fused=TorchLoss("E = -sum_j y_j log y_hat_j with y_hat = softmax(z), written with the logits as "
                          "logsumexp(z) sum_j y_j - sum_j y_j z_j, finite for every z",
                          "torch.logsumexp(z, dim=1) * y.sum(dim=1) - (y * z).sum(dim=1)"),
    targets=CLASSES, output="softmax")

LOSSES: dict[str, Loss] = {l.name: l for l in (HALF_SSE, MSE, BCE, CROSS_ENTROPY)}


def as_targets(y: Array, outputs: int, loss: Loss) -> Array:
    """Targets as a float array of shape (n, outputs).

    For a loss of :data:`CLASSES` (cross_entropy), integer class labels of shape (n,) or (n, 1)
    with more than one output are turned into one-hot rows.
    """
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if loss.targets == CLASSES and outputs > 1 and y.shape[1] == 1:
        labels = y[:, 0].astype(np.int64)
        if np.any(labels != y[:, 0]) or np.any(labels < 0) or np.any(labels >= outputs):
            raise ValueError(f"class labels must be integers in 0..{outputs - 1}")
        y = np.eye(outputs)[labels]
    return y
