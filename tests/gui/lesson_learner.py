"""A learner answering a question of any kind in the Lessons panel (issue 27): used by
test_lessons_complete and test_lesson_kinds_gui.

The right answer is worked out headlessly from the lesson alone (the step's own state, built by
:func:`core.lessons.build_state`, with a prediction's action done in it), never read from the
window; then the learner does what a person would: types it, clicks its option, clicks the plot
where x lands, types a learning rate into the field, or moves the phases with the Up button.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QWidget

from backprop_studio.core.lessons import build_state
from backprop_studio.core.lessons.model import Lesson, Question
from backprop_studio.core.lessons.question_kinds import apply_then, resolved, right_answer


def expected(lesson: Lesson, i: int):
    """The right answer of step i's question, from the lesson alone."""
    q = lesson.steps[i].task
    assert isinstance(q, Question)
    state = build_state(lesson, i)
    q = resolved(q, state)
    apply_then(q, state)
    return right_answer(q, state)


def click_plot(qtbot, view, point: tuple[float, ...]) -> None:
    """A left click on a function view's plot at the data point (x) or (x, y)."""
    plot = view.plot if hasattr(view, "plot") else view.heatmap.plot
    vb = plot.getPlotItem().getViewBox()
    y = point[1] if len(point) == 2 else float(vb.viewRange()[1][0] + vb.viewRange()[1][1]) / 2
    scene = vb.mapViewToScene(QPointF(point[0], y))
    pos = plot.mapFromScene(scene)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))


def put_in_order(qtbot, order_list, items: tuple[str, ...]) -> None:
    """Move each item up to its place with the Up button, first to last."""
    for place, item in enumerate(items):
        row = order_list.items().index(item)
        order_list.list.setCurrentRow(row)
        for _ in range(row - place):
            qtbot.mouseClick(order_list.up, Qt.MouseButton.LeftButton)


def answer_right(panel, qtbot, lesson: Lesson, i: int) -> None:
    """Answer step i's question right, as a learner; a reach question by setting its control."""
    q = lesson.steps[i].task
    area, click = panel.question_area, lambda w: qtbot.mouseClick(w, Qt.MouseButton.LeftButton)
    panel.window().docks["lessonPanel"].raise_()       # the learner looks at the panel (Debugger's tab)
    qtbot.waitUntil(panel.check_button.isVisible if q.kind != "reach" else area.status.isVisible)
    if q.kind == "reach":
        _reach(panel, qtbot, q)
        return
    answer = expected(lesson, i)
    if isinstance(answer, float):
        panel.answer.setText(f"{answer:.6g}")
    elif isinstance(answer, str):                 # with the keyboard: the option, then Space
        qtbot.keyClick(area.choices.buttons[area.choices.keys.index(answer)], Qt.Key.Key_Space)
    elif q.kind == "order":
        put_in_order(qtbot, area.order, answer)
    else:
        surface = panel.window().views["lossSurface"]       # the view widgets (the runner holds their models)
        view = surface.function1d if q.move.view == "function1d" else surface.function2d
        click_plot(qtbot, view, answer)
        assert area.point is not None
    click(panel.check_button)


def _reach(panel, qtbot, q) -> None:
    if q.control == "function1dLearningRate":      # a learner types a learning rate, then Enter
        field = panel.window().findChild(QWidget, "function1dLearningRate")
        field.selectAll()
        qtbot.keyClicks(field, "0.5")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    else:                                          # Show me: found in a worker, then set
        qtbot.mouseClick(panel.show_me_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.settled, timeout=20000)
