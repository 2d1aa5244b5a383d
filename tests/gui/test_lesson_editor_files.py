"""The editor's lessons as files (issue 26 §3): save and reopen any lesson, a shipped one as a
copy; a lesson that does not read is never written; drafts are autosaved and offered back after
a crash; Try from Here plays the lesson and Back to Editing returns the user's document as it
was; closing the window asks about an unsaved lesson."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons import load_lesson
from backprop_studio.gui.lesson_targets import OUT_OF_REACH, targets
from backprop_studio.gui.lessons.editor import drafts
from backprop_studio.gui.lessons.editor import editor as editor_module
from backprop_studio.gui.lessons.editor.dock import editor_of, offer_recovery, open_editor

from .lessons_helpers import new_window, prepared

pytestmark = pytest.mark.usefixtures("clean_library")


def dead_pid() -> int:
    """The id of a process that has ended (a crashed app's)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_a_shipped_lesson_opens_as_a_copy_that_is_saved_elsewhere(editor, tmp_path, monkeypatch):
    shipped = LESSONS_DIR / "06-forward-pass.json"
    before = shipped.read_bytes()
    assert editor.open_path(shipped)
    d = editor.document
    assert d.path is None and d.origin == shipped and d.modified
    assert d.doc["id"] == "forward-pass-copy" and d.doc["title"].endswith(" (copy)")
    target = tmp_path / "mine.json"
    offered = []

    def save_dialog(_parent, _caption, start, _filter):
        offered.append(start)
        return str(target), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    assert editor.save()
    assert offered and not offered[0].startswith(str(LESSONS_DIR))     # never offered over the shipped file
    assert shipped.read_bytes() == before and d.path == target and not d.modified
    lesson = load_lesson(target)
    assert lesson.id == "forward-pass-copy" and len(lesson.steps) == len(load_lesson(shipped).steps)
    assert editor.open_path(target) and editor.document.path == target and not editor.document.modified


def test_saving_a_lesson_that_does_not_read_writes_nothing(editor, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(editor_module, "show_error", lambda parent, title, message: errors.append(message))
    editor.document.set_key("sections", [], "no sections")
    target = tmp_path / "bad.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert not editor.save()
    assert not target.exists() and editor.document.path is None
    assert len(errors) == 1 and "sections: expected a non-empty list of article sections" in errors[0]


def test_a_new_lessons_id_comes_from_its_file_name(editor, tmp_path, monkeypatch):
    target = tmp_path / "Week 3, Monday.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert editor.save()
    assert json.loads(target.read_text())["id"] == "week-3-monday"
    assert check_ok(target)


def check_ok(path) -> bool:
    from backprop_studio.core.lessons import check_lessons
    return check_lessons([path], targets()) == []


def test_the_draft_is_autosaved_and_forgotten_once_saved(editor, tmp_path, monkeypatch):
    editor.document.set_step_key(0, "title", "Unsaved work", "t")
    assert editor.drafts.autosave()
    payload = json.loads(drafts.draft_path().read_text())
    assert payload["document"]["steps"][0]["title"] == "Unsaved work" and payload["path"] is None
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "l.json"), ""))
    assert editor.save()
    assert not drafts.draft_path().exists()


def test_a_crashed_apps_draft_is_offered_back(lesson_window, qtbot, monkeypatch):
    doc = json.loads(open_editor(lesson_window).document.text())
    editor_of(lesson_window).document.undo_stack.setClean()
    doc["steps"][0]["title"] = "Written before the crash"
    orphan = drafts.drafts_dir() / f"draft-{dead_pid()}.json"
    orphan.write_text(json.dumps({"path": None, "origin": None, "document": doc}), encoding="utf-8")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *a, **k: asked.append(title)
                        or QMessageBox.StandardButton.Yes)
    assert offer_recovery(lesson_window)
    editor = editor_of(lesson_window)
    assert asked == ["Recover lesson"] and not orphan.exists()
    assert editor.document.steps[0]["title"] == "Written before the crash" and editor.document.modified
    assert drafts.draft_path().exists()                  # it lives in this app's own draft now
    editor.document.undo_stack.setClean()
    assert not offer_recovery(lesson_window)             # nothing left to offer


