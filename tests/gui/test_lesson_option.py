"""``backprop-studio --lesson ID[:STEP]``: opens a shipped lesson at a step (for teachers and for
the screenshots in docs/); a render with --screenshot leaves the user's settings alone."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backprop_studio.gui.app import find_lesson, parse_args

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, lesson_id, step", [
    ("6", "forward-pass", 0), ("forward-pass:3", "forward-pass", 2), ("1:8", "univariate", 7)])
def test_a_lesson_is_found_by_its_id_or_number(text, lesson_id, step):
    lesson, index = find_lesson(text)
    assert (lesson.id, index) == (lesson_id, step)


@pytest.mark.parametrize("text, says", [
    ("13", "no lesson '13'; the lessons are 1 (univariate)"),
    ("nope", "no lesson 'nope'"),
    ("6:0", "lesson 'forward-pass' has steps 1 to 9"),
    ("6:x", "step 'x'")])
def test_a_wrong_lesson_is_one_clear_error(text, says, capsys):
    with pytest.raises(SystemExit) as e:
        parse_args(["--lesson", text])
    assert e.value.code == 2
    assert says in capsys.readouterr().err


def test_a_screenshot_of_a_lesson_step_keeps_the_users_settings(tmp_path):
    out = tmp_path / "lesson.png"
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path),
               HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    result = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", "--lesson", "6:2",
                             "--screenshot", str(out), "--size", "1366x768"],
                            env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    written = [p for p in home.rglob("*") if p.is_file()] if home.exists() else []
    assert written == []          # no layout, recent files or lesson progress written for the user


def test_a_screenshot_of_the_lesson_editor_on_a_shipped_lesson_exits(tmp_path):
    """A shipped lesson opens in the editor as an unsaved copy: the render closes without asking
    to save it (the question waited for a click that never comes) and leaves no draft behind."""
    out = tmp_path / "editor.png"
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path / "data"),
               HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    result = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", "--lesson-editor",
                             str(REPO / "resources" / "lessons" / "03-learning-rate.json:2"),
                             "--screenshot", str(out), "--size", "1366x768"],
                            env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert list((tmp_path / "data").rglob("draft-*.json")) == []
