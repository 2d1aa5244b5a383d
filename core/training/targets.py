"""The targets as the loss sees them: one rule for the training and the test targets.

Each loss entry says what its targets may be (``Loss.targets``, :mod:`core.engine.losses`):
any real value (half_sse, mse); values in [0, 1] (bce); or, for a loss of classes
(cross_entropy), values in [0, 1] per output or one column of class labels (whole numbers in
0..outputs-1, made one-hot), with two or more outputs (a softmax layer).  :func:`loss_targets`
applies the rule and raises a message that names the problem; the session calls it for its
data, a new dataset and a new configuration.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.losses import CLASSES, LOSSES, REAL, as_targets

Array = NDArray[np.float64]


def loss_targets(y: ArrayLike, loss: str, outputs: int, test: str = "") -> Array:
    """``y`` as ``loss`` sees it for a network with ``outputs`` output units, shape (n, outputs).

    ValueError when the targets do not fit.  ``test`` is "" for training targets; for test
    targets it is ``"test_targets"`` (given in the file) or ``"split"`` (split off the data),
    and a bad one raises :class:`~core.checks.errors.InputError` whose ``where`` is
    ``test_targets[i]`` or ``split``.
    """
    entry = LOSSES[loss]
    if entry.targets == CLASSES and outputs == 1:
        raise ValueError(f"loss: {loss} needs 2 or more outputs (a {entry.output or 'softmax'} layer); "
                         "for one output use bce")
    y = np.asarray(y, dtype=np.float64)
    y = y[:, None] if y.ndim == 1 else y
    labels = entry.targets == CLASSES and outputs > 1 and y.shape[1] == 1
    if labels:
        bad = (y[:, 0] != np.round(y[:, 0])) | (y[:, 0] < 0) | (y[:, 0] >= outputs)
        problem = f"class labels must be integers in 0..{outputs - 1}"
    elif entry.targets != REAL:
        bad = ((y < 0) | (y > 1)).any(axis=1)
        problem = f"{loss} needs targets between 0 and 1 (class labels or probabilities)"
    else:
        bad = np.zeros(len(y), dtype=bool)
    if test and bad.any():
        i = int(np.argmax(bad))
        if test == "split":
            raise InputError(f"test sample {i} (split off the data): {problem}", "split")
        raise InputError(f"{problem}; got {_row_text(y[i])}", f"test_targets[{i}]")
    if bad.any():
        if labels:
            raise ValueError(problem)
        raise ValueError(f"loss: {problem}; these go from {y.min():g} to {y.max():g}")
    t: Array = as_targets(y, outputs, LOSSES[loss])
    if t.shape[1] != outputs and (len(t) or not test):
        what = "test target" if test else "target"
        raise ValueError(f"the dataset has {t.shape[1]} {what} column(s) but the network's "
                         f"output layer has {outputs} unit(s)")
    return t


def _row_text(row: Array) -> str:
    """A target row for a message: ``7`` or ``[0.5, 2]`` (the first few values)."""
    shown = ", ".join(f"{x:g}" for x in row[:4]) + (", ..." if len(row) > 4 else "")
    return shown if len(row) == 1 else f"[{shown}]"


def loss_test_targets(dataset: Dataset, loss: str, outputs: int) -> Array:
    """``dataset``'s test targets as ``loss`` sees them (the rule of :func:`loss_targets`)."""
    where = "split" if "split" in dataset.spec else "test_targets"
    y = dataset.test_targets
    assert y is not None, "Dataset fills in empty test targets"
    return loss_targets(y, loss, outputs, test=where)


def check_inputs(dataset: Dataset, inputs: int, data: str = "the dataset has") -> None:
    """ValueError when ``dataset``'s rows do not have one value per input unit."""
    if dataset.inputs.shape[1] != inputs:
        raise ValueError(f"{data} {dataset.inputs.shape[1]} input column(s) "
                         f"but the network's input layer has {inputs} unit(s)")
