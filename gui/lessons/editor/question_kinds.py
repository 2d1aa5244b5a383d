"""The lesson editor's sub-forms for the kinds of question beyond a typed number (issue 27 §1).

Each is a :class:`.task_kinds.TaskKind` (docs/lesson-file.md, "Kinds of question"):

- :class:`ChooseKind`: the sign of a value, the largest or smallest of some values, or which way
  a step of a function view goes;
- :class:`PredictKind`: a number after an action, or where a step of a function view goes (a
  direction or a point), committed before the app runs it;
- :class:`ReachKind`: a control (:data:`core.lessons.reach.CONTROLS`) and the condition the
  learner sets it to reach;
- :class:`OrderKind`: the phases of one training step.

Like the number question, a form names what is asked (a value the Step Debugger selects, a step
of the 1-D view or of the race's selected run), never the answer, which the engine computes; and
it changes only the keys it shows.  Every kind but reach lists the known mistakes it gives
feedback on (:class:`.mistakes_box.MistakesBox`).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from backprop_studio.core.lessons import draft, render_prompt
from backprop_studio.core.lessons.language import english_of, with_english
from backprop_studio.core.lessons.markdown import render_plain
from backprop_studio.core.lessons.question_reader import MAX_VALUES, THEN_ACTIONS
from backprop_studio.core.lessons.reach import CONTROLS
from backprop_studio.core.lessons.readers import MAX_WATCHED

from ...language import QT_TR_NOOP, tr
from ..pages import button
from ..safe_text import set_rich
from .bound import combo, put_text
from .capture import Live
from .mistakes_box import MistakesBox
from .task_kinds import TaskKind

# a reach condition (its kind as core.lessons.reach names it) -> its label (translated where it
# is shown) and its largest N
CONDITION_LABELS = {"function1d.converges_within": (QT_TR_NOOP("converges within N steps"), MAX_WATCHED),
                    "function1d.diverges_within": (QT_TR_NOOP("diverges within N steps"), MAX_WATCHED),
                    "epoch_steps": (QT_TR_NOOP("an epoch is N steps"), 100_000)}


class AskingKind(TaskKind):
    """What every kind of question below has: its ``kind``, a prompt and (but reach) known mistakes.
    A subclass adds its rows to :attr:`form` and writes its keys with :meth:`_set`."""

    kind = ""
    default_prompt = ""

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(live, parent)
        self.about = QLabel()
        self.about.setObjectName(f"lessonEditor{self.kind.title()}About")
        self.about.setWordWrap(True)
        self.prompt = QLineEdit()
        self.prompt.setObjectName(f"lessonEditor{self.kind.title()}Prompt")
        self.prompt.setMaxLength(200)
        self.prompt.setToolTip(tr("One line the learner reads above the answer (w_11^(2) gets real sub- and "
                                  "superscripts)"))
        self.mistakes = MistakesBox(self)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(tr("Asks about"), self.about)
        self.prompt.textEdited.connect(lambda t: self._set("prompt", with_english(self.question().get("prompt"), t)))
        self.mistakes.changed.connect(lambda m: self._set("mistakes", m))

    def finish_form(self) -> None:
        """The rows every kind ends with: the prompt and (but reach) the known mistakes."""
        self.form.addRow(tr("Prompt"), self.prompt)
        if self.kind != "reach":
            self.form.addRow(tr("Known mistakes"), self.mistakes)
        else:
            self.mistakes.hide()              # a reach question is checked as the learner goes

    def matches(self, task: dict[str, Any] | None) -> bool:
        return isinstance(task, dict) and isinstance(task.get("question"), dict) \
            and task["question"].get("kind") == self.kind

    def question(self) -> dict[str, Any]:
        q = (self.task or {}).get("question")
        return dict(q) if isinstance(q, dict) else {"kind": self.kind}

    def _set(self, key: str, value: Any) -> None:
        self._update({key: value})

    def _update(self, changes: dict[str, Any]) -> None:
        """Write ``changes`` into the question (None removes a key) and emit the task."""
        q = self.question()
        for key, value in changes.items():
            if value is None:
                q.pop(key, None)
            else:
                q[key] = value
        self.emit({"question": q})

    def fill(self, task: dict[str, Any] | None) -> None:
        q = self.question()
        put_text(self.prompt, english_of(q.get("prompt")))
        set_rich(self.about, render_prompt(self.describe(q)))
        self.mistakes.show_mistakes(q)

    def describe(self, q: dict[str, Any]) -> str:
        """What the question asks about, in the app's text form."""
        return ""

    def move_from(self, view: str) -> dict[str, Any]:
        """The keys of a step of ``view`` at the step it shows (the race: its selected run)."""
        spec = self.live.function_value(view, "x")
        return {"view": view, "t": spec["t"]} | ({"run": spec["run"]} if view == "function2d" else {})

    def move_buttons(self) -> QHBoxLayout:
        """Buttons that ask about the step the 1-D view, or the race's selected run, shows."""
        row = QHBoxLayout()
        for view, text, name in (("function1d", tr("the 1-D view's step"), "Move1d"),
                                 ("function2d", tr("the race's selected run"), "Move2d")):
            b = button(text, f"lessonEditor{self.kind.title()}{name}",
                       tr("Ask where the step x_t → x_t+1 the view shows goes"))
            b.clicked.connect(lambda _=False, v=view: self._update(
                {"value": None, "values": None, "view": None, "t": None, "run": None} | self.move_from(v)))
            row.addWidget(b)
        row.addStretch(1)
        return row

    def selected_or_say(self) -> dict[str, Any] | None:
        spec = self.live.selected_value()
        if spec is None:
            set_rich(self.about, render_plain(tr("Select a value in the Step Debugger first (click a number; "
                                                 "step the training until it is computed).")))
        return spec


