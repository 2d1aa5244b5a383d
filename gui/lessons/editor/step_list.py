"""The lesson's steps, in order: select one to edit it; add, duplicate, delete, and reorder them
by dragging (or with Move Up / Move Down, for the keyboard).

Each row is a step's number, title and what it asks ("? δ_1^(2)", "? choose sign δ_1^(2)",
"? order", "do"); a step
with a problem (:func:`core.lessons.draft.problems`) is marked ⚠.  A drag is one undoable
edit of the document (:meth:`LessonDocument.edit`); the list is redrawn from the document.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from backprop_studio.core.lessons import draft
from backprop_studio.core.lessons.schema import MAX_STEPS

from ...language import tr
from ..pages import button
from .document import LessonDocument


def summary_of(step: dict) -> str:
    """What a step asks, in a few words, for its row."""
    task = found if isinstance(found := step.get("task"), dict) else {}
    if "question" in task and isinstance(task["question"], dict):
        q = task["question"]
        value = q.get("value")
        asked = draft.value_name(value) if isinstance(value, dict) else ""
        kind = {"choose": f"choose {q.get('choose', '')}", "predict": f"predict {q.get('predict', '')}",
                "reach": "reach", "order": "order"}.get(q.get("kind", "number"), "")
        return " ".join(w for w in ("?", kind, asked) if w)
    if "do" in task:
        return "do"
    return ""


class StepList(QWidget):
    """The steps of ``document``; :attr:`current_changed` tells which one is being edited."""

    current_changed = Signal(int)

    def __init__(self, document: LessonDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.problem_steps: set[int] = set()
        self.list = QListWidget()
        self.list.setObjectName("lessonEditorSteps")
        self.list.setToolTip(tr("The lesson's steps: select one to edit it, drag to reorder"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._on_model_rows_moved)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.add_button = button(tr("Add"), "lessonEditorAddStep", tr("A new step after the selected one"))
        self.duplicate_button = button(tr("Copy"), "lessonEditorDuplicateStep",
                                       tr("A copy of the selected step after it (its state, task and all)"))
        self.delete_button = button(tr("Delete"), "lessonEditorDeleteStep",
                                    tr("Delete the selected step (Undo brings it back)"))
        self.up_button = button("▲", "lessonEditorStepUp", tr("Move the selected step up"))
        self.down_button = button("▼", "lessonEditorStepDown", tr("Move the selected step down"))
        for b in (self.up_button, self.down_button):
            b.setFixedWidth(32)
        self.add_button.clicked.connect(self.add)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        self.up_button.clicked.connect(lambda: self.move_step(self.current, self.current - 1))
        self.down_button.clicked.connect(lambda: self.move_step(self.current, self.current + 1))
        row = QHBoxLayout()
        for b in (self.add_button, self.duplicate_button, self.delete_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._filling = False
        self._shown = -1                      # the step the forms were told about last
        document.changed.connect(self.refresh)
        self.refresh()

    @property
    def current(self) -> int:
        return max(self.list.currentRow(), 0)

    def refresh(self) -> None:
        """Redraw the rows from the document, keeping the selected step."""
        steps = self.document.steps
        keep = min(self.current, len(steps) - 1)
        self._filling = True
        self.list.clear()
        for i, step in enumerate(steps):
            mark = "⚠ " if i in self.problem_steps else ""
            asks = summary_of(step)
            item = QListWidgetItem(f"{mark}{i + 1}. {step.get('title', '')}" + (f"    {asks}" if asks else ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
            self.list.addItem(item)
        self.list.setCurrentRow(keep)
        self._filling = False
        self.delete_button.setEnabled(len(steps) > 1)
        self.add_button.setEnabled(len(steps) < MAX_STEPS)
        if keep != self._shown:              # the forms follow the document themselves
            self._shown = keep
            self.current_changed.emit(keep)

    def select(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def _on_list_current_row_changed(self, row: int) -> None:
        if not self._filling and row >= 0:
            self._shown = row
            self.current_changed.emit(row)

    # -- edits ------------------------------------------------------------------------------
    def add(self) -> None:
        at = self.current + 1
        self.document.edit(tr("Add step"), lambda doc: doc["steps"].insert(at, draft.new_step(at + 1)))
        self.select(at)

    def duplicate(self) -> None:
        at = self.current
        self.document.edit(tr("Duplicate step"),
                           lambda doc: doc["steps"].insert(at + 1, copy.deepcopy(doc["steps"][at])))
        self.select(at + 1)

    def delete(self) -> None:
        at = self.current
        if len(self.document.steps) > 1:
            self.document.edit(tr("Delete step"), lambda doc: doc["steps"].pop(at))
            self.select(min(at, len(self.document.steps) - 1))

    def move_step(self, source: int, target: int) -> None:
        """Move step ``source`` to the place ``target`` (0-based, in the list after the move)."""
        steps = self.document.steps
        if source == target or not (0 <= source < len(steps) and 0 <= target < len(steps)):
            return
        self.document.edit(tr("Move step"), lambda doc: doc["steps"].insert(target, doc["steps"].pop(source)))
        self.select(target)

    def _on_model_rows_moved(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        """A drag in the list: the same move on the document (the list is then redrawn from it)."""
        if not self._filling:
            target = row - 1 if row > start else row          # Qt's row is where it goes before removal
            # on the next turn of the event loop: the list is redrawn from the document, which
            # must not happen inside the model's own signal
            QTimer.singleShot(0, lambda: self.move_step(start, target))
