"""Numerical gradient check by central differences.

For every parameter p present in the network (removed connections and absent biases are
skipped), the numerical derivative is

    n = (E(p + h) - E(p - h)) / (2 h)

and the relative error against the backpropagated gradient a is

    |a - n| / max(|a| + |n|, tiny)

(0 where both are 0).  Frozen parameters are checked too: their gradient is still computed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .backprop import backward
from .forward import batch_loss, forward
from .losses import Loss
from .network import Network

Array = NDArray[np.float64]


@dataclass
class GradCheck:
    """Per parameter (in Network.parameters() order): analytic, numeric and relative error.

    Entries that are not checked hold NaN.
    """

    analytic: list[Array]
    numeric: list[Array]
    relative_error: list[Array]

    def worst_per_layer(self) -> list[float]:
        """The largest relative error over W^(k->k+1) and b^(k+1), for each k."""
        out = []
        for k in range(len(self.relative_error) // 2):
            errs = np.concatenate([self.relative_error[2 * k].ravel(), self.relative_error[2 * k + 1].ravel()])
            errs = errs[~np.isnan(errs)]
            out.append(float(errs.max()) if errs.size else 0.0)
        return out

    @property
    def worst(self) -> float:
        return max(self.worst_per_layer(), default=0.0)


def relative_error(a: Array, n: Array) -> Array:
    scale = np.abs(a) + np.abs(n)
    return np.where(scale > 0, np.abs(a - n) / np.maximum(scale, 1e-300), 0.0)


def gradient_check(net: Network, x: Array, y: Array, loss: Loss, h: float = 1e-6) -> GradCheck:
    """Compare backprop with central differences for every parameter of ``net``."""
    analytic = backward(net, forward(net, x), y, loss).gradients()
    probe = net.copy()
    params = probe.parameters()
    present = []
    for k in range(net.depth):
        present.append(net.mask[k])
        present.append(np.full(net.b[k].shape, net.layers[k + 1].bias))
    numeric, errors = [], []
    for i, (p, where) in enumerate(zip(params, present)):
        num = np.full(p.shape, np.nan)
        for idx in zip(*np.nonzero(where)):
            old = p[idx]
            p[idx] = old + h
            probe.set_parameters(params)
            up = batch_loss(probe, x, y, loss)
            p[idx] = old - h
            down = batch_loss(probe, x, y, loss)
            p[idx] = old
            num[idx] = (up - down) / (2 * h)
        numeric.append(num)
        err = np.full(p.shape, np.nan)
        err[where] = relative_error(analytic[i][where], num[where])
        errors.append(err)
    return GradCheck(analytic, numeric, errors)
