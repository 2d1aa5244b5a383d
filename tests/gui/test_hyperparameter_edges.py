"""Edge values typed into every field of the Hyperparameters panel, for every optimizer and
schedule: a value in range reaches the session, one out of range is refused with the reason and
never reaches it, and whatever the session holds is saved and opened again unchanged.

Whether a value is in range comes from the hand-written table of tests/core/test_hyperparameter_ranges.py
(torch.optim's checks and the project file's documented ranges), not from the app's specs.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.schedules import SCHEDULES
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.panels.hyperparameters import HyperparametersPanel
from backprop_studio.gui.studio import StudioSession
from tests.core.test_hyperparameter_ranges import RULES, values_of

EDGE_TEXTS = ["0", "0.999999", "1", "1.5", "1e300", "-1", "nan"]


@pytest.fixture
def panel(qtbot):
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    y = np.array([[0], [1], [1], [0]], float)
    studio = StudioSession(Session(core.build([2, 3, 1], ["tanh", "sigmoid"], seed=1), Dataset(x, y),
                                   TrainingConfig()))
    panel = HyperparametersPanel(studio)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def type_into(qtbot, widget, text: str) -> None:
    """Select what the field shows, type ``text`` over it and press Enter, as a user does."""
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    line.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def current(panel, key: str):
    cfg = panel.studio.session.config
    if key in ("l1", "l2"):
        return getattr(cfg.regularisation, key)
    if key in cfg.schedule:
        return cfg.schedule[key]
    return cfg.hyper()[key]


def assert_saved_and_opened_unchanged(panel, tmp_path) -> None:
    path = tmp_path / "edges.json"
    project_file.save(panel.studio.session, path)
    reopened = project_file.load(path)
    assert values_of(reopened.config) == values_of(panel.studio.session.config)
    assert reopened.init == panel.studio.session.init


def number_fields(panel) -> dict:
    """Every number field the panel shows now, by the setting it edits (fresh: fields are rebuilt)."""
    return {"learning_rate": panel.learning_rate.field, "weight_decay": panel.weight_decay,
            "l1": panel.l1, "l2": panel.l2,
            **{k: w for k, w in panel._optimizer_fields.items() if hasattr(w, "committed")},
            **panel._schedule_fields}


def type_every_edge(qtbot, panel, key: str, tmp_path) -> int:
    """Type each edge value into the field of ``key``; the number of values refused."""
    refused = 0
    for text in EDGE_TEXTS:
        before = current(panel, key)
        field = number_fields(panel)[key]
        type_into(qtbot, field, text)
        if RULES[key](float(text)):
            assert current(panel, key) == float(text), (key, text)
            assert not number_fields(panel)[key].error
        else:
            refused += 1
            assert current(panel, key) == before or (math.isnan(before) if isinstance(before, float) else False)
            assert field.error and key in field.error, (key, text, field.error)
            assert panel.problem.isVisible() and key in panel.problem.text()
        assert_saved_and_opened_unchanged(panel, tmp_path)
    return refused


def choose(panel, combo, name: str) -> None:
    combo.setCurrentText(name)
    combo.activated.emit(combo.currentIndex())


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_field_takes_exactly_its_range(qtbot, panel, tmp_path, name):
    choose(panel, panel.optimizer, name)
    assert panel.studio.session.config.optimizer == name
    keys = [k for k in number_fields(panel) if k not in ("l1", "l2")] + ["l1", "l2"]
    refused = {key: type_every_edge(qtbot, panel, key, tmp_path) for key in keys}
    assert all(n >= 1 for n in refused.values())          # -1 and nan at least, everywhere
    for key in [k for k, w in panel._optimizer_fields.items() if not hasattr(w, "committed")]:
        box = panel._optimizer_fields[key]
        cfg = panel.studio.session.config.hyper()
        fits = key != "nesterov" or (cfg["momentum"] > 0 and cfg["dampening"] == 0)
        box.click()
        assert panel.studio.session.config.hyper()[key] is fits, key    # on when it fits, else refused
        if not fits:
            assert key in panel.problem.text()
        assert_saved_and_opened_unchanged(panel, tmp_path)


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_every_schedule_field_takes_exactly_its_range(qtbot, panel, tmp_path, name):
    choose(panel, panel.schedule, name)
    assert panel.studio.session.config.schedule["name"] == name
    assert set(panel._schedule_fields) == set(SCHEDULES[name])
    for key in SCHEDULES[name]:
        type_every_edge(qtbot, panel, key, tmp_path)


@pytest.mark.parametrize("attribute", ["batch_size", "seed", "init_seed"])
def test_the_whole_number_boxes_hold_only_what_a_file_holds(qtbot, panel, tmp_path, attribute):
    box = getattr(panel, attribute)
    for text in EDGE_TEXTS:
        type_into(qtbot, box, text)
        if attribute == "init_seed":
            panel.reinit.click()
            held = panel.studio.session.init["seed"]
        else:
            held = getattr(panel.studio.session.config, attribute)
        assert held == box.value() and RULES["seed" if attribute == "init_seed" else attribute](held)
        assert_saved_and_opened_unchanged(panel, tmp_path)


def test_beta1_of_1_is_refused_in_the_panel_and_step_training_goes_on(qtbot, panel):
    choose(panel, panel.optimizer, "adam")
    type_into(qtbot, panel._optimizer_fields["beta1"], "1")
    assert panel.studio.session.config.hyper()["beta1"] == 0.9
    panel.studio.step()                                     # §6: a ZeroDivisionError before
    assert panel.studio.session.step_count == 1
    assert "beta1 must be >= 0 and < 1" in panel.problem.text()
