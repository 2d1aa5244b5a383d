"""The lesson editor (``lessonEditor``): write a lesson in the app, beside the views it uses.

Top to bottom: a toolbar (New, Open…, Save, Save As…, Undo, Redo, Try from Here, Check), the
steps (:mod:`.step_list`), and the selected step in tabs: Text (title, Markdown, live preview:
:mod:`.step_form`), Task (:mod:`.task_form`), Show & Lock (:mod:`.points_form`), State (Capture:
:mod:`.capture`) and Lesson (:mod:`.lesson_form`).  Under them, what is wrong now
(:func:`core.lessons.draft.problems`, recomputed a moment after each edit), and while Check runs
(every state built, as ``lessons check`` does, in a worker) its progress and Cancel.

The document (:mod:`.document`) has its own undo stack and is autosaved as a draft
(:mod:`.drafts`); Try from Here plays it in the Lessons panel (:mod:`.trying`).
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons import Cancelled, draft, lesson_from_dict
from backprop_studio.core.lessons.check import problems_of
from backprop_studio.core.lessons.language import english_of
from backprop_studio.core.lessons.markdown import render_plain

from ...dialogs import show_error
from ...language import QT_TR_NOOP, tr
from ...lesson_targets import targets
from ...places import user_lessons_dir
from ...workers import TaskRunner
from ..pages import button
from ..safe_text import set_rich
from .capture import Live, StateForm
from .document import LessonDocument
from .drafts import DraftKeeper
from .lesson_form import LessonForm
from .points_form import PointsForm
from .step_form import TextForm
from .step_list import StepList
from .task_form import TaskForm
from .trying import Trying

FILTER = QT_TR_NOOP("Backprop Studio lessons (*.json);;All files (*)")       # tr() where it is shown
RECHECK_MS = 250        # problems are recomputed this long after the last keystroke


def full_check(doc: dict, path: Path | None, should_stop=None, progress=None) -> list[str]:
    """Every problem ``lessons check`` would report, states built (run in a worker)."""
    try:
        lesson = lesson_from_dict(doc, path)
    except InputError as e:
        return [str(e)]
    try:
        return problems_of(lesson, targets(), should_stop=should_stop, progress=progress)
    except Cancelled:
        return []                 # the runner reports it cancelled


class LessonEditor(QWidget):
    saved = Signal(object)         # the lesson was written to this path

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonEditor")
        self.window_ = window
        self.document = LessonDocument(self)
        self.live = Live(window)
        self.drafts = DraftKeeper(self.document, self)
        self.checker = TaskRunner(self)
        self.problems: list[str] = []
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self.recheck)
        self._build()
        self.trying = Trying(self)
        self.document.changed.connect(self._recheck.start)
        self.document.changed.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.checker.progressed.connect(self._on_checker_progressed)
        self.checker.finished.connect(self._on_checker_finished)
        self.checker.failed.connect(lambda message: self._on_checker_finished([message]))
        self.checker.cancelled.connect(lambda: self._show_problems(note=tr("Check cancelled.")))
        self.checker.running_changed.connect(self._on_checker_running_changed)
        self.recheck()

    # -- building ---------------------------------------------------------------------------
    def _action(self, text: str, name: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build(self) -> None:
        d = self.document
        self.actions_ = {a.objectName(): a for a in (
            self._action(tr("New"), "lessonEditorNew", tr("Start a new lesson"), self.new),
            self._action(tr("Open…"), "lessonEditorOpen", tr("Edit a lesson file (a shipped one opens as a copy)"),
                         self.open_dialog),
            self._action(tr("Save"), "lessonEditorSave", tr("Save the lesson (checked first; atomically)"),
                         self.save),
            self._action(tr("Save As…"), "lessonEditorSaveAs", tr("Save the lesson under a new name"), self.save_as),
            self._action(tr("Undo"), "lessonEditorUndo", tr("Undo the last edit of the lesson"), d.undo_stack.undo),
            self._action(tr("Redo"), "lessonEditorRedo", tr("Redo the last undone edit of the lesson"),
                         d.undo_stack.redo),
            self._action(tr("▶ Try from Here"), "lessonEditorTry", tr("Play the lesson as a learner from the "
                         "selected step, in the Lessons panel (Back to Editing returns)"), lambda: self.trying.start()),
            self._action(tr("Check"), "lessonEditorCheck", tr("Check the lesson as `lessons check` does: every "
                         "state built and every value computed (in the background)"), self.check))}
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("lessonEditorToolbar")
        # the file actions behind one button: the toolbar fits a narrow dock without hiding Try
        self.files_button = files = QToolButton()
        files.setObjectName("lessonEditorFiles")
        files.setText(tr("Lesson"))
        files.setToolTip(tr("New, Open…, Save As…"))
        files.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(files)
        for name in ("lessonEditorNew", "lessonEditorOpen", "lessonEditorSaveAs"):
            menu.addAction(self.actions_[name])
        files.setMenu(menu)
        self.toolbar.addWidget(files)
        for name in ("Save", "Undo", "Redo", "Try", "Check"):
            self.toolbar.addAction(self.actions_[f"lessonEditor{name}"])
        d.undo_stack.canUndoChanged.connect(self.actions_["lessonEditorUndo"].setEnabled)
        d.undo_stack.canRedoChanged.connect(self.actions_["lessonEditorRedo"].setEnabled)
        self.actions_["lessonEditorUndo"].setEnabled(False)
        self.actions_["lessonEditorRedo"].setEnabled(False)
        self.banner = QWidget()
        self.banner.setObjectName("lessonEditorTrying")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.back_button = button(tr("Back to Editing"), "lessonEditorBack",
                                  tr("Leave the lesson: your document comes back, and the editor"))
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.back_button)
        self.banner.hide()
        self.steps = StepList(d)
        self.text_form = TextForm(d)
        self.task_form = TaskForm(d, self.live)
        self.points_form = PointsForm(d, self.live)
        self.state_form = StateForm(d, self.live)
        self.lesson_form = LessonForm(d)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("lessonEditorTabs")
        for form, title in ((self.text_form, tr("Text")), (self.task_form, tr("Task")),
                            (self.points_form, tr("Show && Lock")), (self.state_form, tr("State")),
                            (self.lesson_form, tr("Lesson"))):
            scroll = QScrollArea()          # a narrow dock scrolls a form rather than widening the window
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(form)
            self.tabs.addTab(scroll, title)
        self.forms = (self.text_form, self.task_form, self.points_form, self.state_form)
        self.steps.current_changed.connect(self._on_steps_current_changed)
        self.body = QSplitter()
        self.body.setOrientation(self.body.orientation().Vertical)
        self.body.addWidget(self.steps)
        self.body.addWidget(self.tabs)
        self.body.setSizes([110, 550])
        self.problem_label = QLabel()
        self.problem_label.setObjectName("lessonEditorProblems")
        self.problem_label.setWordWrap(True)
        self.check_progress = QProgressBar()
        self.check_progress.setObjectName("lessonEditorCheckProgress")
        self.check_progress.setFormat(tr("Checking: building the states… %p%"))
        self.cancel_check = button(tr("Cancel"), "lessonEditorCancelCheck", tr("Stop checking"))
        self.cancel_check.clicked.connect(self.checker.cancel)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_progress, 1)
        check_row.addWidget(self.cancel_check)
        self.check_row = QWidget()
        self.check_row.setLayout(check_row)
        check_row.setContentsMargins(0, 0, 0, 0)
        self.check_row.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.check_row)

    @property
    def index(self) -> int:
        """The step being edited (0-based)."""
        return self.steps.current

    def _on_steps_current_changed(self, index: int) -> None:
        for form in self.forms:
            form.show_step(index)
        self._show_problems()

    def _update_title(self) -> None:
        dock = self.parentWidget()
        if dock is not None and hasattr(dock, "setWindowTitle"):
            d = self.document
            name = d.path.name if d.path else tr("copy of {file}").format(file=d.origin.name) if d.origin \
                else tr("new lesson")
            dock.setWindowTitle(tr("Lesson Editor — {name}").format(name=name) + (" *" if d.modified else ""))

    # -- problems ---------------------------------------------------------------------------
    def recheck(self) -> None:
        """What is wrong now (texts, the strict reader, the names: no state is built)."""
        self._recheck.stop()
        self.problems = draft.problems(self.document.doc, self.document.path, targets())
        self._show_problems()

    def _show_problems(self, note: str = "") -> None:
        steps = {s for p in self.problems if (s := draft.step_of(p)) is not None}
        if steps != self.steps.problem_steps:
            self.steps.problem_steps = steps
            self.steps.refresh()
        prefix = f"steps[{self.index}]"
        mine = [p for p in self.problems if p == prefix or p.startswith((prefix + ".", prefix + ":"))]
        self.text_form.show_problems(mine)
        others = [p for p in self.problems if p not in mine]
        if not self.problems:
            text = note or tr("No problems found. (Check also builds every state, as `lessons check` does.)")
            set_rich(self.problem_label, render_plain(text))
        else:
            shown = "<br>".join(f"⚠ {render_plain(p)}" for p in others[:6])
            more = "<br>" + tr("… and {n} more").format(n=len(others) - 6) if len(others) > 6 else ""
            n = len(self.problems)
            count = (tr("{n} problem") if n == 1 else tr("{n} problems")).format(n=n)
            here = tr(" (this step: see Text)") if mine else ""
            set_rich(self.problem_label, f"<b>{count}</b>{here}"
                     f"{'<br>' + render_plain(note) if note else ''}<br>{shown}{more}")

    def check(self) -> None:
        """The full check, off the GUI thread (progress and Cancel under the problems)."""
        self.recheck()                       # the live problems now (no later recheck overwrites the result)
        self.checker.start(full_check, json.loads(self.document.text()), self.document.path)

    def _on_checker_progressed(self, done: int, total: int) -> None:
        self.check_progress.setRange(0, max(total, 1))
        self.check_progress.setValue(done)

    def _on_checker_running_changed(self, running: bool) -> None:
        self.check_row.setVisible(running)
        self.check_progress.setRange(0, 0)

    def _on_checker_finished(self, found: list[str]) -> None:
        self.problems = list(dict.fromkeys(draft.problems(self.document.doc, self.document.path, targets())
                                           + list(found)))
        self._show_problems(note="" if self.problems else tr("Checked: every state builds and every value computes."))

    # -- files ------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when the lesson has unsaved changes; False means cancel."""
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self, tr("Unsaved lesson"), tr("The lesson you are writing has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.drafts.discard()
            return True
        return False

    def new(self) -> None:
        if self.maybe_save():
            self.document.replace(draft.new_document(), None)
            self.steps.select(0)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        folder = user_lessons_dir()
        path, _ = QFileDialog.getOpenFileName(self, tr("Edit a lesson"),
                                              str(folder if folder.is_dir() else LESSONS_DIR), tr(FILTER))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Edit the lesson file ``path`` (a shipped one as a copy); False, saying why, when it does not read."""
        try:
            self.document.open(path, shipped=LESSONS_DIR)
        except InputError as e:
            show_error(self, tr("Cannot edit the lesson"),
                       tr("{file} was not opened.\n\n{error}").format(file=path.name, error=e))
            return False
        self.steps.select(0)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        folder = user_lessons_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = draft.slug(english_of(self.document.doc.get("title")) or "lesson") + ".json"
        start = self.document.path or folder / name
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the lesson"), str(start), tr(FILTER))
        if not path:
            return False
        return self._save_to(Path(path if path.endswith(".json") else path + ".json"))

    def _save_to(self, path: Path) -> bool:
        if self.document.doc.get("id") == draft.new_document()["id"]:       # still the placeholder
            self.document.set_key("id", draft.slug(path.stem), tr("Lesson id from the file name"), merge=False)
        try:
            self.document.save(path)
        except (InputError, OSError, ValueError) as e:
            show_error(self, tr("Lesson not saved"),
                       tr("{file} was not written.\n\n{error}").format(file=path.name, error=e))
            return False
        self.recheck()
        self.saved.emit(path)
        return True
