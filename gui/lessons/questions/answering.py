"""The Lessons panel's part that answers a question of any kind (a mixin of :class:`.panel.LessonPanel`).

The panel shows the question's widgets (:class:`.area.QuestionArea`) and its Check (or Commit)
button; this part reads the learner's answer, has the runner judge it on the live state
(:class:`gui.lessons.asking.Asking`, :func:`core.lessons.question_kinds.judge`) and says what came of it:
right; a known mistake's feedback (the lesson's Markdown, through the one renderer) or "Not
quite", and another try; after :data:`TRIES` the right answer.  A prediction is committed once:
the app runs it and shows the prediction beside what happened.  Show me reveals, runs or sets
(:meth:`Answering._show_answer`).
"""
from __future__ import annotations

from typing import Any

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.answers import TRIES
from backprop_studio.core.lessons.markdown import render_plain
from backprop_studio.core.lessons.model import Question
from backprop_studio.core.lessons.question_kinds import Answer, Verdict
from backprop_studio.gui.language import tr

from ..safe_text import markdown, set_rich


class Answering:
    """Uses the panel's ``runner``, ``question_area``, ``answer``, ``check_button``, ``feedback``,
    ``settled``, ``wrong``, ``lesson``, ``index``, ``_settle`` and ``_update_task``."""

    runner: Any
    question_area: Any
    answer: Any
    check_button: Any
    feedback: Any
    settled: bool
    wrong: int
    lesson: Any
    @property
    def index(self) -> int:
        """The step on show (the panel's)."""
        raise NotImplementedError
    _settle: Any
    _update_task: Any

    def _show_question(self, q: Question | None) -> None:
        """The answer widgets of ``q``'s kind (:mod:`.questions.area`); for a settled choice or
        order, its right answer in them."""
        asking = self.runner.asking
        try:
            self.question_area.show_question(q, asking.options(), asking.items(f"{self.lesson.id}/{self.index}"))
            if q is not None and self.settled and q.kind in ("choose", "order"):
                self.question_area.show_answer(asking.expected())
        except (InputError, ValueError) as e:
            self.question_area.show_question(None)
            set_rich(self.feedback, render_plain(tr("This question cannot be asked here: {error}").format(error=e)))
        self.answer.setVisible(self.question_area.wants_text)
        self.check_button.setVisible(q is not None and q.kind != "reach")
        self.check_button.setText(tr("Commit") if q is not None and q.kind == "predict" else tr("Check"))

    def check(self) -> None:
        """Judge the learner's answer on the live state: right, a known mistake's feedback and
        another try, or revealed; a prediction is committed and what happened is shown."""
        task = self.runner.step.task
        if self.settled or not isinstance(task, Question) or task.kind == "reach":
            return
        try:
            given = self.question_area.given(self.answer.text())
        except ValueError as e:
            set_rich(self.feedback, render_plain(str(e)))
            return
        if given is None:
            set_rich(self.feedback, render_plain(tr("Click the plot first.") if task.predict == "point"
                                                 else tr("Pick an option first.")))
            return
        if task.kind == "predict":
            self._watch(given)
        else:
            self._judged(self.runner.asking.judge(given), number=task.kind == "number")
        self._update_task()

    def _judged(self, verdict: Verdict, number: bool) -> None:
        """Say what came of an answer (``number``: a typed value, else a choice or an order)."""
        shown = self.question_area.describe(verdict.expected)
        more = f"<div>{markdown(verdict.mistake.feedback)}</div>" if verdict.mistake else ""
        if verdict.right:
            self._settle(tr("Right: {answer}").format(answer=shown))
            return
        self.wrong += 1
        if self.wrong >= TRIES:
            self.question_area.show_answer(verdict.expected)
            revealed = tr("Not quite: the value is {answer}") if number else tr("Not quite: the answer is {answer}")
            self._settle(revealed.format(answer=shown), more)
        elif more:
            set_rich(self.feedback, more + render_plain(tr("{n} more try.").format(n=TRIES - self.wrong)))
        else:
            self.feedback.setText(tr("Not quite; {n} more try. A hint may help.").format(n=TRIES - self.wrong))

    def _watch(self, given: Answer | None) -> None:
        """Commit a prediction (None: Show me) and show it beside what happened."""
        try:
            verdict, predicted = self.runner.asking.commit(given)
        except InputError as e:
            set_rich(self.feedback, render_plain(tr("This prediction cannot be watched here: {error}").format(error=e)))
            return
        happened = self.question_area.describe(verdict.expected)
        more = f"<div>{markdown(verdict.mistake.feedback)}</div>" if verdict.mistake else ""
        if predicted is None:
            self._settle(tr("What happened: {happened}").format(happened=happened))
        else:
            said = self.question_area.describe(predicted)
            line = (tr("Right: you predicted {predicted}; what happened: {happened}") if verdict.right else
                    tr("Not quite: you predicted {predicted}; what happened: {happened}"))
            self._settle(line.format(predicted=said, happened=happened), more)

    def _on_asking_reached(self) -> None:
        if self.runner.asking.problem:
            set_rich(self.feedback, render_plain(self.runner.asking.problem))
        self._update_task()

    def _show_answer(self, task: Question) -> None:
        """Show me, for a question: reveal its answer, run a prediction without one, or set the
        control of a reach question to a value that reaches its target."""
        if task.kind == "reach":
            set_rich(self.feedback, render_plain(tr("Looking for a value that reaches it…")))
            self.runner.asking.reach_for_me()
        elif task.kind == "predict":
            self._watch(None)
        elif task.kind == "number":
            self._settle(tr("The value is {value}").format(value=f"{self.runner.answer():.6g}"))
        else:
            expected = self.runner.asking.expected()
            self.question_area.show_answer(expected)
            self._settle(tr("The answer is {answer}").format(answer=self.question_area.describe(expected)))
