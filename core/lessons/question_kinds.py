"""The answer of every kind of question, computed from the step's state; and judging one.

A question never stores its answer (docs/lesson-file.md, "Kinds of question"):

- **number**: the VALUE (:func:`core.lessons.values.value`);
- **choose sign**: "+", "-" or "0" of the VALUE ("0" when 0 is a right answer for it by the
  answer rule); **largest** / **smallest**: the option (1-based, as listed) whose value is
  largest / smallest in magnitude (``by`` "value": signed); **direction**: which way the
  descent step t -> t+1 of a function view goes: left, right or stays on the 1-D view, one of
  eight compass directions (or stays) on the 2-D view's plot;
- **predict**: a number (the VALUE after the action ``then``), a direction as above, or the
  point x_t+1 (right within :data:`core.explain.answers.POINT_TOL` of the plotted span);
- **order**: the phases of one training step in the engine's order (``Session.phases``),
  offered shuffled by a seed (:func:`shuffled`);
- **reach** has no answer to type: :mod:`.reach` checks its condition.

:func:`judge` compares a learner's answer with the right one, and with the wrong answer of each
mistake the question lists (:mod:`.mistakes`).  The panel (gui/lessons/questions/) and
``lessons check`` (:func:`problems`) call these, on the live state and a headless one alike.
"""
from __future__ import annotations

import dataclasses
import math
import random
from dataclasses import dataclass

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.answers import REL_TOL, is_right, point_ok
from backprop_studio.core.explain.context import context_for, term
from backprop_studio.core.surfaces.descent import descend

from .functions import objective_of, path_1d, with_t
from .mistakes import NotHere, wrong_number, wrong_order
from .model import Mistake, Move, Question, Value
from .state import HeadlessState
from .values import ref_of, value

Answer = float | str | tuple[float, ...] | tuple[str, ...]

SIGNS = {"+": "positive (+)", "-": "negative (−)", "0": "zero"}
LINE = {"left": "← left (x decreases)", "right": "→ right (x increases)", "stays": "stays where it is"}
# counter-clockwise from the x axis, as the 2-D plot draws x to the right and y up
COMPASS = {"right": "→ right", "up-right": "↗ up and right", "up": "↑ up", "up-left": "↖ up and left",
           "left": "← left", "down-left": "↙ down and left", "down": "↓ down", "down-right": "↘ down and right",
           "stays": "stays where it is"}
AMBIGUOUS_DEGREES = 7.5     # a 2-D step this close to the border of two directions is refused


@dataclass(frozen=True)
class Option:
    """One option of a choice: its ``key`` (the answer) and ``label`` (text form of the
    article's names; the panel shows it with real sub- and superscripts)."""

    key: str
    label: str


@dataclass(frozen=True)
class Verdict:
    """A judged answer: ``right``, the ``expected`` answer, and the known ``mistake`` a wrong
    answer makes (None: none of those the question lists)."""

    right: bool
    expected: Answer
    mistake: Mistake | None = None


def number(spec: Value, st: HeadlessState, where: str = "value") -> float:
    return value(spec, st.session, st.function1d, st.function2d, where)


# -- choices ---------------------------------------------------------------------------------------
def options(q: Question, st: HeadlessState) -> tuple[Option, ...]:
    """The options of a choice (a choose question, or a predicted direction)."""
    if q.choose == "sign":
        return tuple(Option(k, label) for k, label in SIGNS.items())
    if q.choose in ("largest", "smallest"):
        return tuple(Option(str(n), label_of(spec, st)) for n, spec in enumerate(q.values, 1))
    assert q.move is not None
    return tuple(Option(k, label) for k, label in (LINE if q.move.view == "function1d" else COMPASS).items())


def label_of(spec: Value, st: HeadlessState) -> str:
    """The article's name of a VALUE in the state, in text form (``Δw_11^(2)``, ``δ_1^(1)``)."""
    if spec.view is None:
        ctx = context_for(st.session) if st.session is not None else None
        if ctx is None:
            raise InputError("no training step has started here, so its values have no names yet", "values")
        return term(ctx, ref_of(spec, ctx, ctx.network.sizes, "values")).sym.render("text")
    t = spec.t if spec.t is not None else "t"
    point = f"x_{t}"
    name = {"x": point, "f": f"f({point})", "gradient": f"f'({point})"}[spec.kind]
    if spec.view == "function2d":
        name += f" (coordinate {spec.coordinate}, run {spec.run})" if spec.kind != "f" else f" (run {spec.run})"
    return name


