"""Network editor: selection, typed values, the training phase on the canvas, overlays,
wide layers, thumbnails and export."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui import theme
from backprop_studio.gui.editor import editing
from backprop_studio.gui.editor.items import BiasConnectionItem, CollapsedMarkerItem
from backprop_studio.gui.editor.view import NetworkEditor
from backprop_studio.gui.studio import StudioSession

X = np.array([[1.0, 4.0, 5.0]])
Y = np.array([[0.1]])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def make(qtbot, net, x=X, y=Y, batch_size=1):
    studio = StudioSession(Session(net, Dataset(x, y), TrainingConfig(batch_size=batch_size)))
    view = NetworkEditor(studio)
    qtbot.addWidget(view)
    view.resize(900, 560)
    view.show()
    qtbot.waitExposed(view)
    return studio, view


@pytest.fixture
def example(qtbot):
    """The article's 3-2-1 sigmoid network without biases."""
    return make(qtbot, core.build([3, 2, 1], "sigmoid", bias=False, seed=0))


def click_point(view, key):
    """A viewport point on connection ``key`` where it is the item on top."""
    item = view.network_scene.connections[key]
    for t in np.linspace(0.1, 0.9, 33):
        pos = view.mapFromScene(item.midpoint(float(t)))
        if view.item_at(pos) == ("connection", key):
            return pos
    raise AssertionError("connection not reachable")


def test_clicking_a_connection_selects_it_and_the_inspector_shows_it(qtbot, example):
    s, view = example
    pos = click_point(view, (0, 1, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.network_scene.connections[(0, 1, 0)].isSelected()
    assert view.inspector.isVisible()
    w = s.session.network.W[0][1, 0]
    assert f"{w:#.4g}" in view.inspector.text()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(0, -400))
    assert not view.network_scene.selectedItems() and not view.inspector.isVisible()


def test_double_click_types_a_weight(qtbot, example, monkeypatch):
    s, view = example
    monkeypatch.setattr(editing, "ask_text", lambda *a: ("-0.75", True))
    before = s.session.network.W[0][1, 0]
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=click_point(view, (0, 1, 0)))
    assert s.session.network.W[0][1, 0] == -0.75
    s.undo_stack.undo()
    assert s.session.network.W[0][1, 0] == before


@pytest.mark.parametrize("typed, reason", [("abc", "not a number"), ("nan", "finite"),
                                           ("1e999", "finite"), ("", "type a number")])
def test_an_invalid_value_is_refused_with_a_message(qtbot, example, monkeypatch, typed, reason):
    s, view = example
    errors = []
    monkeypatch.setattr(editing, "ask_text", lambda *a: (typed, True))
    monkeypatch.setattr(editing, "show_error", lambda parent, title, msg: errors.append(msg))
    before = s.session.network.W[0].copy()
    assert not view.edits.edit_weight(0, 1, 0)
    assert len(errors) == 1 and reason in errors[0].lower()
    np.testing.assert_array_equal(s.session.network.W[0], before)
    assert s.undo_stack.count() == 0


def test_a_typed_bias_between_steps_keeps_training_position(qtbot, monkeypatch):
    s, view = make(qtbot, core.build([3, 2, 1], "sigmoid", bias=True, seed=0))
    s.step()
    monkeypatch.setattr(editing, "ask_reset", lambda *a: pytest.fail("a value edit must not ask"))
    assert view.edits.edit_bias(1, 1, "0.5")
    assert s.session.network.b[0][1] == 0.5 and s.session.step_count == 1
    s.step()
    assert s.session.step_count == 2


def test_a_forward_phase_highlights_its_layer(qtbot, example):
    s, view = example
    scene = view.network_scene
    s.step_phase()                                       # forward layer 1
    assert scene.highlighted_layers == {1}
    assert all((n.highlight is not None) == (k == 1) for (k, _), n in scene.neurons.items())
    assert all((c.highlight is not None) == (k == 0) for (k, _, _), c in scene.connections.items())
    assert "forward layer 1" in view.phase_label.text()
    s.step_phase()                                       # forward layer 2
    assert scene.highlighted_layers == {2}
    assert all((c.highlight is not None) == (k == 1) for (k, _, _), c in scene.connections.items())
    s.step_phase()                                       # loss
    s.step_phase()                                       # backward layer 2
    assert scene.highlighted_layers == {2}
    assert scene.neurons[(2, 0)].highlight == QColor(theme.colors()["backward"])
    s.step_phase()                                       # backward layer 1
    assert scene.highlighted_layers == {1}
    s.step_phase()                                       # update: the step completes
    assert scene.highlighted_layers == set()
    changed = [c for c in scene.connections.values() if c.highlight is not None]
    assert len(changed) == 8                             # all 8 weights moved: they flash
    qtbot.waitUntil(lambda: all(c.highlight is None for c in scene.connections.values()), timeout=10_000)


def test_overlays_show_the_values_of_the_step(qtbot, example):
    s, view = example
    view.set_option("show_v_out", True)
    view.set_option("show_delta", True)
    view.set_option("show_gradients", True)
    s.step_phase()
    s.step_phase()
    s.step_phase()
    s.step_phase()                                       # forward 1, 2, loss, backward 2
    W0, W1 = (np.array(w) for w in s.session.network.W)
    h = sigmoid(X @ W0)
    y_hat = sigmoid(h @ W1)
    delta2 = (y_hat - Y) * y_hat * (1 - y_hat)           # half_sse: dE/dy_hat = y_hat - y
    labels = view.network_scene.unit_labels
    assert f"v_out {h[0, 1]:#.4g}" in labels[(1, 1)].text()
    assert f"v_out {y_hat[0, 0]:#.4g}" in labels[(2, 0)].text()
    assert f"δ {delta2[0, 0]:#.4g}" in labels[(2, 0)].text()
    assert "δ –" in labels[(1, 0)].text()                 # not computed yet
    grad = h[0, 1] * delta2[0, 0]
    assert f"∂E/∂w {grad:#.4g}" in view.network_scene.connection_labels[(1, 1, 0)].text()
    view.set_option("precision", 6)
    assert f"v_out {h[0, 1]:#.6g}" in labels[(1, 1)].text()


