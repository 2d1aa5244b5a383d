"""A lesson being written: the lesson document as plain JSON-shaped data, and what is wrong with it.

The lesson editor (``gui/lessons/editor/``) edits the very document a lesson file holds (a dict
of the keys docs/lesson-file.md lists), so what it saves is what it shows and nothing is lost
in a translation: a key the editor has no field for (a ``do`` task's ``settings``, an ``all``
condition) is kept as written.  This module is the Qt-free part:

- :func:`new_document`, :func:`new_step`, :func:`as_copy`: documents to start from;
- :func:`problems`: what is wrong now, cheaply enough to run on every edit: the strict reader
  (:func:`.schema.lesson_from_dict`, its first problem), the Markdown and maths of every text (each
  with its line and column) and every name against the app's allowlist, each one line naming its
  JSON path exactly as ``lessons check`` does (``steps[2].text: line 3, column 17: unknown
  command \\foo``).  Building the states (training) is left to the full check, off the GUI thread;
- :func:`step_of`: the step a problem is in;
- :func:`value_name`: a VALUE in the app's text form (``δ_1^(2)``), for labels and prompts.
"""
from __future__ import annotations

import copy
import os
import re
from collections.abc import Collection
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError

from .check import as_targets, problems_of_names
from .markdown import render_markdown
from .model import Lesson
from .schema import FORMAT, ID, VERSION, lesson_from_dict
from .targets import Targets

_STEP = re.compile(r"^steps\[(\d+)\]")
TEXT_KEYS = ("text", "explanation")


def new_step(number: int) -> dict[str, Any]:
    """A step with a title and a text to replace (a lesson's step needs both)."""
    return {"title": f"Step {number}", "text": "Write what the learner reads here. Maths: $\\eta$."}


def new_document(lesson_id: str = "my-lesson", title: str = "My lesson") -> dict[str, Any]:
    """A lesson of one step, ready to be written."""
    return {"format": FORMAT, "version": VERSION, "id": lesson_id, "title": title,
            "summary": "What the learner will see and do, in a sentence or two.",
            "sections": ["Backpropagation"], "projects": {}, "steps": [new_step(1)]}


def as_copy(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of a lesson document to edit as a lesson of one's own (a shipped lesson opens so):
    another id and title, so it never passes for the original."""
    out = copy.deepcopy(doc)
    out["id"] = (str(doc.get("id", "lesson"))[:55] + "-copy").lstrip("-")
    title = doc.get("title", "Lesson")
    out["title"] = ({code: _copy_title(str(t)) for code, t in title.items()} if isinstance(title, dict)
                    else _copy_title(str(title)))       # every language of a title per language
    return out


def _copy_title(title: str) -> str:
    return (title[:73] + " (copy)") if len(title) <= 73 else title[:80]


def slug(text: str) -> str:
    """A lesson id from a name: lower case letters, digits and hyphens, at most 60."""
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in text.lower())
    made = "-".join(p for p in out.split("-") if p)[:60].strip("-") or "lesson"
    return made if ID.match(made) else "lesson"


def problems(doc: dict[str, Any], path: str | os.PathLike[str] | None = None,
             targets: Collection[str] | Targets | None = None) -> list[str]:
    """What is wrong with the lesson document ``doc`` (read as the file at ``path`` would be), one
    line each, without building any state: its texts, the strict reader's first problem, and the
    names it points at (``targets``: the app's allowlist; None skips them)."""
    out = list(_text_problems(doc))
    try:
        lesson: Lesson | None = lesson_from_dict(doc, path)
    except InputError as e:
        lesson = None
        line = str(e)
        if line not in out:
            out.append(line)
    if lesson is not None and targets is not None:
        out += problems_of_names(lesson, as_targets(targets))
    return out


def _text_problems(doc: dict[str, Any]) -> list[str]:
    """The Markdown and maths of every text the document holds, each with its line and column."""
    texts: list[tuple[str, Any]] = [("summary", doc.get("summary"))]
    steps = doc.get("steps")
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        if not isinstance(step, dict):
            continue
        where = v.join("steps", i)
        texts += [(v.join(where, key), step.get(key)) for key in TEXT_KEYS]
        hints = step.get("hints")
        hints = hints if isinstance(hints, list) else []
        texts += [(v.join(v.join(where, "hints"), k), h) for k, h in enumerate(hints)]
    out = []
    for where, text in texts:
        if isinstance(text, str):
            try:
                render_markdown(text)
            except InputError as e:
                out.append(f"{where}: {e.message}")
    return out


def step_of(problem: str) -> int | None:
    """The 0-based step a problem line is about (None for the lesson's own keys)."""
    match = _STEP.match(problem)
    return int(match.group(1)) if match else None


_UNIT = {"v_in": "v_in,{u}^({k})", "v_out": "v_out,{u}^({k})", "delta": "δ_{u}^({k})",
         "fprime": "f'(v_in,{u}^({k}))"}
_PARAM = {"param": "{p}", "grad": "∂E/∂{p}", "update": "Δ{p}", "after": "{p} after the update"}
_FUNCTION = {"x": "x_t", "f": "f(x_t)", "gradient": "f'(x_t)"}


def value_name(spec: dict[str, Any]) -> str:
    """A VALUE (as the file spells it) in the app's text form, as a prompt writes it: ``δ_1^(2)``,
    ``∂E/∂w_12^(1)``, ``x_t of the 1-D view at t = 3``."""
    kind = spec.get("kind", "?")
    if "view" in spec:
        name = _FUNCTION.get(kind, kind)
        if kind == "gradient" and spec["view"] == "function2d":
            name = f"∂f/∂x_{spec.get('coordinate', 1)} at x_t"
        elif kind == "x" and spec["view"] == "function2d":
            name = f"x_{spec.get('coordinate', 1)} of x_t"
        view = "the 1-D view" if spec["view"] == "function1d" else f"run {spec.get('run', 1)} of the race"
        t = spec.get("t")
        return f"{name} of {view}" + (f" at t = {t}" if t is not None else "")
    if kind in _UNIT:
        name = _UNIT[kind].format(u=spec.get("unit"), k=spec.get("layer"))
    elif kind in _PARAM:
        name = _PARAM[kind].format(p=spec.get("param"))
    elif kind in ("x", "y"):
        name = f"{kind}_{spec.get('unit')}"
    elif kind == "y_hat":
        name = f"ŷ_{spec.get('unit')}"
    else:
        name = "E" if kind == "loss" else "E of the batch"
    sample = spec.get("sample", 1)
    return name + (f" (sample {sample})" if sample != 1 else "")
