"""Issue 6: a network of 10 layers of 32 units stays usable — picking, editing, stepping.

The editor draws each weight matrix as one item, so these tests check what that must not
break: a click on a line selects exactly that connection, a structure edit leaves exactly
one entry per connection, and each view redraws once per edit, not once per signal.
"""
from __future__ import annotations

import weakref
from collections import Counter

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui import theme
from backprop_studio.gui.editor.view import NetworkEditor
from backprop_studio.gui.studio import StudioSession

SIZES = [2] + [32] * 9 + [1]
HIT = 4.0          # a connection can be clicked this close to its line (scene units)


def big_session() -> StudioSession:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(16, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    net = core.build(SIZES, "tanh", seed=0)
    return StudioSession(Session(net, Dataset(x, y), TrainingConfig(batch_size=4)))


@pytest.fixture
def big(qtbot):
    studio = big_session()
    view = NetworkEditor(studio)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return studio, view


def connection_count(sizes: list[int]) -> int:
    return sum(a * b for a, b in zip(sizes, sizes[1:]))


def lines_near(view, k: int, point: QPointF) -> list[tuple[int, int]]:
    """(i, j) of every line of W^(k->k+1) within HIT of ``point``, from the unit centres."""
    scene = view.network_scene
    src = np.array([[scene.neurons[(k, i)].pos().x(), scene.neurons[(k, i)].pos().y()]
                    for i in range(SIZES[k])])
    dst = np.array([[scene.neurons[(k + 1, j)].pos().x(), scene.neurons[(k + 1, j)].pos().y()]
                    for j in range(SIZES[k + 1])])
    p = np.array([point.x(), point.y()])
    a, b = src[:, None, :], dst[None, :, :]                     # every (source, target) segment
    d = b - a
    t = np.clip(((p - a) * d).sum(-1) / (d * d).sum(-1), 0, 1)
    dist = np.linalg.norm(a + t[..., None] * d - p, axis=-1)
    return [tuple(ij) for ij in np.argwhere(dist <= HIT + 2)]   # with a margin for pixel rounding


def click(view, point: QPointF) -> list:
    """Click ``point`` at scale 1 (a pixel is a scene unit); the selection as (kind, key)."""
    view.zoom(1 / view.transform().m11())             # as the user zooms: no re-fit afterwards
    view.centerOn(point)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(point))
    return [(it.kind, it.key) for it in view.network_scene.selectedItems()]


def test_clicking_a_line_in_a_10x32_network_selects_that_connection(qtbot, big):
    s, view = big
    scene = view.network_scene
    assert len(scene.items()) < 1500                    # far fewer items than the 8,288 connections
    # the top units' line, near its source where no other line comes close
    a, b = scene.neurons[(4, 0)].pos(), scene.neurons[(5, 0)].pos()
    point = next(p for p in (a + (b - a) * float(t) for t in np.linspace(0.1, 0.5, 41))
                 if lines_near(view, 4, p) == [(0, 0)])
    assert click(view, point) == [("connection", (4, 0, 0))]
    assert scene.connections[(4, 0, 0)].isSelected()
    # hovering another line makes it what a tooltip, a double-click or a menu acts on
    b = scene.neurons[(5, 1)].pos()
    other = next(p for p in (a + (b - a) * float(t) for t in np.linspace(0.1, 0.5, 41))
                 if lines_near(view, 4, p) == [(0, 1)])
    pos = view.mapFromScene(other)
    QTest.mouseMove(view.viewport(), pos)
    assert view.item_at(pos) == ("connection", (4, 0, 1))
    assert f"{s.session.network.W[4][0, 0]:#.4g}" in view.inspector.text()


def test_where_lines_cross_the_click_selects_the_strongest_drawn_on_top(qtbot, big):
    s, view = big
    scene = view.network_scene
    k, i, j = 4, 7, 20
    s.edit_parameter(2 * k, (i, j), -3.0, "the strongest weight of W^(4->5)")
    assert np.abs(s.session.network.W[k]).max() == 3.0
    a, b = scene.neurons[(k, i)].pos(), scene.neurons[(k + 1, j)].pos()
    point = a + (b - a) * 0.5
    assert len(lines_near(view, k, point)) > 1          # a crossing: several lines within reach
    assert click(view, point) == [("connection", (k, i, j))]
    assert f"{-3.0:#.4g}" in view.inspector.text()


def test_a_structure_edit_rebuilds_exactly_one_entry_per_connection(qtbot, big):
    s, view = big
    scene = view.network_scene
    assert len(scene.connections) == connection_count(SIZES) == 8288
    assert view.edits.add_neuron(3)
    sizes = list(SIZES)
    sizes[3] = 33
    assert s.session.network.sizes == sizes
    assert len(scene.connections) == connection_count(sizes) == 8288 + 64
    assert (2, 31, 32) in scene.connections and (3, 32, 31) in scene.connections
    assert (4, 32, 0) not in scene.connections and (3, 0, 32) not in scene.connections
    assert len(scene.connections.layers) == 10          # one drawing item per weight matrix
    # the new unit's weights are drawn in the colour of their sign, the stronger one wider
    W = s.session.network.W[3][32]
    c = theme.colors()
    for j in range(32):
        color = scene.connections[(3, 32, j)].color
        near = {name: sum(abs(a - b) for a, b in zip(color.getRgb()[:3], QColor(c[name]).getRgb()[:3]))
                for name in ("positive", "negative")}
        assert (near["positive"] < near["negative"]) == (W[j] >= 0)
    weak, strong = np.argmin(np.abs(W)), np.argmax(np.abs(W))
    assert scene.connections[(3, 32, weak)].width < scene.connections[(3, 32, strong)].width
    s.undo_stack.undo()
    assert len(scene.connections) == 8288 and (3, 32, 31) not in scene.connections


