"""The editor's Task, Show & Lock and State tabs (issue 26 §3): a question on a value the debugger,
the 1-D view or the race selects, with its tolerance; a ``do`` task with its condition; what a
step points at and locks, chosen from the app's allowlist; Capture view state.  The numbers the
questions ask for are checked against values worked out by hand."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from backprop_studio.core.lessons import build_state, lesson_from_dict, value
from backprop_studio.gui.lesson_targets import OUT_OF_REACH, known_names, targets

from .lessons_helpers import choose, prepared

pytestmark = pytest.mark.usefixtures("clean_library")


def lesson_of(editor):
    return lesson_from_dict(json.loads(editor.document.text()))


def test_a_question_on_the_1d_views_x_t_asks_for_the_step_worked_by_hand(lesson_window, editor):
    lesson_window.studio.functions.descent.show("parabola", None, 2.0, "sgd", {"learning_rate": 0.25}, 1)
    editor.state_form.f1_button.click()
    editor.task_form.choose("question")
    question = editor.task_form.form
    choose(question.quantity, "x")
    question.from_1d.click()
    step = editor.document.steps[0]
    assert step["task"]["question"]["value"] == {"kind": "x", "view": "function1d", "t": 1}
    assert step["state"]["function1d"]["start"] == [2.0] and step["state"]["function1d"]["t"] == 1
    lesson = lesson_of(editor)
    built = build_state(lesson, 0)
    # x_1 = x_0 - eta f'(x_0) = 2 - 0.25 * 2 * 2 = 1 on f(x) = x^2
    assert value(lesson.steps[0].task.value, function1d=built.function1d) == pytest.approx(1.0)


def test_a_question_on_the_races_selected_run_and_its_tolerance(lesson_window, editor, qtbot):
    race = lesson_window.findChild(QWidget, "functionView2d")
    lesson_window.studio.functions.race.show("himmelblau", None, [((3.0, 2.0), "sgd", {"learning_rate": 0.01}),
                                                                  ((1.0, 0.0), "sgd", {"learning_rate": 0.01})], 10)
    race.table.selectRow(1)
    editor.state_form.f2_button.click()
    editor.task_form.choose("question")
    question = editor.task_form.form
    choose(question.quantity, "gradient")
    question.coordinate.setValue(1)
    question.from_2d.click()
    question.tolerance.setValue(5.0)                      # percent
    q = editor.document.steps[0]["task"]["question"]
    assert q["value"] == {"kind": "gradient", "view": "function2d", "t": 0, "run": 2, "coordinate": 1}
    assert q["tolerance"] == 0.05
    # ∂f/∂x of Himmelblau's (x² + y - 11)² + (x + y² - 7)² at (1, 0): 4·1·(1 - 11) + 2·(1 - 7) = -52
    lesson = lesson_of(editor)
    assert value(lesson.steps[0].task.value, function2d=build_state(lesson, 0).function2d) == pytest.approx(-52)
    # the learner's side: within 5 % is right, 6 % off is not
    panel = lesson_window.views["lessonPanel"]
    for answer, right in ((-52 * 1.04, True), (-52 * 1.06, False)):
        assert editor.trying.start(0)
        prepared(panel, qtbot)
        panel.answer.setText(f"{answer:.6g}")
        panel.check()
        assert panel.feedback.text().startswith("Right") is right, panel.feedback.text()
        editor.back_button.click()


def test_a_question_on_the_debuggers_selection_needs_one(lesson_window, editor):
    editor.task_form.choose("question")
    question = editor.task_form.form
    lesson_window.views["stepDebugger"]._selected = None
    question.from_debugger.click()
    assert "Select a value in the Step Debugger first" in question.value.text()


def test_a_do_task_with_its_action_condition_and_limit(lesson_window, editor):
    editor.task_form.choose("do")
    assert editor.document.steps[0]["task"] == {"do": {"action": "actionStepPhase", "until": {"reached": {"step": 0}}}}
    do = editor.task_form.form
    choose(do.action, "actionStepTraining")
    choose(do.condition, "steps_at_least")
    do.count.setValue(3)
    do.limit.setValue(10)
    assert editor.document.steps[0]["task"] == {"do": {"action": "actionStepTraining",
                                                       "until": {"steps_at_least": 3}, "limit": 10}}
    choose(do.condition, "loss_below")
    do.loss.setValue(0.05)
    assert editor.document.steps[0]["task"]["do"]["until"] == {"loss_below": 0.05}
    choose(do.condition, "function2d.runs_at_least")
    do.count.setValue(3)
    assert editor.document.steps[0]["task"]["do"]["until"] == {"function2d": {"runs_at_least": 3}}


def test_a_hand_written_condition_and_settings_are_kept_as_written(lesson_window, editor, tmp_path):
    until = {"all": [{"steps_at_least": 2}, {"loss_below": 0.2}]}
    editor.document.set_step_key(0, "state", {"project": "example:article_3_2_1"}, "s")
    editor.document.set_step_key(0, "task", {"do": {"action": "actionStepTraining", "until": until,
                                                    "settings": {"optimizer": {"learning_rate": 2.0}}}}, "t")
    do = editor.task_form.form
    assert not do.kept.isHidden() and "kept as written" in do.kept.text()
    choose(do.action, "actionStepEpoch")
    assert editor.document.steps[0]["task"]["do"] == {"action": "actionStepEpoch", "until": until,
                                                      "settings": {"optimizer": {"learning_rate": 2.0}}}


def test_highlights_tabs_and_locks_are_chosen_from_what_a_lesson_may_touch(lesson_window, editor):
    form = editor.points_form
    offered = {form.highlight.item(i).data(Qt.ItemDataRole.UserRole) for i in range(form.highlight.count())}
    assert offered == known_names() and offered.isdisjoint(OUT_OF_REACH)
    assert all(targets().problem(name, "highlight") is None for name in offered)
    for name in ("lossCurve", "actionStepTraining"):
        item = next(form.highlight.item(i) for i in range(form.highlight.count())
                    if form.highlight.item(i).data(Qt.ItemDataRole.UserRole) == name)
        assert name not in item.text() or "(" in item.text()          # the app's own words first
        item.setCheckState(Qt.CheckState.Checked)
    choose(form.tab, "functionView1d")
    lock = next(form.lock.item(i) for i in range(form.lock.count())
                if form.lock.item(i).data(Qt.ItemDataRole.UserRole) == "hyperparameters")
    lock.setCheckState(Qt.CheckState.Checked)
    form.why.setText("η stays as the article has it.")
    form.why.textEdited.emit(form.why.text())
    step = editor.document.steps[0]
    assert sorted(step["show"]["highlight"]) == ["actionStepTraining", "lossCurve"]
    assert step["show"]["tab"] == "functionView1d"
    assert step["lock"] == {"targets": ["hyperparameters"], "why": "η stays as the article has it."}
    lock.setCheckState(Qt.CheckState.Unchecked)
    assert "lock" not in editor.document.steps[0]


def test_capturing_the_network_embeds_it_once_at_its_initial_parameters(lesson_window, editor):
    studio = lesson_window.studio
    studio.step()
    studio.step_phase()
    editor.state_form.network_button.click()
    editor.steps.add_button.click()
    studio.step()                              # the rest of step 2
    editor.state_form.network_button.click()
    doc = editor.document.doc
    assert list(doc["projects"]) == ["project1"] and "state" not in doc["projects"]["project1"]
    assert doc["steps"][0]["state"] == {"project": "embedded:project1", "step": 1, "after_phase": "forward layer 1"}
    assert doc["steps"][1]["state"] == {"project": "embedded:project1", "step": 2}
    assert "Loads the network (embedded:project1) at step 2." in editor.state_form.words.text()
    editor.state_form.clear_button.click()
    assert "state" not in editor.document.steps[1]
