"""Reading a step's ``task.question``: its kind and what that kind asks (docs/lesson-file.md).

Every kind names what it asks, never the answer: a VALUE, a list of VALUEs, a step of a
function view's descent, a control and a condition, or the phases of a step; the engine
computes the answer from the step's state (:mod:`.question_kinds`).  Known mistakes are names of
:data:`core.lessons.mistakes.MISTAKES`, each checked here to be one a learner can make on this
kind of answer (whether it gives a wrong answer in the step's state is ``lessons check``'s).
"""
from __future__ import annotations

import dataclasses
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.answers import TOLERANCE_RANGE

from .kinds import MAX_POSITION, read_value
from .mistakes import MISTAKES, answer_kind
from .model import CHOICES, PREDICTIONS, QUESTION_KINDS, VIEWS, Mistake, Move, Question
from .reach import CONTROLS, watched
from .readers import line, read_condition, text

MAX_PROMPT = 200
MAX_VALUES = 8                  # the options of a "largest" / "smallest" question
MAX_MISTAKES = 8
THEN_ACTIONS = ("actionStepPhase", "actionStepTraining", "function1dStep")   # what a prediction may run
ORDERS = ("phases",)
_COMMON = ("kind", "prompt", "mistakes")
# the keys of each kind (besides _COMMON), required and optional
_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "number": (("value",), ("tolerance",)),
    "choose/sign": (("choose", "value"), ()),
    "choose/largest": (("choose", "values"), ("by",)),
    "choose/direction": (("choose", "view"), ("t", "run")),
    "predict/number": (("predict", "value"), ("then", "tolerance")),
    "predict/direction": (("predict", "view"), ("t", "run")),
    "predict/point": (("predict", "view"), ("t", "run")),
    "reach": (("control", "until"), ()),
    "order": (("order",), ()),
}


def read_question(value: Any, path: str) -> Question:
    """A ``task.question`` of any kind (default "number", today's typed number)."""
    at = lambda key: v.join(path, key)  # noqa: E731
    if not isinstance(value, dict):
        v.obj(value, path)
    kind = v.string(value.get("kind", "number"), at("kind"), QUESTION_KINDS)
    form = kind
    if kind in ("choose", "predict"):
        sub = value.get(kind)
        if sub is None:
            raise InputError(f"a {kind} question says what is {'chosen' if kind == 'choose' else 'predicted'}: "
                             f"add \"{kind}\": one of {', '.join(CHOICES if kind == 'choose' else PREDICTIONS)}", path)
        sub = v.string(sub, at(kind), CHOICES if kind == "choose" else PREDICTIONS)
        form = f"{kind}/{'largest' if sub == 'smallest' else sub}"
    required, optional = _KEYS[form]
    v.obj(value, path, ("prompt",) + required, _COMMON + optional)
    if kind == "reach" and "mistakes" in value:
        raise InputError("a reach question is checked on the engine as the learner goes: it has no wrong "
                         "answer to give feedback on", at("mistakes"))
    q = Question(read_value(value["value"], at("value")) if "value" in value else None,
                 line(value["prompt"], at("prompt"), MAX_PROMPT), kind,
                 choose=value.get("choose"), predict=value.get("predict"), order=value.get("order"))
    q = _read_kind(q, value, path)
    mistakes = _mistakes(value.get("mistakes", []), at("mistakes"), answer_kinds(q))
    return dataclasses.replace(q, mistakes=mistakes)


