"""TensorFlow-Playground-style thumbnails: each unit's output over the 2-D input plane.

One batched forward pass over a small grid (``GRID`` x ``GRID`` points spanning the
training inputs, with a margin) gives v_out of every unit at once; each unit's values
become a small image in the theme's sign map (:func:`gui.palettes.diverging`): the positive
colour where the output is high, the negative colour where it is low, the background at 0;
the two ends are of equal lightness and stay apart under every colour vision.  A bounded
activation is coloured over the interval its entry declares (``Activation.output_range``);
an unbounded one over the largest |v_out| of the unit.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PySide6.QtGui import QImage

from backprop_studio.core.data.features import feature_map
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.forward import forward
from backprop_studio.core.engine.network import Network
from backprop_studio.gui.palettes import diverging

GRID = 24


def input_grid(inputs: NDArray[np.float64], size: int = GRID) -> NDArray[np.float64]:
    """(size*size, 2) points, row-major with y growing upwards in the picture."""
    lo, hi = inputs.min(axis=0), inputs.max(axis=0)
    pad = 0.1 * np.maximum(hi - lo, 1e-9)
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], size)
    ys = np.linspace(hi[1] + pad[1], lo[1] - pad[1], size)   # top row = largest x2
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def _to_unit_interval(values: NDArray[np.float64], activation: str) -> NDArray[np.float64]:
    """Map a layer's outputs to [-1, 1] per unit: the activation's range, else max |v|."""
    entry = ACTIVATIONS.get(activation)      # "input" for the input layer
    if entry is not None and entry.output_range is not None:
        lo, hi = entry.output_range
        return np.clip(2 * (values - lo) / (hi - lo) - 1, -1, 1)
    scale = np.maximum(np.abs(values).max(axis=0, keepdims=True), 1e-12)
    return values / scale


def _images(t: NDArray[np.float64], size: int, colors: dict[str, str]) -> list[QImage]:
    """One RGBA image per column of ``t`` (values in [-1, 1]), in the sign map of ``colors``."""
    rgb = np.rint(diverging(colors, t) * 255.0).astype(np.uint8)         # (points, units, 3)
    images = []
    for u in range(t.shape[1]):
        rgba = np.empty((size, size, 4), np.uint8)
        rgba[..., :3] = rgb[:, u].reshape(size, size, 3)
        rgba[..., 3] = 255
        img = QImage(rgba.data, size, size, size * 4, QImage.Format.Format_RGBA8888)
        images.append(img.copy())                               # own the pixels
    return images


def unit_thumbnails(net: Network, inputs: NDArray[np.float64], shown: dict[int, list[int]],
                    colors: dict[str, str], size: int = GRID,
                    features: tuple[str, ...] = ()) -> dict[tuple[int, int], QImage]:
    """Images for the units in ``shown`` ({layer: unit indices}) over the plane of the raw 2-D
    ``inputs``; with ``features`` the network sees the grid through the feature map (so the
    input units show x₁², sin x₁, ...).  Empty unless the raw input is 2-D and fits the network."""
    width = len(features) if features else 2
    if inputs.shape[1] != 2 or net.sizes[0] != width or len(inputs) == 0:
        return {}
    grid = input_grid(inputs, size)
    with np.errstate(all="ignore"):
        rec = forward(net, feature_map(grid, list(features)) if features else grid)
    out: dict[tuple[int, int], QImage] = {}
    for k, units in shown.items():
        values = np.nan_to_num(rec.v_out[k][:, units])
        activation = net.layers[k].activation if k else "input"
        t = _to_unit_interval(values, activation)
        for i, img in zip(units, _images(t, size, colors)):
            out[(k, i)] = img
    return out


class ThumbnailCache:
    """The last thumbnails and what they were drawn from: redrawn only when that changed.

    Stepping through the forward and backward phases leaves the parameters alone, so the
    pictures (one batched forward pass over the grid) need not be drawn again per phase.
    """

    def __init__(self) -> None:
        self._source: tuple | None = None
        self._images: dict[tuple[int, int], QImage] = {}

    def get(self, net: Network, inputs: NDArray[np.float64], shown: dict[int, list[int]],
            colors: dict[str, str], features: tuple[str, ...] = ()) -> dict[tuple[int, int], QImage]:
        layers = tuple((layer.activation, layer.activation_param, layer.bias) for layer in net.layers)
        source = (tuple(net.sizes), layers, tuple(sorted((k, tuple(v)) for k, v in shown.items())),
                  tuple(colors.get(n) for n in ("positive", "negative", "background")), features)
        params = [p.copy() for p in net.parameters()]
        if (self._source is not None and self._source[0] == source
                and _same_arrays(self._source[1], params) and _same_arrays([self._source[2]], [inputs])):
            return self._images
        self._images = unit_thumbnails(net, inputs, shown, colors, features=features)
        self._source = (source, params, np.array(inputs, copy=True))
        return self._images

    def clear(self) -> None:
        self._source, self._images = None, {}


def _same_arrays(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape and np.array_equal(x, y) for x, y in zip(a, b))
