"""Backpropagation: the error terms and the gradients, layer by layer, output first.

    delta^(L)   = dE/dv_in^(L) = dE/dy_hat * f'(v_in^(L))        (loss.output_delta)
    delta^(k)   = (W^(k->k+1) delta^(k+1)) * f'(v_in^(k))        for 0 < k < L
    dE/dW^(k->k+1) = mean over the batch of outer(v_out^(k), delta^(k+1))
    dE/db^(k+1)    = mean over the batch of delta^(k+1)

Deltas are kept per sample, shape (batch, units); the gradients are the batch means,
which is what the update uses.  There is no delta for the input layer: it has no
parameters to update (the article's delta^(0) is one of its slips).  Removed
connections (the mask) get a zero gradient.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .activations import ACTIVATIONS, Activation
from .forward import ForwardRecord
from .losses import Loss
from .network import Network

Array = NDArray[np.float64]


@dataclass
class BackwardRecord:
    """delta[k] for k = 1..L (delta[0] is None); dE_dW[k] and dE_db[k] for W^(k->k+1), b^(k+1)."""

    delta: list[Array | None]
    dE_dW: list[Array]
    dE_db: list[Array]

    def gradients(self) -> list[Array]:
        """In the order of Network.parameters()."""
        return [g for pair in zip(self.dE_dW, self.dE_db) for g in pair]


def output_delta(net: Network, record: ForwardRecord, y: Array, loss: Loss) -> Array:
    """delta^(L), shape (batch, outputs)."""
    out = net.layers[-1]
    return loss.output_delta(y, record.v_out[-1], record.v_in[-1], ACTIVATIONS[out.activation],
                             out.activation_param)


def delta_below(delta_next: Array, W: Array, v_in: Array, v_out: Array, f: Activation,
                param: float) -> Array:
    """delta^(k) = (W^(k->k+1) delta^(k+1)) * f'(v_in^(k)) from delta^(k+1), W^(k->k+1) and
    layer k's v_in, v_out and activation f (with its parameter): the rule itself, for
    :func:`hidden_delta` and the training step."""
    return f.backward(v_in, v_out, delta_next @ W.T, param)


def hidden_delta(net: Network, k: int, record: ForwardRecord, delta_next: Array) -> Array:
    """delta^(k) = (W^(k->k+1) delta^(k+1)) * f'(v_in^(k)) for a hidden layer k."""
    layer = net.layers[k]
    return delta_below(delta_next, net.W[k], record.v_in[k], record.v_out[k],
                       ACTIVATIONS[layer.activation], layer.activation_param)


def gradients_of(v_out: Array, delta_next: Array, mask: NDArray[np.bool_] | None,
                 bias: bool) -> tuple[Array, Array]:
    """(dE/dW^(k->k+1), dE/db^(k+1)) from v_out^(k) and delta^(k+1), both averaged over the
    batch: the rule itself, for :func:`layer_gradients` and the training step.  ``mask``:
    W^(k->k+1)'s mask when it has removed connections (their gradient is 0), else None;
    ``bias``: layer k+1 has a bias (else dE/db is 0)."""
    n = delta_next.shape[0]
    dW = v_out.T @ delta_next
    dW /= n
    if mask is not None:
        dW *= mask
    db = np.add.reduce(delta_next, axis=0) / n if bias else np.zeros(delta_next.shape[1])
    return dW, db


def layer_gradients(net: Network, k: int, record: ForwardRecord, delta_next: Array,
                    masked: bool | None = None) -> tuple[Array, Array]:
    """(dE/dW^(k->k+1), dE/db^(k+1)), both averaged over the batch.

    ``masked`` says whether W^(k->k+1) has removed connections (computed when None).
    """
    if masked is None:
        masked = not net.mask[k].all()
    return gradients_of(record.v_out[k], delta_next, net.mask[k] if masked else None, net.layers[k + 1].bias)


def backward(net: Network, record: ForwardRecord, y: Array, loss: Loss) -> BackwardRecord:
    """All deltas and gradients for the batch whose forward pass is ``record``."""
    L = net.depth
    delta: list[Array | None] = [None] * (L + 1)    # delta[0] stays None: the input has no error term
    grads: list[tuple[Array, Array]] = []            # (dE_dW[k], dE_db[k]) for k = L-1 .. 0
    d = delta[L] = output_delta(net, record, y, loss)
    for k in range(L - 1, -1, -1):
        grads.append(layer_gradients(net, k, record, d))   # d is delta^(k+1)
        if k > 0:
            d = delta[k] = hidden_delta(net, k, record, d)
    grads.reverse()
    return BackwardRecord(delta, [dW for dW, _ in grads], [db for _, db in grads])
