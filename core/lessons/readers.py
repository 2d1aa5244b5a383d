"""The small readers a lesson file is made of: texts, object names and CONDITIONs.

Each refuses what it does not read with an InputError naming the JSON path (the ``v.*`` readers
of :mod:`core.checks.validation`; a VALUE is read by its kind's entry, :mod:`.kinds`).
:mod:`.schema` reads a lesson with them, and
:mod:`.question_reader` the kinds of question.  The format is docs/lesson-file.md.
"""
from __future__ import annotations

import re
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError

from .kinds import MAX_POSITION, read_value
from .language import read_localized
from .model import Condition

MAX_TITLE = 80
MAX_TEXT = 20_000                  # characters of one Markdown text
MAX_WATCHED = 500                  # steps a "converges_within" / "diverges_within" condition walks
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,79}$")          # a Qt object name
PHASE = re.compile(r"^(forward layer [1-9][0-9]*|loss|backward layer [1-9][0-9]*|update)$")


# -- small readers ----------------------------------------------------------------------------
def text(value: Any, path: str, limit: int = MAX_TEXT) -> str:
    """Non-empty text of at most ``limit`` characters: a string (English) or an object of
    language code -> string with English required (:func:`.language.read_localized`)."""
    return read_localized(value, path, lambda s, at: _one_text(s, at, limit))


def line(value: Any, path: str, limit: int = MAX_TITLE) -> str:
    """One line of text of at most ``limit`` characters (a title), in one language or several."""
    return read_localized(value, path, lambda s, at: _one_line(s, at, limit))


def _one_text(value: Any, path: str, limit: int) -> str:
    s = v.string(value, path)
    if not s.strip():
        raise InputError("expected some text, got an empty string", path)
    if len(s) > limit:
        raise InputError(f"{len(s):,} characters is too long; the limit is {limit:,}", path)
    return s


def _one_line(value: Any, path: str, limit: int) -> str:
    s = _one_text(value, path, limit)
    if "\n" in s:
        raise InputError("expected one line, got a line break", path)
    return s


def name(value: Any, path: str) -> str:
    """A Qt object name (whether the app has it is checked by ``lessons check``)."""
    s = v.string(value, path)
    if not NAME.match(s):
        raise InputError(f"{v.describe(s)} is not an object name (letters, digits and _, "
                         "starting with a letter)", path)
    return s


def names(value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise InputError(f"expected a non-empty list of object names, got {v.describe(value)}", path)
    return tuple(name(x, v.join(path, i)) for i, x in enumerate(value))


# -- conditions ------------------------------------------------------------------------------
# a VALUE is read by its kind's entry (core/lessons/kinds.py, read_value)


def read_condition(value: Any, path: str) -> Condition:
    keys = ("reached", "revealed", "steps_at_least", "loss_below", "diverged", "epoch_steps", "function1d",
            "function2d", "all")
    v.obj(value, path, (), keys)
    if len(value) != 1:
        raise InputError(f"a condition has exactly one of {', '.join(keys)} (use \"all\" to combine)", path)
    (key, arg), = value.items()
    at = v.join(path, key)
    if key == "reached":
        r = v.obj(arg, at, ("step",), ("after_phase",))
        phase = v.string(r["after_phase"], v.join(at, "after_phase")) if "after_phase" in r else None
        if phase is not None and not PHASE.match(phase):
            raise InputError(f"unknown phase {v.describe(phase)}", v.join(at, "after_phase"))
        return Condition(key, (v.integer(r["step"], v.join(at, "step"), 0, MAX_POSITION), phase))
    if key == "revealed":
        value = read_value(arg, at)
        if value.view is not None:
            raise InputError("fine stepping reveals network values only (no \"view\")", at)
        return Condition(key, value)
    if key == "steps_at_least":
        return Condition(key, v.integer(arg, at, 0, MAX_POSITION))
    if key == "loss_below":
        return Condition(key, v.number(arg, at))
    if key == "diverged":
        return Condition(key, v.boolean(arg, at))
    if key == "all":
        if not isinstance(arg, list) or not arg:
            raise InputError(f"expected a non-empty list of conditions, got {v.describe(arg)}", at)
        return Condition(key, parts=tuple(read_condition(c, v.join(at, i)) for i, c in enumerate(arg)))
    if key == "epoch_steps":
        return Condition(key, v.integer(arg, at, 1, v.MAX_SAMPLES, "steps"))
    inner = (("t_at_least", "diverged", "converges_within", "diverges_within") if key == "function1d"
             else ("runs_at_least",))
    v.obj(arg, at, (), inner)
    if len(arg) != 1:
        raise InputError(f"expected exactly one of {', '.join(inner)}", at)
    (sub, x), = arg.items()
    where = v.join(at, sub)
    if sub == "diverged":
        return Condition(f"{key}.{sub}", v.boolean(x, where))
    if sub in ("converges_within", "diverges_within"):
        return Condition(f"{key}.{sub}", v.integer(x, where, 1, MAX_WATCHED, "steps"))
    return Condition(f"{key}.{sub}", v.integer(x, where, 0, MAX_POSITION))
