"""The editor's visible controls (issue 15, section 4): + and − buttons for hidden layers and
their units, dragging a unit to reorder its layer, and the key to the connection styles.
Each control makes one undoable edit; undo restores the model exactly."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from backprop_studio.core.engine import edits

from .test_editor_edits import assert_one_undo_restores, make_editor, state


def button(view, name: str) -> QToolButton:
    found = view.findChild(QToolButton, name)
    assert found is not None, f"no button {name}"
    return found


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def by_hand(net, x):
    """The network's output computed here, not by the engine (every layer is sigmoid)."""
    v = x
    for W, b in zip(net.W, net.b):
        v = sigmoid(v @ W + b)
    return v


def test_layer_buttons_add_and_remove_a_hidden_layer(qtbot):
    s, view = make_editor(qtbot)
    before = state(s)
    add, remove = button(view, "addHiddenLayerButton"), button(view, "removeHiddenLayerButton")
    assert add.toolTip() and remove.toolTip()
    QTest.mouseClick(add, Qt.MouseButton.LeftButton)
    assert s.session.network.sizes == [3, 2, 2, 1]          # the new layer goes before the output
    assert_one_undo_restores(s, before)
    QTest.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert s.session.network.sizes == [3, 1]
    assert not remove.isEnabled()                            # no hidden layer left to remove
    s.undo_stack.undo()
    assert state(s) == before and remove.isEnabled()


def test_unit_buttons_only_on_hidden_layers(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 2, 2, 1))
    before = state(s)
    names = {b.objectName() for b in view.findChildren(QToolButton)}
    assert {"addUnitButton_1", "removeUnitButton_1", "addUnitButton_2", "removeUnitButton_2"} <= names
    assert not {"addUnitButton_0", "addUnitButton_3", "removeUnitButton_0"} & names   # dataset, targets
    QTest.mouseClick(button(view, "addUnitButton_2"), Qt.MouseButton.LeftButton)
    assert s.session.network.sizes == [3, 2, 3, 1]
    assert_one_undo_restores(s, before)
    QTest.mouseClick(button(view, "removeUnitButton_1"), Qt.MouseButton.LeftButton)
    assert s.session.network.sizes == [3, 1, 2, 1]
    assert not button(view, "removeUnitButton_1").isEnabled()   # one unit left: remove the layer
    assert_one_undo_restores(s, before)


def test_unit_buttons_sit_under_their_column(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 4, 1))
    view.show()
    plus = button(view, "addUnitButton_1")
    assert plus.isVisible()
    column_x = view.mapFromScene(view.network_scene.layout.x(1), 0).x()
    lowest = max(view.network_scene.unit_rect(1, i).bottom() for i in range(4))
    top_left = view.viewport().mapFrom(view, plus.geometry().topLeft())   # in viewport pixels
    assert abs(top_left.x() - column_x) < 40
    assert top_left.y() > view.mapFromScene(0, lowest).y()             # below the units, not on them


def test_moving_a_unit_permutes_the_weights_and_keeps_the_function():
    from backprop_studio import core
    net = core.build([3, 4, 2], "sigmoid", seed=3)
    net = edits.set_connection(net, 0, 1, 2, False, np.random.default_rng(0))
    net = edits.set_weight_frozen(net, 1, 2, 0, True)
    net = edits.set_bias_frozen(net, 1, 2, True)
    x = np.random.default_rng(1).normal(size=(5, 3))
    moved = edits.move_unit(net, 1, 2, 0)                    # unit 3 becomes unit 1
    order = [2, 0, 1, 3]
    np.testing.assert_array_equal(moved.W[0], net.W[0][:, order])
    np.testing.assert_array_equal(moved.W[1], net.W[1][order])
    np.testing.assert_array_equal(moved.b[0], net.b[0][order])
    assert not moved.mask[0][1, 0] and moved.frozen_W[1][0, 0] and moved.frozen_b[0][0]
    # the same function: equal up to the order of a 4-term sum
    np.testing.assert_allclose(by_hand(moved, x), by_hand(net, x), rtol=0, atol=1e-14)
    np.testing.assert_allclose(core.predict(moved, x), by_hand(net, x), rtol=0, atol=1e-14)
    two = core.build([3, 2, 1], "sigmoid", seed=4)           # a swap of two: a + b == b + a exactly
    np.testing.assert_array_equal(by_hand(edits.move_unit(two, 1, 1, 0), x), by_hand(two, x))


