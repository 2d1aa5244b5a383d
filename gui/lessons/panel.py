"""The Lessons panel (``lessonPanel``): pick a lesson, then walk through its steps.

Two pages.  The list: every lesson of ``resources/lessons/`` in file-name order with the
learner's progress ("3/7", "✓ 7/7" when done), Start (or Continue) and Reset progress.  The
lesson: the step's title and text (Markdown rendered by :func:`core.lessons.render_markdown`),
the task (a question with an answer field and Check, or something to do with Show me), hints
one at a time, Back / Next and Leave lesson.

Next is enabled once the step's task is done: the question answered right, or its value
revealed after :data:`TRIES` wrong answers (as the debugger's exercise mode does), or the
condition met; a step without a task, or one done before, can be passed at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.answers import TRIES, answer_ok
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons import render_prompt
from backprop_studio.core.lessons.listing import Entry, entries_in
from backprop_studio.core.lessons.markdown import render_line, render_plain
from backprop_studio.core.lessons.model import Do, Lesson, Question
from backprop_studio.gui import text_size, theme

from . import progress
from .pointing import reveal
from .runner import LessonRunner
from .safe_text import LessonTextBrowser, markdown, set_rich, tooltip

if TYPE_CHECKING:
    from backprop_studio.gui.studio import StudioSession


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


class LessonPanel(QWidget):
    def __init__(self, studio: StudioSession, folder: Path = LESSONS_DIR) -> None:
        super().__init__()
        self.studio = studio
        self.folder = folder
        self._runner: LessonRunner | None = None
        self.lesson: Lesson | None = None
        self.progress = progress.LessonProgress()
        self.wrong = 0                 # wrong answers to this step's question
        self.settled = False           # the question answered right or revealed, or the condition met
        self.hints_shown = 0
        self._build()
        self.reload()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_list_page())
        self.pages.addWidget(self._build_lesson_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

    def _build_list_page(self) -> QWidget:
        self.list = QListWidget()
        self.list.setObjectName("lessonList")
        self.list.setToolTip("The lessons, in the article's order, with your progress (steps done / steps)")
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda _item: self.start_selected())
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.summary = QLabel()
        self.summary.setObjectName("lessonSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)     # only ever the renderer's output
        self.summary.setWordWrap(True)
        self.start_button = _button("Start", "lessonStart", "Start the selected lesson where you left it "
                                    "(your own document is kept aside and comes back when you leave)")
        self.start_button.clicked.connect(self.start_selected)
        self.reset_button = _button("Reset progress", "lessonResetProgress",
                                    "Forget your progress in the selected lesson")
        self.reset_button.clicked.connect(self.reset_selected)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel("<b>Lessons</b>: the article, step by step, in the live app.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        return page

    def _build_lesson_page(self) -> QWidget:
        self.heading = QLabel()
        self.heading.setObjectName("lessonHeading")
        self.heading.setWordWrap(True)
        self.step_title = QLabel()
        self.step_title.setObjectName("lessonStepTitle")
        self.step_title.setWordWrap(True)
        self.text = LessonTextBrowser()
        self.text.setObjectName("lessonText")
        self.text.setOpenExternalLinks(True)
        self.text.setToolTip("The step's text; the explanation follows it once the task is done")
        # a little larger than the rest (sub- and superscripts stay legible), at the text size
        theme.keep_styled(self.text, lambda _c: self.text.setFont(text_size.font(scale=1.15)))
        self.lock_note = QLabel()
        self.lock_note.setObjectName("lessonLockNote")
        self.lock_note.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setObjectName("lessonPrompt")
        self.prompt.setWordWrap(True)
        self.answer = QLineEdit()
        self.answer.setObjectName("lessonAnswer")
        self.answer.setPlaceholderText("your answer, e.g. 0.731")
        self.answer.setToolTip("Type the number the step asks for (three significant digits are enough), "
                               "then press Enter or Check")
        self.answer.returnPressed.connect(self.check)
        self.check_button = _button("Check", "lessonCheck",
                                    f"Check your answer ({TRIES} tries, then the value is shown)")
        self.check_button.clicked.connect(self.check)
        self.feedback = QLabel()
        self.feedback.setObjectName("lessonFeedback")
        self.feedback.setWordWrap(True)
        self.hint_button = _button("Hint", "lessonHint", "Show the next hint")
        self.hint_button.clicked.connect(self.show_hint)
        self.show_me_button = _button("Show me", "lessonShowMe", "Do this step's task for me")
        self.show_me_button.clicked.connect(self.show_me)
        self.back_button = _button("◀ Back", "lessonBack", "The previous step")
        self.back_button.clicked.connect(self.back)
        self.next_button = _button("Next ▶", "lessonNext", "The next step (once this step's task is done)")
        self.next_button.clicked.connect(self.next)
        self.leave_button = _button("Leave lesson", "lessonLeave",
                                    "Back to the list; your own document comes back as you left it")
        self.leave_button.clicked.connect(self.leave)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer, 1)
        answer_row.addWidget(self.check_button)
        task_row = QHBoxLayout()
        task_row.addWidget(self.hint_button)
        task_row.addWidget(self.show_me_button)
        task_row.addStretch(1)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.leave_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.step_title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.lock_note)
        layout.addWidget(self.prompt)
        layout.addLayout(answer_row)
        layout.addWidget(self.feedback)
        layout.addLayout(task_row)
        layout.addLayout(nav)
        return page

    # -- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the lessons' headers again (no lesson is built: :mod:`core.lessons.listing`) and
        show them with their progress.  Every text shown is the file's, escaped."""
        self.found: list[Entry] = entries_in(self.folder)
        row = max(self.list.currentRow(), 0)
        self.list.clear()
        for number, entry in enumerate(self.found, 1):
            head = entry.head
            if head is None:        # an item's own text is plain text; its tooltip is escaped
                item = QListWidgetItem(f"{entry.path.name}: cannot be read")
                item.setToolTip(tooltip(entry.problem))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                label = progress.load(head.id).label(head.steps)
                item = QListWidgetItem(f"{number}. {head.title}    {label}")   # the number --lesson takes
                course = f"\n\nIn the course: {entry.course}" if entry.course else ""
                item.setToolTip(tooltip(f"{head.summary}\n\nArticle sections: {', '.join(head.sections)}{course}"))
            self.list.addItem(item)
        if self.found:
            self.list.setCurrentRow(min(row, len(self.found) - 1))

    def lesson_at(self, row: int) -> Entry | None:
        """The listed lesson in ``row`` (None for a row that cannot be read)."""
        entry = self.found[row] if 0 <= row < len(self.found) else None
        return entry if entry is not None and entry.head is not None else None

    def _on_list_current_row_changed(self, row: int) -> None:
        entry = self.lesson_at(row)
        if entry is not None and entry.head is not None:
            set_rich(self.summary, markdown(entry.head.summary))
        else:
            set_rich(self.summary, render_plain(self.found[row].problem if 0 <= row < len(self.found) else ""))
        self.start_button.setEnabled(entry is not None)
        self.reset_button.setEnabled(entry is not None)
        if entry is not None and entry.head is not None:
            p = progress.load(entry.head.id)
            self.start_button.setText("Continue" if p.current or p.done else "Start")

    def start_selected(self) -> None:
        """Read the selected lesson whole (strictly, within its compute budget) and start it; a
        lesson that does not read says why under the list."""
        entry = self.lesson_at(self.list.currentRow())
        if entry is None:
            return
        try:
            lesson = entry.open()
        except InputError as e:
            set_rich(self.summary, render_plain(f"This lesson cannot be started: {e}"))
            return
        self.start(lesson)

    def reset_selected(self) -> None:
        entry = self.lesson_at(self.list.currentRow())
        if entry is not None and entry.head is not None:
            progress.reset(entry.head.id)
            self.reload()

    # -- a lesson --------------------------------------------------------------------------
    @property
    def runner(self) -> LessonRunner:
        if self._runner is None:
            self._runner = LessonRunner(self.window())
            self._runner.changed.connect(self._on_runner_changed)
        return self._runner

    @property
    def index(self) -> int:
        return self.runner.index

    def start(self, lesson: Lesson) -> None:
        """Enter ``lesson`` at the step the learner was at."""
        self.lesson = lesson
        self.progress = progress.load(lesson.id)
        self.runner.enter(lesson)
        self.pages.setCurrentIndex(1)
        reveal(self)
        self.go_to(min(self.progress.current, len(lesson.steps) - 1))

    def go_to(self, index: int) -> None:
        assert self.lesson is not None
        self.wrong, self.hints_shown = 0, 0
        self.settled = index in self.progress.done
        self.progress.current = index
        progress.save(self.lesson.id, self.progress)
        try:
            self.runner.apply(index, self.progress.done)
        except (InputError, ValueError) as e:
            set_rich(self.feedback, render_plain(f"This step cannot be shown: {e}"))
        self._show_step()
        self._note_refused()

    def _note_refused(self) -> None:
        """Say what the step asked for that a lesson may not touch (it was left alone)."""
        if self.runner.refused:
            set_rich(self.feedback, render_plain("Left alone: " + "; ".join(self.runner.refused)))

    def _show_step(self) -> None:
        lesson, step, i = self.lesson, self.runner.step, self.index
        set_rich(self.heading, f"<b>{render_line(lesson.title)}</b> · step {i + 1} of {len(lesson.steps)}")
        set_rich(self.step_title, f"<h3>{render_line(step.title)}</h3>")
        self.text.setHtml(markdown(step.text))
        locked = self.runner.locks.locked
        labels = ", ".join(self.runner.locks.labels)
        set_rich(self.lock_note, f"<b>Locked</b> ({render_plain(labels)}): {render_line(step.lock.why)}"
                 if step.lock and locked else "")
        self.lock_note.setVisible(bool(locked))
        question = isinstance(step.task, Question)
        set_rich(self.prompt, render_prompt(step.task.prompt) if question else
                 "Your turn: do what the text says (or press Show me)." if isinstance(step.task, Do) else "")
        self.prompt.setVisible(step.task is not None)
        self.answer.clear()
        for w in (self.answer, self.check_button):
            w.setVisible(question)
        self.feedback.clear()
        self.hint_button.setEnabled(bool(step.hints))
        self.hint_button.setText("Hint")
        self.show_me_button.setVisible(step.task is not None)
        self.back_button.setEnabled(i > 0)
        self.next_button.setText("Finish" if i == len(lesson.steps) - 1 else "Next ▶")
        if self.settled and step.explanation:
            self._append_explanation()
        self.runner.hide(self.progress.done)
        self._update_task()

    def _update_task(self) -> None:
        """Next follows the task; a condition met now settles the step."""
        step = self.runner.step
        if isinstance(step.task, Do) and not self.settled and self.runner.condition_met():
            self._settle("Done!")
        self.next_button.setEnabled(step.task is None or self.settled)
        self.answer.setEnabled(not self.settled)
        self.check_button.setEnabled(not self.settled)

    def _on_runner_changed(self) -> None:
        if self.lesson is not None and self.pages.currentIndex() == 1:
            self.runner.hide(self.progress.done)       # the values are named in the live network
            self._update_task()

    def _settle(self, message: str) -> None:
        self.settled = True
        self.progress.done.add(self.index)
        self.runner.hide(self.progress.done)
        progress.save(self.lesson.id, self.progress)
        set_rich(self.feedback, render_plain(message))
        if self.runner.step.explanation:
            self._append_explanation()

    def _append_explanation(self) -> None:
        html = markdown(self.runner.step.explanation)
        self.text.setHtml(markdown(self.runner.step.text) + "<hr>" + html)
        self.text.verticalScrollBar().setValue(self.text.verticalScrollBar().maximum())

    # -- the learner's buttons -------------------------------------------------------------
    def check(self) -> None:
        """Check the typed answer against the engine's number: right, another try, or revealed."""
        if self.settled or not isinstance(self.runner.step.task, Question):
            return
        value = self.runner.answer()
        try:
            ok = answer_ok(self.answer.text(), value)
        except ValueError as e:
            set_rich(self.feedback, render_plain(str(e)))
            return
        if ok:
            self._settle(f"Right: {value:.6g}")
        else:
            self.wrong += 1
            if self.wrong >= TRIES:
                self._settle(f"Not quite: the value is {value:.6g}")
            else:
                self.feedback.setText(f"Not quite; {TRIES - self.wrong} more try. A hint may help.")
        self._update_task()

    def show_hint(self) -> None:
        hints = self.runner.step.hints
        if self.hints_shown < len(hints):
            self.hints_shown += 1
            shown = "".join(f"<p><b>Hint {n + 1}.</b> {markdown(h)}</p>"
                            for n, h in enumerate(hints[:self.hints_shown]))
            set_rich(self.feedback, shown)
        self.hint_button.setEnabled(self.hints_shown < len(hints))

    def show_me(self) -> None:
        """Do the step's task: a question's value is selected in the debugger and revealed."""
        task = self.runner.step.task
        self.runner.show_me()
        self._note_refused()
        if isinstance(task, Question) and not self.settled:
            self._settle(f"The value is {self.runner.answer():.6g}")
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
            progress.save(self.lesson.id, self.progress)
            self.leave()

    def leave(self) -> None:
        """Back to the list, the user's document as it was."""
        if self.lesson is not None:
            progress.save(self.lesson.id, self.progress)
        self.runner.leave()
        self.lesson = None
        self.pages.setCurrentIndex(0)
        self.reload()
