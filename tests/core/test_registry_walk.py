"""A registry entry is the whole of its idea: walk every registry, and every entry of it

- **exports**: the PyTorch script of a small project that uses it compiles, and carries the
  entry's own torch form (its module, its loss expression, its torch.optim class, its schedule);
- **explains**: every "why this number?" of a step of that project reproduces the engine's number;
- **round-trips**: the project saved and opened again takes the same next step, bit for bit;
- **draws**: the landscape's batched forward pass equals the engine's on random parameter
  vectors, the thumbnail range holds the activation's values (and a unit that can die, as ReLU's,
  is 0 with slope 0 below 0), a descent path is drawn.

Activations, losses, optimizers, schedules, dataset generators and lesson value kinds.  No torch
(tests/core/test_torch_bridge.py trains the same entries against PyTorch where it is installed),
no Qt.  A new entry without one of these parts fails here, not in a user's export or lesson.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backprop_studio.core.bridge.torch_script import export_script
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import Dataset, make_dataset
from backprop_studio.core.data.generators import CLASSIFICATION, DATA_GENERATORS, REGRESSION
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.forward import batch_loss
from backprop_studio.core.engine.losses import CLASSES, LOSSES, REAL, UNIT
from backprop_studio.core.engine.network import build
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.schedules import SCHEDULE_ENTRIES, learning_rate
from backprop_studio.core.explain import context_for, explain, refs_of
from backprop_studio.core.files import project_file
from backprop_studio.core.lessons.check import check_lessons
from backprop_studio.core.lessons.kinds import FUNCTION_VALUES, NETWORK_VALUES, FunctionKind, read_value
from backprop_studio.core.lessons.record import value_spec_of
from backprop_studio.core.lessons.values import ref_of
from backprop_studio.core.surfaces.descent import descend
from backprop_studio.core.surfaces.functions import objective
from backprop_studio.core.surfaces.landscape_grid import batched_losses, flatten, unflatten
from backprop_studio.core.training.fit_data import fitted_to
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.core.training.targets import loss_targets

ROOT = Path(__file__).resolve().parents[2]


def project(hidden: str = "tanh", out: str = "identity", loss: str = "half_sse", optimizer: str = "sgd",
            hp: dict[str, Any] | None = None, schedule: dict[str, Any] | None = None, outputs: int = 2,
            param: float | None = None) -> Session:
    """A small project (3 inputs, 4 hidden units) with targets the loss takes."""
    rng = np.random.default_rng(7)
    net = build([3, 4, outputs], [hidden, out], seed=3)
    for layer in net.layers[1:]:
        layer.param = param if ACTIVATIONS[layer.activation].param is not None else None
    x = rng.normal(size=(6, 3))
    kind = LOSSES[loss].targets
    y = (rng.integers(0, outputs, (6, 1)).astype(float) if kind == CLASSES
         else rng.integers(0, 2, (6, outputs)).astype(float) if kind == UNIT else rng.normal(size=(6, outputs)))
    config = TrainingConfig(loss, optimizer, dict(hp or {"learning_rate": 0.1}), 2, True, 5,
                            schedule or {"name": "constant"})
    return Session(net, Dataset(x, y), config)


def exports(session: Session) -> str:
    """The exported script, compiled (not run: that needs torch)."""
    text = export_script(session)
    compile(text, "model.py", "exec")
    return text


def explains(session: Session, phases: tuple[str, ...]) -> int:
    """Every explanation of the session's last step matches the engine; how many there were."""
    ctx = context_for(session)
    n = 0
    for phase in phases:
        for ref in refs_of(ctx, phase):
            e = explain(ctx, ref)
            assert e.matches and e.steps and e.title, (ref, e.text(), e.recorded)
            n += 1
    return n


def round_trips(session: Session) -> None:
    """Saved and opened again, the project takes the same next step, bit for bit."""
    again = project_file.loads(project_file.dumps(session))
    a, b = session.step(), again.step()
    assert a is not None and b is not None and a.loss == b.loss
    for p, q in zip(session.network.parameters(), again.network.parameters()):
        np.testing.assert_array_equal(p, q)


def landscape_is_the_forward_pass(session: Session) -> None:
    """The landscape's batched pass (each activation's kernel) equals the engine's forward pass
    and loss on random parameter vectors, to 1e-12."""
    net, x, y = session.network.copy(), session.dataset.inputs, session.targets
    loss = LOSSES[session.config.loss]
    rng = np.random.default_rng(11)
    theta = flatten(net.parameters())
    thetas = theta + rng.normal(0.0, 0.7, (5, theta.size))
    batched = batched_losses(net, x, y, loss, thetas)
    for g, row in enumerate(thetas):
        net.set_parameters(unflatten(row, net))
        assert batched[g] == pytest.approx(batch_loss(net, x, y, loss), rel=1e-12, abs=1e-14)


