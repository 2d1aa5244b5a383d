"""The exported PyTorch script is readable and says what it needs (issue 25, item 14).

Before: the script of the spiral example after training was 3.75 MB, with one line of 3.7 million
characters (the project embedded as one JSON string, its training log included), its docstring
named a generic ``model.py``, and without torch it stopped with a bare ``ModuleNotFoundError``.
Now the data are written one sample per line, wrapped at 100 characters, without the training
log the script drops anyway; the docstring says how to run the script by its own name with each
option; and without torch (or numpy) it prints one line saying what to install, and exits 2.
These tests need no torch.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.bridge.literal import WIDTH, literal
from backprop_studio.core.bridge.torch_script import export_script
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR

CODE_WIDTH = 200     # the script's own code and comments; the data are wrapped at WIDTH


@pytest.fixture(scope="module")
def trained_spiral() -> str:
    session = project_file.load(EXAMPLES_DIR / "spiral.json")
    session.run(steps=600)                     # the training log grows with every step
    return export_script(session, "spiral.py")


def test_no_line_of_a_trained_projects_script_is_long(trained_spiral: str) -> None:
    lines = trained_spiral.splitlines()
    assert max(len(line) for line in lines) <= CODE_WIDTH
    assert '"log"' not in trained_spiral                  # the training log is not carried along
    assert len(trained_spiral.encode()) < 400_000, len(trained_spiral.encode())


def test_the_data_are_one_sample_per_line(trained_spiral: str) -> None:
    session = project_file.load(EXAMPLES_DIR / "spiral.json")
    tree = ast.parse(trained_spiral)
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id in ("X", "Y") and isinstance(node.value, ast.Call):
            arg = node.value.args[0]
            found[node.targets[0].id] = (ast.literal_eval(arg), arg.lineno, arg.end_lineno)
    x, first, last = found["X"]
    assert np.array_equal(np.array(x), session.dataset.inputs)        # exact: repr round-trips
    assert last - first + 1 == len(session.dataset.inputs) + 2         # "[", one line per sample, "]"


def test_a_wide_sample_is_wrapped_and_reads_back_exactly() -> None:
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(3, 60))
    text = literal(rows)
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert np.array_equal(np.array(ast.literal_eval(text)), rows)
    doc = {"name": 'quote " backslash \\ nul \x00 surrogate \udc80', "flags": [True, False, None],
           "series": list(rng.normal(size=200))}
    assert ast.literal_eval(literal(doc)) == doc
    with pytest.raises(ValueError):
        literal([1.0, float("nan")])


def test_the_docstring_says_how_to_run_it_with_each_option(trained_spiral: str) -> None:
    doc = ast.get_docstring(ast.parse(trained_spiral))
    assert doc is not None
    for usage in ("python spiral.py --steps N\n", "python spiral.py --steps N --json\n",
                  "python spiral.py --steps N --save-project OUT.json\n", "python spiral.py --help\n"):
        assert usage in doc, usage
    assert "pip install torch" in doc and "Exit codes: 0" in doc


@pytest.mark.parametrize("missing,words", [("torch", "this script needs PyTorch: pip install torch"),
                                           ("numpy", "this script needs numpy: pip install numpy")])
def test_without_torch_it_says_so_in_one_line(missing: str, words: str, tmp_path: Path) -> None:
    script = tmp_path / "model.py"
    script.write_text(export_script(EXAMPLES_DIR / "xor.json"), encoding="utf-8")
    # as in an environment without the package: importing it fails with ModuleNotFoundError
    run = (f"import runpy, sys; sys.modules[{missing!r}] = None; sys.argv = ['model.py', '--steps', '1']; "
           f"runpy.run_path({str(script)!r}, run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(words) and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
