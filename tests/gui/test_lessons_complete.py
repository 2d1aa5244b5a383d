"""Done when: every lesson can be completed by a learner driving the panel (issue 16).

For each lesson file, each step: a question is answered right as a learner would, whatever its
kind (tests/gui/lesson_learner.py: its answer worked out from the lesson alone, typed, clicked
as an option or on the plot, put in order with the Up button; a reach question's control set);
a ``do`` task is completed by clicking Show me until its condition holds; then Next.  The end is
reached and the list shows the lesson done.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from backprop_studio.core.lessons import load_lesson
from backprop_studio.core.lessons.model import Do, Question
from tests.gui.lesson_learner import answer_right
from tests.gui.lessons_helpers import lesson_files, panel_on, prepared, start


@pytest.mark.parametrize("path", lesson_files(), ids=lambda p: p.name)
def test_a_learner_completes_the_lesson(lesson_window, qtbot, path: Path):
    lesson = load_lesson(path)
    panel = panel_on(lesson_window, qtbot, path.parent)
    start(panel, lesson.id, qtbot)
    for i, step in enumerate(lesson.steps):
        assert panel.index == i and panel.pages.currentIndex() == 1
        if isinstance(step.task, Question):
            assert not panel.next_button.isEnabled()
            answer_right(panel, qtbot, lesson, i)
            if step.task.kind != "reach":
                assert panel.feedback.text().startswith("Right"), (i, panel.feedback.text())
        elif isinstance(step.task, Do):
            for _ in range(step.task.limit + 1):
                if panel.next_button.isEnabled():
                    break
                qtbot.mouseClick(panel.show_me_button, Qt.MouseButton.LeftButton)
                qtbot.waitUntil(lambda: not lesson_window.studio.running, timeout=20000)
            assert panel.runner.condition_met(), i
        assert panel.next_button.isEnabled(), i
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
        prepared(panel, qtbot)         # a costly step is built in a worker (lesson 8)
    assert panel.pages.currentIndex() == 0 and panel.lesson is None
    row = panel.row_of(next(e for e in panel.found if e.head and e.head.id == lesson.id))
    assert f"✓ {len(lesson.steps)}/{len(lesson.steps)}" in panel.list.item(row).text()
    assert not lesson_window.studio.scratch


def test_the_learner_meets_every_kind_of_question():
    """The lessons the learner above completes ask every kind of question (issue 27 §1), every
    choice and prediction, every reach control and known mistakes: a kind no lesson asks would go
    untested by a learner."""
    from backprop_studio.core.lessons.model import CHOICES, PREDICTIONS, QUESTION_KINDS
    from backprop_studio.core.lessons.reach import CONTROLS
    asked = [s.task for p in lesson_files() for s in load_lesson(p).steps if isinstance(s.task, Question)]
    assert {q.kind for q in asked} == set(QUESTION_KINDS)
    forms = {q.choose.replace("smallest", "largest") for q in asked if q.kind == "choose"}
    assert forms == set(CHOICES) - {"smallest"}              # smallest is largest's form, min for max
    assert {q.predict for q in asked if q.kind == "predict"} == set(PREDICTIONS)
    assert {q.control for q in asked if q.kind == "reach"} == set(CONTROLS)
    assert {q.move.view for q in asked if q.move is not None} == {"function1d", "function2d"}
    assert any(q.mistakes for q in asked)
