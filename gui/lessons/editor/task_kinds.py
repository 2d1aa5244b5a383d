"""The kinds of task a step may have, one sub-form each: no task, a question (a number), a ``do``;
the other kinds of question (choose, predict, reach, order) are in :mod:`.question_kinds`.

A kind is a :class:`TaskKind`: its ``key`` and ``label`` (the task form's combo), whether a task
dict is of this kind (:meth:`TaskKind.matches`), the task a step gets when the kind is chosen
(:meth:`TaskKind.default`), and a form that shows a task (:meth:`TaskKind.load`) and says when
the teacher changed it (:attr:`TaskKind.edited`, with the new task dict).  :data:`KINDS` lists
them in the combo's order: a new kind of question is one more class and one more entry there.

A form changes only the keys it shows: a ``do`` task's ``settings`` or an ``all`` condition of
a lesson written by hand stay as written.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from backprop_studio.core.explain.answers import REL_TOL, TOLERANCE_RANGE
from backprop_studio.core.lessons import draft, render_prompt
from backprop_studio.core.lessons.language import english_of, with_english
from backprop_studio.core.lessons.markdown import render_plain

from ...language import QT_TR_NOOP, tr
from ..pages import button
from ..safe_text import set_rich
from .bound import combo
from .capture import Live
from .mistakes_box import MistakesBox


class TaskKind(QWidget):
    """One kind of task: see the module docstring."""

    key = ""
    label = ""
    edited = Signal(object)        # the task dict the teacher made (None: no task)

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = live
        self.task: dict[str, Any] | None = None
        self.filling = False

    def matches(self, task: dict[str, Any] | None) -> bool:
        raise NotImplementedError

    def default(self) -> dict[str, Any] | None:
        raise NotImplementedError

    def load(self, task: dict[str, Any] | None) -> None:
        self.task = task
        self.filling = True
        try:
            self.fill(task)
        finally:
            self.filling = False

    def fill(self, task: dict[str, Any] | None) -> None:
        """Show ``task`` in the form's fields."""

    # hides QObject.emit (the old-style signals, never used here): every kind's form calls it
    def emit(self, task: dict[str, Any] | None) -> None:  # type: ignore[override]
        if not self.filling:
            self.edited.emit(task)


class NoTask(TaskKind):
    key, label = "none", QT_TR_NOOP("No task (read, then Next)")

    def matches(self, task: dict[str, Any] | None) -> bool:
        return not task

    def default(self) -> None:
        return None


