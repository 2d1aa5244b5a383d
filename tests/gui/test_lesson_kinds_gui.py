"""The kinds of question in the Lessons panel (issue 27 §1), on tests/gui/lessons/03-kinds.json.

Each kind as a learner meets it: options picked with the keyboard, a known mistake's feedback
instead of "Not quite", a prediction locked until committed and then shown beside what happened
(a predicted point drawn on the plot beside the real one), a control whose "does it hold?" line
follows the live app and that Show me sets from a worker, phases put in order with Alt+Up.  The
right answers are worked out here by hand (the article's 3-2-1 example: δ^(2) = (ŷ − y) ŷ(1 − ŷ)
< 0; x² from 2 with η = 0.25 lands at 1; 15 samples in epochs of 8 steps take batches of 2).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.lessons import load_lesson
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD
from tests.gui.lesson_leaks import scan
from tests.gui.lesson_learner import click_plot
from tests.gui.lessons_helpers import TEST_LESSONS, panel_on, start
from tests.gui.screen_text import plain

KINDS = TEST_LESSONS / "03-kinds.json"
SIGN, LARGEST, DIRECTION, PREDICT, RACE, POINT, POINT_2D, ETA, BATCH, ORDER, NUMBER = range(11)


def open_at(window, qtbot, step: int):
    panel = panel_on(window, qtbot)
    start(panel, "test-kinds")
    panel.go_to(step)
    window.docks["lessonPanel"].raise_()
    qtbot.waitUntil(panel.prompt.isVisible)
    return panel


def pick(qtbot, panel, key: str) -> None:
    choices = panel.question_area.choices
    qtbot.keyClick(choices.buttons[choices.keys.index(key)], Qt.Key.Key_Space)


def test_a_sign_chosen_with_the_keyboard_and_feedback_on_the_sign_mistake(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, SIGN)
    debugger = lesson_window.views["stepDebugger"]
    assert debugger.tables["units"].text_of(Ref("delta", 2, 0)) == SHOWN_INSTEAD      # hidden while open
    choices = panel.question_area.choices
    lesson_window.activateWindow()
    choices.buttons[0].setFocus()
    qtbot.waitUntil(choices.buttons[0].hasFocus)
    qtbot.keyClick(choices.buttons[0], Qt.Key.Key_Space)          # "+"
    assert choices.selected() == "+"
    qtbot.keyClick(choices.buttons[0], Qt.Key.Key_Right)          # the arrow keys move the pick
    assert choices.selected() == "-"
    pick(qtbot, panel, "+")
    panel.check()
    text = panel.feedback.text()
    assert "flips its sign" in text and "1 more try" in text and "Not quite" not in text   # the lesson's feedback
    assert not panel.settled
    pick(qtbot, panel, "-")                                      # δ^(2) = (0.5534 − 1) · 0.2471 < 0
    panel.check()
    assert panel.feedback.text().startswith("Right: negative") and panel.settled
    # δ^(2) stays hidden: step 4 predicts it from the same training step (hiding.py: later questions)
    assert debugger.tables["units"].text_of(Ref("delta", 2, 0)) == SHOWN_INSTEAD


def test_a_wrong_number_that_transposes_gets_its_feedback_then_the_answer(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, NUMBER)
    # ∂E/∂w_12^(1) = x_1 δ_2^(1) = 1.0 · δ_2^(1): typing it is the transpose slip
    delta = lesson_window.studio.session.record.delta[1][0, 1]
    panel.answer.setText(f"{1.0 * delta:.6g}")
    panel.check()
    assert "row" in panel.feedback.text() and "1 more try" in panel.feedback.text()
    panel.answer.setText("12345")
    panel.check()
    assert panel.feedback.text().startswith("Not quite: the value is") and panel.settled


def test_a_prediction_is_locked_until_committed_then_shown_beside_what_happened(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, PREDICT)
    step_phase = lesson_window.actions_["actionStepPhase"]
    assert not step_phase.isEnabled()                              # Step Phase would show δ^(2)
    assert lesson_window.studio.session.pending.phases_done == 3    # after the loss
    assert panel.check_button.text() == "Commit"
    panel.answer.setText("-0.4466")                                # ŷ − y: f' left out
    panel.check()
    assert step_phase.isEnabled() and lesson_window.studio.session.pending.phases_done == 4
    text = panel.feedback.text()
    assert text.startswith("Not quite: you predicted -0.4466; what happened: -0.110") and "You left out" in text
    assert panel.settled                                           # one commit: a prediction is watched once


def test_a_prediction_committed_in_fine_stepping_runs_the_whole_phase(lesson_window, qtbot):
    """With fine stepping on, F11 reveals a unit at a time; a committed prediction is about the
    phase, so it runs until the engine has done it (δ^(2) = (0.5534 − 1) · 0.2471 = −0.1104)."""
    panel = open_at(lesson_window, qtbot, PREDICT)
    lesson_window.studio.fine.set_enabled(True)
    panel.answer.setText("-0.1104")
    panel.check()
    assert lesson_window.studio.session.pending.phases_done == 4            # backward layer 2, whole
    assert panel.feedback.text().startswith("Right: you predicted -0.1104; what happened: -0.110")


def test_a_point_predicted_by_a_click_is_drawn_beside_where_x_lands(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, POINT)
    view = lesson_window.views["lossSurface"].function1d
    assert not lesson_window.findChild(QWidget, "function1dStep").isEnabled()
    # f(x_0) + ε_0 f'(x_0) = 4 − 1 · 4 = 0 would give ε_0 = −1, and x_1, back: the tangent's guess waits
    readout = plain(view.readout.text())
    assert "≈ ?" in readout and "≈ 0" not in readout, readout
    start_x = view.start
    click_plot(qtbot, view, (1.1,))                                # x_1 = 2 − 0.25 · 4 = 1: 0.1 off, within 0.3
    assert view.start == start_x and panel.question_area.point is not None      # the click is the answer
    assert abs(view.learner_point.getData()[0][0] - 1.1) < 0.05
    panel.check()
    assert view.t == 1 and view.path.points[1][0] == 1.0          # the view went on to x_1
    assert panel.feedback.text().startswith("Right: you predicted 1.1")
    panel.leave()
    assert view.pick is None and len(view.learner_point.getData()[0] or []) == 0


def test_a_2d_direction_hides_the_arrow_and_the_path_beyond_t(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, RACE)
    view = lesson_window.views["lossSurface"].function2d
    qtbot.waitUntil(lambda: view.runs and view.runs[0].path is not None)
    assert len(view.path_items[0].getData()[0]) == 1 and view.arrow.getData()[0] is None
    pick(qtbot, panel, "down-left")         # −0.01 (2·1, 20·0.1) = (−0.02, −0.02): at −135°
    panel.check()
    assert panel.feedback.text().startswith("Right: you predicted ↙ down and left")
    assert len(view.path_items[0].getData()[0]) == 6                # answered: the whole race again


def test_reach_a_learning_rate_the_live_line_follows(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, ETA)
    status = panel.question_area.status
    assert status.text() == "✗ not yet" and not panel.next_button.isEnabled()
    field = lesson_window.findChild(QWidget, "function1dLearningRate")
    field.selectAll()
    qtbot.keyClicks(field, "0.1")            # |1 − 0.2|^10 · 4 = 0.43: not within 10 steps
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert status.text() == "✗ not yet"
    field.selectAll()
    qtbot.keyClicks(field, "0.45")           # |1 − 0.9|^10 · 4 = 4e-10
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert status.text() == "✓ it holds now" and panel.settled and panel.next_button.isEnabled()


def test_reach_show_me_finds_the_batch_size_in_a_worker(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, BATCH)
    assert lesson_window.studio.session.config.batch_size == 1
    qtbot.mouseClick(panel.show_me_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.settled, timeout=20000)
    assert lesson_window.studio.session.config.batch_size == 2      # ceil(15 / 2) = 8, and only 2
    assert panel.question_area.status.text() == "✓ it holds now"


def test_phases_put_in_order_from_the_keyboard_and_a_known_mistake(lesson_window, qtbot):
    panel = open_at(lesson_window, qtbot, ORDER)
    order = panel.question_area.order
    mixed = order.items()
    right = ("forward layer 1", "forward layer 2", "loss", "backward layer 2", "backward layer 1", "update")
    assert sorted(mixed) == sorted(right) and mixed != right
    order.list.setCurrentRow(1)
    qtbot.keyClick(order.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order.items()[0] == mixed[1] and order.list.currentRow() == 0
    ascending = right[:3] + ("backward layer 1", "backward layer 2", "update")
    order.set_items(ascending)
    panel.check()
    assert "from the output" in panel.feedback.text() and "1 more try" in panel.feedback.text()
    order.set_items(right)
    panel.check()
    assert panel.feedback.text().startswith("Right: forward layer 1 → forward layer 2 → loss")


def test_no_view_prints_an_open_choices_values(lesson_window, qtbot):
    """The scan of test_lesson_answers_hidden on the kinds' lesson: a sign's δ, both updates a
    largest compares, a number with mistakes."""
    lesson = load_lesson(KINDS)
    panel = panel_on(lesson_window, qtbot)
    start(panel, lesson.id)
    leaks = [leak for leak in scan(lesson_window, qtbot, panel, lesson) if not leak.where.startswith("graph")]
    assert not leaks, "\n".join(map(str, leaks))