def test_dragging_a_unit_reorders_its_layer_in_one_undoable_edit(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 3, 1))
    view.show()
    before = state(s)
    W0, W1 = (w.copy() for w in s.session.network.W)
    start = view.mapFromScene(view.network_scene.unit_rect(1, 0).center())
    end = view.mapFromScene(view.network_scene.unit_rect(1, 2).center())
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for t in (0.3, 0.6, 1.0):
        QTest.mouseMove(view.viewport(), start + QPoint(0, int((end.y() - start.y()) * t)))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    net = s.session.network
    np.testing.assert_array_equal(net.W[0], W0[:, [1, 2, 0]])
    np.testing.assert_array_equal(net.W[1], W1[[1, 2, 0]])
    assert s.undo_stack.undoText().startswith("Move unit 1 of layer 1")
    assert_one_undo_restores(s, before)


def test_input_and_output_units_do_not_move(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 2, 1))
    view.show()
    start = view.mapFromScene(view.network_scene.unit_rect(0, 0).center())
    end = view.mapFromScene(view.network_scene.unit_rect(0, 2).center())
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert s.undo_stack.count() == 0


def test_the_key_tells_the_sign_frozen_and_removed_apart(qtbot):
    """The sign is drawn by dashes as well as colour, so the key always shows it; frozen and
    removed connections join it while there are some."""
    from backprop_studio.gui.editor.line_styles import KINDS, dash_pattern

    s, view = make_editor(qtbot)
    view.show()
    assert view.legend.isVisible() and view.legend.texts() == ["w ≥ 0", "w < 0"]
    sign = "w+" if s.session.network.W[0][0, 0] >= 0 else "w-"
    view.edits.toggle_weight_frozen(0, 0, 0)
    assert ("frozen " + sign) in view.legend.shown and "removed" not in view.legend.shown
    view.edits.toggle_weight_frozen(0, 0, 0)
    view.network_scene.connections[(0, 1, 1)].setSelected(True)
    view.delete_selected()
    assert "removed" in view.legend.texts()
    # five kinds, five different dash patterns, at every width a weight can have
    for width in (0.6, 2.5, 5.0):
        patterns = [dash_pattern(kind, width) for kind in KINDS]
        assert len({None if p is None else tuple(p) for p in patterns}) == len(KINDS)
    # the key sits inside the canvas, below the network
    lowest = max(view.network_scene.unit_rect(k, i).bottom() for k, i in view.network_scene.neurons)
    assert view.viewport().mapFrom(view, view.legend.geometry().topLeft()).y() >= \
        view.mapFromScene(0, lowest).y()
    s.undo_stack.undo()
    assert "removed" not in view.legend.texts() and view.legend.isVisible()


def select(view, k, i):
    view.network_scene.clearSelection()
    view.network_scene.neurons[(k, i)].setSelected(True)


def test_the_selected_item_card_can_be_hidden_and_brought_back(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 4, 1))
    view.show()
    select(view, 1, 0)
    assert view.inspector.isVisible()
    QTest.mouseClick(view.inspector.close_button, Qt.MouseButton.LeftButton)
    assert not view.inspector.isVisible() and not view.card_action.isChecked()
    select(view, 1, 3)                                       # stays hidden for the next selection
    assert not view.inspector.isVisible()
    view.card_action.setChecked(True)
    assert view.inspector.isVisible() and "unit 4" in view.inspector.text()


def test_the_selected_item_card_stays_where_it_is_dragged(qtbot):
    s, view = make_editor(qtbot, sizes=(3, 4, 1))
    view.show()
    select(view, 1, 0)
    card = view.inspector
    start = card.geometry().topLeft()
    grab = QPoint(10, card.height() // 2)
    QTest.mousePress(card, Qt.MouseButton.LeftButton, pos=grab)
    QTest.mouseMove(card, grab + QPoint(-120, -60))
    QTest.mouseRelease(card, Qt.MouseButton.LeftButton, pos=grab + QPoint(-120, -60))
    dropped = card.geometry().topLeft()
    assert dropped != start
    select(view, 1, 2)                                       # a new selection does not move it back
    view.resize(820, 520)
    assert card.geometry().topLeft() == dropped
