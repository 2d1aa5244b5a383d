"""The Task tab: the step's task (one sub-form per kind, :mod:`.task_kinds`), its hints and the
explanation shown once the task is done.

Hints are shown to the learner one at a time (at most ten); each is Markdown.  They belong to the
step, so a step without a task may have them too.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.lessons.language import english_of, with_english, with_englishes
from backprop_studio.core.lessons.schema import MAX_HINTS

from ...language import tr
from ..pages import button
from .bound import CurrentPageStack, StepForm, combo, put_text
from .capture import Live
from .do_kind import DoKind
from .document import LessonDocument
from .question_kinds import QUESTION_KINDS
from .task_kinds import NoTask, QuestionKind, TaskKind

KINDS: tuple[type[TaskKind], ...] = (NoTask, QuestionKind, *QUESTION_KINDS, DoKind)
"""The task kinds, in the combo's order: a new kind is one more class here."""


class TaskForm(StepForm):
    def __init__(self, document: LessonDocument, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.kinds = [kind(live) for kind in KINDS]
        self.kind = combo("lessonEditorTaskKind")
        self.kind.setToolTip(tr("What the learner does in this step before Next"))
        self.stack = CurrentPageStack()
        for form in self.kinds:
            self.kind.addItem(tr(form.label), form.key)
            self.stack.addWidget(form)
            form.edited.connect(lambda task: self.set("task", task, tr("Edit task")))
        self.hints = QListWidget()
        self.hints.setObjectName("lessonEditorHints")
        self.hints.setToolTip(tr("Shown one at a time when the learner asks (Markdown; double-click to edit)"))
        self.hints.setMaximumHeight(80)
        self.hints.setWordWrap(True)
        self.hints.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_hint = button(tr("Add hint"), "lessonEditorAddHint",
                               tr("Another hint (at most {n})").format(n=MAX_HINTS))
        self.remove_hint = button(tr("Remove hint"), "lessonEditorRemoveHint", tr("Remove the selected hint"))
        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("lessonEditorExplanation")
        self.explanation.setToolTip(tr("Markdown shown after the answer, or when the task is done"))
        self.explanation.setPlaceholderText(tr("Why the answer is what it is (shown once the task is done)"))
        hint_buttons = QHBoxLayout()
        hint_buttons.addWidget(self.add_hint)
        hint_buttons.addWidget(self.remove_hint)
        hint_buttons.addStretch(1)
        kind_row = QFormLayout()
        kind_row.setContentsMargins(0, 0, 0, 0)
        kind_row.addRow(tr("Task"), self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(kind_row)
        layout.addWidget(self.stack)
        layout.addWidget(QLabel(tr("Hints")))
        layout.addWidget(self.hints)
        layout.addLayout(hint_buttons)
        layout.addWidget(QLabel(tr("Explanation")))
        layout.addWidget(self.explanation, 1)
        self.kind.activated.connect(self._on_kind_activated)
        self.add_hint.clicked.connect(self._on_add_hint_clicked)
        self.remove_hint.clicked.connect(self._on_remove_hint_clicked)
        self.hints.itemChanged.connect(lambda _item: self._write_hints())
        self.explanation.textChanged.connect(lambda: self.set(
            "explanation", with_english(self.step.get("explanation"), self.explanation.toPlainText())
            if self.explanation.toPlainText() else None, tr("Edit explanation"), merge=True))
        self.refresh()

    def load(self, step: dict[str, Any]) -> None:
        task = step.get("task") if isinstance(step.get("task"), dict) else None
        for i, form in enumerate(self.kinds):
            if form.matches(task):
                self.kind.setCurrentIndex(i)
                self.stack.setCurrentIndex(i)
                form.load(task)
                break
        hints = given if isinstance(given := step.get("hints"), list) else []
        if [self.hints.item(i).text() for i in range(self.hints.count())] != [english_of(h) for h in hints]:
            self.hints.clear()
            for h in hints:
                item = QListWidgetItem(english_of(h))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.hints.addItem(item)
        self.add_hint.setEnabled(len(hints) < MAX_HINTS)
        self.remove_hint.setEnabled(bool(hints))
        put_text(self.explanation, english_of(step.get("explanation")))

    @property
    def form(self) -> TaskKind:
        return self.kinds[self.kind.currentIndex()]

    def choose(self, key: str) -> None:
        """Give the step a task of kind ``key`` (its default, from what the window shows)."""
        index = self.kind.findData(key)
        self.kind.setCurrentIndex(index)
        self._on_kind_activated(index)

    def _on_kind_activated(self, index: int) -> None:
        form = self.kinds[index]
        if not form.matches(self.step.get("task")):
            self.set("task", form.default(), tr("Task: {kind}").format(kind=form.key))

    def _hint_texts(self) -> list[str]:
        return [self.hints.item(i).text() for i in range(self.hints.count())]

    def _write_hints(self, hints: list[str] | None = None) -> None:
        hints = self._hint_texts() if hints is None else hints
        old = given if isinstance(given := self.step.get("hints"), list) else []
        self.set("hints", with_englishes(old, hints) or None, tr("Edit hints"))     # translations kept

    def _on_add_hint_clicked(self) -> None:
        self._write_hints(self._hint_texts() + [f"Hint {self.hints.count() + 1}: …"])
        self.hints.setCurrentRow(self.hints.count() - 1)
        self.hints.editItem(self.hints.currentItem())

    def _on_remove_hint_clicked(self) -> None:
        row = self.hints.currentRow()
        hints = self._hint_texts()
        if hints:
            del hints[row if 0 <= row < len(hints) else -1]
            self._write_hints(hints)
