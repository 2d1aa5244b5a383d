"""The Computation Graph view on a 784-128-10 network (issue 22 §1): few items, legible, a step
only restyles them, nothing is done while hidden, and any unit or input can be drawn on its own.

The project is made in code (no data file): 64 samples of 784 features, 10 classes, ReLU,
softmax and cross-entropy, Adam, batch 32.  The view is sized as its dock is at 1366x768.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QUrl

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.explain import Ref
from backprop_studio.core.explain.graph import MAX_ITEMS
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.graph.items import EdgeItem, NodeItem
from backprop_studio.gui.graph.view import ComputationGraph
from backprop_studio.gui.studio import StudioSession
from tests.gui.test_computation_graph import assert_legible_and_apart


def big_studio() -> StudioSession:
    rng = np.random.default_rng(0)
    x = rng.random((64, 784))
    y = np.eye(10)[rng.integers(0, 10, 64)]
    net = core.build([784, 128, 10], ["relu", "softmax"], seed=0)
    config = TrainingConfig(loss="cross_entropy", optimizer="adam", optimizer_params={"learning_rate": 0.001},
                            batch_size=32)
    return StudioSession(Session(net, Dataset(x, y), config))


@pytest.fixture
def big(qtbot):
    studio = big_studio()
    view = ComputationGraph(studio)
    qtbot.addWidget(view)
    view.resize(463, 640)
    view.show()
    qtbot.waitExposed(view)
    studio.step()
    view.refresh()
    return studio, view


def drawn(view) -> int:
    return sum(isinstance(i, (NodeItem, EdgeItem)) for i in view.canvas.scene().items())


def test_the_graph_is_small_legible_and_a_step_only_restyles_it(big):
    studio, view = big
    assert drawn(view) <= MAX_ITEMS and drawn(view) == len(view.items) + len(view.edges)
    assert view.items["layer0"].value_text == "784 inputs" and view.items["layer1"].value_text == "128 units"
    assert_legible_and_apart(view)
    items, loss = dict(view.items), view.items["E"].value_text
    count = len(view.canvas.scene().items())
    studio.step()
    view.refresh()
    assert all(view.items[k] is items[k] for k in items) and len(view.items) == len(items)
    assert len(view.canvas.scene().items()) == count          # no item made or destroyed
    assert view.items["E"].value_text != loss                 # the numbers are the new step's
    assert view.items["E"].value_text == f"{studio.session.record.losses[0]:#.4g}"


def test_a_hidden_view_does_no_work_and_catches_up_when_shown(big):
    studio, view = big
    graph = view.graph
    view.hide()
    studio.step()
    studio.step()
    assert view.graph is graph and view._dirty                # nothing built while hidden
    view.show()
    assert view.graph is not graph and view.graph.nodes["E"].value == studio.session.record.losses[0]


def test_a_unit_of_a_collapsed_layer_is_chosen_drawn_and_selected(big):
    studio, view = big
    rec = studio.session.record
    view.canvas.node_clicked.emit("layer1")
    c = view.controls
    assert c.unit_box.isVisibleTo(view) and c.unit_box.maximum() == 128
    top = view.graph.nodes["layer1"].top
    strongest = int(np.argmax(np.abs(rec.params_before[2] @ rec.delta[2][0])))      # |∂E/∂v_out,j^(1)|
    assert c.unit_box.value() == strongest + 1 == top[0] + 1
    assert "Draw one on its own" in view.rule.toPlainText()
    c.unit_box.setValue(7)
    c.unit_go.click()
    assert view.selected == "vout1_6" and not c.unit_box.isVisibleTo(view)
    assert view.graph.nodes["vout1_6"].value == rec.v_out[1][0, 6]
    assert "127 unit(s) of layer 1" in view.status.text()
    view.rule.anchorClicked.emit(QUrl("expand:0:300"))          # a link of x's pane
    assert view.selected == "x300" and "x300" in view.items
    assert view.items["x300"].value_text == f"{rec.x[0, 300]:#.4g}"


def test_the_debugger_opens_a_weight_of_the_wide_layer(big):
    studio, view = big
    assert view.open_ref(Ref("contrib", 0, 300, 5, 1))
    assert view.selected == "w0_300_5" and view.graph.sample == 1
    rec = studio.session.record
    assert view.graph.nodes["w0_300_5"].grad == pytest.approx(rec.x[1, 300] * rec.delta[1][1, 5], rel=1e-12)


def test_too_many_expansions_stay_within_the_cap_and_the_view_says_so(big):
    studio, view = big
    view.expand = [(1, j) for j in range(128)] + [(0, i) for i in range(199)]    # asked for over time
    view.expand_unit((0, 199))
    assert drawn(view) <= MAX_ITEMS
    assert "earlier expansion(s) were collapsed again" in view.status.text()
    assert "x199" in view.items                               # the latest asked for is drawn
    view.expand_box.activated.emit(view.expand_box.findText("collapse all again"))
    assert view.expand == [] and "x199" not in view.items and "collapsed again" not in view.status.text()
