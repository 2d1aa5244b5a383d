"""Leaving a lesson brings back the user's layout (issue 25, item 4), and the first launch's
Lessons panel gives way to the Step Debugger when the newcomer steps (item 5).

Lesson 1 shows the 1-D view: it raises the Loss Surface, switches it to its 1-D page, makes the
dock taller and wider and puts the Decision Boundary behind it as a tab.  Before the fix the
Loss Surface (1-D quartic) still filled the bottom row after leaving, and the Decision Boundary
was a tab instead of sitting beside the loss curve.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget

from backprop_studio.core.files.resources import LESSONS_DIR
from tests.gui.lessons_helpers import panel_on, start


def _settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def arrangement(window) -> dict:
    """What the user sees of the layout: each dock's place, size, tab group and whether it is in
    view, and the page each named tab widget shows."""
    out: dict = {}
    for name, dock in window.docks.items():
        group = sorted(d.objectName() for d in window.tabifiedDockWidgets(dock))
        in_view = not dock.visibleRegion().isEmpty()
        out[name] = {"visible": dock.isVisible(), "floating": dock.isFloating(),
                     "area": window.dockWidgetArea(dock).name, "in view": in_view,
                     "geometry": dock.geometry().getRect() if in_view else None, "tabbed with": group}
    for tabs in window.findChildren(QTabWidget):
        if tabs.objectName():
            out[tabs.objectName()] = tabs.currentIndex()
    return out


def _differences(before: dict, after: dict) -> list[str]:
    out = []
    for key, was in before.items():
        now = after.get(key)
        if isinstance(was, dict):
            out += [f"{key} {k}: {was[k]} -> {now[k]}" for k in was if was[k] != now[k]]
        elif was != now:
            out.append(f"{key}: {was} -> {now}")
    return out


@pytest.mark.parametrize("lesson_id, step", [("univariate", 2), ("multivariate", 2), ("forward-pass", 1)])
def test_leaving_a_lesson_brings_the_layout_back(lesson_window, qtbot, lesson_id, step):
    window = lesson_window
    _settle()
    before = arrangement(window)
    panel = panel_on(window, qtbot, LESSONS_DIR)
    start(panel, lesson_id)
    panel.go_to(step)
    _settle()
    during = arrangement(window)
    assert _differences(before, during), "the lesson changed nothing: the test would prove nothing"
    panel.leave()
    _settle()
    assert _differences(before, arrangement(window)) == []


def test_a_layout_the_user_changed_comes_back_too(lesson_window, qtbot):
    """The user raised the Loss Surface's 2-D page and the Computation Graph before the lesson."""
    window = lesson_window
    surface = window.views["lossSurface"]
    window.docks["lossSurface"].raise_()
    surface.tabs.setCurrentWidget(surface.function2d)
    window.docks["computationGraph"].raise_()
    _settle()
    before = arrangement(window)
    assert before["lossSurfaceTabs"] == 1 and before["computationGraph"]["in view"]
    panel = panel_on(window, qtbot, LESSONS_DIR)
    start(panel, "univariate")
    panel.go_to(2)
    _settle()
    assert surface.tabs.currentWidget() is surface.function1d
    panel.leave()
    _settle()
    assert _differences(before, arrangement(window)) == []


def test_the_lessons_list_gives_way_to_the_debugger_on_a_step(lesson_window, qtbot):
    """First launch: the Lessons panel is raised over the Step Debugger.  A newcomer who presses
    F11 without starting a lesson sees the debugger's table."""
    from backprop_studio.gui.lessons.menu import open_panel

    window = lesson_window
    open_panel(window)                               # as offer_on_first_launch does
    _settle()
    debugger, lessons = window.docks["stepDebugger"], window.docks["lessonPanel"]
    assert lessons.visibleRegion().isEmpty() is False and debugger.visibleRegion().isEmpty()
    window.actions_["actionStepPhase"].trigger()    # F11
    _settle()
    assert not debugger.visibleRegion().isEmpty()
    assert window.views["stepDebugger"].tables["units"].isVisible()


def test_a_lesson_keeps_its_panel_in_view_when_stepping(lesson_window, qtbot):
    """During a lesson the panel stays where the lesson put it: stepping does not cover it."""
    window = lesson_window
    panel = panel_on(window, qtbot, LESSONS_DIR)
    start(panel, "backpropagation")
    _settle()
    assert not window.docks["lessonPanel"].visibleRegion().isEmpty()
    window.actions_["actionStepPhase"].trigger()
    _settle()
    assert not window.docks["lessonPanel"].visibleRegion().isEmpty()
    panel.leave()
