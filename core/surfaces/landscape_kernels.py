"""Batched activations for the landscape, written into reused scratch buffers.

Why buffers: a landscape pushes millions of activations through the network in chunks, and
every fresh numpy temporary of a few hundred kilobytes is served by the operating system as
new, page-faulting memory.  Measured, those faults cost more than the arithmetic (np.exp on a
fresh 256 KB array: ~11 ns per element instead of ~1).  A worker keeps one :class:`Workspace`
for every chunk, and each activation's entry writes f into it with its own kernel
(:meth:`core.engine.activations.Activation.kernel`, the same floating-point operations as its
``forward``; tests/core/test_landscape.py checks them bit for bit).
"""
from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.engine.activations import ACTIVATIONS

Array = NDArray[np.float64]


def activate(name: str, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
    """f(v_in) for the activation ``name``; v_in has shape (G, units, samples).

    Element-wise activations are written into ``out``; the others (softmax, which works
    across units) are computed by their ``forward`` on the (G, samples, units) view.
    """
    return ACTIVATIONS[name].kernel(v_in, param, out, tmp)


class Workspace:
    """Scratch buffers for chunks of up to ``points`` grid points: v_in^(k), v_out^(k) and a
    temporary per layer k >= 1, each of shape (points, units_k, samples)."""

    def __init__(self, sizes: list[int], points: int, samples: int) -> None:
        self.points = points
        self.v_in = {k: np.empty((points, u, samples)) for k, u in enumerate(sizes) if k}
        self.v_out = {k: np.empty((points, u, samples)) for k, u in enumerate(sizes) if k}
        self.tmp = {k: np.empty((points, u, samples)) for k, u in enumerate(sizes) if k}
