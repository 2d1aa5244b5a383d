"""Issue 22: on 784-128-10 each view's work per redraw is bounded by what it shows.

Each test checks one mechanism against what the view shows, with values worked out here
with numpy from the step's inputs and the weights before it: the debugger formats the cells
in view (the others when they are read), the Matrices tab the grids in view, the dataset's
Rows tab is a model with no per-cell objects, the norm curves draw a few points per pixel,
and the app's BLAS runs one thread per caller.
"""
from __future__ import annotations

import gc

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.explain import Ref
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.debugger.panel import StepDebugger
from backprop_studio.gui.studio import StudioSession
from tests.benchmarks.view_cycle import mnist_like_session


@pytest.fixture(autouse=True)
def release_big_views(qapp):
    """Free a test's widgets here, not in a later test: their layouts hold tens of thousands of
    references (to None among others), and a later test that counts references to None
    (test_soak.py) would see them go."""
    yield
    release_widgets()


def release_widgets() -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


@pytest.fixture
def mnist():
    return StudioSession(mnist_like_session())


def shown_debugger(qtbot, studio: StudioSession, tab: int) -> StepDebugger:
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    view.resize(480, 600)
    view.show()
    qtbot.waitExposed(view)
    view.tabs.setCurrentIndex(tab)
    return view


def count_values(view: StepDebugger, monkeypatch) -> list[Ref]:
    """Every value the panel is asked for from now on."""
    asked: list[Ref] = []
    original = view._value
    monkeypatch.setattr(view, "_value", lambda ref: (asked.append(ref), original(ref))[1])
    return asked


def test_a_step_formats_the_units_in_view_and_a_cell_out_of_view_when_read(qtbot, mnist, monkeypatch):
    view = shown_debugger(qtbot, mnist, 0)
    mnist.step()
    units = view.units
    shown = len(units.refs())
    assert shown > 2000                      # 784-128-10, a batch of 32: 8 samples of 4 columns shown
    asked = count_values(view, monkeypatch)
    W0, b0 = (a.copy() for a in mnist.session.network.parameters()[:2])
    mnist.step()
    assert 0 < len(asked) < shown / 5        # a screenful, not the table
    # far out of view: unit 36 of layer 1 for sample 8 of the batch, v_in = x W + b (the
    # weights before this step's update)
    rec = mnist.session.last
    x = mnist.session.dataset.inputs[rec.samples]
    expected = x[7] @ W0[:, 35] + b0[35]
    ref = Ref("v_in", 1, 35, 0, 7)
    assert ref not in asked
    assert float(units.text_of(ref)) == pytest.approx(expected, rel=1e-5)
    # copying the table draws every cell first
    rows = units.as_rows()
    r, c = units.cell_of(ref)
    assert float(rows[r + 1][c + 1]) == pytest.approx(expected, rel=1e-5)


def test_the_matrices_tab_draws_the_grids_in_view_and_another_when_read(qtbot, mnist, monkeypatch):
    view = shown_debugger(qtbot, mnist, 2)
    mnist.step()
    matrices = view.matrices
    total = len(matrices.refs())
    asked = count_values(view, monkeypatch)
    mnist.step()
    assert 0 < len(asked) < total / 3
    # the last grid, W^(1->2) after the update, far below: drawn when read
    grid = matrices.grid("grid_after_1")
    W1 = mnist.session.network.parameters()[2]
    for i, j in ((0, 0), (19, 9), (7, 3)):
        assert float(grid.item(i, j).text()) == pytest.approx(W1[i, j], rel=1e-3)   # 4 significant digits


def test_the_rows_tab_of_784_input_data_is_a_model_without_an_object_per_cell(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidgetItem

    from backprop_studio.gui.panels.dataset import DatasetPanel

    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(600, 784)), np.eye(10)[rng.integers(0, 10, 600)]
    config = TrainingConfig(loss="cross_entropy", batch_size=32)
    studio = StudioSession(Session(build([784, 16, 10], ["relu", "softmax"]), Dataset(x, y), config))

    def items() -> int:
        return sum(type(o) is QTableWidgetItem for o in gc.get_objects())
    before = items()
    panel = DatasetPanel(studio)
    qtbot.addWidget(panel)
    assert items() - before < 100            # 600 x 794 cells: no object each
    model = panel.table.samples
    assert (model.rowCount(), model.columnCount()) == (600, 794)
    assert model.headerData(783, Qt.Orientation.Horizontal) == "x784"
    assert model.data(model.index(599, 783)) == f"{x[599, 783]:.6g}"
    assert model.data(model.index(599, 785)) == f"{y[599, 1]:.6g}"
    model.setData(model.index(599, 783), "0.5")          # every row can be edited (not only 500)
    assert studio.session.dataset.inputs[599, 783] == 0.5


def test_the_norm_curves_draw_a_few_points_per_pixel_however_long_training_ran(qtbot, article_session):
    from backprop_studio.gui.plots.diagnostics import Diagnostics

    view = Diagnostics(article_session)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    article_session.session.run(steps=8000)
    view.refresh()
    # pyqtgraph keeps up to 5 blocks a pixel, a minimum and a maximum each: at most 10 points a pixel
    most = 12 * view.weight_plot.getPlotItem().getViewBox().width()
    assert most < 8000
    for curve in view._weight_curves + view._gradient_curves:     # once the plot has its range
        qtbot.waitUntil(lambda c=curve: 0 < len(c.getData()[0]) <= most, timeout=5000)