def _move_words(q: dict[str, Any]) -> str:
    where = tr("the 1-D view") if q.get("view") == "function1d" \
        else tr("run {run} of the race").format(run=q.get("run", 1))
    t = q.get("t")
    return tr("the step x_{t} → x_{next} of {where}").format(
        t=t if t is not None else "t", next=t + 1 if t is not None else "t+1", where=where)


class ChooseKind(AskingKind):
    kind, label, key = "choose", QT_TR_NOOP("Choose one (a sign, the largest, a direction)"), "choose"
    CHOICES = (("sign", QT_TR_NOOP("the sign of a value")), ("largest", QT_TR_NOOP("the largest of some values")),
               ("smallest", QT_TR_NOOP("the smallest of some values")),
               ("direction", QT_TR_NOOP("which way a step goes")))

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(live, parent)
        self.choose = combo("lessonEditorChoose", tr("What the learner chooses"))
        for key, text in self.CHOICES:
            self.choose.addItem(tr(text), key)
        self.by = combo("lessonEditorChooseBy", tr("Compare the values' sizes (magnitude) or the signed values"))
        self.by.addItem(tr("by magnitude"), "magnitude")
        self.by.addItem(tr("signed"), "value")
        self.add = button(tr("Add the debugger's selection"), "lessonEditorChooseSelected",
                          tr("The value selected in the Step Debugger: the one whose sign is asked, or one more "
                             "to compare (2 to {n})").format(n=MAX_VALUES))
        self.clear = button(tr("Clear"), "lessonEditorChooseClear", tr("Compare other values"))
        values = QHBoxLayout()
        for w in (self.add, self.clear, self.by):
            values.addWidget(w)
        values.addStretch(1)
        self.values_row, self.move_row = values, self.move_buttons()
        self.form.addRow(tr("Choose"), self.choose)
        self.form.addRow(tr("Values"), self.values_row)
        self.form.addRow(tr("Step"), self.move_row)
        self.finish_form()
        self.choose.activated.connect(lambda _i: self._on_choose_activated())
        self.by.activated.connect(lambda _i: self._set("by", self.by.currentData() if self.by.currentData()
                                                       != "magnitude" else None))
        self.add.clicked.connect(self._on_add_clicked)
        self.clear.clicked.connect(lambda: self._update({"values": None, "value": None}))

    def default(self) -> dict[str, Any]:
        spec = self.live.selected_value() or {"kind": "loss"}
        return {"question": {"kind": "choose", "choose": "sign", "value": spec,
                             "prompt": f"The sign of {draft.value_name(spec)} is"}}

    def fill(self, task: dict[str, Any] | None) -> None:
        q = self.question()
        self.choose.setCurrentIndex(max(0, self.choose.findData(q.get("choose", "sign"))))
        self.by.setCurrentIndex(max(0, self.by.findData(q.get("by", "magnitude"))))
        comparing = q.get("choose") in ("largest", "smallest")
        self.by.setVisible(comparing)
        self.clear.setVisible(comparing)
        self.add.setText(tr("Add the debugger's selection") if comparing else tr("Use the debugger's selection"))
        self.form.setRowVisible(self.values_row, q.get("choose") != "direction")
        self.form.setRowVisible(self.move_row, q.get("choose") == "direction")
        super().fill(task)

    def describe(self, q: dict[str, Any]) -> str:
        if q.get("choose") == "direction":
            return _move_words(q)
        if q.get("choose") in ("largest", "smallest"):
            values = [draft.value_name(x) for x in q.get("values", []) if isinstance(x, dict)]
            return ", ".join(values) if values else tr("no values yet: add two or more from the debugger")
        return draft.value_name(q["value"]) if isinstance(q.get("value"), dict) else tr("no value yet")

    def _on_choose_activated(self) -> None:
        """Another kind of choice keeps what it can of the question: a value becomes the first to
        compare, the first compared value the one whose sign is asked."""
        q, choose = self.question(), self.choose.currentData()
        values = [x for x in q.get("values", []) if isinstance(x, dict)]
        value = q.get("value") if isinstance(q.get("value"), dict) else (values[0] if values else None)
        changes: dict[str, Any] = {"choose": choose, "value": None, "values": None, "by": None,
                                   "view": None, "t": None, "run": None}
        if choose == "sign":
            changes["value"] = value or self.live.selected_value() or {"kind": "loss"}
        elif choose in ("largest", "smallest"):
            changes["values"] = values or ([value] if value else [])
        else:
            changes |= self.move_from("function1d")
        self._update(changes)

    def _on_add_clicked(self) -> None:
        spec = self.selected_or_say()
        if spec is None:
            return
        q = self.question()
        if q.get("choose") in ("largest", "smallest"):
            values = [x for x in q.get("values", []) if isinstance(x, dict) and x != spec][:MAX_VALUES - 1]
            self._update({"values": values + [spec]})
        else:
            self._update({"choose": "sign", "value": spec, "view": None, "t": None, "run": None})


