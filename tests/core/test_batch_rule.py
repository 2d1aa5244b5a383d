"""The batch rule lives once (issue 24 §2): ``TrainingConfig.effective_batch(n)``,
``batches_per_epoch`` and the steps to the end of an epoch, checked against counts made by
hand and against the batches ``Session.next_batch()`` then steps through; and the exported
script's own copy of the rule (pure numpy text) against the session, without torch.
"""
from __future__ import annotations

import ast

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.bridge.torch_script import export_script
from backprop_studio.core.checks import memory
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.batches import batches_per_epoch, steps_to_epoch_end
from backprop_studio.core.training.records import MAX_BATCH
from backprop_studio.core.training.session import Session, TrainingConfig

N = 10


def session(batch: int, shuffle: bool = True, n: int = N) -> Session:
    x = np.linspace(-1.0, 1.0, 2 * n).reshape(n, 2)
    y = (np.arange(n) % 2.0)[:, None]
    cfg = TrainingConfig(batch_size=batch, shuffle=shuffle, seed=5, optimizer_params={"learning_rate": 0.1})
    return Session(build([2, 3, 1], "sigmoid"), Dataset(x, y), cfg)


# (batch_size, B for n = 10, batch sizes of one epoch), worked out by hand
BY_HAND = [
    (1, 1, [1] * 10),
    (3, 3, [3, 3, 3, 1]),
    (4, 4, [4, 4, 2]),         # the example: 3 batches, the last one short, none dropped
    (5, 5, [5, 5]),
    (10, 10, [10]),
    (12, 10, [10]),            # larger than the training set: the whole set
    (0, 10, [10]),             # 0 = the full batch
]


@pytest.mark.parametrize("batch, effective, sizes", BY_HAND)
def test_effective_batch_and_batches_per_epoch_by_hand(batch, effective, sizes):
    cfg = TrainingConfig(batch_size=batch)
    assert cfg.effective_batch(N) == effective
    assert batches_per_epoch(N, cfg) == len(sizes)
    assert session(batch).batches_per_epoch() == len(sizes)


@pytest.mark.parametrize("batch, effective, sizes", BY_HAND)
@pytest.mark.parametrize("shuffle", [True, False])
def test_an_epoch_of_next_batch_is_the_counted_batches(batch, effective, sizes, shuffle):
    """The stepper's batches over two epochs: the sizes by hand, each sample once per epoch."""
    s = session(batch, shuffle)
    for epoch in range(2):
        seen = []
        for size in sizes:
            assert s.epoch == epoch
            preview = s.next_batch().samples
            assert len(preview) == size
            assert s.step().samples.tolist() == preview.tolist()
            seen += preview.tolist()
        assert s.epoch == epoch + 1 and s.position == 0      # the epoch ended with the last batch
        assert sorted(seen) == list(range(N))


@pytest.mark.parametrize("batch, taken, epochs, steps", [
    (4, 0, 1, 3), (4, 1, 1, 2), (4, 2, 1, 1), (4, 1, 2, 5), (3, 3, 1, 1), (0, 0, 3, 3), (12, 0, 2, 2),
])
def test_steps_for_epochs_ends_exactly_at_an_epoch_boundary(batch, taken, epochs, steps):
    """By hand: batch 4 on 10 samples is 4 + 4 + 2; after one step (position 4), two more end the
    epoch, and five end the next one."""
    s = session(batch)
    s.run(steps=taken)
    start = s.epoch
    assert s.steps_for_epochs(epochs) == steps
    assert steps_to_epoch_end(N, s.position, s.config, epochs) == steps
    s.run(steps=steps - 1)
    assert s.epoch == start + epochs - 1                    # one step short: not there yet
    s.step()
    assert s.epoch == start + epochs and s.position == 0


def test_a_step_in_progress_counts_as_the_first_of_the_steps():
    s = session(4)
    s.step_phase()                     # forward layer 1 of step 1: the position has not moved
    assert s.pending is not None and s.steps_for_epochs(1) == 3


def test_no_samples_no_steps():
    assert batches_per_epoch(0, TrainingConfig(batch_size=4)) == 0
    assert steps_to_epoch_end(0, 0, TrainingConfig(batch_size=0)) == 0


def test_the_memory_check_counts_the_samples_a_step_takes_not_the_setting():
    """A batch size above the training set takes the whole set: 10 samples, not a billion
    (before, the check refused it as a step of 1,000,000,000 samples)."""
    s = session(MAX_BATCH)
    memory.check_training(s)                                # nothing refused
    assert s.step().samples.size == N


# -- the exported script's batch rule, run with numpy alone --------------------------------
def script_batches(text: str) -> tuple[dict, object]:
    """The script's ``BATCH``, ``SHUFFLE``, ``where`` and ``next_batch``, taken out of its text by
    :mod:`ast` and run with numpy alone (the script imports torch at its top; these need none)."""
    keep = [node for node in ast.parse(text).body
            if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("BATCH", "SHUFFLE", "where")
                                                     for t in node.targets))
            or (isinstance(node, ast.FunctionDef) and node.name == "next_batch")]
    assert len(keep) == 4, "the script no longer holds BATCH, SHUFFLE, where and next_batch"
    space: dict = {"np": np, "X": np.empty((N, 0))}
    exec(compile(ast.Module(body=keep, type_ignores=[]), "<exported script>", "exec"), space)  # our own text
    return space["where"], space["next_batch"]


def first_difference(text: str, s: Session, steps: int = 3 * N) -> int | None:
    """The first step at which the script's ``next_batch`` (from ``text``) and the session
    disagree on the samples or on where training stands after it; None when they never do."""
    at, next_batch = script_batches(text)
    for step in range(steps):
        samples, at = next_batch(at)
        if samples.tolist() != s.next_batch().samples.tolist():
            return step
        s.step()
        if (at["epoch"], at["position"]) != (s.epoch, s.position):
            return step
    return None


@pytest.mark.parametrize("batch", [1, 3, 4, 10, 12, 0])
@pytest.mark.parametrize("shuffle", [True, False])
@pytest.mark.parametrize("exported_at", [0, 2])             # 2: in the middle of an epoch
def test_the_exported_scripts_batches_are_the_sessions(batch, shuffle, exported_at):
    """Three epochs and more: the same samples in the same order, the same epoch and position."""
    s = session(batch, shuffle)
    s.run(steps=exported_at)
    assert first_difference(export_script(s), s) is None


@pytest.mark.parametrize("wrong, right, batch", [
    # drop_last: the short last batch (2 of 4 + 4 + 2) skipped
    ('if at["position"] >= len(X):', 'if at["position"] + BATCH > len(X):', 4),
    # one order for every epoch (no new permutation at an epoch's start)
    ('rng.bit_generator.state = at["rng"]\n', 'rng.bit_generator.state = where["rng"]\n', 5),
])
def test_the_script_check_can_fail(wrong, right, batch):
    s = session(batch)
    text = export_script(s)
    assert wrong in text
    assert first_difference(text.replace(wrong, right), s) is not None
