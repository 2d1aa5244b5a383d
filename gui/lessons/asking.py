"""What an open question needs of the live app, beyond its answer field.

The runner (:mod:`.runner`) keeps one :class:`Asking` for the step on show:

- every answer is judged on the live state (:meth:`Asking.live_state`: the studio's session and
  what the function views show) by :func:`core.lessons.question_kinds.judge`, the rule ``lessons check``
  uses headlessly;
- a **prediction** locks what would give it away (its action ``then``; the 1-D view's Step and
  Run for a step of the 1-D view) until the learner commits; :meth:`Asking.commit` then
  unlocks, runs the action (or moves the function view on to x_t+1) and judges the prediction
  on what happened; a predicted point is drawn on the view beside the real one;
- a **point** to predict is taken from a click on the 1-D or 2-D plot (the view's ``pick``
  hook, instead of moving its start), reported by :attr:`Asking.picked`;
- a **reach** question's condition is evaluated on every change (:meth:`Asking.holds`); Show
  me tries the control's candidates in a worker thread (:mod:`gui.workers`) and sets the middle
  solution through the step settings (:meth:`LessonRunner.apply_settings`).
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from backprop_studio.core.lessons import question_kinds, reach
from backprop_studio.core.lessons.model import Question
from backprop_studio.core.lessons.question_kinds import Answer, Option, Verdict
from backprop_studio.core.lessons.state import HeadlessState
from backprop_studio.core.lessons.values import condition_met, position

from ..language import QT_TR_NOOP, tr
from ..workers import TaskRunner

if TYPE_CHECKING:
    from .runner import LessonRunner

MAX_TICKS = 10_000     # presses of F11 a committed prediction may take to finish a phase in fine stepping
WHY_LOCKED = str(QT_TR_NOOP("Your prediction comes first: the lesson runs this once you commit it."))  # through tr()


class Asking(QObject):
    picked = Signal(tuple)           # a point clicked on a function view, for a point prediction
    reached = Signal()               # Show me set the control to a solution (or found none: see .problem)

    def __init__(self, runner: LessonRunner) -> None:
        super().__init__(runner)
        self.runner = runner
        self.question: Question | None = None
        self.worker = TaskRunner(self)
        self.worker.finished.connect(self._on_worker_finished)
        self.worker.failed.connect(self._on_worker_failed)
        self.problem = ""

    # -- the step on show -----------------------------------------------------------------------
    def start(self, q: Question | None, open_: bool = True) -> None:
        """Ask ``q`` (None: the step asks nothing): while it is ``open_`` (not done before), a
        point prediction takes the plot's clicks."""
        self.stop()
        self.question = q
        view = self._view(q.move.view) if q is not None and q.move is not None else None
        if open_ and q is not None and q.predict == "point" and view is not None:
            view.pick = self._on_picked

    def stop(self) -> None:
        """Give the function views their clicks back and clear a drawn prediction."""
        self.worker.cancel()
        for view in self._views():
            view.pick = None
            view.show_prediction(None)
        self.question = None

    def locked(self) -> list[str]:
        """What an open prediction locks (the allowlist is asked by the runner)."""
        q = self.question
        if q is None or q.kind != "predict":
            return []
        if q.move is not None and q.move.view == "function1d":
            return ["function1dStep", "function1dRun"]
        return [q.then] if q.then else []

    def _view(self, name: str) -> Any:
        """The function view widget ``name`` (function1d, function2d): where a point is clicked and
        a prediction drawn (what it shows is the studio's model, ``runner.function1d`` / ``2d``)."""
        return self.runner.window.findChild(QWidget, "functionView1d" if name == "function1d" else "functionView2d")

    def _views(self) -> list[Any]:
        return [view for view in (self._view("function1d"), self._view("function2d")) if view is not None]

    def _on_picked(self, point: tuple[float, ...]) -> None:
        assert self.question is not None and self.question.move is not None
        self._view(self.question.move.view).show_prediction(point if len(point) == 2 else point[0])
        self.picked.emit(point)

    # -- answers --------------------------------------------------------------------------------
    def live_state(self) -> HeadlessState:
        """The live app as a lesson's state: the session and the function views' specs."""
        r = self.runner
        return HeadlessState(r.studio.session, r.function1d_spec(), r.function2d_spec())

    def options(self) -> tuple[Option, ...]:
        q = self.question
        if q is None or not (q.kind == "choose" or q.predict == "direction"):
            return ()
        return question_kinds.options(q, self.live_state())

    def items(self, seed: str) -> tuple[str, ...]:
        """The phases to put in order, shuffled by ``seed``."""
        if self.question is None or self.question.kind != "order":
            return ()
        return question_kinds.shuffled(self.live_state(), seed)

    def judge(self, given: Answer) -> Verdict:
        assert self.question is not None
        return question_kinds.judge(self.question, given, self.live_state())

    def expected(self) -> Answer:
        assert self.question is not None
        return question_kinds.right_answer(self.question, self.live_state())

    def commit(self, given: Answer | None) -> tuple[Verdict, Answer | None]:
        """Run the prediction's action (or move the view on to x_t+1), then judge ``given`` (None:
        Show me, nothing predicted) on what happened: (verdict, what was predicted)."""
        q = self.question
        assert q is not None and q.kind == "predict"
        q = question_kinds.resolved(q, self.live_state())
        self.runner.relock(predicting=False)
        for view in self._views():
            view.pick = None                  # committed: a click moves the start again
        if q.then is not None:
            self._press_then(q.then)
        elif q.move is not None and q.move.view == "function1d" and q.move.t is not None:
            self.runner.function1d.go_to(q.move.t + 1)
        elif q.move is not None and q.move.t is not None:
            view = self._view("function2d")
            if view is not None:
                view.table.selectRow(q.move.run - 1)     # the arrow and readout are the selected run's
            self.runner.function2d.set_t(q.move.t + 1)
        state = self.live_state()
        if given is None:
            return Verdict(False, question_kinds.right_answer(q, state)), None
        return question_kinds.judge(q, given, state), given

    def _press_then(self, name: str) -> None:
        """Press the prediction's action once; with fine stepping on, F11 reveals a tick at a time,
        so it is pressed until the phase it runs is done (the engine's position moves), as the
        prediction is about the phase (at most :data:`MAX_TICKS` presses)."""
        studio = self.runner.studio
        before = position(studio.session)
        for _ in range(MAX_TICKS if name == "actionStepPhase" else 1):
            if not self.runner.press(name) or position(studio.session) != before:
                return

    # -- reach ----------------------------------------------------------------------------------
    def holds(self) -> bool:
        q = self.question
        if q is None or q.kind != "reach" or q.until is None:
            return False
        return condition_met(q.until, self.runner.live())

    def reach_for_me(self) -> None:
        """Show me: find the control's values that reach the condition (in a worker thread), then
        set the middle one; :attr:`reached` tells when it is done."""
        q = self.question
        assert q is not None and q.kind == "reach"
        self.problem = ""
        live = self.live_state()      # the worker reads a snapshot: a shallow copy of the session
        live.session = copy.copy(live.session)
        self.worker.start(reach.solutions, q, live)

    def _on_worker_finished(self, found: list[float]) -> None:
        q = self.question
        if q is None or q.kind != "reach":
            return
        if found:
            self.runner.apply_settings(reach.control_of(q).settings(reach.chosen(found)))
        else:
            self.problem = tr("No value of the control reaches it from here.")
        self.reached.emit()

    def _on_worker_failed(self, message: str) -> None:
        self.problem = message
        self.reached.emit()
