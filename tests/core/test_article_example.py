"""The article's worked example, by hand: 3 inputs, 2 hidden, 1 output, sigmoid, no biases.

Every expected number is computed here with scalar arithmetic, one line per formula, and
only then compared with the engine.  The maths is the correct version of the article's:
E = 1/2 (y - y_hat)^2, delta = dE/dv_in (so delta^(2) = (y_hat - y) f'(v_in^(2))), no delta
for the input layer, and the update is Delta W = -eta dE/dW.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from backprop_studio.core import LOSSES, OPTIMIZERS, Layer, Network, apply_updates, backward, batch_loss, forward

X = [1.0, 0.5, -0.5]
W01 = [[0.1, -0.2],   # row i: from input unit i; column j: to hidden unit j
       [0.4, 0.2],
       [-0.3, 0.5]]
W12 = [[0.4],
       [-0.3]]
Y = 1.0
ETA = 0.5


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def by_hand(w01: list[list[float]], w12: list[list[float]]) -> dict[str, float]:
    """Forward pass and backpropagation of the example, one scalar at a time."""
    h = {}
    # forward: v_in^(1) = W^(0->1)^T x, v_out^(1) = f(v_in^(1))
    h["v_in1_1"] = w01[0][0] * X[0] + w01[1][0] * X[1] + w01[2][0] * X[2]
    h["v_in1_2"] = w01[0][1] * X[0] + w01[1][1] * X[1] + w01[2][1] * X[2]
    h["v_out1_1"] = sigmoid(h["v_in1_1"])
    h["v_out1_2"] = sigmoid(h["v_in1_2"])
    # v_in^(2) = W^(1->2)^T v_out^(1), y_hat = v_out^(2) = f(v_in^(2))
    h["v_in2"] = w12[0][0] * h["v_out1_1"] + w12[1][0] * h["v_out1_2"]
    h["y_hat"] = sigmoid(h["v_in2"])
    h["E"] = 0.5 * (Y - h["y_hat"]) ** 2
    # backward: delta^(2) = dE/dy_hat * f'(v_in^(2)) = (y_hat - y) y_hat (1 - y_hat)
    h["delta2"] = (h["y_hat"] - Y) * h["y_hat"] * (1.0 - h["y_hat"])
    # delta^(1)_j = W^(1->2)_j1 delta^(2) f'(v_in^(1)_j)
    h["delta1_1"] = w12[0][0] * h["delta2"] * h["v_out1_1"] * (1.0 - h["v_out1_1"])
    h["delta1_2"] = w12[1][0] * h["delta2"] * h["v_out1_2"] * (1.0 - h["v_out1_2"])
    # dE/dW^(1->2)_j1 = v_out^(1)_j delta^(2);  dE/dW^(0->1)_ij = x_i delta^(1)_j
    h["dW12_1"] = h["v_out1_1"] * h["delta2"]
    h["dW12_2"] = h["v_out1_2"] * h["delta2"]
    for i in range(3):
        h[f"dW01_{i + 1}1"] = X[i] * h["delta1_1"]
        h[f"dW01_{i + 1}2"] = X[i] * h["delta1_2"]
    return h


def updated(h: dict[str, float], eta: float) -> tuple[list[list[float]], list[list[float]]]:
    """W' = W - eta dE/dW, entry by entry."""
    w01 = [[W01[i][j] - eta * h[f"dW01_{i + 1}{j + 1}"] for j in range(2)] for i in range(3)]
    w12 = [[W12[0][0] - eta * h["dW12_1"]], [W12[1][0] - eta * h["dW12_2"]]]
    return w01, w12


def article_network() -> Network:
    layers = [Layer(3), Layer(2, "sigmoid", bias=False), Layer(1, "sigmoid", bias=False)]
    return Network(layers, [np.array(W01), np.array(W12)], [np.zeros(2), np.zeros(1)])


@pytest.fixture
def hand() -> dict[str, float]:
    return by_hand(W01, W12)


