"""Input features: extra inputs computed from the two columns of a 2-D dataset.

As in TensorFlow Playground, a network on a 2-D dataset (x1, x2) can be given more inputs than
the raw columns: x1^2, x2^2, x1*x2, sin(x1), sin(x2).  The project file lists the inputs the
network gets, in order, as ``dataset.features``, a list drawn from :data:`FEATURES`; the input
layer has one unit per feature.

The map is applied *after* scaling: with ``"scaling": "standardise"`` the mean and std are
those of the raw two columns (so they stay two numbers each), and x1 and x2 below are the
standardised columns.  The test inputs go through the same map.  Pure numpy, no state.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError

Array = NDArray[np.float64]

# name -> the feature of the columns x1 = x[:, 0], x2 = x[:, 1]; the order is the menu's order
FEATURES: dict[str, Callable[[Array, Array], Array]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}

# how the editor and the panel write a feature's name
LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂",
          "sin(x1)": "sin x₁", "sin(x2)": "sin x₂"}


def feature_map(x: Array, names: list[str]) -> Array:
    """The network's inputs, shape (n, len(names)), from the raw columns ``x``, shape (n, 2)."""
    x1, x2 = x[:, 0], x[:, 1]
    return np.column_stack([FEATURES[name](x1, x2) for name in names]).reshape(len(x), len(names))


def check_features(value: Any, path: str, width: int) -> list[str]:
    """``value`` as a list of feature names; InputError at ``path`` (or the bad entry) when it is
    not a non-empty list of distinct known names, or when the dataset does not have 2 columns."""
    if not isinstance(value, list) or not value:
        raise InputError(f"expected a non-empty list of feature names, got {v.describe(value)}", path)
    names: list[str] = []
    for i, name in enumerate(value):
        name = v.string(name, v.join(path, i), tuple(FEATURES))
        if name in names:
            raise InputError(f"{name!r} is listed twice", v.join(path, i))
        names.append(name)
    if width != 2:
        raise InputError(f"features are made from 2 input columns (x1, x2); this dataset has {width}", path)
    return names
