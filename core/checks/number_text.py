"""Reading numbers that users type: finite, in range, with a message that names the problem."""
from __future__ import annotations

import math

MAX_NUMBER_TEXT = 64


def parse_number(text: str, minimum: float = -math.inf, maximum: float = math.inf) -> float:
    """A finite float from ``text``; ValueError with a clear message otherwise.

    >>> parse_number(" 0.5 ")
    0.5
    """
    s = text.strip().replace("\u2212", "-")       # a typographic minus counts as a minus
    if not s:
        raise ValueError("type a number, for example 0.25 or -1.5e-3")
    if len(s) > MAX_NUMBER_TEXT:
        raise ValueError(f"too long for a number (more than {MAX_NUMBER_TEXT} characters)")
    try:
        value = float(s)
    except ValueError:
        raise ValueError(f"{s!r} is not a number; write it like 0.25 or -1.5e-3") from None
    if not math.isfinite(value):
        raise ValueError(f"{s!r} is not a finite number")
    if value < minimum or value > maximum:
        raise ValueError(f"{value:g} is out of range: expected {minimum:g} to {maximum:g}")
    return value
