"""The first three updates of every optimizer, worked by hand.

The problem: two scalar parameters on E = 1/2 (a p1^2 + c p2^2), so g = (a p1, c p2)
changes from step to step and the optimizer state matters.  Each reference below follows
the pseudo-code of the torch.optim documentation line by line, in scalar arithmetic.
"""
from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable

import numpy as np
import pytest

from backprop_studio import core
from backprop_studio.core import OPTIMIZERS, apply_updates
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig

P0 = (1.0, -2.0)
CURVATURE = (1.0, 3.0)  # a, c
STEPS = 3


def grad(p: list[float]) -> list[float]:
    return [CURVATURE[0] * p[0], CURVATURE[1] * p[1]]


# -- hand references, one scalar parameter at a time ---------------------------------------

def sgd_by_hand(lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    p, buf, out = list(P0), [0.0, 0.0], []
    for t in range(1, STEPS + 1):
        g = grad(p)
        for i in range(2):
            gi = g[i] + weight_decay * p[i]
            if momentum != 0.0:
                buf[i] = gi if t == 1 else momentum * buf[i] + (1.0 - dampening) * gi
                gi = gi + momentum * buf[i] if nesterov else buf[i]
            p[i] = p[i] - lr * gi
        out.append(list(p))
    return out


def adagrad_by_hand(lr, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10):
    p, state_sum, out = list(P0), [initial_accumulator_value] * 2, []
    for t in range(1, STEPS + 1):
        g = grad(p)
        clr = lr / (1.0 + (t - 1) * lr_decay)
        for i in range(2):
            gi = g[i] + weight_decay * p[i]
            state_sum[i] = state_sum[i] + gi * gi
            p[i] = p[i] - clr * gi / (math.sqrt(state_sum[i]) + eps)
        out.append(list(p))
    return out


def rmsprop_by_hand(lr, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
    p, v, g_ave, b, out = list(P0), [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], []
    for _ in range(STEPS):
        g = grad(p)
        for i in range(2):
            gi = g[i] + weight_decay * p[i]
            v[i] = alpha * v[i] + (1.0 - alpha) * gi * gi
            v_tilde = v[i]
            if centered:
                g_ave[i] = alpha * g_ave[i] + (1.0 - alpha) * gi
                v_tilde = v_tilde - g_ave[i] * g_ave[i]
            if momentum > 0.0:
                b[i] = momentum * b[i] + gi / (math.sqrt(v_tilde) + eps)
                p[i] = p[i] - lr * b[i]
            else:
                p[i] = p[i] - lr * gi / (math.sqrt(v_tilde) + eps)
        out.append(list(p))
    return out


def adam_by_hand(lr, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, amsgrad=False,
                 decoupled=False):
    p, m, v, v_max, out = list(P0), [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], []
    for t in range(1, STEPS + 1):
        g = grad(p)
        for i in range(2):
            gi = g[i]
            if decoupled:
                p[i] = p[i] - lr * weight_decay * p[i]  # AdamW: decay the weight itself
            else:
                gi = gi + weight_decay * p[i]  # Adam: L2 penalty in the gradient
            m[i] = beta1 * m[i] + (1.0 - beta1) * gi
            v[i] = beta2 * v[i] + (1.0 - beta2) * gi * gi
            m_hat = m[i] / (1.0 - beta1 ** t)
            if amsgrad:
                v_max[i] = max(v_max[i], v[i])
                v_hat = v_max[i] / (1.0 - beta2 ** t)
            else:
                v_hat = v[i] / (1.0 - beta2 ** t)
            p[i] = p[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        out.append(list(p))
    return out


def adamw_by_hand(lr, weight_decay=1e-2, **kw):
    return adam_by_hand(lr, weight_decay=weight_decay, decoupled=True, **kw)


CASES: dict[str, tuple[str, dict, Callable]] = {
    "sgd": ("sgd", {"learning_rate": 0.1}, sgd_by_hand),
    "sgd momentum": ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "dampening": 0.2}, sgd_by_hand),
    "sgd nesterov": ("sgd", {"learning_rate": 0.1, "momentum": 0.8, "nesterov": True}, sgd_by_hand),
    "sgd weight_decay": ("sgd", {"learning_rate": 0.1, "momentum": 0.5, "weight_decay": 0.3},
                         sgd_by_hand),
    "adagrad": ("adagrad", {"learning_rate": 0.5}, adagrad_by_hand),
    "adagrad decayed": ("adagrad", {"learning_rate": 0.5, "lr_decay": 0.25, "weight_decay": 0.1,
                                    "initial_accumulator_value": 0.2}, adagrad_by_hand),
    "rmsprop": ("rmsprop", {"learning_rate": 0.01}, rmsprop_by_hand),
    "rmsprop centered": ("rmsprop", {"learning_rate": 0.01, "alpha": 0.9, "centered": True},
                         rmsprop_by_hand),
    "rmsprop momentum": ("rmsprop", {"learning_rate": 0.01, "momentum": 0.7, "weight_decay": 0.2},
                         rmsprop_by_hand),
    "adam": ("adam", {"learning_rate": 0.1}, adam_by_hand),
    "adam weight_decay": ("adam", {"learning_rate": 0.1, "beta1": 0.8, "weight_decay": 0.5},
                          adam_by_hand),
    "adam amsgrad": ("adam", {"learning_rate": 0.1, "beta2": 0.9, "amsgrad": True}, adam_by_hand),
    "adamw": ("adamw", {"learning_rate": 0.1}, adamw_by_hand),
    "adamw strong decay": ("adamw", {"learning_rate": 0.1, "weight_decay": 0.5}, adamw_by_hand),
}

HAND_KEYS = {"learning_rate": "lr", "beta1": "beta1", "beta2": "beta2"}


def engine_steps(name: str, given: dict) -> tuple[list[list[float]], list[dict]]:
    """Parameters after each of three steps, and every state the optimizer went through."""
    opt = OPTIMIZERS[name]
    hp = opt.hyper(given)
    params = [np.array([P0[0]]), np.array([P0[1]])]
    state = opt.init_state(params, hp)
    trainable = [np.ones(1), np.ones(1)]
    out, states = [], [state]
    for _ in range(STEPS):
        g = grad([float(params[0][0]), float(params[1][0])])
        deltas, state = opt.step(params, [np.array([g[0]]), np.array([g[1]])], state, hp)
        params = apply_updates(params, deltas, trainable)
        out.append([float(params[0][0]), float(params[1][0])])
        states.append(state)
    return out, states


@pytest.mark.parametrize("case", sorted(CASES))
def test_first_three_updates_match_the_hand_computation(case: str) -> None:
    name, given, by_hand = CASES[case]
    expected = by_hand(**{HAND_KEYS.get(k, k): v for k, v in given.items()})
    got, states = engine_steps(name, given)
    for t in range(STEPS):
        assert got[t] == pytest.approx(expected[t], rel=1e-12, abs=1e-15), f"step {t + 1}"
    assert [s["t"] for s in states] == [0, 1, 2, 3]
    # The three steps really moved: a no-op optimizer would not pass by accident.
    assert all(abs(got[t][0] - (P0[0] if t == 0 else got[t - 1][0])) > 1e-4 for t in range(STEPS))


def test_the_variants_differ() -> None:
    # Guards the table above: each option changes the result, so each is really tested.
    finals = {case: tuple(engine_steps(n, g)[0][-1]) for case, (n, g, _) in CASES.items()}
    assert len(set(finals.values())) == len(finals)


def test_sgd_momentum_with_constant_gradient_by_hand() -> None:
    # g = 1, eta = 0.1, mu = 0.9: buf = 1, 1.9, 2.71; p = -0.1, -0.29, -0.561
    opt = OPTIMIZERS["sgd"]
    hp = opt.hyper({"learning_rate": 0.1, "momentum": 0.9})
    p, state = [np.zeros(1)], opt.init_state([np.zeros(1)], hp)
    seen = []
    for _ in range(3):
        d, state = opt.step(p, [np.ones(1)], state, hp)
        p = apply_updates(p, d, [np.ones(1)])
        seen.append(p[0][0])
    assert seen == pytest.approx([-0.1, -0.29, -0.561], rel=1e-14)
    assert state["momentum_buffer"][0][0] == pytest.approx(2.71, rel=1e-14)


def test_adam_with_constant_gradient_steps_by_eta() -> None:
    # With a constant g the bias-corrected m_hat = g and v_hat = g^2: each step is
    # -eta g / (|g| + eps), whatever t is.
    opt = OPTIMIZERS["adam"]
    hp = opt.hyper({"learning_rate": 0.01})
    p, state = [np.zeros(1)], opt.init_state([np.zeros(1)], hp)
    for t in range(1, 4):
        d, state = opt.step(p, [np.full(1, 2.0)], state, hp)
        p = apply_updates(p, d, [np.ones(1)])
        assert p[0][0] == pytest.approx(-0.01 * t * 2.0 / (2.0 + 1e-8), rel=1e-12)


@pytest.mark.parametrize("case", sorted(CASES))
def test_step_leaves_the_old_state_untouched(case: str) -> None:
    name, given, _ = CASES[case]
    opt = OPTIMIZERS[name]
    hp = opt.hyper(given)
    params = [np.array([0.5, -1.0]), np.array([2.0])]
    grads = [np.array([0.3, 0.1]), np.array([-0.7])]
    state = opt.init_state(params, hp)
    _, state = opt.step(params, grads, state, hp)
    snapshot = copy.deepcopy(state)
    first, _ = opt.step(params, grads, state, hp)
    again, _ = opt.step(params, grads, state, hp)  # stepping back: same state, same step
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    for key, value in snapshot.items():
        if key == "t":
            assert state[key] == value
        else:
            for a, b in zip(state[key], value):
                np.testing.assert_array_equal(a, b)


# torch.optim's documented defaults, under the engine's names for the hyperparameters.
TORCH_DEFAULTS = {
    "sgd": {"learning_rate": 1e-3, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0,
            "nesterov": False},
    "adagrad": {"learning_rate": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0,
                "initial_accumulator_value": 0.0, "eps": 1e-10},
    "rmsprop": {"learning_rate": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0,
                "momentum": 0.0, "centered": False},
    "adam": {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
             "weight_decay": 0.0, "amsgrad": False},
    "adamw": {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
              "weight_decay": 1e-2, "amsgrad": False},
}


@pytest.mark.parametrize("name", sorted(TORCH_DEFAULTS))
def test_defaults_are_torchs(name: str) -> None:
    assert OPTIMIZERS[name].defaults == TORCH_DEFAULTS[name]
    assert OPTIMIZERS[name].hyper({}) == TORCH_DEFAULTS[name]


def test_every_optimizer_is_covered() -> None:
    assert set(OPTIMIZERS) == set(TORCH_DEFAULTS) == {n for n, _, _ in CASES.values()}


def test_unknown_hyperparameter_is_refused() -> None:
    with pytest.raises(ValueError, match="lr"):
        OPTIMIZERS["adam"].hyper({"lr": 0.1})


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_frozen_removed_and_absent_parameters_keep_their_value(name: str) -> None:
    net = core.build([3, 2, 2], "tanh", init="normal", scale=0.5, seed=5)
    net.b = [np.array([0.1, -0.2]), np.zeros(2)]
    net.layers[2].bias = False
    net.mask[0][1, 0] = False
    net.frozen_W[0][2, 1] = True
    net.frozen_W[1][:, 0] = True
    net.frozen_b[0][1] = True
    net.check()
    before = [p.copy() for p in net.parameters()]
    opt = OPTIMIZERS[name]
    hp = opt.hyper({"learning_rate": 0.1, "weight_decay": 0.1})
    state = opt.init_state(net.parameters(), hp)
    x, y = np.array([[0.5, -1.0, 2.0]]), np.array([[0.3, -0.4]])
    for _ in range(3):
        grads = core.backward(net, core.forward(net, x), y, core.LOSSES["half_sse"]).gradients()
        deltas, state = opt.step(net.parameters(), grads, state, hp)
        net.set_parameters(apply_updates(net.parameters(), deltas, net.trainable()))
    W0, b1, W1, b2 = net.parameters()
    assert W0[1, 0] == 0.0  # removed
    assert W0[2, 1] == before[0][2, 1]  # frozen
    np.testing.assert_array_equal(W1[:, 0], before[2][:, 0])
    assert b1[1] == before[1][1]
    np.testing.assert_array_equal(b2, 0.0)  # the output layer has no bias
    # ... and everything else did move.
    assert W0[0, 0] != before[0][0, 0] and W1[0, 1] != before[2][0, 1] and b1[0] != before[1][0]


def test_trainable_marks_exactly_the_updated_entries() -> None:
    net = core.build([2, 2, 1], "sigmoid", seed=0)
    net.mask[0][0, 1] = False
    net.frozen_W[1][1, 0] = True
    net.layers[1].bias = False
    net.check()
    t = net.trainable()
    np.testing.assert_array_equal(t[0], [[1.0, 0.0], [1.0, 1.0]])
    np.testing.assert_array_equal(t[1], [0.0, 0.0])
    np.testing.assert_array_equal(t[2], [[1.0], [0.0]])
    np.testing.assert_array_equal(t[3], [1.0])


# -- a second, independent reference: torch itself, when it is installed -----------------

TORCH_NAMES = {"sgd": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam",
               "adamw": "AdamW"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_agrees_with_torch_over_ten_steps(case: str) -> None:
    torch = pytest.importorskip("torch")
    name, given, _ = CASES[case]
    kw = {k: v for k, v in given.items() if k not in ("learning_rate", "beta1", "beta2")}
    kw["lr"] = given["learning_rate"]
    if name in ("adam", "adamw"):
        kw["betas"] = (given.get("beta1", 0.9), given.get("beta2", 0.999))
    p_torch = torch.tensor([0.5, -1.5], dtype=torch.float64, requires_grad=True)
    opt_torch = getattr(torch.optim, TORCH_NAMES[name])([p_torch], **kw)
    opt = OPTIMIZERS[name]
    hp = opt.hyper(given)
    params = [np.array([0.5, -1.5])]
    state = opt.init_state(params, hp)
    scale = np.array([1.0, 3.0])
    for _ in range(10):
        opt_torch.zero_grad()
        (0.5 * (torch.from_numpy(scale) * p_torch * p_torch).sum()).backward()
        opt_torch.step()
        deltas, state = opt.step(params, [scale * params[0]], state, hp)
        params = apply_updates(params, deltas, [np.ones(2)])
    np.testing.assert_allclose(params[0], p_torch.detach().numpy(), rtol=1e-12, atol=1e-15)


# -- momentum switched on mid-training: the buffer starts at g, as torch's starts from None ---------
def test_momentum_switched_on_mid_training_starts_its_buffer_at_g_by_hand() -> None:
    # g = 1 throughout, eta = 0.1.  Steps 1-3 plain SGD: p = -0.1, -0.2, -0.3.
    # Then mu = 0.9, dampening 0.5.  torch: buf = g = 1 (undampened), p = -0.4;
    # next buf = 0.9 * 1 + 0.5 * 1 = 1.4, p = -0.54.  (Before the fix: buf = 0.5, p = -0.35.)
    opt = OPTIMIZERS["sgd"]
    plain = opt.hyper({"learning_rate": 0.1})
    heavy = opt.hyper({"learning_rate": 0.1, "momentum": 0.9, "dampening": 0.5})
    p, state = [np.zeros(1)], opt.init_state([np.zeros(1)], plain)
    seen = []
    for hp in (plain, plain, plain, heavy, heavy):
        d, state = opt.step(p, [np.ones(1)], state, hp)
        p = apply_updates(p, d, [np.ones(1)])
        seen.append(p[0][0])
    assert seen == pytest.approx([-0.1, -0.2, -0.3, -0.4, -0.54], rel=1e-14)
    assert state["momentum_buffer"][0][0] == pytest.approx(1.4, rel=1e-14)


def _momentum_session():
    x = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5]])
    y = np.array([[0.2], [0.9], [0.4]])
    net = core.build([2, 2, 1], "sigmoid", seed=3)
    config = TrainingConfig(optimizer="sgd", optimizer_params={"learning_rate": 0.5}, batch_size=0)
    return Session(net, Dataset(x, y), config), x, y


