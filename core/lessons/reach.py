"""Reach a target with a control: the controls a question may hand the learner, checked on the engine.

A ``reach`` question names a control (``"control": "function1dLearningRate"``) and a condition
(``"until": {"function1d": {"converges_within": 10}}``): the learner sets the control until the
condition holds on the live state, and the panel shows whether it holds as they go.  Nothing
is stored about the answer: :func:`solutions` tries the control's candidate values on the
engine (``lessons check`` refuses a question none of them solves, or one that holds already),
and Show me sets the middle solution.

Each :class:`Control` is the widget's object name (gui/lesson_targets.py lists it among the
names a lesson may point at; core cannot import gui), what it sets in words, the conditions it
can change, its candidate values, and the settings that set it (the same ``settings`` a step
applies, so the app and the check set it one way).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .functions import overlaid
from .model import Condition, Function1D, Question, Settings
from .state import HeadlessState
from .values import Live, condition_met

# learning rates a learner would type: 1, 1.2, 1.5, ... 9 times 10^-3 .. 10^0, and 10
NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)
LEARNING_RATES = tuple(round(m * 10.0 ** e, 6) for e in range(-3, 1) for m in NICE) + (10.0,)


@dataclass(frozen=True)
class Control:
    """A control a reach question hands the learner.

    ``name``: the widget's object name; ``what``: what it sets, in words; ``part``: what the
    state must load ("function1d" or "project"); ``watches``: the condition kinds it changes;
    ``candidates(state)``: the values :func:`solutions` tries; ``settings(x)``: the step settings
    that set it to x; ``live_with(live, state, x)``: ``live`` with x set, to judge a candidate.
    """

    name: str
    what: str
    part: str
    watches: tuple[str, ...]
    candidates: Callable[[HeadlessState], tuple[float, ...]]
    settings: Callable[[float], Settings]
    live_with: Callable[[HeadlessState, float], Live]


def _learning_rates(_st: HeadlessState) -> tuple[float, ...]:
    return LEARNING_RATES


def _f1d_with(st: HeadlessState, x: float) -> Live:
    assert st.function1d is not None
    spec = overlaid(st.function1d, {"hyper": {"learning_rate": x}}, "control")
    assert isinstance(spec, Function1D)
    return Live(function1d=spec)


def _batch_sizes(st: HeadlessState) -> tuple[float, ...]:
    assert st.session is not None
    return tuple(range(1, len(st.session.dataset) + 1))


def _batch_with(st: HeadlessState, x: float) -> Live:
    assert st.session is not None
    return Live(session=st.session, config=dataclasses.replace(st.session.config, batch_size=int(x)))


CONTROLS: dict[str, Control] = {c.name: c for c in (
    Control("function1dLearningRate", "the 1-D view's learning rate η", "function1d",
            ("function1d.converges_within", "function1d.diverges_within"), _learning_rates,
            lambda x: Settings(function1d={"hyper": {"learning_rate": x}}), _f1d_with),
    Control("batchSize", "the batch size B", "project", ("epoch_steps",), _batch_sizes,
            lambda x: Settings(project={"training": {"batch_size": int(x)}}), _batch_with),
)}


def watched(cond: Condition) -> Iterator[str]:
    """The condition kinds ``cond`` is made of (the parts of an ``all``)."""
    if cond.kind == "all":
        for part in cond.parts:
            yield from watched(part)
    else:
        yield cond.kind


def control_of(question: Question) -> Control:
    assert question.control is not None
    return CONTROLS[question.control]


def solutions(question: Question, st: HeadlessState, should_stop: Callable[[], bool] | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[float]:
    """The candidate values of the question's control for which its condition holds in ``st``
    (the arguments of :class:`gui.workers.TaskRunner`: Show me runs it off the GUI thread)."""
    control, found = control_of(question), []
    assert question.until is not None
    candidates = control.candidates(st)
    for n, x in enumerate(candidates):
        if should_stop is not None and should_stop():
            break
        if condition_met(question.until, control.live_with(st, x)):
            found.append(x)
        if progress is not None:
            progress(n + 1, len(candidates))
    return found


def chosen(found: list[float]) -> float:
    """What Show me sets: the middle of the solutions (well inside a range of learning rates)."""
    return found[len(found) // 2]