class PredictKind(AskingKind):
    kind, label, key = "predict", QT_TR_NOOP("Predict, then watch (a number, a direction, a point)"), "predict"
    PREDICTIONS = (("number", QT_TR_NOOP("a number, after an action")),
                   ("direction", QT_TR_NOOP("which way a step goes")),
                   ("point", QT_TR_NOOP("where a step lands (a click on the plot)")))

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(live, parent)
        self.predict = combo("lessonEditorPredict", tr("What the learner predicts before the app shows it"))
        for key, text in self.PREDICTIONS:
            self.predict.addItem(tr(text), key)
        self.from_debugger = button(tr("Selected in the debugger"), "lessonEditorPredictSelected",
                                    tr("Predict the value selected in the Step Debugger, as it is after the action"))
        self.then = combo("lessonEditorPredictThen", tr("What the app runs once the prediction is committed"))
        self.then.addItem(tr("(nothing: the value as it is)"), None)
        for name in THEN_ACTIONS:
            self.then.addItem(name, name)
        number = QHBoxLayout()
        number.addWidget(self.from_debugger)
        number.addWidget(QLabel(tr("then")))
        number.addWidget(self.then)
        number.addStretch(1)
        self.number_row, self.move_row = number, self.move_buttons()
        self.form.addRow(tr("Predict"), self.predict)
        self.form.addRow(tr("Number"), self.number_row)
        self.form.addRow(tr("Step"), self.move_row)
        self.finish_form()
        self.predict.activated.connect(lambda _i: self._on_predict_activated())
        self.from_debugger.clicked.connect(self._on_from_debugger_clicked)
        self.then.activated.connect(lambda _i: self._set("then", self.then.currentData()))

    def default(self) -> dict[str, Any]:
        spec = self.live.selected_value() or {"kind": "loss"}
        return {"question": {"kind": "predict", "predict": "number", "value": spec, "then": "actionStepPhase",
                             "prompt": f"{draft.value_name(spec)} = ?"}}

    def fill(self, task: dict[str, Any] | None) -> None:
        q = self.question()
        self.predict.setCurrentIndex(max(0, self.predict.findData(q.get("predict", "number"))))
        self.then.setCurrentIndex(max(0, self.then.findData(q.get("then"))))
        number = q.get("predict", "number") == "number"
        self.form.setRowVisible(self.number_row, number)
        self.form.setRowVisible(self.move_row, not number)
        super().fill(task)

    def describe(self, q: dict[str, Any]) -> str:
        if q.get("predict") in ("direction", "point"):
            return _move_words(q)
        if not isinstance(q.get("value"), dict):
            return tr("no value yet")
        if not q.get("then"):
            return draft.value_name(q["value"])
        return tr("{value}, after {action}").format(value=draft.value_name(q["value"]), action=q["then"])

    def _on_predict_activated(self) -> None:
        q, predict = self.question(), self.predict.currentData()
        changes: dict[str, Any] = {"predict": predict}
        if predict == "number":
            changes |= {"view": None, "t": None, "run": None,
                        "value": q.get("value") if isinstance(q.get("value"), dict)
                        else self.live.selected_value() or {"kind": "loss"}}
        else:
            changes |= {"value": None, "then": None, "tolerance": None}
            if "view" not in q:
                changes |= self.move_from("function1d")
        self._update(changes)

    def _on_from_debugger_clicked(self) -> None:
        spec = self.selected_or_say()
        if spec is not None:
            self._update({"predict": "number", "value": spec, "view": None, "t": None, "run": None})


