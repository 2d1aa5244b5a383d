"""The bridge to PyTorch: the exported script computes the app's numbers, and weights come back.

The reference is torch itself: the script trains with autograd and torch.optim, the engine
with its own backprop and optimizers; they share no code.  Scripts run in-process (runpy) to
keep the test time modest; one test runs the real command line in a subprocess.
"""
from __future__ import annotations

import ast
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from backprop_studio.core.bridge import parity  # noqa: E402
from backprop_studio.core.bridge.torch_script import export_script  # noqa: E402
from backprop_studio.core.cli.main import main as cli_main  # noqa: E402
from backprop_studio.core.files import project_file  # noqa: E402
from tests.core.torch_grid import GRID, grid_session  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))


def run_script(text: str, folder: Path, steps: int, save: Path | None = None) -> dict[str, Any]:
    """Run an exported script in this process for ``steps`` steps (its train() function)."""
    path = folder / "model.py"
    path.write_text(text, encoding="utf-8")
    dtype = torch.get_default_dtype()
    try:
        ns = runpy.run_path(str(path), run_name="exported_model")
        result = ns["train"](steps)
        if save is not None:
            ns["save_project"](str(save), result)
        result["state_dict"] = ns["model"].state_dict()
    finally:
        torch.set_default_dtype(dtype)      # the script sets float64 for the whole process
    return result


# -- parity over the shipped examples ----------------------------------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_trains_as_in_the_app(example: Path, tmp_path: Path) -> None:
    script = run_script(export_script(example), tmp_path, 40)
    app = parity.engine_result(project_file.load(example), 40)
    assert len(script["losses"]) == 40
    assert parity.worst_difference(script, app) <= 1e-9


# -- parity over a grid of small projects (tests/core/torch_grid.py) ---------------------------
@pytest.mark.parametrize("index", range(len(GRID)), ids=lambda i: "-".join(
    f"{k}={v}" for k, v in GRID[i].items() if k != "hp")[:60] or "default")
def test_grid_project_trains_as_in_the_app(index: int, tmp_path: Path) -> None:
    case = GRID[index]
    session = grid_session(case, seed=index)
    script = run_script(export_script(session), tmp_path, 12)
    app = parity.engine_result(session, 12)
    assert len(script["losses"]) == len(app["losses"]) == 12
    assert parity.worst_difference(script, app) <= 1e-9


def test_removed_and_frozen_entries_keep_their_value(tmp_path: Path) -> None:
    session = grid_session(GRID[22], seed=22)     # masks, frozen weights, no first bias
    net = session.network
    W0 = [w.copy() for w in net.W]
    script = run_script(export_script(session), tmp_path, 12)
    for k, w in enumerate(script["weights"]):
        keep = ~net.mask[k] | net.frozen_W[k]
        assert np.array_equal(np.asarray(w)[keep], W0[k][keep])
        assert np.all(np.asarray(w)[~net.mask[k]] == 0.0)
    assert script["biases"][0] is None


# -- torch -> project file -> the app goes on ---------------------------------------------------
@pytest.mark.parametrize("make", [lambda: project_file.load(ROOT / "resources/examples/moons.json"),
                                  lambda: grid_session(GRID[21], seed=21),     # adamw, frozen
                                  lambda: grid_session(GRID[20], seed=20),     # adam, masks
                                  lambda: grid_session(GRID[2], seed=2)],      # nesterov, trained before
                         ids=["moons", "adamw-frozen", "adam-masks", "nesterov"])
def test_ten_steps_in_torch_then_ten_in_the_app_equal_twenty_in_the_app(make: Any, tmp_path: Path) -> None:
    out = tmp_path / "trained.json"
    first = run_script(export_script(make()), tmp_path, 10, save=out)
    reopened = project_file.load(out)
    start = make().step_count
    assert reopened.step_count == start + 10 and len(reopened.losses) == start + 10
    assert np.allclose(reopened.losses[-10:], first["losses"], rtol=0, atol=1e-9)
    ten = make()
    ten.run(steps=10)
    for key, arrays in ten.opt_state.items():     # the optimizer state came back too
        if key == "t":
            assert reopened.opt_state["t"] == arrays
        else:
            assert len(reopened.opt_state[key]) == len(arrays)
            for a, b in zip(reopened.opt_state[key], arrays):
                assert np.allclose(a, b, rtol=0, atol=1e-9)
    after = parity.engine_result(reopened, 10)
    straight = parity.engine_result(make(), 20)
    straight["losses"] = straight["losses"][10:]
    assert parity.worst_difference(after, straight) <= 1e-9


# -- import --------------------------------------------------------------------------------------
def test_import_round_trip(tmp_path: Path) -> None:
    example = ROOT / "resources/examples/circle.json"
    script = run_script(export_script(example), tmp_path, 15)
    weights = tmp_path / "weights.pt"
    torch.save(script["state_dict"], weights)
    out = tmp_path / "imported.json"
    assert cli_main(["import-torch", str(weights), "--like", str(example), "-o", str(out)]) == 0
    net = project_file.load(out).network
    for k in range(net.depth):
        assert np.array_equal(net.W[k], np.asarray(script["weights"][k]))
        assert np.array_equal(net.W[k], script["state_dict"][f"{2 * k}.weight"].numpy().T)
        assert np.array_equal(net.b[k], np.asarray(script["biases"][k]))


