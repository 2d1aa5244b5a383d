"""The function views render the studio's function models: change the model, check the view; use
the view's controls, check the model.  Numbers by hand: x' = x - eta grad f(x)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from backprop_studio.gui.function_models import FunctionModels
from backprop_studio.gui.plots.function_view import FunctionView
from backprop_studio.gui.plots.surface_function1d import FunctionView1D


@pytest.fixture
def models(qtbot):
    m = FunctionModels()
    yield m
    m.shutdown()


def race_view(qtbot, models) -> FunctionView:
    view = FunctionView(models)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitUntil(lambda: models.race.ready, timeout=10000)
    return view


def test_a_race_set_on_the_model_is_what_the_view_draws(qtbot, models):
    view = race_view(qtbot, models)
    race = models.race
    # f = x^2 + 10 y^2, grad = (2x, 20y); eta 0.05 from (1, 1): (0.9, 0.0), then (0.81, 0.0)
    race.show(None, "x^2 + 10*y^2", [((1.0, 1.0), "sgd", {"learning_rate": 0.05}),
                                     (None, "sgd", {"learning_rate": 0.01})], steps=40)
    qtbot.waitUntil(lambda: race.ready, timeout=10000)
    assert view.picker.combo.currentData() == "" and view.picker.expression.text() == "x^2 + 10*y^2"
    assert view.steps.value() == 40 and view.table.rowCount() == 2
    first = np.column_stack([view.path_items[0].xData, view.path_items[0].yData])
    np.testing.assert_allclose(first[:3], [[1.0, 1.0], [0.9, 0.0], [0.81, 0.0]], atol=1e-12)
    xs, ys = view.heatmap.axes
    assert view.heatmap.values[5, 9] == pytest.approx(xs[9] ** 2 + 10 * ys[5] ** 2)
    race.set_t(1)
    assert view.step_slider.value() == 1 and view.step_label.text() == "t = 1"
    assert (view.markers.data["x"][0], view.markers.data["y"][0]) == pytest.approx((0.9, 0.0))


def test_the_views_controls_change_the_model(qtbot, models):
    view = race_view(qtbot, models)
    race = models.race
    view.add_button.click()
    assert [r.number for r in race.runs] == [1, 2]
    view.optimizer.optimizer.setCurrentText("adam")          # edits the configured (last) run
    assert (race.runs[0].optimizer, race.runs[1].optimizer) == ("sgd", "adam")
    view.heatmap.clicked.emit(-1.0, 2.5)                      # a click on the plot
    assert race.start == (-1.0, 2.5)
    view.steps.setValue(50)
    view.steps.editingFinished.emit()
    assert race.steps == 50
    qtbot.waitUntil(lambda: race.ready, timeout=10000)
    view.step_slider.setValue(7)
    assert race.t == 7
    view.table.selectRow(0)
    view.remove_button.click()
    assert [r.number for r in race.runs] == [2]


def test_two_1d_views_of_one_model_show_the_same_step(qtbot, models):
    one, two = FunctionView1D(models), FunctionView1D(models)
    for view in (one, two):
        qtbot.addWidget(view)
    models.descent.show(None, "x^2", 2.0, "sgd", {"learning_rate": 0.25}, t=0)
    assert one.picker.expression.text() == "x^2" and two.optimizer.learning_rate.value() == 0.25
    qtbot.mouseClick(one.step_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(one.step_button, Qt.MouseButton.LeftButton)
    assert models.descent.t == 2
    for view in (one, two):                  # x' = x - 0.25 * 2x = x / 2: 2, 1, 0.5
        assert list(view.steps_item.xData) == [2.0, 1.0, 0.5]
        assert "t = 2" in view.readout.text()
    two.run_to.setValue(5)
    two.run_button.click()
    assert models.descent.t == 5 and one.current.xData[0] == pytest.approx(2.0 / 32)
    one.reset_button.click()
    assert models.descent.t == 0 and list(two.steps_item.xData) == [2.0]


def test_the_app_and_a_lesson_share_the_studios_models(main_window):
    studio = main_window.studio
    surface = main_window.views["lossSurface"]
    assert surface.function1d.model is studio.functions.descent
    assert surface.function2d.model is studio.functions.race
    studio.functions.descent.go_to(3)                        # as a lesson's state would
    assert surface.function1d.t == 3 and "t = 3" in surface.function1d.readout.text()
