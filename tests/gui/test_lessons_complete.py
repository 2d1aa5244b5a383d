"""Done when: every lesson can be completed by a learner driving the panel (issue 16).

For each lesson file, each step: a question is answered by typing the engine's own number
(core.lessons.value on the live state) into the answer field and clicking Check; a ``do``
task is completed by clicking Show me until its condition holds; then Next.  The end is
reached and the list shows the lesson done.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from backprop_studio.core.lessons import load_lesson
from backprop_studio.core.lessons.model import Do, Question
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
            number = panel.runner.answer()
            panel.answer.setText(f"{number:.6g}")
            qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
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
