"""Activations, losses and initialisers against numerical and textbook values.

Derivatives are checked by central differences of the forward rule, the softmax
Jacobian against one written out entry by entry, the stable paths at extreme logits,
and the initialisers' spreads statistically on large draws.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from backprop_studio import core
from backprop_studio.core import ACTIVATIONS, LOSSES, OPTIMIZERS, SCHEMES, as_targets, initialise
from backprop_studio.core.engine.activations import DEFAULT_PARAM

ELEMENTWISE = [name for name, a in ACTIVATIONS.items() if a.elementwise]
KINKED = {"relu", "leaky_relu", "elu"}
GRID = np.linspace(-6.0, 6.0, 241)


@pytest.fixture
def exact_floats():
    """Overflow and 0/0 raise instead of passing silently (underflow to 0 is fine)."""
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        yield


def test_the_registry_has_every_activation_of_the_issue() -> None:
    # at least these (a new activation is added by its registry entry, without editing this list)
    assert set(ACTIVATIONS) >= {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus",
                                "elu", "softmax"}
    assert set(ELEMENTWISE) == set(ACTIVATIONS) - {"softmax"}


@pytest.mark.parametrize("param", [None, 0.2, 1.7])
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name: str, param: float | None) -> None:
    act = ACTIVATIONS[name]
    a = DEFAULT_PARAM.get(name, 0.01) if param is None else param
    x = GRID[np.abs(GRID) > 1e-3] if name in KINKED else GRID
    x = x[None, :]
    h = 1e-6
    numeric = (act.forward(x + h, a) - act.forward(x - h, a)) / (2 * h)
    analytic = act.derivative(x, act.forward(x, a), a)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-7, atol=1e-9)
    # backward is the chain rule through f' for the element-wise ones
    g = np.cos(x)
    np.testing.assert_allclose(act.backward(x, act.forward(x, a), g, a), g * analytic, rtol=1e-15)


@pytest.mark.parametrize("name, x, expected", [
    ("identity", -1.5, -1.5),
    ("sigmoid", 0.0, 0.5),
    ("sigmoid", 2.0, 1.0 / (1.0 + math.exp(-2.0))),
    ("sigmoid", -2.0, 1.0 / (1.0 + math.exp(2.0))),
    ("tanh", 0.5, math.tanh(0.5)),
    ("relu", -0.3, 0.0),
    ("relu", 0.3, 0.3),
    ("leaky_relu", -2.0, -0.02),  # default slope 0.01
    ("softplus", 0.0, math.log(2.0)),
    ("softplus", -30.0, math.log1p(math.exp(-30.0))),
    ("elu", -1.0, math.exp(-1.0) - 1.0),  # default alpha 1
    ("elu", 2.0, 2.0),
])
def test_forward_values_from_the_formulas(name: str, x: float, expected: float) -> None:
    act = ACTIVATIONS[name]
    got = act.forward(np.array([[x]]), DEFAULT_PARAM.get(name, 0.01))[0, 0]
    assert got == pytest.approx(expected, rel=1e-14, abs=1e-300)


def test_layer_default_params_are_the_documented_ones() -> None:
    assert core.Layer(2, "leaky_relu").activation_param == 0.01
    assert core.Layer(2, "elu").activation_param == 1.0
    assert core.Layer(2, "elu", param=0.5).activation_param == 0.5


# -- softmax ---------------------------------------------------------------------------

def softmax_jacobian(s: np.ndarray) -> np.ndarray:
    """J[i, j] = d s_i / d z_j = s_i (1[i = j] - s_j), entry by entry."""
    n = s.size
    J = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            J[i, j] = s[i] * ((1.0 if i == j else 0.0) - s[j])
    return J


def test_softmax_jacobian_formula_matches_central_differences() -> None:
    z = np.array([0.3, -1.2, 2.0, 0.0])
    s = ACTIVATIONS["softmax"].forward(z[None, :])[0]
    h = 1e-6
    numeric = np.empty((4, 4))
    for j in range(4):
        e = np.zeros(4)
        e[j] = h
        numeric[:, j] = (ACTIVATIONS["softmax"].forward((z + e)[None, :])[0]
                         - ACTIVATIONS["softmax"].forward((z - e)[None, :])[0]) / (2 * h)
    np.testing.assert_allclose(softmax_jacobian(s), numeric, atol=1e-9)


def test_softmax_backward_is_the_jacobian_vector_product() -> None:
    rng = np.random.default_rng(4)
    softmax = ACTIVATIONS["softmax"]
    z = rng.normal(0.0, 2.0, (6, 5))
    s = softmax.forward(z)
    g = rng.normal(size=(6, 5))  # dE/dv_out per sample
    delta = softmax.backward(z, s, g)
    for n in range(6):
        # delta_j = sum_i g_i d s_i / d z_j = (J^T g)_j
        np.testing.assert_allclose(delta[n], softmax_jacobian(s[n]).T @ g[n], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(softmax.derivative(z, s), s * (1 - s))  # the Jacobian's diagonal


def test_softmax_rows_are_distributions_even_for_huge_logits(exact_floats) -> None:
    s = ACTIVATIONS["softmax"].forward(np.array([[1e4, 0.0, -1e4], [800.0, 800.0, 800.0]]))
    np.testing.assert_allclose(s, [[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3]], atol=1e-15)


# -- stability ---------------------------------------------------------------------------

def test_sigmoid_at_plus_minus_1000(exact_floats) -> None:
    sigmoid = ACTIVATIONS["sigmoid"]
    s = sigmoid.forward(np.array([[-1000.0, -40.0, 40.0, 1000.0]]))
    assert np.all(np.isfinite(s))
    assert s[0, 0] == 0.0 and s[0, 3] == 1.0
    assert s[0, 1] == pytest.approx(math.exp(-40.0), rel=1e-12)  # small, but not rounded to 0
    assert np.all(np.isfinite(sigmoid.derivative(np.array([[-1000.0, 1000.0]]),
                                                 sigmoid.forward(np.array([[-1000.0, 1000.0]])))))



EDGES = np.array([0.0, -0.0, 1e-300, -1e-300, 5e-324, -5e-324, 0.5, -0.5, 1.0, -1.0, 36.7, -36.7,
                  709.0, -709.0, 745.2, -745.2, 1e308, -1e308, np.inf, -np.inf, np.nan])


def _two_branch_sigmoid(x: np.ndarray) -> np.ndarray:
    """The textbook stable sigmoid, written out branch by branch with masks (the reference the
    engine's single expression must equal bit for bit, so that every trace stays the same)."""
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def test_sigmoid_is_the_two_branch_formula_bit_for_bit() -> None:
    # edges (signed zeros, subnormals, exp's under- and overflow, infinities, nan) and a sweep;
    # a cheaper formula such as 1 / (1 + exp(-x)) differs in the last bits of many of them
    x = np.concatenate([EDGES, np.random.default_rng(3).normal(0, 8, 2000), GRID])[None, :]
    with np.errstate(all="ignore"):
        got, want = ACTIVATIONS["sigmoid"].forward(x), _two_branch_sigmoid(x)
    nan = np.isnan(want)
    assert np.array_equal(np.isnan(got), nan)
    assert np.array_equal(got[~nan].view(np.int64), want[~nan].view(np.int64))   # the bits


def test_relu_delta_is_the_upstream_gradient_times_its_derivative_bit_for_bit() -> None:
    rng = np.random.default_rng(4)
    v_in = np.concatenate([EDGES, rng.normal(size=500)])[None, :]
    back = np.concatenate([EDGES[::-1], rng.normal(size=500)])[None, :]    # nan and inf meet 0 and 1
    relu = ACTIVATIONS["relu"]
    with np.errstate(all="ignore"):
        delta = relu.backward(v_in, relu.forward(v_in), back)
        by_hand = back * np.where(v_in > 0, 1.0, 0.0)                    # -0.0 where back < 0 is cut off
    nan = np.isnan(by_hand)
    assert np.array_equal(np.isnan(delta), nan)
    assert np.array_equal(delta[~nan].view(np.int64), by_hand[~nan].view(np.int64))   # -0.0 too

@pytest.mark.parametrize("z, y, expected", [
    (1000.0, 1.0, 0.0), (1000.0, 0.0, 1000.0), (-1000.0, 1.0, 1000.0), (-1000.0, 0.0, 0.0),
    (0.0, 1.0, math.log(2.0)), (0.0, 0.3, math.log(2.0)),
])
def test_bce_with_logits_is_finite_and_has_the_right_limits(exact_floats, z, y, expected) -> None:
    sigmoid, bce = ACTIVATIONS["sigmoid"], LOSSES["bce"]
    v_in = np.array([[z]])
    y_hat = sigmoid.forward(v_in)
    E = bce.per_sample(np.array([[y]]), y_hat, v_in, sigmoid)[0]
    assert E == pytest.approx(expected, rel=1e-12, abs=1e-12)
    delta = bce.output_delta(np.array([[y]]), y_hat, v_in, sigmoid)
    assert np.all(np.isfinite(delta)) and abs(delta[0, 0]) <= 1.0


def test_softmax_cross_entropy_at_logits_1e4(exact_floats) -> None:
    softmax, ce = ACTIVATIONS["softmax"], LOSSES["cross_entropy"]
    v_in = np.array([[1e4, 0.0, -1e4], [1e4, 0.0, -1e4]])
    y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    y_hat = softmax.forward(v_in)
    E = ce.per_sample(y, y_hat, v_in, softmax)
    np.testing.assert_allclose(E, [0.0, 1e4], atol=1e-9)
    delta = ce.output_delta(y, y_hat, v_in, softmax)
    np.testing.assert_allclose(delta, [[0.0, 0.0, 0.0], [1.0, -1.0, 0.0]], atol=1e-15)


def test_a_whole_network_with_huge_logits_stays_finite(exact_floats) -> None:
    net = core.build([2, 3], "softmax", init="normal", scale=1.0, seed=0)
    net.W[0] = np.array([[1e4, -1e4, 0.0], [0.0, 0.0, 0.0]])
    x, y = np.array([[1.0, 0.0]]), as_targets(np.array([1]), 3, LOSSES["cross_entropy"])
    assert core.batch_loss(net, x, y, LOSSES["cross_entropy"]) == pytest.approx(2e4)
    grads = core.backward(net, core.forward(net, x), y, LOSSES["cross_entropy"]).gradients()
    assert all(np.all(np.isfinite(g)) for g in grads)


# -- losses: values from the definitions, gradients by central differences -----------------

def test_loss_values_by_hand() -> None:
    identity, sigmoid = ACTIVATIONS["identity"], ACTIVATIONS["sigmoid"]
    y, y_hat = np.array([[1.0, 0.0]]), np.array([[0.8, 0.4]])
    assert LOSSES["half_sse"].per_sample(y, y_hat, y_hat, identity)[0] == pytest.approx(
        0.5 * (0.2 ** 2 + 0.4 ** 2))
    assert LOSSES["mse"].per_sample(y, y_hat, y_hat, identity)[0] == pytest.approx(
        (0.2 ** 2 + 0.4 ** 2) / 2)
    assert LOSSES["bce"].per_sample(y, y_hat, y_hat, identity)[0] == pytest.approx(
        -(math.log(0.8) + math.log(0.6)))
    assert LOSSES["cross_entropy"].per_sample(y, y_hat, y_hat, identity)[0] == pytest.approx(
        -math.log(0.8))
    z = np.array([[0.7, -1.1]])  # the fused sigmoid path agrees with the plain formula
    p = 1.0 / (1.0 + np.exp(-z))
    assert LOSSES["bce"].per_sample(y, p, z, sigmoid)[0] == pytest.approx(
        -(math.log(p[0, 0]) + math.log(1.0 - p[0, 1])), rel=1e-12)


def test_batch_loss_is_the_mean_over_samples() -> None:
    net = core.build([1, 1], "identity", seed=0)
    net.W[0][:] = 1.0
    x, y = np.array([[1.0], [2.0], [4.0]]), np.array([[0.0], [0.0], [0.0]])
    assert core.batch_loss(net, x, y, LOSSES["half_sse"]) == pytest.approx((0.5 + 2.0 + 8.0) / 3)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_gradient_matches_central_differences(name: str) -> None:
    loss, identity = LOSSES[name], ACTIVATIONS["identity"]
    rng = np.random.default_rng(1)
    y_hat = rng.uniform(0.1, 0.9, (4, 3))
    y = rng.uniform(0.0, 1.0, (4, 3))
    h = 1e-6
    numeric = np.empty_like(y_hat)
    for idx in np.ndindex(y_hat.shape):
        e = np.zeros_like(y_hat)
        e[idx] = h
        up = loss.per_sample(y, y_hat + e, y_hat + e, identity)[idx[0]]
        down = loss.per_sample(y, y_hat - e, y_hat - e, identity)[idx[0]]
        numeric[idx] = (up - down) / (2 * h)
    np.testing.assert_allclose(loss.gradient(y, y_hat), numeric, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("name, act", [("bce", "sigmoid"), ("cross_entropy", "softmax"),
                                       ("half_sse", "sigmoid"), ("mse", "softmax"),
                                       ("bce", "softmax"), ("cross_entropy", "sigmoid")])
def test_output_delta_is_dE_dv_in(name: str, act: str) -> None:
    loss, f = LOSSES[name], ACTIVATIONS[act]
    rng = np.random.default_rng(2)
    v_in = rng.normal(size=(3, 4))
    y = as_targets(np.array([0, 3, 1]), 4, LOSSES["cross_entropy"])
    h = 1e-6
    numeric = np.empty_like(v_in)
    for idx in np.ndindex(v_in.shape):
        e = np.zeros_like(v_in)
        e[idx] = h
        up = loss.per_sample(y, f.forward(v_in + e), v_in + e, f)[idx[0]]
        down = loss.per_sample(y, f.forward(v_in - e), v_in - e, f)[idx[0]]
        numeric[idx] = (up - down) / (2 * h)
    np.testing.assert_allclose(loss.output_delta(y, f.forward(v_in), v_in, f), numeric,
                               rtol=1e-6, atol=1e-9)


# -- as_targets ------------------------------------------------------------------------

def test_integer_labels_become_one_hot_rows() -> None:
    ce = LOSSES["cross_entropy"]
    np.testing.assert_array_equal(as_targets([2, 0, 1, 2], 3, ce),
                                  [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    np.testing.assert_array_equal(as_targets(np.array([[1.0], [0.0]]), 2, ce), [[0, 1], [1, 0]])
    assert as_targets([1, 0], 2, ce).dtype == np.float64


def test_one_hot_targets_and_other_losses_pass_through() -> None:
    one_hot = np.array([[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_array_equal(as_targets(one_hot, 2, LOSSES["cross_entropy"]), one_hot)
    np.testing.assert_array_equal(as_targets([1, 0, 1], 1, LOSSES["bce"]), [[1.0], [0.0], [1.0]])
    np.testing.assert_array_equal(as_targets([2.5, -1.0], 1, LOSSES["half_sse"]), [[2.5], [-1.0]])


@pytest.mark.parametrize("labels", [[0, 3], [-1, 0], [0.5, 1.0]])
def test_bad_class_labels_are_refused(labels: list[float]) -> None:
    with pytest.raises(ValueError, match="0..2"):
        as_targets(labels, 3, LOSSES["cross_entropy"])


# -- initialisers ----------------------------------------------------------------------

FAN_IN, FAN_OUT = 400, 100  # unequal, so swapping fan_in and fan_out shows


def uniform_bound(scheme: str) -> float | None:
    return {"uniform": 0.5, "xavier_uniform": math.sqrt(6.0 / (FAN_IN + FAN_OUT)),
            "he_uniform": math.sqrt(6.0 / FAN_IN)}.get(scheme)


def normal_std(scheme: str) -> float | None:
    return {"normal": 0.1, "xavier_normal": math.sqrt(2.0 / (FAN_IN + FAN_OUT)),
            "he_normal": math.sqrt(2.0 / FAN_IN)}.get(scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_initialiser_spread(scheme: str) -> None:
    (W,) = initialise([(FAN_IN, FAN_OUT)], scheme, np.random.default_rng(0))
    assert W.shape == (FAN_IN, FAN_OUT) and W.dtype == np.float64
    # 40,000 draws: the sample mean is within 4 standard errors of 0, the std within 2 %.
    a, sigma = uniform_bound(scheme), normal_std(scheme)
    std = a / math.sqrt(3.0) if a is not None else sigma
    assert abs(W.mean()) < 4 * std / math.sqrt(W.size)
    assert W.std() == pytest.approx(std, rel=0.02)
    if a is not None:
        assert -a <= W.min() < -0.99 * a and 0.99 * a < W.max() <= a
    else:  # a normal has about 31.7 % of its mass beyond one sigma
        assert np.mean(np.abs(W) > sigma) == pytest.approx(0.3173, abs=0.01)


@pytest.mark.parametrize("scheme", ["uniform", "normal"])
def test_initialiser_scale(scheme: str) -> None:
    (W,) = initialise([(FAN_IN, FAN_OUT)], scheme, np.random.default_rng(1), scale=2.0)
    expected = 2.0 / math.sqrt(3.0) if scheme == "uniform" else 2.0
    assert W.std() == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_initialiser_is_deterministic_from_its_seed(scheme: str) -> None:
    shapes = [(3, 4), (4, 2)]
    first = initialise(shapes, scheme, np.random.default_rng(42))
    again = initialise(shapes, scheme, np.random.default_rng(42))
    other = initialise(shapes, scheme, np.random.default_rng(43))
    for a, b, c in zip(first, again, other):
        np.testing.assert_array_equal(a, b)
        assert not np.array_equal(a, c)
    assert [w.shape for w in first] == shapes


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="xavier_uniform"):
        initialise([(2, 2)], "glorot", np.random.default_rng(0))


def test_build_starts_biases_at_zero() -> None:
    net = core.build([3, 4, 2], "tanh", seed=7)
    assert all(np.all(b == 0.0) for b in net.b)


# -- determinism -----------------------------------------------------------------------

def training_run(seed: int) -> list[np.ndarray]:
    net = core.build([2, 5, 3, 1], ["tanh", "elu", "sigmoid"], init="he_normal", seed=seed)
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=(16, 2)), (rng.random((16, 1)) < 0.5).astype(float)
    opt = OPTIMIZERS["adam"]
    hp = opt.hyper({"learning_rate": 0.05})
    state = opt.init_state(net.parameters(), hp)
    for _ in range(10):
        record = core.forward(net, x)
        grads = core.backward(net, record, y, LOSSES["bce"]).gradients()
        deltas, state = opt.step(net.parameters(), grads, state, hp)
        net.set_parameters(core.apply_updates(net.parameters(), deltas, net.trainable()))
    return net.parameters() + [core.forward(net, x).y_hat] + state["m"] + state["v"]


def test_same_seed_gives_bit_identical_training() -> None:
    first, again, other = training_run(3), training_run(3), training_run(4)
    assert all(a.dtype == np.float64 for a in first)
    for a, b in zip(first, again):
        assert a.tobytes() == b.tobytes()
    assert any(a.tobytes() != c.tobytes() for a, c in zip(first, other))
