"""Training metrics and diagnostics: how well the network classifies, and how healthy it is.

Classification
    A target column of class labels (or one-hot rows) makes a dataset a classification
    set.  The predicted class of a sample is ``argmax_j y_hat_j`` for several outputs, and
    for one output ``y_hat >= threshold``, the threshold halfway between the two label
    values (0.5 for labels 0/1, 0 for labels -1/1).

Diagnostics
    * the gradient norm per layer, ||dE/dW^(k-1->k)||_F: a norm that shrinks layer by layer
      towards the input shows vanishing gradients, one that grows shows exploding ones;
    * the weight norm per layer, ||W^(k-1->k)||_F;
    * dead ReLU units: a ReLU unit whose v_in^(k) <= 0 for every training sample outputs 0
      and has f'(v_in) = 0 everywhere, so no gradient ever reaches its incoming weights.

Everything here is plain numpy; nothing is cached on the objects it reads.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.forward import forward
from backprop_studio.core.engine.network import Network

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]

MAX_CLASSES = 10
"""More distinct labels than this are treated as a regression target."""


@dataclass(frozen=True)
class Task:
    """What the targets ask for: ``kind`` is "classification" or "regression".

    For classification, ``classes`` is the number of classes and ``labels`` the label
    values of a single target column (sorted; class c is ``labels[c]``), or None for
    one-hot rows.
    """

    kind: str
    classes: int = 0
    labels: Array | None = None

    @property
    def is_classification(self) -> bool:
        return self.kind == "classification"


def task_of(targets: Array, outputs: int) -> Task:
    """Classification or regression, from the training targets (shape (n, columns)).

    One column of at most :data:`MAX_CLASSES` distinct whole numbers is a label column; with
    one output it must hold exactly two values (a binary problem).  Several columns whose
    rows are one-hot are classes.  Anything else is regression.
    """
    t = np.asarray(targets, dtype=np.float64)
    if t.ndim == 1:
        t = t[:, None]
    if len(t) == 0:
        return Task("regression")
    if t.shape[1] == 1:
        labels = np.unique(t[:, 0])
        whole = bool(np.all(labels == np.round(labels)))
        if outputs == 1 and len(labels) == 2:
            return Task("classification", 2, labels)
        if outputs > 1 and whole and labels.min() >= 0 and labels.max() < outputs:
            return Task("classification", outputs, np.arange(outputs, dtype=np.float64))
        return Task("regression")
    one_hot = np.all((t == 0) | (t == 1)) and np.all(t.sum(axis=1) == 1)
    return Task("classification", t.shape[1]) if one_hot else Task("regression")


def true_classes(targets: Array, task: Task) -> IntArray:
    """The class index of each sample, shape (n,)."""
    t = np.asarray(targets, dtype=np.float64)
    if t.ndim == 1:
        t = t[:, None]
    if task.labels is None:
        return np.argmax(t, axis=1).astype(np.int64)
    return np.searchsorted(task.labels, t[:, 0]).astype(np.int64)


def predicted_classes(y_hat: Array, task: Task) -> IntArray:
    """The predicted class of each sample, shape (n,), from outputs of shape (n, outputs)."""
    y_hat = np.asarray(y_hat, dtype=np.float64)
    if y_hat.shape[1] > 1:
        return np.argmax(y_hat, axis=1).astype(np.int64)
    lo, hi = (task.labels[0], task.labels[-1]) if task.labels is not None else (0.0, 1.0)
    return (y_hat[:, 0] >= (lo + hi) / 2).astype(np.int64)


def accuracy(true: IntArray, predicted: IntArray) -> float:
    """The fraction of samples whose predicted class is the true one (nan for no samples)."""
    if len(true) == 0:
        return float("nan")
    return float(np.mean(np.asarray(true) == np.asarray(predicted)))


def confusion_matrix(true: IntArray, predicted: IntArray, classes: int) -> IntArray:
    """Counts, shape (classes, classes): row = true class, column = predicted class."""
    m = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(m, (np.asarray(true, dtype=np.int64), np.asarray(predicted, dtype=np.int64)), 1)
    return m


def r_squared(y: Array, y_hat: Array) -> float:
    """Coefficient of determination 1 - SS_res / SS_tot over all outputs (nan if undefined)."""
    y, y_hat = np.asarray(y, dtype=np.float64), np.asarray(y_hat, dtype=np.float64)
    ss_tot = float(np.sum((y - y.mean(axis=0)) ** 2))
    if len(y) < 2 or ss_tot == 0.0:
        return float("nan")
    return 1.0 - float(np.sum((y - y_hat) ** 2)) / ss_tot


# -- diagnostics -------------------------------------------------------------------------
def layer_norms(arrays: Sequence[Array | None]) -> Array:
    """Frobenius norm of each array, shape (len(arrays),); nan where an entry is None."""
    # np.linalg.norm scales before squaring: no overflow for huge (diverging) weights
    return np.array([np.nan if a is None else float(np.linalg.norm(a)) for a in arrays])


def weight_norms(net: Network) -> Array:
    """||W^(k-1->k)||_F for k = 1..L, shape (L,)."""
    return layer_norms(net.W)


def gradient_norms(dE_dW: list[Array | None]) -> Array:
    """||dE/dW^(k-1->k)||_F for k = 1..L from a step record's ``dE_dW``, shape (L,)."""
    return layer_norms(dE_dW)


def dead_units(net: Network, x: Array) -> list[NDArray[np.bool_] | None]:
    """For each layer k = 0..L, which units are dead on the inputs ``x`` (shape (n, inputs)).

    A unit of a ReLU layer is dead when v_in^(k) <= 0 for every sample: it outputs 0 and
    passes no gradient back.  Entries are None for layers whose activation cannot die
    (the input layer, sigmoid, leaky ReLU, ...: whose entry's ``can_die`` is False) and for an
    empty ``x``.
    """
    out: list[NDArray[np.bool_] | None] = [None] * len(net.layers)
    mortal = [k > 0 and ACTIVATIONS[l.activation].can_die for k, l in enumerate(net.layers)]
    if len(x) == 0 or not any(mortal):
        return out
    with np.errstate(all="ignore"):
        record = forward(net, x)
    for k in range(len(net.layers)):
        if mortal[k]:
            out[k] = np.all(record.v_in[k] <= 0.0, axis=0)
    return out
