"""The dataset panel's edits (core.data.edits), on datasets built here by hand."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.data.datasets import Dataset, make_dataset
from backprop_studio.core.data.edits import (
    target_row,
    with_last_row_repeated,
    with_point,
    with_value,
    without_rows,
)

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]


def three_classes() -> Dataset:
    return Dataset(X, [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0.5, 0.5]], [[0, 1, 0]])


def test_a_point_of_class_c_gets_a_one_hot_target_row():
    ds = three_classes()
    spec = with_point(ds, (2.0, -1.0), 2)
    assert spec["inputs"][-1] == [2.0, -1.0] and spec["targets"][-1] == [0.0, 0.0, 1.0]
    assert spec["inputs"][:4] == X                                  # the others unchanged
    assert with_point(ds, (0, 0), 4)["targets"][-1] == [0.0, 1.0, 0.0]   # class 4 of 3: 4 mod 3 = 1
    # the test set stays, and the spec makes the dataset
    new = make_dataset(spec)
    assert len(new) == 5 and new.test_inputs.tolist() == [[0.5, 0.5]] and new.test_targets.tolist() == [[0, 1, 0]]
    np.testing.assert_array_equal(ds.targets[:, 0], [1, 0, 0, 1])  # the edited dataset is untouched


def test_one_output_takes_the_number_itself():
    ds = Dataset(X, [0.0, 1.0, 1.0, 0.0])
    assert target_row(ds, 1.0).tolist() == [[1.0]]
    assert target_row(ds, 0.25).tolist() == [[0.25]]
    assert with_point(ds, (0.5, 0.5), 1.0)["targets"] == [[0.0], [1.0], [1.0], [0.0], [1.0]]


def test_rows_are_removed_and_one_sample_always_stays():
    ds = Dataset(X, [0.0, 1.0, 1.0, 0.0])
    spec = without_rows(ds, [2, 0, 2])
    assert spec["inputs"] == [[0.0, 1.0], [1.0, 1.0]] and spec["targets"] == [[1.0], [0.0]]
    for rows in ([], [0, 1, 2, 3]):
        with pytest.raises(ValueError, match="at least one sample must stay"):
            without_rows(ds, rows)
    with pytest.raises(ValueError, match="no row 5"):
        without_rows(ds, [4])


def test_a_typed_value_goes_into_its_input_or_target_column():
    ds = three_classes()
    assert with_value(ds, 1, 0, 7.5)["inputs"][1] == [7.5, 1.0]
    assert with_value(ds, 3, 4, 1.0)["targets"][3] == [1.0, 0.0, 1.0]   # column 4: the third target
    with pytest.raises(ValueError, match="no cell"):
        with_value(ds, 4, 0, 1.0)


def test_a_new_row_repeats_the_last_one_and_features_are_kept():
    ds = Dataset(X, [0.0, 1.0, 1.0, 0.0], features=["x1", "x2", "x1*x2"])
    spec = with_last_row_repeated(ds)
    assert spec["inputs"][-1] == [1.0, 1.0] and spec["targets"][-1] == [0.0]
    assert spec["features"] == ["x1", "x2", "x1*x2"]
    assert make_dataset(spec).inputs[-1].tolist() == [1.0, 1.0, 1.0]
