"""The grid of small projects the PyTorch parity tests train (tests/core/test_torch_bridge.py).

Plain data and numpy, no torch.  The cases written out below choose options and combinations;
:func:`every_entry` then adds one case with its defaults for each registry entry (activation,
loss, optimizer, schedule) that none of them uses, so a new entry is trained against PyTorch with
no edit here.  ``test_torch_optional.py`` checks without torch that the grid covers every entry.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import CLASSES, LOSSES
from backprop_studio.core.engine.network import build
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.regularisation import Regularisation
from backprop_studio.core.engine.schedules import SCHEDULES
from backprop_studio.core.training.session import Session, TrainingConfig

GRID: list[dict[str, Any]] = [
    # optimizers and their options
    dict(optimizer="sgd", hp={"learning_rate": 0.3}),
    dict(optimizer="sgd", hp={"learning_rate": 0.1, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.01}),
    dict(optimizer="sgd", hp={"learning_rate": 0.1, "momentum": 0.8, "nesterov": True}, pre=4),
    dict(optimizer="adagrad", hp={"learning_rate": 0.1, "lr_decay": 0.01, "weight_decay": 0.02,
                                  "initial_accumulator_value": 0.1}, pre=3),
    dict(optimizer="rmsprop", hp={"learning_rate": 0.01}),
    dict(optimizer="rmsprop", hp={"learning_rate": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.01},
         pre=5),
    dict(optimizer="adam", hp={"learning_rate": 0.02}, pre=5),
    dict(optimizer="adam", hp={"learning_rate": 0.02, "amsgrad": True, "weight_decay": 0.01}, pre=2),
    dict(optimizer="adamw", hp={"learning_rate": 0.02}, pre=5),
    dict(optimizer="adamw", hp={"learning_rate": 0.02, "amsgrad": True, "weight_decay": 0.1}),
    # losses with their output activations (fused and not)
    dict(loss="mse", out="identity", outputs=2),
    dict(loss="mse", out="tanh", outputs=2, hidden="elu", param=0.7),
    dict(loss="bce", out="sigmoid", hidden="relu"),
    dict(loss="bce", out="softmax", outputs=2, hidden="leaky_relu", param=0.05),
    dict(loss="cross_entropy", out="softmax", outputs=3, labels=True, hidden="softplus"),
    dict(loss="cross_entropy", out="sigmoid", outputs=2, hidden="sigmoid"),
    dict(loss="half_sse", out="identity", hidden="identity"),
    # schedules
    dict(schedule={"name": "step", "step_size": 3, "gamma": 0.5}, pre=4),
    dict(schedule={"name": "exponential", "gamma": 0.9}, optimizer="adam", hp={"learning_rate": 0.05}),
    dict(schedule={"name": "cosine", "t_max": 7, "eta_min": 0.01}, pre=2),
    # masks, frozen parameters, biases on and off
    dict(mask=True, optimizer="adam", hp={"learning_rate": 0.05, "weight_decay": 0.1}, pre=3),
    dict(frozen=True, optimizer="adamw", hp={"learning_rate": 0.05}, pre=3),
    dict(mask=True, frozen=True, bias=[False, True], optimizer="sgd",
         hp={"learning_rate": 0.2, "momentum": 0.9}),
    dict(bias=[True, False], optimizer="rmsprop", hp={"learning_rate": 0.01, "momentum": 0.3}, pre=2),
    dict(bias=[False, False], optimizer="adagrad", hp={"learning_rate": 0.1}),
    # batches: shuffled, full, uneven; regularisation
    dict(shuffle=True, batch=4, pre=5),
    dict(shuffle=True, batch=0, optimizer="adam", hp={"learning_rate": 0.01}),
    dict(shuffle=False, batch=3, pre=4),
    dict(regularisation=(0.01, 0.0), pre=2),
    dict(regularisation=(0.003, 0.05), mask=True, frozen=True, optimizer="adam", hp={"learning_rate": 0.05}),
]



def every_entry(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One case for each registry entry that ``cases`` leave out, with the entry's defaults."""
    def used(key: str, default: Any) -> set[Any]:
        return {c.get(key, default) for c in cases}

    extra: list[dict[str, Any]] = []
    extra += [dict(optimizer=name, hp={"learning_rate": 0.05}, pre=3)
              for name in OPTIMIZERS if name not in used("optimizer", "sgd")]
    for name, loss in LOSSES.items():
        if name not in used("loss", "half_sse"):
            classes = loss.targets == CLASSES
            extra.append(dict(loss=name, out=loss.output or "identity", outputs=3 if classes else 1, labels=classes))
    for name, f in ACTIVATIONS.items():
        if name not in used("hidden", "tanh") | used("out", "sigmoid"):
            extra.append(dict(hidden=name, pre=2) if f.elementwise else dict(out=name, outputs=2))
    named = {c["schedule"]["name"] for c in cases if "schedule" in c} | {"constant"}
    extra += [dict(schedule={"name": name, **SCHEDULES[name]}, pre=2) for name in SCHEDULES if name not in named]
    return extra


GRID += every_entry(GRID)

def grid_session(case: dict[str, Any], seed: int) -> Session:
    """A small random project (3 inputs, 4 hidden units) as ``case`` describes it."""
    rng = np.random.default_rng(seed)
    outputs = case.get("outputs", 1)
    hidden = case.get("hidden", "tanh")
    net = build([3, 4, outputs], [hidden, case.get("out", "sigmoid")], seed=seed)
    if "param" in case:
        net.layers[1].param = case["param"]
    for k, has_bias in enumerate(case.get("bias", [True, True])):
        net.layers[k + 1].bias = has_bias
        net.b[k] = rng.normal(0, 0.3, net.b[k].shape) if has_bias else net.b[k]
    if case.get("mask"):
        net.mask = [rng.random(w.shape) < 0.7 for w in net.W]
    if case.get("frozen"):
        net.frozen_W = [rng.random(w.shape) < 0.3 for w in net.W]
        net.frozen_b = [rng.random(b.shape) < 0.5 for b in net.b]
    net.check()
    n = 11
    x = rng.normal(size=(n, 3))
    if case.get("labels"):
        y = rng.integers(0, outputs, size=(n, 1)).astype(float)
    elif case.get("out") == "softmax":
        y = np.eye(outputs)[rng.integers(0, outputs, size=n)]
    else:
        y = rng.random((n, outputs)).round()
    config = TrainingConfig(case.get("loss", "half_sse"), case.get("optimizer", "sgd"),
                            dict(case.get("hp", {"learning_rate": 0.3})), case.get("batch", 2),
                            case.get("shuffle", True), seed, case.get("schedule", {"name": "constant"}),
                            Regularisation(*case.get("regularisation", (0.0, 0.0))))
    session = Session(net, Dataset(x, y), config)
    session.run(steps=case.get("pre", 0))
    return session
