"""The training session: stepping, phases, epochs, runs, stepping back, divergence, history bound."""
from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import Layer, Network, build
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session, TrainingConfig

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def xor_session(**config) -> Session:
    cfg = TrainingConfig(**({"optimizer": "adam", "optimizer_params": {"learning_rate": 0.05},
                             "batch_size": 2, "shuffle": True, "seed": 3} | config))
    return Session(build([2, 3, 1], ["tanh", "sigmoid"], seed=1), Dataset(XOR_X, XOR_Y), cfg)


def snapshot(s: Session) -> tuple:
    return ([p.copy() for p in s.network.parameters()], copy.deepcopy(s.opt_state),
            copy.deepcopy(s.rng_state), s.step_count, s.epoch, s.position, s.order.copy())


def assert_same(a: tuple, b: tuple) -> None:
    for p, q in zip(a[0], b[0]):
        assert np.array_equal(p, q)
    assert a[1].keys() == b[1].keys()
    for key in a[1]:
        if key == "t":
            assert a[1][key] == b[1][key]
        else:
            assert all(np.array_equal(x, y) for x, y in zip(a[1][key], b[1][key]))
    assert a[2] == b[2] and a[3:6] == b[3:6] and np.array_equal(a[6], b[6])


def test_back_then_forward_is_bit_identical_across_config_changes():
    s = xor_session(optimizer="sgd", optimizer_params={"learning_rate": 0.3, "momentum": 0.9})
    seen = {0: snapshot(s)}
    configs = {10: dict(optimizer="adam", optimizer_params={"learning_rate": 0.05}),
               20: dict(optimizer_params={"learning_rate": 0.02}),
               30: dict(batch_size=3)}
    for step in range(1, 41):
        if step - 1 in configs:
            s.set_config(TrainingConfig(**{**s.config.__dict__, **configs[step - 1]}))
        assert s.step() is not None
        seen[step] = snapshot(s)
    # back one step at a time into the last configuration's stretch, then forward again
    for step in range(39, 30, -1):
        assert s.back_step()
        assert_same(snapshot(s), seen[step])
    for step in range(32, 41):
        s.step()
        assert_same(snapshot(s), seen[step])
    # far back (recomputed from a snapshot across the lr and optimizer changes): exact
    assert s.go_to(25)
    assert_same(snapshot(s), seen[25])
    # forward again with the batch size steps 21..30 had: the same numbers
    s.set_config(TrainingConfig(**{**s.config.__dict__, "batch_size": 2}))
    for step in range(26, 31):
        s.step()
        assert_same(snapshot(s), seen[step])
    # back before the optimizer change: parameters and position exact; the optimizer stays adam
    # (stepping back does not undo a configuration change), so its state starts afresh
    assert s.go_to(5)
    assert_same(snapshot(s)[:1] + (seen[5][1],) + snapshot(s)[2:], seen[5])
    assert s.opt_state["t"] == 0 and s.config.optimizer == "adam"


def test_stepping_back_across_an_optimizer_change_keeps_the_current_optimizer():
    s = xor_session(optimizer="sgd", optimizer_params={"learning_rate": 0.1})
    s.run(steps=10)
    s.set_config(TrainingConfig(**{**s.config.__dict__, "optimizer": "adam",
                                   "optimizer_params": {"learning_rate": 0.01}}))
    s.run(steps=5)
    assert s.go_to(8)
    rec = s.step()
    assert rec is not None and s.opt_state["t"] == 1 and "m" in s.opt_state


def test_one_step_matches_a_hand_computation():
    """The article's 3-2-1 network, worked independently with numpy."""
    W1 = np.array([[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]])
    W2 = np.array([[0.7], [-0.2]])
    x, y, eta = np.array([1.0, 0.5, -0.5]), 1.0, 0.5
    layers = [Layer(3), Layer(2, "sigmoid", False), Layer(1, "sigmoid", False)]
    net = Network(layers, [W1.copy(), W2.copy()], [np.zeros(2), np.zeros(1)])
    s = Session(net, Dataset(x[None], [[y]]), TrainingConfig(optimizer_params={"learning_rate": eta}))
    rec = s.step()
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    h = sig(x @ W1)
    o = sig(h @ W2)
    d2 = (o - y) * o * (1 - o)
    d1 = (W2 @ d2) * h * (1 - h)
    np.testing.assert_allclose(rec.v_out[1][0], h, rtol=1e-14)
    np.testing.assert_allclose(rec.loss, 0.5 * (y - o[0]) ** 2, rtol=1e-14)
    np.testing.assert_allclose(rec.delta[2][0], d2, rtol=1e-14)
    np.testing.assert_allclose(rec.delta[1][0], d1, rtol=1e-14)
    np.testing.assert_allclose(s.network.W[0], W1 - eta * np.outer(x, d1), rtol=1e-14)
    np.testing.assert_allclose(s.network.W[1], W2 - eta * np.outer(h, d2), rtol=1e-14)


