"""The whole step's check and what it hands the training log (core.training.phases.whole_step).

A wide network's updated weights are checked through their squared norms, which the log then
takes; a narrow network's check sums one vector whose head is the log's row.  The expected
values come from numpy (np.linalg.norm, np.concatenate) and from the phase-by-phase path,
which checks every quantity on its own; never from the whole step itself.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.network import build
from backprop_studio.core.training import phases
from backprop_studio.core.training.session import Session, TrainingConfig


def wide(eta: float = 0.1, optimizer: str = "sgd", scale: float = 1.0) -> Session:
    """64-40-3 with ReLU and a softmax: theta and the gradients are 5,403 numbers (a wide log)."""
    rng = np.random.default_rng(7)
    data = Dataset(rng.normal(size=(48, 64)), np.eye(3)[rng.integers(0, 3, 48)])
    net = build([64, 40, 3], ["relu", "softmax"], seed=2)
    net.W[0] = net.W[0] * scale
    config = TrainingConfig(loss="cross_entropy", optimizer=optimizer, batch_size=16,
                            optimizer_params={"learning_rate": eta})
    return Session(net, data, config)


def by_phases(s: Session):
    """The next step taken phase by phase (every quantity checked on its own)."""
    while True:
        rec = s.step_phase()
        if rec is None or rec.complete:
            return rec


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_the_whole_step_is_the_phases_and_carries_numpys_norms(optimizer):
    fast, slow = wide(optimizer=optimizer), wide(optimizer=optimizer)
    assert fast.log.wide and fast._rules_for(fast.config).norms
    for _ in range(4):
        a, b = fast.step(), by_phases(slow)
        assert a is not None and b is not None
        for x, y in zip(a.params_after + a.dE_dW + a.updates, b.params_after + b.dE_dW + b.updates):
            assert np.array_equal(x, y)
        expected = [np.linalg.norm(g) ** 2 for g in a.dE_dW] + [np.linalg.norm(w) ** 2 for w in a.params_after[0::2]]
        np.testing.assert_allclose(a.squared_norms, expected, rtol=1e-15)
        assert b.squared_norms is None                      # the phases leave it to the log
    np.testing.assert_array_equal(fast.log.norms.rows, slow.log.norms.rows)


def test_an_overflowing_update_of_a_wide_network_is_named():
    s = wide(eta=1e308, scale=1e5)
    assert s.step() is None
    d = s.diverged
    assert (d.quantity, str(d.phase)) == ("the updated W", "update") and d.layer in (1, 2)
    assert s.step_count == 0 and all(np.isfinite(p).all() for p in s.network.parameters())


def test_weights_whose_square_overflows_are_no_divergence():
    """||W||^2 is inf for a weight of 1e160: the check then looks at the weights themselves."""
    s = wide(eta=0.0)                    # the weights stay as they are
    W = s.network.W[0].copy()
    W[0, 0] = 1e160
    s.set_parameters([W] + s.network.parameters()[1:])
    rec = s.step()
    assert rec is not None and s.diverged is None and rec.squared_norms[2] == np.inf
    with np.errstate(over="ignore"):
        assert s.log.norms.rows[-1, 2] == np.inf == np.linalg.norm(rec.params_after[0])


def test_a_large_optimizer_state_is_checked_on_its_own(monkeypatch):
    """Arrays over CONCATENATED numbers are summed on their own instead of copied: an Adam
    state that overflows there is still found (the step is then named phase by phase)."""
    monkeypatch.setattr(phases, "CONCATENATED", 100)
    s = wide(optimizer="adam")
    arrays = [np.ones(150), np.ones(10), np.full(150, 1e308), np.full(150, 1e308)]
    with np.errstate(all="ignore"):                       # as whole_step calls it
        flat = phases.all_finite(arrays, head=1)           # the sums overflow, the values do not
        assert flat is not None and flat.tolist() == [1.0] * 160   # the head, then the small ones
        assert phases.all_finite(arrays + [np.r_[np.ones(149), np.nan]]) is None
        assert phases.all_finite([np.ones(150), np.r_[1.0, np.inf]]) is None
    assert s.step() is not None


def test_a_narrow_whole_step_hands_the_log_its_row():
    rng = np.random.default_rng(3)
    data = Dataset(rng.normal(size=(6, 2)), rng.uniform(size=(6, 2)))
    s = Session(build([2, 3, 2], ["tanh", "sigmoid"], seed=1), data,
                TrainingConfig(batch_size=3, optimizer="adam", optimizer_params={"learning_rate": 0.1}))
    assert not s.log.wide
    for _ in range(3):
        rec = s.step()
        expected = np.concatenate([p.ravel() for p in rec.params_after] + [g.ravel() for g in rec.dE_dW])
        assert np.array_equal(rec.log_row, expected) and rec.squared_norms is None
    assert by_phases(s).log_row is None                    # the phases leave it to the log
    np.testing.assert_array_equal(s.log.path.rows[-2], expected[:s.log.size])


class _Losses(type(LOSSES["half_sse"])):                  # half_sse with the per-sample losses given
    def __init__(self, values: list[float]) -> None:
        half_sse = LOSSES["half_sse"]
        super().__init__(**{f.name: getattr(half_sse, f.name) for f in dataclasses.fields(half_sse)})
        object.__setattr__(self, "values", values)

    def per_sample(self, y, y_hat, v_in, activation):
        return np.array(self.values[:len(y)])


@pytest.mark.parametrize("values, diverges", [([1.0, np.inf], True), ([np.nan, 1.0], True),
                                              ([1e308, 1e308], False)])   # a mean that overflows
def test_the_losses_are_checked_through_their_mean(monkeypatch, values, diverges):
    monkeypatch.setitem(LOSSES, "half_sse", _Losses(values))
    rng = np.random.default_rng(5)
    s = Session(build([2, 2, 1], "sigmoid", seed=0), Dataset(rng.normal(size=(4, 2)), rng.uniform(size=(4, 1))),
                TrainingConfig(batch_size=2))
    rec = s.step()
    if diverges:
        assert rec is None and (s.diverged.quantity, str(s.diverged.phase)) == ("the loss E", "loss")
    else:
        assert rec is not None and rec.loss == np.inf and s.diverged is None
