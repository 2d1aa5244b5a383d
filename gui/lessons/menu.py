"""The lessons in the window: Help → Lessons opens the panel (and, once, the first launch
does); File → Open hands a lesson or course file to it; Help → Write a Lesson opens the lesson
editor (or records steps and saves them); closing the window leaves a lesson first, so the
user's own document is the one asked about."""
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
    window.installEventFilter(LeaveBeforeClosing(window))
