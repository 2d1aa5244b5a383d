"""The lesson editor writes every kind of question (issue 27 §1) and its known mistakes (§2).

Each test builds a step in the editor as a teacher would (the window's state, a value selected in
the Step Debugger, the kind chosen in the Task tab), then checks the lesson file it wrote, that
``lessons check`` finds nothing wrong with it (every state built), and for a choice, the learner's
side in Try from Here, against numbers worked out by hand."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from backprop_studio.core.lessons.model import Value
from backprop_studio.core.lessons.record import ref_of
from backprop_studio.gui.lessons.editor.editor import full_check

from .lessons_helpers import choose, prepared

pytestmark = pytest.mark.usefixtures("clean_library")


def question(editor) -> dict:
    return editor.document.steps[0]["task"]["question"]


def offered(box) -> list[str]:
    return [box.rules.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.rules.count())]


def check_mistake(box, rule: str) -> None:
    item = next(box.rules.item(i) for i in range(box.rules.count())
                if box.rules.item(i).data(Qt.ItemDataRole.UserRole) == rule)
    item.setCheckState(Qt.CheckState.Checked)


def article_at_delta_2(window, editor) -> None:
    """The article's 3-2-1 network after the backward pass through layer 2, captured, with δ_1^(2)
    selected in the debugger."""
    for _ in range(4):                         # forward 1, forward 2, loss, backward 2
        window.studio.step_phase()
    editor.state_form.network_button.click()
    ref = ref_of(Value("delta", 2, 1), window.studio.session)
    assert window.views["stepDebugger"].select(ref)


def test_a_sign_to_choose_with_its_mistake_and_the_learners_feedback(lesson_window, editor, qtbot):
    article_at_delta_2(lesson_window, editor)
    editor.task_form.choose("choose")
    form = editor.task_form.form
    assert question(editor) == {"kind": "choose", "choose": "sign", "value": {"kind": "delta", "layer": 2, "unit": 1},
                                "prompt": "The sign of δ_1^(2) is"}
    assert offered(form.mistakes) == ["sign", "no_fprime", "no_half", "fprime_from_v_in"]    # what applies to δ
    check_mistake(form.mistakes, "sign")
    form.mistakes.feedback.setPlainText("With $E = \\frac{1}{2}(y - \\hat y)^2$, $\\delta = (\\hat y - y) f'$.")
    assert question(editor)["mistakes"] == [{"rule": "sign", "feedback": "With $E = \\frac{1}{2}(y - \\hat y)^2$, "
                                                                         "$\\delta = (\\hat y - y) f'$."}]
    assert full_check(editor.document.doc, None) == []
    # the learner: the app's δ^(2) is −0.1104 (the article's sign slip gives +0.1104, issue 27 §4)
    panel = lesson_window.views["lessonPanel"]
    assert editor.trying.start(0)
    prepared(panel, qtbot)
    choices = panel.question_area.choices
    choices.buttons[choices.keys.index("+")].click()
    panel.check()
    assert "1 more try" in panel.feedback.text() and "δ" in panel.feedback.text()
    assert not panel.settled                   # the mistake's feedback, and a try left
    choices.buttons[choices.keys.index("-")].click()
    panel.check()
    assert panel.feedback.text().startswith("Right")
    editor.back_button.click()


def test_the_largest_of_values_keeps_the_chosen_value_and_adds_the_next(lesson_window, editor):
    article_at_delta_2(lesson_window, editor)
    editor.task_form.choose("choose")
    form = editor.task_form.form
    choose(form.choose, "largest")
    assert question(editor)["values"] == [{"kind": "delta", "layer": 2, "unit": 1}] and "value" not in question(editor)
    ref = ref_of(Value("grad", param="w_11^(2)"), lesson_window.studio.session)
    assert lesson_window.views["stepDebugger"].select(ref)
    form.add.click()
    choose(form.by, "value")
    q = question(editor)
    assert q["values"] == [{"kind": "delta", "layer": 2, "unit": 1}, {"kind": "grad", "param": "w_11^(2)"}]
    assert q["by"] == "value" and q["choose"] == "largest"
    assert full_check(editor.document.doc, None) == []


def test_a_direction_and_a_point_to_predict_on_the_1d_view(lesson_window, editor):
    lesson_window.studio.functions.descent.show("parabola", None, 2.0, "sgd", {"learning_rate": 0.25}, 0)
    editor.state_form.f1_button.click()
    editor.task_form.choose("predict")
    form = editor.task_form.form
    choose(form.predict, "direction")
    q = question(editor)
    assert (q["kind"], q["predict"], q["view"], q["t"]) == ("predict", "direction", "function1d", 0)
    assert "value" not in q and "then" not in q
    assert offered(form.mistakes) == ["sign", "no_eta"]
    # x_1 = 2 − 0.25 · 2 · 2 = 1 on f = x²: a step to the left, clear enough to ask
    assert full_check(editor.document.doc, None) == []
    choose(form.predict, "point")
    assert question(editor)["predict"] == "point" and full_check(editor.document.doc, None) == []


def test_a_number_to_predict_after_an_action(lesson_window, editor):
    for _ in range(3):                         # forward 1, forward 2, loss: δ^(2) comes next
        lesson_window.studio.step_phase()
    editor.state_form.network_button.click()
    lesson_window.studio.step_phase()
    assert lesson_window.views["stepDebugger"].select(ref_of(Value("delta", 2, 1), lesson_window.studio.session))
    editor.task_form.choose("predict")
    q = question(editor)
    assert q["value"] == {"kind": "delta", "layer": 2, "unit": 1} and q["then"] == "actionStepPhase"
    assert full_check(editor.document.doc, None) == []


def test_a_control_and_its_target(lesson_window, editor):
    lesson_window.studio.functions.descent.show("parabola", None, 2.0, "sgd", {"learning_rate": 0.25}, 0)
    editor.state_form.f1_button.click()
    editor.task_form.choose("reach")
    form = editor.task_form.form
    assert question(editor)["until"] == {"function1d": {"converges_within": 10}}
    form.count.setValue(8)
    assert question(editor)["until"] == {"function1d": {"converges_within": 8}}
    # at η = 0.25, |f'(x_t)| = 4 · 0.5^t > 10⁻³ for t < 12: not yet; η = 0.5 reaches x = 0 at once
    assert full_check(editor.document.doc, None) == []
    choose(form.condition, "function1d.diverges_within")
    assert question(editor)["until"] == {"function1d": {"diverges_within": 8}}
    choose(form.control, "batchSize")
    assert question(editor)["control"] == "batchSize" and question(editor)["until"] == {"epoch_steps": 8}
    assert form.mistakes.isHidden() and "mistakes" not in question(editor)


def test_the_phases_in_order_with_the_mistakes_of_an_order(lesson_window, editor):
    editor.state_form.network_button.click()
    editor.task_form.choose("order")
    form = editor.task_form.form
    assert question(editor) == {"kind": "order", "order": "phases",
                                "prompt": "The phases of one training step, in order"}
    assert offered(form.mistakes) == ["backward_ascending", "update_before_backward"]
    check_mistake(form.mistakes, "backward_ascending")
    assert [m["rule"] for m in question(editor)["mistakes"]] == ["backward_ascending"]
    assert full_check(editor.document.doc, None) == []
    form.mistakes.rules.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert "mistakes" not in question(editor)


def test_a_number_question_offers_the_mistakes_of_its_value(lesson_window, editor):
    article_at_delta_2(lesson_window, editor)
    editor.task_form.choose("question")
    form = editor.task_form.form
    assert "kind" not in question(editor)                       # a number question, as before
    assert offered(form.mistakes) == ["sign", "no_fprime", "no_half", "fprime_from_v_in"]
    check_mistake(form.mistakes, "no_fprime")
    assert [m["rule"] for m in question(editor)["mistakes"]] == ["no_fprime"]
    editor.task_form.choose("order")                             # another kind: its own default
    assert question(editor)["kind"] == "order"