def sign_of(x: float) -> str:
    """"0" when 0 is a right answer for x (the answer rule), else "+" or "-"."""
    return "0" if is_right(0.0, x) else "+" if x > 0 else "-"


def _extreme(q: Question, numbers: list[float]) -> str:
    keyed = [abs(x) if q.by == "magnitude" else x for x in numbers]
    pick = max if q.choose == "largest" else min
    return str(keyed.index(pick(keyed)) + 1)


def move_points(move: Move, st: HeadlessState) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(x_t, x_t+1) of a step of a function view's descent (t None: the view's t).  A descent
    that converged at x_t stays there (its path ends at t, as the view shows it)."""
    if move.view == "function1d":
        if st.function1d is None:
            raise InputError("there is no 1-D function view in this state: load one with \"function1d\"", "view")
        t = move.t if move.t is not None else st.function1d.t
        path = path_1d(st.function1d, t + 1)
    else:
        if st.function2d is None:
            raise InputError("there is no 2-D function view in this state: load one with \"function2d\"", "view")
        if move.run > len(st.function2d.runs):
            raise InputError(f"run {move.run} does not exist: the race has {len(st.function2d.runs)} run(s)", "run")
        assert move.t is not None           # the reader asks the 2-D view's t
        t, run = move.t, st.function2d.runs[move.run - 1]
        path = descend(objective_of(st.function2d), run.optimizer, run.hyper, run.start, t + 1)
    if path.steps < t or (path.steps == t and path.reason == "diverged"):
        raise InputError(f"the descent stops at step {path.steps} ({path.reason}) before step {t + 1}", "t")
    end = path.points[min(t + 1, path.steps)]
    return tuple(float(x) for x in path.points[t]), tuple(float(x) for x in end)


def direction(start: tuple[float, ...], end: tuple[float, ...]) -> str:
    """Which way the step from ``start`` to ``end`` goes: a key of :data:`LINE` (1-D) or
    :data:`COMPASS` (2-D); "stays" when 0 is a right answer for every coordinate of it."""
    step = [b - a for a, b in zip(start, end, strict=True)]
    if all(is_right(0.0, d) for d in step):
        return "stays"
    if len(step) == 1:
        return "right" if step[0] > 0 else "left"
    sector = round(math.degrees(math.atan2(step[1], step[0])) / 45) % 8
    return list(COMPASS)[sector]


def ambiguity(start: tuple[float, ...], end: tuple[float, ...]) -> str | None:
    """Why a 2-D step's direction is not clear enough to ask (None when it is)."""
    if len(start) == 1 or direction(start, end) == "stays":
        return None
    angle = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
    off = abs(angle / 45 - round(angle / 45)) * 45
    if off > 22.5 - AMBIGUOUS_DEGREES:
        return (f"the step points at {angle:.0f}°, between two of the eight directions: ask about another "
                "step or start")
    return None


# -- the answer ------------------------------------------------------------------------------------
def right_answer(q: Question, st: HeadlessState) -> Answer:
    """The right answer of ``q`` in ``st`` (for a prediction: the state after its action)."""
    if q.kind == "order":
        return phases_of(st)
    if q.move is not None:
        start, end = move_points(q.move, st)
        return end if q.predict == "point" else direction(start, end)
    if q.choose in ("largest", "smallest"):
        return _extreme(q, [number(spec, st, f"values[{n}]") for n, spec in enumerate(q.values)])
    assert q.value is not None
    x = number(q.value, st)
    return sign_of(x) if q.choose == "sign" else x


