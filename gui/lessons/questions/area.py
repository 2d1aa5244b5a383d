"""The question area of the Lessons panel: the answer widget of the step's kind of question.

One area (``lessonQuestionArea``) under the prompt shows, by kind:

- number, predict number: nothing of its own (the panel's answer field ``lessonAnswer``);
- choose, predict direction: the options (:class:`.choices.ChoiceList`, ``lessonChoices``);
- order: the phases, shuffled (:class:`.order.OrderList`, ``lessonOrder``);
- predict point: a note to click the plot where x_t+1 lands, and the point clicked;
- reach: a note naming the control, and whether the condition holds now (``lessonReachStatus``).

:meth:`QuestionArea.given` reads the learner's answer in the form
:func:`core.lessons.question_kinds.judge` takes; :meth:`describe` writes any answer for the feedback.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from backprop_studio.core.explain.answers import parse_answer
from backprop_studio.core.lessons.model import Question
from backprop_studio.core.lessons.question_kinds import Answer, Option
from backprop_studio.core.lessons.reach import CONTROLS
from backprop_studio.gui.language import QT_TR_NOOP, tr

from ..safe_text import set_rich
from .choices import ChoiceList
from .order import OrderList

# shown through tr() (str(): PySide6's stub types QT_TR_NOOP as returning object; it returns its text)
HOLDS, NOT_YET = str(QT_TR_NOOP("✓ it holds now")), str(QT_TR_NOOP("✗ not yet"))


class QuestionArea(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonQuestionArea")
        self.question: Question | None = None
        self.point: tuple[float, ...] | None = None      # the point clicked on a function view
        self.choices = ChoiceList()
        self.order = OrderList()
        self.note = QLabel()
        self.note.setObjectName("lessonQuestionNote")
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("lessonReachStatus")
        self.status.setToolTip(tr("Whether the step's condition holds with the control as it is set now"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.choices, self.order, self.note, self.status):
            layout.addWidget(w)

    @property
    def wants_text(self) -> bool:
        """Whether the kind is answered in the panel's answer field (a number)."""
        q = self.question
        return q is not None and (q.kind == "number" or q.predict == "number")

    def show_question(self, q: Question | None, options: tuple[Option, ...] = (),
                      items: tuple[str, ...] = ()) -> None:
        """Show the widget of ``q``'s kind (None: no question) with its ``options`` or ``items``."""
        self.question, self.point = q, None
        self.choices.setVisible(bool(options))
        self.choices.set_options(options)
        self.order.setVisible(bool(items))
        self.order.set_items(items)
        note = ""
        if q is not None and q.predict == "point":
            view = "1-D" if q.move is not None and q.move.view == "function1d" else "2-D"
            note = tr("Click the {view} plot where the step lands (x<sub>t+1</sub>), then press Commit.").format(
                view=view)
        elif q is not None and q.kind == "reach" and q.control is not None:
            note = tr("Set <b>{control}</b> until the condition holds.").format(control=CONTROLS[q.control].what)
        set_rich(self.note, note)
        self.note.setVisible(bool(note))
        self.status.setVisible(q is not None and q.kind == "reach")
        self.status.clear()
        self.setVisible(bool(options or items or note))

    def set_point(self, point: tuple[float, ...]) -> None:
        """The learner clicked ``point`` on the function view."""
        self.point = point
        set_rich(self.note, tr("Your prediction: x<sub>t+1</sub> = {point}. Press Commit to "
                               "commit it (or click again).").format(point=self.describe(point)))

    def set_holds(self, holds: bool) -> None:
        self.status.setText(tr(HOLDS) if holds else tr(NOT_YET))

    def given(self, text: str) -> Answer | None:
        """The learner's answer (None: none given yet); ValueError for a typed text that is not
        a number (the message says why)."""
        q = self.question
        if self.wants_text:
            return parse_answer(text)
        if q is not None and q.kind == "order":
            return self.order.items()
        if q is not None and (q.kind == "choose" or q.predict == "direction"):
            return self.choices.selected()
        return self.point

    def describe(self, answer: Answer) -> str:
        """An answer in words for the feedback: a number, an option's label, a point, an order."""
        if isinstance(answer, float):
            return f"{answer:.6g}"
        if isinstance(answer, str):
            return self.choices.label(answer)
        if all(isinstance(x, float) for x in answer):
            return "(" + ", ".join(f"{x:.3g}" for x in answer) + ")" if len(answer) > 1 else f"{answer[0]:.3g}"
        return " → ".join(str(x) for x in answer)

    def show_answer(self, answer: Answer) -> None:
        """Show the right answer in the widget (the option picked, the list in order)."""
        if isinstance(answer, str):
            self.choices.select(answer)
        elif self.question is not None and self.question.kind == "order" and isinstance(answer, tuple):
            self.order.set_items(answer)      # type: ignore[arg-type]

    def set_open(self, on: bool) -> None:
        """Answering is possible (before the question is settled)."""
        self.choices.setEnabled(on)
        self.order.setEnabled(on)
