"""The headless CLI: trace, train and check on every shipped example; exit codes 0/2/3."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.cli.main import main
from backprop_studio.core.files import project_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))
ARTICLE = ROOT / "resources" / "examples" / "article_3_2_1.json"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_traces_trains_and_checks(path, tmp_path, capsys):
    code, out, err = run(capsys, "trace", path, "--steps", 2)
    assert code == 0 and err == ""
    trace = json.loads(out)
    s = project_file.load(path)
    sizes = s.network.sizes
    assert [st["step"] for st in trace["steps"]] == [1, 2]
    for st in trace["steps"]:
        batch = len(st["samples"])
        assert len(st["layers"]) == len(sizes) - 1
        for k, layer in enumerate(st["layers"], start=1):
            assert np.shape(layer["v_in"]) == np.shape(layer["v_out"]) == np.shape(layer["delta"]) == (batch, sizes[k])
            assert np.shape(layer["dE_dW"]) == np.shape(layer["W"]) == (sizes[k - 1], sizes[k])
    assert set(trace["final"]) == {"weights", "biases", "loss"}
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    code, out, err = run(capsys, "train", copy, "--steps", 50)
    assert code == 0 and out.startswith("final loss: ") and err == ""   # no bar: not a terminal
    assert project_file.load(copy).step_count == 50
    code, out, err = run(capsys, "check", path)
    assert code == 0 and out.count("worst relative error") == len(sizes) - 1


def test_trace_of_the_article_matches_a_hand_computation(capsys, tmp_path):
    code, _, _ = run(capsys, "trace", ARTICLE, "--steps", 1, "--out", tmp_path / "t.json")
    step = json.loads((tmp_path / "t.json").read_text())["steps"][0]
    doc = json.loads(ARTICLE.read_text())
    W1, W2 = (np.array(w) for w in doc["network"]["weights"])
    x, y = np.array(doc["dataset"]["inputs"][0]), doc["dataset"]["targets"][0][0]
    eta = doc["optimizer"]["learning_rate"]
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    h_in = x @ W1
    h = sig(h_in)
    o = sig(h @ W2)
    d2 = (o - y) * o * (1 - o)
    d1 = (W2 @ d2) * h * (1 - h)
    hidden, out = step["layers"]
    assert code == 0 and step["samples"] == [0] and step["epoch"] == 0
    np.testing.assert_allclose(step["loss"], 0.5 * (y - o[0]) ** 2, rtol=1e-14)
    np.testing.assert_allclose(hidden["v_in"], [h_in], rtol=1e-14)
    np.testing.assert_allclose(out["v_out"], [o], rtol=1e-14)
    np.testing.assert_allclose(out["delta"], [d2], rtol=1e-14)
    np.testing.assert_allclose(hidden["delta"], [d1], rtol=1e-14)
    np.testing.assert_allclose(hidden["dE_dW"], np.outer(x, d1), rtol=1e-14)
    np.testing.assert_allclose(hidden["W"], W1 - eta * np.outer(x, d1), rtol=1e-14)
    np.testing.assert_allclose(out["W"], W2 - eta * np.outer(h, d2), rtol=1e-14)
    assert hidden["b"] is None and hidden["dE_db"] is None   # the article's layers have no bias


def test_trace_reports_the_regularisation_term(capsys, tmp_path):
    doc = json.loads(ARTICLE.read_text())
    code, out, _ = run(capsys, "trace", ARTICLE, "--steps", 1)
    assert code == 0 and json.loads(out)["steps"][0]["loss_regularisation"] == 0.0
    doc["regularisation"] = {"l1": 0.01, "l2": 0.1}
    (tmp_path / "r.json").write_text(json.dumps(doc))
    code, out, _ = run(capsys, "trace", tmp_path / "r.json", "--steps", 1)
    step = json.loads(out)["steps"][0]
    w = np.concatenate([np.ravel(W) for W in doc["network"]["weights"]])
    np.testing.assert_allclose(step["loss_regularisation"], 0.01 * np.abs(w).sum() + 0.05 * (w * w).sum(),
                               rtol=1e-14)
    W1 = np.array(doc["network"]["weights"][0])
    plain = json.loads(run(capsys, "trace", ARTICLE, "--steps", 1)[1])["steps"][0]
    np.testing.assert_allclose(step["layers"][0]["dE_dW"],
                               np.array(plain["layers"][0]["dE_dW"]) + 0.01 * np.sign(W1) + 0.1 * W1, rtol=1e-12)


def test_train_epochs_and_save_elsewhere(tmp_path, capsys):
    code, out, _ = run(capsys, "train", ROOT / "resources/examples/xor.json", "--epochs", 3,
                       "--save", tmp_path / "out.json")
    s = project_file.load(tmp_path / "out.json")
    assert code == 0 and s.epoch == 3 and s.step_count == 30   # 100 samples, batch 10
    code, _, _ = run(capsys, "train", tmp_path / "out.json", "--steps", 5, "--no-save")
    assert code == 0 and project_file.load(tmp_path / "out.json").step_count == 30


def test_bad_input_is_exit_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    doc = json.loads(ARTICLE.read_text())
    doc["network"]["weights"][1] = [[1, 2, 3], [4, 5, 6]]
    bad.write_text(json.dumps(doc))
    for argv in (["trace", bad], ["train", bad, "--steps", 1], ["check", bad],
                 ["trace", tmp_path / "missing.json"], ["train", bad], ["trace", bad, "--steps", "x"],
                 ["frobnicate"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "", argv
        assert err.count("\n") == 1 and "Traceback" not in err, err
    code, _, err = run(capsys, "trace", bad)
    assert "network.weights[1]: expected 2x1, got 2x3" in err
    assert json.loads(bad.read_text()) == doc                        # untouched


def test_divergence_is_exit_3_naming_the_step(tmp_path, capsys):
    doc = json.loads((ROOT / "resources/examples/sine.json").read_text())
    doc["optimizer"] = {"name": "sgd", "learning_rate": 1e6}
    doc["network"]["layers"][1]["activation"] = "identity"
    path = tmp_path / "hot.json"
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    code, out, err = run(capsys, "train", path, "--steps", 1000)
    assert code == 3 and err.count("\n") == 1 and "diverged at step " in err
    assert path.read_bytes() == before
    code, out, err = run(capsys, "trace", path, "--steps", 1000)
    trace = json.loads(out)
    assert code == 3 and trace["diverged"]["step"] == len(trace["steps"]) + 1
    assert f"step {trace['diverged']['step']}" in err


def test_help_is_exit_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "trace" in out and "train" in out and "check" in out


def test_as_a_subprocess_through_the_launcher(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", "trace", str(ARTICLE), "--steps", "2"],
                        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stderr == ""
    assert len(json.loads(ok.stdout)["steps"]) == 2
    (tmp_path / "broken.json").write_text('{"format": "backprop-studio", "version": 1, "network": ')
    bad = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", "train", str(tmp_path / "broken.json"),
                          "--steps", "3"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "truncated" in bad.stderr and "Traceback" not in bad.stderr
    assert "PySide6" not in bad.stderr


def test_a_progress_bar_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "train", ARTICLE, "--steps", 300, "--no-save")
    assert code == 0 and "\r[" in err and "300/300" in err and out.startswith("final loss")


def test_a_trace_too_big_to_write_is_refused_naming_the_limit(capsys):
    code, out, err = run(capsys, "trace", str(ROOT / "resources" / "examples" / "xor.json"), "--steps", "5000000")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--steps" in err and "the limit is 20,000,000" in err


def test_an_unknown_command_is_refused_without_opening_a_window():
    result = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", "trian", "x.json"],
                            capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such command or file: 'trian'" in result.stderr
