"""Network editor legibility: layer headers and W labels keep a readable on-screen size at any
zoom without overlapping; the inspector prints significant digits."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.editor.view import NetworkEditor
from backprop_studio.gui.studio import StudioSession

MIN_TEXT_PX = 10      # a header line at least this tall on screen


def make(qtbot, net, x, y, size=(900, 560), **config):
    studio = StudioSession(Session(net, Dataset(x, y), TrainingConfig(**config)))
    view = NetworkEditor(studio)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return studio, view


def on_screen(view, item):
    return view.mapFromScene(item.sceneBoundingRect()).boundingRect()


def deep(qtbot, size=(900, 560)):
    """Ten hidden layers of 32 units: at fit-to-view the scene is drawn at about a third of its size."""
    net = core.build([2] + [32] * 10 + [1], ["tanh"] * 10 + ["sigmoid"], seed=0)
    return make(qtbot, net, np.zeros((4, 2)), np.zeros((4, 1)), size=size)


def assert_legible_and_apart(view):
    scene = view.network_scene
    headers = [on_screen(view, h) for h in scene.headers.values()]
    w_labels = [on_screen(view, w) for w in scene.w_labels.values() if w.isVisible()]
    assert all(r.height() >= 2 * MIN_TEXT_PX for r in headers)          # two lines of text
    assert all(r.height() >= MIN_TEXT_PX for r in w_labels)
    for a, b in itertools.combinations(headers + w_labels, 2):
        assert not a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1))
    # every header sits above its own column, clear of the top unit
    for k, rect in zip(scene.headers, headers):
        top_unit = view.mapFromScene(scene.neurons[(k, 0)].sceneBoundingRect()).boundingRect()
        assert rect.left() <= top_unit.center().x() <= rect.right()
        assert rect.bottom() <= top_unit.center().y()


@pytest.mark.parametrize("size", [(900, 560), (520, 420)])
def test_a_deep_network_at_fit_keeps_its_headers_readable(qtbot, size):
    s, view = deep(qtbot, size)
    assert view.transform().m11() < 0.5                    # the scene itself is drawn small
    assert_legible_and_apart(view)
    assert all(h.isVisible() for h in view.network_scene.headers.values())


def test_zooming_out_keeps_the_labels_size_and_zooming_in_restores_full_headers(qtbot):
    s, view = deep(qtbot)
    view.zoom(0.5)
    assert_legible_and_apart(view)
    view.zoom(8.0)                                         # far in: room for the full wording
    header = view.network_scene.headers[3].toPlainText()
    assert "Layer 3" in header and "32 units · tanh · bias" in header
    assert_legible_and_apart(view)


def test_full_headers_when_there_is_room(qtbot):
    s, view = make(qtbot, core.build([3, 2, 1], "sigmoid", bias=False, seed=0),
                   np.array([[1.0, 4.0, 5.0]]), np.array([[0.1]]))
    scene = view.network_scene
    assert "Layer 1 · hidden" in scene.headers[1].toPlainText()
    assert "2 units · sigmoid" in scene.headers[1].toPlainText()
    assert scene.w_labels[1].toPlainText() == "W(1→2)"
    assert_legible_and_apart(view)


def test_export_sizes_the_labels_for_the_picture_and_restores_the_view(qtbot, tmp_path):
    net = core.build([2] + [6] * 8 + [1], "tanh", seed=0)
    s, view = make(qtbot, net, np.zeros((4, 2)), np.zeros((4, 1)))
    assert view.transform().m11() < 1.0
    before = on_screen(view, view.network_scene.headers[2])
    assert "hidden" not in view.network_scene.headers[3].toPlainText()   # short wording on screen
    svg = view.export_image(tmp_path / "net.svg").read_text()
    assert "· hidden" in svg and "6 units · tanh · bias" in svg       # the full one in the picture
    assert "hidden" not in view.network_scene.headers[3].toPlainText()
    assert on_screen(view, view.network_scene.headers[2]) == before


def test_the_inspector_prints_significant_digits(qtbot):
    """An update of about 0.00128 reads 0.001280, not 0.001 (article's 3-2-1 net, plain SGD)."""
    x, y = np.array([[1.0, 4.0, 5.0]]), np.array([[0.1]])
    net = core.build([3, 2, 1], "sigmoid", bias=False, seed=0)
    W0, W1 = (np.array(w) for w in net.W)
    h = 1 / (1 + np.exp(-(x @ W0)))
    y_hat = 1 / (1 + np.exp(-(h @ W1)))
    grad = h[0, 1] * (y_hat[0, 0] - 0.1) * y_hat[0, 0] * (1 - y_hat[0, 0])   # half_sse
    eta = 0.00128 / abs(grad)
    s, view = make(qtbot, net, x, y, batch_size=1, optimizer_params={"learning_rate": eta})
    s.step()
    view.network_scene.connections[(1, 1, 0)].setSelected(True)
    text = view.inspector.text()
    delta = -eta * grad
    assert f"{delta:#.4g}" in text and f"{delta:#.4g}".lstrip("-") == "0.001280"
    assert f"{W1[1, 0]:#.4g} → {W1[1, 0] + delta:#.4g}" in text