def _read_kind(q: Question, value: dict[str, Any], path: str) -> Question:
    """The keys of the question's own kind."""
    at = lambda key: v.join(path, key)  # noqa: E731
    fields: dict[str, Any] = {}
    if "values" in value:
        items = value["values"]
        if not isinstance(items, list) or not 2 <= len(items) <= MAX_VALUES:
            raise InputError(f"expected a list of 2 to {MAX_VALUES} VALUEs to compare, got {v.describe(items)}",
                             at("values"))
        fields["values"] = tuple(read_value(x, v.join(at("values"), i)) for i, x in enumerate(items))
        if len(set(fields["values"])) != len(items):
            raise InputError("the same VALUE is listed twice", at("values"))
        fields["by"] = v.string(value.get("by", "magnitude"), at("by"), ("magnitude", "value"))
    if "view" in value:
        fields["move"] = _move(value, path)
    if q.value is not None and q.value.view is not None and q.kind == "predict" and q.value.t is None:
        raise InputError("a prediction asks about a step the view is about to show: give the value its \"t\"",
                         v.join(at("value"), "t"))
    if "then" in value:
        fields["then"] = v.string(value["then"], at("then"), THEN_ACTIONS)
    if "tolerance" in value:
        fields["tolerance"] = v.number(value["tolerance"], at("tolerance"), *TOLERANCE_RANGE)
    if q.kind == "reach":
        fields.update(_reach(value, path))
    if q.kind == "order":
        v.string(value["order"], at("order"), ORDERS)
    return dataclasses.replace(q, **fields)


def _move(value: dict[str, Any], path: str) -> Move:
    view = v.string(value["view"], v.join(path, "view"), VIEWS)
    if view == "function2d" and "t" not in value:
        raise InputError("a step of the 2-D view needs its \"t\" (which step t -> t+1 is asked)", path)
    t = v.integer(value["t"], v.join(path, "t"), 0, MAX_POSITION) if "t" in value else None
    if view == "function1d" and "run" in value:
        raise InputError("the 1-D view has one run: leave \"run\" out", v.join(path, "run"))
    return Move(view, t, v.integer(value.get("run", 1), v.join(path, "run"), 1, 100))


def _reach(value: dict[str, Any], path: str) -> dict[str, Any]:
    control = v.string(value["control"], v.join(path, "control"), tuple(CONTROLS))
    until = read_condition(value["until"], v.join(path, "until"))
    watches = CONTROLS[control].watches
    for kind in watched(until):
        if kind not in watches:
            raise InputError(f"{control} cannot change whether {kind!r} holds; it changes "
                             f"{', '.join(watches)}", v.join(path, "until"))
    return {"control": control, "until": until}


def answer_kinds(q: Question) -> set[str]:
    """What a mistake of ``q`` must apply to (:func:`core.lessons.mistakes.answer_kind`)."""
    if q.kind == "order":
        return {"order"}
    if q.move is not None:
        return {"function:x"}
    return {answer_kind(x) for x in q.asked}


def _mistakes(value: Any, path: str, kinds: set[str]) -> tuple[Mistake, ...]:
    if not isinstance(value, list) or len(value) > MAX_MISTAKES:
        raise InputError(f"expected a list of at most {MAX_MISTAKES} mistakes, got {v.describe(value)}", path)
    out: list[Mistake] = []
    for i, m in enumerate(value):
        at = v.join(path, i)
        v.obj(m, at, ("rule", "feedback"))
        rule = v.string(m["rule"], v.join(at, "rule"), tuple(MISTAKES))
        if not kinds <= MISTAKES[rule].applies:
            what = ", ".join(sorted(kinds))
            raise InputError(f"{rule} ({MISTAKES[rule].slip}) is not a mistake one makes on {what}; it applies to "
                             f"{', '.join(sorted(MISTAKES[rule].applies))}", v.join(at, "rule"))
        if any(x.rule == rule for x in out):
            raise InputError(f"the mistake {rule} is listed twice", v.join(at, "rule"))
        out.append(Mistake(rule, text(m["feedback"], v.join(at, "feedback"))))
    return tuple(out)


def mistakes_for(q: Question) -> tuple[str, ...]:
    """The names of the known mistakes ``q`` may list (those that apply to what it asks), in
    :data:`MISTAKES`' order; none for a reach question."""
    kinds = answer_kinds(q) if q.kind != "reach" else set()
    return tuple(name for name, rule in MISTAKES.items() if kinds and kinds <= rule.applies)


def applicable_mistakes(value: Any) -> tuple[str, ...]:
    """:func:`mistakes_for` a question as the file spells it (a dict; its own ``mistakes`` left
    out): () when it does not read yet (the lesson editor offers these)."""
    if not isinstance(value, dict):
        return ()
    try:
        return mistakes_for(read_question({k: x for k, x in value.items() if k != "mistakes"}, "question"))
    except InputError:
        return ()
