"""The forward pass, layer by layer, returning every intermediate.

    v_in^(k)  = W^(k-1->k)^T v_out^(k-1) + b^(k)      (per sample; rows of a batch)
    v_out^(k) = f(v_in^(k))

For a batch X of shape (batch, units of layer 0) this is ``v_in = v_out_prev @ W + b``.
Layer 0 has no activation: v_in^(0) = v_out^(0) = x.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .activations import ACTIVATIONS, Activation
from .losses import Loss
from .network import Network

Array = NDArray[np.float64]


@dataclass
class ForwardRecord:
    """Every v_in^(k) and v_out^(k), k = 0..L, each of shape (batch, units of layer k)."""

    v_in: list[Array]
    v_out: list[Array]

    @property
    def y_hat(self) -> Array:
        return self.v_out[-1]


def layer_values(v_out_prev: Array, W: Array, b: Array | None, f: Activation,
                 param: float) -> tuple[Array, Array]:
    """(v_in^(k), v_out^(k)) from v_out^(k-1): v_in = v_out_prev @ W^(k-1->k) + b^(k) (``b``
    None: the layer has no bias), v_out = f(v_in) with f's parameter ``param``.

    The rule itself, for :func:`forward_layer` and for the training step, which looks its
    layers' W, b and f up once per step (:class:`core.training.phases.StepRules`)."""
    v_in = v_out_prev @ W
    if b is not None:
        v_in += b
    return v_in, f.forward(v_in, param)


def forward_layer(net: Network, k: int, v_out_prev: Array) -> tuple[Array, Array]:
    """(v_in^(k), v_out^(k)) for layer k >= 1 from v_out^(k-1)."""
    layer = net.layers[k]
    return layer_values(v_out_prev, net.W[k - 1], net.b[k - 1] if layer.bias else None,
                        ACTIVATIONS[layer.activation], layer.activation_param)


def forward(net: Network, x: Array) -> ForwardRecord:
    """The whole forward pass for a batch ``x`` of shape (batch, units of layer 0)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x[None, :]
    v_in, v_out = [x], [x]
    for k in range(1, len(net.layers)):
        a, z = forward_layer(net, k, v_out[-1])
        v_in.append(a)
        v_out.append(z)
    return ForwardRecord(v_in, v_out)


def sample_losses(net: Network, record: ForwardRecord, y: Array, loss: Loss) -> Array:
    """E for each sample of the batch, shape (batch,)."""
    out = net.layers[-1]
    return loss.per_sample(y, record.v_out[-1], record.v_in[-1], ACTIVATIONS[out.activation])


def predict(net: Network, x: Array) -> Array:
    """The network's output y_hat, without keeping intermediates."""
    z = np.asarray(x, dtype=np.float64)
    for k in range(1, len(net.layers)):
        z = forward_layer(net, k, z)[1]
    return z


def batch_loss(net: Network, x: Array, y: Array, loss: Loss) -> float:
    """The mean loss over the samples of (x, y)."""
    return float(np.mean(sample_losses(net, forward(net, x), y, loss)))