def test_a_removed_connection_is_drawn_and_picked_as_removed(qtbot, big):
    s, view = big
    scene = view.network_scene
    scene.connections[(6, 3, 4)].setSelected(True)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not s.session.network.mask[6][3, 4]
    assert scene.connections[(6, 3, 4)].drawn_as == "removed"
    assert scene.connections[(6, 3, 5)].drawn_as in ("w+", "w-")


def test_the_main_window_on_a_10x32_network_builds_and_redraws_once_per_edit(qtbot, monkeypatch):
    """An edit emits several signals (network_changed, step_taken, ...); the debugger's throttle
    coalesces them into one redraw.  Waiting until that redraw ran and none is pending leaves
    nothing that could still redraw.  How long the window takes to build is the benchmark row
    "window: build on a 10x32 network / on xor"."""
    from backprop_studio.gui.main_window import MainWindow

    studio = big_session()
    window = MainWindow(studio, restore_settings=False)
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    debugger = window.views["stepDebugger"]
    qtbot.waitUntil(lambda: debugger.isVisible() and not debugger._throttle.pending())
    redraws = []
    original = debugger._refresh
    monkeypatch.setattr(debugger, "_refresh", lambda: (redraws.append(1), original())[1])
    window.views["networkEditor"].edits.add_neuron(2)
    qtbot.waitUntil(lambda: bool(redraws) and not debugger._throttle.pending())
    QApplication.processEvents()                        # and any signal still queued is handled
    assert len(redraws) == 1                            # network_changed + step_taken: one redraw
    window.actions_["actionStepPhase"].trigger()
    qtbot.waitUntil(lambda: len(redraws) > 1 and not debugger._throttle.pending())
    QApplication.processEvents()
    assert len(redraws) == 2
    assert window.views["networkEditor"].network_scene.highlighted_layers == {1}
    studio.set_unmodified()
    window.close()


def test_building_the_main_window_draws_each_view_once(qtbot, monkeypatch):
    """The window applies its theme before it builds its views, so each view draws once, in its
    colours: the theme's signal used to come after the views and redraw every one of them (on a
    10x32 network a second editor build, the biggest share of the window's build time).

    The counted methods are ones no signal is connected to (a connection would keep the counting
    wrapper after the test), and the views are held weakly."""
    from backprop_studio.gui.debugger.panel import StepDebugger
    from backprop_studio.gui.editor.view import NetworkEditor as Editor
    from backprop_studio.gui.graph.view import ComputationGraph
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.plots.output_map import OutputMap

    calls: list[tuple[str, weakref.ref]] = []

    def counting(cls, name):
        original = getattr(cls, name)

        def counted(self, *args):
            calls.append((f"{cls.__name__}.{name}", weakref.ref(self)))
            return original(self, *args)
        monkeypatch.setattr(cls, name, counted)

    for cls, name in ((Editor, "rebuild"), (ComputationGraph, "_refresh"), (StepDebugger, "_refresh"),
                      (OutputMap, "_prepare_items")):
        counting(cls, name)
    window = MainWindow(big_session(), restore_settings=False)
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window)
    ours = Counter(key for key, view in calls if view() is not None and view().window() is window)
    assert ours == {"NetworkEditor.rebuild": 1, "ComputationGraph._refresh": 1, "StepDebugger._refresh": 1,
                    "OutputMap._prepare_items": 1}     # not an earlier test's views: this window's
    assert window.views["networkEditor"].network_scene.backgroundBrush().color() == QColor(theme.colors()["background"])
    window.studio.set_unmodified()
    window.close()


def test_a_hidden_network_landscape_lists_the_parameters_when_shown(qtbot):
    from backprop_studio.gui.plots.surface_plot import LossSurface
    from backprop_studio.gui.plots.surface_trajectory import parameter_names

    studio = big_session()
    surface = LossSurface(studio)
    qtbot.addWidget(surface)
    surface.show()
    surface.tabs.setCurrentIndex(1)                     # the Network tab is out of sight
    landscape = surface.network
    assert not landscape.isVisible()
    net = studio.session.network
    studio.edit_network(core.build([2, 3, 1], "tanh", seed=1), "smaller")
    surface.tabs.setCurrentIndex(0)
    names = parameter_names(studio.session.network)
    assert landscape.first.count() == len(names) == 2 * 3 + 3 + 3 * 1 + 1
    # the first two weights into the output (after W0's 6 and b0's 3): W^(1->2) rows 1 and 2
    chosen = (landscape.first.currentData(), landscape.second.currentData())
    assert chosen == (names[9], names[10]) == ("W1[0,0]", "W1[1,0]")
    assert net.sizes == SIZES
    surface.shutdown()


def test_exercise_mode_keeps_the_inputs_and_hides_what_is_computed(qtbot):
    x = np.array([[0.25, -1.5]])
    studio = StudioSession(Session(core.build([2, 3, 1], "tanh", seed=0), Dataset(x, np.array([[1.0]]))))
    view = NetworkEditor(studio)
    qtbot.addWidget(view)
    view.set_option("show_v_out", True)
    studio.step_phase()                                # forward layer 1
    studio.set_exercise_mode(True)
    labels = view.network_scene.unit_labels
    assert labels[(0, 0)].text() == "v_out 0.2500"      # x is given, not computed
    assert labels[(0, 1)].text() == "v_out -1.500"
    assert labels[(1, 0)].text().splitlines() == ["v_in ?", "v_out ?"]
    studio.set_exercise_mode(False)
    h = np.tanh(x @ studio.session.network.W[0] + studio.session.network.b[0])
    assert f"v_out {h[0, 0]:#.4g}" in labels[(1, 0)].text()
