"""Applying a step to the live app: its state, settings, locks, highlights, tab and selection;
and the panel's question rules (two tries, hints, Show me)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.lessons.hiding import NOTHING
from backprop_studio.gui.lessons.locks import LOCK_PREFIX
from backprop_studio.gui.lessons.safe_text import tooltip
from tests.gui.lessons_helpers import panel_on, start


def test_a_step_loads_its_state_and_settings(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "test-views")
    core = lesson_window.studio.session
    assert core.step_count == 1                     # "step": 1
    assert core.learning_rate == 1.5                # settings: optimizer.learning_rate
    assert lesson_window.views["hyperparameters"].findChild(QWidget) is not None
    panel.next_button.setEnabled(True)              # (skip the task: this test is about states)
    panel.next()
    core = lesson_window.studio.session
    assert (core.step_count, str(core.pending.current_phase)) == (1, "loss")
    assert core.learning_rate == 0.5                # a new state: the example's own η again


def test_locked_targets_are_disabled_with_the_reason_and_released_after(lesson_window, qtbot):
    hyper = lesson_window.views["hyperparameters"]
    reset = lesson_window.actions_["actionResetTraining"]
    tip = reset.toolTip()
    panel = panel_on(lesson_window, qtbot)
    start(panel, "test-views")
    assert not hyper.isEnabled() and not reset.isEnabled()
    assert hyper.toolTip() == tooltip(LOCK_PREFIX + "This step is about eta = 1.5.")   # escaped, as written
    assert reset.toolTip() == tooltip(LOCK_PREFIX + "This step is about eta = 1.5.")
    assert panel.lock_note.isVisible() and "eta = 1.5" in panel.lock_note.text()
    panel.next_button.setEnabled(True)
    panel.next()                                    # the next step locks nothing
    assert hyper.isEnabled() and reset.isEnabled() and reset.toolTip() == tip
    panel.go_to(0)
    assert not hyper.isEnabled()
    panel.leave()                                   # leaving releases too
    assert hyper.isEnabled() and reset.isEnabled() and reset.toolTip() == tip


def test_highlight_frames_a_view_and_an_actions_toolbar_button(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "test-views")
    frames = panel.runner.frames
    assert [f.parentWidget().objectName() for f in frames][0] == "lossCurve"
    button = frames[1].parentWidget()
    assert button.defaultAction() is lesson_window.actions_["actionStepTraining"]
    assert all(f.isVisible() and f.geometry() == f.parentWidget().rect() for f in frames)
    panel.leave()
    qtbot.waitUntil(lambda: not lesson_window.findChildren(QWidget, "lessonHighlight"))


def test_a_tab_step_switches_to_the_page_and_raises_its_dock(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "test-views")
    panel.go_to(2)
    surface = lesson_window.views["lossSurface"]
    assert surface.tabs.currentWidget() is surface.function1d
    assert not lesson_window.docks["lossSurface"].visibleRegion().isEmpty()
    assert surface.function1d.objective.name == "quartic" and surface.function1d.start == 1.5
    # at 1366x768 the bottom row's third (300 px) squeezed the view's controls: it gets room
    dock = lesson_window.docks["lossSurface"]
    assert dock.width() >= 550 and dock.height() >= 300, (dock.width(), dock.height())
    assert not lesson_window.views["networkEditor"].visibleRegion().isEmpty()
    panel.go_to(3)
    assert surface.tabs.currentWidget() is surface.function2d
    assert [r.start for r in surface.function2d.runs] == [(-1.0, 0.0), (1.0, 0.0)]


def test_select_picks_the_value_in_the_debugger(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")
    debugger = lesson_window.views["stepDebugger"]
    ref = debugger._selected
    assert (ref.kind, ref.layer, ref.i) == ("v_in", 1, 0)
    docks = lesson_window.docks
    assert docks["stepDebugger"] not in lesson_window.tabifiedDockWidgets(docks["lessonPanel"])
    qtbot.waitUntil(lambda: not docks["stepDebugger"].visibleRegion().isEmpty())
    # the debugger shares the panel's tab group: the two are put one above the other, both seen
    qtbot.waitUntil(lambda: not docks["lessonPanel"].visibleRegion().isEmpty())


def test_two_wrong_answers_reveal_the_value_and_hints_come_one_at_a_time(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "test-views")
    panel.go_to(1)
    panel.show_hint()
    assert "Hint 1" in panel.feedback.text() and "Hint 2" not in panel.feedback.text()
    panel.show_hint()
    assert "Hint 2" in panel.feedback.text() and not panel.hint_button.isEnabled()
    panel.answer.setText("not a number")
    panel.check()
    assert panel.wrong == 0 and not panel.next_button.isEnabled()    # no try is counted
    panel.answer.setText("123")
    panel.check()
    assert "1 more try" in panel.feedback.text() and not panel.next_button.isEnabled()
    panel.answer.setText("124")
    panel.check()
    assert panel.feedback.text().startswith("Not quite: the value is")
    assert panel.next_button.isEnabled() and not panel.answer.isEnabled()
    assert "<hr" in panel.text.toHtml()             # the explanation follows the text


def test_show_me_does_the_task(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")
    panel.go_to(1)
    assert not panel.next_button.isEnabled()
    panel.show_me()
    core = lesson_window.studio.session
    assert str(core.pending.current_phase) == "backward layer 1" and panel.next_button.isEnabled()


def test_an_open_question_hides_its_value_until_it_is_answered(lesson_window, qtbot):
    studio = lesson_window.studio
    debugger = lesson_window.views["stepDebugger"]
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")                   # v_in of hidden unit 1 = ? after forward layer 1
    scene = lesson_window.views["networkEditor"].scene()
    asked = Ref("v_in", 1, 0)
    assert studio.hidden.hides(asked) and not studio.exercise_mode   # a lesson's rule, not exercise mode
    assert not debugger.exercise_bar.isVisible()                         # answered in the panel
    assert "v_in ?" in scene.unit_labels[(1, 0)].text() and debugger.units.text_of(asked) == "?"
    assert "v_in 0.5500" in scene.unit_labels[(1, 1)].text()           # the other unit: not asked
    panel.answer.setText("-0.05")            # by hand: 1.0*0.1 + 0.5*0.2 + (-0.5)*0.5
    panel.check()
    assert panel.feedback.text().startswith("Right") and not studio.hidden.hides(asked)
    assert "v_in -0.05000" in scene.unit_labels[(1, 0)].text()
    panel.go_to(0)                            # a step done before: nothing to hide
    assert not studio.hidden.hides(asked)
    panel.leave()
    assert studio.hidden.secrets == NOTHING and not studio.exercise_mode and not debugger.exercise_bar.isVisible()


def test_exercise_mode_is_off_in_a_lesson_and_back_after_it(lesson_window, qtbot):
    studio = lesson_window.studio
    debugger = lesson_window.views["stepDebugger"]
    debugger.set_exercise_mode(True)
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")
    assert not studio.exercise_mode and not debugger.exercise_bar.isVisible()
    panel.leave()
    assert studio.exercise_mode and debugger.exercise_bar.isVisible()


def test_a_function_question_hides_the_1d_views_numbers_until_answered(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")
    panel.go_to(2)                            # x_1 = ? on f(x) = x^2 from x_0 = 2 with eta = 0.25
    view = lesson_window.views["lossSurface"].function1d
    readout = view.findChild(QWidget, "stepReadout")
    # x_1 = x_0 + ε_0: the step and the hollow marker at x_1 are hidden; f(x_0) = 4, f'(x_0) = 4 are not
    assert "x<sub>t</sub> = 2" in readout.text() and "f(x<sub>t</sub>) = 4" in readout.text()
    assert "ε<sub>t</sub> = ?" in readout.text() and view.predicted.getData()[0] is None
    panel.answer.setText("1")                 # by hand: 2 - 0.25 * 2 * 2 = 1
    panel.check()
    assert panel.feedback.text().startswith("Right") and "ε<sub>t</sub> = -1:" in readout.text()
    assert list(view.predicted.getData()[0]) == [1.0]


def test_a_function2d_question_hides_the_2d_views_numbers_until_answered(lesson_window, qtbot):
    from backprop_studio.core.files.resources import LESSONS_DIR

    panel = panel_on(lesson_window, qtbot, LESSONS_DIR)
    lesson = start(panel, "multivariate")
    last = len(lesson.steps) - 1
    panel.go_to(last)                  # is ∂f/∂x_1 of Himmelblau larger at run 1's start or at run 2's (1, 0)?
    view = lesson_window.views["lossSurface"].function2d
    qtbot.waitUntil(lambda: view.runs and all(run.path is not None for run in view.runs), timeout=20000)
    view.table.selectRow(1)
    status, table = view.status.text(), [view.table.item(r, 3).text() for r in range(view.table.rowCount())]
    # ∂f/∂x_1 is asked: ∂f/∂x_2 = 2(x² + y − 11) + 4y(x + y² − 7) = −20 stays, |∇f| would give it away
    assert "-52" not in status and "∇f = (?, -20), |∇f| = ?" in status and "(x, y) = (1, 0)" in status
    assert "?" not in table                   # the final losses are not what is asked
    view._on_heatmap_hovered(1.0, 0.0)
    assert "-52" not in view.readout.text() and "yours to compute" in view.readout.text()
    # by hand: ∂f/∂x = 4x(x² + y − 11) + 2(x + y² − 7) at (1, 0) = −40 − 12 = −52; at (−1, 0) +24
    area = panel.question_area
    qtbot.keyClick(area.choices.buttons[area.choices.keys.index("2")], Qt.Key.Key_Space)
    panel.check()
    assert panel.feedback.text().startswith("Right")
    assert "∇f = (-52" in view.status.text() and "?" not in view.table.item(1, 3).text()


def test_a_highlight_frame_follows_its_target_as_it_resizes(qtbot):
    """A frame laid while the docks are still settling kept its first size (lesson 10 step 2:
    the graph's frame stopped 120 px short of the dock's right edge)."""
    from backprop_studio.gui.lessons.pointing import HighlightFrame

    target = QWidget()
    qtbot.addWidget(target)
    target.resize(300, 200)
    target.show()
    frame = HighlightFrame(target)
    target.resize(420, 260)
    qtbot.waitUntil(lambda: frame.geometry() == target.rect())
    assert (frame.width(), frame.height()) == (420, 260)
