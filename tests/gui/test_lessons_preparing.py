"""A costly step is built off the GUI thread (issue 26 §4): Start and Next return at once, the
panel shows progress and Cancel, and the step is applied when the worker hands its state back;
Cancel leaves the learner where they were (or out of a lesson not yet shown)."""
from __future__ import annotations

import pytest

from backprop_studio.core.lessons import load_lesson
from backprop_studio.core.lessons.budget import build_work, sizer, work_of
from backprop_studio.gui.lessons.runner import INLINE_WORK
from tests.core.hostile_lessons import embedding, network, write

from .lessons_helpers import prepared

pytestmark = pytest.mark.usefixtures("clean_library")
STEPS = 2_000        # 2,001 x (401 x 4 + 30,000) = 6.3e7 units: far over INLINE_WORK, well under the budget


def costly_lesson(folder):
    """Step 1 cheap (the network at step 0); step 2 trains it STEPS steps first."""
    doc = embedding(network((2, 100, 1)))
    doc["steps"].append({"title": "Later", "text": "Trained.", "state": {"project": "embedded:p", "step": STEPS}})
    return write(folder, doc)


def test_the_work_of_building_a_step_is_worked_out_from_the_lesson(tmp_path):
    lesson = load_lesson(costly_lesson(tmp_path))
    parts = work_of(lesson, sizer(lesson))
    per_step = 401 * 4 + 30_000            # parameters 2*100 + 100 + 100*1 + 1, a batch of 4, the fixed cost
    assert build_work(lesson, 0, parts) == per_step                       # the phases of one more step
    assert build_work(lesson, 1, parts) == (STEPS + 1) * per_step
    assert build_work(lesson, 0, parts) < INLINE_WORK < build_work(lesson, 1, parts)


def test_next_to_a_costly_step_returns_at_once_and_applies_it_when_built(lesson_window, qtbot, tmp_path):
    panel = lesson_window.views["lessonPanel"]
    assert panel.open_path(costly_lesson(tmp_path))
    assert panel.pending is None and panel.index == 0                  # step 1 is cheap: shown at once
    first = lesson_window.studio.session
    panel.next()
    # the window is not blocked: next() came back before the state was built
    assert panel.pending == 1 and panel.runner.tasks.running
    assert panel.preparing_row.isVisibleTo(panel) and not panel.next_button.isEnabled()
    assert not panel.back_button.isEnabled() and panel.index == 0
    assert lesson_window.studio.session is first                      # nothing applied yet
    seen = []
    panel.runner.tasks.progressed.connect(lambda done, total: seen.append((done, total)))
    prepared(panel, qtbot)
    assert panel.index == 1 and lesson_window.studio.session.step_count == STEPS
    assert not panel.preparing_row.isVisibleTo(panel) and panel.next_button.isEnabled()
    assert seen and all(total == STEPS for _, total in seen) and seen[-1][0] <= STEPS
    panel.leave()


def test_cancel_keeps_the_step_on_show(lesson_window, qtbot, tmp_path):
    panel = lesson_window.views["lessonPanel"]
    assert panel.open_path(costly_lesson(tmp_path))
    first = lesson_window.studio.session
    panel.next()
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: not panel.runner.tasks.running)
    assert panel.pending is None and panel.index == 0 and panel.lesson is not None
    assert lesson_window.studio.session is first
    assert "Cancelled: step 2 was not prepared; this is still step 1." in panel.feedback.text()
    assert panel.next_button.isEnabled() and not panel.preparing_row.isVisibleTo(panel)
    panel.leave()


def test_cancel_before_the_first_step_is_shown_leaves_the_lesson(lesson_window, qtbot, tmp_path):
    panel = lesson_window.views["lessonPanel"]
    mine = lesson_window.studio.session
    doc = embedding(network((2, 100, 1)), step=STEPS)                 # its first step is the costly one
    assert panel.open_path(write(tmp_path, doc))
    assert panel.pending == 0 and panel.lesson is not None and not panel.shown     # being prepared
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: not panel.runner.tasks.running)
    assert panel.lesson is None and lesson_window.studio.session is mine and not lesson_window.studio.scratch
    assert "Cancelled: the lesson was not started." in panel.summary.text()


def test_leaving_while_a_step_is_prepared_drops_it(lesson_window, qtbot, tmp_path):
    panel = lesson_window.views["lessonPanel"]
    mine = lesson_window.studio.session
    assert panel.open_path(costly_lesson(tmp_path))
    panel.next()
    panel.leave()
    assert not panel.runner.tasks.running and panel.pending is None
    assert lesson_window.studio.session is mine and panel.lesson is None
