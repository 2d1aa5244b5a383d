"""How the app prints a number, and the numbers a text holds: the one rule for finding an answer in text.

An open question's answer must not be readable in the window (the leak test,
tests/gui/lesson_leaks.py) nor in the step's hints (:mod:`.rules`): both look for its
*printed forms* among the *number tokens* of a text.

**Printed forms** (:func:`printed_forms`): the formats the app prints numbers with: ``#.4g``
(core.explain.notation.fmt, the editor, the graph), ``.6g`` (the debugger, the readouts), ``.4g``,
``.5g`` and ``.3g`` (the function views, the output map), ``.8g`` (the gradient check), ``.10g``
(an explanation's recorded value), the editor's other precisions ``#.3g``, ``#.5g``, ``#.6g``, and
fixed ``.2f`` / ``.4f``; a minus sign is compared as "-" whether printed "-" or "−".

**Distinctive forms** (:func:`distinctive`): a form with fewer than three significant digits
("21", "0.95", "-0.05", "0") would be found everywhere (a unit count, a layer number, a learning
rate), so only forms with at least three are searched; trailing zeros count ("0.7500", the
app's ``#.4g`` of 0.75, is searched).

**Number tokens** (:func:`numbers_in`): "0.4875" is not found inside "0.48751" nor "21" inside
"w_21^(2)" (a digit run that follows a letter or an underscore is an index, not a number).
"""
from __future__ import annotations

import re

FORMATS = ("#.4g", ".6g", ".4g", ".5g", ".3g", ".8g", ".10g", "#.3g", "#.5g", "#.6g", ".2f", ".4f", "g")
NUMBER = re.compile(r"(?<![\w.^])[-−]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+−]?\d+)?(?![\w])")


def printed_forms(x: float) -> set[str]:
    """Every way the app may print ``x`` (minus written "-")."""
    forms = {format(x, f) for f in FORMATS}
    return forms | {f.lstrip("-") for f in forms if x == 0}      # -0.0 prints "-0"


def distinctive(form: str) -> bool:
    """At least three significant digits, trailing zeros included ("0.7500" yes, "0.75" no)."""
    mantissa = re.split(r"[eE]", form.lstrip("-"))[0].replace(".", "").lstrip("0")
    return len(mantissa) >= 3


def numbers_in(text: str) -> list[str]:
    """The number tokens of ``text``, with the minus sign written '-' (a sentence's full stop
    after a number is not part of it)."""
    return [m.group().rstrip(".").replace("−", "-") for m in NUMBER.finditer(text)]


def found_in(x: float, text: str) -> list[str]:
    """The distinctive printed forms of ``x`` that ``text`` holds as numbers."""
    needles = {f for f in printed_forms(x) if distinctive(f)}
    return sorted({tok for tok in numbers_in(text) if tok in needles})