def test_momentum_switched_on_mid_training_agrees_with_torch() -> None:
    torch = pytest.importorskip("torch")
    s, x, y = _momentum_session()
    W0, b0, W1, b1 = (torch.tensor(p.copy(), dtype=torch.float64, requires_grad=True)
                      for p in s.network.parameters())
    opt = torch.optim.SGD([W0, b0, W1, b1], lr=0.5)
    xt, yt = torch.tensor(x), torch.tensor(y)

    def torch_step() -> None:
        opt.zero_grad()
        out = torch.sigmoid(torch.sigmoid(xt @ W0 + b0) @ W1 + b1)
        (0.5 * ((out - yt) ** 2).sum(dim=1)).mean().backward()
        opt.step()

    for _ in range(3):
        s.step()
        torch_step()
    config = copy.deepcopy(s.config)
    config.optimizer_params = {"learning_rate": 0.5, "momentum": 0.9, "dampening": 0.5}
    s.set_config(config)
    for group in opt.param_groups:
        group.update(momentum=0.9, dampening=0.5)
    for _ in range(3):
        s.step()
        torch_step()
        for mine, theirs in zip(s.network.parameters(), (W0, b0, W1, b1)):
            np.testing.assert_allclose(mine, theirs.detach().numpy(), rtol=1e-12, atol=1e-14)


def test_an_unstarted_momentum_buffer_survives_save_and_load() -> None:
    from backprop_studio.core.files import project_file

    s, _, _ = _momentum_session()
    s.run(steps=3)
    text = project_file.dumps(s)
    assert json.loads(text)["state"]["optimizer"]["momentum_buffer"] == []
    again = project_file.loads(text)
    for session in (s, again):
        config = copy.deepcopy(session.config)
        config.optimizer_params = {"learning_rate": 0.5, "momentum": 0.9, "dampening": 0.5}
        session.set_config(config)
        session.run(steps=2)
    for a, b in zip(s.network.parameters(), again.network.parameters()):
        np.testing.assert_array_equal(a, b)
