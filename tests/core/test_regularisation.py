"""L1/L2 regularisation as a term of the loss (core.engine.regularisation and the stepper).

The gradients are checked against central differences of E = E_data + lambda_1 sum |w| +
1/2 lambda_2 sum w^2 (numpy only) and against torch's autograd (skipped without torch); the
term against a hand sum.  Biases are not regularised; removed connections are not weights.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.forward import batch_loss
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.network import Layer, Network
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.regularisation import Regularisation, check_regularisation
from backprop_studio.core.files import project_file
from backprop_studio.core.training.batches import Batch
from backprop_studio.core.training.phases import StepRules, begin_step, next_phase, whole_step
from backprop_studio.core.training.records import phases_of

L1, L2 = 0.03, 0.2
LOSS = LOSSES["half_sse"]
SGD = OPTIMIZERS["sgd"]
HP = SGD.hyper({"learning_rate": 0.1})


def network() -> Network:
    """2-3-1 tanh/sigmoid with biases, one removed connection, no weight exactly 0."""
    rng = np.random.default_rng(7)
    W = [rng.normal(size=(2, 3)), rng.normal(size=(3, 1))]
    mask = [np.ones((2, 3), bool), np.ones((3, 1), bool)]
    mask[0][1, 2] = False
    W[0][1, 2] = 0.0
    return Network([Layer(2), Layer(3, "tanh"), Layer(1, "sigmoid")], W,
                   [rng.normal(size=3), rng.normal(size=1)], mask)


X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.8], [0.1, 0.3]])
Y = np.array([[1.0], [0.0], [1.0], [0.0]])


def record(net: Network, reg: Regularisation, phase_by_phase: bool = False):
    rules = StepRules(net, LOSS, SGD, HP, [not m.all() for m in net.mask], [None] * 4, reg)
    batch = Batch(np.arange(4), X, Y, (0, 4, np.arange(4), {}))
    rec = begin_step(net, batch, 1, 0, 0.1, phases_of(net.depth), SGD.init_state(net.parameters(), HP))
    if phase_by_phase:
        while not rec.complete:
            assert next_phase(rec, rules) is None
    else:
        assert whole_step(rec, rules)
    return rec


def total_error(net: Network) -> float:
    """E = E_data + lambda_1 sum |w| + 1/2 lambda_2 sum w^2, written out here, not by the engine."""
    term = sum(L1 * abs(w) + 0.5 * L2 * w * w
               for W, m in zip(net.W, net.mask) for w, ok in zip(W.ravel(), m.ravel()) if ok)
    return batch_loss(net, X, Y, LOSS) + term


def test_the_term_is_the_hand_sum_and_is_zero_without_rates() -> None:
    net = network()
    existing = [w for W, m in zip(net.W, net.mask) for w, ok in zip(W.ravel(), m.ravel()) if ok]
    rec = record(net, Regularisation(L1, L2))
    assert rec.loss_regularisation == pytest.approx(
        L1 * sum(abs(w) for w in existing) + 0.5 * L2 * sum(w * w for w in existing), rel=1e-13)
    assert rec.loss == pytest.approx(batch_loss(net, X, Y, LOSS), rel=1e-13)    # E_data, as before
    assert record(network(), Regularisation()).loss_regularisation == 0.0


@pytest.mark.parametrize("phase_by_phase", [False, True])
def test_gradients_agree_with_central_differences(phase_by_phase: bool) -> None:
    net = network()
    rec = record(net, Regularisation(L1, L2), phase_by_phase)
    h = 1e-6
    for k, W in enumerate(net.W):
        for idx in np.ndindex(W.shape):
            if not net.mask[k][idx]:
                assert rec.dE_dW[k][idx] == 0.0          # a removed connection is not a weight
                continue
            old = W[idx]
            W[idx] = old + h
            up = total_error(net)
            W[idx] = old - h
            down = total_error(net)
            W[idx] = old
            assert rec.dE_dW[k][idx] == pytest.approx((up - down) / (2 * h), abs=1e-8)


def test_biases_are_not_regularised() -> None:
    plain, regular = record(network(), Regularisation()), record(network(), Regularisation(L1, L2))
    for a, b in zip(plain.dE_db, regular.dE_db):
        assert np.array_equal(a, b)
    for k in range(2):
        assert not np.allclose(plain.dE_dW[k], regular.dE_dW[k])


def test_gradients_agree_with_torch_autograd() -> None:
    torch = pytest.importorskip("torch")
    net = network()
    rec = record(net, Regularisation(L1, L2))
    W = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.W]
    b = [torch.tensor(x, dtype=torch.float64) for x in net.b]
    m = [torch.tensor(x, dtype=torch.float64) for x in net.mask]
    h = torch.tanh(torch.tensor(X) @ (W[0] * m[0]) + b[0])
    y_hat = torch.sigmoid(h @ (W[1] * m[1]) + b[1])
    e_data = (0.5 * (torch.tensor(Y) - y_hat) ** 2).sum(dim=1).mean()
    e = e_data + sum(L1 * (w * mk).abs().sum() + 0.5 * L2 * ((w * mk) ** 2).sum() for w, mk in zip(W, m))
    e.backward()
    assert rec.loss + rec.loss_regularisation == pytest.approx(e.item(), abs=1e-12)
    for k in range(2):
        grad = W[k].grad.numpy() * net.mask[k]
        assert np.max(np.abs(rec.dE_dW[k] - grad)) < 1e-9


def test_the_project_file_key_round_trips_and_is_validated() -> None:
    with open("resources/examples/xor.json", encoding="utf-8") as f:
        doc = json.load(f)
    assert "regularisation" not in project_file.to_document(project_file.session_from(doc))
    doc["regularisation"] = {"l1": 0.001, "l2": 0.01}
    session = project_file.session_from(doc)
    assert session.config.regularisation == Regularisation(0.001, 0.01)
    again = project_file.session_from(json.loads(project_file.dumps(session)))
    assert again.config.regularisation == Regularisation(0.001, 0.01)
    for bad, where in (({"l1": -1}, "regularisation.l1"), ({"l2": "x"}, "regularisation.l2"),
                       ({"l3": 1}, "regularisation"), ([0.1], "regularisation")):
        doc["regularisation"] = bad
        with pytest.raises(InputError) as e:
            project_file.session_from(doc)
        assert e.value.where == where


def test_check_regularisation_leaves_out_nothing() -> None:
    assert check_regularisation({}) == Regularisation(0.0, 0.0)
    assert check_regularisation({"l2": 1}) == Regularisation(0.0, 1.0)


def test_the_explanation_names_the_term_and_says_biases_are_not_regularised() -> None:
    from backprop_studio.core.explain import Context, Ref, explain
    net = network()
    ctx = Context(record(net, Regularisation(L1, L2)), net, "half_sse", "sgd", HP, Regularisation(L1, L2))
    grad = explain(ctx, Ref("grad", 0, 0, 0))
    assert grad.matches, (grad.value, grad.recorded)      # recomputed with the λ terms = recorded
    assert "λ₁ sign(w) + λ₂w" in grad.text() and "sign(" in grad.steps[0].render("text")
    bias = explain(ctx, Ref("grad", 0, 0, 0, bias=True))
    assert bias.matches and "Biases are not regularised" in bias.text()
    loss = explain(ctx, Ref("batch_loss"))
    assert "λ₁Σ|w| + ½λ₂Σw²" in loss.text() and "Biases are not regularised" in loss.text()
    plain = Context(record(net, Regularisation()), net, "half_sse", "sgd", HP)
    assert "λ" not in explain(plain, Ref("grad", 0, 0, 0)).text()
