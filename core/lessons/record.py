"""Writing a lesson from a live session: what the app's "Record lesson step" captures.

A recorded step holds the document embedded in the lesson *at its initial parameters* (the
project file's own document of the session reset to step 0) and the training position to
replay (``step``, ``after_phase``), so the lesson file holds no trained numbers and no answers:
every number a step asks about is computed again when the lesson runs.  The same document
recorded twice is embedded once.

Also the two-way link between a lesson's VALUE and the Step Debugger's :class:`Ref`:
:func:`ref_of` (a step's ``show.select`` selects a cell) and :func:`value_spec_of` (the
selected cell becomes a step's ``show.select``).
"""
from __future__ import annotations

from typing import Any

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import inline_spec
from backprop_studio.core.explain.context import context_for
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session

from . import values
from .kinds import NETWORK_VALUES
from .model import Value


def ref_of(spec: Value, session: Session) -> Ref | None:
    """The debugger's Ref of the network value ``spec`` at the session's position (None for a
    function-view value, or when the position has no such value)."""
    if spec.view is not None:
        return None
    ctx = context_for(session)
    if ctx is None:
        return None
    try:
        return values.ref_of(spec, ctx, ctx.network.sizes, "value")   # the one mapping, in values
    except InputError:
        return None


def value_spec_of(ref: Ref) -> dict[str, Any] | None:
    """The VALUE (as the file spells it) naming the debugger's ``ref``, as the entry of its kind
    writes it (:mod:`core.lessons.kinds`); None for what a lesson cannot name (one sample's share
    of a gradient, optimizer state)."""
    kind = NETWORK_VALUES.get(ref.kind)
    return None if kind is None else kind.spec_of(ref)


def embed(projects: dict[str, Any], session: Session) -> str:
    """The name in ``projects`` of ``session``'s document at its initial parameters, added there
    when it is not yet (the same document recorded twice is embedded once).

    A CSV dataset is embedded as its numbers (:func:`core.data.datasets.inline_spec`): a
    lesson may name no file outside its own folder, and the CSV's path is relative to the
    project's folder, not to wherever the lesson will be saved (or the working folder)."""
    doc = project_file.to_document(session)
    if "csv" in doc["dataset"]:
        doc["dataset"] = inline_spec(session.dataset)
    copy = project_file.session_from(doc)
    copy.reset()
    doc = project_file.to_document(copy)
    for name, known in projects.items():
        if known == doc:
            return name
    number = len(projects) + 1
    while f"project{number}" in projects:
        number += 1
    name = f"project{number}"
    projects[name] = doc
    return name


def network_state(projects: dict[str, Any], session: Session) -> dict[str, Any]:
    """A step's ``state`` showing ``session`` where it stands: its document embedded in
    ``projects`` (:func:`embed`), the training steps done and the phase of a step in progress."""
    state: dict[str, Any] = {"project": f"embedded:{embed(projects, session)}", "step": session.step_count}
    pending = session.pending
    if pending is not None and pending.current_phase is not None:
        state["after_phase"] = str(pending.current_phase)
    return state


class LessonDraft:
    """A lesson being recorded: its embedded projects and its steps, as the file spells them."""

    def __init__(self) -> None:
        self.projects: dict[str, Any] = {}
        self.steps: list[dict[str, Any]] = []

    def embed(self, session: Session) -> str:
        """The embedded project's name for ``session``'s document (:func:`embed`)."""
        return embed(self.projects, session)

    def add_step(self, session: Session, title: str, text: str, selected: Ref | None = None) -> dict[str, Any]:
        """A new step showing ``session`` where it stands, with ``selected`` as ``show.select``."""
        step: dict[str, Any] = {"title": title, "text": text, "state": network_state(self.projects, session)}
        spec = value_spec_of(selected) if selected is not None else None
        if spec is not None:
            step["show"] = {"select": spec}
        self.steps.append(step)
        return step

    def document(self, lesson_id: str, title: str, summary: str, sections: list[str]) -> dict[str, Any]:
        return {"format": "backprop-studio-lesson", "version": 1, "id": lesson_id, "title": title,
                "summary": summary, "sections": sections, "projects": self.projects, "steps": self.steps}
