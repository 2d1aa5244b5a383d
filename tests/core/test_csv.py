"""CSV import: header and chosen columns, one clear error per bad row, limits, and a fuzz."""
from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import backprop_studio.core.data.csv_import as csv_import
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.csv_import import parse_csv, read_csv
from backprop_studio.core.data.datasets import make_dataset
from backprop_studio.core.files import project_file

GOOD = "x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1.5e0, -2 ,0\n\n"


def test_a_good_file_with_chosen_columns(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(GOOD)
    x, y = read_csv(path, ["x2", "x1"], ["label"])
    assert x.tolist() == [[0, 0], [1, 0], [0, 1], [-2, 1.5]]
    assert y.tolist() == [[0], [1], [1], [0]]


def test_a_project_file_reads_its_csv_relative_to_itself(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "xor.csv").write_text(GOOD)
    doc = {"format": "backprop-studio", "version": 1,
           "network": {"layers": [{"units": 2}, {"units": 1, "activation": "sigmoid"}]},
           "dataset": {"csv": "data/xor.csv", "inputs": ["x1", "x2"], "targets": ["label"]}}
    (tmp_path / "p.json").write_text(json.dumps(doc))
    s = project_file.load(tmp_path / "p.json")
    assert len(s.dataset) == 4
    again = project_file.loads(project_file.dumps(s), tmp_path)
    assert np.array_equal(again.dataset.inputs, s.dataset.inputs)


@pytest.mark.parametrize("text, where, words", [
    ("x1,x2,label\n0,0,0\n0,abc,1\n", "data.csv line 3", "column 'x2': expected a number, got 'abc'"),
    ("x1,x2,label\n0,0,0\n0,1\n", "data.csv line 3", "expected 3 fields"),
    ("x1,x2,label\n0,,0\n", "data.csv line 2", "an empty cell"),
    ("x1,x2,label\nnan,0,0\n", "data.csv line 2", "expected a number, got 'nan'"),
    ("x1,x2,label\ninf,0,0\n", "data.csv line 2", "got 'inf'"),
    ("x1,x2,label\n1e400,0,0\n", "data.csv line 2", "too large"),
    ("x1,x2,label\n1_000,0,0\n", "data.csv line 2", "got '1_000'"),
    ("x1,x1,label\n0,0,0\n", "data.csv line 1", "appears twice"),
    ("x1,x3,label\n0,0,0\n", "data.csv line 1", "no input column named 'x2'"),
    ("", "data.csv line 1", "no header row"),
    ("x1,x2,label\n", "data.csv", "no data rows"),
    ('x1,x2,label\n0,"1\n', "data.csv line 2", "malformed CSV"),
])
def test_a_bad_file_names_the_line_and_the_reason(text, where, words):
    with pytest.raises(InputError) as e:
        parse_csv(text, ["x1", "x2"], ["label"], "data.csv")
    assert e.value.where == where and words in e.value.message


def test_invalid_utf8_names_the_line():
    with pytest.raises(InputError) as e:
        parse_csv(b"x1,x2,label\n0,0,0\n0,\xff,1\n", ["x1"], ["label"], "data.csv")
    assert e.value.where == "data.csv line 3" and "UTF-8" in e.value.message


def test_oversized_files_are_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_text(GOOD * 20)
    monkeypatch.setattr(csv_import, "MAX_CSV_BYTES", 100)
    monkeypatch.setattr("builtins.open", lambda *a, **k: pytest.fail("the file was opened"))
    with pytest.raises(InputError) as e:
        read_csv(path, ["x1"], ["label"])
    assert "the limit is 100 bytes" in str(e.value)


def test_too_many_rows_names_the_limit(monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_SAMPLES", 3)
    with pytest.raises(InputError) as e:
        parse_csv(GOOD, ["x1"], ["label"])
    assert "the limit is 3 samples" in e.value.message and e.value.where == "data.csv line 5"


def test_a_csv_error_inside_a_project_names_both(tmp_path):
    (tmp_path / "d.csv").write_text("a,b\n1,x\n")
    with pytest.raises(InputError) as e:
        make_dataset({"csv": "d.csv", "inputs": ["a"], "targets": ["b"]}, tmp_path)
    assert str(e.value).startswith("dataset.csv: d.csv line 2: column 'b'")
    with pytest.raises(InputError) as e:
        make_dataset({"csv": "missing.csv", "inputs": ["a"], "targets": ["b"]}, tmp_path)
    assert e.value.where == "dataset.csv" and "cannot read" in e.value.message


cells = st.one_of(st.sampled_from(["0", "1.5", "-2e3", "", "nan", "x", " 7 ", '"4"', "1e999"]),
                  st.text(max_size=6))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, min_size=1, max_size=4), max_size=6), st.binary(max_size=3))
def test_fuzz_only_input_errors_come_out(rows, junk):
    text = "a,b,c\n" + "\n".join(",".join(r) for r in rows)
    for data in (text, text.encode() + junk):
        try:
            x, y = parse_csv(data, ["a", "b"], ["c"], "f.csv")
        except InputError as e:
            assert e.where and e.where.startswith("f.csv")
        else:
            assert x.shape == (len(y), 2) and y.shape[1] == 1 and np.isfinite(x).all()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_fuzz_random_bytes(data):
    try:
        parse_csv(data, ["a"], ["b"], "f.csv")
    except InputError as e:
        assert e.where.startswith("f.csv")