class QuestionKind(TaskKind):
    """Ask for a number the engine computes: a VALUE from the debugger, the 1-D view or the race."""

    key, label = "question", QT_TR_NOOP("Question (type a number)")
    FUNCTION = (("x", "x_t"), ("f", "f(x_t)"), ("gradient", "f'(x_t), ∇f(x_t)"))

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(live, parent)
        self.value = QLabel()
        self.value.setObjectName("lessonEditorQuestionValue")
        self.from_debugger = button(tr("Selected in the debugger"), "lessonEditorAskSelected",
                                    tr("Ask for the value selected in the Step Debugger (or the computation graph)"))
        self.quantity = combo("lessonEditorAskQuantity")
        for key, text in self.FUNCTION:
            self.quantity.addItem(text, key)
        self.coordinate = QSpinBox(minimum=1, maximum=2)
        self.coordinate.setObjectName("lessonEditorAskCoordinate")
        self.coordinate.setPrefix(tr("coordinate "))
        self.coordinate.setToolTip(tr("For the race: which coordinate of x_t or of the gradient"))
        self.from_1d = button(tr("in the 1-D view"), "lessonEditorAsk1d",
                              tr("Ask for this quantity at the step t the 1-D view shows"))
        self.from_2d = button(tr("in the race (selected run)"), "lessonEditorAsk2d",
                              tr("Ask for this quantity of the race's selected run at the slider's step t"))
        self.prompt = QLineEdit()
        self.prompt.setObjectName("lessonEditorPrompt")
        self.prompt.setMaxLength(200)
        self.prompt.setToolTip(tr("One line the learner reads above the answer field (δ_1^(2) gets real sub- "
                                  "and superscripts)"))
        self.tolerance = QDoubleSpinBox(minimum=0.0, maximum=TOLERANCE_RANGE[1] * 100, decimals=2, singleStep=0.1)
        self.tolerance.setObjectName("lessonEditorTolerance")
        self.tolerance.setSuffix(" %")
        self.tolerance.setSpecialValueText(tr("{percent} % (the default)").format(percent=f"{REL_TOL * 100:g}"))
        self.tolerance.setToolTip(tr("How close an answer must be, relative to the value (0: the exercise "
                                     "mode's rule, half a percent)"))
        functions = QHBoxLayout()
        for w in (self.quantity, self.coordinate):
            functions.addWidget(w)
        views = QHBoxLayout()
        for source in (self.from_1d, self.from_2d):
            views.addWidget(source)
        views.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Asks for"), self.value)
        form.addRow(tr("Take it from"), self.from_debugger)
        form.addRow(tr("or its"), functions)
        form.addRow("", views)
        form.addRow(tr("Prompt"), self.prompt)
        form.addRow(tr("Tolerance"), self.tolerance)
        self.mistakes = MistakesBox()
        form.addRow(tr("Known mistakes"), self.mistakes)
        self.mistakes.changed.connect(lambda m: self._set("mistakes", m))
        self.from_debugger.clicked.connect(self._on_from_debugger_clicked)
        self.from_1d.clicked.connect(lambda: self.ask(self.live.function_value(
            "function1d", self.quantity.currentData())))
        self.from_2d.clicked.connect(lambda: self.ask(self.live.function_value(
            "function2d", self.quantity.currentData(), self.coordinate.value())))
        self.prompt.textEdited.connect(lambda t: self._set("prompt", with_english(self.question().get("prompt"), t)))
        self.tolerance.valueChanged.connect(
            lambda x: self._set("tolerance", round(max(x / 100, TOLERANCE_RANGE[0]), 6) if x else None))

    def matches(self, task: dict[str, Any] | None) -> bool:
        return isinstance(task, dict) and isinstance(task.get("question"), dict) \
            and task["question"].get("kind", "number") == "number"

    def default(self) -> dict[str, Any]:
        spec = self.live.selected_value() or {"kind": "loss"}
        return {"question": {"value": spec, "prompt": f"{draft.value_name(spec)} = ?"}}

    def question(self) -> dict[str, Any]:
        q = (self.task or {}).get("question")
        return dict(q) if isinstance(q, dict) else {}

    def fill(self, task: dict[str, Any] | None) -> None:
        q = self.question()
        spec = q.get("value")
        set_rich(self.value, render_prompt(draft.value_name(spec)) if isinstance(spec, dict)
                 else render_plain(tr("nothing yet: select a value, then press a button below")))
        if self.prompt.text() != english_of(q.get("prompt")):
            self.prompt.setText(english_of(q.get("prompt")))
        tolerance = q.get("tolerance")
        self.tolerance.setValue(tolerance * 100 if isinstance(tolerance, (int, float)) else 0.0)
        self.mistakes.show_mistakes(q)

    def _set(self, key: str, value: Any) -> None:
        q = self.question()
        if value is None:
            q.pop(key, None)
        else:
            q[key] = value
        self.emit({"question": q})

    def _on_from_debugger_clicked(self) -> None:
        spec = self.live.selected_value()
        if spec is None:
            set_rich(self.value, render_plain(tr("Select a value in the Step Debugger first (click a number; "
                                                 "step the training until it is computed).")))
            return
        self.ask(spec)

    def ask(self, spec: dict[str, Any]) -> None:
        """Ask for ``spec``; a prompt still the default one follows it."""
        q = self.question()
        old = q.get("value")
        if not q.get("prompt") or (isinstance(old, dict) and q.get("prompt") == f"{draft.value_name(old)} = ?"):
            q["prompt"] = f"{draft.value_name(spec)} = ?"
        q["value"] = spec
        self.emit({"question": q})
