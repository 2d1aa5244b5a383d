"""The teaching rules a lesson is held to: ``lessons check --rules`` (issue 27 §2).

A lesson may be correct and still teach little: plug-in arithmetic, a hint that gives the
final product.  These rules are about how it teaches, so they are checked on request
(``--rules``; the shipped lessons are held to them by tests/core/test_lesson_rules.py):

1. **Arithmetic at most a third.**  At most :data:`MAX_ARITHMETIC_SHARE` of a lesson's
   questions are plain arithmetic.  A question of kind ``number`` *is* plain arithmetic: the
   learner types what a formula on show gives.  There is no marker to call one a concept
   question; a number that tests a concept is asked as a prediction (the learner commits
   before the app shows it), which also counts for rule 2.
2. **One question that makes one think.**  Every lesson has at least one question of kind
   ``choose`` (a sign, a direction, a comparison), ``predict`` or ``order``.
3. **Hints lead; they never state the final product.**  No hint of a number question (typed
   or predicted) holds a printed form of its answer, as the app prints numbers (:mod:`.printed`:
   forms of at least three significant digits), nor a result (a number after "=" or "≈" that
   ends its expression) that is the answer, nor a *computed* result (whose left side computes
   with numbers, "0.05 \\cdot 21 = 1.05") one addition or subtraction away from it, with a
   number of the step's text or hints: for x_1 = 2 − 0.05·21, "$0.05 \\cdot 21 = 1.05$" states the final
   product and "$0.05 \\cdot 21$" leads up to it.  Givens ("$x_0 = 2$") and factors still to
   be multiplied are a hint's to give.
4. **A known mistake gets feedback.**  A question whose answer one of the known mistakes
   (:mod:`.mistakes`) gets wrong in its state lists at least one of them with its feedback.

Rules 3 and 4 need the step's state: ``lessons check`` applies them as it walks the states
(:func:`answer_rules`); rules 1 and 2 need the lesson only (:func:`lesson_rules`).
"""
from __future__ import annotations

import re
from fractions import Fraction

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.answers import is_right

from .mistakes import NotHere
from .model import Lesson, Question
from .printed import NUMBER, found_in, numbers_in
from .question_kinds import Answer, same, wrong_answer
from .question_reader import mistakes_for
from .state import HeadlessState

MAX_ARITHMETIC_SHARE = Fraction(1, 3)
RESULT = re.compile(r"(?:=|\\approx|≈)\s*(" + NUMBER.pattern + ")")   # a number after = or ≈
COMPUTES = re.compile(r"\d\s*\)?\s*(?:\\cdot|\\times|[·×*/+^−-])\s*\(?\s*[\d(\\]|\\frac")  # a number, an operator
OPERATORS = "+-−*/·×^\\"
THINKING_KINDS = ("choose", "predict", "order")


def is_arithmetic(q: Question) -> bool:
    """Rule 1's plain arithmetic: a question of kind "number"."""
    return q.kind == "number"


def lesson_rules(lesson: Lesson) -> list[str]:
    """Rules 1 and 2, each broken one a line ``steps: rule: ...``."""
    asked = [(i, s.task) for i, s in enumerate(lesson.steps) if isinstance(s.task, Question)]
    out = []
    plain = [i for i, q in asked if is_arithmetic(q)]
    if asked and Fraction(len(plain), len(asked)) > MAX_ARITHMETIC_SHARE:
        where = ", ".join(f"steps[{i}]" for i in plain)
        out.append(f"steps: rule: {len(plain)} of {len(asked)} questions are plain arithmetic (kind \"number\": "
                   f"{where}); at most a third may be: ask for a sign, a direction, a comparison or a "
                   "prediction instead")
    if not any(q.kind in THINKING_KINDS for _, q in asked):
        out.append("steps: rule: no question asks for a sign, a direction, a comparison, a prediction or an "
                   "order (kinds choose, predict, order): add one")
    return out


def answer_rules(q: Question, st: HeadlessState, expected: Answer, hints: tuple[str, ...], text: str,
                 where: str, step: str) -> list[str]:
    """Rules 3 and 4 for the question ``q`` at ``where`` (its step at ``step``, with ``hints``
    and ``text``), whose right answer in ``st`` is ``expected``."""
    out = []
    if isinstance(expected, float):
        shown = [float(t) for t in numbers_in(" ".join((text, q.prompt) + hints))]
        for k, hint in enumerate(hints):
            why = _states_answer(expected, hint, shown)
            if why:
                out.append(f"{v.join(v.join(step, 'hints'), k)}: rule: the hint {why}; a hint leads up to "
                           "the final product and leaves it to the learner")
    if not q.mistakes:
        known = [name for name in mistakes_for(q) if _gets_wrong(q, name, st, expected)]
        if known:
            out.append(f"{where}: rule: the question lists no known mistake, yet here {', '.join(known)} "
                       f"give{'s' if len(known) == 1 else ''} a wrong answer a learner makes: add \"mistakes\" "
                       "with feedback on one of them")
    return out


def _states_answer(x: float, hint: str, shown: list[float]) -> str:
    """How ``hint`` gives the answer ``x`` away ("" when it does not): a printed form of it, a
    result that is it, or a computed result one addition or subtraction with a number on show
    (``shown``) from it."""
    found = found_in(x, hint)
    if found:
        return f"states the answer ({', '.join(found)})"
    for written, r, computed in results(hint):
        if is_right(r, x):
            return f"states the answer ({written})"
        for s in shown if computed else ():
            for a, op, b, y in ((r, "+", s, r + s), (r, "−", s, r - s), (s, "−", r, s - r)):
                if s != 0 and is_right(y, x):
                    return f"states {written}, one step from the answer ({a:g} {op} {b:g})"
    return ""


def results(text: str) -> list[tuple[str, float, bool]]:
    """The results ``text`` states: (as written, value, computed) of each number after "=" or
    "≈" that ends its expression; computed when its left side computes with numbers (rule 3)."""
    out = []
    for m in RESULT.finditer(text):
        left = re.split(r"[$=≈]|\\approx", text[:m.start()])[-1]
        rest = text[m.end():].lstrip()
        if not (rest and rest[0] in OPERATORS):
            out.append((m.group(1), float(m.group(1).replace("−", "-")), bool(COMPUTES.search(left))))
    return out


def _gets_wrong(q: Question, rule: str, st: HeadlessState, expected: Answer) -> bool:
    try:
        return not same(q, wrong_answer(q, rule, st), expected, st)
    except (NotHere, InputError, ValueError, ArithmeticError):
        return False
