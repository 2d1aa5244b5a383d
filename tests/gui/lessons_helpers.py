"""Shared by the lesson GUI tests: a window at 1366x768 in its default layout, whose Lessons
panel reads a given folder.  (``lesson_window`` is a fixture: tests/gui/conftest.py imports it.)"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from backprop_studio.core.files.resources import LESSONS_DIR

TEST_LESSONS = Path(__file__).parent / "lessons"


def lesson_files() -> list[Path]:
    """Every shipped lesson, and the test lessons (the shipped ones may not exist yet)."""
    return sorted(LESSONS_DIR.glob("*.json")) + sorted(TEST_LESSONS.glob("*.json"))


@pytest.fixture
def lesson_window(qtbot):
    """The main window on the article's example as the app opens it the first time: the default
    layout at 1366x768 (the Lessons tab behind the Step Debugger's); no saved layout is read or
    written, and closing at the end never prompts."""
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.documents import DEFAULT_EXAMPLE
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    window = MainWindow(StudioSession(project_file.load(DEFAULT_EXAMPLE)), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    window.resize(1366, 768)
    window.show()
    docks = window.docks
    qtbot.waitUntil(lambda: docks["stepDebugger"] in window.tabifiedDockWidgets(docks["lessonPanel"]))
    yield window
    window.studio.set_unmodified()      # (closed here, not by qtbot: it would close before this)
    window.close()
    window.deleteLater()


def panel_on(window, qtbot, folder: Path = TEST_LESSONS, fresh: bool = True):
    """The window's Lessons panel on ``folder``; ``fresh``: no progress yet (the tests'
    QSettings is isolated from the user's by tests/gui/conftest.py)."""
    if fresh:
        QSettings().remove("lessons")
    panel = window.views["lessonPanel"]
    panel.folder = folder
    panel.reload()
    return panel


def start(panel, lesson_id: str):
    """Select the listed lesson ``lesson_id`` (the list holds headers) and start it: the lesson."""
    for row, entry in enumerate(panel.found):
        if entry.head is not None and entry.head.id == lesson_id:
            panel.list.setCurrentRow(row)
            panel.start_selected()
            assert panel.lesson is not None and panel.lesson.id == lesson_id, panel.summary.text()
            return panel.lesson
    raise AssertionError(f"no lesson {lesson_id}")
