"""Undo commands: every edit of the document is one of these, pushed on the studio's stack.

A command replaces one part of the model (the network, its parameter values, the training
configuration, the dataset, ...) with a new value and puts the old one back on undo.  It
knows the part only through the small :class:`Part` protocol (``name``, ``get``, ``set``:
:class:`gui.document_parts.DocumentPart` is the app's), never the studio; the views follow
the signals the part's ``set`` emits.  A slider gesture merges into one command through
``merge_key``.

Memory: a typed weight is a :class:`ParameterCommand` holding two numbers, not two copies
of every parameter.  A :class:`ReplaceCommand` holds two copies of its part (the session
changes what it is given, training the network's values in place: redo and undo install a
fresh copy) and knows their :attr:`~ReplaceCommand.cost` in bytes; the studio keeps the
stack's total under :data:`UNDO_MAX_BYTES` (see :meth:`gui.studio.StudioSession.push`).
"""
from __future__ import annotations

import copy
from typing import Any, Protocol

import numpy as np
from PySide6.QtGui import QUndoCommand

UNDO_MAX_BYTES = 256 * 2 ** 20
"""The undo stack's commands hold at most this many bytes of copied arrays."""
_MERGE_IDS: dict[str, int] = {}


class Part(Protocol):
    """What a command needs of a document part: its name, its value now, and a way to replace it."""

    name: str

    def get(self) -> Any: ...

    def set(self, value: Any) -> None: ...


class ReplaceCommand(QUndoCommand):
    """Replace ``part`` with ``new``; undo puts back what it held when the command was made."""

    def __init__(self, part: Part, new: Any, text: str, merge_key: str | None = None) -> None:
        super().__init__(text)
        self.part = part
        self.old = copy.deepcopy(part.get())
        self.new = copy.deepcopy(new)
        self.merge_key = merge_key
        self.cost = part_bytes(self.old) + part_bytes(self.new)

    def redo(self) -> None:
        self.part.set(copy.deepcopy(self.new))

    def undo(self) -> None:
        self.part.set(copy.deepcopy(self.old))

    def id(self) -> int:  # noqa: A003 - Qt's name
        if self.merge_key is None:
            return -1
        return _MERGE_IDS.setdefault(f"{self.part.name}:{self.merge_key}", len(_MERGE_IDS) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ReplaceCommand) or other.merge_key != self.merge_key \
                or other.part.name != self.part.name:
            return False
        self.new = other.new
        self.cost = part_bytes(self.old) + part_bytes(self.new)
        return True


class ParameterCommand(QUndoCommand):
    """A typed value: entry ``position`` of ``parameters()[index]`` from ``old`` to ``new``.

    ``params`` is the parameters part (W0, b0, W1, b1, ...).  Only the two numbers are kept:
    redo and undo rebuild the parameter list from the network's current values, which are
    exactly the ones this command left behind.
    """

    cost = 0

    def __init__(self, params: Part, index: int, position: tuple[int, ...], new: float, text: str) -> None:
        super().__init__(text)
        self.part, self.index, self.position = params, index, tuple(position)
        self.old = float(params.get()[index][self.position])
        self.new = float(new)

    def _set(self, value: float) -> None:
        params = list(self.part.get())
        params[self.index] = params[self.index].copy()     # the others are not changed: shared
        params[self.index][self.position] = value
        self.part.set(params)

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
