"""The lesson editor (issue 26 §3): a list of steps to add, duplicate, delete and reorder by
dragging, each undoable; a step's title and Markdown with a live preview rendered as the learner
sees it; problems named with their JSON path, line and column, as ``lessons check`` names them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from backprop_studio.core.lessons import render_markdown
from backprop_studio.core.lessons.draft import problems
from backprop_studio.gui.lesson_targets import targets
from backprop_studio.gui.lessons.editor.dock import dock_of
from backprop_studio.gui.lessons.editor.step_form import preview_html
from backprop_studio.gui.lessons.safe_text import markdown

pytestmark = pytest.mark.usefixtures("clean_library")


def titles(editor) -> list[str]:
    return [s["title"] for s in editor.document.steps]


def test_help_write_a_lesson_opens_the_editor_in_a_dock_beside_the_views(lesson_window, qtbot):
    lesson_window.actions_["actionLessonEditor"].trigger()
    dock = dock_of(lesson_window)
    assert dock is not None and dock.objectName() == "lessonEditorDock"
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    # what a teacher sets up and captures stays in sight beside it
    assert not lesson_window.docks["stepDebugger"].visibleRegion().isEmpty()
    assert not lesson_window.views["networkEditor"].visibleRegion().isEmpty()
    assert lesson_window.width() <= 1366                 # the dock does not push the window off the screen
    assert dock.widget().findChild(object, "lessonEditorPreview") is not None
    dock.widget().document.undo_stack.setClean()


def test_steps_are_added_duplicated_deleted_and_moved_each_one_undo(editor, qtbot):
    steps = editor.steps
    steps.add_button.click()
    steps.add_button.click()
    assert titles(editor) == ["Step 1", "Step 2", "Step 3"] and steps.current == 2
    steps.select(0)
    editor.document.set_step_key(0, "title", "First", "t")
    steps.duplicate_button.click()
    assert titles(editor) == ["First", "First", "Step 2", "Step 3"] and steps.current == 1
    steps.delete_button.click()
    assert titles(editor) == ["First", "Step 2", "Step 3"]
    steps.select(2)
    steps.up_button.click()
    assert titles(editor) == ["First", "Step 3", "Step 2"] and steps.current == 1
    stack = editor.document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add step", "Add step", "t", "Duplicate step", "Delete step", "Move step"]
    for _ in range(3):
        stack.undo()
    assert titles(editor) == ["First", "Step 2", "Step 3"]
    stack.redo()
    assert titles(editor) == ["First", "First", "Step 2", "Step 3"]


def test_dragging_a_step_reorders_the_lesson(editor, qtbot):
    for _ in range(2):
        editor.steps.add_button.click()
    model = editor.steps.list.model()
    # a drag in the list moves its row as this does (InternalMove): step 1 below step 3
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    qtbot.waitUntil(lambda: titles(editor) == ["Step 2", "Step 3", "Step 1"])
    assert editor.steps.list.item(2).text().startswith("3. Step 1") and editor.steps.current == 2
    editor.document.undo_stack.undo()
    assert titles(editor) == ["Step 1", "Step 2", "Step 3"]


def test_a_step_cannot_be_deleted_when_it_is_the_only_one(editor):
    assert len(editor.document.steps) == 1 and not editor.steps.delete_button.isEnabled()


def test_typing_the_text_is_one_undo_step_and_the_preview_follows(editor, qtbot):
    form = editor.text_form
    form.text.selectAll()
    qtbot.keyClicks(form.text, "Unit 1: $v_{in,1}^{(1)} = \\sum_i w_{i1} x_i$.")
    stack = editor.document.undo_stack
    assert stack.count() == 1 and stack.text(0) == "Edit step text"
    text = editor.document.steps[0]["text"]
    shown = form.preview.toPlainText()
    assert "∑" in shown and "v_{in" not in shown and "vertical-align:sub" in form.preview.toHtml()
    # the panel's own rendering of the text (its markdown(): the one renderer), set as it is
    assert markdown(text) in preview_html("L", editor.document.steps[0], 0, 1)
    assert render_markdown(text) == markdown(text)
    stack.undo()
    assert editor.document.steps[0]["text"].startswith("Write what the learner reads")
    assert form.text.toPlainText() == editor.document.steps[0]["text"]


def test_a_formula_outside_the_subset_is_named_with_line_and_column_and_previewed_as_the_learner_sees_it(editor):
    form = editor.text_form
    form.text.setPlainText("First line.\n\nSee $\\frac{a}{b} + \\foo$ here.")
    editor.recheck()
    expected = "steps[0].text: line 3, column 20: unknown command \\foo"
    assert editor.problems == [expected]
    assert problems(editor.document.doc, None, targets()) == [expected]          # the check's own words
    assert expected in form.problems.text() and form.problems.isVisibleTo(editor)
    assert "shown as plain text" in form.preview.toPlainText()                   # what the learner would see
    assert editor.steps.list.item(0).text().startswith("⚠ ")


def test_problems_of_another_step_and_the_lesson_are_listed_under_the_editor(editor, qtbot):
    editor.steps.add_button.click()
    editor.document.set_step_key(1, "title", "", "t")
    editor.lesson_form.lesson_id.setText("Not An Id")
    editor.lesson_form.lesson_id.textEdited.emit("Not An Id")
    editor.steps.select(0)
    editor.recheck()
    text = editor.problem_label.text()
    assert "id: &#x27;Not An Id&#x27; is not an id" in text or "id: 'Not An Id' is not an id" in text
    assert "1 problem" in text
    editor.lesson_form.lesson_id.textEdited.emit("fine-id")
    editor.recheck()
    assert editor.problems == ["steps[1].title: expected some text, got an empty string"]


def test_reset_layout_keeps_the_editor_in_front_of_the_forms(lesson_window, editor, qtbot):
    dock = dock_of(lesson_window)
    forms = lesson_window.docks["hyperparameters"]
    assert dock in lesson_window.tabifiedDockWidgets(forms)
    lesson_window.actions_["actionResetLayout"].trigger()
    qtbot.waitUntil(lambda: dock in lesson_window.tabifiedDockWidgets(forms))
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())


def test_check_builds_every_state_in_the_background_as_lessons_check_does(editor, qtbot):
    editor.document.set_step_key(0, "state", {"project": "example:article_3_2_1"}, "s")
    editor.document.set_step_key(0, "task", {"question": {"value": {"kind": "delta", "layer": 2, "unit": 1},
                                                          "prompt": "δ = ?"}}, "t")
    editor.recheck()
    assert editor.problems == []                         # reads well: the live check builds no state
    editor.actions_["lessonEditorCheck"].trigger()
    assert editor.checker.running and editor.check_row.isVisibleTo(editor)
    qtbot.waitUntil(lambda: not editor.checker.running, timeout=60000)
    assert len(editor.problems) == 1 and editor.problems[0].startswith("steps[0].task.question.value")
    assert not editor.check_row.isVisibleTo(editor)
    editor.document.set_step_key(0, "state", {"project": "example:article_3_2_1", "after_phase": "backward layer 2"},
                                 "s")
    editor.check()
    qtbot.waitUntil(lambda: not editor.checker.running, timeout=60000)
    assert editor.problems == [] and "every state builds" in editor.problem_label.text()


def test_check_can_be_cancelled(editor, qtbot):
    editor.check()
    editor.cancel_check.click()
    qtbot.waitUntil(lambda: not editor.checker.running, timeout=60000)
    assert "Check cancelled." in editor.problem_label.text()
