"""What every form of the lesson editor shares: it edits one step of the document, the one
selected in the step list, and redraws from the document after every change (an edit, undo,
redo, another step selected).  Its fields write back through the document's undoable edits;
while it fills them from the document (:attr:`StepForm.filling`) their signals write nothing.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSizePolicy, QStackedWidget, QWidget

from .document import LessonDocument


class StepForm(QWidget):
    """A form on step :attr:`index` of :attr:`document`; subclasses fill :meth:`load`."""

    def __init__(self, document: LessonDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.index = 0
        self.filling = False
        document.changed.connect(self.refresh)

    @property
    def step(self) -> dict[str, Any]:
        steps = self.document.steps
        return steps[min(self.index, len(steps) - 1)]

    def show_step(self, index: int) -> None:
        self.index = index
        self.refresh()

    def refresh(self) -> None:
        self.index = min(self.index, len(self.document.steps) - 1)
        self.filling = True
        try:
            self.load(self.step)
        finally:
            self.filling = False

    def load(self, step: dict[str, Any]) -> None:
        raise NotImplementedError

    def set(self, key: str, value: Any, text: str, merge: bool = False) -> None:
        """Set ``key`` of this step (None removes it), unless the form is being filled."""
        if not self.filling:
            self.document.set_step_key(self.index, key, value, text, merge)


def put_text(edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Show ``text`` in ``edit`` unless it shows it already (the cursor stays where the user typed)."""
    if isinstance(edit, QPlainTextEdit):
        if edit.toPlainText() != text:
            edit.setPlainText(text)
    elif edit.text() != text:
        edit.setText(text)


def combo(name: str, tip: str = "") -> QComboBox:
    """A combo box as narrow as a dozen characters (its list opens as wide as its items): a
    narrow dock beside the views keeps its room."""
    box = QComboBox()
    box.setObjectName(name)
    box.setToolTip(tip)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    return box


class CurrentPageStack(QStackedWidget):
    """A stacked widget as tall as its current page (Qt's is as tall as its tallest): a short
    sub-form leaves no gap above what follows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()
