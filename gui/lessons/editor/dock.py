"""The lesson editor in the window: a dock (``lessonEditorDock``), made the first time it is asked
for (Help → Write a Lesson → Lesson Editor…, ``--lesson-editor [PATH]``, a recovered draft).

It goes in the left column, as a tab in front of the Hyperparameters and Dataset forms, which is
widened for it: the network, the Step Debugger and the plots below stay in sight beside it, so a
teacher sets up the views and captures them without hiding either (at 1366×768 too).  A saved
lesson is listed at once in the Lessons panel (My Lessons, or wherever it was saved).  Closing
the window asks about an unsaved lesson, then forgets its draft; after a crash the draft is
offered back (:func:`offer_recovery`).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMessageBox

from backprop_studio.core.checks.errors import InputError

from ...dialogs import show_error
from ...language import tr
from . import drafts
from .editor import LessonEditor

if TYPE_CHECKING:
    from backprop_studio.gui.main_window import MainWindow

    from ..panel import LessonPanel

DOCK = "lessonEditorDock"
WIDTH = 470                # the editor's forms and preview side by side with the views, at 1366x768


def dock_of(window: MainWindow) -> QDockWidget | None:
    """The editor's dock, when it has been made.  (Not one of ``window.docks``: those are the
    views' docks, which the default layout arranges.)"""
    return window.findChild(QDockWidget, DOCK)


def editor_of(window: MainWindow) -> LessonEditor | None:
    """The window's lesson editor, when it has been opened."""
    dock = dock_of(window)
    editor = dock.widget() if dock is not None else None
    return editor if isinstance(editor, LessonEditor) else None


def open_editor(window: MainWindow, path: Path | None = None) -> LessonEditor:
    """Show the lesson editor (made the first time), on the lesson file ``path`` if given."""
    editor = editor_of(window)
    if editor is None:
        editor = _make(window)
    dock = dock_of(window)
    assert dock is not None, "made with the editor"
    dock.show()
    dock.raise_()
    if path is not None and editor.maybe_save():
        editor.open_path(path)
    return editor


def _make(window: MainWindow) -> LessonEditor:
    dock = QDockWidget(tr("Lesson Editor"), window)
    dock.setObjectName(DOCK)
    editor = LessonEditor(window)
    dock.setWidget(editor)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    place(window, dock)
    reset = getattr(window, "actions_", {}).get("actionResetLayout")
    if reset is not None:          # after the window's own reset_layout (connected first)
        reset.triggered.connect(lambda: place(window, dock) if dock.isVisible() else None)
    panel = cast("LessonPanel | None", window.views.get("lessonPanel"))
    if panel is not None:
        editor.saved.connect(lambda _path: panel.reload() if panel.lesson is None else None)
    window.installEventFilter(AskBeforeClosing(window, editor))
    return editor


def place(window: MainWindow, dock: QDockWidget) -> None:
    """In front of the forms in the left column (when they are there), widened for the editor."""
    forms = getattr(window, "docks", {}).get("hyperparameters")
    if forms is not None and not forms.isFloating() and forms is not dock \
            and window.dockWidgetArea(forms) == Qt.DockWidgetArea.LeftDockWidgetArea:
        window.tabifyDockWidget(forms, dock)
    dock.show()
    dock.raise_()
    # once it is laid out (a size given before is redistributed by Qt, as the main window finds)
    QTimer.singleShot(0, lambda: window.resizeDocks([dock], [min(WIDTH, window.width() // 3)],
                                                    Qt.Orientation.Horizontal))


class AskBeforeClosing(QObject):
    """Closing the window asks about an unsaved lesson first (Cancel keeps the window open); a
    normal close forgets the lesson's draft, which is only for a crash."""

    def __init__(self, window: MainWindow, editor: LessonEditor) -> None:
        super().__init__(window)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close:
            if self.editor.trying.active:
                self.editor.trying.back()
            if not self.editor.maybe_save():
                event.ignore()
                return True
            self.editor.drafts.discard()
        return False


def offer_recovery(window: MainWindow) -> bool:
    """After a crash: offer the newest orphaned lesson draft back; True when it was recovered."""
    orphans = drafts.orphaned_drafts()
    if not orphans:
        return False
    answer = QMessageBox.question(
        window, tr("Recover lesson"),
        tr("Backprop Studio did not close normally while you were writing a lesson. Recover the lesson?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        for orphan in orphans:
            orphan.unlink(missing_ok=True)
        return False
    try:
        doc, path, origin = drafts.read_draft(orphans[0])
    except InputError as e:
        show_error(window, tr("Recovery failed"), tr("The lesson draft could not be read.\n\n{error}").format(error=e))
        return False
    editor = open_editor(window)
    editor.document.replace(doc, path, origin, modified=True)     # unsaved work until it is saved
    editor.steps.select(0)
    editor.drafts.autosave()               # it now lives in this app's own draft
    for orphan in orphans:
        orphan.unlink(missing_ok=True)
    return True