def test_phases_in_order_and_back_phase():
    s = xor_session(shuffle=False)
    kinds = [str(p) for p in s.phases]
    assert kinds == ["forward layer 1", "forward layer 2", "loss", "backward layer 2",
                     "backward layer 1", "update"]
    ref = xor_session(shuffle=False)
    ref.step()
    for i in range(5):
        rec = s.step_phase()
        assert rec.phases_done == i + 1 and s.step_count == 0
    assert rec.loss is not None and rec.params_after is None
    assert s.back_phase() and s.pending.phases_done == 4 and s.pending.delta[1] is None
    s.step_phase()
    s.step_phase()
    assert s.step_count == 1 and s.pending is None
    assert all(np.array_equal(p, q) for p, q in zip(s.network.parameters(), ref.network.parameters()))
    # at a step boundary back_phase re-enters the previous step just before its update
    assert s.back_phase()
    assert s.step_count == 0 and s.pending.phases_done == 5


def test_epochs_shuffle_with_the_sessions_seed():
    s = xor_session(batch_size=1, seed=7)
    first = s.step_epoch()
    assert first.steps == 4 and s.epoch == 1
    second = s.step_epoch()
    rng = np.random.default_rng(7)
    expected = np.concatenate([rng.permutation(4), rng.permutation(4)])
    taken = [int(r) for r in s.epochs]
    assert taken == [0] * 4 + [1] * 4 and second.steps == 4
    s.go_to(0)  # recompute: the same samples again
    got = []
    for _ in range(8):
        got.extend(s.step().samples.tolist())
    assert got == expected.tolist()


def test_full_batch_and_mini_batch():
    s = xor_session(batch_size=0, shuffle=False)
    assert s.step().samples.tolist() == [0, 1, 2, 3]
    s = xor_session(batch_size=3, shuffle=False)
    assert [s.step().samples.tolist() for _ in range(3)] == [[0, 1, 2], [3], [0, 1, 2]]


def test_run_until_loss_step_and_steps():
    s = xor_session()
    r = s.run(steps=7)
    assert (r.steps, r.reason, s.step_count) == (7, "steps", 7)
    r = s.run(until_step=12)
    assert (r.reason, s.step_count) == ("step", 12)
    r = s.run(until_loss=0.05, steps=5000)
    assert r.reason == "loss" and s.dataset_loss() < 0.05
    stop = iter([False, False, True])
    assert s.run(should_stop=lambda: next(stop)).reason == "cancelled"


def test_reset_and_reinitialise():
    s = xor_session()
    start = [p.copy() for p in s.network.parameters()]
    s.run(steps=20)
    s.reset()
    assert s.step_count == 0 and s.losses == []
    assert all(np.array_equal(p, q) for p, q in zip(s.network.parameters(), start))
    s.run(steps=5)
    s.reinitialise(seed=5)
    rng = np.random.default_rng(5)
    for W, (fan_in, fan_out) in zip(s.network.W, [(2, 3), (3, 1)]):
        a = np.sqrt(6.0 / (fan_in + fan_out))
        assert np.array_equal(W, rng.uniform(-a, a, (fan_in, fan_out)))
    assert s.step_count == 0 and all(not b.any() for b in s.network.b)


def test_learning_rate_schedule_is_applied_per_step():
    s = xor_session(optimizer="sgd", optimizer_params={"learning_rate": 1.0},
                    schedule={"name": "step", "step_size": 2, "gamma": 0.5})
    assert [s.step().learning_rate for _ in range(5)] == [1.0, 1.0, 0.5, 0.5, 0.25]


def line_session(eta: float) -> Session:
    x = np.linspace(-1, 1, 8)[:, None] * 10
    net = build([1, 3, 1], ["identity", "identity"], seed=0)
    return Session(net, Dataset(x, 2 * x + 1), TrainingConfig(optimizer_params={"learning_rate": eta},
                                                               batch_size=0))


def test_divergence_keeps_the_last_finite_state_and_training_can_go_on():
    s = line_session(1e3)
    r = s.run(steps=1000)
    assert r.reason == "diverged"
    d = s.diverged
    assert d.step == s.step_count + 1 and d.quantity and 1 <= (d.layer or 1) <= 2
    assert f"step {d.step}" in d.message
    kept = [p.copy() for p in s.network.parameters()]
    assert all(np.isfinite(p).all() for p in kept)
    assert s.step() is None                      # stepping into the same wall again
    assert all(np.array_equal(p, q) for p, q in zip(s.network.parameters(), kept))
    assert s.back_step() and s.diverged is None
    s.set_config(TrainingConfig(**{**s.config.__dict__, "optimizer_params": {"learning_rate": 1e-4}}))
    s.reset()
    before = s.dataset_loss()
    assert s.run(steps=200).reason == "steps" and s.dataset_loss() < before