def import_error(tmp_path: Path, obj: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    weights = tmp_path / "weights.pt"
    torch.save(obj, weights)
    code = cli_main(["import-torch", str(weights), "--like", str(ROOT / "resources/examples/xor.json"),
                     "-o", str(tmp_path / "out.json")])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out.json").exists()
    return code, err


def xor_state() -> dict[str, Any]:     # xor: 2 -> 4 (tanh) -> 1 (sigmoid)
    return {"0.weight": torch.zeros(4, 2), "0.bias": torch.zeros(4), "2.weight": torch.zeros(1, 4),
            "2.bias": torch.zeros(1)}


def test_import_names_the_key_and_both_shapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = xor_state()
    state["2.weight"] = torch.zeros(4, 1)
    code, err = import_error(tmp_path, state, capsys)
    assert code == 2 and "2.weight" in err and "(1, 4)" in err and "(4, 1)" in err


@pytest.mark.parametrize("change, words", [
    (lambda s: s.pop("2.bias"), "2.bias is missing"),
    (lambda s: s.update({"4.weight": torch.zeros(1, 1)}), "3 Linear layer"),
    (lambda s: s.update({"head.scale": torch.zeros(1)}), "unexpected key 'head.scale'"),
    (lambda s: s.update({"0.bias": torch.tensor([0.0, float("nan"), 0.0, 0.0])}), "not finite"),
])
def test_import_refuses_a_state_dict_that_does_not_fit(change: Any, words: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    state = xor_state()
    change(state)
    code, err = import_error(tmp_path, state, capsys)
    assert code == 2 and words in err


@pytest.mark.parametrize("obj", [[1, 2, 3], torch.zeros(3), {}], ids=["list", "tensor", "empty"])
def test_import_refuses_what_is_not_a_state_dict(obj: Any, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, err = import_error(tmp_path, obj, capsys)
    assert code == 2 and "not a state_dict" in err


class Payload:
    """A pickled object that would write a file if it were ever unpickled."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> Any:
        return (Path(self.marker).write_text, ("ran",))


def test_import_never_unpickles_a_custom_class(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "marker.txt"
    code, err = import_error(tmp_path, {"0.weight": Payload(str(marker))}, capsys)
    assert code == 2 and "refused" in err and "weights_only" in err
    assert not marker.exists()


def test_import_refuses_a_file_torch_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a torch file at all")
    code = cli_main(["import-torch", str(bad), "--like", str(ROOT / "resources/examples/xor.json"),
                     "-o", str(tmp_path / "out.json")])
    err = capsys.readouterr().err
    assert code == 2 and "not a PyTorch weights file" in err and err.count("\n") == 1


# -- the script itself ---------------------------------------------------------------------------
def test_the_script_imports_only_torch_numpy_and_the_standard_library() -> None:
    text = export_script(grid_session(GRID[29], seed=29))      # regularisation, masks, frozen
    tops = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            tops |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            tops.add((node.module or "").split(".")[0])
    assert tops - {"torch", "numpy"} <= set(sys.stdlib_module_names) | {"__future__"}
    assert {"torch", "numpy"} <= tops


def test_the_script_ties_its_lines_to_the_article_notation() -> None:
    text = export_script(ROOT / "resources/examples/article_3_2_1.json")
    assert "W^(k->k+1) = layers[k].weight.T" in text
    assert "v_in^(1) = W^(0->1)^T v_out^(0)" in text and "eta" in text
    assert "[0.1, 0.4]," in text and "[0.7]," in text       # the article's weights, in the app's layout


# -- the command line ----------------------------------------------------------------------------
def test_export_torch_verify_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "model.py"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", "export-torch",
                           str(ROOT / "resources/examples/xor.json"), "-o", str(out), "--verify", "25"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=200)
    assert done.returncode == 0, done.stderr
    assert "differ by at most" in done.stdout and out.exists()
    json_out = subprocess.run([sys.executable, str(out), "--steps", "2", "--json"], capture_output=True,
                              text=True, timeout=200, cwd=tmp_path)
    assert set(json.loads(json_out.stdout)) == {"losses", "weights", "biases"}


def test_verify_exits_1_when_the_numbers_differ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    real = parity.script_result

    def off_by_a_little(path: Any, steps: int) -> dict[str, Any]:
        result = real(path, steps)
        result["losses"][-1] += 1e-6
        return result

    monkeypatch.setattr(parity, "script_result", off_by_a_little)
    code = cli_main(["export-torch", str(ROOT / "resources/examples/article_3_2_1.json"),
                     "-o", str(tmp_path / "m.py"), "--verify", "3"])
    assert code == 1 and "verify failed" in capsys.readouterr().err


def test_any_project_name_gives_a_valid_script() -> None:
    session = grid_session(GRID[0], seed=0)
    session.meta["name"] = 'A "quoted"\n name with \\N{a} backslash """ and more'
    compile(export_script(session), "model.py", "exec")


def test_a_diverging_project_stops_at_the_same_step_in_both(tmp_path: Path) -> None:
    session = grid_session(dict(optimizer="sgd", hp={"learning_rate": 1e150}, out="identity"), seed=3)
    script = run_script(export_script(session), tmp_path, 10)
    app = parity.engine_result(session, 10)
    assert session.diverged is not None and script["diverged"]
    assert len(script["losses"]) == len(app["losses"]) < 10
    assert parity.worst_difference(script, app) <= 1e-9