# -- activations ----------------------------------------------------------------------------------
def in_range(spec: Any) -> float:
    """A value of the activation's parameter other than its default, inside its range."""
    value = 0.5 * float(spec.default) if spec.default else 0.5
    spec.read(value)
    return value


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_an_activation_exports_explains_round_trips_and_draws(name: str) -> None:
    entry = ACTIVATIONS[name]
    param = in_range(entry.param) if entry.param is not None else None
    session = project(hidden=name, param=param) if entry.elementwise else project(out=name, param=param)
    a = session.network.layers[1 if entry.elementwise else 2].activation_param
    assert entry.torch_module(a) in exports(session)
    session.step()
    assert explains(session, ("forward", "backward")) > 0
    round_trips(session)
    landscape_is_the_forward_pass(session)
    v = np.random.default_rng(0).normal(0.0, 30.0, (50, 3))
    if entry.output_range is not None:      # the thumbnails colour over it
        lo, hi = entry.output_range
        assert lo < hi and entry.forward(v, a).min() >= lo and entry.forward(v, a).max() <= hi
    if entry.can_die:                       # the diagnostics' dead units: nothing out, nothing back
        below = -np.abs(v)
        assert not entry.forward(below, a).any() and not entry.derivative(below, entry.forward(below, a), a).any()


@pytest.mark.parametrize("name", [n for n, a in ACTIVATIONS.items() if a.param is not None])
def test_an_activation_parameter_is_read_by_its_spec(name: str) -> None:
    spec = ACTIVATIONS[name].param
    assert spec is not None and spec.symbol and spec.meaning
    doc = json.loads(project_file.dumps(project(hidden=name, param=in_range(spec))))
    assert project_file.session_from(doc).network.layers[1].param == in_range(spec)
    for bad in ([spec.lo - 1.0] if spec.lo is not None else []) + ([spec.hi * 2.0] if spec.hi else []) + ["x"]:
        doc["network"]["layers"][1]["param"] = bad
        with pytest.raises(InputError) as e:
            project_file.session_from(doc)
        assert e.value.where == "network.layers[1].param"


# -- losses ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(LOSSES))
def test_a_loss_exports_explains_round_trips_and_draws(name: str) -> None:
    entry = LOSSES[name]
    outputs = 3 if entry.targets == CLASSES else 2
    paired = entry.output or "identity"
    other = "softmax" if paired == "sigmoid" else "sigmoid"       # an output it is not fused with
    for out in (paired, other):
        fused = entry.fused_with(ACTIVATIONS[out])
        session = project(out=out, loss=name, outputs=outputs)
        assert entry.torch_form(fused).code in exports(session)
        session.step()
        assert explains(session, ("loss", "backward")) > 0
        round_trips(session)
        landscape_is_the_forward_pass(session)


@pytest.mark.parametrize("name", list(LOSSES))
def test_a_loss_says_what_its_targets_may_be(name: str) -> None:
    entry = LOSSES[name]
    assert entry.targets in (REAL, UNIT, CLASSES) and (entry.output is None or entry.output in ACTIVATIONS)
    ones = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    np.testing.assert_array_equal(loss_targets(ones, name, 3), ones)
    if entry.targets == REAL:
        assert loss_targets([[2.5, -7.0, 0.0]], name, 3).tolist() == [[2.5, -7.0, 0.0]]
    else:
        with pytest.raises(ValueError, match="between 0 and 1"):
            loss_targets([[2.5, 0.0, 0.0]], name, 3)
    if entry.targets == CLASSES:
        np.testing.assert_array_equal(loss_targets([[1.0], [0.0]], name, 3), ones)


# -- optimizers -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_an_optimizer_exports_explains_round_trips_and_draws(name: str) -> None:
    entry = OPTIMIZERS[name]
    session = project(optimizer=name, hp={"learning_rate": 0.05})
    assert f"optimizer = torch.optim.{entry.torch}(parameters, lr=0.05" in exports(session)
    session.step()
    session.step()
    assert explains(session, ("update",)) > 0
    assert f"torch.optim.{entry.torch}(" in exports(session)        # with its state after two steps
    round_trips(session)
    path = descend(objective("himmelblau"), name, {"learning_rate": 0.01}, steps=20)
    assert path.steps > 0 and np.isfinite(path.points).all()


