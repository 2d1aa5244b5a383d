"""Project files: round trips that continue bit-identically, strict errors with JSON paths,
atomic saves, and a hypothesis fuzz of the loader."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.files import project_file

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
ARTICLE = json.loads((EXAMPLES / "article_3_2_1.json").read_text())


def state_of(s) -> str:
    """Everything that determines training, as exact text (repr round-trips floats)."""
    return repr(([p.tolist() for p in s.network.parameters()],
                 {k: v if k == "t" else [a.tolist() for a in v] for k, v in s.opt_state.items()},
                 s.rng_state, s.step_count, s.epoch, s.position, s.order.tolist(), s.losses))


def test_every_shipped_example_loads_and_learns():
    assert {p.stem for p in EXAMPLE_FILES} >= {"article_3_2_1", "xor", "circle", "spiral", "moons", "sine"}
    for path in EXAMPLE_FILES:
        s = project_file.load(path)
        before = s.dataset_loss()
        assert s.run(steps=2000).reason == "steps"
        assert s.dataset_loss() < 0.25 * before, path.name


@pytest.mark.parametrize("name", ["xor", "sine", "moons"])
def test_save_load_and_continue_gives_identical_numbers(tmp_path, name):
    s = project_file.load(EXAMPLES / f"{name}.json")
    s.set_config(type(s.config)(**{**s.config.__dict__, "optimizer": "adam",
                                   "optimizer_params": {"learning_rate": 0.01}}))
    s.run(steps=37)
    project_file.save(s, tmp_path / "saved.json")
    t = project_file.load(tmp_path / "saved.json")
    assert state_of(t) == state_of(s)
    s.run(steps=41)
    t.run(steps=41)
    assert state_of(t) == state_of(s)
    assert project_file.dumps(project_file.loads(project_file.dumps(s))) == project_file.dumps(s)
    t.reset()   # reset still goes back to the initial parameters of the original file
    u = project_file.load(EXAMPLES / f"{name}.json")
    assert [p.tolist() for p in t.network.parameters()] == [p.tolist() for p in u.network.parameters()]


def test_masks_frozen_and_meta_survive_a_round_trip():
    doc = copy.deepcopy(ARTICLE)
    doc["network"]["mask"] = [[[1, 0], [1, 1], [1, 1]], None]
    doc["network"]["frozen"] = {"weights": [True, [[1], [0]]], "biases": False}
    doc["view"] = {"positions": [[0, 1], [2, 3]], "zoom": 1.5}
    s = project_file.loads(json.dumps(doc))
    assert s.network.W[0][0, 1] == 0.0 and not s.network.mask[0][0, 1]
    s.run(steps=3)
    assert np.array_equal(s.network.W[0], np.array(doc["network"]["weights"][0]) * s.network.mask[0])
    t = project_file.loads(project_file.dumps(s))
    assert np.array_equal(t.network.frozen_W[1], [[True], [False]]) and t.meta["view"]["zoom"] == 1.5
    assert project_file.dumps(t) == project_file.dumps(s)


def test_the_weights_are_the_articles_shapes():
    s = project_file.load(EXAMPLES / "article_3_2_1.json")
    assert [w.shape for w in s.network.W] == [(3, 2), (2, 1)]
    assert s.network.W[0].tolist() == ARTICLE["network"]["weights"][0]


def edited(change) -> str:
    doc = copy.deepcopy(ARTICLE)
    change(doc)
    return json.dumps(doc)


def setter(path: str, value):
    def change(doc):
        *head, last = path.split("/")
        node = doc
        for key in head:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return change


def deleter(key: str):
    return lambda doc: doc.pop(key)


BIG = [{"units": 3}] + [{"units": 2}] * 100
ERRORS = [
    (setter("network/weights/1", [[1, 2, 3], [4, 5, 6]]), "network.weights[1]", "expected 2x1, got 2x3"),
    (setter("network/weights/0/1", [1, 2, 3]), "network.weights[0][1]", "expected 2 numbers"),
    (setter("network/weights/0/1/0", "0.2"), "network.weights[0][1][0]", "expected a number"),
    (setter("network/layers/1/units", "2"), "network.layers[1].units", "expected a whole number"),
    (setter("network/layers/1/units", 10 ** 9), "network.layers[1].units", "100,000 units"),
    (setter("network/layers/1/units", 0), "network.layers[1].units", "at least 1"),
    (setter("network/layers", BIG), "network.layers", "the limit is 100"),
    (setter("network/layers", [{"units": 100_000}] * 3), "network.layers", "10,000,000 parameters"),
    (setter("network/layers/1/activation", "sigmoidal"), "network.layers[1].activation", "unknown name"),
    (setter("network/layers/1/activation", "softmax"), "network.layers[1].activation", "output layer"),
    (setter("network/layers/1/bias", "yes"), "network.layers[1].bias", "true or false"),
    (setter("network/layers/1/param", 0.1), "network.layers[1].param", "leaky_relu"),
    (setter("network/wieghts", []), "network", "unknown key 'wieghts'"),
    (setter("network/biases", [[0.1, 0.2], None]), "network.biases[0]", "no bias"),
    (setter("network/mask", [[[1, 2], [1, 1], [1, 1]], None]), "network.mask[0]", "only 0 and 1"),
    (setter("network/mask", [None]), "network.mask", "expected a list of 2"),
    (setter("network/init", {"scheme": "glorot"}), "network.init.scheme", "unknown name"),
    (setter("network/frozen", {"weights": "all"}), "network.frozen.weights", "expected a list of 2"),
    (setter("loss", "l2"), "loss", "unknown name"),
    (setter("optimizer", {"name": "sgdd"}), "optimizer.name", "unknown name"),
    (setter("optimizer", {"name": "sgd", "beta1": 0.9}), "optimizer", "unknown key 'beta1'"),
    (setter("optimizer", {"name": "sgd", "learning_rate": -1}), "optimizer.learning_rate", "must be >= 0, got -1"),
    (setter("optimizer", {"name": "adam", "beta2": 1.0}), "optimizer.beta2", "must be >= 0 and < 1, got 1.0"),
    (setter("optimizer", {"name": "sgd", "nesterov": 1}), "optimizer.nesterov", "true or false"),
    (setter("training", {"batch_size": -1}), "training.batch_size", "must be >= 0 and <= 1,000,000,000, got -1"),
    (setter("training", {"batch_size": 2.5}), "training.batch_size", "whole number"),
    (setter("training", {"schedule": {"name": "warm"}}), "training.schedule.name", "unknown name"),
    (setter("training", {"schedule": {"name": "step", "step_size": 0}}), "training.schedule.step_size", ""),
    (setter("training", {"shuffle": "no"}), "training.shuffle", "true or false"),
    (setter("dataset", {"inputs": [[1.0, 2.0]], "targets": [[1.0]]}), "dataset", "2 input column"),
    (setter("dataset", {"generator": "xor", "samples": 10 ** 7}), "dataset.samples", "100,000"),
    (setter("version", 2), "version", "newer than this program reads"),
    (setter("version", 0), "version", "unknown version"),
    (setter("version", "1"), "version", "expected a version number"),
    (setter("format", "something-else"), "format", "not a Backprop Studio project"),
    (setter("extra", 1), "document", "unknown key 'extra'"),
    (deleter("network"), "document", "missing key 'network'"),
    (setter("view", [1]), "view", "expected an object"),
    (setter("name", 3), "name", "expected a string"),
]


@pytest.mark.parametrize("change, where, words", ERRORS)
def test_every_documented_error_names_its_json_path(change, where, words):
    with pytest.raises(InputError) as e:
        project_file.loads(edited(change))
    assert e.value.where == where and words in e.value.message
    assert str(e.value).startswith(where + ": ")


@pytest.mark.parametrize("text, words", [
    ('{"format": "backprop-studio", "version": 1, "x": NaN}', "NaN is not a number"),
    ('{"format": "backprop-studio", "version": 1, "x": -Infinity}', "-Infinity"),
    ('{"format": "backprop-studio", "version": 1, "version": 1}', "appears twice"),
    ("[" * 100_000 + "]" * 100_000, "too deep for a project file"),
    (json.dumps(ARTICLE)[:200], "truncated"),
    (b'{"format": "backprop-studio\xff"}', "not valid UTF-8"),
    ("", "the file is empty"),
    ("  \n", "the file is empty"),
    ("[1, 2]", "expected a project object"),
    ('{"format": "backprop-studio", "version": ' + "9" * 5000 + "}", "not a usable JSON value"),
])
def test_documents_that_are_not_json_name_the_document(text, words):
    with pytest.raises(InputError) as e:
        project_file.loads(text)
    assert e.value.where == "document" and words in e.value.message


def test_a_number_too_large_for_a_float_names_its_path():
    text = edited(setter("network/weights/0/1/0", 12345.5)).replace("12345.5", "1e400")
    with pytest.raises(InputError) as e:
        project_file.loads(text)
    assert e.value.where == "network.weights[0][1][0]" and "finite" in e.value.message
    text = edited(setter("network/weights/0/1/0", 12345)).replace("12345", "9" * 400)
    with pytest.raises(InputError) as e:
        project_file.loads(text)
    assert e.value.where == "network.weights[0][1][0]"


def test_saved_state_is_checked_too():
    s = project_file.load(EXAMPLES / "xor.json")
    s.run(steps=5)
    doc = json.loads(project_file.dumps(s))
    for change, where in [
        (setter("state/order/0", 5), "state.order"),
        (setter("state/losses", [0.1]), "state.losses"),
        (setter("state/optimizer/momentum_buffer/0", [[0.0]]), "state.optimizer.momentum_buffer[0]"),
        (setter("state/rng/bit_generator", "MT19937"), "state.rng.bit_generator"),
        (setter("state/position", 10 ** 6), "state.position"),
        (setter("state/initial/weights/1", [[0.0]]), "state.initial.weights[1]"),
    ]:
        bad = copy.deepcopy(doc)
        change(bad)
        with pytest.raises(InputError) as e:
            project_file.loads(json.dumps(bad))
        assert e.value.where == where


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(ARTICLE))
    monkeypatch.setattr(project_file, "MAX_FILE_BYTES", 50)
    with pytest.raises(InputError) as e:
        project_file.load(path)
    assert "the limit is 50 bytes" in e.value.message


# -- atomic save ---------------------------------------------------------------------------
def saved_then_failing(tmp_path, monkeypatch, target: str, error: BaseException):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(ARTICLE))
    original = path.read_bytes()
    s = project_file.loads(path.read_bytes())
    s.run(steps=3)

    def boom(*args, **kwargs):
        raise error
    monkeypatch.setattr(target, boom)
    with pytest.raises(type(error)):
        project_file.save(s, path)
    assert path.read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == ["p.json"]     # no temporary file left behind


def test_a_failing_rename_leaves_the_original_untouched(tmp_path, monkeypatch):
    saved_then_failing(tmp_path, monkeypatch, "backprop_studio.core.checks.atomic.os.replace",
                       OSError(28, "No space left"))


def test_a_disk_full_write_leaves_the_original_untouched(tmp_path, monkeypatch):
    saved_then_failing(tmp_path, monkeypatch, "backprop_studio.core.checks.atomic.os.fsync",
                       OSError(28, "No space left"))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_folder_raises_and_keeps_the_file(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(ARTICLE))
    s = project_file.load(path)
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OSError):
            project_file.save(s, path)
        assert json.loads(path.read_text()) == ARTICLE
    finally:
        tmp_path.chmod(0o700)


def test_save_writes_what_loads(tmp_path):
    s = project_file.load(EXAMPLES / "spiral.json")
    project_file.save(s, tmp_path / "new.json")
    assert (tmp_path / "new.json").read_text() == project_file.dumps(s)


# -- fuzz ----------------------------------------------------------------------------------
def assert_loads_or_input_error(text) -> None:
    """Only InputError with a path may come out; a loaded session must step and save."""
    try:
        s = project_file.loads(text)
    except InputError as e:
        assert e.where, e
        return
    s.step()
    project_file.dumps(s)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10 ** 12, 10 ** 12) | st.floats(allow_nan=False)
    | st.text(max_size=8) | st.sampled_from([1e308, -1e308, 10 ** 9, 0, 1, "sigmoid", "sgd", "xor"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_fuzz_random_json(value):
    assert_loads_or_input_error(json.dumps(value))
    doc = {"format": "backprop-studio", "version": 1}
    if isinstance(value, dict):
        doc.update(value)
    assert_loads_or_input_error(json.dumps(doc))


def paths_of(value, prefix=()):
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from paths_of(child, prefix + (key,))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_mutations_of_every_shipped_example(data):
    path = data.draw(st.sampled_from(EXAMPLE_FILES))
    doc = json.loads(path.read_text())
    # keep the fuzz fast: small datasets
    if "samples" in doc["dataset"]:
        doc["dataset"]["samples"] = 20
    where = data.draw(st.sampled_from(list(paths_of(doc))[1:]))
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    action = data.draw(st.sampled_from(["replace", "delete", "add", "huge", "nest"]))
    if action == "replace":
        parent[where[-1]] = data.draw(json_values)
    elif action == "delete":
        del parent[where[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent[data.draw(st.text(max_size=5))] = data.draw(json_values)
    elif action == "huge":
        parent[where[-1]] = data.draw(st.sampled_from([10 ** 9, 1e308, -1e308, 10 ** 30, 2 ** 64]))
    elif action == "nest":
        parent[where[-1]] = json.loads("[" * 50 + "]" * 50)
    assert_loads_or_input_error(json.dumps(doc))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(EXAMPLE_FILES), st.data())
def test_fuzz_bytes_truncated_and_corrupted(path, data):
    raw = path.read_bytes()
    cut = data.draw(st.integers(0, len(raw) - 2))
    assert_loads_or_input_error(raw[:cut])     # truncated: always an error
    pos = data.draw(st.integers(0, len(raw) - 1))
    byte = data.draw(st.sampled_from([b"\xff", b"\xc3", b"\x00", b"[", b"}", b'"', b"9", b"NaN", b"Infinity"]))
    assert_loads_or_input_error(raw[:pos] + byte + raw[pos + 1:])


def test_truncated_examples_are_always_errors():
    for path in EXAMPLE_FILES:
        raw = path.read_bytes().rstrip()
        for cut in range(0, len(raw), max(1, len(raw) // 40)):
            with pytest.raises(InputError):
                project_file.loads(raw[:cut])


def test_a_folder_that_refuses_new_files_keeps_the_file(tmp_path, monkeypatch):
    """What a read-only folder does (root ignores permissions, so the refusal is simulated)."""
    saved_then_failing(tmp_path, monkeypatch, "backprop_studio.core.checks.atomic.tempfile.mkstemp",
                       PermissionError(13, "Permission denied"))


@pytest.mark.parametrize("change, where, words", [
    (setter("optimizer", {"name": "sgd", "learning_rate": 0.5, "nesterov": True}), "optimizer.nesterov",
     "needs a momentum > 0"),
    (setter("optimizer", {"name": "sgd", "learning_rate": 0.5, "momentum": 0.9, "dampening": 0.1,
                          "nesterov": True}), "optimizer.nesterov", "no dampening"),
    (setter("loss", "bce"), None, None),                                # targets 0/1: fine
    (lambda d: (setter("loss", "bce")(d), setter("dataset", {"inputs": [[1, 0.5, -0.5]],
                                                             "targets": [[2.0]]})(d)),
     "loss", "between 0 and 1"),
    (setter("loss", "cross_entropy"), "loss", "2 or more outputs"),
])
def test_settings_torch_or_the_loss_would_refuse(change, where, words):
    text = edited(change)
    if where is None:
        project_file.loads(text)
        return
    with pytest.raises(InputError) as e:
        project_file.loads(text)
    assert e.value.where == where and words in e.value.message


def test_a_csv_project_saved_elsewhere_still_finds_its_data(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "xor.csv").write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    doc = json.loads((EXAMPLES / "xor.json").read_text())
    doc["dataset"] = {"csv": "xor.csv", "inputs": ["a", "b"], "targets": ["y"]}
    (data / "p.json").write_text(json.dumps(doc))
    s = project_file.load(data / "p.json")
    elsewhere = tmp_path / "out" / "deeper"
    elsewhere.mkdir(parents=True)
    project_file.save(s, elsewhere / "q.json")
    saved = json.loads((elsewhere / "q.json").read_text())
    assert saved["dataset"]["csv"] == os.path.join("..", "..", "data", "xor.csv")
    again = project_file.load(elsewhere / "q.json")
    np.testing.assert_array_equal(again.dataset.inputs, s.dataset.inputs)
    project_file.save(again, data / "p.json")                  # and back: the plain name again
    assert json.loads((data / "p.json").read_text())["dataset"]["csv"] == "xor.csv"