def test_hand_numbers_are_the_ones_worked_out_on_paper(hand: dict[str, float]) -> None:
    # v_in^(1) = (0.1 + 0.2 + 0.15, -0.2 + 0.1 - 0.25): guards the hand code against typos.
    assert hand["v_in1_1"] == pytest.approx(0.45, abs=1e-15)
    assert hand["v_in1_2"] == pytest.approx(-0.35, abs=1e-15)
    # f(0.45) = 0.61064, f(-0.35) = 0.41338; v_in^(2) = 0.4 * 0.61064 - 0.3 * 0.41338 = 0.12024
    assert hand["v_in2"] == pytest.approx(0.12024, abs=1e-5)
    assert hand["y_hat"] == pytest.approx(0.53002, abs=1e-5)


def test_forward_pass(hand: dict[str, float]) -> None:
    record = forward(article_network(), np.array([X]))
    assert record.v_in[1][0] == pytest.approx([hand["v_in1_1"], hand["v_in1_2"]], rel=1e-14)
    assert record.v_out[1][0] == pytest.approx([hand["v_out1_1"], hand["v_out1_2"]], rel=1e-14)
    assert record.v_in[2][0, 0] == pytest.approx(hand["v_in2"], rel=1e-14)
    assert record.y_hat[0, 0] == pytest.approx(hand["y_hat"], rel=1e-14)
    assert record.v_out[0][0] == pytest.approx(X)


def test_error(hand: dict[str, float]) -> None:
    E = batch_loss(article_network(), np.array([X]), np.array([[Y]]), LOSSES["half_sse"])
    assert E == pytest.approx(hand["E"], rel=1e-14)


def test_deltas_and_gradients(hand: dict[str, float]) -> None:
    net = article_network()
    grads = backward(net, forward(net, np.array([X])), np.array([[Y]]), LOSSES["half_sse"])
    assert grads.delta[0] is None  # the input layer has no error term
    assert grads.delta[2][0, 0] == pytest.approx(hand["delta2"], rel=1e-14)
    assert grads.delta[1][0] == pytest.approx([hand["delta1_1"], hand["delta1_2"]], rel=1e-14)
    assert grads.dE_dW[1][:, 0] == pytest.approx([hand["dW12_1"], hand["dW12_2"]], rel=1e-14)
    for i in range(3):
        for j in range(2):
            assert grads.dE_dW[0][i, j] == pytest.approx(hand[f"dW01_{i + 1}{j + 1}"], rel=1e-14)
    assert grads.dE_db[0] == pytest.approx([0.0, 0.0]) and grads.dE_db[1] == pytest.approx([0.0])


def test_one_sgd_step_updates_the_weights(hand: dict[str, float]) -> None:
    net = article_network()
    grads = backward(net, forward(net, np.array([X])), np.array([[Y]]), LOSSES["half_sse"])
    sgd = OPTIMIZERS["sgd"]
    hp = sgd.hyper({"learning_rate": ETA})
    deltas, _ = sgd.step(net.parameters(), grads.gradients(), sgd.init_state(net.parameters(), hp), hp)
    net.set_parameters(apply_updates(net.parameters(), deltas, net.trainable()))
    w01, w12 = updated(hand, ETA)
    np.testing.assert_allclose(net.W[0], w01, rtol=1e-14)
    np.testing.assert_allclose(net.W[1], w12, rtol=1e-14)
    np.testing.assert_array_equal(net.b[0], [0.0, 0.0])  # no biases: they stay 0
    np.testing.assert_array_equal(net.b[1], [0.0])


@pytest.mark.parametrize("eta", [0.01, ETA])
def test_the_update_goes_downhill(hand: dict[str, float], eta: float) -> None:
    # The article's delta^out = (y - y_hat) f' has the opposite sign; with y_hat < y the
    # engine's delta^(2) is negative and -eta dE/dW moves every weight to lower E.
    assert hand["y_hat"] < Y and hand["delta2"] < 0.0
    net = article_network()
    grads = backward(net, forward(net, np.array([X])), np.array([[Y]]), LOSSES["half_sse"])
    assert grads.delta[2][0, 0] < 0.0
    sgd = OPTIMIZERS["sgd"]
    hp = sgd.hyper({"learning_rate": eta})
    deltas, _ = sgd.step(net.parameters(), grads.gradients(), sgd.init_state(net.parameters(), hp), hp)
    net.set_parameters(apply_updates(net.parameters(), deltas, net.trainable()))
    E_after = by_hand(*updated(hand, eta))["E"]
    assert E_after < hand["E"]
    assert batch_loss(net, np.array([X]), np.array([[Y]]), LOSSES["half_sse"]) == pytest.approx(
        E_after, rel=1e-13)
