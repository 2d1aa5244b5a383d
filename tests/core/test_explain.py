"""The explanations' substituted results equal the engine's recorded numbers, for every
activation, loss and optimizer; and the symbols follow the article's notation."""
from __future__ import annotations

import math

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.explain import Ref, context_for, explain, fmt, refs_of
from backprop_studio.core.training.session import Session, TrainingConfig

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu"]
OUTPUT = {  # loss -> output activations it is used with
    "half_sse": HIDDEN + ["softmax"],
    "mse": ["identity", "tanh", "softmax"],
    "bce": ["sigmoid", "softmax"],
    "cross_entropy": ["softmax", "sigmoid"],
}
OPTIMIZERS = [
    ("sgd", {"learning_rate": 0.1}),
    ("sgd", {"learning_rate": 0.1, "momentum": 0.9}),
    ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("adagrad", {"learning_rate": 0.1, "lr_decay": 0.01, "weight_decay": 0.01}),
    ("rmsprop", {"learning_rate": 0.01}),
    ("rmsprop", {"learning_rate": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.01}),
    ("adam", {"learning_rate": 0.01}),
    ("adam", {"learning_rate": 0.01, "amsgrad": True, "weight_decay": 0.01}),
    ("adamw", {"learning_rate": 0.01}),
]


def session(hidden: str, out: str, loss: str, opt: str, hp: dict, batch: int = 3, bias: bool = True) -> Session:
    rng = np.random.default_rng(1)
    net = build([3, 4, 3], [hidden, out], bias=bias, seed=2)
    x = rng.normal(size=(5, 3))
    if loss in ("bce", "cross_entropy"):
        y = np.eye(3)[rng.integers(0, 3, 5)]
    else:
        y = rng.normal(size=(5, 3))
    return Session(net, Dataset(x, y), TrainingConfig(loss=loss, optimizer=opt, optimizer_params=dict(hp),
                                                      batch_size=batch))


def check_all(s: Session) -> int:
    ctx = context_for(s)
    count = 0
    for phase in ("forward", "loss", "backward", "update"):
        for ref in refs_of(ctx, phase):
            e = explain(ctx, ref)
            assert e.matches, (ref, e.text(), e.recorded)
            count += 1
    for key, value in ctx.record.opt_state_after.items():
        if key != "t" and value:       # an empty list: SGD's momentum buffer before momentum is on
            e = explain(ctx, Ref("state", 0, 1, 2, key=key))
            assert e.matches, (key, e.text(), e.recorded)
    return count


@pytest.mark.parametrize("loss", sorted(OUTPUT))
def test_every_activation_and_loss(loss):
    for out in OUTPUT[loss]:
        for hidden in HIDDEN:
            s = session(hidden, out, loss, "sgd", {"learning_rate": 0.1})
            s.step()
            assert check_all(s) > 50


@pytest.mark.parametrize("opt,hp", OPTIMIZERS)
def test_every_optimizer_after_two_steps(opt, hp):
    s = session("tanh", "sigmoid", "half_sse", opt, hp)
    s.step()
    s.step()   # t = 2: the state before is not the initial one
    check_all(s)
    ctx = context_for(s)
    e = explain(ctx, Ref("update", 1, 2, 0))
    keys = {"sgd": "u_t" if hp.get("momentum") else "η", "adagrad": "s_t", "rmsprop": "r_t",
            "adam": "m̂", "adamw": "m̂"}
    assert keys[opt] in e.text()


def test_frozen_and_masked_parameters():
    s = session("sigmoid", "identity", "half_sse", "adam", {"learning_rate": 0.01}, bias=False)
    net = s.network.copy()
    net.frozen_W[0][0, 0] = True
    net.mask[1][1, 1] = False
    s.set_network(net)
    s.step()
    check_all(s)
    ctx = context_for(s)
    assert "frozen" in explain(ctx, Ref("after", 0, 0, 0)).text()
    assert "removed" in explain(ctx, Ref("grad", 1, 1, 1)).text()


def test_hand_worked_delta_in_the_article_notation():
    """The article's 3-2-1 network (sigmoid, no bias, half_sse, sgd), by hand formulas."""
    net = build([3, 2, 1], "sigmoid", bias=False)
    net.W[0] = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    net.W[1] = np.array([[0.4], [0.5]])
    x, y = np.array([1.0, 0.5, -0.2]), 1.0
    s = Session(net, Dataset(x[None], np.array([[y]])),
                TrainingConfig(optimizer_params={"learning_rate": 0.5}))
    s.step()
    sig = lambda z: 1 / (1 + math.exp(-z))
    h = [sig(0.1 * 1 + 0.3 * 0.5 + 0.5 * -0.2), sig(0.2 * 1 + 0.4 * 0.5 + 0.6 * -0.2)]
    out = sig(0.4 * h[0] + 0.5 * h[1])
    d2 = (out - y) * out * (1 - out)
    d1 = 0.4 * d2 * h[0] * (1 - h[0])
    text = explain(context_for(s), Ref("delta", 1, 0)).text()
    # five digits of δ^(2): with four, 0.4 × (−0.08874) × 0.2486 = −0.008824, not the printed −0.008825
    expected = (f"δ_1^(1) = (w_11^(2) δ_1^(2)) f'(v_in,1^(1)) = (0.4000 × ({fmt(d2, 5)})) × "
                f"{fmt(h[0] * (1 - h[0]))} = {fmt(d1)}")
    assert expected in text


def test_link_urls_round_trip_and_reject_junk():
    ref = Ref("state", 2, 3, 4, 1, True, "m")
    assert Ref.from_url(ref.url()) == ref
    assert Ref.from_url("http://example.com") is None
    assert Ref.from_url("ref:delta/1/x/0/0/0/") is None


def test_not_yet_computed_values_are_refused():
    s = session("sigmoid", "sigmoid", "half_sse", "sgd", {"learning_rate": 0.1})
    s.step_phase()   # forward layer 1 only
    with pytest.raises(ValueError):
        explain(context_for(s), Ref("delta", 1, 0))
