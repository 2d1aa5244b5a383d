"""What a dataset of another shape asks of the network and the loss: one rule, no Qt.

Choosing a dataset (a generator, a CSV file, typed rows) must never be a dead end, so the
network follows the data (:func:`fitted_to`):

* the input layer gets one unit per input column;
* the output layer gets one unit per class or target:

  - targets that are one column of class labels 0..K-1 (whole numbers, K <= MAX_CLASSES):
    K > 2 classes, or a cross_entropy loss: K (at least 2) softmax outputs and cross_entropy;
    two classes otherwise: one output (a softmax one becomes sigmoid);
  - any other targets (real values, several columns): one output per column, and an
    identity output in place of a sigmoid or softmax one that cannot reach them (outside [0, 1]);

* the loss is kept when it takes these targets, else one that does is chosen (cross_entropy
  for several classes, bce for two, half_sse with an identity output for real values).

Kept weights stay where the shapes overlap (:func:`~core.engine.network.with_end_widths`);
new ones are drawn with the document's initialisation.  The notes say what changed.
"""
from __future__ import annotations

import copy
from typing import Any

import numpy as np

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.losses import CLASSES, LOSSES
from backprop_studio.core.engine.network import Network, activation_problem, with_end_widths

from .records import TrainingConfig
from .targets import loss_targets

MAX_CLASSES = 10
"""One column of whole numbers 0..MAX_CLASSES-1 counts as class labels (as the generators' classes)."""

CLASSES_LOSS, TWO_CLASSES_LOSS, REAL_LOSS = "cross_entropy", "bce", "half_sse"
"""The losses chosen for data the current loss does not take: several classes, two, real values."""


def _fits(y: np.ndarray, loss: str, outputs: int) -> bool:
    try:
        loss_targets(y, loss, outputs)
        return True
    except ValueError:
        return False


def _allowed(activation: str, units: int) -> bool:
    """Whether an output layer of ``units`` units may use ``activation`` (the softmax rules of
    :func:`~core.engine.network.activation_problem`: not on a single unit)."""
    return activation_problem(activation, 1, 1, units) is None


def _output_for(y: np.ndarray, loss: str, outputs: int, activation: str) -> tuple[int, str, str]:
    """(output units, loss, output activation) for targets ``y`` (train and test rows).

    What a loss takes and asks of the output layer is on its entry (``targets``, ``output``)."""
    integral = y.shape[1] == 1 and len(y) and np.all(y == np.round(y)) and y.min() >= 0
    classes = int(y.max()) + 1 if integral else 0
    if 0 < classes <= MAX_CLASSES:
        if classes > 2 or LOSSES[loss].targets == CLASSES:
            loss = loss if LOSSES[loss].targets == CLASSES else CLASSES_LOSS
            return max(classes, 2), loss, LOSSES[loss].output or "softmax"
        if not _fits(y, loss, 1):
            loss = TWO_CLASSES_LOSS
        wanted = LOSSES[loss].output
        return 1, loss, "sigmoid" if wanted == "sigmoid" or not _allowed(activation, 1) else activation
    outputs = y.shape[1]
    if activation in ("sigmoid", "softmax") and (np.any(y < 0) or np.any(y > 1)) or (
            not _allowed(activation, outputs)):      # outputs it cannot reach; a 1-unit softmax
        activation = "identity"
    if _fits(y, loss, outputs):
        return outputs, loss, activation
    return outputs, REAL_LOSS, LOSSES[REAL_LOSS].output or "identity"


def fitted_to(network: Network, config: TrainingConfig, dataset: Dataset,
              init: dict[str, Any]) -> tuple[Network, TrainingConfig, list[str]]:
    """The network and configuration for ``dataset``, and notes saying what changed.

    Returns ``network`` and ``config`` themselves (and no notes) when they already fit.
    ``init`` is the document's initialisation ({"scheme", "seed", optional "scale"}).
    """
    y = np.vstack([dataset.targets, dataset.test_targets]) if len(dataset.test_targets) else dataset.targets
    inputs = dataset.inputs.shape[1]
    last = network.layers[-1]
    outputs, loss, activation = _output_for(y, config.loss, last.units, last.activation)
    notes = []
    if inputs != network.sizes[0]:
        notes.append(f"input layer {network.sizes[0]} → {inputs} unit(s)")
    if outputs != last.units or activation != last.activation:
        notes.append(f"output layer {last.units} {last.activation} → {outputs} {activation}")
    if loss != config.loss:
        notes.append(f"loss {config.loss} → {loss}")
    if not notes:
        return network, config, []
    new_net = with_end_widths(network, inputs, outputs, activation, init.get("scheme", "xavier_uniform"),
                              int(init.get("seed", 0)), init.get("scale"))
    new_config = copy.deepcopy(config)
    new_config.loss = loss
    return new_net, new_config, notes
