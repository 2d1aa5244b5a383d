"""The small readers a lesson file is made of: texts, object names, VALUEs and CONDITIONs.

Each refuses what it does not read with an InputError naming the JSON path (the ``v.*`` readers
of :mod:`core.checks.validation`).  :mod:`.schema` reads a lesson with them, and
:mod:`.question_reader` the kinds of question.  The format is docs/lesson-file.md.
"""
from __future__ import annotations

import re
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.naming import parse_param_name

from .model import NETWORK_KINDS, VIEWS, Condition, Value

MAX_TITLE = 80
MAX_TEXT = 20_000                  # characters of one Markdown text
MAX_POSITION = 100_000             # training steps a state may ask for
MAX_WATCHED = 500                  # steps a "converges_within" / "diverges_within" condition walks
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,79}$")          # a Qt object name
PHASE = re.compile(r"^(forward layer [1-9][0-9]*|loss|backward layer [1-9][0-9]*|update)$")


# -- small readers ----------------------------------------------------------------------------
def text(value: Any, path: str, limit: int = MAX_TEXT) -> str:
    """Non-empty text of at most ``limit`` characters."""
    s = v.string(value, path)
    if not s.strip():
        raise InputError("expected some text, got an empty string", path)
    if len(s) > limit:
        raise InputError(f"{len(s):,} characters is too long; the limit is {limit:,}", path)
    return s


def line(value: Any, path: str, limit: int = MAX_TITLE) -> str:
    """One line of text of at most ``limit`` characters (a title)."""
    s = text(value, path, limit)
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


# -- values and conditions ---------------------------------------------------------------------
_UNIT_KINDS = ("v_in", "v_out", "delta", "fprime")
_PARAM_KINDS = ("param", "grad", "update", "after")


def read_value(value: Any, path: str) -> Value:
    """A VALUE: which number, never the number itself."""
    if not isinstance(value, dict) or "kind" not in value:
        v.obj(value, path, ("kind",))
    at = lambda key: v.join(path, key)  # noqa: E731
    if "view" in value:
        return _function_value(value, path)
    kind = v.string(value["kind"], at("kind"), NETWORK_KINDS)
    sample = ("sample",)
    if kind in _UNIT_KINDS:
        v.obj(value, path, ("kind", "layer", "unit"), sample)
        layer = v.integer(value["layer"], at("layer"), 0, v.MAX_LAYERS)
        if layer == 0 and kind != "v_out":
            why = ("there is no delta^(0): the inputs are data, not computed, so no error term is "
                   "propagated to them" if kind == "delta" else "layer 0 is the input layer: it has no v_in")
            raise InputError(why, at("layer"))
    elif kind in ("x", "y", "y_hat"):
        v.obj(value, path, ("kind", "unit"), sample)
        layer = None
    elif kind in _PARAM_KINDS:
        v.obj(value, path, ("kind", "param"), sample)
        if parse_param_name(v.string(value["param"], at("param"))) is None:
            raise InputError(f"{v.describe(value['param'])} is not a parameter name; write w_ij^(k) "
                             "(e.g. w_12^(1)) or b_j^(k)", at("param"))
        return Value(kind, param=value["param"].strip(), sample=_sample(value, path))
    else:   # loss, batch_loss
        v.obj(value, path, ("kind",), sample if kind == "loss" else ())
        return Value(kind, sample=_sample(value, path))
    return Value(kind, layer, v.integer(value["unit"], at("unit"), 1, v.MAX_UNITS), _sample(value, path))


def _sample(value: dict[str, Any], path: str) -> int:
    return v.integer(value.get("sample", 1), v.join(path, "sample"), 1, v.MAX_SAMPLES)


def _function_value(value: dict[str, Any], path: str) -> Value:
    view = v.string(value["view"], v.join(path, "view"), VIEWS)
    kind = v.string(value["kind"], v.join(path, "kind"), ("x", "f", "gradient"))
    optional = ("t",) + (("coordinate",) if kind != "f" else ()) + (("run",) if view == "function2d" else ())
    v.obj(value, path, ("kind", "view"), optional)
    t = v.integer(value["t"], v.join(path, "t"), 0, MAX_POSITION) if "t" in value else None
    dims = 1 if view == "function1d" else 2
    return Value(kind, view=view, t=t,
                 coordinate=v.integer(value.get("coordinate", 1), v.join(path, "coordinate"), 1, dims),
                 run=v.integer(value.get("run", 1), v.join(path, "run"), 1, 100))


def read_condition(value: Any, path: str) -> Condition:
    keys = ("reached", "steps_at_least", "loss_below", "diverged", "epoch_steps", "function1d", "function2d", "all")
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
