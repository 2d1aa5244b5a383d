"""Shared by the lesson GUI tests: a window whose Lessons panel reads a given folder."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from core.files.resources import LESSONS_DIR

TEST_LESSONS = Path(__file__).parent / "lessons"


def lesson_files() -> list[Path]:
    """Every shipped lesson, and the test lessons (the shipped ones may not exist yet)."""
    return sorted(LESSONS_DIR.glob("*.json")) + sorted(TEST_LESSONS.glob("*.json"))


def panel_on(window, qtbot, folder: Path = TEST_LESSONS, fresh: bool = True):
    """The window shown at 1366x768, its panel on ``folder``; ``fresh``: no progress yet
    (the tests' QSettings is isolated from the user's by tests/gui/conftest.py)."""
    if fresh:
        QSettings().remove("lessons")
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.reset_layout()            # the default arrangement (the Lessons tab behind the Step Debugger's)
    panel = window.views["lessonPanel"]
    panel.folder = folder
    panel.reload()
    return panel


def start(panel, lesson_id: str):
    for row, (_path, lesson, _problem) in enumerate(panel.found):
        if lesson is not None and lesson.id == lesson_id:
            panel.list.setCurrentRow(row)
            panel.start_selected()
            return lesson
    raise AssertionError(f"no lesson {lesson_id}")
