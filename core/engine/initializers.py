"""Weight initialisation schemes, drawn from a seeded numpy Generator.

For W^(k->k+1) of shape (fan_in, fan_out):

- ``uniform``:        U(-a, a), a = ``scale`` (default 0.5)
- ``normal``:         N(0, sigma^2), sigma = ``scale`` (default 0.1)
- ``xavier_uniform``: U(-a, a), a = sqrt(6 / (fan_in + fan_out))
- ``xavier_normal``:  N(0, 2 / (fan_in + fan_out))
- ``he_uniform``:     U(-a, a), a = sqrt(6 / fan_in)
- ``he_normal``:      N(0, 2 / fan_in)

Biases start at zero.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def _draw(shape: tuple[int, int], scheme: str, rng: np.random.Generator, scale: float | None) -> Array:
    fan_in, fan_out = shape
    if scheme == "uniform":
        a = 0.5 if scale is None else scale
        return rng.uniform(-a, a, shape)
    if scheme == "normal":
        return rng.normal(0.0, 0.1 if scale is None else scale, shape)
    if scheme == "xavier_uniform":
        a = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-a, a, shape)
    if scheme == "xavier_normal":
        return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), shape)
    if scheme == "he_uniform":
        a = np.sqrt(6.0 / fan_in)
        return rng.uniform(-a, a, shape)
    if scheme == "he_normal":
        return rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)
    raise ValueError(f"unknown initialisation scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")


SCHEMES = ("uniform", "normal", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal")


def initialise(shapes: list[tuple[int, int]], scheme: str, rng: np.random.Generator,
               scale: float | None = None) -> list[Array]:
    """One weight matrix per shape, drawn in order from ``rng``."""
    return [_draw(s, scheme, rng, scale) for s in shapes]
