"""Network editor: each edit, made through the editor's own menus and keys, changes the model
as expected, is one undo command, and undo restores the model."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.editor import editing
from backprop_studio.gui.editor.menus import find_action
from backprop_studio.gui.editor.view import NetworkEditor
from backprop_studio.gui.studio import StudioSession


def make_editor(qtbot, sizes=(3, 2, 1), bias=True, seed=0):
    net = core.build(list(sizes), "sigmoid", bias=bias, seed=seed)
    x = np.array([[1.0, 4.0, 5.0], [0.5, -1.0, 2.0]])[:, :sizes[0]]
    ds = Dataset(x, np.full((len(x), sizes[-1]), 0.1))
    studio = StudioSession(Session(net, ds, TrainingConfig(batch_size=1)))
    view = NetworkEditor(studio)
    qtbot.addWidget(view)
    view.resize(800, 500)
    return studio, view


def state(studio):
    net = studio.session.network
    return {"sizes": net.sizes, "acts": [l.activation for l in net.layers],
            "bias": [l.bias for l in net.layers],
            "params": [p.tolist() for p in net.parameters()],
            "mask": [m.tolist() for m in net.mask],
            "frozen_W": [m.tolist() for m in net.frozen_W],
            "frozen_b": [m.tolist() for m in net.frozen_b]}


def trigger(view, kind, key, text):
    menu = view.context_menu_for(kind, key)
    action = find_action(menu, text)
    assert action is not None, f"no action {text!r}"
    assert action.isEnabled(), f"{text!r} is disabled: {action.toolTip()}"
    action.trigger()


def assert_one_undo_restores(studio, before):
    assert studio.undo_stack.count() == 1
    studio.undo_stack.undo()
    assert state(studio) == before


def test_add_layer_after_keeps_outgoing_weights(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    W0, W1 = (w.copy() for w in s.session.network.W)
    trigger(view, "layer", 1, "Add layer after layer 1")
    net = s.session.network
    assert net.sizes == [3, 2, 2, 1]
    assert net.layers[2].activation == "sigmoid" and net.layers[2].bias
    np.testing.assert_array_equal(net.W[0], W0)
    np.testing.assert_array_equal(net.W[2], W1)           # 2 units: the old W^(1->2) still fits
    assert np.all(net.W[1] != 0) and np.all(np.abs(net.W[1]) <= np.sqrt(6 / 4))
    assert len(view.network_scene.headers) == 4            # the scene followed
    assert_one_undo_restores(s, before)
    assert len(view.network_scene.headers) == 3


def test_add_layer_before_and_the_input_cannot_get_one(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    menu = view.context_menu_for("layer", 0)
    assert not find_action(menu, "Add layer before layer 0").isEnabled()
    trigger(view, "neuron", (1, 0), "Add layer before layer 1")
    assert s.session.network.sizes == [3, 2, 2, 1]
    assert_one_undo_restores(s, before)


def test_remove_layer_connects_its_neighbours(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 2, 4, 1))
    before = state(s)
    W0, W1, W2 = (w.copy() for w in s.session.network.W)
    trigger(view, "layer", 1, "Remove layer 1")
    net = s.session.network
    assert net.sizes == [3, 4, 1]
    np.testing.assert_allclose(net.W[0], W0 @ W1)          # the two linear maps composed
    np.testing.assert_array_equal(net.W[1], W2)
    assert_one_undo_restores(s, before)


def test_add_and_remove_a_unit(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    W0, W1 = (w.copy() for w in s.session.network.W)
    trigger(view, "layer", 1, "Add unit")
    net = s.session.network
    assert net.sizes == [3, 3, 1]
    np.testing.assert_array_equal(net.W[0][:, :2], W0)
    np.testing.assert_array_equal(net.W[1][:2], W1)
    assert net.b[0].tolist() == [0.0, 0.0, 0.0]
    assert_one_undo_restores(s, before)

    trigger(view, "neuron", (1, 0), "Remove unit")
    net = s.session.network
    assert net.sizes == [3, 1, 1]
    np.testing.assert_array_equal(net.W[0], W0[:, 1:])
    np.testing.assert_array_equal(net.W[1], W1[1:])
    s.undo_stack.undo()
    assert state(s) == before


def test_delete_key_removes_the_selected_unit(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    view.network_scene.neurons[(1, 1)].setSelected(True)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert s.session.network.sizes == [3, 1, 1]
    assert_one_undo_restores(s, before)


def test_delete_key_removes_the_selected_connection(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    view.network_scene.connections[(0, 2, 1)].setSelected(True)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not s.session.network.mask[0][2, 1] and s.session.network.W[0][2, 1] == 0.0
    assert_one_undo_restores(s, before)


def test_delete_several_is_one_command(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 3, 1))
    before = state(s)
    scene = view.network_scene
    for item in (scene.connections[(0, 0, 0)], scene.connections[(0, 1, 2)], scene.neurons[(1, 1)]):
        item.setSelected(True)
    view.delete_selected()
    net = s.session.network
    assert net.sizes == [3, 2, 1]
    assert not net.mask[0][0, 0] and not net.mask[0][1, 1]  # unit 2 became unit 1
    assert_one_undo_restores(s, before)


def test_set_activation(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    menu = view.context_menu_for("layer", 1)
    assert not find_action(menu, "softmax").isEnabled()    # hidden layers cannot be softmax
    trigger(view, "layer", 1, "tanh")
    assert s.session.network.layers[1].activation == "tanh"
    assert_one_undo_restores(s, before)


def test_toggle_bias(qtbot):
    s, view = make_editor(qtbot)
    s.edit_parameter(1, (0,), 0.25, "set b")               # a bias value to restore
    s.undo_stack.clear()
    before = state(s)
    trigger(view, "layer", 1, "Bias")
    net = s.session.network
    assert not net.layers[1].bias and net.b[0].tolist() == [0.0, 0.0]
    assert not any(k == 1 for k, _ in view.network_scene.biases)
    assert_one_undo_restores(s, before)
    assert s.session.network.b[0][0] == 0.25


def test_remove_and_restore_a_connection(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    w = s.session.network.W[0][1, 0]
    trigger(view, "connection", (0, 1, 0), "Remove connection")
    assert not s.session.network.mask[0][1, 0]
    trigger(view, "connection", (0, 1, 0), "Restore connection")
    net = s.session.network
    assert net.mask[0][1, 0] and net.W[0][1, 0] != 0.0
    s.undo_stack.undo()
    assert not s.session.network.mask[0][1, 0]
    s.undo_stack.undo()
    assert state(s) == before and s.session.network.W[0][1, 0] == w


def test_freeze_a_weight_a_bias_and_a_layer(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    trigger(view, "connection", (0, 2, 1), "Freeze weight")
    assert s.session.network.frozen_W[0][2, 1] and s.session.network.frozen_W[0].sum() == 1
    assert_one_undo_restores(s, before)

    s.undo_stack.clear()
    trigger(view, "neuron", (2, 0), "Freeze bias")
    assert s.session.network.frozen_b[1].tolist() == [True]
    assert_one_undo_restores(s, before)

    s.undo_stack.clear()
    trigger(view, "layer", 1, "Freeze layer 1")
    net = s.session.network
    assert net.frozen_W[0].all() and net.frozen_b[0].all() and not net.frozen_W[1].any()
    trigger(view, "layer", 1, "Unfreeze layer 1")
    assert not s.session.network.frozen_W[0].any()
    s.undo_stack.undo()
    s.undo_stack.undo()
    assert state(s) == before


def test_frozen_weight_stays_while_training(qtbot):
    s, view = make_editor(qtbot)
    trigger(view, "connection", (0, 0, 0), "Freeze weight")
    w = s.session.network.W[0][0, 0]
    other = s.session.network.W[0][1, 1]
    s.step()
    assert s.session.network.W[0][0, 0] == w and s.session.network.W[0][1, 1] != other


def test_initialise_a_layer_is_a_value_edit(qtbot):
    s, view = make_editor(qtbot)
    s.step()
    before = state(s)
    W1 = s.session.network.W[1].copy()
    trigger(view, "layer", 1, "he_normal")
    net = s.session.network
    assert not np.array_equal(net.W[0], np.array(before["params"][0]))
    np.testing.assert_array_equal(net.W[1], W1)
    assert s.session.step_count == 1                          # the training position stays
    assert_one_undo_restores(s, before)


def test_structure_edit_after_training_asks_first(qtbot, monkeypatch):
    s, view = make_editor(qtbot)
    s.step()
    s.step()
    asked = []
    monkeypatch.setattr(editing, "ask_reset", lambda parent, text: asked.append(text) or False)
    trigger(view, "layer", 1, "Add unit")
    assert asked and s.session.network.sizes == [3, 2, 1] and s.session.step_count == 2
    assert s.undo_stack.count() == 0
    monkeypatch.setattr(editing, "ask_reset", lambda parent, text: True)
    trigger(view, "layer", 1, "Add unit")
    assert s.session.network.sizes == [3, 3, 1] and s.session.step_count == 0


def test_set_units_through_the_dialog(qtbot, monkeypatch):
    s, view = make_editor(qtbot)
    before = state(s)
    monkeypatch.setattr(editing, "ask_units", lambda parent, title, label, current: (5, True))
    trigger(view, "layer", 1, "Set number of units…")
    assert s.session.network.sizes == [3, 5, 1]
    assert_one_undo_restores(s, before)


def test_impossible_edit_explains_and_changes_nothing(qtbot, monkeypatch):
    s, view = make_editor(qtbot, sizes=(3, 1, 1))
    errors = []
    monkeypatch.setattr(editing, "show_error", lambda parent, title, msg: errors.append(msg))
    assert not find_action(view.context_menu_for("neuron", (1, 0)), "Remove unit").isEnabled()
    assert not view.edits.remove_neuron(1, 0)
    assert errors and "only one unit" in errors[0]
    assert s.undo_stack.count() == 0


def test_delete_key_on_a_selected_layer_header_removes_the_layer(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 2, 2, 1))
    before = state(s)
    view.network_scene.headers[2].setSelected(True)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert s.session.network.sizes == [3, 2, 1]
    assert_one_undo_restores(s, before)


def test_softmax_on_a_one_unit_output_is_disabled_with_the_reason(qtbot):
    s, view = make_editor(qtbot)                       # output layer 2 has one unit
    action = find_action(view.context_menu_for("layer", 2), "softmax")
    assert not action.isEnabled()
    assert "single unit always outputs 1, so its gradient is always 0" in action.toolTip()
    with pytest.raises(ValueError, match="always outputs 1"):
        editing.edits.set_activation(s.session.network, 2, "softmax")
    assert s.session.network.layers[2].activation == "sigmoid"
