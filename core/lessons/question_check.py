"""What ``lessons check`` asks of a question in its step's state, every kind.

The right answer can be computed (and is finite); a choice is clear (no two values tie for the
largest, a 2-D step is not on the border of two directions, a step to predict by a click is
longer than a click can tell); a reach question's condition does not hold already and some
value of its control reaches it; each listed mistake gives a wrong answer here, different from
the right one (else its feedback could never be shown).  A prediction is judged after its
action, as the app judges it, and the state walks on with that action done (the app does it).
"""
from __future__ import annotations

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.answers import is_right, point_ok

from .mistakes import MISTAKES, NotHere
from .model import Question, Step
from .question_kinds import ambiguity, apply_then, move_points, number, resolved, right_answer, same, span, wrong_answer
from .reach import CONTROLS, solutions
from .rules import answer_rules
from .state import HeadlessState
from .values import Live, condition_met


def question_problems(q: Question, st: HeadlessState, where: str, rules_of: Step | None = None,
                      step: str = "") -> list[str]:
    """Every problem of the question ``q`` (at the JSON path ``where``) in its state ``st``; a
    prediction's action is done in ``st``.  With its step ``rules_of`` (at the path ``step``),
    also the teaching rules about its answer (:func:`.rules.answer_rules`: ``--rules``)."""
    try:
        if q.kind == "reach":
            return _reach(q, st, where)
        q = resolved(q, st)
        apply_then(q, st)
        expected = right_answer(q, st)
        out = _unclear(q, st, where)
    except InputError as e:
        return [f"{v.join(where, e.where) if e.where else where}: {e.message}"]
    except (ValueError, ArithmeticError) as e:
        return [f"{where}: cannot compute its answer: {e}"]
    if rules_of is not None:
        out += answer_rules(q, st, expected, rules_of.hints, rules_of.text, where, step)
    for i, mistake in enumerate(q.mistakes):
        at = v.join(v.join(v.join(where, "mistakes"), i), "rule")
        try:
            wrong = wrong_answer(q, mistake.rule, st)
        except (NotHere, InputError) as e:
            out.append(f"{at}: {mistake.rule} ({MISTAKES[mistake.rule].slip}) gives no wrong answer here: "
                       f"{e.message if isinstance(e, InputError) else e}")
            continue
        if same(q, wrong, expected, st):
            out.append(f"{at}: {mistake.rule} gives the right answer here, so its feedback would never be shown")
    return out


def _unclear(q: Question, st: HeadlessState, where: str) -> list[str]:
    """Why the right answer is not clear enough to ask for (a tie, a border, a tiny step)."""
    if q.choose in ("largest", "smallest"):
        keyed = sorted((abs(x) if q.by == "magnitude" else x for x in
                        (number(spec, st, f"values[{n}]") for n, spec in enumerate(q.values))),
                       reverse=q.choose == "largest")
        if is_right(keyed[1], keyed[0]):
            return [f"{v.join(where, 'values')}: two values tie for the {q.choose} ({keyed[0]:.6g}): "
                    "the choice has no one right option"]
    if q.move is not None:
        start, end = move_points(q.move, st)
        if q.predict == "point":
            if point_ok(start, end, span(q, st)):
                return [f"{where}: the step from x_t to x_t+1 is shorter than a click can tell apart "
                        "(5 % of the plot): ask where a longer step lands"]
        elif (why := ambiguity(start, end)) is not None:
            return [f"{v.join(where, 't')}: {why}"]
    return []


def _reach(q: Question, st: HeadlessState, where: str) -> list[str]:
    assert q.control is not None and q.until is not None
    control = CONTROLS[q.control]
    if control.part == "function1d" and st.function1d is None:
        return [f"{v.join(where, 'control')}: {q.control} is {control.what}: load the 1-D view with "
                "\"function1d\" in the step's state"]
    if control.part == "project" and st.session is None:
        return [f"{v.join(where, 'control')}: {q.control} is {control.what}: load a project in the step's state"]
    live = Live(session=st.session, function1d=st.function1d)
    if condition_met(q.until, live):
        return [f"{v.join(where, 'until')}: the condition holds already in the step's state: the learner "
                "would have nothing to do"]
    if not solutions(q, st):
        return [f"{v.join(where, 'until')}: no value of {control.what} reaches it (the values tried: "
                f"{_tried(control.candidates(st))})"]
    return []


def _tried(xs: tuple[float, ...]) -> str:
    return f"{xs[0]:g} to {xs[-1]:g}" if xs else "none"
