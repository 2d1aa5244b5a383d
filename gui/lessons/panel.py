"""The Lessons panel (``lessonPanel``): pick a lesson, then walk through its steps.

Two pages (laid out in :mod:`.pages`).  The list: the lessons in sections (:mod:`.library`: the
shipped ones in file-name order, My Lessons, added folders, opened courses and files) with the
learner's progress ("3/7", "✓ 7/7" when done), Start (or Continue), Reset progress, Open Lesson
File… and Add Folder….  The
lesson: the step's title and text (Markdown rendered by :func:`core.lessons.render_markdown`),
the task (a question of any kind, :mod:`.questions`: an answer field, options, a plot to click
or phases to order, and Check or Commit; or something to do with Show me), hints one at a time,
Back / Next and Leave lesson.

Next is enabled once the step's task is done: the question answered right, or its value
revealed after :data:`TRIES` wrong answers (as the debugger's exercise mode does), or the
condition met; a step without a task, or one done before, can be passed at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons import HeadlessState, render_prompt
from backprop_studio.core.lessons.language import in_language
from backprop_studio.core.lessons.markdown import render_line, render_plain
from backprop_studio.core.lessons.model import Do, Lesson, Question

from ..language import interface_language, tr
from . import library, progress
from .list_page import ListPage
from .pages import build_lesson_page, build_list_page
from .pointing import reveal
from .questions.answering import Answering
from .runner import LessonRunner
from .safe_text import LessonTextBrowser, markdown, set_rich

if TYPE_CHECKING:
    from backprop_studio.gui.studio import StudioSession


class LessonPanel(Answering, ListPage, QWidget):
    left = Signal()                # a lesson was left (Leave lesson, Finish, or another started)

    # the widgets :mod:`.pages` makes: the list page's file buttons, then the lesson page
    open_button: QPushButton
    folder_button: QPushButton
    heading: QLabel
    step_title: QLabel
    text: LessonTextBrowser
    lock_note: QLabel
    prompt: QLabel
    answer: QLineEdit
    check_button: QPushButton
    feedback: QLabel
    hint_button: QPushButton
    show_me_button: QPushButton
    back_button: QPushButton
    next_button: QPushButton
    leave_button: QPushButton
    preparing: QProgressBar
    cancel_button: QPushButton
    preparing_row: QWidget

    def __init__(self, studio: StudioSession, folder: Path = LESSONS_DIR) -> None:
        super().__init__()
        self.studio = studio
        self.folder = folder           # the shipped lessons (the tests point it at theirs)
        self._runner: LessonRunner | None = None
        self.lesson: Lesson | None = None
        self.key = ""                  # where the lesson's progress is kept (progress.key_of)
        self.progress = progress.LessonProgress()
        self.wrong = 0                 # wrong answers to this step's question
        self.settled = False           # the question answered right or revealed, or the condition met
        self.hints_shown = 0
        self.shown = False             # a step of the lesson is on show (not only being prepared)
        self.pending: int | None = None   # the step being prepared in a worker
        self.sections: list[library.Section] = []
        self._build()
        self.reload()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.pages.addWidget(build_list_page(self))
        self.pages.addWidget(build_lesson_page(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self.list.itemDoubleClicked.connect(lambda _item: self.start_selected())
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.start_button.clicked.connect(self.start_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.open_button.clicked.connect(self.open_file_dialog)
        self.folder_button.clicked.connect(self.add_folder_dialog)
        self.forget_button.clicked.connect(self.forget_selected)
        self.answer.returnPressed.connect(self.check)
        self.check_button.clicked.connect(self.check)
        self.hint_button.clicked.connect(self.show_hint)
        self.show_me_button.clicked.connect(self.show_me)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.leave_button.clicked.connect(self.leave)
        self.cancel_button.clicked.connect(self.cancel_preparing)

    # -- a lesson --------------------------------------------------------------------------
    @property
    def runner(self) -> LessonRunner:
        if self._runner is None:
            window = self.window()
            assert isinstance(window, QMainWindow), "the Lessons panel is a dock of the main window"
            self._runner = LessonRunner(window)
            self._runner.changed.connect(self._on_runner_changed)
            self._runner.asking.picked.connect(self.question_area.set_point)
            self._runner.asking.reached.connect(self._on_asking_reached)
            tasks = self._runner.tasks
            tasks.progressed.connect(self._on_tasks_progressed)
            tasks.finished.connect(self._on_tasks_finished)
            tasks.failed.connect(self._on_tasks_failed)
            tasks.cancelled.connect(self._on_tasks_cancelled)
        return self._runner

    @property
    def index(self) -> int:
        return self.runner.index

    def start(self, lesson: Lesson, key: str | None = None, at: int | None = None) -> None:
        """Enter ``lesson`` at step ``at`` (default: the step the learner was at); its progress is
        kept under ``key`` (default :func:`.progress.key_of` its id and file).  It is shown in the
        interface language (:func:`gui.language.interface_language`), English where a text has none."""
        lesson = in_language(lesson, interface_language())
        self.lesson = lesson
        self.key = key or progress.key_of(lesson.id, lesson.path, shipped=self.folder)
        self.progress = progress.load(self.key)
        self.shown = False
        self.runner.enter(lesson)
        self.pages.setCurrentIndex(1)
        reveal(self)
        self.go_to(min(self.progress.current if at is None else at, len(lesson.steps) - 1))

    def go_to(self, index: int) -> None:
        """Show step ``index``: at once when its state is cheap to build, else once a worker has
        built it (:meth:`LessonRunner.needs_worker`), with progress and Cancel meanwhile; the step
        on show stays until then."""
        assert self.lesson is not None
        if self.runner.needs_worker(index):
            self.pending = index
            self._set_preparing(True)
            self.runner.build(index)
            return
        self._enter(index)

    def _enter(self, index: int, built: HeadlessState | None = None, problem: str = "") -> None:
        """Apply step ``index`` (its state ``built`` already, or ``problem``: it could not be) and
        show it."""
        assert self.lesson is not None
        self.wrong, self.hints_shown = 0, 0
        self.settled = index in self.progress.done
        self.progress.current = index
        progress.save(self.key, self.progress)
        try:
            self.runner.apply(index, self.progress.done, built, load=not problem)
        except (InputError, ValueError) as e:
            problem = str(e)
        self.shown = True
        self._show_step()
        if problem:
            set_rich(self.feedback, render_plain(tr("This step cannot be shown: {problem}").format(problem=problem)))
        self._note_refused()

    # -- a step prepared in a worker ---------------------------------------------------------
    def _set_preparing(self, on: bool) -> None:
        self.preparing_row.setVisible(on)
        self.preparing.setRange(0, 0)              # busy until the first progress report
        for w in (self.back_button, self.next_button, self.show_me_button, self.check_button, self.answer):
            w.setEnabled(not on)
        if on:
            assert self.lesson is not None and self.pending is not None, "a step of a lesson is prepared"
            if not self.shown:
                set_rich(self.heading, f"<b>{render_line(self.lesson.title)}</b>")
                set_rich(self.step_title, "")
                self.text.clear()
            set_rich(self.feedback, render_plain(tr("Preparing step {n}…").format(n=self.pending + 1)))
        elif self.shown:
            self._update_task()
            self.back_button.setEnabled(self.index > 0)

    def _on_tasks_progressed(self, done: int, total: int) -> None:
        self.preparing.setRange(0, max(total, 1))
        self.preparing.setValue(done)

    def _on_tasks_finished(self, built: HeadlessState) -> None:
        index, self.pending = self.pending, None
        self._set_preparing(False)
        if self.lesson is not None and index is not None:
            self._enter(index, built)

    def _on_tasks_failed(self, message: str) -> None:
        index, self.pending = self.pending, None
        self._set_preparing(False)
        if self.lesson is not None and index is not None:
            self._enter(index, problem=message)

    def cancel_preparing(self) -> None:
        """Stop preparing a step (Cancel): the step on show stays, or the lesson is left when none is."""
        self.runner.tasks.cancel()

    def _on_tasks_cancelled(self) -> None:
        index, self.pending = self.pending, None
        self._set_preparing(False)
        if self.lesson is None:
            return
        if not self.shown:
            self.leave()
            set_rich(self.summary, render_plain(tr("Cancelled: the lesson was not started.")))
        else:
            note = tr("Cancelled: step {n} was not prepared; this is still step {current}.")
            set_rich(self.feedback, render_plain(note.format(n=(index or 0) + 1, current=self.index + 1)))

    def _note_refused(self) -> None:
        """Say what the step asked for that a lesson may not touch (it was left alone)."""
        if self.runner.refused:
            set_rich(self.feedback, render_plain(tr("Left alone: {what}").format(what="; ".join(self.runner.refused))))

    def _show_step(self) -> None:
        lesson, step, i = self.lesson, self.runner.step, self.index
        assert lesson is not None, "a step of the lesson on show"
        set_rich(self.heading, f"<b>{render_line(lesson.title)}</b> · "
                 + tr("step {n} of {total}").format(n=i + 1, total=len(lesson.steps)))
        set_rich(self.step_title, f"<h3>{render_line(step.title)}</h3>")
        self.text.setHtml(markdown(step.text))
        locked = self.runner.locks.locked
        labels = ", ".join(self.runner.locks.labels)
        set_rich(self.lock_note, tr("<b>Locked</b> ({what}): {why}").format(
            what=render_plain(labels), why=render_line(step.lock.why)) if step.lock and locked else "")
        self.lock_note.setVisible(bool(locked))
        set_rich(self.prompt, render_prompt(step.task.prompt) if isinstance(step.task, Question) else
                 tr("Your turn: do what the text says (or press Show me).") if isinstance(step.task, Do) else "")
        self.prompt.setVisible(step.task is not None)
        self.answer.clear()
        self.feedback.clear()
        self._show_question(step.task if isinstance(step.task, Question) else None)
        self.hint_button.setEnabled(bool(step.hints))
        self.hint_button.setText(tr("Hint"))
        self.show_me_button.setVisible(step.task is not None)
        self.back_button.setEnabled(i > 0)
        self.next_button.setText(tr("Finish") if i == len(lesson.steps) - 1 else tr("Next ▶"))
        if self.settled and step.explanation:
            self._append_explanation()
        self.runner.hide(self.progress.done)
        self._update_task()

    def _update_task(self) -> None:
        """Next follows the task; a condition met now settles the step."""
        step = self.runner.step
        if isinstance(step.task, Do) and not self.settled and self.runner.condition_met():
            self._settle(tr("Done!"))
        if isinstance(step.task, Question) and step.task.kind == "reach":
            holds = self.runner.asking.holds()
            self.question_area.set_holds(holds)
            if holds and not self.settled:
                self._settle(tr("Done: the condition holds."))
        self.next_button.setEnabled(step.task is None or self.settled)
        self.answer.setEnabled(not self.settled)
        self.check_button.setEnabled(not self.settled)
        self.question_area.set_open(not self.settled)

    def _on_runner_changed(self) -> None:
        if self.lesson is not None and self.pages.currentIndex() == 1:
            self.runner.hide(self.progress.done)       # the values are named in the live network
            self._update_task()

    def _settle(self, message: str, more: str = "") -> None:
        """The step's task is done: ``message`` (plain text), then ``more`` (rich text: a known
        mistake's feedback) under the task."""
        self.settled = True
        self.progress.done.add(self.index)
        self.runner.hide(self.progress.done)
        progress.save(self.key, self.progress)
        set_rich(self.feedback, render_plain(message) + more)
        if self.runner.step.explanation:
            self._append_explanation()

    def _append_explanation(self) -> None:
        html = markdown(self.runner.step.explanation)
        self.text.setHtml(markdown(self.runner.step.text) + "<hr>" + html)
        self.text.verticalScrollBar().setValue(self.text.verticalScrollBar().maximum())

    # -- the learner's buttons -------------------------------------------------------------
    def show_hint(self) -> None:
        hints = self.runner.step.hints
        if self.hints_shown < len(hints):
            self.hints_shown += 1
            shown = "".join("<p>" + tr("<b>Hint {n}.</b> {hint}").format(n=n + 1, hint=markdown(h)) + "</p>"
                            for n, h in enumerate(hints[:self.hints_shown]))
            set_rich(self.feedback, shown)
        self.hint_button.setEnabled(self.hints_shown < len(hints))

    def show_me(self) -> None:
        """Do the step's task: a question's value is selected in the debugger and revealed; a
        prediction is run without one; a control is set to a value that reaches the target."""
        task = self.runner.step.task
        self.runner.show_me()
        self._note_refused()
        if isinstance(task, Question) and not self.settled:
            self._show_answer(task)
        self._update_task()

    def back(self) -> None:
        if self.lesson is not None and self.index > 0:
            self.go_to(self.index - 1)

    def next(self) -> None:
        if self.lesson is None or not self.next_button.isEnabled():
            return
        if self.runner.step.task is None:
            self.progress.done.add(self.index)
        if self.index + 1 < len(self.lesson.steps):
            self.go_to(self.index + 1)
        else:
            progress.save(self.key, self.progress)
            self.leave()

    def leave(self) -> None:
        """Back to the list, the user's document as it was."""
        was_in = self.lesson is not None
        if self.lesson is not None:
            progress.save(self.key, self.progress)
        self.pending = None
        self._set_preparing(False)
        self.runner.leave()
        self.lesson = None
        self.shown = False
        self.pages.setCurrentIndex(0)
        self.reload()
        if was_in:
            self.left.emit()