def test_weight_labels_and_bias_units(qtbot):
    s, view = make(qtbot, core.build([3, 2, 1], "sigmoid", bias=True, seed=0))
    s.edit_parameter(1, (1,), -0.125, "bias")
    view.set_option("weight_labels", True)
    w = s.session.network.W[1][1, 0]
    assert view.network_scene.connection_labels[(1, 1, 0)].text() == f"{w:#.4g}"
    assert view.network_scene.bias_labels[(1, 1)].text() == "b -0.1250"        # 4 significant digits
    view.set_option("bias_units", True)
    item = view.network_scene.biases[(1, 1)]
    assert isinstance(item, BiasConnectionItem)
    assert view.edits.edit_bias(1, 1, "0.5")
    assert s.session.network.b[0][1] == 0.5


def test_connection_colour_follows_the_sign(qtbot, example):
    s, view = example
    s.edit_parameter(0, (0, 0), 2.0, "w+")
    s.edit_parameter(0, (0, 1), -2.0, "w-")
    c = theme.colors()
    pos, neg = (view.network_scene.connections[k] for k in ((0, 0, 0), (0, 0, 1)))
    assert pos.color == QColor(c["positive"]) and neg.color == QColor(c["negative"])
    assert pos.width == neg.width and pos.width > view.network_scene.connections[(0, 1, 1)].width
    # and by its line, not colour alone: solid for w ≥ 0, dashed for w < 0
    assert (pos.drawn_as, neg.drawn_as) == ("w+", "w-")
    assert pos.pen_style == Qt.PenStyle.SolidLine and neg.pen_style == Qt.PenStyle.CustomDashLine


def test_a_784_10_network_opens_collapsed(qtbot):
    """What keeps a 784-10 editor quick to open: only the 10 drawn units of the 784 get items
    and connections (10 x 10, not 7,840).  The time it takes is the benchmark row
    "editor: build for 784-10 / for 3-2-1"."""
    net = core.build([784, 10], "sigmoid", seed=0)
    x = np.random.default_rng(0).random((4, 784))
    studio = StudioSession(Session(net, Dataset(x, np.eye(10)[:4]), TrainingConfig()))
    view = NetworkEditor(studio)
    qtbot.addWidget(view)
    scene = view.network_scene
    assert sum(1 for k, _ in scene.neurons if k == 0) == 10
    assert len(scene.neurons) == 10 + 10 and len(scene.connections) == 10 * 10
    assert [m.hidden for m in scene.markers] == [774] and isinstance(scene.markers[0], CollapsedMarkerItem)
    assert "774" in scene.markers[0].text()
    assert "units 6–779" in scene.markers[0].toolTip()
    assert view.edits.edit_weight(0, 783, 9, "0.5")          # a drawn unit of the collapsed end
    assert studio.session.network.W[0][783, 9] == 0.5


def test_thumbnails_for_a_2d_input(qtbot):
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    s, view = make(qtbot, core.build([2, 3, 1], "tanh", seed=0), x=x, y=np.array([[0], [1], [1], [0.0]]))
    scene = view.network_scene
    images = {k: n.thumbnail for k, n in scene.neurons.items()}
    assert all(isinstance(img, QImage) and img.width() == 24 for img in images.values())
    # unit 0 of the input is x1: it grows to the right, so the right edge is the positive colour
    right = images[(0, 0)].pixelColor(23, 12)
    assert right.name() == QColor(theme.colors()["positive"]).name()
    view.set_option("thumbnails", False)
    assert all(n.thumbnail is None for n in scene.neurons.values())


def test_export_png_and_svg(qtbot, example, tmp_path):
    s, view = example
    png = view.export_image(tmp_path / "net.png")
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 200
    svg = view.export_image(tmp_path / "net.svg")
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_document_change_rebuilds(qtbot, example):
    s, view = example
    s.load(Session(core.build([3, 4, 4, 1], "tanh", seed=1), Dataset(X, Y)), None)
    assert len(view.network_scene.headers) == 4
    assert sum(1 for k, _ in view.network_scene.neurons if k == 2) == 4


def test_crowded_layers_label_the_selected_units_connections(qtbot):
    s, view = make(qtbot, core.build([2, 8, 8, 1], "tanh", seed=0), x=np.zeros((1, 2)), y=np.zeros((1, 1)))
    view.set_option("weight_labels", True)
    labels = view.network_scene.connection_labels
    assert labels[(2, 3, 0)].text() == f"{s.session.network.W[2][3, 0]:#.4g}"   # 8 weights: all shown
    assert all(not labels[(1, i, j)].isVisible() for i in range(8) for j in range(8))
    view.network_scene.neurons[(1, 2)].setSelected(True)
    shown = {(i, j) for i in range(8) for j in range(8) if labels[(1, i, j)].isVisible()}
    assert shown == {(2, j) for j in range(8)}
    assert labels[(1, 2, 5)].text() == f"{s.session.network.W[1][2, 5]:#.4g}"