def test_the_collapsed_layers_say_what_is_left_out_legibly_when_the_editor_fits_784_128_10(qtbot, mnist):
    from PySide6.QtGui import QFontMetricsF

    from backprop_studio.gui.editor.view import NetworkEditor

    view = NetworkEditor(mnist)
    qtbot.addWidget(view)
    view.resize(600, 360)                    # the editor's room at 1366x768
    view.show()
    qtbot.waitExposed(view)
    scale = view.transform().m11()
    assert scale < 0.6                       # fitted: the scene is drawn small
    markers = view.network_scene.markers
    assert [m.hidden for m in markers] == [774, 118]
    natural = QFontMetricsF(markers[0].font()).height()
    for m in markers:                        # each of its two lines at least the font's own height
        assert m.sceneBoundingRect().height() * scale >= 2 * natural * 0.95


def test_metrics_and_dead_units_of_a_big_dataset_come_from_a_worker_and_match_numpy(qtbot):
    from backprop_studio.gui.plots.decision_boundary import DecisionBoundary

    rng = np.random.default_rng(5)
    x, labels = rng.normal(size=(3000, 784)), rng.integers(0, 10, 3000)
    net = build([784, 16, 10], ["relu", "softmax"], seed=2)
    net.b[0][3] = -1e3                                    # unit 4 of layer 1 is dead on every sample
    studio = StudioSession(Session(net, Dataset(x, np.eye(10)[labels]), TrainingConfig(loss="cross_entropy")))
    W0, b0, W1, b1 = (a.copy() for a in net.parameters())
    view = DecisionBoundary(studio)
    qtbot.addWidget(view)
    view.resize(500, 450)
    view.show()
    view.tabs.setCurrentIndex(1)
    assert view.metrics._pass.runner.running              # 3000 x 12,704 multiply-adds: not in place
    scores = np.maximum(x @ W0 + b0, 0) @ W1 + b1          # softmax keeps the order of the scores
    right = int(np.sum(scores.argmax(axis=1) == labels))
    qtbot.waitUntil(lambda: view.metrics.train_label.text() ==
                    f"Training accuracy: {right} / 3000 = {100 * right / 3000:.1f} %", timeout=30_000)
    np.testing.assert_array_equal(view.metrics.matrix.sum(axis=1), np.bincount(labels, minlength=10))
    view.tabs.setCurrentIndex(2)
    dead = np.flatnonzero(np.all(x @ W0 + b0 <= 0, axis=0)) + 1
    assert 4 in dead
    expected = ", ".join(f"layer 1 unit {i}" for i in dead)
    qtbot.waitUntil(lambda: expected in view.diagnostics.dead.text(), timeout=30_000)


def test_the_landscape_parameter_order_names_on_demand_and_finds_rows():
    from backprop_studio.gui.plots.surface_trajectory import ParameterOrder

    # against names written out here: present weights row by row, then the biases
    net = build([3, 2, 2], ["tanh", "sigmoid"], seed=0)
    net.mask[0][1, 0] = False                           # a removed connection is not listed
    net.layers[2].bias = False                           # nor a layer's biases it does not have
    order = ParameterOrder(net)
    expected = ([f"W0[{i},{j}]" for i in range(3) for j in range(2) if (i, j) != (1, 0)]
                + ["b0[0]", "b0[1]"] + [f"W1[{i},{j}]" for i in range(2) for j in range(2)])
    assert list(order) == expected
    assert [order.index(name) for name in expected] == list(range(len(expected)))
    assert "W0[1,0]" not in order and "b1[0]" not in order and "W1[1,1]" in order


def test_the_landscape_lists_784_128_10_parameters_without_naming_them_all(qtbot, mnist, monkeypatch):
    """A name is worked out only for a row a list shows, and no turn of the event loop walks
    every row, even when the style changes (the window sets it as it opens)."""
    from PySide6.QtCore import QCoreApplication

    from backprop_studio.gui.plots import surface_network, surface_trajectory
    from backprop_studio.gui.plots.surface_plot import LossSurface
    from backprop_studio.gui.theme import apply_theme

    named = []
    name = surface_trajectory.parameter_name
    monkeypatch.setattr(surface_trajectory, "parameter_name", lambda *a: (named.append(1), name(*a))[1])
    calls = []
    rows = surface_network.ParameterList.rowCount
    monkeypatch.setattr(surface_network.ParameterList, "rowCount",
                        lambda self, *a: (calls.append(1), rows(self, *a))[1])
    view = LossSurface(mnist)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    most = 0
    for turn in range(20):
        calls.clear()
        if turn == 5:
            apply_theme()
        QCoreApplication.processEvents()
        most = max(most, len(calls))
    landscape = view.network
    assert landscape.first.count() == 784 * 128 + 128 + 128 * 10 + 10
    assert landscape.second.currentData() == "W1[0,1]"     # the output layer's first two weights
    assert len(named) < 1000 and most < 10_000
    view.shutdown()


def test_the_main_window_runs_blas_with_one_thread_per_caller(main_window):
    from threadpoolctl import threadpool_info

    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)
