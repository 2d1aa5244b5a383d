"""When a typed answer counts as right: the one rule of exercise mode and of lesson questions.

An answer is right when it is within half a percent of the true value (three significant
digits are enough), or within 1e-6 of a value that is (nearly) zero:

    |answer - value| <= ABS_TOL + REL_TOL |value|

A fixed absolute tolerance alone would accept 0 for every small gradient.  A lesson's question
may set its own relative tolerance (``"tolerance"``, :data:`TOLERANCE_RANGE`) in place of
:data:`REL_TOL`.  A question gets :data:`TRIES` answers before its value is revealed.  A point
clicked on a plot (a lesson's prediction of where a descent step lands) is right within
:data:`POINT_TOL` of the plotted span: a click cannot be more exact than a few pixels.  The
debugger's exercise mode (gui/debugger/exercise.py), the lessons (core/lessons) and ``lessons check`` all call this.
"""
from __future__ import annotations

from backprop_studio.core.checks.number_text import parse_number

ABS_TOL = 1e-6
REL_TOL = 5e-3
TOLERANCE_RANGE = (1e-4, 0.5)    # what a lesson's question may ask for instead of REL_TOL
TRIES = 2
POINT_TOL = 0.05     # a point clicked on a plot: within 5 % of the plotted span


def parse_answer(text: str) -> float:
    """The typed number (spaces ignored); ValueError with a clear message when it is not a finite number."""
    return parse_number(text.replace(" ", ""))


def is_right(answer: float, value: float, rel_tol: float = REL_TOL) -> bool:
    """Whether ``answer`` is close enough to the engine's ``value`` (see the module docstring)."""
    return abs(answer - value) <= ABS_TOL + rel_tol * abs(value)


def answer_ok(text: str, value: float, rel_tol: float = REL_TOL) -> bool:
    """Whether the typed ``text`` is a right answer for ``value`` (within ``rel_tol``, relative);
    ValueError for text that is not a number (the caller shows the message and does not count
    the try)."""
    return is_right(parse_answer(text), value, rel_tol)


def point_ok(point: tuple[float, ...], true: tuple[float, ...], span: float) -> bool:
    """Whether a clicked ``point`` is close enough to ``true``: within :data:`POINT_TOL` times
    ``span`` (the plotted range's width; its diagonal on a 2-D plot)."""
    distance = sum((a - b) ** 2 for a, b in zip(point, true, strict=True)) ** 0.5
    return distance <= POINT_TOL * span
