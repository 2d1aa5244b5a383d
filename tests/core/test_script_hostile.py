"""The exported PyTorch script with hostile projects (issue 22 §6).

Before: a NUL in the project's name gave a script Python refuses ("source code cannot contain
null bytes"), a lone surrogate exited 2 and left an empty ``model.py`` over the old one, an
input feature that overflows (x1^2 with x1 = 1e200) wrote ``Infinity`` into the script (a
NameError), and with weights of 1e308 the app stopped at step 1 (exit 3) while the script
trained on.  Now the name is escaped, the script is written whole or not at all, non-finite
data are refused up front, and the script stops where the app stops, with the app's message.
"""
from __future__ import annotations

import copy
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backprop_studio.core.bridge.torch_script import docstring_title, export_script
from backprop_studio.core.checks.atomic import NOT_REGULAR
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main as cli_main
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR
from tests.fifos import DrainedFifo

ARTICLE = json.loads((EXAMPLES_DIR / "article_3_2_1.json").read_text())


def project(tmp_path: Path, change: Any, name: str = "p.json") -> Path:
    doc = copy.deepcopy(ARTICLE)
    change(doc)
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


HOSTILE_NAMES = ["nul\x00in the name", "lone \udc80 surrogate", "escape \x1b[31m red", "line\u2028separator",
                 'quote """ and \\ backslash', "x" * 10_000]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["nul", "surrogate", "escape", "separator", "quotes", "long"])
def test_any_name_gives_a_script_that_is_valid_python_and_utf8(name, tmp_path, capsys):
    session = project_file.load(EXAMPLES_DIR / "article_3_2_1.json")
    session.meta["name"] = name
    text = export_script(session)
    text.encode("utf-8")                               # a lone surrogate would raise here
    compile(text, "model.py", "exec")                  # a NUL would raise here
    title = docstring_title(name)
    assert title.isprintable() and len(title) <= 120 and '"' not in title and "\\" not in title


def test_a_nul_and_a_surrogate_are_written_as_code_points():
    assert docstring_title("a\x00b\udc80c") == "aU+0000bU+DC80c"


