"""The loss-surface dock's function tabs: descent paths, clicks, typed expressions, the race
and the 1-D tangent view."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from backprop_studio.core.surfaces.descent import descend
from backprop_studio.core.surfaces.functions import OBJECTIVES
from backprop_studio.gui.plots.function_view import FunctionView
from backprop_studio.gui.plots.race import TOLERANCE, colour_of, final_losses, symbol_of
from backprop_studio.gui.plots.surface_function1d import FunctionView1D


class FakeClick:
    """What the scene's sigMouseClicked hands over: a button and a scene position."""

    def __init__(self, scene_pos: QPointF) -> None:
        self._pos = scene_pos

    def button(self):
        return Qt.MouseButton.LeftButton

    def scenePos(self):  # noqa: N802 - pyqtgraph's name
        return self._pos


@pytest.fixture
def view(qtbot):
    v = FunctionView()
    qtbot.addWidget(v)
    v.resize(1000, 600)
    v.show()
    qtbot.waitUntil(lambda: not v.runner.running and v.runs[0].path is not None, timeout=5000)
    yield v
    v.runner.shutdown()


def curve(item) -> np.ndarray:
    return np.column_stack([item.xData, item.yData])


def test_draws_the_descent_path_of_the_default_run(view):
    expected = descend(OBJECTIVES["himmelblau"], "sgd", {"learning_rate": 0.01}, (0.0, 0.0), 300, TOLERANCE)
    np.testing.assert_allclose(curve(view.path_items[0]), expected.points)
    assert view.heatmap.values.shape == (151, 151)
    # the heatmap holds f on the grid (rows are y), computed here by hand at one point
    xs, ys = view.heatmap.axes
    x, y = xs[17], ys[101]
    assert view.heatmap.values[101, 17] == pytest.approx((x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2)


def test_a_click_on_the_plot_places_a_new_start(qtbot, view):
    vb = view.heatmap.item.getViewBox()
    view.heatmap._on_scene_mouse_clicked(FakeClick(vb.mapViewToScene(QPointF(-1.0, 2.5))))
    assert view.start == pytest.approx((-1.0, 2.5), abs=0.05)
    qtbot.waitUntil(lambda: not view.runner.running, timeout=5000)
    points = curve(view.path_items[0])
    assert points[0] == pytest.approx(view.start)
    expected = descend(OBJECTIVES["himmelblau"], "sgd", {"learning_rate": 0.01}, view.start, 300, TOLERANCE)
    np.testing.assert_allclose(points, expected.points)


def test_an_invalid_expression_shows_the_error_and_keeps_the_function(qtbot, view):
    before = view.heatmap.values.copy()
    picker = view.picker
    picker.expression.setText("x^2 + foo*y")
    picker.combo.setCurrentIndex(picker.combo.count() - 1)      # "typed expression…"
    assert not picker.error.isHidden()
    assert "unknown name 'foo'" in picker.error.text()
    assert picker.error.text().splitlines()[-1] == " " * 6 + "^"   # under the f of foo (character 7)
    assert picker.objective.name == "himmelblau"
    np.testing.assert_array_equal(view.heatmap.values, before)
    picker.expression.setText("__import__('os')")
    assert not picker.use_expression()
    assert picker.objective.name == "himmelblau"
    # a good expression replaces the function and the error goes
    picker.expression.setText("x^2 + 10*y^2")
    assert picker.use_expression()
    assert picker.error.isHidden()
    xs, ys = view.heatmap.axes
    assert view.heatmap.values[3, 7] == pytest.approx(xs[7] ** 2 + 10 * ys[3] ** 2)
    assert view.start == (1.5, 1.5)


def test_race_runs_are_labelled_coloured_and_tabled(qtbot, view):
    view.add_run()                                   # the same settings again
    view.optimizer.optimizer.setCurrentText("adam")  # edits the selected (new) run
    view.optimizer.learning_rate.set_value(0.1)
    view.optimizer.changed.emit()
    view.add_run()
    qtbot.waitUntil(lambda: not view.runner.running and all(r.path is not None for r in view.runs),
                    timeout=5000)
    labels = [r.label for r in view.runs]
    assert labels == ["#1 sgd η=0.01", "#2 adam η=0.1", "#3 adam η=0.1"]
    looks = {(colour_of(r), symbol_of(r)) for r in view.runs}
    assert len(looks) == 3
    assert view.table.rowCount() == 3
    for row, run in enumerate(view.runs):
        expected = descend(OBJECTIVES["himmelblau"], run.optimizer, run.hyper, view.start, 300, TOLERANCE)
        assert float(view.table.item(row, 3).text()) == pytest.approx(expected.losses[-1], rel=1e-5)
        np.testing.assert_allclose(curve(view.path_items[row]), expected.points)
    np.testing.assert_allclose(final_losses(view.runs)[1], final_losses(view.runs)[2])
    legend_names = [label.text for _sample, label in view.legend.items]
    assert legend_names == labels


def test_gradient_arrow_points_downhill(view):
    view.step_slider.setValue(0)
    x, y = view.arrow.xData, view.arrow.yData
    shaft = np.array([x[1] - x[0], y[1] - y[0]])
    g = np.array([2 * (0 - 7), 2 * (0 - 11)])      # Himmelblau's gradient at (0, 0), by hand
    assert (x[0], y[0]) == (0.0, 0.0)
    # the shaft is drawn in screen pixels: in data units it keeps the signs of -grad f
    assert np.sign(shaft[0]) == np.sign(-g[0]) and np.sign(shaft[1]) == np.sign(-g[1])


def test_log_scale_shows_log10(qtbot, view):
    view.log_scale.setChecked(False)
    np.testing.assert_allclose(view.heatmap.image.image, view.heatmap.values)
    view.log_scale.setChecked(True)
    z = view.heatmap.image.image
    high = view.heatmap.values > 10.0      # above the floor (the 1st percentile)
    np.testing.assert_allclose(z[high], np.log10(view.heatmap.values[high] - view.heatmap.values.min()))


def test_1d_view_steps_and_tangent(qtbot):
    v = FunctionView1D()
    qtbot.addWidget(v)
    v.show()
    for _ in range(3):
        v.step()
    xs = [2.0]                               # quartic, plain SGD with eta = 0.05, by hand
    for _ in range(3):
        x = xs[-1]
        xs.append(x - 0.05 * (4 * x**3 - 6 * x + 1))
    np.testing.assert_allclose(v.steps_item.xData, xs)
    x = xs[-1]
    f, slope = x**4 - 3 * x**2 + x, 4 * x**3 - 6 * x + 1
    tx, ty = v.tangent.xData, v.tangent.yData
    np.testing.assert_allclose(ty, f + (tx - x) * slope)
    assert v.current.xData[0] == pytest.approx(x)
    assert "t = 3" in v.readout.text()
    v.go_to(50)
    assert len(v.steps_item.xData) == 51
    v.set_start(-0.5)
    assert list(v.steps_item.xData) == [-0.5]


def test_the_race_controls_edit_the_run_being_configured_not_the_selected_one(qtbot, view):
    view.add_run()                                   # #2 from the current settings (sgd 0.01)
    qtbot.waitUntil(lambda: not view.runner.running, timeout=5000)
    view.optimizer.optimizer.setCurrentText("adam")
    view.optimizer.changed.emit()
    view.table.selectRow(0)                          # look at the finished #1
    assert view.optimizer.spec()[0] == "adam"        # the controls still show the configured run
    view.optimizer.learning_rate.set_value(0.1)
    view.optimizer.changed.emit()
    assert (view.runs[0].optimizer, view.runs[0].hyper["learning_rate"]) == ("sgd", 0.01)
    assert (view.runs[1].optimizer, view.runs[1].hyper["learning_rate"]) == ("adam", 0.1)
    assert view.table.item(1, 0).text().endswith("✎") and not view.table.item(0, 0).text().endswith("✎")
    view.add_run()                                   # starts from the current settings
    assert view.runs[2].label == "#3 adam η=0.1"
    assert view.runs[2].hyper == view.optimizer.spec()[1]


def test_the_race_legend_stays_off_the_data_unless_asked_for(qtbot, view):
    view.add_run()
    assert not view.legend.isVisible()               # the table beside the plot is the key
    view.legend_box.setChecked(True)
    assert view.legend.isVisible()
    assert [label.text for _sample, label in view.legend.items] == [r.label for r in view.runs]


def test_the_2d_views_numbers_stay_readable_in_a_narrow_dock(qtbot):
    """At 1366x768 the 2-D view gets ~600 px: η and momentum keep room for "0.01" and "0.9"
    (squeezed, 0.01 showed as "1"), and the display options sit above the race table."""
    from PySide6.QtGui import QFontMetrics

    from backprop_studio.gui.plots.function_view import FunctionView

    view = FunctionView()
    qtbot.addWidget(view)
    view.setMinimumSize(300, 220)      # as gui.views.create_view caps a dock's content: it can be squeezed
    view.setMaximumSize(600, 420)
    view.resize(600, 420)
    view.show()
    qtbot.waitExposed(view)
    lr, momentum = view.optimizer.learning_rate, view.optimizer.momentum
    metrics = QFontMetrics(lr.font())
    assert lr.width() >= metrics.horizontalAdvance("0.001") + 8
    assert momentum.width() >= metrics.horizontalAdvance("0.9") + 8
    table_top = view.table.mapTo(view, view.table.rect().topLeft()).y()
    assert view.log_scale.mapTo(view, view.log_scale.rect().bottomLeft()).y() <= table_top
