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
    window = new_window(qtbot)
    yield window
    window.studio.set_unmodified()      # (closed here, not by qtbot: it would close before this)
    window.close()
    window.deleteLater()


def panel_on(window, qtbot, folder: Path = TEST_LESSONS, fresh: bool = True):
    """The window's Lessons panel on ``folder``; ``fresh``: no progress yet (the tests'
    QSettings is isolated from the user's by tests/gui/conftest.py)."""
    if fresh:
        QSettings().remove("lessons")
        QSettings().remove("lessonLibrary")      # no folders added, no files opened (gui/lessons/library.py)
    panel = window.views["lessonPanel"]
    panel.folder = folder
    panel.reload()
    return panel


def prepared(panel, qtbot) -> None:
    """Wait until no step is being prepared in a worker (a costly state: gui/lessons/runner.py)."""
    qtbot.waitUntil(lambda: panel.pending is None, timeout=60000)


def start(panel, lesson_id: str, qtbot=None):
    """Select the listed lesson ``lesson_id`` (the list holds headers) and start it: the lesson
    (with ``qtbot``: once its first step is prepared)."""
    for entry in panel.found:
        if entry.head is not None and entry.head.id == lesson_id:
            panel.list.setCurrentRow(panel.row_of(entry))
            panel.start_selected()
            assert panel.lesson is not None and panel.lesson.id == lesson_id, panel.summary.text()
            if qtbot is not None:
                prepared(panel, qtbot)
            return panel.lesson
    raise AssertionError(f"no lesson {lesson_id}")


def new_window(qtbot):
    """A main window as the app opens it (the article's example, the default layout at 1366x768),
    closed by the test (a test that reopens the app makes two)."""
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
    return window


@pytest.fixture
def clean_library():
    """No added folders or opened lesson files before the test, and none left after it."""
    QSettings().remove("lessonLibrary")
    yield
    QSettings().remove("lessonLibrary")


@pytest.fixture
def editor(lesson_window):
    """The lesson editor opened in ``lesson_window``; left clean, so closing never prompts."""
    from backprop_studio.gui.lessons.editor.dock import open_editor

    editor = open_editor(lesson_window)
    yield editor
    editor.document.undo_stack.setClean()


def choose(combo, data) -> None:
    """Pick the item of ``combo`` whose data is ``data``, as a click does."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