def test_a_draft_that_is_declined_is_deleted(lesson_window, monkeypatch):
    orphan = drafts.drafts_dir() / f"draft-{dead_pid()}.json"
    orphan.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not offer_recovery(lesson_window) and not orphan.exists()


def test_a_draft_of_a_running_app_is_not_an_orphan(lesson_window):
    mine = drafts.draft_path()
    mine.write_text("{}", encoding="utf-8")
    try:
        assert mine not in drafts.orphaned_drafts() and os.getpid() == int(mine.stem.split("-")[1])
    finally:
        mine.unlink()


def test_try_from_here_plays_the_lesson_and_back_to_editing_returns_the_users_document(
        lesson_window, editor, qtbot):
    studio = lesson_window.studio
    studio.edit_config("Set η", learning_rate=0.25)       # the user's own unsaved edit
    studio.step()
    mine, undo = studio.session, studio.undo_stack
    editor.state_form.network_button.click()              # step 1: the network at step 1
    editor.steps.add_button.click()
    editor.document.set_step_key(1, "title", "Second", "t")
    assert editor.trying.start()                          # from the selected step: the second
    panel = lesson_window.views["lessonPanel"]
    prepared(panel, qtbot)
    assert panel.lesson is not None and panel.index == 1 and studio.scratch
    assert editor.banner.isVisibleTo(editor) and not editor.body.isEnabled()
    assert not editor.actions_["lessonEditorSave"].isEnabled()
    editor.back_button.click()
    assert panel.lesson is None and not studio.scratch
    assert studio.session is mine and studio.undo_stack is undo and studio.modified
    assert mine.step_count == 1 and mine.learning_rate == 0.25
    assert not editor.banner.isVisibleTo(editor) and editor.body.isEnabled()
    assert editor.actions_["lessonEditorSave"].isEnabled()


def test_leaving_the_lesson_in_the_panel_returns_to_editing_too(lesson_window, editor, qtbot):
    assert editor.trying.start(0)
    panel = lesson_window.views["lessonPanel"]
    prepared(panel, qtbot)
    panel.leave_button.click()
    assert not editor.trying.active and editor.body.isEnabled()


def test_a_lesson_that_does_not_read_is_not_tried(lesson_window, editor):
    editor.document.set_key("id", "Not an id", "bad")
    assert not editor.trying.start()
    assert "Cannot try the lesson yet: id:" in editor.problem_label.text()
    assert lesson_window.views["lessonPanel"].lesson is None


def test_closing_the_window_asks_about_an_unsaved_lesson(qtbot, monkeypatch):
    window = new_window(qtbot)
    editor = open_editor(window)
    editor.document.set_step_key(0, "title", "Unsaved", "t")
    asked = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *a, **k: asked.append(title) or next(answers))
    assert editor.drafts.autosave() and drafts.draft_path().exists()
    assert not window.close() and window.isVisible()          # Cancel: the window stays
    assert window.close()                                     # Discard: closed, the draft forgotten
    assert asked == ["Unsaved lesson", "Unsaved lesson"] and not drafts.draft_path().exists()


def test_every_name_of_the_editor_is_out_of_a_lessons_reach(lesson_window, editor, tmp_path):
    from PySide6.QtCore import QObject
    names = {o.objectName() for o in editor.findChildren(QObject) if o.objectName().startswith("lessonEditor")}
    assert {"lessonEditorTry", "lessonEditorSave", "lessonEditorCaptureNetwork"} <= names
    for name in ("lessonEditor", "lessonEditorTry", "lessonEditorSave", "actionLessonEditor", "lessonOpenFile"):
        problem = targets().problem(name, "highlight")
        assert problem is not None and "out of a lesson's reach" in problem
    assert set(editor.actions_) <= set(OUT_OF_REACH)       # every action of the editor