def wrong_answer(q: Question, rule: str, st: HeadlessState) -> Answer:
    """The answer the slip ``rule`` gives; :class:`.mistakes.NotHere` when it gives none."""
    if q.kind == "order":
        return tuple(wrong_order(rule, list(phases_of(st))))
    if q.move is not None:
        start, _ = move_points(q.move, st)
        t = q.move.t if q.move.t is not None else st.function1d.t if st.function1d is not None else 0
        end = tuple(wrong_number(rule, Value("x", view=q.move.view, t=t + 1, coordinate=c, run=q.move.run), st)
                    for c in range(1, len(start) + 1))
        return end if q.predict == "point" else direction(start, end)
    if q.choose in ("largest", "smallest"):
        return _extreme(q, [wrong_number(rule, spec, st) for spec in q.values])
    assert q.value is not None
    x = wrong_number(rule, q.value, st)
    return sign_of(x) if q.choose == "sign" else x


def span(q: Question, st: HeadlessState) -> float:
    """The plotted span a clicked point is judged against: the 1-D plot's width, the 2-D
    plot's diagonal (the objective's ranges)."""
    assert q.move is not None
    spec = st.function1d if q.move.view == "function1d" else st.function2d
    assert spec is not None
    return math.hypot(*(hi - lo for lo, hi in objective_of(spec).ranges))


def same(q: Question, given: Answer, expected: Answer, st: HeadlessState) -> bool:
    """Whether ``given`` counts as ``expected`` by the kind's answer rule."""
    if isinstance(expected, float):
        return isinstance(given, float) and is_right(given, expected, q.tolerance or REL_TOL)
    if q.predict == "point":
        assert isinstance(given, tuple) and isinstance(expected, tuple)
        return point_ok(given, expected, span(q, st))   # type: ignore[arg-type]
    return given == expected


def judge(q: Question, given: Answer, st: HeadlessState) -> Verdict:
    """Right, or wrong with the first listed mistake whose wrong answer ``given`` matches."""
    expected = right_answer(q, st)
    if same(q, given, expected, st):
        return Verdict(True, expected)
    for mistake in q.mistakes:
        try:
            wrong = wrong_answer(q, mistake.rule, st)
        except (NotHere, InputError):
            continue
        if not same(q, wrong, expected, st) and same(q, given, wrong, st):
            return Verdict(False, expected, mistake)
    return Verdict(False, expected)


# -- order -----------------------------------------------------------------------------------------
def phases_of(st: HeadlessState) -> tuple[str, ...]:
    """The phases of one training step of the state's network, in order (the engine's names)."""
    if st.session is None:
        raise InputError("there is no network in this state: load a project in the step's state", "order")
    return tuple(str(p) for p in st.session.phases)


def shuffled(st: HeadlessState, seed: str) -> tuple[str, ...]:
    """The phases as offered: shuffled by ``seed`` (the lesson's id and the step), never in order."""
    right = list(phases_of(st))
    mixed = list(right)
    random.Random(seed).shuffle(mixed)
    if mixed == right:
        mixed = mixed[1:] + mixed[:1]
    return tuple(mixed)


# -- what the app runs when a prediction is committed ----------------------------------------------
def resolved(q: Question, st: HeadlessState) -> Question:
    """``q`` with its step's t fixed to the t the 1-D view shows in ``st`` (before a prediction
    moves the view on: judge the moved state with the resolved question)."""
    if q.move is None or q.move.t is not None or st.function1d is None:
        return q
    return dataclasses.replace(q, move=dataclasses.replace(q.move, t=st.function1d.t))


def apply_then(q: Question, st: HeadlessState) -> None:
    """In ``st``, what the app does once a prediction is committed: its action ``then``, or for
    a step of the 1-D view, the view moves on to x_t+1 (the 2-D view's slider is not a state).
    ``q`` is :func:`resolved` first."""
    if q.kind != "predict":
        return
    q = resolved(q, st)
    if q.then == "actionStepPhase" and st.session is not None:
        st.session.step_phase()
    elif q.then == "actionStepTraining" and st.session is not None:
        st.session.step()
    elif st.function1d is not None and (q.then == "function1dStep" or (q.move and q.move.view == "function1d")):
        t = q.move.t if q.move is not None and q.move.t is not None else st.function1d.t
        st.function1d = with_t(st.function1d, t + 1)
