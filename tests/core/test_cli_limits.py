"""The command line's smaller gaps (issue 22 §6): every limit said in one line, Ctrl-C is one line.

Before: ``export-torch --verify 1000000000`` had no bound, Ctrl-C during ``train`` printed a
34-line traceback, and ``lessons check ""`` checked the current folder.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backprop_studio.core.bridge import parity
from backprop_studio.core.cli.main import EXIT_INTERRUPTED, main
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR

ARTICLE = str(EXAMPLES_DIR / "article_3_2_1.json")


def test_verify_is_bounded_and_says_its_limit(tmp_path, capsys, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a billion-step verification started")

    monkeypatch.setattr(parity, "script_result", never)
    out = tmp_path / "model.py"
    assert main(["export-torch", ARTICLE, "-o", str(out), "--verify", "1000000000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--verify" in err and "at most 10,000 steps" in err
    assert not out.exists()


def test_an_empty_lessons_check_path_is_refused(capsys):
    assert main(["lessons", "check", ""]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "got an empty path" in err


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("argv", [
    ["train", ARTICLE, "--steps", "5"], ["trace", ARTICLE], ["check", ARTICLE],
    ["surface", ARTICLE, "--mode", "random", "--grid", "3", "--out", "{tmp}/s.csv"],
    ["export-torch", ARTICLE, "-o", "{tmp}/m.py"]], ids=lambda a: a[0])
def test_ctrl_c_in_any_subcommand_is_one_line_and_exit_130(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(project_file, "load", interrupt)
    assert main([a.format(tmp=tmp_path) for a in argv]) == EXIT_INTERRUPTED == 130
    out, err = capsys.readouterr()
    assert err == "backprop-studio: interrupted\n" and out == ""
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_training_leaves_the_project_as_it_was(tmp_path):
    """A real SIGINT, delivered while `train` is training (the session's run sends it to itself)."""
    project = tmp_path / "p.json"
    project.write_text(Path(ARTICLE).read_text())
    before = project.read_bytes()
    code = ("import os, signal, sys\n"
            "from backprop_studio.core.training.session import Session\n"
            "Session.run = lambda self, *a, **k: os.kill(os.getpid(), signal.SIGINT)\n"
            "from backprop_studio.core.cli.main import main\n"
            f"sys.exit(main(['train', {str(project)!r}, '--steps', '1000']))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 130
    assert done.stderr == "backprop-studio: interrupted\n"
    assert project.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]
