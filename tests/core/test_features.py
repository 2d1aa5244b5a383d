"""Input features (dataset.features): the map by hand, strict validation, file round trip, trace."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main
from backprop_studio.core.data.datasets import Dataset, make_dataset, spec_of
from backprop_studio.core.data.features import FEATURES, feature_map
from backprop_studio.core.files import project_file

ROOT = Path(__file__).resolve().parents[2]
ALL = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]


def test_the_names_are_the_issues_list() -> None:
    assert list(FEATURES) == ALL


def test_feature_values_by_hand() -> None:
    x = np.array([[0.5, -2.0], [3.0, 0.25]])
    got = feature_map(x, ALL)
    for row, (a, b) in zip(got, x):
        assert row.tolist() == [a, b, a * a, b * b, a * b, math.sin(a), math.sin(b)]
    assert feature_map(x, ["x1*x2", "x1"]).tolist() == [[-1.0, 0.5], [0.75, 3.0]]   # in the listed order


def test_features_apply_after_scaling_and_to_the_test_set() -> None:
    spec = {"inputs": [[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]], "targets": [0, 1, 0],
            "test_inputs": [[3.0, 2.0]], "test_targets": [1], "scaling": "standardise",
            "features": ["x2", "x1^2"]}
    ds = make_dataset(spec)
    sd1, sd2 = math.sqrt(8 / 3), math.sqrt(32 / 3)           # population std of 1,3,5 and 2,6,10
    assert ds.raw_inputs[0].tolist() == pytest.approx([-2 / sd1, -4 / sd2])
    assert ds.inputs[0].tolist() == pytest.approx([-4 / sd2, (2 / sd1) ** 2])
    assert ds.test_inputs[0].tolist() == pytest.approx([-4 / sd2, 0.0])
    assert ds.spec["scaling"]["mean"] == [3.0, 6.0]            # the raw columns' statistics


@pytest.mark.parametrize("features, where, words", [
    (["x1", "x3"], "dataset.features[1]", "unknown name 'x3'"),
    (["x1", "x1"], "dataset.features[1]", "listed twice"),
    ([], "dataset.features", "non-empty list"),
    ("x1", "dataset.features", "non-empty list"),
    ([1], "dataset.features[0]", "expected a string"),
])
def test_bad_features_are_refused_naming_the_json_path(features, where, words) -> None:
    with pytest.raises(InputError) as e:
        make_dataset({"generator": "xor", "samples": 8, "features": features})
    assert e.value.where == where and words in e.value.message


def test_features_need_a_2d_dataset() -> None:
    with pytest.raises(InputError) as e:
        make_dataset({"generator": "sine", "samples": 8, "features": ["x1"]})
    assert e.value.where == "dataset.features" and "2 input columns" in e.value.message


def xor_with_features(features: list[str]) -> dict:
    doc = json.loads((ROOT / "resources/examples/xor.json").read_text())
    doc["dataset"]["features"] = features
    n = len(features)
    doc["network"]["layers"][0]["units"] = n    # the weights are drawn by network.init
    return doc


def test_the_file_round_trips_features() -> None:
    doc = xor_with_features(["x1", "x2", "x1*x2"])
    s = project_file.session_from(doc)
    assert s.network.sizes[0] == 3 and s.dataset.features == ["x1", "x2", "x1*x2"]
    x = s.dataset.raw_inputs
    assert np.array_equal(s.dataset.inputs[:, 2], x[:, 0] * x[:, 1])
    saved = json.loads(project_file.dumps(s))
    assert saved["dataset"]["features"] == ["x1", "x2", "x1*x2"]
    again = project_file.session_from(saved)
    assert np.array_equal(again.dataset.inputs, s.dataset.inputs)
    # an inline dataset made in code writes its raw columns and its features
    inline = Dataset(x[:4], s.dataset.targets[:4], features=["x2", "sin(x1)"])
    spec = spec_of(inline)
    assert spec["inputs"] == x[:4].tolist() and spec["features"] == ["x2", "sin(x1)"]
    assert np.array_equal(make_dataset(spec).inputs, inline.inputs)


def test_a_network_that_does_not_fit_the_features_is_refused() -> None:
    doc = xor_with_features(["x1", "x2", "x1*x2"])
    doc["dataset"]["features"] = ["x1", "x2"]
    with pytest.raises(InputError) as e:
        project_file.session_from(doc)
    assert e.value.where == "dataset" and "input layer has 3" in e.value.message


def test_trace_uses_the_features(tmp_path, capsys) -> None:
    doc = xor_with_features(["x1^2", "x1*x2"])
    (tmp_path / "f.json").write_text(json.dumps(doc))
    assert main(["trace", str(tmp_path / "f.json"), "--steps", "1"]) == 0
    step = json.loads(capsys.readouterr().out)["steps"][0]
    raw = make_dataset({k: v for k, v in doc["dataset"].items() if k != "features"}).inputs
    x = raw[step["samples"]]
    features = np.column_stack([x[:, 0] ** 2, x[:, 0] * x[:, 1]])
    net = project_file.session_from(doc).network           # the same seeded initial weights
    W, b = net.W[0], net.b[0]
    np.testing.assert_allclose(step["layers"][0]["v_in"], features @ W + b, rtol=1e-12)
