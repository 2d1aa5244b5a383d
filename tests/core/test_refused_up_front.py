"""Bad input is refused up front, with a one-line message naming the place, never half-way.

Each test here failed before its fix: test targets were not checked until used, ``--save ""``
overwrote FILE, a wide CSV took quadratic time, an overflowing schedule raised, ``check``
took nan as a tolerance, save errors named a temporary file, a FIFO was waited on, softmax
on one unit was accepted and momentum switched on mid-training started from a zero buffer.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from core import project_file
from core.cli import main
from core.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "resources" / "examples" / "article_3_2_1.json"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc))
    return path


def bce_doc(test_targets: list) -> dict:
    return {"format": "backprop-studio", "version": 1,
            "network": {"layers": [{"units": 1}, {"units": 1}]}, "loss": "bce",
            "dataset": {"inputs": [[0], [1]], "targets": [[0], [1]],
                        "test_inputs": [[0.5]] * len(test_targets), "test_targets": test_targets}}


def ce_doc(test_targets: list) -> dict:
    return {"format": "backprop-studio", "version": 1,
            "network": {"layers": [{"units": 1}, {"units": 3, "activation": "softmax"}]},
            "loss": "cross_entropy",
            "dataset": {"inputs": [[0], [1]], "targets": [0, 2],
                        "test_inputs": [[0.5]] * len(test_targets), "test_targets": test_targets}}


# -- test targets: the training-target rule, at load time ----------------------------------------
BAD_TEST_TARGETS = [
    (bce_doc([[7]]), "dataset.test_targets[0]", "between 0 and 1"),
    (ce_doc([1, 3]), "dataset.test_targets[1]", "integers in 0..2"),
    (ce_doc([0, 1, 1.5]), "dataset.test_targets[2]", "integers in 0..2"),
    (ce_doc([-1]), "dataset.test_targets[0]", "integers in 0..2"),
]


@pytest.mark.parametrize("doc, where, reason", BAD_TEST_TARGETS)
@pytest.mark.parametrize("command", [["trace"], ["train", "--steps", "1"], ["check"]])
def test_bad_test_targets_are_refused_by_every_command(tmp_path, capsys, doc, where, reason, command):
    path = write(tmp_path / "p.json", doc)
    before = path.read_bytes()
    code, out, err = run(capsys, command[0], path, *command[1:])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and where in err and reason in err
    assert path.read_bytes() == before         # train wrote nothing


def test_a_split_test_set_passes_the_same_check(tmp_path):
    # labels 0..3 from a CSV with 3 outputs: whichever side label 3 lands on, it is refused
    (tmp_path / "d.csv").write_text("x,y\n" + "".join(f"{i},{i % 3}\n" for i in range(9)) + "9,3\n")
    doc = ce_doc([0])
    doc["dataset"] = {"csv": "d.csv", "inputs": ["x"], "targets": ["y"],
                      "split": {"test_fraction": 0.5, "seed": 0}}
    with pytest.raises(InputError, match="integers in 0..2") as e:
        project_file.load(write(tmp_path / "p.json", doc))
    assert e.value.where in ("dataset", "dataset.split")
    # and a split whose test side holds the bad label names the split
    for seed in range(20):
        doc["dataset"]["split"]["seed"] = seed
        try:
            project_file.load(write(tmp_path / "p.json", doc))
        except InputError as err:
            if err.where == "dataset.split":
                assert "test sample" in err.message
                break
    else:
        pytest.fail("no seed put the bad label in the test set")


def test_good_test_targets_still_load(tmp_path):
    s = project_file.load(write(tmp_path / "p.json", ce_doc([0, 1, 2])))
    assert np.isfinite(s.dataset_loss(test=True))
    s = project_file.load(write(tmp_path / "q.json", bce_doc([[0.25], [1]])))
    assert np.isfinite(s.dataset_loss(test=True))


def test_switching_the_loss_is_refused_when_the_test_targets_do_not_fit(tmp_path):
    doc = bce_doc([[7]])
    doc["loss"] = "half_sse"
    s = project_file.load(write(tmp_path / "p.json", doc))
    config = s.config
    import copy
    bce = copy.deepcopy(config)
    bce.loss = "bce"
    with pytest.raises(ValueError, match="between 0 and 1"):
        s.set_config(bce)
    assert s.config.loss == "half_sse"