def test_an_overflowing_update_names_the_layer_it_belongs_to():
    net = Network([Layer(1), Layer(1, "identity", False)], [np.array([[1.0]])], [np.zeros(1)])
    s = Session(net, Dataset([[10.0]], [[0.0]]), TrainingConfig(optimizer_params={"learning_rate": 1e308}))
    assert s.step() is None
    assert (s.diverged.layer, s.diverged.quantity, str(s.diverged.phase)) == (1, "the updated W", "update")
    assert s.network.W[0][0, 0] == 1.0


def test_history_memory_is_bounded_over_50000_steps():
    """core.training.history: at most window/K + K + pins states, and 10,000 steps can be stepped back."""
    net = Network([Layer(1), Layer(1, "identity")], [np.array([[0.5]])], [np.zeros(1)])
    s = Session(net, Dataset([[1.0], [-1.0]], [[0.3], [-0.2]]),
                TrainingConfig(optimizer_params={"learning_rate": 1e-3}, batch_size=0))
    s.run(until_step=40_000)
    at_40000 = snapshot(s)
    s.run(until_step=50_000)
    h = s.history
    assert len(h.states) <= h.window // h.stride + h.stride + len(h.pinned)
    assert h.nbytes() <= h.budget
    assert h.earliest() <= s.step_count - 10_000
    assert s.go_to(40_000)
    assert_same(snapshot(s), at_40000)


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))


@pytest.mark.parametrize("eta", [1e3, 1e6])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_huge_learning_rates_on_every_example_stop_cleanly(path, eta):
    s = project_file.load(path)
    s.set_config(TrainingConfig(**{**s.config.__dict__, "optimizer": "sgd",
                                   "optimizer_params": {"learning_rate": eta}}))
    r = s.run(steps=300)
    assert all(np.isfinite(p).all() for p in s.network.parameters())
    if r.reason == "diverged":
        assert f"step {s.step_count + 1}" in s.diverged.message
        assert s.back_step() or s.step_count == 0
        s.set_config(TrainingConfig(**{**s.config.__dict__, "optimizer_params": {"learning_rate": 1e-3}}))
        if s.run(steps=5).reason == "diverged":   # the kept weights may already be enormous:
            assert s.go_to(0) or s.step_count == 0  # go back to the start and train slowly
            assert s.run(steps=5).reason == "steps"
    else:
        assert r.reason == "steps" and np.isfinite(s.dataset_loss())


def test_an_overflowing_optimizer_state_is_divergence_too():
    """|g| > 1e154 makes Adam's v = g^2 infinite while the update stays finite (m / sqrt(v) = 0):
    without a check, training would stall silently and the state could not be saved."""
    net = Network([Layer(1), Layer(1, "identity", False)], [np.array([[1.0]])], [np.zeros(1)])
    s = Session(net, Dataset([[1e10]], [[-1e150]]),
                TrainingConfig(optimizer="adam", optimizer_params={"learning_rate": 0.1}))
    assert s.step() is None
    assert s.diverged.quantity == "the optimizer state v" and s.diverged.layer == 1
    assert s.step_count == 0 and s.network.W[0][0, 0] == 1.0
    s.reset()
    assert s.run(steps=3).reason == "diverged"          # the fast whole-step path finds it too


@pytest.mark.parametrize("eta", [1e3, 1e6])
def test_huge_learning_rates_really_diverge_on_the_regression_example(eta):
    """The example where plain SGD must blow up (the classifiers saturate instead): the run
    stops at the first non-finite value, keeps a finite state, and goes on at a small rate."""
    s = project_file.load(EXAMPLES[[p.stem for p in EXAMPLES].index("sine")])
    s.set_config(TrainingConfig(**{**s.config.__dict__, "optimizer": "sgd",
                                   "optimizer_params": {"learning_rate": eta}}))
    r = s.run(steps=300)
    assert r.reason == "diverged" and s.diverged is not None
    assert all(np.isfinite(p).all() for p in s.network.parameters())
    assert s.go_to(0)
    s.set_config(TrainingConfig(**{**s.config.__dict__, "optimizer_params": {"learning_rate": 1e-3}}))
    before = s.dataset_loss()
    assert s.run(steps=50).reason == "steps" and s.dataset_loss() < before
