"""Seeded generators, inline datasets, train/test split and reproducible input scaling."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import Dataset, make_dataset, spec_of
from backprop_studio.core.data.generators import GENERATORS

CLASSIFIERS = ["xor", "and", "or", "circle", "gaussians", "spiral", "moons"]
REGRESSIONS = {"sine": 1, "line": 1, "parabola": 1, "plane": 2}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generator_is_seeded_and_shaped(name):
    spec = {"generator": name, "samples": 50, "noise": 0.1, "seed": 4}
    a, b = make_dataset(spec), make_dataset(dict(spec))
    c = make_dataset({**spec, "seed": 5})
    assert np.array_equal(a.inputs, b.inputs) and np.array_equal(a.targets, b.targets)
    assert not np.array_equal(a.inputs, c.inputs)
    assert a.inputs.shape == (50, REGRESSIONS.get(name, 2)) and a.targets.shape == (50, 1)
    if name in CLASSIFIERS:
        assert set(np.unique(a.targets)) == {0.0, 1.0}


@pytest.mark.parametrize("name, table", [("xor", [0, 1, 1, 0]), ("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1])])
def test_logic_generators_without_noise_are_the_truth_table(name, table):
    d = make_dataset({"generator": name, "samples": 4, "noise": 0.0})
    assert d.inputs.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert d.targets[:, 0].tolist() == table


def test_geometric_generators_without_noise():
    c = make_dataset({"generator": "circle", "samples": 200, "noise": 0.0})
    r = np.hypot(c.inputs[:, 0], c.inputs[:, 1])
    assert np.all(r[c.targets[:, 0] == 1] <= 0.5) and np.all(r[c.targets[:, 0] == 0] >= 0.7)
    m = make_dataset({"generator": "moons", "samples": 100, "noise": 0.0})
    x, y = m.inputs.T
    upper = m.targets[:, 0] == 0
    np.testing.assert_allclose(x[upper] ** 2 + y[upper] ** 2, 1.0)
    np.testing.assert_allclose((x[~upper] - 1) ** 2 + (y[~upper] - 0.5) ** 2, 1.0)
    s = make_dataset({"generator": "spiral", "samples": 90, "noise": 0.0, "classes": 3})
    assert sorted(np.unique(s.targets)) == [0.0, 1.0, 2.0]
    assert np.all(np.hypot(*s.inputs.T) <= 1.0)
    g = make_dataset({"generator": "gaussians", "samples": 4, "noise": 0.0, "classes": 4})
    np.testing.assert_allclose(np.hypot(*g.inputs.T), 1.5)


def test_regression_generators_without_noise():
    x = make_dataset({"generator": "sine", "samples": 30, "noise": 0.0})
    np.testing.assert_allclose(x.targets[:, 0], np.sin(x.inputs[:, 0]))
    assert np.all(np.abs(x.inputs) <= np.pi)
    line = make_dataset({"generator": "line", "samples": 10, "noise": 0.0})
    np.testing.assert_allclose(line.targets[:, 0], 2 * line.inputs[:, 0] + 1)
    par = make_dataset({"generator": "parabola", "samples": 10, "noise": 0.0})
    np.testing.assert_allclose(par.targets[:, 0], par.inputs[:, 0] ** 2)
    p = make_dataset({"generator": "plane", "samples": 10, "noise": 0.0})
    np.testing.assert_allclose(p.targets[:, 0], 0.5 * p.inputs[:, 0] - p.inputs[:, 1] + 0.25)


def test_inline_dataset_and_flat_targets():
    d = make_dataset({"inputs": [[1, 2], [3, 4]], "targets": [0, 1]})
    assert d.inputs.tolist() == [[1.0, 2.0], [3.0, 4.0]] and d.targets.tolist() == [[0.0], [1.0]]
    assert spec_of(d) == {"inputs": [[1, 2], [3, 4]], "targets": [0, 1]}
    t = make_dataset({"inputs": [[1.0]], "targets": [[2.0]], "test_inputs": [[3.0]], "test_targets": [[4.0]]})
    assert t.test_inputs.tolist() == [[3.0]]


def test_a_dataset_made_in_code_is_written_inline():
    d = Dataset(np.array([[0.5, 1.5]]), np.array([1.0]))
    assert spec_of(d) == {"inputs": [[0.5, 1.5]], "targets": [[1.0]]}


def test_split_is_seeded_disjoint_and_complete():
    spec = {"inputs": [[float(i)] for i in range(10)], "targets": [[float(i)] for i in range(10)],
            "split": {"test_fraction": 0.3, "seed": 2}}
    d = make_dataset(spec)
    test = np.sort(np.random.default_rng(2).permutation(10)[:3])
    assert d.test_inputs[:, 0].tolist() == test.tolist()
    assert sorted(d.inputs[:, 0].tolist() + d.test_inputs[:, 0].tolist()) == list(range(10))
    assert np.array_equal(d.inputs, d.targets)   # rows stay paired


def test_standardise_uses_training_stats_and_stores_them():
    spec = {"inputs": [[1.0, 10.0], [3.0, 10.0], [5.0, 10.0], [100.0, 0.0]], "targets": [0, 0, 0, 1],
            "split": {"test_fraction": 0.25, "seed": 0}, "scaling": "standardise"}
    d = make_dataset(spec)
    raw = np.array(spec["inputs"])
    test = np.random.default_rng(0).permutation(4)[:1]
    train = np.delete(raw, test, axis=0)
    mean, std = train.mean(0), train.std(0)
    std[std == 0] = 1.0
    np.testing.assert_allclose(d.inputs, (train - mean) / std, rtol=1e-15)
    np.testing.assert_allclose(d.test_inputs, (raw[test] - mean) / std, rtol=1e-15)
    scaling = d.spec["scaling"]
    assert scaling["method"] == "standardise" and scaling["mean"] == mean.tolist()
    again = make_dataset(d.spec)   # the stored stats reproduce the inputs bit for bit
    assert np.array_equal(again.inputs, d.inputs) and np.array_equal(again.test_inputs, d.test_inputs)


@pytest.mark.parametrize("spec, where, words", [
    ({"generator": "blobs"}, "dataset.generator", "unknown name"),
    ({"generator": "xor", "samples": 10 ** 9}, "dataset.samples", "100,000"),
    ({"generator": "xor", "samples": 0}, "dataset.samples", "at least 1"),
    ({"generator": "xor", "noise": -1}, "dataset.noise", ">="),
    ({"generator": "xor", "classes": 3}, "dataset.classes", "no classes"),
    ({"generator": "xor", "sample": 3}, "dataset", "unknown key"),
    ({"inputs": [[1, 2], [3]], "targets": [0, 1]}, "dataset.inputs[1]", "expected 2 numbers"),
    ({"inputs": [[1, "a"]], "targets": [0]}, "dataset.inputs[0][1]", "expected a number"),
    ({"inputs": [[1e400]], "targets": [0]}, "dataset.inputs[0][0]", "finite"),
    ({"inputs": [[1.0]], "targets": [0, 1]}, "dataset.targets", "expected 1 rows"),
    ({"inputs": [[1.0]], "targets": [0], "scaling": "minmax"}, "dataset.scaling", "standardise"),
    ({"inputs": [[1.0], [2.0]], "targets": [0, 1], "split": {"test_fraction": 1.0}},
     "dataset.split.test_fraction", "< 1.0"),
    ({"inputs": [[1.0]], "targets": [0], "scaling": {"method": "standardise", "mean": [0.0], "std": [0.0]}},
     "dataset.scaling.std", "positive"),
    ({"inputs": [[1e308], [-1e308]], "targets": [0, 1], "scaling": "standardise"}, "dataset.scaling", "too large"),
    ([1, 2], "dataset", "expected an object"),
])
def test_bad_specs_name_the_json_path(spec, where, words):
    with pytest.raises(InputError) as e:
        make_dataset(spec)
    assert e.value.where == where and words in e.value.message
