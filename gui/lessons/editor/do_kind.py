"""The ``do`` task's sub-form: what Show me presses, until which condition, at most how often.

The condition is one of the format's (docs/lesson-file.md, CONDITION) with its argument; an
``all`` condition written by hand is kept as written (the form says so and leaves it alone).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from backprop_studio.core.lessons.schema import MAX_POSITION

from ...language import QT_TR_NOOP, tr
from ...lesson_targets import PRESSABLE
from ..pages import button
from .bound import combo
from .capture import Live
from .task_kinds import TaskKind

# condition key -> (label, the argument it takes: "position", "count", "loss", "flag"); the
# labels are translated where they are shown
CONDITIONS = {
    "reached": (QT_TR_NOOP("training reached a position"), "position"),
    "steps_at_least": (QT_TR_NOOP("at least N training steps done"), "count"),
    "loss_below": (QT_TR_NOOP("the batch loss is below"), "loss"),
    "diverged": (QT_TR_NOOP("training diverged"), "flag"),
    "function1d.t_at_least": (QT_TR_NOOP("the 1-D view has shown step N"), "count"),
    "function1d.diverged": (QT_TR_NOOP("the 1-D descent diverged"), "flag"),
    "function2d.runs_at_least": (QT_TR_NOOP("the race has at least N runs"), "count"),
}
WHOLE_STEP = QT_TR_NOOP("(whole steps)")


def condition_key(until: Any) -> str | None:
    """The :data:`CONDITIONS` key of a condition dict (None for ``all`` or anything else)."""
    if not isinstance(until, dict) or len(until) != 1:
        return None
    (key, arg), = until.items()
    if key in ("function1d", "function2d") and isinstance(arg, dict) and len(arg) == 1:
        key = f"{key}.{next(iter(arg))}"
    return key if key in CONDITIONS else None


class DoKind(TaskKind):
    key, label = "do", QT_TR_NOOP("Do something (Show me can)")

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(live, parent)
        self.action = combo("lessonEditorDoAction")
        self.action.setToolTip(tr("What Show me presses, up to the limit, until the condition holds"))
        self.action.addItem(tr("(nothing)"), None)
        for name in PRESSABLE:
            self.action.addItem(self._action_label(name), name)
        self.condition = combo("lessonEditorDoCondition")
        for key, (text, _arg) in CONDITIONS.items():
            self.condition.addItem(tr(text), key)
        self.kept = QLabel(tr("A combined condition (\"all\"), kept as written: choose another to replace it."))
        self.kept.setWordWrap(True)
        self.count = QSpinBox(minimum=0, maximum=MAX_POSITION)
        self.count.setObjectName("lessonEditorDoCount")
        self.loss = QDoubleSpinBox(minimum=0.0, maximum=1e6, decimals=6, singleStep=0.01)
        self.loss.setObjectName("lessonEditorDoLoss")
        self.phase = combo("lessonEditorDoPhase")
        self.from_now = button(tr("Where training is now"), "lessonEditorDoFromNow",
                               tr("The position the window's training is at: steps done and the phase of a "
                                  "step in progress"))
        self.limit = QSpinBox(minimum=1, maximum=10_000)
        self.limit.setObjectName("lessonEditorDoLimit")
        self.limit.setToolTip(tr("At most this many presses of Show me's action"))
        position = QVBoxLayout()
        position.addWidget(self.phase)
        position.addWidget(self.from_now)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Show me presses"), self.action)
        form.addRow(tr("Done when"), self.condition)
        form.addRow("", self.kept)
        form.addRow("N", self.count)
        form.addRow(tr("Loss"), self.loss)
        form.addRow(tr("Phase"), position)
        form.addRow(tr("Presses at most"), self.limit)
        self.form = form
        for signal in (self.action.activated, self.phase.activated):
            signal.connect(lambda _i: self._write())
        self.condition.activated.connect(self._on_condition_activated)
        for spin in (self.count, self.loss, self.limit):
            spin.valueChanged.connect(lambda _x: self._write())
        self.from_now.clicked.connect(self._on_from_now_clicked)

    def _action_label(self, name: str) -> str:
        action = getattr(self.live.window, "actions_", {}).get(name)
        if action is not None:
            return action.text().replace("&", "")
        widget = self.live.window.findChild(QWidget, name)
        return f"{widget.text()} ({name})" if widget is not None and hasattr(widget, "text") else name

    def matches(self, task: dict[str, Any] | None) -> bool:
        return isinstance(task, dict) and "do" in task

    def default(self) -> dict[str, Any]:
        steps, phase = self.live.position()
        until: dict[str, Any] = {"step": steps}
        if phase is not None:
            until["after_phase"] = phase
        return {"do": {"action": "actionStepPhase", "until": {"reached": until}}}

    def do(self) -> dict[str, Any]:
        d = (self.task or {}).get("do")
        return dict(d) if isinstance(d, dict) else {}

    def fill(self, task: dict[str, Any] | None) -> None:
        d = self.do()
        self.action.setCurrentIndex(max(self.action.findData(d.get("action")), 0))
        key = condition_key(d.get("until"))
        self.kept.setVisible(key is None)
        if key is not None:
            self.condition.setCurrentIndex(self.condition.findData(key))
        self.phase.clear()
        self.phase.addItem(tr(WHOLE_STEP), None)
        for name in self.live.phases():
            self.phase.addItem(name, name)
        arg: Any = next(iter(d["until"].values())) if key is not None else None   # shaped by the condition
        if key is not None and key.startswith("function"):
            arg = next(iter(arg.values()))
        kind = CONDITIONS[key][1] if key is not None else None
        if kind == "position":
            self.count.setValue(int(arg.get("step", 0)))
            phase = arg.get("after_phase")
            if phase is not None and self.phase.findData(phase) < 0:
                self.phase.addItem(phase, phase)
            self.phase.setCurrentIndex(max(self.phase.findData(phase), 0))
        elif kind == "count":
            self.count.setValue(int(arg))
        elif kind == "loss":
            self.loss.setValue(float(arg))
        self.limit.setValue(int(d.get("limit", 50)))
        label = self.form.labelForField(self.count)
        if isinstance(label, QLabel):
            label.setText(tr("Steps done") if kind == "position" else "N")
        for w, on in ((self.count, kind in ("position", "count")), (self.loss, kind == "loss"),
                      (self.phase, kind == "position"), (self.from_now, kind == "position")):
            w.setEnabled(on)

    def _until(self) -> dict[str, Any]:
        key = self.condition.currentData()
        kind = CONDITIONS[key][1]
        if kind == "position":
            arg: Any = {"step": self.count.value()}
            if self.phase.currentData() is not None:
                arg["after_phase"] = self.phase.currentData()
        else:
            arg = {"count": self.count.value(), "loss": self.loss.value(), "flag": True}[kind]
        view, _, sub = key.partition(".")
        return {view: {sub: arg}} if sub else {key: arg}

    def _write(self) -> None:
        if self.filling:
            return
        d = self.do()
        if self.action.currentData() is None:
            d.pop("action", None)
        else:
            d["action"] = self.action.currentData()
        if self.kept.isHidden():           # an "all" condition stays until another is chosen
            d["until"] = self._until()
        if self.limit.value() == 50:
            d.pop("limit", None)
        else:
            d["limit"] = self.limit.value()
        self.emit({"do": d})

    def _on_condition_activated(self, _index: int) -> None:
        self.kept.hide()
        self._write()

    def _on_from_now_clicked(self) -> None:
        steps, phase = self.live.position()
        self.count.blockSignals(True)
        self.count.setValue(steps)
        self.count.blockSignals(False)
        self.phase.setCurrentIndex(max(self.phase.findData(phase), 0))
        self._write()
