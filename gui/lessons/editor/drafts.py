"""A lesson being written survives a crash: its draft is autosaved and offered back, as a
project is (gui/documents.py, whose rule this follows: one file per running app, named with its
process id, in the app's data folder; a draft whose app is no longer running is an orphan).

``lesson-drafts/draft-PID.json`` in :func:`gui.places.data_dir` holds ``{"path": the lesson's
file or null, "origin": the file it was copied from or null, "document": the lesson}``.  It is
written every autosave interval while the lesson has unsaved changes, and removed once the
lesson is saved or the app closes normally.  On the next start an orphan is offered back with a
prompt; the recovered lesson is unsaved work in the editor.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.lessons.schema import read_json

from ...documents import orphaned_autosaves, write_atomically
from ...language import tr
from ...places import data_dir
from .document import LessonDocument

PREFIX = "draft"


def drafts_dir() -> Path:
    path = data_dir() / "lesson-drafts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def draft_path(pid: int | None = None) -> Path:
    """This app's draft (one per running app: two windows never overwrite each other's)."""
    return drafts_dir() / f"{PREFIX}-{os.getpid() if pid is None else pid}.json"


def orphaned_drafts() -> list[Path]:
    """Drafts left by apps that are no longer running, newest first."""
    return orphaned_autosaves(drafts_dir(), PREFIX)


def read_draft(path: Path) -> tuple[dict[str, Any], Path | None, Path | None]:
    """(the lesson document, its file, its origin) of a draft; InputError when it cannot be read
    (a draft is our own file, yet read as strictly as any)."""
    payload = read_json(path)
    if not isinstance(payload, dict) or not isinstance(payload.get("document"), dict):
        raise InputError(tr("not a lesson draft"), "document")
    doc = payload["document"]
    if not isinstance(doc.get("steps"), list) or not doc["steps"]:
        raise InputError(tr("the draft has no steps"), "document.steps")

    def where(key: str) -> Path | None:
        value = payload.get(key)
        return Path(value) if isinstance(value, str) and value else None
    return doc, where("path"), where("origin")


class DraftKeeper(QObject):
    """Autosaves ``document`` while it has unsaved changes (the interval is the documents'
    ``BACKPROP_STUDIO_AUTOSAVE_MS``, default a minute) and forgets the draft once it is saved."""

    def __init__(self, document: LessonDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.timer = QTimer(self)
        self.timer.setInterval(int(os.environ.get("BACKPROP_STUDIO_AUTOSAVE_MS", 60_000)))
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        document.undo_stack.cleanChanged.connect(self._on_document_clean_changed)

    def autosave(self) -> bool:
        """Write the draft when the lesson has unsaved changes (else drop it); False on failure."""
        if not self.document.modified:
            self.discard()
            return True
        d = self.document
        payload = {"path": str(d.path) if d.path else None, "origin": str(d.origin) if d.origin else None,
                   "document": d.doc}
        try:
            write_atomically(draft_path(), json.dumps(payload, ensure_ascii=False))
        except (OSError, ValueError):
            return False
        return True

    def discard(self) -> None:
        draft_path().unlink(missing_ok=True)

    def _on_document_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()