def test_the_command_line_writes_a_script_that_runs_for_a_name_with_a_nul_and_a_surrogate(tmp_path, capsys):
    path = project(tmp_path, lambda d: d.update(name="bad\x00name \udc80"))
    out = tmp_path / "model.py"
    out.write_text("the old script\n")
    assert cli_main(["export-torch", str(path), "-o", str(out)]) == 0
    done = subprocess.run([sys.executable, str(out), "--steps", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("step 1: E = ")


def overflowing_feature(doc: dict[str, Any]) -> None:
    doc["network"] = {"layers": [{"units": 1}, {"units": 1, "activation": "sigmoid", "bias": False}],
                      "weights": [[[0.1]]]}
    doc["dataset"] = {"inputs": [[1.0, 2.0], [1e200, 1.0]], "targets": [[1.0], [0.0]], "features": ["x1^2"]}


def test_non_finite_data_are_refused_up_front_and_the_old_script_stays(tmp_path, capsys):
    path = project(tmp_path, overflowing_feature)
    out = tmp_path / "model.py"
    out.write_text("the old script\n")
    assert cli_main(["export-torch", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"backprop-studio: error: {path}: dataset: the training inputs (after scaling and features): "
                   "inf at [2, 1] is not finite; a script cannot train on it\n")
    assert out.read_text() == "the old script\n" and sorted(os.listdir(tmp_path)) == ["model.py", "p.json"]


def test_non_finite_weights_are_refused_naming_them():
    session = project_file.load(EXAMPLES_DIR / "article_3_2_1.json")
    session.network.W[1][1, 0] = float("nan")
    with pytest.raises(InputError) as e:
        export_script(session)
    assert e.value.where == "network.weights" and "W^(1->2): nan at [2, 1]" in e.value.message


# -- the script stops where the app stops ----------------------------------------------------
def huge_weights(doc: dict[str, Any]) -> None:        # v_in^(1) = 1e308 + 5e307 + 5e307 overflows at step 1
    doc["network"]["weights"][0] = [[1e308, 1e308], [1e308, 1e308], [1e308, 1e308]]
    doc["dataset"] = {"inputs": [[1.0, 0.5, 0.5]], "targets": [[1.0]]}


def huge_learning_rate(doc: dict[str, Any]) -> None:   # dE/dW of about 100 times eta = 1e308 overflows
    doc["optimizer"] = {"name": "sgd", "learning_rate": 1e308}
    doc["network"]["layers"][2]["activation"] = "identity"
    doc["dataset"] = {"inputs": [[1.0, 0.5, -0.5]], "targets": [[1000.0]]}


def growing_schedule(doc: dict[str, Any]) -> None:      # eta_t = 0.5 (1e200)^t overflows at t = 2 (step 3)
    doc["training"]["schedule"] = {"name": "exponential", "gamma": 1e200}
    doc["network"]["layers"][2]["activation"] = "identity"
    doc["network"]["weights"] = [[[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]]]
    doc["dataset"] = {"inputs": [[1.0, 0.5, -0.5]], "targets": [[0.0]]}     # y_hat = y: every gradient is 0


def adam_overflow(doc: dict[str, Any]) -> None:         # g = -1e200 is finite, g^2 in Adam's v is not
    doc["optimizer"] = {"name": "adam", "learning_rate": 0.001}
    for layer in doc["network"]["layers"][1:]:
        layer["activation"] = "identity"
    doc["network"]["weights"] = [[[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[1.0], [1.0]]]
    doc["dataset"] = {"inputs": [[1e200, 0.0, 0.0]], "targets": [[1.0]]}


EXPECTED = {"forward": "at step 1: v_in in layer 1 became non-finite (during forward layer 1)",
            "update": "at step 1: the updated W in layer 1 became non-finite (during update)",
            "schedule": "at step 3: the learning rate (from the schedule) became non-finite (during update)",
            "optimizer-state": "at step 1: the optimizer state v in layer 1 became non-finite (during update)"}
DIVERGING = {"forward": huge_weights, "update": huge_learning_rate, "schedule": growing_schedule,
             "optimizer-state": adam_overflow}


@pytest.mark.parametrize("case", DIVERGING)
def test_the_script_stops_at_the_apps_step_with_the_apps_message(case, tmp_path):
    torch = pytest.importorskip("torch")
    path = project(tmp_path, DIVERGING[case])
    session = project_file.load(path)
    session.run(steps=20)
    assert session.diverged is not None, "the project must diverge in the app"
    script = tmp_path / "model.py"
    script.write_text(export_script(project_file.load(path)))
    dtype = torch.get_default_dtype()
    try:
        result = runpy.run_path(str(script), run_name="exported")["train"](20)
    finally:
        torch.set_default_dtype(dtype)       # the script sets float64 for the whole process
    assert result["diverged"] == session.diverged.message
    assert EXPECTED[case] in result["diverged"]
    assert len(result["losses"]) == session.step_count == session.diverged.step - 1


def test_the_script_exits_3_with_the_message_train_prints(tmp_path, capsys):
    pytest.importorskip("torch")
    path = project(tmp_path, huge_weights)
    assert cli_main(["train", str(path), "--steps", "5", "--no-save"]) == 3
    train_line = capsys.readouterr().err
    assert train_line.startswith("backprop-studio: error: training diverged at step 1: v_in in layer 1")
    script = tmp_path / "model.py"
    assert cli_main(["export-torch", str(path), "-o", str(script)]) == 0
    done = subprocess.run([sys.executable, str(script), "--steps", "5", "--save-project", str(tmp_path / "o.json")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 3
    assert "backprop-studio: error: " + done.stderr == train_line
    assert not (tmp_path / "o.json").exists()            # nothing is saved after a divergence


def test_the_script_refuses_to_save_over_a_fifo_before_training(tmp_path, capsys):
    pytest.importorskip("torch")
    script = tmp_path / "model.py"
    assert cli_main(["export-torch", str(EXAMPLES_DIR / "xor.json"), "-o", str(script)]) == 0
    fifo = DrainedFifo(tmp_path / "fifo.json")
    done = subprocess.run([sys.executable, str(script), "--steps", "3", "--save-project", str(fifo.path)],
                          capture_output=True, text=True, timeout=200)
    assert fifo.written() == b"" and fifo.still_a_fifo()
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"{fifo.path}: {NOT_REGULAR}\n"
