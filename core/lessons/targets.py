"""What a lesson may touch in the app: the one rule, used by ``lessons check`` and the app alike.

A lesson names parts of the window in four places: ``show.highlight`` (frame it), ``show.tab``
(switch a tab widget to it), ``lock.targets`` (disable it for the step) and ``task.do.action``
(press it, in Show me).  A stranger's lesson must not reach what would take the app from the
learner: Quit, opening or saving files, the Lessons panel itself (a locked Leave would trap
them).  So the app hands over one allowlist (``gui/lesson_targets.py`` holds it, as core never
depends on the app) and :meth:`Targets.problem` decides every use from it: the check refuses what the
app would refuse, with the same words, and the app's runner asks the same question before it
highlights, locks or presses anything.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

USES = ("highlight", "tab", "lock", "action")


@dataclass(frozen=True)
class Targets:
    """The allowlist: ``names`` a lesson may highlight or lock, ``actions`` (a subset: actions
    and buttons) Show me may press, ``tabs`` the tab pages it may switch to; ``refused`` names
    the app has that are out of a lesson's reach, with the reason (only for the message)."""

    names: frozenset[str]
    actions: frozenset[str]
    tabs: frozenset[str]
    refused: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, names: Collection[str], tabs: Collection[str] | None = None,
           actions: Collection[str] | None = None, refused: Mapping[str, str] | None = None) -> Targets:
        """The allowlist of ``names`` (``actions`` default: those of them named action...; ``tabs``
        None: any of the names)."""
        pressable = {n for n in names if n.startswith("action")} if actions is None else set(actions)
        return cls(frozenset(names), frozenset(pressable & set(names)), frozenset(names if tabs is None else tabs),
                   dict(refused or {}))

    def problem(self, name: str, use: str) -> str | None:
        """Why a lesson may not use ``name`` for ``use`` (one of :data:`USES`); None when it may."""
        if name in self.refused:
            return f"{name!r} is out of a lesson's reach: {self.refused[name]}"
        if name not in self.names:
            return f"the app has no object named {name!r}"
        if use == "action" and name not in self.actions:
            kind = "an action a lesson may point at" if name.startswith("action") else "not an action or a button"
            return f"{name!r} is {kind}, not one Show me may press; it may press {', '.join(sorted(self.actions))}"
        if use == "tab" and name not in self.tabs:
            return f"{name!r} is not a tab page; the pages are {', '.join(sorted(self.tabs))}"
        return None
