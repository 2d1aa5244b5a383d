"""Session.next_batch(): the batch a preview shows is the batch the step then uses.

The expected batches are worked out independently: each epoch's order is the next
permutation of one generator seeded with the session's seed (in order when not shuffled),
cut into consecutive batches, the last one shorter when the batch size does not divide n.
"""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig

N = 6


def session(batch: int, shuffle: bool = True, seed: int = 3) -> Session:
    x = np.arange(2.0 * N).reshape(N, 2)
    y = (np.arange(N) % 2.0)[:, None]
    cfg = TrainingConfig(batch_size=batch, shuffle=shuffle, seed=seed,
                         optimizer_params={"learning_rate": 0.1})
    return Session(build([2, 3, 1], "sigmoid"), Dataset(x, y), cfg)


def expected_batches(batch: int, shuffle: bool, seed: int, epochs: int) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    size = batch or N
    out = []
    for _ in range(epochs):
        order = rng.permutation(N) if shuffle else np.arange(N)
        out += [order[i:i + size].tolist() for i in range(0, N, size)]
    return out


@pytest.mark.parametrize("batch", [1, 2, 4, 5, 0])       # 2 divides 6; 4 and 5 do not; 0 = full
@pytest.mark.parametrize("shuffle", [True, False])
def test_preview_equals_the_batch_the_step_uses_across_epoch_boundaries(batch, shuffle):
    s = session(batch, shuffle)
    want = expected_batches(batch, shuffle, 3, epochs=4)
    for i, samples in enumerate(want):
        first = s.next_batch()
        again = s.next_batch()                      # asking twice draws nothing
        rec = s.step()
        assert first.samples.tolist() == again.samples.tolist() == rec.samples.tolist() == samples, i
        np.testing.assert_array_equal(first.x, s.dataset.inputs[samples])
        np.testing.assert_array_equal(first.x, rec.x)
        np.testing.assert_array_equal(first.y, rec.y)


def test_preview_after_stepping_back_over_a_shuffled_boundary():
    s = session(4)
    want = expected_batches(4, True, 3, epochs=3)
    s.run(steps=4)                                   # two epochs of batches 4 + 2
    assert s.back_step() and s.back_step()           # back to the start of epoch 2
    assert s.position == 0 and s.epoch == 1
    assert s.next_batch().samples.tolist() == want[2]
    assert s.step().samples.tolist() == want[2]


def test_preview_during_a_step_in_progress_is_that_steps_batch():
    s = session(2)
    s.run(steps=3)                                   # at the start of epoch 2
    s.step_phase()                                   # forward layer 1 of step 4
    assert s.next_batch().samples.tolist() == s.pending.samples.tolist()
    rec = s.step()
    assert rec.samples.tolist() == expected_batches(2, True, 3, epochs=2)[3]
