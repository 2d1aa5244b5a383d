"""The known mistakes a question gives feedback on, in the lesson editor (issue 27 §2).

A checkable row per rule of :data:`core.lessons.mistakes.MISTAKES` that applies to what the
question asks (:func:`core.lessons.question_reader.applicable_mistakes`: a sign slip for δ, the
backward pass in the forward order for the phases), and the feedback of the selected one, which
the learner reads when a wrong answer makes that mistake.  A rule the question lists that does
not apply is still shown, so the teacher can uncheck it (the problems list says why it is refused).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

from backprop_studio.core.lessons.language import english_of, with_english
from backprop_studio.core.lessons.mistakes import MISTAKES
from backprop_studio.core.lessons.question_reader import applicable_mistakes

from ...language import tr
from .bound import put_text


class MistakesBox(QWidget):
    """The known mistakes a question lists: a checkable row per rule that applies to what it asks,
    and the feedback (Markdown) of the selected one."""

    changed = Signal(object)         # the new list of mistakes (None: none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mistakes: list[dict[str, Any]] = []
        self.filling = False
        self.rules = QListWidget()
        self.rules.setObjectName("lessonEditorMistakes")
        self.rules.setToolTip(tr("Check a mistake a learner makes here: a wrong answer that makes it gets "
                                 "your feedback instead of \"Not quite\""))
        self.rules.setMaximumHeight(110)
        self.rules.setWordWrap(True)
        self.feedback = QPlainTextEdit()
        self.feedback.setObjectName("lessonEditorMistakeFeedback")
        self.feedback.setPlaceholderText(tr("Check a mistake, then write what the learner reads when they make it"))
        self.feedback.setMaximumHeight(60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rules)
        layout.addWidget(self.feedback)
        self.rules.itemChanged.connect(self._on_rules_item_changed)
        self.rules.currentItemChanged.connect(lambda *_: self._show_feedback())
        self.feedback.textChanged.connect(self._on_feedback_text_changed)

    def show_mistakes(self, question: dict[str, Any]) -> None:
        """The rules that apply to ``question`` (a dict as the file spells it), those it lists checked."""
        listed = question.get("mistakes")
        self.mistakes = [dict(m) for m in listed if isinstance(m, dict)] if isinstance(listed, list) else []
        names = [m.get("rule") for m in self.mistakes]
        offered = list(applicable_mistakes(question)) + [n for n in names if n in MISTAKES
                                                         and n not in applicable_mistakes(question)]
        current = self.rules.currentItem().data(Qt.ItemDataRole.UserRole) if self.rules.currentItem() else None
        self.filling = True
        try:
            self.rules.clear()
            for name in offered:
                item = QListWidgetItem(f"{name}: {MISTAKES[name].slip}")
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setToolTip(f"{name}: {MISTAKES[name].slip}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if name in names else Qt.CheckState.Unchecked)
                self.rules.addItem(item)
                if name == current:
                    self.rules.setCurrentItem(item)
            self._show_feedback()
        finally:
            self.filling = False
        self.setEnabled(bool(offered))

    def _listed(self, name: str) -> dict[str, Any] | None:
        return next((m for m in self.mistakes if m.get("rule") == name), None)

    def _show_feedback(self) -> None:
        item = self.rules.currentItem()
        listed = self._listed(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        was, self.filling = self.filling, True
        try:
            put_text(self.feedback, english_of(listed.get("feedback")) if listed else "")
        finally:
            self.filling = was
        self.feedback.setEnabled(listed is not None)

    def _on_rules_item_changed(self, item: QListWidgetItem) -> None:
        if self.filling:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked and self._listed(name) is None:
            self.mistakes.append({"rule": name, "feedback": f"That is the answer {MISTAKES[name].slip} gives."})
        elif item.checkState() != Qt.CheckState.Checked:
            self.mistakes = [m for m in self.mistakes if m.get("rule") != name]
        self.rules.setCurrentItem(item)
        self._show_feedback()
        self.changed.emit(self.mistakes or None)

    def _on_feedback_text_changed(self) -> None:
        item = self.rules.currentItem()
        listed = self._listed(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        if self.filling or listed is None:
            return
        listed["feedback"] = with_english(listed.get("feedback"), self.feedback.toPlainText())
        self.changed.emit(self.mistakes)
