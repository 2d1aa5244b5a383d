"""core.training.metrics against counts and norms worked out by hand."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.engine.network import build
from backprop_studio.core.training.metrics import (
    accuracy,
    confusion_matrix,
    dead_units,
    gradient_norms,
    predicted_classes,
    r_squared,
    task_of,
    true_classes,
    weight_norms,
)


def test_task_of_tells_classification_from_regression():
    binary = task_of(np.array([[0.0], [1.0], [1.0]]), outputs=1)
    assert binary.is_classification and binary.classes == 2
    assert list(task_of(np.array([[-1.0], [1.0]]), 1).labels) == [-1.0, 1.0]
    labels = task_of(np.array([[0.0], [2.0], [1.0]]), outputs=3)
    assert labels.is_classification and labels.classes == 3
    one_hot = task_of(np.eye(4)[[0, 3, 1]], outputs=4)
    assert one_hot.is_classification and one_hot.classes == 4 and one_hot.labels is None
    assert not task_of(np.array([[0.1], [0.7], [2.5]]), 1).is_classification
    assert not task_of(np.array([[0.5, 0.5], [1.0, 0.0]]), 2).is_classification


def test_predicted_classes_threshold_halfway_between_labels():
    zero_one = task_of(np.array([[0.0], [1.0]]), 1)
    assert list(predicted_classes(np.array([[0.2], [0.7], [0.5]]), zero_one)) == [0, 1, 1]
    plus_minus = task_of(np.array([[-1.0], [1.0]]), 1)
    assert list(predicted_classes(np.array([[-0.3], [0.1]]), plus_minus)) == [0, 1]
    assert list(true_classes(np.array([[-1.0], [1.0], [1.0]]), plus_minus)) == [0, 1, 1]


def test_accuracy_and_confusion_matrix_by_hand():
    true = np.array([0, 1, 2, 2, 1, 0])
    pred = np.array([0, 2, 2, 2, 1, 1])
    assert accuracy(true, pred) == pytest.approx(4 / 6)
    # rows: true class, columns: predicted class
    expected = np.array([[1, 1, 0],
                         [0, 1, 1],
                         [0, 0, 2]])
    np.testing.assert_array_equal(confusion_matrix(true, pred, 3), expected)
    assert np.isnan(accuracy(np.array([], dtype=int), np.array([], dtype=int)))


def test_argmax_classes_for_several_outputs():
    task = task_of(np.eye(3)[[0, 1, 2]], 3)
    y_hat = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    assert list(predicted_classes(y_hat, task)) == [1, 0, 2]


def test_r_squared():
    y = np.array([[1.0], [2.0], [3.0]])
    assert r_squared(y, y) == pytest.approx(1.0)
    assert r_squared(y, np.full_like(y, 2.0)) == pytest.approx(0.0)


def test_norms_are_frobenius_norms():
    assert list(gradient_norms([np.array([[3.0, 4.0]]), None])[:1]) == [5.0]
    assert np.isnan(gradient_norms([None])[0])
    net = build([3, 2, 1], "sigmoid", seed=0)
    expected = [np.sqrt(np.sum(w ** 2)) for w in net.W]
    np.testing.assert_allclose(weight_norms(net), expected)


def test_dead_relu_unit_is_found():
    net = build([2, 3, 1], ["relu", "sigmoid"], seed=0)
    # unit 2 of layer 1 (column 1) gets only negative weights and a negative bias: for inputs
    # in [0, 1]^2 its v_in is at most -0.5, so it is zero for every sample
    net.W[0] = np.array([[1.0, -1.0, 0.5], [1.0, -2.0, -0.5]])
    net.b[0] = np.array([0.0, -0.5, 0.1])
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    dead = dead_units(net, x)
    assert dead[0] is None and dead[2] is None            # input layer, sigmoid output
    assert list(dead[1]) == [False, True, False]
    net.b[0][1] = 2.0                                      # now positive at x = (0, 0)
    assert not dead_units(net, x)[1].any()


def test_no_dead_units_without_relu():
    net = build([2, 3, 1], "sigmoid")
    assert dead_units(net, np.zeros((4, 2))) == [None, None, None]
