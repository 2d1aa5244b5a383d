"""Where a network edit or a new dataset meets the softmax rules, the one rule decides
(``core.engine.network.activation_problem``: softmax only on the output, never on one unit).

The expected activations are worked out by hand from that rule; each case would come out
differently if its caller forgot it (a hidden softmax is refused by ``Network.check``, a
one-unit softmax output would stay softmax).
"""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine import edits
from backprop_studio.core.engine.network import build
from backprop_studio.core.training.fit_data import fitted_to
from backprop_studio.core.training.session import TrainingConfig

INIT = {"scheme": "xavier_uniform", "seed": 0}


@pytest.mark.parametrize("sizes, activations, expected", [
    ([2, 3], ["softmax"], "sigmoid"),          # no hidden neighbour; softmax cannot be hidden
    ([2, 1], ["tanh"], "tanh"),                # no hidden neighbour: the output's
    ([2, 1], ["identity"], "sigmoid"),         # identity twice is one linear map
    ([2, 4, 3], ["relu", "softmax"], "relu"),  # a hidden neighbour's
])
def test_a_new_hidden_layer_never_gets_softmax(sizes, activations, expected):
    net = build(sizes, activations)
    chosen = edits.hidden_activation_for(net, 1)
    assert chosen == expected
    new = edits.insert_layer(net, 1, 2, chosen, np.random.default_rng(0))   # and the edit is allowed
    assert new.layers[1].activation == expected and new.layers[-1].activation == activations[-1]


def test_two_classes_on_a_softmax_output_with_half_sse_become_one_sigmoid_unit():
    """Labels 0/1 under half_sse: one output; a one-unit softmax always outputs 1, so sigmoid."""
    net = build([2, 4, 3], ["tanh", "softmax"])
    data = Dataset(np.zeros((4, 2)), np.array([[0.0], [1.0], [1.0], [0.0]]))
    new, config, _ = fitted_to(net, TrainingConfig(loss="half_sse"), data, INIT)
    assert (new.sizes[-1], new.layers[-1].activation, config.loss) == (1, "sigmoid", "half_sse")


def test_a_real_target_column_on_a_softmax_output_becomes_identity():
    """Targets 0.3, 0.7 (not labels) in [0, 1]: one output, which softmax cannot be."""
    net = build([2, 4, 3], ["tanh", "softmax"])
    data = Dataset(np.zeros((2, 2)), np.array([[0.3], [0.7]]))
    new, config, _ = fitted_to(net, TrainingConfig(loss="half_sse"), data, INIT)
    assert (new.sizes[-1], new.layers[-1].activation, config.loss) == (1, "identity", "half_sse")


def test_two_real_columns_in_range_keep_a_softmax_output():
    """Two columns in [0, 1] on two units: softmax may stay (the rule allows 2 or more units)."""
    net = build([2, 4, 3], ["tanh", "softmax"])
    data = Dataset(np.zeros((2, 2)), np.array([[0.3, 0.7], [0.6, 0.4]]))
    new, config, _ = fitted_to(net, TrainingConfig(loss="half_sse"), data, INIT)
    assert (new.sizes[-1], new.layers[-1].activation) == (2, "softmax")
