"""The Show & lock tab: what the step points at, the tab it raises, the value it selects in the
Step Debugger, and the controls it locks (with the reason the learner reads).

Every name is chosen from the allowlist a lesson may touch (``gui/lesson_targets.py``), by what
the app calls it ("Network (view)", "Step Phase (action)"), never typed: what the editor
offers, ``lessons check`` and the app accept.
"""
from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QWidget,
)

from backprop_studio.core.lessons import draft, render_prompt
from backprop_studio.core.lessons.language import english_of, with_english
from backprop_studio.core.lessons.markdown import render_plain

from ...language import tr
from ...lesson_targets import TAB_PAGES, known_names
from ...views import VIEWS
from ..pages import button
from ..safe_text import set_rich
from .bound import StepForm, combo
from .capture import Live
from .document import LessonDocument


def target_label(window: QMainWindow, name: str) -> str:
    """What the app calls the object ``name``: a view's title, an action's menu text, or its name."""
    if name in VIEWS:
        return tr("{view} (view)").format(view=tr(VIEWS[name][2]))          # views.py marks its titles
    action = getattr(window, "actions_", {}).get(name)
    if action is not None:
        return tr("{action} (action)").format(action=action.text().replace("&", "").rstrip("…"))
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z0-9])", " ", name).lower()
    return f"{words[0].upper()}{words[1:]} ({name})"


def _checklist(name: str, window: QMainWindow, names: list[str], tip: str) -> QListWidget:
    box = QListWidget()
    box.setObjectName(name)
    box.setToolTip(tip)
    for target in sorted(names, key=lambda n: target_label(window, n).lower()):
        item = QListWidgetItem(target_label(window, target))
        item.setData(Qt.ItemDataRole.UserRole, target)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    return box


class PointsForm(StepForm):
    def __init__(self, document: LessonDocument, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.live = live
        window = live.window
        names = sorted(known_names())
        self.highlight = _checklist("lessonEditorHighlight", window, names,
                                    tr("What the step frames for a moment when it is shown"))
        self.tab = combo("lessonEditorTab")
        self.tab.setToolTip(tr("A tab page the step switches to (its dock is raised)"))
        self.tab.addItem(tr("(none)"), None)
        for page in TAB_PAGES:
            self.tab.addItem(target_label(window, page), page)
        self.select = QLabel()
        self.select.setObjectName("lessonEditorSelect")
        self.select_button = button(tr("Selected in the debugger"), "lessonEditorSelectFromDebugger",
                                    tr("Select the value the Step Debugger has selected now when the step is shown"))
        self.unselect_button = button(tr("None"), "lessonEditorSelectNone", tr("Select nothing"))
        self.lock = _checklist("lessonEditorLock", window, names,
                               tr("What the learner may not change in this step"))
        self.why = QLineEdit()
        self.why.setObjectName("lessonEditorLockWhy")
        self.why.setMaxLength(300)
        self.why.setPlaceholderText(tr("Why they are locked (the learner reads it), e.g. The network stays as drawn."))
        for box in (self.highlight, self.lock):
            box.setMinimumHeight(90)
        select_row = QHBoxLayout()
        select_row.addWidget(self.select, 1)
        select_row.addWidget(self.select_button)
        select_row.addWidget(self.unselect_button)
        form = QFormLayout(self)
        form.setContentsMargins(2, 2, 2, 2)
        form.addRow(tr("Point at"), self.highlight)
        form.addRow(tr("Raise tab"), self.tab)
        form.addRow(tr("Select"), select_row)
        form.addRow(tr("Lock"), self.lock)
        form.addRow(tr("Because"), self.why)
        self.highlight.itemChanged.connect(lambda _i: self._write_show())
        self.tab.activated.connect(lambda _i: self._write_show())
        self.select_button.clicked.connect(self._on_select_button_clicked)
        self.unselect_button.clicked.connect(lambda: self._write_show(select=None))
        self.lock.itemChanged.connect(lambda _i: self._write_lock())
        self.why.textEdited.connect(lambda _t: self._write_lock(merge=True))
        self.refresh()

    @staticmethod
    def _checked(box: QListWidget) -> list[str]:
        return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
                if box.item(i).checkState() == Qt.CheckState.Checked]

    @staticmethod
    def _check(box: QListWidget, names: Any) -> None:
        chosen = set(names) if isinstance(names, list) else set()
        for i in range(box.count()):
            item = box.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in chosen
            state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            if item.checkState() != state:
                item.setCheckState(state)

    def load(self, step: dict[str, Any]) -> None:
        show = shown if isinstance(shown := step.get("show"), dict) else {}
        lock = locked if isinstance(locked := step.get("lock"), dict) else {}
        self._check(self.highlight, show.get("highlight"))
        self.tab.setCurrentIndex(max(self.tab.findData(show.get("tab")), 0))
        spec = show.get("select")
        set_rich(self.select, render_prompt(draft.value_name(spec)) if isinstance(spec, dict)
                 else render_plain(tr("nothing")))
        self._check(self.lock, lock.get("targets"))
        if lock and self.why.text() != english_of(lock.get("why")):      # without targets the typed reason waits
            self.why.setText(english_of(lock.get("why")))

    def _on_select_button_clicked(self) -> None:
        spec = self.live.selected_value()
        if spec is None:
            set_rich(self.select, render_plain(tr("Select a value in the Step Debugger first")))
            return
        self._write_show(select=spec)

    def _write_show(self, **select: Any) -> None:
        show = dict(self.step.get("show") or {})
        for key, value in (("highlight", self._checked(self.highlight) or None), ("tab", self.tab.currentData()),
                           *select.items()):
            if value is None:
                show.pop(key, None)
            else:
                show[key] = value
        self.set("show", show or None, tr("Edit what the step shows"))

    def _write_lock(self, merge: bool = False) -> None:
        targets = self._checked(self.lock)
        old = lock.get("why") if isinstance(lock := self.step.get("lock"), dict) else None
        why = with_english(old, self.why.text() or "The lesson keeps this as it is for this step.")
        self.set("lock", {"targets": targets, "why": why} if targets else None, tr("Edit locks"), merge)
