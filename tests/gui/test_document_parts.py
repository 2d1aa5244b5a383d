"""Document parts (get, set, a signal) and the undo commands that know them only by that protocol."""
from __future__ import annotations

import ast
import copy
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui import commands
from backprop_studio.gui.commands import ParameterCommand, ReplaceCommand
from backprop_studio.gui.studio import StudioSession

GUI = Path(commands.__file__).parent


class Box:
    """A part that is not the studio's: what the commands' protocol asks, nothing more."""

    def __init__(self, name: str, value) -> None:
        self.name, self.value, self.installed = name, value, []

    def get(self):
        return self.value

    def set(self, value) -> None:
        self.value = value
        self.installed.append(value)


def test_a_replace_command_works_on_any_part_and_undoes_to_a_copy_of_the_old_value(qapp):
    box = Box("config", {"eta": 0.5, "layers": [2, 3]})
    stack = QUndoStack()
    stack.push(ReplaceCommand(box, {"eta": 0.1, "layers": [2, 4]}, "set eta"))
    assert box.value == {"eta": 0.1, "layers": [2, 4]}
    box.value["layers"].append(9)             # the session changes what it is given ...
    stack.undo()
    assert box.value == {"eta": 0.5, "layers": [2, 3]}
    stack.redo()
    assert box.value == {"eta": 0.1, "layers": [2, 4]}       # ... the command's copy is untouched
    assert len(box.installed) == 3


def test_a_slider_gesture_merges_into_one_command_per_part(qapp):
    box, other = Box("config", 1.0), Box("init", 1.0)
    stack = QUndoStack()
    for value in (2.0, 3.0, 4.0):
        stack.push(ReplaceCommand(box, value, "drag", merge_key="slider"))
    stack.push(ReplaceCommand(other, 5.0, "drag", merge_key="slider"))      # same key, other part
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert (box.value, other.value) == (1.0, 1.0)


def test_a_typed_weight_keeps_two_numbers_and_shares_the_other_arrays(qapp):
    w0, b0 = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])
    box = Box("params", [w0, b0])
    stack = QUndoStack()
    stack.push(ParameterCommand(box, 0, (1, 0), 7.0, "type a weight"))
    assert box.value[0].tolist() == [[1.0, 2.0], [7.0, 4.0]] and box.value[1] is b0
    assert w0[1, 0] == 3.0                    # the array the part held is not written
    stack.undo()
    assert box.value[0].tolist() == [[1.0, 2.0], [3.0, 4.0]]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_commands_and_parts_do_not_import_the_studio_not_even_for_types():
    for name in ("commands.py", "document_parts.py"):
        imported = _imports(GUI / name)
        assert not {m for m in imported if m.endswith("studio") and "backprop_studio" != m}, (name, imported)


@pytest.fixture
def studio():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    y = np.array([[0], [1], [1], [0]], float)
    return StudioSession(Session(core.build([2, 3, 1], ["tanh", "sigmoid"], seed=1), Dataset(x, y),
                                 TrainingConfig()))


def test_each_part_reads_the_session_shown_and_set_tells_the_views_in_order(studio):
    heard = []
    for signal in ("network_changed", "params_changed", "config_changed", "dataset_changed", "step_taken"):
        getattr(studio, signal).connect(lambda *_a, s=signal: heard.append(s))
    parts = studio.parts
    assert parts["network"].get() is studio.session.network and parts["config"].get() is studio.session.config
    assert parts["config"].changed == studio.config_changed
    assert parts["fitted_dataset"].changed == studio.dataset_changed
    config = copy.deepcopy(studio.session.config)
    config.optimizer_params["learning_rate"] = 0.25
    parts["config"].set(config)
    assert studio.session.config.eta == 0.25 and heard == ["config_changed", "step_taken"]
    heard.clear()
    parts["network"].set(core.build([2, 5, 1], ["tanh", "sigmoid"], seed=2))
    assert studio.session.network.sizes == [2, 5, 1]
    assert heard == ["network_changed", "params_changed", "step_taken"]


def test_a_run_goes_on_through_a_config_change_and_stops_for_a_new_network(qtbot, studio):
    studio.start()
    config = copy.deepcopy(studio.session.config)
    config.optimizer_params["learning_rate"] = 0.25
    studio.push("config", config, "eta")
    assert studio.running
    studio.push("network", core.build([2, 4, 1], ["tanh", "sigmoid"], seed=2), "new network")
    assert not studio.running
    studio.undo_stack.undo()
    assert studio.session.network.sizes == [2, 3, 1]
    studio.undo_stack.undo()
    assert studio.session.config.eta == 0.5
    with pytest.raises(ValueError, match="unknown document part 'layout'"):
        studio.push("layout", {}, "?")