# -- schedules ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(SCHEDULE_ENTRIES))
def test_a_schedule_exports_round_trips_and_its_script_rate_is_the_apps(name: str) -> None:
    entry = SCHEDULE_ENTRIES[name]
    session = project(schedule={"name": name} | {p.name: p.default for p in entry.params})
    hp = session.config.schedule          # as the configuration reads it
    text = exports(session)
    assert entry.formula in text and entry.torch_body(hp) in text
    # the script's learning_rate(t), run here without torch, gives the app's eta_t
    scope: dict[str, Any] = {"math": math, "ETA": 0.3}
    exec("def learning_rate(t):\n    " + entry.torch_body(hp), scope)
    for t in (0, 1, 7, 150, 999, 5000):
        assert scope["learning_rate"](t) == learning_rate(0.3, hp, t)
    session.step()
    round_trips(session)


# -- dataset generators -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(DATA_GENERATORS))
def test_a_generator_makes_its_kind_of_data_and_round_trips(name: str) -> None:
    entry = DATA_GENERATORS[name]
    data = make_dataset({"generator": name, "samples": 40, "seed": 2})
    assert data.spec["noise"] == entry.noise and data.inputs.shape == (40, entry.dims)
    assert np.isfinite(data.inputs).all() and np.isfinite(data.targets).all()
    labels = data.targets[:, 0]
    if entry.kind == CLASSIFICATION:
        assert np.array_equal(labels, np.round(labels)) and 0 <= labels.min() and labels.max() < 10
    else:
        assert entry.kind == REGRESSION and not np.array_equal(labels, np.round(labels))
    spec = {"generator": name, "samples": 30, "classes": 3}
    if entry.classes:
        assert set(make_dataset(spec).targets[:, 0]) == {0.0, 1.0, 2.0}
    else:
        with pytest.raises(InputError, match="no classes option"):
            make_dataset(spec)
    net, config, _ = fitted_to(build([2, 3, 1], ["tanh", "sigmoid"], seed=0), TrainingConfig(), data,
                               {"scheme": "xavier_uniform", "seed": 0})
    session = Session(net, data, config)
    exports(session)
    round_trips(session)


# -- lesson value kinds -------------------------------------------------------------------------------------
def lesson_asking(value: dict[str, Any]) -> dict[str, Any]:
    """A one-step lesson whose question asks for ``value``: a network value after the first
    step's update on the article's network, or a value of a 1-D descent."""
    if "view" in value:
        state: dict[str, Any] = {"function1d": {"function": "parabola", "start": [2.0], "optimizer": "sgd",
                                                "hyper": {"learning_rate": 0.1}}}
    else:
        state = {"project": "example:article_3_2_1", "step": 0, "after_phase": "update"}
    step = {"title": "Ask", "text": "What is it?", "state": state,
            "task": {"question": {"value": value, "prompt": "= ?"}}}
    return {"format": "backprop-studio-lesson", "version": 1, "id": "walk", "title": "Walk", "summary": "One question.",
            "sections": ["Walk"], "steps": [step]}


def value_table() -> list[str]:
    """The kind column of the VALUE table of docs/lesson-file.md, one cell per row."""
    text = (ROOT / "docs" / "lesson-file.md").read_text(encoding="utf-8")
    table = text.split("### VALUE")[1].split("###")[0]
    return [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]


@pytest.mark.parametrize("kind", [*NETWORK_VALUES.values(), *FUNCTION_VALUES.values()],
                         ids=lambda k: f"{type(k).__name__}-{k.name}")
def test_a_lesson_value_kind_reads_checks_explains_round_trips_and_is_documented(kind: Any, tmp_path: Path) -> None:
    value = read_value(kind.example, "value")
    assert value.kind == kind.name and kind.meaning
    assert any(f"`{kind.name}`" in cell for cell in value_table()), "no row in docs/lesson-file.md"
    path = tmp_path / "walk.json"
    path.write_text(json.dumps(lesson_asking(kind.example)), encoding="utf-8")
    assert check_lessons([path]) == []
    if isinstance(kind, FunctionKind):       # computed by the check above, from the descent path
        return
    session = project_file.load(ROOT / "resources" / "examples" / "article_3_2_1.json")
    session.step()
    ctx = context_for(session)
    ref = ref_of(value, ctx, ctx.network.sizes, "value")
    e = explain(ctx, ref)
    assert e.matches and e.recorded is not None
    written = value_spec_of(ref)
    if written is not None:       # the debugger's cell, recorded as a VALUE, names the same number
        assert ref_of(read_value(written, "value"), ctx, ctx.network.sizes, "value") == ref
