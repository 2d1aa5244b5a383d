"""Any lesson file opens (issue 26 §1-2): File → Open (and a dropped file) tells a lesson or a
course by its format key; ``--lesson PATH`` and ``backprop-studio PATH`` do the same; the
Lessons panel opens files, adds folders, and lists shipped lessons, My Lessons, folders and
courses in sections, with progress kept per lesson and file.  Each hostile file of the
adversarial pass is tried through File → Open, ``--lesson PATH`` and ``backprop-studio PATH``."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from backprop_studio.core.files.resources import EXAMPLES_DIR, LESSONS_DIR
from backprop_studio.core.lessons import pack_course
from backprop_studio.gui import app as app_module
from backprop_studio.gui import documents, places
from backprop_studio.gui.lessons import progress
from tests.core.hostile_lessons import OPENS, REFUSED, good, hostile_files, write

from .lessons_helpers import panel_on

pytestmark = pytest.mark.usefixtures("clean_library")


def open_with_file_open(window, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions_["actionOpen"].trigger()


def section_titles(panel) -> list[str]:
    return [s.title for s in panel.sections]


def test_file_open_starts_a_lesson_beside_the_users_document(lesson_window, qtbot, tmp_path, monkeypatch):
    panel = panel_on(lesson_window, qtbot)
    studio = lesson_window.studio
    studio.step()                                          # the user's unsaved work: never asked about
    mine = studio.session
    path = write(tmp_path, good(), "mine.json")
    open_with_file_open(lesson_window, monkeypatch, path)
    assert panel.lesson is not None and panel.lesson.id == "minimal" and panel.lesson.path == path.resolve()
    assert studio.scratch and studio.session is not mine
    assert not lesson_window.docks["lessonPanel"].visibleRegion().isEmpty()
    panel.leave()
    assert studio.session is mine and studio.modified
    assert section_titles(panel) == ["Shipped lessons", "Opened lesson files"]


def test_a_dropped_lesson_file_opens_as_file_open_does(lesson_window, qtbot, tmp_path):
    panel = panel_on(lesson_window, qtbot)
    path = write(tmp_path, good())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    lesson_window.dropEvent(event)
    assert panel.lesson is not None and panel.lesson.id == "minimal"
    panel.leave()


def test_file_open_lists_a_course_as_a_section_of_its_lessons(lesson_window, qtbot, tmp_path, monkeypatch):
    panel = panel_on(lesson_window, qtbot)
    course = tmp_path / "week.json"
    course.write_text(json.dumps(pack_course([write(tmp_path, good()), LESSONS_DIR / "06-forward-pass.json"],
                                             "Week 3")), encoding="utf-8")
    open_with_file_open(lesson_window, monkeypatch, course)
    assert panel.lesson is None                             # a course is listed, not started
    assert section_titles(panel) == ["Shipped lessons", "Course: Week 3"]
    entry = panel.lesson_at(panel.list.currentRow())
    assert (entry.head.id, entry.index, entry.course) == ("minimal", 0, "Week 3")
    panel.list.setCurrentRow(panel.list.currentRow() + 1)
    panel.start_selected()
    assert panel.lesson.id == "forward-pass" and panel.lesson.path is None      # a lesson of the course
    panel.leave()


def test_progress_is_kept_per_lesson_and_file(lesson_window, qtbot, tmp_path):
    panel = panel_on(lesson_window, qtbot)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    first, second = write(tmp_path / "a", good()), write(tmp_path / "b", good())   # the same id twice
    assert panel.open_path(first)
    panel.answer.setText("-0.05")            # by hand: 1.0*0.1 + 0.5*0.2 + (-0.5)*0.5
    panel.check()
    panel.leave()
    assert panel.open_path(second)
    assert panel.index == 0 and not panel.settled            # the other file: its own progress
    panel.leave()
    keys = {progress.key_of("minimal", first), progress.key_of("minimal", second)}
    assert len(keys) == 2 and "minimal" not in keys
    assert progress.load(progress.key_of("minimal", first)).done == {0}
    assert progress.load(progress.key_of("minimal", second)).done == set()
    labels = [panel.list.item(panel.row_of(e)).text() for e in panel.found if e.path.parent != panel.folder]
    assert sorted(label.split()[-1] for label in labels) == ["0/3", "1/3"]


def test_the_panel_opens_files_adds_folders_and_forgets_them(lesson_window, qtbot, tmp_path, monkeypatch):
    panel = panel_on(lesson_window, qtbot)
    shared = tmp_path / "class"
    shared.mkdir()
    write(shared, good(), "01-minimal.json")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(shared))
    panel.folder_button.click()
    assert section_titles(panel) == ["Shipped lessons", f"Folder: {shared.resolve()}"]
    row = panel.row_of(next(e for e in panel.found if e.path.parent == shared))
    panel.list.setCurrentRow(row)
    assert panel.forget_button.isEnabled()
    panel.forget_button.click()
    assert section_titles(panel) == ["Shipped lessons"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(shared / "01-minimal.json"), ""))
    panel.open_button.click()
    assert panel.lesson is not None and panel.lesson.id == "minimal"
    panel.leave()


def test_my_lessons_is_a_section_once_it_holds_a_lesson(lesson_window, qtbot):
    mine = places.user_lessons_dir()
    mine.mkdir(parents=True, exist_ok=True)
    assert not list(mine.glob("*.json"))                # (the tests' own data folder: empty so far)
    path = write(mine, good(), "mine.json")
    try:
        panel = panel_on(lesson_window, qtbot)
        assert section_titles(panel) == ["Shipped lessons", f"My Lessons ({mine})"]
        headings = [panel.list.item(r).text() for r in range(panel.list.count())
                    if panel.entry_in(r) is None]
        assert headings == ["Shipped lessons", f"My Lessons ({mine})"]
        assert all(not panel.list.item(r).flags() & Qt.ItemFlag.ItemIsSelectable for r in range(panel.list.count())
                   if panel.entry_in(r) is None)
        panel.list.setCurrentRow(0)                       # a heading: nothing to start
        assert not panel.start_button.isEnabled()
    finally:
        path.unlink()


def test_file_open_of_a_project_during_a_lesson_is_refused_with_a_note(lesson_window, qtbot, tmp_path, monkeypatch):
    panel = panel_on(lesson_window, qtbot)
    notes = []
    lesson_window.studio.note.connect(notes.append)
    assert panel.open_path(write(tmp_path, good()))
    open_with_file_open(lesson_window, monkeypatch, EXAMPLES_DIR / "xor.json")
    assert panel.lesson is not None and lesson_window.studio.scratch
    assert notes == ["Leave the lesson first (Leave lesson in the Lessons panel)"]
    panel.leave()


# -- hostile files ----------------------------------------------------------------------------------
HOSTILE = ["html-img", "html-table", "html-link", "maths-in-a-text", "maths-in-the-summary", "newer-version",
           "over-8-mib", "csv-etc-passwd", "csv-parent-folder", "csv-symlink-out", "over-the-budget",
           "lessons-over-the-budget", "not-json", "fifo"]


@pytest.mark.parametrize("name", HOSTILE)
def test_each_hostile_file_through_file_open(lesson_window, qtbot, tmp_path, monkeypatch, name):
    files = hostile_files(tmp_path / "h")
    if name not in files:
        pytest.skip("no FIFOs here")
    path, answer = files[name]
    panel = panel_on(lesson_window, qtbot)
    errors = []
    monkeypatch.setattr(documents, "show_error", lambda parent, title, message: errors.append(message))
    mine = lesson_window.studio.session
    open_with_file_open(lesson_window, monkeypatch, path)
    if answer == OPENS:
        assert errors == [] and panel.lesson is not None and panel.lesson.id == "minimal"
        panel.leave()
    elif answer == REFUSED:
        assert len(errors) == 1 and panel.lesson is None
        assert errors[0].startswith(f"{path.name} was not opened.\n\n") and "\n" not in errors[0].split("\n\n", 1)[1]
    else:
        assert errors == [] and panel.lesson is None
        said = panel.summary.text()
        assert "This lesson cannot be started: " in said and "root:" not in said
    assert lesson_window.studio.session is mine and not lesson_window.studio.scratch


@pytest.mark.parametrize("name", HOSTILE)
def test_each_hostile_file_through_the_command_line(tmp_path, capsys, name):
    files = hostile_files(tmp_path / "h")
    if name not in files:
        pytest.skip("no FIFOs here")
    path, answer = files[name]
    if answer == OPENS:
        opened, step = app_module.find_lesson(str(path))
        assert opened.kind == "lesson" and step == 0
        return
    with pytest.raises(SystemExit) as e:
        app_module.parse_args(["--lesson", str(path)])
    err = capsys.readouterr().err.strip().splitlines()
    assert e.value.code == 2 and err[-1].startswith("backprop-studio: error: --lesson: ") and "root:" not in err[-1]
    assert app_module.main([str(path)]) == 2                # backprop-studio PATH: one line, no window
    out = capsys.readouterr().err.strip().splitlines()
    assert len(out) == 1 and out[0].startswith(f"backprop-studio: error: {path}: ") and "root:" not in out[0]


def test_lesson_path_with_a_step(tmp_path, capsys):
    path = write(tmp_path, good())
    opened, step = app_module.find_lesson(f"{path}:3")
    assert (opened.entries[0].head.id, step) == ("minimal", 2)
    with pytest.raises(SystemExit):
        app_module.parse_args(["--lesson", f"{path}:4"])
    assert "lesson 'minimal' has steps 1 to 3" in capsys.readouterr().err
