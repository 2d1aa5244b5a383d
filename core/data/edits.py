"""Edits of a dataset's training rows, as the dataset panel makes them: a clicked point, a
copied row, a typed value, removed rows.

Each edit returns the *inline spec* of the edited dataset (see :mod:`core.data.datasets`):
the training rows as they are after any scaling (``raw_inputs``, before a feature map), the
test set and the features unchanged.  :func:`~core.data.datasets.make_dataset` turns it into
the new :class:`Dataset`, which the app installs as one undoable edit; nothing here changes
the dataset it is given.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .datasets import Array, Dataset, inline_spec


def target_row(dataset: Dataset, target: float) -> Array:
    """The target row of a new sample of class or value ``target``, shape (1, outputs).

    One output: the number itself (a label or a regression target).  Several outputs: the
    targets are one-hot, so class c is the row with a 1 in column c (taken modulo the number
    of outputs, so any integer names a class) and 0 elsewhere.
    """
    outputs = dataset.targets.shape[1]
    row = np.zeros((1, outputs))
    if outputs == 1:
        row[0, 0] = target
    else:
        row[0, int(target) % outputs] = 1.0
    return row


def with_rows(dataset: Dataset, inputs: ArrayLike, targets: ArrayLike) -> dict[str, Any]:
    """The inline spec of ``dataset`` with these training rows instead of its own."""
    return {**inline_spec(dataset), "inputs": np.asarray(inputs, dtype=np.float64).tolist(),
            "targets": np.asarray(targets, dtype=np.float64).tolist()}


def with_point(dataset: Dataset, point: Sequence[float], target: float) -> dict[str, Any]:
    """One more training sample at ``point`` (raw input columns) of class or value ``target``."""
    x = np.vstack([dataset.raw_inputs, np.asarray(point, dtype=np.float64)[None, :]])
    return with_rows(dataset, x, np.vstack([dataset.targets, target_row(dataset, target)]))


def with_last_row_repeated(dataset: Dataset) -> dict[str, Any]:
    """A copy of the last training row appended (a new row to edit in the table)."""
    x, y = dataset.raw_inputs, dataset.targets
    return with_rows(dataset, np.vstack([x, x[-1:]]), np.vstack([y, y[-1:]]))


def with_value(dataset: Dataset, row: int, column: int, value: float) -> dict[str, Any]:
    """Training row ``row`` with ``value`` in ``column``: the input columns first, then the targets."""
    x, y = dataset.raw_inputs.copy(), dataset.targets.copy()
    width = x.shape[1]
    if not (0 <= row < len(x) and 0 <= column < width + y.shape[1]):
        raise ValueError(f"there is no cell at row {row + 1}, column {column + 1}")
    if column < width:
        x[row, column] = value
    else:
        y[row, column - width] = value
    return with_rows(dataset, x, y)


def without_rows(dataset: Dataset, rows: Sequence[int]) -> dict[str, Any]:
    """The training rows ``rows`` (0-based) removed; ValueError when none is chosen, when one
    does not exist, or when no sample would stay."""
    chosen = np.unique(np.asarray(rows, dtype=np.int64))
    n = len(dataset.raw_inputs)
    if not len(chosen) or len(chosen) >= n:
        raise ValueError("Select the rows to remove; at least one sample must stay.")
    if chosen[0] < 0 or chosen[-1] >= n:
        raise ValueError(f"there is no row {int(chosen[-1] if chosen[-1] >= n else chosen[0]) + 1}: "
                         f"the dataset has rows 1 to {n}")
    keep = np.setdiff1d(np.arange(n), chosen)
    return with_rows(dataset, dataset.raw_inputs[keep], dataset.targets[keep])
