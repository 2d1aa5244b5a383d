"""The step debugger builds for every registry entry: each optimizer variant shows the state
columns its entry declares, each activation and loss its table; a new optimizer is shown by
its own entry (before, any name the debugger did not know fell into the Adam branch and
crashed with KeyError: 'amsgrad')."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine import optimizers
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.debugger.panel import StepDebugger
from backprop_studio.gui.studio import StudioSession
from tests.core.test_registries import variants


def _debugger(qtbot, hidden="tanh", out="identity", loss="half_sse", opt="sgd", hp=None):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 2))
    y = np.eye(2)[rng.integers(0, 2, 4)]
    net = build([2, 3, 2], [hidden, out], seed=0)
    cfg = TrainingConfig(loss=loss, optimizer=opt, optimizer_params=dict(hp or {"learning_rate": 0.1}))
    studio = StudioSession(Session(net, Dataset(x, y), cfg))
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    view.show()
    studio.step()
    studio.step()
    return studio, view


@pytest.mark.parametrize("name, hp", variants())
def test_every_optimizer_variant_shows_its_declared_state(qtbot, name, hp):
    studio, view = _debugger(qtbot, opt=name, hp=hp)
    entry = optimizers.OPTIMIZERS[name]
    header = view.params.copy(",").splitlines()[0].split(",")
    wanted = [entry.STATE[k].column for k in entry.state_used(entry.hyper(hp))]
    assert header[len(header) - len(wanted):] == wanted if wanted else header[-1] == "after"


@pytest.mark.parametrize("name", [a for a in ACTIVATIONS if a != "softmax"])
def test_every_activation_builds_the_debugger(qtbot, name):
    studio, view = _debugger(qtbot, hidden=name)
    assert view.params.copy(",").count("w_") == 2 * 3 + 3 * 2


@pytest.mark.parametrize("loss", list(LOSSES))
def test_every_loss_builds_the_debugger(qtbot, loss):
    studio, view = _debugger(qtbot, out="softmax", loss=loss)
    assert "E′," in view.losses.copy(",") and view.units.copy(",").count("unit ") >= 3


def test_a_new_optimizer_is_shown_by_its_own_entry(qtbot, monkeypatch):
    class Plain(optimizers.SGD):
        """SGD under another name: no 'amsgrad' anywhere in its hyperparameters."""

    entry = Plain("plain", "Δp = −η g", torch="SGD")   # its hyperparameters and explanation: SGD's
    monkeypatch.setitem(optimizers.OPTIMIZERS, "plain", entry)
    studio, view = _debugger(qtbot, opt="plain", hp={"learning_rate": 0.1, "momentum": 0.5})
    assert view.params.copy(",").splitlines()[0].endswith(",after,u (velocity)")