class ReachKind(AskingKind):
    kind, label, key = "reach", QT_TR_NOOP("Reach a target with a control"), "reach"

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(live, parent)
        self.control = combo("lessonEditorReachControl", tr("The control the learner sets"))
        for name, control in CONTROLS.items():
            self.control.addItem(control.what, name)
        self.condition = combo("lessonEditorReachCondition", tr("What the control must make true"))
        self.count = QSpinBox(minimum=1, maximum=MAX_WATCHED)
        self.count.setObjectName("lessonEditorReachCount")
        self.count.setPrefix("N = ")
        target = QHBoxLayout()
        target.addWidget(self.condition)
        target.addWidget(self.count)
        target.addStretch(1)
        self.form.addRow(tr("Control"), self.control)
        self.form.addRow(tr("until"), target)
        self.finish_form()
        self.control.activated.connect(lambda _i: self._write(self.control.currentData(), None))
        self.condition.activated.connect(lambda _i: self._write(self.control.currentData(),
                                                                self.condition.currentData()))
        self.count.valueChanged.connect(lambda _n: None if self.filling else self._write(
            self.control.currentData(), self.condition.currentData()))

    def default(self) -> dict[str, Any]:
        return {"question": {"kind": "reach", "control": "function1dLearningRate",
                             "until": {"function1d": {"converges_within": 10}},
                             "prompt": "Set η so that the descent converges within 10 steps"}}

    @staticmethod
    def condition_of(until: Any) -> tuple[str | None, int]:
        """(the condition kind, N) of an ``until`` dict this form writes."""
        if isinstance(until, dict) and len(until) == 1:
            (key, arg), = until.items()
            if key == "function1d" and isinstance(arg, dict) and len(arg) == 1:
                (sub, n), = arg.items()
                return f"function1d.{sub}", n if isinstance(n, int) else 1
            return key, arg if isinstance(arg, int) else 1
        return None, 1

    def fill(self, task: dict[str, Any] | None) -> None:
        q = self.question()
        self.control.setCurrentIndex(max(0, self.control.findData(q.get("control"))))
        self.condition.clear()
        for kind in CONTROLS[self.control.currentData()].watches:
            self.condition.addItem(tr(CONDITION_LABELS[kind][0]), kind)
        chosen, n = self.condition_of(q.get("until"))
        self.condition.setCurrentIndex(max(0, self.condition.findData(chosen)))
        self.count.setMaximum(CONDITION_LABELS[self.condition.currentData()][1])
        self.count.setValue(n)
        super().fill(task)

    def describe(self, q: dict[str, Any]) -> str:
        control = CONTROLS.get(q.get("control", ""))
        return tr("{control} (the learner sets it)").format(control=control.what) if control \
            else tr("no control yet")

    def _write(self, control: str, kind: str | None) -> None:
        watches = CONTROLS[control].watches
        kind = kind if kind in watches else watches[0]
        n = min(self.count.value(), CONDITION_LABELS[kind][1])
        group, _, sub = kind.partition(".")
        self._update({"control": control, "until": {group: {sub: n}} if sub else {group: n}})


class OrderKind(AskingKind):
    kind, label, key = "order", QT_TR_NOOP("Put the phases of a training step in order"), "order"

    def __init__(self, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(live, parent)
        self.finish_form()

    def default(self) -> dict[str, Any]:
        return {"question": {"kind": "order", "order": "phases", "prompt": "The phases of one training step, in order"}}

    def describe(self, q: dict[str, Any]) -> str:
        return tr("the phases of one training step of the step's network (shown shuffled)")


QUESTION_KINDS: tuple[type[TaskKind], ...] = (ChooseKind, PredictKind, ReachKind, OrderKind)
