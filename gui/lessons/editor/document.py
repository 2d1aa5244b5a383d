"""The lesson being written: a lesson document (plain JSON-shaped data), its file and its undo.

:class:`LessonDocument` holds the very document a lesson file holds (:mod:`core.lessons.draft`),
so what is saved is what the editor shows.  Every change is an :class:`EditCommand` on the
document's own :class:`QUndoStack` (never the studio's: writing a lesson is not editing the
network); typing in one field merges into one command per field (``merge``), as a slider
gesture does in the studio.  A command keeps the document before and after: the header and the
steps copied (they are small), the embedded projects shared (they are never changed in place:
a capture adds one, :func:`core.lessons.record.embed`).

:attr:`LessonDocument.changed` is emitted after every change, undo and redo; the views redraw
from :attr:`LessonDocument.doc` and never keep a copy of their own.
"""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.lessons import draft, lesson_from_dict
from backprop_studio.core.lessons.course import is_course
from backprop_studio.core.lessons.schema import check_format, read_json

from ...documents import write_atomically
from ...language import tr

_MERGE_IDS: dict[str, int] = {}


def snapshot(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` that later edits cannot reach (the projects are shared: see the module)."""
    out = {k: copy.deepcopy(x) for k, x in doc.items() if k != "projects"}
    out["projects"] = dict(doc.get("projects", {}))
    return out


class EditCommand(QUndoCommand):
    """One edit of the lesson: the document before and after."""

    def __init__(self, owner: LessonDocument, before: dict[str, Any], after: dict[str, Any], text: str,
                 merge: str | None) -> None:
        super().__init__(text)
        self.owner, self.before, self.after, self.merge = owner, before, after, merge

    def redo(self) -> None:
        self.owner._set(snapshot(self.after))

    def undo(self) -> None:
        self.owner._set(snapshot(self.before))

    def id(self) -> int:  # noqa: A003 - Qt's name
        return -1 if self.merge is None else _MERGE_IDS.setdefault(self.merge, len(_MERGE_IDS) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditCommand) or other.merge != self.merge:
            return False
        self.after = other.after
        return True


class LessonDocument(QObject):
    """The lesson the editor shows: :attr:`doc`, its file :attr:`path` (None until saved) and its
    undo stack.  ``origin``: the file it was copied from (a shipped lesson opens as a copy)."""

    changed = Signal()            # the document changed (an edit, undo, redo, or another document)
    path_changed = Signal()       # saved under another name, or another document opened

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc: dict[str, Any] = draft.new_document()
        self.path: Path | None = None
        self.origin: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)

    # -- editing ----------------------------------------------------------------------------
    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.doc["steps"]

    def edit(self, text: str, change: Callable[[dict[str, Any]], None], merge: str | None = None) -> None:
        """Change the document undoably: ``change`` edits a copy of it in place (``merge``: edits
        with the same key in a row are one undo step, as typing in one field is)."""
        before = snapshot(self.doc)
        after = snapshot(self.doc)
        change(after)
        if after == before:
            return
        self.undo_stack.push(EditCommand(self, before, after, text, merge))

    def set_step_key(self, index: int, key: str, value: Any, text: str, merge: bool = False) -> None:
        """Set (or with ``value`` None, remove) ``key`` of step ``index``."""
        def change(doc: dict[str, Any]) -> None:
            step = doc["steps"][index]
            if value is None:
                step.pop(key, None)
            else:
                step[key] = value
        self.edit(text, change, f"step {index} {key}" if merge else None)

    def set_key(self, key: str, value: Any, text: str, merge: bool = True) -> None:
        """Set a key of the lesson itself (id, title, summary, sections)."""
        self.edit(text, lambda doc: doc.__setitem__(key, value), f"lesson {key}" if merge else None)

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self.changed.emit()              # saved, or back to the saved text: the title's * follows

    def _set(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.changed.emit()

    # -- the file ---------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def replace(self, doc: dict[str, Any], path: Path | None, origin: Path | None = None,
                modified: bool = False) -> None:
        """Edit another document (new, opened or recovered); its undo history starts empty."""
        self.doc, self.path, self.origin = snapshot(doc), path, origin
        self.undo_stack.clear()
        if modified:
            self.undo_stack.resetClean()
        self.changed.emit()
        self.path_changed.emit()

    def open(self, path: Path, shipped: Path | None = None) -> None:
        """Edit the lesson file ``path`` (read strictly: InputError naming the problem); a lesson of
        the ``shipped`` folder opens as a copy (:func:`core.lessons.draft.as_copy`), saved elsewhere."""
        doc = read_json(path)
        if is_course(doc):
            raise InputError(tr("this is a course: the editor writes lessons (lessons pack makes a course "
                                "of them); open one of its lesson files"), "format")
        check_format(doc, "backprop-studio-lesson", "lesson")
        lesson_from_dict(doc, path.resolve())              # a lesson that does not read is not edited
        doc.setdefault("projects", {})
        copied = shipped is not None and path.resolve().parent == shipped.resolve()
        if copied:
            self.replace(draft.as_copy(doc), None, origin=path, modified=True)
        else:
            self.replace(doc, path)

    def text(self) -> str:
        """The file's text: the document as JSON (no empty ``projects``)."""
        doc = dict(self.doc)
        if not doc.get("projects"):
            doc.pop("projects", None)
        return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> None:
        """Check the lesson with the core reader (as the file at ``path``), then write it atomically;
        InputError or OSError, and nothing written, when it cannot be."""
        lesson_from_dict(json.loads(self.text()), path.resolve())
        write_atomically(path, self.text())
        moved = path != self.path
        self.path, self.origin = path, None
        self.undo_stack.setClean()
        if moved:
            self.path_changed.emit()
