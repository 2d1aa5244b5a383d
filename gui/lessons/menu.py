"""The lessons in the window: Help → Lessons opens the panel (and, once, the first launch
does); File → Open hands a lesson or course file to it; Help → Write a Lesson opens the lesson
editor (or records steps and saves them); closing the window leaves a lesson first, so the
user's own document is the one asked about.

The panel opens as a tab over the Step Debugger.  A newcomer who presses F11 (or any key that
trains) without starting a lesson wants to see what the step did, not the list of lessons:
then the list gives way to the debugger (:func:`make_way_for_the_debugger`).  During a lesson
the panel stays where the lesson put it, and a tab the user raised (the computation graph)
stays raised."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject

from . import progress
from .editor.dock import open_editor
from .recorder import LessonRecorder

if TYPE_CHECKING:
    from backprop_studio.gui.main_window import MainWindow

    from .panel import LessonPanel


def open_panel(window: MainWindow) -> None:
    dock = window.docks["lessonPanel"]
    dock.show()
    dock.raise_()


TRAINING_ACTIONS = ("actionStepPhase", "actionStepTraining", "actionStepEpoch", "actionRunPause",
                    "actionRunUntil", "actionTrainEpochs", "actionStepBack", "actionStepBackPhase")


def make_way_for_the_debugger(window: MainWindow) -> bool:
    """Raise the Step Debugger when the idle Lessons list covers it (no lesson running); True
    when it did."""
    lessons, debugger = window.docks["lessonPanel"], window.docks["stepDebugger"]
    idle = getattr(window.views["lessonPanel"], "lesson", None) is None   # the LessonPanel's
    covering = not lessons.visibleRegion().isEmpty() and lessons in window.tabifiedDockWidgets(debugger)
    if idle and covering and debugger.visibleRegion().isEmpty():
        debugger.raise_()
        return True
    return False


def offer_on_first_launch(window: MainWindow) -> bool:
    """The panel is raised on the very first launch (the learner picks a lesson: none starts)."""
    if progress.first_launch():
        open_panel(window)
        return True
    return False


class LeaveBeforeClosing(QObject):
    """Closing the window during a lesson leaves it first: the user's document comes back, so
    "unsaved changes?" is asked about it, never about the lesson's."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.panel = cast("LessonPanel", window.views["lessonPanel"])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close and self.panel.lesson is not None:
            self.panel.leave()
        return False


def connect_lessons(window: MainWindow) -> None:
    a = window.actions_
    window.lesson_recorder = LessonRecorder(window)
    panel = cast("LessonPanel", window.views["lessonPanel"])
    # File → Open (and a dropped file) hands a lesson or a course to the panel
    window.documents.open_lesson = panel.open_opened
    a["actionLessons"].triggered.connect(lambda: open_panel(window))
    a["actionLessonEditor"].triggered.connect(lambda: open_editor(window))
    a["actionRecordLessonStep"].triggered.connect(window.lesson_recorder.record)
    a["actionSaveLesson"].triggered.connect(window.lesson_recorder.save)
    for name in TRAINING_ACTIONS:
        a[name].triggered.connect(lambda _checked=False: make_way_for_the_debugger(window))
    window.installEventFilter(LeaveBeforeClosing(window))
