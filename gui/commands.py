"""Undo commands: every edit of the document is one of these, pushed on the session's stack.

A command only replaces one part of the model (the network, its parameter values, the
training configuration or the dataset) with a new value and puts the old one back on
undo; views follow the session's signals.  A slider gesture merges into one command
through ``merge_key``.

Memory: a typed weight is a :class:`ParameterCommand` holding two numbers, not two copies
of every parameter.  A :class:`ReplaceCommand` holds two copies of its part and knows their
:attr:`~ReplaceCommand.cost` in bytes; the session keeps the stack's total under
:data:`UNDO_MAX_BYTES` (see :meth:`gui.studio.StudioSession.push`).
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from .studio import StudioSession

PARTS = ("network", "params", "config", "dataset", "init", "data")   # data: (dataset, network)
UNDO_MAX_BYTES = 256 * 2 ** 20
"""The undo stack's commands hold at most this many bytes of copied arrays."""
_MERGE_IDS: dict[str, int] = {}


class ReplaceCommand(QUndoCommand):
    """Replace one part of the document: ``part`` is one of :data:`PARTS`."""

    def __init__(self, studio: StudioSession, part: str, new: Any, text: str,
                 merge_key: str | None = None) -> None:
        super().__init__(text)
        if part not in PARTS:
            raise ValueError(f"unknown document part {part!r}")
        self.studio, self.part = studio, part
        self.old = copy.deepcopy(studio.document_part(part))
        self.new = copy.deepcopy(new)
        self.merge_key = merge_key
        self.cost = part_bytes(self.old) + part_bytes(self.new)

    def redo(self) -> None:
        self.studio._replace(self.part, copy.deepcopy(self.new))

    def undo(self) -> None:
        self.studio._replace(self.part, copy.deepcopy(self.old))

    def id(self) -> int:  # noqa: A003 - Qt's name
        if self.merge_key is None:
            return -1
        return _MERGE_IDS.setdefault(f"{self.part}:{self.merge_key}", len(_MERGE_IDS) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ReplaceCommand) or other.merge_key != self.merge_key \
                or other.part != self.part:
            return False
        self.new = other.new
        self.cost = part_bytes(self.old) + part_bytes(self.new)
        return True


class ParameterCommand(QUndoCommand):
    """A typed value: entry ``position`` of ``parameters()[index]`` from ``old`` to ``new``.

    Only the two numbers are kept: redo and undo rebuild the parameter list from the
    network's current values, which are exactly the ones this command left behind.
    """

    cost = 0

    def __init__(self, studio: StudioSession, index: int, position: tuple[int, ...], new: float,
                 text: str) -> None:
        super().__init__(text)
        self.studio, self.index, self.position = studio, index, tuple(position)
        self.old = float(studio.session.network.parameters()[index][self.position])
        self.new = float(new)

    def _set(self, value: float) -> None:
        params = list(self.studio.session.network.parameters())
        params[self.index] = params[self.index].copy()     # the others are not changed: shared
        params[self.index][self.position] = value
        self.studio._replace("params", params)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


def part_bytes(value: Any) -> int:
    """The bytes of the arrays inside a document part (a network, parameters, a dataset)."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, (list, tuple)):
        return sum(part_bytes(v) for v in value)
    if hasattr(value, "__dict__"):
        return sum(part_bytes(v) for v in vars(value).values())
    return 0
