"""Undo commands: every edit of the document is one of these, pushed on the session's stack.

A command only replaces one part of the model (the network, its parameter values, the
training configuration or the dataset) with a new value and puts the old one back on
undo; views follow the session's signals.  A slider gesture merges into one command
through ``merge_key``.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from .session import StudioSession

PARTS = ("network", "params", "config", "dataset", "init")
_MERGE_IDS: dict[str, int] = {}


class ReplaceCommand(QUndoCommand):
    """Replace one part of the document: ``part`` is one of :data:`PARTS`."""

    def __init__(self, session: "StudioSession", part: str, new: Any, text: str,
                 merge_key: str | None = None) -> None:
        super().__init__(text)
        if part not in PARTS:
            raise ValueError(f"unknown document part {part!r}")
        self.session, self.part = session, part
        self.old = copy.deepcopy(session.document_part(part))
        self.new = copy.deepcopy(new)
        self.merge_key = merge_key

    def redo(self) -> None:
        self.session._replace(self.part, copy.deepcopy(self.new))

    def undo(self) -> None:
        self.session._replace(self.part, copy.deepcopy(self.old))

    def id(self) -> int:  # noqa: A003 - Qt's name
        if self.merge_key is None:
            return -1
        return _MERGE_IDS.setdefault(f"{self.part}:{self.merge_key}", len(_MERGE_IDS) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ReplaceCommand) or other.merge_key != self.merge_key \
                or other.part != self.part:
            return False
        self.new = other.new
        return True
