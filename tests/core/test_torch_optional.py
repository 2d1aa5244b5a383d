"""torch stays optional: nothing imports it until --verify or an import needs it, and then a
missing torch is one clear line (exit 2).  These tests run with or without torch installed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backprop_studio.core.cli.main import main as cli_main
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.schedules import SCHEDULES
from tests.core.torch_grid import GRID

ROOT = Path(__file__).resolve().parents[2]
XOR = str(ROOT / "resources/examples/xor.json")


def test_writing_a_script_and_the_cli_never_import_torch(tmp_path: Path) -> None:
    script = ("import json, sys\n"
              "from backprop_studio.core.cli.main import main\n"
              f"code = main(['export-torch', {XOR!r}, '-o', {str(tmp_path / 'm.py')!r}])\n"
              "import backprop_studio.core.bridge.torch_weights, backprop_studio.core.bridge.parity\n"
              "print(json.dumps([code, 'torch' in sys.modules]))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [0, False]


@pytest.fixture
def no_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if torch were not installed: ``import torch`` raises ImportError."""
    monkeypatch.setitem(sys.modules, "torch", None)


@pytest.mark.parametrize("args", [
    ["export-torch", XOR, "-o", "{tmp}/m.py", "--verify", "3"],
    ["import-torch", "{tmp}/w.pt", "--like", XOR, "-o", "{tmp}/out.json"],
], ids=["export-verify", "import"])
def test_without_torch_the_commands_that_need_it_say_so(args: list[str], tmp_path: Path, no_torch: None,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "w.pt").write_bytes(b"weights")
    code = cli_main([a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert code == 2 and "needs PyTorch, which is not installed" in err and err.count("\n") == 1
    assert not (tmp_path / "m.py").exists() and not (tmp_path / "out.json").exists()


def test_without_torch_a_script_is_still_written(tmp_path: Path, no_torch: None) -> None:
    assert cli_main(["export-torch", XOR, "-o", str(tmp_path / "m.py")]) == 0
    assert "import torch" in (tmp_path / "m.py").read_text()


def test_export_refuses_a_folder_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["export-torch", XOR, "-o", str(tmp_path / "nowhere" / "m.py")])
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and err.count("\n") == 1


def test_the_parity_grid_covers_every_activation_optimizer_loss_and_schedule() -> None:
    """Every registry entry has a PyTorch parity case (tests/core/torch_grid.py adds one for an
    entry no written case uses); checked here, without torch, so a missing case fails even where
    the parity tests are skipped."""
    assert {c.get("hidden", "tanh") for c in GRID} | {c.get("out", "sigmoid") for c in GRID} == set(ACTIVATIONS)
    assert {c.get("optimizer", "sgd") for c in GRID} == set(OPTIMIZERS)
    assert {c.get("loss", "half_sse") for c in GRID} == set(LOSSES)
    assert {c.get("schedule", {"name": "constant"})["name"] for c in GRID} == set(SCHEDULES)
