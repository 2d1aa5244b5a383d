"""Datasets: the training and test samples a session learns from.

(Generators, CSV import, splitting and scaling are added by the dataset module's
functions; the ``Dataset`` value is what the session and the project file share.)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass
class Dataset:
    """Training samples (and optional test samples), one row per sample.

    ``inputs`` has shape (n, units of layer 0), ``targets`` shape (n, outputs) or (n, 1)
    with class labels.  ``spec`` is the project-file description it was made from.
    """

    inputs: Array
    targets: Array
    test_inputs: Array | None = None
    test_targets: Array | None = None
    spec: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.inputs = np.atleast_2d(np.asarray(self.inputs, dtype=np.float64))
        t = np.asarray(self.targets, dtype=np.float64)
        self.targets = t[:, None] if t.ndim == 1 else t
        if self.test_inputs is None:
            self.test_inputs = np.empty((0, self.inputs.shape[1]))
            self.test_targets = np.empty((0, self.targets.shape[1]))
        if len(self.inputs) != len(self.targets):
            raise ValueError(f"{len(self.inputs)} input rows but {len(self.targets)} target rows")

    def __len__(self) -> int:
        return len(self.inputs)
