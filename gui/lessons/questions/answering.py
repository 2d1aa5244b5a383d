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
    index: int
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
            set_rich(self.feedback, render_plain(f"This question cannot be asked here: {e}"))
        self.answer.setVisible(self.question_area.wants_text)
        self.check_button.setVisible(q is not None and q.kind != "reach")
        self.check_button.setText("Commit" if q is not None and q.kind == "predict" else "Check")

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
            set_rich(self.feedback, render_plain("Click the plot first." if task.predict == "point"
                                                 else "Pick an option first."))
            return
        if task.kind == "predict":
            self._watch(given)
        else:
            self._judged(self.runner.asking.judge(given), "the value" if task.kind == "number" else "the answer")
        self._update_task()

    def _judged(self, verdict: Verdict, what: str) -> None:
        shown = self.question_area.describe(verdict.expected)
        more = f"<div>{markdown(verdict.mistake.feedback)}</div>" if verdict.mistake else ""
        if verdict.right:
            self._settle(f"Right: {shown}")
            return
        self.wrong += 1
        if self.wrong >= TRIES:
            self.question_area.show_answer(verdict.expected)
            self._settle(f"Not quite: {what} is {shown}", more)
        elif more:
            set_rich(self.feedback, more + render_plain(f"{TRIES - self.wrong} more try."))
        else:
            self.feedback.setText(f"Not quite; {TRIES - self.wrong} more try. A hint may help.")

    def _watch(self, given: Answer | None) -> None:
        """Commit a prediction (None: Show me) and show it beside what happened."""
        try:
            verdict, predicted = self.runner.asking.commit(given)
        except InputError as e:
            set_rich(self.feedback, render_plain(f"This prediction cannot be watched here: {e}"))
            return
        happened = self.question_area.describe(verdict.expected)
        more = f"<div>{markdown(verdict.mistake.feedback)}</div>" if verdict.mistake else ""
        if predicted is None:
            self._settle(f"What happened: {happened}")
        else:
            said = self.question_area.describe(predicted)
            self._settle(f"{'Right' if verdict.right else 'Not quite'}: you predicted {said}; what happened: "
                         f"{happened}", more)

    def _on_asking_reached(self) -> None:
        if self.runner.asking.problem:
            set_rich(self.feedback, render_plain(self.runner.asking.problem))
        self._update_task()

    def _show_answer(self, task: Question) -> None:
        """Show me, for a question: reveal its answer, run a prediction without one, or set the
        control of a reach question to a value that reaches its target."""
        if task.kind == "reach":
            set_rich(self.feedback, render_plain("Looking for a value that reaches it…"))
            self.runner.asking.reach_for_me()
        elif task.kind == "predict":
            self._watch(None)
        elif task.kind == "number":
            self._settle(f"The value is {self.runner.answer():.6g}")
        else:
            expected = self.runner.asking.expected()
            self.question_area.show_answer(expected)
            self._settle(f"The answer is {self.question_area.describe(expected)}")
