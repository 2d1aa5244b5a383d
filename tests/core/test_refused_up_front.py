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

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main
from backprop_studio.core.files import project_file

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


# -- train --save "" ----------------------------------------------------------------------------
def test_an_empty_save_path_is_refused_and_file_is_untouched(tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_bytes(ARTICLE.read_bytes())
    before = path.read_bytes()
    for empty in ("", "  "):
        code, out, err = run(capsys, "train", path, "--steps", 3, "--save", empty)
        assert code == 2 and out == "" and err.count("\n") == 1 and "--save" in err
        assert path.read_bytes() == before


def test_a_save_folder_that_does_not_exist_is_refused_before_training(tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_bytes(ARTICLE.read_bytes())
    target = tmp_path / "missing" / "x.json"
    code, out, err = run(capsys, "train", path, "--steps", 3, "--save", target)
    assert code == 2 and out == "" and str(target) in err and ".tmp" not in err


def test_a_failed_save_names_the_users_path_not_the_temporary_file(tmp_path):
    session = project_file.load(ARTICLE)
    target = tmp_path / "missing" / "x.json"
    with pytest.raises(OSError) as e:
        project_file.save(session, target)
    assert e.value.filename == str(target) and ".tmp" not in str(e.value)


# -- check: tolerance and budget -----------------------------------------------------------------
@pytest.mark.parametrize("tolerance", ["nan", "-1", "inf", "-inf", "x"])
def test_a_tolerance_that_is_not_a_finite_number_at_least_0_is_a_usage_error(capsys, tolerance):
    code, out, err = run(capsys, "check", ARTICLE, f"--tolerance={tolerance}")
    assert code == 2 and out == "" and err.count("\n") == 1 and "--tolerance" in err


def test_a_tolerance_of_0_is_allowed(capsys):
    code, out, _ = run(capsys, "check", ARTICLE, "--tolerance", 0)
    assert code in (0, 1) and "worst relative error" in out


def test_a_check_over_the_budget_is_refused_naming_it(tmp_path, capsys):
    doc = json.loads(ARTICLE.read_text())
    doc["network"] = {"layers": [{"units": 3}, {"units": 1000}, {"units": 1000}, {"units": 1}],
                      "init": {"seed": 1}}
    path = write(tmp_path / "big.json", doc)
    # about 1e6 parameters x 2 x 1 sample x 1e6 weights = 2e12 multiply-adds: hours, refused at once
    code, out, err = run(capsys, "check", path)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "budget is 1.0e+11" in err and "--max-work" in err
    code, out, err = run(capsys, "check", ARTICLE, "--max-work", 10)
    assert code == 2 and "budget is 1.0e+01" in err


# -- non-regular files ----------------------------------------------------------------------------
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@needs_fifo
@pytest.mark.timeout(60)
def test_a_fifo_as_the_project_is_refused_not_waited_on(tmp_path, capsys):
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        project_file.load(fifo)
    code, out, err = run(capsys, "trace", fifo)
    assert code == 2 and "not a regular file" in err and err.count("\n") == 1


@needs_fifo
@pytest.mark.timeout(60)
def test_a_fifo_as_the_csv_is_refused_not_waited_on(tmp_path):
    from backprop_studio.core.data.csv_import import read_csv, read_header

    os.mkfifo(tmp_path / "d.csv")
    doc = bce_doc([[0]])
    doc["dataset"] = {"csv": "d.csv", "inputs": ["x"], "targets": ["y"]}
    with pytest.raises(InputError, match="not a regular file") as e:
        project_file.load(write(tmp_path / "p.json", doc))
    assert e.value.where == "dataset.csv"
    for read in (lambda p: read_csv(p, ["x"], ["y"]), read_header):
        with pytest.raises(InputError, match="not a regular file"):
            read(tmp_path / "d.csv")


def test_a_folder_as_the_project_is_refused(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        project_file.load(tmp_path)


# -- wide CSVs ------------------------------------------------------------------------------------
@pytest.mark.timeout(60)
def test_a_million_column_csv_is_refused_naming_the_limit():
    from backprop_studio.core.checks.validation import MAX_UNITS
    from backprop_studio.core.data.csv_import import parse_csv

    header = ",".join(f"c{i}" for i in range(1_000_000))
    with pytest.raises(InputError, match=f"1,000,000 columns is too many; the limit is {MAX_UNITS:,}"):
        parse_csv(header + "\n" + ",".join("0" * 1_000_000) + "\n", ["c0"], ["c1"])


@pytest.mark.timeout(60)
def test_duplicate_columns_are_still_found_in_a_wide_header():
    from backprop_studio.core.checks.validation import MAX_UNITS
    from backprop_studio.core.data.csv_import import parse_csv

    names = [f"c{i}" for i in range(MAX_UNITS)]
    names[-1] = "c7"
    with pytest.raises(InputError, match="'c7' appears twice"):
        parse_csv(",".join(names) + "\n" + ",".join(["0"] * MAX_UNITS) + "\n", ["c0"], ["c1"])
    names[-1] = "last"
    x, y = parse_csv(",".join(names) + "\n" + ",".join(["1"] * MAX_UNITS) + "\n", ["last", "c0"], ["c1"])
    assert x.tolist() == [[1.0, 1.0]] and y.tolist() == [[1.0]]


# -- schedules ------------------------------------------------------------------------------------
def schedule_doc(schedule: dict) -> dict:
    doc = json.loads(ARTICLE.read_text())
    doc.setdefault("training", {})["schedule"] = schedule
    return doc


def test_an_overflowing_schedule_is_a_divergence_naming_the_learning_rate(tmp_path, capsys):
    path = write(tmp_path / "g.json", schedule_doc({"name": "exponential", "gamma": 1e308}))
    before = path.read_bytes()
    code, out, err = run(capsys, "train", path, "--steps", 10)
    # eta_0 = eta, eta_1 = eta 1e308 (finite), eta_2 = eta 1e616: the third step diverges
    assert code == 3 and "step 3" in err and "learning rate" in err and "Traceback" not in err
    assert path.read_bytes() == before
    code, out, err = run(capsys, "trace", path, "--steps", 5)
    assert code == 3 and json.loads(out)["diverged"]["step"] == 3
    s = project_file.load(path)
    assert s.run(steps=10).reason == "diverged" and s.step_count == 2
    assert s.diverged.quantity.startswith("the learning rate")


def test_a_step_schedule_that_overflows_is_a_divergence_too():
    from backprop_studio.core.engine.schedules import learning_rate

    assert learning_rate(0.1, {"name": "step", "gamma": 1e200, "step_size": 1}, 5) == float("inf")
    assert learning_rate(0.1, {"name": "exponential", "gamma": 10.0}, 2) == pytest.approx(10.0)


@pytest.mark.parametrize("schedule, key", [
    ({"name": "exponential", "gamma": 0}, "gamma"), ({"name": "exponential", "gamma": -0.5}, "gamma"),
    ({"name": "step", "gamma": -2, "step_size": 10}, "gamma"), ({"name": "step", "step_size": 0.5}, "step_size"),
    ({"name": "cosine", "t_max": 0}, "t_max"), ({"name": "cosine", "eta_min": -1}, "eta_min")])
def test_schedule_values_are_checked_at_load_naming_the_range(tmp_path, schedule, key):
    with pytest.raises(InputError) as e:
        project_file.load(write(tmp_path / "s.json", schedule_doc(schedule)))
    assert e.value.where == f"training.schedule.{key}"
    if key == "gamma":
        assert "must be > 0" in e.value.message


def test_the_config_check_uses_the_same_schedule_ranges():
    from backprop_studio.core.engine.schedules import check_schedule

    with pytest.raises(ValueError, match="schedule.gamma: must be > 0"):
        check_schedule({"name": "exponential", "gamma": -0.5})


# -- softmax on one unit --------------------------------------------------------------------------
def test_softmax_on_a_single_output_unit_is_refused_in_the_file(tmp_path, capsys):
    doc = bce_doc([[0]])
    doc["network"]["layers"][1]["activation"] = "softmax"
    path = write(tmp_path / "s.json", doc)
    with pytest.raises(InputError) as e:
        project_file.load(path)
    assert e.value.where == "network.layers[1].activation"
    assert "softmax on a single unit always outputs 1, so its gradient is always 0" in e.value.message
    code, _, err = run(capsys, "trace", path)
    assert code == 2 and "always outputs 1" in err


def test_softmax_on_two_output_units_is_still_fine(tmp_path):
    assert project_file.load(write(tmp_path / "ok.json", ce_doc([0, 2]))).network.sizes == [1, 3]
