"""In-place activation kernels for batched landscape evaluation.

Why these exist beside :mod:`core.engine.activations` (which stays the one definition of the
maths): a landscape pushes millions of activations through the network in chunks, and
every fresh numpy temporary of a few hundred kilobytes is served by the operating system
as new, page-faulting memory.  Measured, those faults cost more than the arithmetic
(np.exp on a fresh 256 KB array: ~11 ns per element instead of ~1).  These kernels write
into scratch buffers that a worker reuses for every chunk.

Each kernel computes exactly the same floating-point operations as the activation's
``forward`` (tests/core/test_landscape.py checks them bit for bit); an activation without
a kernel (softmax) falls back to its ``forward``.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.engine.activations import ACTIVATIONS

Array = NDArray[np.float64]
# kernel(v_in, param, out, tmp) writes f(v_in) into out; tmp is scratch of the same shape
Kernel = Callable[[Array, float, Array, Array], None]


def _identity(v_in, param, out, tmp):
    np.copyto(out, v_in)


def _sigmoid(v_in, param, out, tmp):
    # as activations.SIGMOID: e = exp(-|x|); 1 / (1 + e) for x >= 0, e / (1 + e) for x < 0
    np.abs(v_in, out=tmp)
    np.negative(tmp, out=tmp)
    np.exp(tmp, out=tmp)
    np.add(tmp, 1.0, out=out)
    np.divide(tmp, out, out=tmp)
    np.divide(1.0, out, out=out)
    np.copyto(out, tmp, where=v_in < 0)


def _tanh(v_in, param, out, tmp):
    np.tanh(v_in, out=out)


def _relu(v_in, param, out, tmp):
    np.maximum(v_in, 0.0, out=out)


def _leaky_relu(v_in, param, out, tmp):
    np.multiply(param, v_in, out=out)
    np.copyto(out, v_in, where=v_in > 0)


def _softplus(v_in, param, out, tmp):
    np.logaddexp(0.0, v_in, out=out)


def _elu(v_in, param, out, tmp):
    np.minimum(v_in, 0.0, out=tmp)
    np.expm1(tmp, out=tmp)
    np.multiply(param, tmp, out=out)
    np.copyto(out, v_in, where=v_in > 0)


KERNELS: dict[str, Kernel] = {"identity": _identity, "sigmoid": _sigmoid, "tanh": _tanh,
                              "relu": _relu, "leaky_relu": _leaky_relu, "softplus": _softplus,
                              "elu": _elu}


def activate(name: str, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
    """f(v_in) for the activation ``name``; v_in has shape (G, units, samples).

    Element-wise activations are written into ``out``; the others (softmax, which works
    across units) are computed by their ``forward`` on the (G, samples, units) view.
    """
    kernel = KERNELS.get(name)
    if kernel is None:
        return ACTIVATIONS[name].forward(v_in.transpose(0, 2, 1), param).transpose(0, 2, 1)
    kernel(v_in, param, out, tmp)
    return out


class Workspace:
    """Scratch buffers for chunks of up to ``points`` grid points: v_in^(k), v_out^(k) and a
    temporary per layer k >= 1, each of shape (points, units_k, samples)."""

    def __init__(self, sizes: list[int], points: int, samples: int) -> None:
        self.points = points
        self.v_in = {k: np.empty((points, u, samples)) for k, u in enumerate(sizes) if k}
        self.v_out = {k: np.empty((points, u, samples)) for k, u in enumerate(sizes) if k}
        self.tmp = {k: np.empty((points, u, samples)) for k, u in enumerate(sizes) if k}
