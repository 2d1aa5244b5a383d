"""Done when (issue 26, the app): a teacher writes a lesson in the app's editor, previews it, saves
it and closes the app; reopens the app, opens the file with File → Open and completes it as a
learner; packs it with two shipped lessons into a course and opens that: three lessons listed.

Driven through the widgets a teacher uses (the editor's buttons, fields and combos, the
window's File → Open, the Lessons panel's buttons); dialogs are answered by monkeypatch.  The
answer typed is δ₁⁽²⁾ of the article's network worked out by hand below, not the engine's.
"""
from __future__ import annotations

import json
import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons import check_lessons, load_lesson, pack_course
from backprop_studio.gui.lesson_targets import targets
from backprop_studio.gui.lessons.editor.dock import editor_of

from .lessons_helpers import new_window, prepared


def sigmoid(v: float) -> float:
    return 1 / (1 + math.exp(-v))


def delta_2_by_hand() -> float:
    """δ₁⁽²⁾ of the article's 3-2-1 network before any update: x = (1, 0.5, -0.5), W^(0→1) rows
    (0.1, 0.4), (0.2, -0.3), (0.5, -0.6), W^(1→2) = (0.7, -0.2), y = 1, all sigmoid,
    E = ½ (y - ŷ)², so δ⁽²⁾ = (ŷ - y) ŷ (1 - ŷ)."""
    v_in_1 = (1 * 0.1 + 0.5 * 0.2 - 0.5 * 0.5, 1 * 0.4 + 0.5 * -0.3 - 0.5 * -0.6)    # (-0.05, 0.55)
    y_hat = sigmoid(0.7 * sigmoid(v_in_1[0]) - 0.2 * sigmoid(v_in_1[1]))
    return (y_hat - 1) * y_hat * (1 - y_hat)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo, data) -> None:
    """Pick the item whose data is ``data``, as a user's click does (``activated``)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def write_step(qtbot, editor, title: str, text: str) -> None:
    form = editor.text_form
    form.title.selectAll()
    qtbot.keyClicks(form.title, title)
    form.text.selectAll()
    qtbot.keyClicks(form.text, text)


def build_lesson(window, qtbot, editor) -> None:
    """Three steps: the race on the 2-D view (captured), a question on δ₁⁽²⁾ with two hints, a do task."""
    window.studio.functions.race.show("himmelblau", None, [((1.0, 0.0), "sgd", {"learning_rate": 0.01}),
                                                          ((-1.0, 0.5), "adam", {"learning_rate": 0.05})], 80)
    write_step(qtbot, editor, "Two starts, two minima", "Each run of the race follows $-\\nabla f$.")
    click(qtbot, editor.state_form.f2_button)
    # step 2: the network at δ^(2), selected in the debugger, asked about
    click(qtbot, editor.steps.add_button)
    studio = window.studio
    for _ in range(4):                        # forward 1, forward 2, loss, backward 2
        studio.step_phase()
    assert window.views["stepDebugger"].select(Ref("delta", 2, 0, 0, 0))
    write_step(qtbot, editor, "Predict delta", "What is $\\delta_1^{(2)}$ of the output unit?")
    click(qtbot, editor.state_form.network_button)
    choose(editor.task_form.kind, "question")
    question = editor.task_form.form
    click(qtbot, question.from_debugger)
    for hint in ("Start from $\\hat{y} - y$.", "Multiply by $f'(v_{in})$."):
        click(qtbot, editor.task_form.add_hint)
        item = editor.task_form.hints.item(editor.task_form.hints.count() - 1)
        item.setText(hint)                    # as an edit of the item does
    # step 3: do the rest of the backward pass
    click(qtbot, editor.steps.add_button)
    write_step(qtbot, editor, "Finish the backward pass", "Press **Step Phase** until $\\delta^{(1)}$ is there.")
    choose(editor.task_form.kind, "do")
    do = editor.task_form.form
    choose(do.action, "actionStepPhase")
    choose(do.condition, "reached")
    choose(do.phase, "backward layer 1")


@pytest.mark.usefixtures("clean_library")
def test_a_teacher_writes_saves_reopens_completes_and_packs_a_lesson(qtbot, tmp_path, monkeypatch):
    asked: list[str] = []

    def question(_parent, title, *_args, **_kwargs):
        asked.append(title)
        return QMessageBox.StandardButton.Discard       # the user's own (trained) document is not kept

    monkeypatch.setattr(QMessageBox, "question", question)
    # 1. open the editor
    window = new_window(qtbot)
    window.actions_["actionLessonEditor"].trigger()
    editor = editor_of(window)
    assert editor is not None and editor.isVisible() and editor.objectName() == "lessonEditor"
    # 2. three steps
    build_lesson(window, qtbot, editor)
    doc = editor.document.doc
    assert [s["title"] for s in doc["steps"]] == ["Two starts, two minima", "Predict delta", "Finish the backward pass"]
    assert doc["steps"][0]["state"]["function2d"] == {
        "function": "himmelblau", "steps": 80,
        "runs": [{"start": [1.0, 0.0], "optimizer": "sgd", "hyper": {"learning_rate": 0.01}},
                 {"start": [-1.0, 0.5], "optimizer": "adam", "hyper": {"learning_rate": 0.05}}]}
    assert doc["steps"][1]["state"] == {"project": "embedded:project1", "step": 0, "after_phase": "backward layer 2"}
    assert doc["steps"][1]["task"] == {"question": {"value": {"kind": "delta", "layer": 2, "unit": 1},
                                                    "prompt": "δ_1^(2) = ?"}}
    assert len(doc["steps"][1]["hints"]) == 2
    assert doc["steps"][2]["task"] == {"do": {"action": "actionStepPhase",
                                              "until": {"reached": {"step": 0, "after_phase": "backward layer 1"}}}}
    # 3. the preview renders as the learner sees it; a slip shows with its line and column
    editor.steps.select(1)
    preview = editor.text_form.preview.toHtml()
    assert "δ" in preview and "Hint 2." in preview and "\\delta" not in preview
    editor.text_form.text.appendPlainText("and $\\foo$")
    editor.recheck()
    assert "steps[1].text: line 2, column 6: unknown command \\foo" in editor.text_form.problems.text()
    editor.actions_["lessonEditorUndo"].trigger()
    editor.recheck()
    assert editor.problems == [] and "\\foo" not in editor.document.steps[1]["text"]
    path = tmp_path / "my-first-lesson.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    editor.actions_["lessonEditorSave"].trigger()
    assert check_lessons([path], targets()) == []           # what `lessons check` runs: states built
    assert load_lesson(path).id == "my-first-lesson"
    window.close()
    assert not window.isVisible() and asked == ["Unsaved changes"]   # the document's question, not the lesson's
    # 4. reopen the app, File → Open the lesson, complete it as a learner
    window = new_window(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions_["actionOpen"].trigger()
    panel = window.views["lessonPanel"]
    prepared(panel, qtbot)
    assert panel.lesson is not None and panel.lesson.id == "my-first-lesson" and panel.index == 0
    assert window.studio.scratch                            # the user's document is kept aside
    click(qtbot, panel.next_button)
    assert not panel.next_button.isEnabled()
    click(qtbot, panel.hint_button)
    click(qtbot, panel.hint_button)
    assert "Hint 2." in panel.feedback.text()
    panel.answer.setText(f"{delta_2_by_hand():.4g}")
    click(qtbot, panel.check_button)
    assert panel.feedback.text().startswith("Right"), panel.feedback.text()
    click(qtbot, panel.next_button)
    while not panel.next_button.isEnabled():
        click(qtbot, panel.show_me_button)
    assert str(window.studio.session.pending.current_phase) == "backward layer 1"
    click(qtbot, panel.next_button)                          # Finish
    assert panel.lesson is None and not window.studio.scratch
    row = panel.row_of(next(e for e in panel.found if e.head and e.head.id == "my-first-lesson"))
    assert "✓ 3/3" in panel.list.item(row).text()
    # 5. a course of it and two shipped lessons, opened: three lessons listed in its section
    course = tmp_path / "week-3.json"
    shipped = sorted(LESSONS_DIR.glob("*.json"))[5:7]
    course.write_text(json.dumps(pack_course([path, *shipped], "Week 3")), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(course), ""))
    window.actions_["actionOpen"].trigger()
    section = next(s for s in panel.sections if s.title == "Course: Week 3")
    assert [e.head.id for e in section.entries] == ["my-first-lesson", "forward-pass", "backward-pass"]
    titles = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert "Course: Week 3" in titles and panel.lesson_at(panel.list.currentRow()).index == 0
    window.close()
