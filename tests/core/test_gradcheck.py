"""Backpropagated gradients against numerical derivatives, on random networks.

Two independent references:

- ``core.gradient_check`` (central differences of the engine's own loss), over
  hypothesis-generated networks of every activation, loss, bias, mask and freeze;
- a reference forward pass written here from the formulas, differentiated by the
  complex step (exact to rounding) and by plain central differences.  It shares no
  code with the engine.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop_studio import core
from backprop_studio.core import LOSSES, Layer, Network, as_targets, backward, forward, gradient_check

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu"]
KINKED = {"relu", "leaky_relu", "elu"}  # derivative (or its derivative) jumps at 0
# Output activation for each loss.  bce needs outputs in (0, 1): sigmoid (fused) or
# softmax; cross_entropy needs positive outputs: softmax (fused), sigmoid or softplus.
OUTPUTS = {
    "half_sse": HIDDEN + ["softmax"],
    "mse": HIDDEN + ["softmax"],
    "bce": ["sigmoid", "softmax"],
    "cross_entropy": ["softmax", "sigmoid", "softplus"],
}
REL_TOL = 1e-6
TINY = 1e-7  # |a| + |n| below this: both are zero up to rounding
# Central differences with step h lose about eps |E| / h to rounding (eps = 2.2e-16), an
# absolute error that no relative tolerance can absorb for gradients near 1e-5.  h = 1e-5
# balances that against the h^2 truncation error; differences below NOISE * max(1, |E|)
# are rounding, not a wrong gradient (which shows as a relative error of 1e-3 or more).
H = 1e-5
NOISE = 1e-10


@dataclass
class Case:
    net: Network
    x: np.ndarray
    y: np.ndarray
    loss: str


def random_targets(rng: np.random.Generator, loss: str, out_act: str, n: int, outputs: int,
                   labels: bool) -> np.ndarray:
    if loss == "cross_entropy" and out_act == "softmax":
        if labels:  # integer class labels, made one-hot by as_targets
            return as_targets(rng.integers(0, outputs, n), outputs, LOSSES[loss])
        p = rng.random((n, outputs)) + 0.05
        return p / p.sum(axis=1, keepdims=True)  # soft labels: a distribution per sample
    if loss in ("bce", "cross_entropy"):
        return (rng.random((n, outputs)) < 0.5).astype(float) if labels else rng.random((n, outputs))
    return rng.normal(size=(n, outputs))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    depth = draw(st.integers(1, 4), label="depth")
    sizes = draw(st.lists(st.integers(1, 6), min_size=depth + 1, max_size=depth + 1), label="sizes")
    loss = draw(st.sampled_from(sorted(OUTPUTS)), label="loss")
    out_act = draw(st.sampled_from(OUTPUTS[loss]), label="output activation")
    if out_act == "softmax":
        sizes[-1] = max(sizes[-1], 2)  # a one-unit softmax is the constant 1 and refused (see below)
    acts = [draw(st.sampled_from(HIDDEN)) for _ in range(depth - 1)] + [out_act]
    layers = [Layer(sizes[0])]
    for k in range(depth):
        param = None
        if acts[k] in ("leaky_relu", "elu"):
            param = draw(st.sampled_from([None, 0.1, 0.3, 2.0]), label="slope/alpha")
        layers.append(Layer(sizes[k + 1], acts[k], draw(st.booleans(), label="bias"), param))
    seed = draw(st.integers(0, 2**32 - 1), label="seed")
    scale = draw(st.sampled_from([0.3, 0.7, 1.2]), label="weight scale")
    p_removed = draw(st.sampled_from([0.0, 0.3]), label="share removed")
    p_frozen = draw(st.sampled_from([0.0, 0.3]), label="share frozen")
    batch = draw(st.integers(1, 4), label="batch")
    labels = draw(st.booleans(), label="hard labels")

    rng = np.random.default_rng(seed)
    shapes = [(sizes[k], sizes[k + 1]) for k in range(depth)]
    W = [rng.normal(0.0, scale, s) for s in shapes]
    b = [rng.normal(0.0, scale, s[1]) for s in shapes]
    mask = [rng.random(s) >= p_removed for s in shapes]
    frozen_W = [rng.random(s) < p_frozen for s in shapes]
    frozen_b = [rng.random(s[1]) < p_frozen for s in shapes]
    net = Network(layers, W, b, mask, frozen_W, frozen_b)
    x = rng.normal(size=(batch, sizes[0]))
    y = random_targets(rng, loss, out_act, batch, sizes[-1], labels)
    return Case(net, x, y, loss)


def avoid_kinks(case: Case) -> None:
    """Reject draws where a finite difference would straddle a ReLU/leaky/ELU kink."""
    record = forward(case.net, case.x)
    for k, layer in enumerate(case.net.layers[1:], start=1):
        if layer.activation in KINKED:
            assume(np.all(np.abs(record.v_in[k]) >= 1e-3))


def avoid_saturated_logs(case: Case, margin: float = 0.05) -> None:
    """Reject draws where a log loss of an unfused output sits near log(0).

    There E has third derivatives of order 1 / (1 - y_hat)^3 (or 1 / y_hat^3), and the
    relative truncation error of central differences, about (h / (1 - y_hat))^2, nears 1e-6
    by y_hat = 0.99 although backprop is exact.  Closer still (margin 1e-6), the engine
    clips y_hat to [1e-12, 1 - 1e-12] and 1 - y_hat has lost most of its digits, so no
    reference can agree to 1e-9.  cross_entropy has no log(1 - y_hat) term: a softplus
    output above 1 is fine.
    """
    out = case.net.layers[-1].activation
    if case.loss in ("bce", "cross_entropy") and not LOSSES[case.loss].fused_with(core.ACTIVATIONS[out]):
        y_hat = forward(case.net, case.x).y_hat
        upper = 1 - margin if case.loss == "bce" else np.inf
        assume(np.all((y_hat > margin) & (y_hat < upper)))


def assert_close(analytic: np.ndarray, numeric: np.ndarray, rel_tol: float, where: str,
                 noise: float = 0.0) -> None:
    scale = np.abs(analytic) + np.abs(numeric)
    err = np.abs(analytic - numeric) / np.maximum(scale, 1e-300)
    bad = (scale >= TINY) & (err >= rel_tol) & (np.abs(analytic - numeric) >= noise)
    assert not bad.any(), (f"{where}: relative error {err[bad].max():.3g} at {np.argwhere(bad)[:3]}; "
                           f"analytic {analytic[bad][:3]}, numeric {numeric[bad][:3]}")


# -- core.gradient_check ----------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(cases())
def test_gradient_check_on_random_networks(case: Case) -> None:
    avoid_kinks(case)
    avoid_saturated_logs(case)
    check = gradient_check(case.net, case.x, case.y, LOSSES[case.loss], h=H)
    E = core.batch_loss(case.net, case.x, case.y, LOSSES[case.loss])
    checked = 0
    for i, (a, n) in enumerate(zip(check.analytic, check.numeric)):
        present = ~np.isnan(n)
        assert_close(a[present], n[present], REL_TOL, f"parameter {i}", NOISE * max(1.0, abs(E)))
        checked += int(present.sum())
    assert checked == case.net.count_parameters()


def test_gradient_check_reports_a_wrong_gradient() -> None:
    # The checker itself must be able to fail: perturb the gradient backprop would give.
    net = core.build([2, 3, 1], ["tanh", "sigmoid"], seed=3)
    x, y = np.array([[0.3, -0.7], [1.1, 0.4]]), np.array([[1.0], [0.0]])
    good = gradient_check(net, x, y, LOSSES["half_sse"])
    assert good.worst < REL_TOL

    class OffByOnePercent(type(LOSSES["half_sse"])):  # type: ignore[misc]
        def gradient(self, y, y_hat):
            return 1.01 * (y_hat - y)

    wrong = OffByOnePercent("half_sse", "", "", torch=LOSSES["half_sse"].torch)
    assert gradient_check(net, x, y, wrong).worst > 1e-3


def test_gradient_check_skips_removed_connections_and_absent_biases() -> None:
    net = core.build([2, 2, 1], "tanh", seed=0)
    net.layers[2].bias = False
    net.mask[0][0, 1] = False
    net.check()
    check = gradient_check(net, np.array([[0.5, -1.0]]), np.array([[0.2]]), LOSSES["half_sse"])
    assert np.isnan(check.relative_error[0][0, 1]) and np.isnan(check.relative_error[3]).all()
    assert check.analytic[0][0, 1] == 0.0
    assert np.sum(~np.isnan(check.numeric[0])) == 3


def test_frozen_parameters_still_get_their_gradient() -> None:
    net = core.build([2, 2, 1], "sigmoid", seed=4)
    free = backward(net, forward(net, [[0.3, 0.9]]), np.array([[1.0]]), LOSSES["half_sse"])
    net.frozen_W[0][:] = True
    net.frozen_b[1][:] = True
    frozen = backward(net, forward(net, [[0.3, 0.9]]), np.array([[1.0]]), LOSSES["half_sse"])
    for g_free, g_frozen in zip(free.gradients(), frozen.gradients()):
        np.testing.assert_array_equal(g_free, g_frozen)
    assert np.all(frozen.dE_dW[0] != 0.0)


def test_single_output_softmax_is_refused_with_the_reason() -> None:
    """A one-unit softmax always outputs e^z / e^z = 1, so E does not depend on any parameter
    and every gradient is 0: the network would never learn.  It is refused, saying why."""
    with pytest.raises(ValueError, match="single unit always outputs 1, so its gradient is always 0"):
        core.build([2, 1], ["softmax"], seed=1)


def test_softmax_cross_entropy_with_unnormalised_targets() -> None:
    net = core.build([2, 3], ["softmax"], seed=2)
    x = np.array([[0.5, -1.0]])
    y = np.array([[0.2, 0.3, 0.0]])  # sums to 0.5: E = 0.5 logsumexp(z) - y.z
    check = gradient_check(net, x, y, LOSSES["cross_entropy"])
    assert check.worst < REL_TOL


# -- an independent reference: complex step and central differences -----------------------

def ref_activation(name: str, z: np.ndarray, param: float) -> np.ndarray:
    """The activations from their textbook formulas, written to accept complex input."""
    pos = z.real > 0
    if name == "identity":
        return z
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(pos, z, 0.0)
    if name == "leaky_relu":
        return np.where(pos, z, param * z)
    if name == "softplus":
        return np.log1p(np.exp(z))
    if name == "elu":
        return np.where(pos, z, param * np.expm1(z))
    if name == "softmax":
        e = np.exp(z - z.real.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise AssertionError(name)


def ref_loss(name: str, y: np.ndarray, y_hat: np.ndarray, logits: np.ndarray, out: str) -> complex:
    """Mean over samples of the per-sample loss, from the definitions in the issue."""
    if name == "half_sse":
        per = 0.5 * np.sum((y - y_hat) ** 2, axis=1)
    elif name == "mse":
        per = np.mean((y - y_hat) ** 2, axis=1)
    elif name == "bce" and out == "sigmoid":
        # log s(z) = -log(1 + e^-z) and log(1 - s(z)) = -log(1 + e^z): 1 - s(z) would
        # lose its digits for |z| > 10 and the reference would be the imprecise one.
        per = np.sum(y * np.log1p(np.exp(-logits)) + (1 - y) * np.log1p(np.exp(logits)), axis=1)
    elif name == "bce":
        per = -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat), axis=1)
    else:
        per = -np.sum(y * np.log(y_hat), axis=1)
    return np.mean(per)


def ref_error(case: Case, params: list[np.ndarray]) -> complex:
    net, v = case.net, case.x.astype(complex)
    for k, layer in enumerate(net.layers[1:]):
        W, b = params[2 * k], params[2 * k + 1]
        logits = v @ W + (b if layer.bias else 0.0)
        v = ref_activation(layer.activation, logits, layer.activation_param)
    return ref_loss(case.loss, case.y, v, logits, net.layers[-1].activation)


def complex_step_gradients(case: Case, h: float = 1e-20) -> list[np.ndarray]:
    """dE/dp = Im E(p + i h) / h: no subtraction, so exact to rounding for analytic E."""
    params = [p.astype(complex) for p in case.net.parameters()]
    out = []
    for p in params:
        g = np.zeros(p.shape)
        for idx in np.ndindex(p.shape):
            p[idx] += 1j * h
            g[idx] = ref_error(case, params).imag / h
            p[idx] -= 1j * h
        out.append(g)
    return out


def present(net: Network) -> list[np.ndarray]:
    out = []
    for k, layer in enumerate(net.layers[1:]):
        out += [net.mask[k], np.full(net.b[k].shape, layer.bias)]
    return out


@settings(max_examples=60, deadline=None)
@given(cases())
def test_backprop_matches_complex_step_of_a_reference_forward(case: Case) -> None:
    avoid_kinks(case)
    avoid_saturated_logs(case, margin=1e-6)
    record = forward(case.net, case.x)
    assert ref_error(case, case.net.parameters()).real == pytest.approx(
        # the loss itself only to 1e-10: the two sum log terms in a different order
        core.batch_loss(case.net, case.x, case.y, LOSSES[case.loss]), rel=1e-10, abs=1e-12)
    analytic = backward(case.net, record, case.y, LOSSES[case.loss]).gradients()
    reference = complex_step_gradients(case)
    for i, (a, r, where) in enumerate(zip(analytic, reference, present(case.net))):
        # 1e-13: the rounding of backprop's own sums, seen on gradients near 1e-7
        assert_close(a[where], r[where], 1e-9, f"parameter {i}", noise=1e-13)
        assert np.all(a[~where] == 0.0), "removed connections and absent biases get no gradient"


@pytest.mark.parametrize("loss, acts", [
    ("half_sse", ["sigmoid", "sigmoid"]),
    ("mse", ["tanh", "softplus", "identity"]),
    ("bce", ["elu", "sigmoid"]),
    ("cross_entropy", ["leaky_relu", "softmax"]),
    ("half_sse", ["relu", "softmax"]),
])
def test_backprop_matches_central_differences_of_a_reference_forward(loss: str, acts: list[str]) -> None:
    rng = np.random.default_rng(7)
    sizes = [3] + [4] * (len(acts) - 1) + [3]
    net = core.build(sizes, acts, init="normal", scale=0.8, seed=11)
    net.b = [rng.normal(0.0, 0.5, b.shape) for b in net.b]
    x = rng.normal(size=(5, 3))
    y = random_targets(rng, loss, acts[-1], 5, 3, labels=True)
    case = Case(net, x, y, loss)
    record = forward(net, x)
    for k in range(1, net.depth + 1):  # these seeds sit well away from any kink
        assert np.all(np.abs(record.v_in[k]) > 1e-3)
    analytic = backward(net, record, y, LOSSES[loss]).gradients()
    params = [p.copy() for p in net.parameters()]
    h = 1e-5
    for i, p in enumerate(params):
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            up = ref_error(case, params).real
            p[idx] = old - h
            down = ref_error(case, params).real
            p[idx] = old
            numeric = (up - down) / (2 * h)
            assert analytic[i][idx] == pytest.approx(numeric, rel=1e-6, abs=1e-9), (i, idx)
