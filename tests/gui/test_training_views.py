"""The loss curve and the decision-boundary output map follow training, stepping back and undo."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QApplication

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.data.generators import GENERATORS
from backprop_studio.core.engine.network import build
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.plots.decision_boundary import DecisionBoundary
from backprop_studio.gui.plots.loss_curve import LossCurve
from backprop_studio.gui.studio import StudioSession


def xor_session(test: bool = True) -> StudioSession:
    rng = np.random.default_rng(0)
    x, y = GENERATORS["xor"](40, 0.1, rng)
    tx, ty = GENERATORS["xor"](12, 0.1, rng) if test else (None, None)
    net = build([2, 4, 1], ["tanh", "sigmoid"], seed=1)
    config = TrainingConfig(loss="bce", optimizer_params={"learning_rate": 0.3})
    return StudioSession(Session(net, Dataset(x, y, tx, ty), config))


@pytest.fixture
def studio():
    return xor_session()


@pytest.fixture
def views(qtbot, studio):
    curve, boundary = LossCurve(studio), DecisionBoundary(studio)
    for view in (curve, boundary):
        qtbot.addWidget(view)
        view.resize(500, 400)
        view.show()
    return curve, boundary


def curve_points(curve: LossCurve) -> tuple[np.ndarray, np.ndarray]:
    item = curve.train_curve
    if item.xData is None:                   # pyqtgraph keeps None for an empty curve
        return np.empty(0), np.empty(0)
    return np.asarray(item.xData), np.asarray(item.yData)


def test_object_names(views):
    curve, boundary = views
    assert curve.objectName() == "lossCurve"
    assert boundary.objectName() == "decisionBoundary"


def test_training_changes_the_boundary_and_the_curve_has_one_point_per_step(qtbot, views, studio):
    curve, boundary = views
    before = boundary.output.image.image.copy()
    studio.start(steps=300)
    qtbot.waitUntil(lambda: not studio.running, timeout=20000)
    assert studio.session.step_count == 300
    assert not np.array_equal(boundary.output.image.image, before)
    x, y = curve_points(curve)
    np.testing.assert_array_equal(x, np.arange(1, 301))
    np.testing.assert_array_equal(y, np.array(studio.session.losses))


def test_pause_stops_the_run(qtbot, views, studio):
    curve, _ = views
    studio.start()
    qtbot.waitUntil(lambda: studio.session.step_count > 0, timeout=5000)
    studio.stop()
    steps = studio.session.step_count
    QApplication.processEvents()             # whatever was queued: no step may follow a pause
    assert not studio.running
    assert studio.session.step_count == steps
    assert len(curve_points(curve)[0]) == steps


def test_views_follow_a_step_and_a_step_back(views, studio):
    curve, boundary = views
    for _ in range(5):
        studio.step()
    image_at_5 = boundary.output.image.image.copy()
    studio.step()
    assert len(curve_points(curve)[0]) == 6
    assert curve.cursor.value() == 6
    assert not np.array_equal(boundary.output.image.image, image_at_5)
    studio.back_step()
    x, y = curve_points(curve)
    assert len(x) == 5 and curve.cursor.value() == 5
    np.testing.assert_array_equal(y, studio.session.losses)
    # stepping back restores the parameters exactly, and with them the picture
    np.testing.assert_array_equal(boundary.output.image.image, image_at_5)
    marker_x, marker_y = curve.marker.getData()
    assert marker_x[0] == 5 and marker_y[0] == studio.session.losses[-1]


def test_views_follow_an_undone_edit(views, studio):
    _, boundary = views
    original = boundary.output.image.image.copy()
    studio.edit_parameter(0, (0, 0), 5.0, "set a weight")
    assert not np.array_equal(boundary.output.image.image, original)
    studio.undo_stack.undo()
    np.testing.assert_array_equal(boundary.output.image.image, original)


def test_output_map_shows_the_network_output(views, studio):
    _, boundary = views
    out = boundary.output
    points, _xs, _ys, _rect = out.grid()
    W0, b0, W1, b1 = studio.session.network.parameters()
    p = 1 / (1 + np.exp(-(np.tanh(points @ W0 + b0) @ W1 + b1)))[:, 0]   # by hand
    out.discretise.setChecked(True)
    rgba = out.image.image.reshape(-1, 4)
    class_1 = p >= 0.5
    assert class_1.any() and (~class_1).any()
    # discretised: exactly one colour per predicted class
    assert len(np.unique(rgba[class_1], axis=0)) == 1
    assert len(np.unique(rgba[~class_1], axis=0)) == 1
    assert not np.array_equal(rgba[class_1][0], rgba[~class_1][0])


def test_training_and_test_points_are_drawn(views, studio):
    _, boundary = views
    ds = studio.session.dataset
    assert len(boundary.output.train_points.data) == len(ds.inputs)
    assert len(boundary.output.test_points.data) == len(ds.test_inputs)
    # each sample in its class's marker (shape, not colour alone); training filled, test hollow
    from PySide6.QtCore import Qt

    from backprop_studio.core.training.metrics import true_classes
    from backprop_studio.gui.palettes import CLASS_SYMBOLS

    out = boundary.output
    for points, targets, style in ((out.train_points, ds.targets, Qt.BrushStyle.SolidPattern),
                                   (out.test_points, ds.test_targets, Qt.BrushStyle.NoBrush)):
        classes = true_classes(targets, out.task)
        assert len(set(classes.tolist())) == 2
        assert list(points.data["symbol"]) == [CLASS_SYMBOLS[c] for c in classes]
        drawn = [b if b is not None else points.opts["brush"] for b in points.data["brush"]]
        assert {b.style() for b in drawn} == {style}


def test_test_loss_is_sampled_at_each_manual_step(views, studio):
    curve, _ = views
    for _ in range(3):
        studio.step()
    assert curve.test_steps == [0, 1, 2, 3]
    assert curve.test_values[-1] == pytest.approx(studio.session.dataset_loss(test=True))
    studio.back_step()
    assert curve.test_steps == [0, 1, 2]
    assert curve.test_values[-1] == pytest.approx(studio.session.dataset_loss(test=True))


def test_per_epoch_log_scale_and_readout(views, studio):
    curve, _ = views
    for _ in range(100):                     # 40 samples, batch 1: 2.5 epochs
        studio.session.step()
    studio.step()
    losses = np.array(studio.session.losses)
    curve.axis_choice.setCurrentIndex(1)
    x, y = curve_points(curve)
    np.testing.assert_array_equal(x, [1, 2, 3])
    np.testing.assert_allclose(y, [losses[:40].mean(), losses[40:80].mean(), losses[80:].mean()])
    curve.log_scale.setChecked(True)
    assert curve.plot.getPlotItem().ctrl.logYCheck.isChecked()
    assert "epoch 2" in curve.readout_at(2.2)
    curve.axis_choice.setCurrentIndex(0)
    assert curve.readout_at(7).startswith(f"step 7: batch loss {losses[6]:.6g}")


def test_a_new_document_resets_the_views(views, studio):
    curve, boundary = views
    for _ in range(4):
        studio.step()
    studio.load(xor_session(test=False).session, None)
    assert len(curve_points(curve)[0]) == 0
    assert boundary.diagnostics.recorder.n == 1


def test_one_input_regression_draws_the_fitted_curve(qtbot):
    rng = np.random.default_rng(0)
    x, y = GENERATORS["sine"](30, 0.05, rng)
    net = build([1, 6, 1], ["tanh", "identity"], seed=0)
    studio = StudioSession(Session(net, Dataset(x, y)))
    view = DecisionBoundary(studio)
    qtbot.addWidget(view)
    view.show()
    assert view.output.mode == "curve"
    (curve,) = view.output.curves
    cx, cy = np.asarray(curve.xData), np.asarray(curve.yData)
    W0, b0, W1, b1 = net.parameters()
    np.testing.assert_allclose(cy, (np.tanh(cx[:, None] @ W0 + b0) @ W1 + b1)[:, 0])
    assert len(view.output.train_points.data) == 30


def test_other_input_sizes_show_a_message(qtbot):
    net = build([3, 2, 1], "sigmoid", bias=False, seed=0)
    studio = StudioSession(Session(net, Dataset(np.eye(3), [[0.0], [1.0], [1.0]])))
    view = DecisionBoundary(studio)
    qtbot.addWidget(view)
    view.show()
    assert view.output.mode == "message"
    assert "3 inputs" in view.output.message.text()
    assert view.output.stack.currentWidget() is view.output.message


def test_a_hyperparameter_edit_keeps_the_users_zoom(views, studio):
    _, boundary = views
    vb = boundary.output.plot.getPlotItem().vb
    vb.setRange(xRange=(0.2, 0.6), yRange=(0.2, 0.6), padding=0)
    zoomed = vb.viewRange()
    studio.edit_config("learning rate", learning_rate=0.1)
    assert vb.viewRange() == zoomed
    # the map covers the visible area (the aspect lock may widen one axis of the request)
    (x0, x1), (y0, y1) = zoomed
    assert y0 == pytest.approx(0.2) and y1 == pytest.approx(0.6)
    shown = boundary.output.image.mapRectToParent(boundary.output.image.boundingRect())
    assert (shown.left(), shown.right()) == pytest.approx((x0, x1))
    assert (shown.top(), shown.bottom()) == pytest.approx((y0, y1))


def painted(curve: LossCurve) -> None:
    """Render the plot once, now, as its next paint would: pyqtgraph follows ``setData`` with
    its auto-range (and so the legend's corner) only when it prepares a paint."""
    curve.plot.grab()


def points_under_legend(curve: LossCurve) -> int:
    vb = curve.plot.getPlotItem().vb
    area = vb.mapSceneToView(curve.legend.sceneBoundingRect()).boundingRect()
    x, y = curve_points(curve)
    inside = (x >= area.left()) & (x <= area.right()) & (y >= area.top()) & (y <= area.bottom())
    return int(inside.sum())


def test_the_legend_is_one_small_row_that_hides_no_point(qtbot, views, studio):
    curve, _ = views
    for _ in range(199):
        studio.session.step()
    studio.step()
    painted(curve)
    legend = curve.legend
    assert legend.isVisible() and len(legend.items) == 2              # training and test
    rows = {round(label.sceneBoundingRect().center().y()) for _sample, label in legend.items}
    assert len(rows) == 1 and legend.boundingRect().height() < 26     # one compact row
    assert curve.legend_corner == "top right"                         # a falling loss leaves it free
    assert points_under_legend(curve) == 0
    losses = np.array(studio.session.losses)
    assert curve.readout_at(150).startswith(f"step 150: batch loss {losses[149]:.6g}")
    curve.axis_choice.setCurrentIndex(1)                              # per epoch: 40 steps each
    painted(curve)
    assert [label.text for _sample, label in legend.items][0] == "training (epoch mean)"
    assert points_under_legend(curve) == 0
    assert curve.readout_at(3).startswith(f"epoch 3: mean batch loss {losses[80:120].mean():.6g}")


def test_a_squeezed_plot_leaves_the_legend_out(qtbot, views, studio):
    curve, _ = views
    for _ in range(20):
        studio.step()
    curve.resize(500, 90)
    qtbot.waitUntil(lambda: not curve.legend.isVisible(), timeout=10_000)
    curve.resize(500, 400)
    qtbot.waitUntil(curve.legend.isVisible, timeout=10_000)


def test_with_input_features_the_map_is_over_the_raw_plane(qtbot):
    rng = np.random.default_rng(0)
    x, y = GENERATORS["xor"](40, 0.1, rng)
    net = build([3, 4, 1], ["tanh", "sigmoid"], seed=1)
    config = TrainingConfig(loss="bce", optimizer_params={"learning_rate": 0.3})
    studio = StudioSession(Session(net, Dataset(x, y, features=["x1", "x2", "x1*x2"]), config))
    boundary = DecisionBoundary(studio)
    qtbot.addWidget(boundary)
    boundary.resize(500, 400)
    boundary.show()
    out = boundary.output
    assert out.mode == "map"                                     # 3 network inputs, a 2-D plane
    assert np.array_equal(out.train_points.data["x"], x[:, 0])   # the points in (x1, x2)
    points, _xs, _ys, _rect = out.grid()
    W0, b0, W1, b1 = studio.session.network.parameters()
    f = np.column_stack([points, points[:, 0] * points[:, 1]])
    p = 1 / (1 + np.exp(-(np.tanh(f @ W0 + b0) @ W1 + b1)))[:, 0]   # by hand
    out.discretise.setChecked(True)
    rgba = out.image.image.reshape(-1, 4)
    class_1 = p >= 0.5
    assert class_1.any() and (~class_1).any()
    assert len(np.unique(rgba[class_1], axis=0)) == 1 and len(np.unique(rgba[~class_1], axis=0)) == 1
    assert "y_hat" in out.readout_at(0.5, -0.5)


def test_the_studio_not_a_view_gives_the_position_shown_its_test_loss(qtbot):
    """Before, the loss curve wrote the test loss into the log: without it, a step by hand had none."""
    studio = xor_session()                   # no view at all
    core = studio.session
    for _ in range(3):
        studio.step()
    assert core.log.test.steps.tolist() == [0, 1, 2, 3]
    x, y = core.dataset.test_inputs, core._test_targets       # bce of the network's output, by hand
    out = 1 / (1 + np.exp(-(np.tanh(x @ core.network.W[0] + core.network.b[0]) @ core.network.W[1]
                           + core.network.b[1])))
    expected = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    assert core.log.test.rows[-1, 0] == pytest.approx(expected, rel=1e-9)
    studio.start(steps=5)                    # while running only every k-th step (k = 1 here: 12 <= 40)
    qtbot.waitUntil(lambda: not studio.running, timeout=10000)
    assert core.log.test.steps[-1] == core.step_count == 8


def test_the_curve_draws_the_logs_series_after_history_changed_behind_its_back(views, studio):
    curve, _ = views
    for _ in range(6):
        studio.step()
    with QSignalBlocker(studio):             # the view hears nothing of the step back and new steps
        studio.session.go_to(2)
        studio.session.config.optimizer_params["learning_rate"] = 2.0
        studio.session.run(steps=3)
    studio.step_taken.emit()                 # not running: the curve redraws at once
    x, y = curve_points(curve)
    np.testing.assert_array_equal(x, [1, 2, 3, 4, 5])
    np.testing.assert_array_equal(y, studio.session.losses)
