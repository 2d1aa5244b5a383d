"""Every registry entry carries its teaching: each activation, loss and optimizer (and each
optimizer's option variants) has its texts, scalar maths that agree with the vectorised maths
and with finite differences, and explanations that reproduce the engine's numbers.  Adding an
entry without these fails here, not in a lesson."""
from __future__ import annotations

import math

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.activations import ACTIVATIONS, DEFAULT_PARAM
from backprop_studio.core.engine.losses import LOSSES, Loss, TorchLoss
from backprop_studio.core.engine.optimizers import HYPER_DOCS, OPTIMIZERS, hyper_problem, optimizer
from backprop_studio.core.explain import Ref, Step, Sym, Term, context_for, explain, notation, refs_of
from backprop_studio.core.explain.notation import _BASES
from backprop_studio.core.training.session import Session, TrainingConfig

H = 1e-6
XS = [-2.5, -0.7, -1e-3, 0.4, 1.9]


def variants() -> list[tuple[str, dict]]:
    """Every optimizer with its defaults, then with each switch on (and momentum where it needs one)."""
    out = []
    for name, entry in OPTIMIZERS.items():
        base = {"learning_rate": 0.05}
        out.append((name, base))
        if "momentum" in entry.defaults:
            out.append((name, {**base, "momentum": 0.9}))
        for key, default in entry.defaults.items():
            if isinstance(default, bool):
                hp = {**base, key: not default}
                if hyper_problem(name, entry.hyper(hp)) and "momentum" in entry.defaults:
                    hp["momentum"] = 0.9
                out.append((name, hp))
    return out


def session(hidden: str, out: str, loss: str, opt: str = "sgd", hp: dict | None = None) -> Session:
    rng = np.random.default_rng(3)
    net = build([3, 4, 3], [hidden, out], seed=4)
    x = rng.normal(size=(4, 3))
    y = np.eye(3)[rng.integers(0, 3, 4)] if loss in ("bce", "cross_entropy") else rng.normal(size=(4, 3))
    return Session(net, Dataset(x, y), TrainingConfig(loss=loss, optimizer=opt, batch_size=2,
                                                      optimizer_params=dict(hp or {"learning_rate": 0.1})))


def explained(s: Session, phases=("forward", "loss", "backward", "update")) -> int:
    ctx = context_for(s)
    n = 0
    for phase in phases:
        for ref in refs_of(ctx, phase):
            e = explain(ctx, ref)
            assert e.matches and e.title and e.steps, (ref, e.text(), e.recorded)
            n += 1
    return n


# -- activations ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_an_activation_has_its_texts_and_its_scalar_maths_agrees(name):
    f = ACTIVATIONS[name]
    assert f.name == name and f.formula.startswith("f") and f.derivative_formula.startswith(("f'", "df"))
    a = DEFAULT_PARAM.get(name, 0.01)
    x = np.array([XS])
    y = f.forward(x, a)
    if f.elementwise:
        for n, v in enumerate(XS):
            assert math.isclose(f.at(v, a), y[0, n], rel_tol=1e-12, abs_tol=1e-15)
            fd = (f.at(v + H, a) - f.at(v - H, a)) / (2 * H)           # finite differences
            assert math.isclose(f.slope_at(v, y[0, n], a), fd, rel_tol=1e-5, abs_tol=1e-7)
    d = f.derivative(x, y, a)
    for n, v in enumerate(XS):
        assert math.isclose(f.slope_at(v, y[0, n], a), d[0, n], rel_tol=1e-12, abs_tol=1e-15)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_every_activation_is_explained_in_a_hidden_or_output_layer(name):
    if name == "softmax":
        s = session("tanh", "softmax", "cross_entropy")
    else:
        s = session(name, "identity", "half_sse")
    s.step()
    assert explained(s, ("forward", "backward")) > 0


# -- losses --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(LOSSES))
def test_a_loss_has_its_texts_and_its_scalar_maths_agrees(name):
    loss = LOSSES[name]
    assert loss.name == name and loss.formula.startswith("E =") and loss.gradient_formula.startswith("dE/d")
    y = np.array([[0.0, 1.0, 0.0]])
    h = np.array([[0.2, 0.5, 0.3]])
    e = loss.per_sample(y, h, np.log(h), ACTIVATIONS["identity"])
    assert math.isclose(loss.at(list(y[0]), list(h[0])), e[0], rel_tol=1e-12)
    g = loss.gradient(y, h)
    for j in range(3):
        up, down = h[0].copy(), h[0].copy()
        up[j] += H
        down[j] -= H
        fd = (loss.at(list(y[0]), list(up)) - loss.at(list(y[0]), list(down))) / (2 * H)
        assert math.isclose(loss.gradient_at(list(y[0]), list(h[0]), j), fd, rel_tol=1e-5)
        assert math.isclose(loss.gradient_at(list(y[0]), list(h[0]), j), g[0, j], rel_tol=1e-12)


@pytest.mark.parametrize("name", list(LOSSES))
@pytest.mark.parametrize("out", ["sigmoid", "softmax"])
def test_every_loss_is_explained(name, out):
    s = session("tanh", out, name)
    s.step()
    assert explained(s, ("loss", "backward")) > 0


def terms(base: str, values) -> list[Term]:
    return [Term(Sym(base, (j + 1,)), float(v)) for j, v in enumerate(values)]


