"""The Metrics and Diagnostics tabs of the decision-boundary dock, checked against hand counts."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import Layer, Network, build
from backprop_studio.core.training import log as training_log
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.plots.decision_boundary import DecisionBoundary
from backprop_studio.gui.studio import StudioSession


def three_class_session() -> StudioSession:
    """A softmax layer scoring (x1, x2, -x1 - x2): the predicted class is the largest score."""
    W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]])
    net = Network([Layer(2), Layer(3, "softmax")], [W], [np.zeros(3)])
    x = np.array([[2.0, 0.0],     # scores (2, 0, -2)    -> 0, label 0  right
                  [0.0, 2.0],     # (0, 2, -2)           -> 1, label 1  right
                  [-1.0, -1.0],   # (-1, -1, 2)          -> 2, label 2  right
                  [1.0, 0.5],     # (1, 0.5, -1.5)       -> 0, label 1  wrong
                  [-2.0, -3.0],   # (-2, -3, 5)          -> 2, label 0  wrong
                  [0.5, 3.0]])    # (0.5, 3, -3.5)       -> 1, label 1  right
    labels = np.array([0, 1, 2, 1, 0, 1], dtype=float)
    test_x = np.array([[3.0, 1.0], [1.0, 4.0]])   # -> 0, 1
    test_labels = np.array([0, 2], dtype=float)    # right, wrong
    config = TrainingConfig(loss="cross_entropy", optimizer_params={"learning_rate": 0.1})
    return StudioSession(Session(net, Dataset(x, labels, test_x, test_labels), config))


@pytest.fixture
def shown(qtbot):
    def show(studio: StudioSession, tab: int) -> DecisionBoundary:
        view = DecisionBoundary(studio)
        qtbot.addWidget(view)
        view.resize(500, 450)
        view.show()
        view.tabs.setCurrentIndex(tab)
        return view
    return show


def test_accuracy_and_confusion_matrix_match_hand_counts(shown):
    view = shown(three_class_session(), 1)
    metrics = view.metrics
    assert metrics.train_label.text() == "Training accuracy: 4 / 6 = 66.7 %"
    assert metrics.test_label.text() == "Test accuracy: 1 / 2 = 50.0 %"
    expected = np.array([[1, 0, 1],      # true 0: one right, one predicted 2
                         [1, 2, 0],      # true 1: two right, one predicted 0
                         [0, 0, 1]])     # true 2: right
    np.testing.assert_array_equal(metrics.matrix, expected)
    assert [metrics.table.item(0, j).text() for j in range(3)] == ["1", "0", "1"]
    metrics.which.setCurrentIndex(1)                     # the test set
    np.testing.assert_array_equal(metrics.matrix, [[1, 0, 0], [0, 0, 0], [0, 1, 0]])


def test_metrics_follow_a_step_and_its_undo(shown):
    studio = three_class_session()
    view = shown(studio, 1)
    studio.edit_parameter(0, (0, 0), -5.0, "flip a weight")   # class 0's score becomes -5 x1
    changed = view.metrics.matrix.copy()
    assert not np.array_equal(changed, [[1, 0, 1], [1, 2, 0], [0, 0, 1]])
    studio.undo_stack.undo()
    np.testing.assert_array_equal(view.metrics.matrix, [[1, 0, 1], [1, 2, 0], [0, 0, 1]])


def test_multiclass_map_uses_a_colour_per_class(shown):
    view = shown(three_class_session(), 0)
    out = view.output
    out.discretise.setChecked(True)
    points, *_ = out.grid()
    predicted = np.argmax(points @ np.array([[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]]), axis=1)
    rgba = out.image.image.reshape(-1, 4)
    colours = [np.unique(rgba[predicted == c], axis=0) for c in range(3)]
    assert all(len(c) == 1 for c in colours)            # one colour per predicted class
    assert len({tuple(c[0]) for c in colours}) == 3     # three different colours


def relu_session() -> StudioSession:
    net = build([2, 3, 1], ["relu", "sigmoid"], seed=0)
    net.W[0] = np.array([[1.0, -1.0, 0.5], [1.0, -2.0, -0.5]])
    net.b[0] = np.array([0.0, -0.5, 0.1])
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return StudioSession(Session(net, Dataset(x, [[0.0], [1.0], [1.0], [0.0]])))


def test_dead_relu_unit_is_reported(shown):
    view = shown(relu_session(), 2)
    text = view.diagnostics.dead.text()
    assert "Dead ReLU units (1): layer 1 unit 2 " in text


@pytest.mark.parametrize("wide", [False, True])
def test_gradient_and_weight_norms_are_recorded_per_step_and_cut_on_step_back(shown, monkeypatch, wide):
    if wide:      # the log records the norms at each step instead of in batches
        monkeypatch.setattr(training_log, "BUFFERED_NUMBERS", 0)
    studio = relu_session()
    assert studio.session.log.wide == wide
    view = shown(studio, 2)
    recorder = view.diagnostics.recorder
    norms = []
    for _ in range(4):
        studio.step()
        norms.append([np.linalg.norm(g) for g in studio.session.last.dE_dW])
    assert list(recorder.steps) == [0, 1, 2, 3, 4]
    assert np.isnan(recorder.gradient[0]).all()          # no gradient before the first step
    np.testing.assert_allclose(recorder.gradient[1:], norms)
    np.testing.assert_allclose(recorder.weight[-1], [np.linalg.norm(w) for w in studio.session.network.W])
    studio.back_step()
    assert list(recorder.steps) == [0, 1, 2, 3]
    np.testing.assert_allclose(recorder.gradient[1:], norms[:3])
    x, y = view.diagnostics._weight_curves[0].getData()
    assert list(x) == [0, 1, 2, 3]
    assert "layer 1" in view.diagnostics.summary.text()


def test_regression_shows_the_fit_instead_of_accuracy(shown):
    x = np.linspace(-1, 1, 9)[:, None]
    net = build([1, 1], "identity", seed=0)
    net.W[0][:] = 2.0
    net.b[0][:] = 1.0
    studio = StudioSession(Session(net, Dataset(x, 2 * x + 1)))   # a perfect fit
    view = shown(studio, 1)
    assert view.metrics.train_label.text().startswith("Training fit: R² = 1.0000")
    assert not view.metrics.table.isVisible()
