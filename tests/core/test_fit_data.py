"""The network follows the data (issue 15, section 1): input width, output width, loss."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.data.datasets import Dataset, make_dataset
from backprop_studio.core.engine.initializers import initialise
from backprop_studio.core.engine.network import build, with_end_widths
from backprop_studio.core.training.fit_data import fitted_to
from backprop_studio.core.training.session import Session, TrainingConfig

ARTICLE_CONFIG = TrainingConfig(loss="half_sse")


def generated(name: str, **extra) -> Dataset:
    return make_dataset({"generator": name, "samples": 60, "noise": 0.1, "seed": 0, **extra}, None)


def test_with_end_widths_keeps_the_overlap_and_draws_the_rest_from_the_scheme():
    net = build([3, 2, 1], "sigmoid", seed=4)
    net.mask[0][2, 1] = False
    net.frozen_W[1][0, 0] = True
    net.b[1][:] = 0.25
    new = with_end_widths(net, 2, 3, "softmax", "he_normal", 7)
    assert new.sizes == [2, 2, 3] and new.layers[-1].activation == "softmax"
    np.testing.assert_array_equal(new.W[0], net.W[0][:2])           # input rows 1, 2 kept
    np.testing.assert_array_equal(new.W[1][:, :1], net.W[1])        # output unit 1 kept
    assert new.frozen_W[1][0, 0] and not new.frozen_W[1][:, 1:].any()
    assert new.b[1].tolist() == [0.25, 0.0, 0.0]
    drawn = initialise([(2, 2), (2, 3)], "he_normal", np.random.default_rng(7))
    np.testing.assert_array_equal(new.W[1][:, 1:], drawn[1][:, 1:])  # the document's scheme and seed
    assert net.sizes == [3, 2, 1]                                     # the input is not touched
    grown = with_end_widths(net, 4, 1, "sigmoid", "xavier_uniform", 0)
    assert not grown.mask[0][2, 1] and grown.W[0][2, 1] == 0.0        # a removed connection stays removed
    assert grown.mask[0][3].all()


@pytest.mark.parametrize("name, extra, sizes, activation, loss", [
    ("xor", {}, [2, 2, 1], "sigmoid", "half_sse"),                    # only the input changes
    ("gaussians", {"classes": 3}, [2, 2, 3], "softmax", "cross_entropy"),
    ("sine", {}, [1, 2, 1], "identity", "half_sse"),                  # a sigmoid cannot reach -1
])
def test_the_article_network_follows_the_data(name, extra, sizes, activation, loss):
    net = build([3, 2, 1], "sigmoid", bias=False)
    new, config, notes = fitted_to(net, ARTICLE_CONFIG, generated(name, **extra),
                                   {"scheme": "xavier_uniform", "seed": 0})
    assert (new.sizes, new.layers[-1].activation, config.loss) == (sizes, activation, loss)
    assert "input layer 3 → " in notes[0]
    Session(new, generated(name, **extra), config).step()              # and it trains


def test_classes_set_the_output_width_and_a_loss_that_no_longer_fits_is_replaced():
    spiral = build([2, 4, 3], ["tanh", "softmax"])
    ce = TrainingConfig(loss="cross_entropy")
    new, config, notes = fitted_to(spiral, ce, generated("xor"), {"scheme": "xavier_uniform", "seed": 0})
    assert new.sizes == [2, 4, 2] and config.loss == "cross_entropy"  # two classes, still softmax
    binary = build([2, 4, 1], ["tanh", "sigmoid"])
    new, config, notes = fitted_to(binary, TrainingConfig(loss="bce"), generated("spiral", classes=4),
                                   {"scheme": "xavier_uniform", "seed": 0})
    assert new.sizes == [2, 4, 4] and config.loss == "cross_entropy"
    assert "loss bce → cross_entropy" in notes
    new, config, notes = fitted_to(binary, TrainingConfig(loss="bce"), generated("plane"),
                                   {"scheme": "xavier_uniform", "seed": 0})
    assert (new.sizes, new.layers[-1].activation, config.loss) == ([2, 4, 1], "identity", "half_sse")


def test_data_that_already_fit_change_nothing():
    net = build([2, 4, 1], ["tanh", "sigmoid"])
    config = TrainingConfig(loss="bce")
    new, same, notes = fitted_to(net, config, generated("moons"), {"scheme": "xavier_uniform", "seed": 0})
    assert new is net and same is config and notes == []