@pytest.mark.parametrize("name", list(LOSSES))
def test_a_loss_writes_its_explanation_with_its_own_maths(name):
    """The entry writes E and dE/dŷ_j (and δ of a fused pair) itself; the values agree with its
    vectorised maths, and the formula line renders with one value per term."""
    loss = LOSSES[name]
    y, h = np.array([[0.0, 1.0, 0.0]]), np.array([[0.2, 0.5, 0.3]])
    ys, hs = terms("y", y[0]), terms("yhat", h[0])
    for act in (ACTIVATIONS["sigmoid"], ACTIVATIONS["softmax"]):
        fused = loss.fused_with(act)
        z = np.log(h) if act.name == "softmax" else np.log(h / (1 - h))   # the logits of h
        tokens, value, notes = loss.loss_tokens(notation, ys, hs, terms("v_in", z[0]), fused)
        e = loss.per_sample(y, act.forward(z), z, act) if fused else loss.per_sample(y, h, z, ACTIVATIONS["identity"])
        assert math.isclose(value, e[0], rel_tol=1e-9), (act.name, value, e)
        lhs, formula, numbers, _ = Step(Term(Sym("E"), value), tokens, value).parts("text")
        assert "ŷ_1" in formula or "v_in,1" in formula, formula
        assert all(isinstance(note, str) for note in notes)
        if fused:
            delta = loss.fused_delta(y, act.forward(z))
            for j in range(3):
                _, d, _ = loss.fused_delta_tokens(notation, ys, terms("yhat", act.forward(z)[0]), j)
                assert math.isclose(d, delta[0, j], rel_tol=1e-9, abs_tol=1e-15)
    g = loss.gradient(y, h)
    for j in range(3):
        tokens, value = loss.gradient_tokens(notation, ys, hs, j)
        assert tokens and math.isclose(value, g[0, j], rel_tol=1e-12)


class _Quartic(Loss):
    """E = Σ_j (y_j − ŷ_j)⁴: a loss added with its entry alone (and one way of writing its slope)."""

    def per_sample(self, y, y_hat, v_in, activation):
        return ((y - y_hat) ** 4).sum(axis=-1)

    def gradient(self, y, y_hat):
        return 4.0 * (y_hat - y) ** 3

    def at(self, y, y_hat):
        return math.fsum((a - b) ** 4 for a, b in zip(y, y_hat))

    def gradient_at(self, y, y_hat, j):
        return 4.0 * (y_hat[j] - y[j]) ** 3

    def gradient_tokens(self, w, ys, hs, j):   # 4 (ŷ_j − y_j)^3
        h, y = hs[j], ys[j]
        return ([w.Op("4"), w.TIMES, w.LP, h, w.MINUS, y, w.RP, w.Op("³")],
                4.0 * (h.value - y.value) ** 3)


def test_a_new_loss_needs_only_its_entry(monkeypatch):
    """The explanations read the entry, not the name: a new loss is explained with the form
    its entry writes (dE/dŷ) or, where it writes none, as name(y, ŷ) with its scalar maths."""
    quartic = _Quartic("quartic", "E = sum_j (y_j - y_hat_j)^4", "dE/dy_hat_j = 4 (y_hat_j - y_j)^3",
                       torch=TorchLoss("E = sum_j (y_j - y_hat_j)^4", "((y - y_hat) ** 4).sum(dim=1)"))
    monkeypatch.setitem(LOSSES, "quartic", quartic)
    s = session("tanh", "identity", "quartic")
    s.step()
    assert explained(s, ("loss", "backward")) > 0
    ctx = context_for(s)
    assert explain(ctx, Ref("loss", sample=0)).steps[0].render("text").startswith(
        "E[1] = quartic(y_1[1], ŷ_1[1]; ")
    e = explain(ctx, Ref("delta", 2, 0, 0, 0))
    assert e.steps[1].render("text").startswith("∂E/∂ŷ_1[1] = 4 (ŷ_1[1] − y_1[1])³ = 4 × ("), e.text()
    assert "quartic: dE/dy_hat_j = 4 (y_hat_j - y_j)^3" in e.notes


# -- optimizers ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name, hp", variants())
def test_an_optimizer_declares_its_state_and_every_variant_is_explained(name, hp):
    entry = OPTIMIZERS[name]
    assert entry.name == name and entry.formula and "Δp" in entry.formula
    assert all(key in HYPER_DOCS for key in entry.defaults)
    for info in entry.STATE.values():
        assert info.symbol in _BASES and info.name and info.column and info.torch
    s = session("tanh", "identity", "half_sse", name, hp)
    s.step()
    s.step()
    ctx = context_for(s)
    used = entry.state_used(ctx.hyper)
    assert set(used) <= set(entry.STATE)
    assert set(used) <= {k for k, v in ctx.record.opt_state_after.items() if k != "t" and len(v)}
    assert explained(s, ("update",)) > 0
    for key in used:
        for bias in (False, True):
            e = explain(ctx, Ref("state", 1, 0, 1, bias=bias, key=key))
            assert e.matches and entry.STATE[key].name in e.title, e.text()


def test_an_unknown_optimizer_is_refused_by_name_not_run_as_adam():
    with pytest.raises(ValueError, match="unknown optimizer 'adam_typo'; choose one of sgd"):
        optimizer("adam_typo")
