"""A step record's accessors say when what they return has not been computed yet."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.training.records import StepRecord, phases_of


def record(dE_dW: list, dE_db: list) -> StepRecord:
    x = np.zeros((1, 2))
    return StepRecord(step=3, epoch=0, samples=np.zeros(1, dtype=np.int64), x=x, y=np.zeros((1, 1)),
                      phases=phases_of(1), learning_rate=0.1, dE_dW=dE_dW, dE_db=dE_db)


def test_gradients_before_the_backward_pass_are_refused_by_step():
    with pytest.raises(ValueError, match="step 3: the backward pass has not computed every gradient yet"):
        record([None], [None]).gradients()


def test_gradients_come_in_parameter_order():
    W, b = np.ones((2, 1)), np.full(1, 2.0)
    assert [g.tolist() for g in record([W], [b]).gradients()] == [[[1.0], [1.0]], [2.0]]
