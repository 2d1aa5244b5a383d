"""Loss functions E(y, y_hat), each with its gradient beside it.

Every loss is computed per sample; the loss of a batch is the mean over its samples.
``y_hat`` is the output layer's ``v_out``; the fused pairs (sigmoid + bce, softmax +
cross_entropy) are evaluated from the output layer's ``v_in`` (the logits), which keeps
them finite for any logit.

Each entry carries its teaching beside its maths: ``formula`` and ``gradient_formula`` (the
texts the explanations show), and :meth:`Loss.at` and :meth:`Loss.gradient_at`, the same
maths for one sample in plain ``math``, which the explanations recompute with (a second
implementation; a test checks it against the vectorised one and finite differences).

The output error term is ``delta^(L) = dE/dv_in^(L)``.  With the article's
E = 1/2 (y - y_hat)^2 that is ``(y_hat - y) f'(v_in)``: the sign is such that the
update ``-eta dE/dW`` reduces E (the article's ``(y - y_hat) f'`` is the negative of
this, paired with a ``+eta`` update).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .activations import SIGMOID, SOFTMAX, Activation

Array = NDArray[np.float64]
_EPS = 1e-12


@dataclass(frozen=True)
class Loss:
    name: str
    formula: str
    gradient_formula: str

    def per_sample(self, y: Array, y_hat: Array, v_in: Array, activation: Activation) -> Array:
        """E for each sample, shape (batch,)."""
        raise NotImplementedError

    def gradient(self, y: Array, y_hat: Array) -> Array:
        """dE/dy_hat for each sample, shape (batch, outputs)."""
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


class _HalfSSE(Loss):
    def per_sample(self, y, y_hat, v_in, activation):
        d = y - y_hat
        return 0.5 * (d * d).sum(axis=-1)

    def gradient(self, y, y_hat):  # dE/dy_hat = y_hat - y
        return y_hat - y

    def at(self, y, y_hat):
        return 0.5 * math.fsum((a - b) ** 2 for a, b in zip(y, y_hat))

    def gradient_at(self, y, y_hat, j):
        return y_hat[j] - y[j]


class _MSE(Loss):
    def per_sample(self, y, y_hat, v_in, activation):
        d = y - y_hat
        return (d * d).sum(axis=-1) / d.shape[-1]

    def gradient(self, y, y_hat):  # dE/dy_hat = 2 (y_hat - y) / n_outputs
        return 2.0 * (y_hat - y) / y.shape[-1]

    def at(self, y, y_hat):
        return math.fsum((a - b) ** 2 for a, b in zip(y, y_hat)) / len(y)

    def gradient_at(self, y, y_hat, j):
        return 2.0 * (y_hat[j] - y[j]) / len(y)


class _BCE(Loss):
    def per_sample(self, y, y_hat, v_in, activation):
        if activation is SIGMOID:
            # -[y log s(z) + (1-y) log(1-s(z))] = softplus(z) - y z, stable for any z
            return np.sum(np.logaddexp(0.0, v_in) - y * v_in, axis=-1)
        p = np.clip(y_hat, _EPS, 1.0 - _EPS)
        return -np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p), axis=-1)

    def gradient(self, y, y_hat):  # dE/dy_hat = (y_hat - y) / (y_hat (1 - y_hat))
        p = np.clip(y_hat, _EPS, 1.0 - _EPS)
        return (p - y) / (p * (1.0 - p))

    def fused_with(self, activation):
        return activation is SIGMOID

    def at(self, y, y_hat):
        p = [min(max(h, _EPS), 1.0 - _EPS) for h in y_hat]
        return -math.fsum(a * math.log(q) + (1.0 - a) * math.log(1.0 - q) for a, q in zip(y, p))

    def gradient_at(self, y, y_hat, j):
        p = min(max(y_hat[j], _EPS), 1.0 - _EPS)
        return (p - y[j]) / (p * (1.0 - p))


class _CrossEntropy(Loss):
    def per_sample(self, y, y_hat, v_in, activation):
        if activation is SOFTMAX:
            # -sum y log softmax(z) = logsumexp(z) - sum y z, stable for any z
            m = v_in.max(axis=-1, keepdims=True)
            lse = m[..., 0] + np.log(np.sum(np.exp(v_in - m), axis=-1))
            return lse * np.sum(y, axis=-1) - np.sum(y * v_in, axis=-1)
        return -np.sum(y * np.log(np.clip(y_hat, _EPS, None)), axis=-1)

    def gradient(self, y, y_hat):  # dE/dy_hat = -y / y_hat
        return -y / np.clip(y_hat, _EPS, None)

    def at(self, y, y_hat):
        return -math.fsum(a * math.log(max(h, _EPS)) for a, h in zip(y, y_hat))

    def gradient_at(self, y, y_hat, j):
        return -y[j] / max(y_hat[j], _EPS)

    def fused_with(self, activation):
        return activation is SOFTMAX

    def fused_delta(self, y, y_hat):
        # dE/dz_j = y_hat_j sum_i y_i - y_j, which is y_hat - y when the targets sum to 1
        return y_hat * np.sum(y, axis=-1, keepdims=True) - y


HALF_SSE = _HalfSSE("half_sse", "E = 1/2 sum_j (y_j - y_hat_j)^2", "dE/dy_hat_j = y_hat_j - y_j")
MSE = _MSE("mse", "E = 1/n sum_j (y_j - y_hat_j)^2", "dE/dy_hat_j = 2 (y_hat_j - y_j) / n")
BCE = _BCE("bce", "E = -sum_j [y_j log y_hat_j + (1 - y_j) log(1 - y_hat_j)]",
           "dE/dy_hat_j = (y_hat_j - y_j) / (y_hat_j (1 - y_hat_j))")
CROSS_ENTROPY = _CrossEntropy("cross_entropy", "E = -sum_j y_j log y_hat_j", "dE/dy_hat_j = -y_j / y_hat_j")

LOSSES: dict[str, Loss] = {l.name: l for l in (HALF_SSE, MSE, BCE, CROSS_ENTROPY)}


def as_targets(y: Array, outputs: int, loss: Loss) -> Array:
    """Targets as a float array of shape (n, outputs).

    For cross_entropy, integer class labels of shape (n,) or (n, 1) with more than one
    output are turned into one-hot rows.
    """
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if loss is CROSS_ENTROPY and outputs > 1 and y.shape[1] == 1:
        labels = y[:, 0].astype(np.int64)
        if np.any(labels != y[:, 0]) or np.any(labels < 0) or np.any(labels >= outputs):
            raise ValueError(f"class labels must be integers in 0..{outputs - 1}")
        y = np.eye(outputs)[labels]
    return y
