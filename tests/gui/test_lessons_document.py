"""Entering a lesson keeps the user's document aside; leaving brings it back exactly as it was
(network, parameters, training position, path, unsaved work, undo history).  The lesson's
documents never prompt, never autosave and never become recent files."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings

from backprop_studio.gui import documents as documents_module
from tests.gui.lessons_helpers import panel_on, start


def _user_document(window, tmp_path: Path):
    """The user's own work: saved to a file, then edited and trained (unsaved), undo available."""
    studio = window.studio
    path = tmp_path / "mine.json"
    assert window.documents._save_to(path)
    studio.edit_config("Set η", learning_rate=0.25)
    studio.step()
    studio.step_phase()
    studio.step_phase()
    return studio


def test_leaving_a_lesson_restores_the_document_as_it_was(lesson_window, qtbot, tmp_path, monkeypatch):
    studio = _user_document(lesson_window, tmp_path)
    core = studio.session
    params = [p.copy() for p in core.network.parameters()]
    position = (core.step_count, core.pending.phases_done)
    path, undo_count, undo_text = studio.path, studio.undo_stack.count(), studio.undo_stack.undoText()
    assert studio.modified and undo_count == 1
    panel = panel_on(lesson_window, qtbot)
    start(panel, "test-views")
    # in the lesson: another document, scratch, its own (empty) undo history
    assert studio.session is not core and studio.scratch and not studio.modified
    assert studio.undo_stack.count() == 0
    assert "lesson" in lesson_window.windowTitle()
    studio.step()                            # the learner trains and edits the lesson's network
    studio.edit_config("Set η", learning_rate=3.0)
    assert not studio.modified               # never "unsaved"
    panel.leave()
    assert studio.session is core and not studio.scratch
    assert studio.path == path and studio.modified
    assert (core.step_count, core.pending.phases_done) == position
    for a, b in zip(core.network.parameters(), params):
        np.testing.assert_array_equal(a, b)
    assert core.learning_rate == 0.25
    assert studio.undo_stack.count() == undo_count and studio.undo_stack.undoText() == undo_text
    assert lesson_window.actions_["actionUndo"].isEnabled()
    lesson_window.actions_["actionUndo"].trigger()           # the user's undo history still works
    assert core.learning_rate != 0.25
    assert lesson_window.windowTitle().startswith("mine.json")


def test_a_lesson_never_prompts_autosaves_or_adds_a_recent_file(lesson_window, qtbot, tmp_path):
    recent_before = QSettings().value("recentFiles", [])
    panel = panel_on(lesson_window, qtbot)
    start(panel, "test-views")
    lesson_window.studio.step()
    lesson_window.documents.autosave()
    assert not documents_module.autosave_path().exists()
    # New / Open during a lesson: refused with a note, never the unsaved-changes question
    assert lesson_window.documents.maybe_save() is False
    assert QSettings().value("recentFiles", []) == recent_before
    panel.leave()


def test_the_users_unsaved_work_is_autosaved_on_entering_and_kept_through_the_lesson(lesson_window, qtbot, tmp_path):
    studio = lesson_window.studio
    studio.step()
    assert studio.modified
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")
    saved = documents_module.autosave_path()
    assert saved.exists()
    text = saved.read_text()
    lesson_window.documents.autosave()         # during the lesson: the user's copy stays
    assert saved.read_text() == text
    panel.leave()
    lesson_window.documents.discard_autosave()


def test_closing_the_window_during_a_lesson_asks_about_the_users_document(lesson_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    studio = lesson_window.studio
    studio.step()                             # the user's unsaved work
    user_core = studio.session
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    assert not lesson_window.close()            # cancelled: the window stays
    assert asked == ["The document has unsaved changes. Save them?"]
    assert studio.session is user_core and panel.lesson is None
