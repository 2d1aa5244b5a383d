"""A teacher writes a lesson from the app: Record lesson step, then Save lesson.

*Record* captures what the app shows as a new step: the document, embedded in the lesson as a
project at its initial parameters (so the lesson file holds no trained numbers and no answers:
those are computed when the lesson runs), the training position (steps done and the phase of
a step in progress) and the value selected in the Step Debugger (``show.select``), with a
title and text typed in a dialog.  *Save* checks the lesson with the core reader
(:func:`core.lessons.lesson_from_dict`) and writes it atomically, as a project is saved.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QWidget,
)

from backprop_studio.core import lessons as core_lessons
from backprop_studio.core.lessons.record import LessonDraft

from ..dialogs import show_error
from ..documents import write_atomically
from ..language import QT_TR_NOOP, tr
from .window import studio_of

LESSON_FILTER = str(QT_TR_NOOP("Backprop Studio lessons (*.json);;All files (*)"))    # shown through tr()
SUGGESTED_FILE = "my-lesson.json"     # a file name: never translated


class TextDialog(QDialog):
    """A few lines of text: each field a (label, initial text, multi-line) row."""

    def __init__(self, parent: QWidget, title: str, fields: list[tuple[str, str, bool]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.edits: list[QLineEdit | QPlainTextEdit] = []
        for label, text, multi in fields:
            edit = QPlainTextEdit(text) if multi else QLineEdit(text)
            form.addRow(label, edit)
            self.edits.append(edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> list[str]:
        return [e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text() for e in self.edits]


def ask_texts(parent: QWidget, title: str, fields: list[tuple[str, str, bool]]) -> list[str] | None:
    """The typed texts, or None when cancelled (tests replace this function)."""
    dialog = TextDialog(parent, title, fields)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LessonRecorder:
    """The lesson being recorded in this window (:class:`core.lessons.record.LessonDraft`)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.draft = LessonDraft()

    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.draft.steps

    def capture(self, title: str, text: str) -> dict[str, Any]:
        """A step of what the app shows now: the document, its position, the selected value."""
        debugger = self.window.findChild(QWidget, "stepDebugger")
        selected = getattr(debugger, "_selected", None)
        return self.draft.add_step(studio_of(self.window).session, title, text, selected)

    def record(self) -> bool:
        """Ask for the step's title and text, then capture it; False when cancelled."""
        step = tr("Step {n}").format(n=len(self.steps) + 1)
        texts = ask_texts(self.window, tr("Record lesson step"),
                          [(tr("Title"), step, False), (tr("Text (Markdown, $math$)"), "", True)])
        if texts is None:
            return False
        title, text = (t.strip() for t in texts)
        self.capture(title or step, text or title or tr("(no text)"))
        self.window.statusBar().showMessage(
            tr("Recorded lesson step {n}: save the lesson with Help → Write a Lesson → Save Lesson").format(
                n=len(self.steps)), 8000)
        return True

    # -- saving ---------------------------------------------------------------------------
    def write(self, path: Path, doc: dict[str, Any]) -> None:
        """Check ``doc`` with the core reader, then write it atomically; InputError or OSError."""
        core_lessons.lesson_from_dict(doc, path)
        write_atomically(path, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")

    def save(self) -> bool:
        """Ask for the lesson's title, summary and file, then write it; False when not written."""
        if not self.steps:
            show_error(self.window, tr("Nothing to save"),
                       tr("Record a lesson step first (Help → Write a Lesson → Record Lesson Step)."))
            return False
        texts = ask_texts(self.window, tr("Save lesson"), [
            (tr("Title"), tr("My lesson"), False), (tr("Summary"), "", False),
            (tr("Article sections (comma-separated)"), "Backpropagation", False)])
        if texts is None:
            return False
        title, summary, sections = texts
        chosen, _ = QFileDialog.getSaveFileName(self.window, tr("Save lesson"), SUGGESTED_FILE, tr(LESSON_FILTER))
        if not chosen:
            return False
        path = Path(chosen if chosen.endswith(".json") else chosen + ".json")
        lesson_id = slug(path.stem)
        doc = self.draft.document(lesson_id, title.strip() or path.stem, summary.strip() or title.strip() or path.stem,
                            [s.strip() for s in sections.split(",") if s.strip()] or ["Backpropagation"])
        try:
            self.write(path, doc)
        except (ValueError, OSError) as e:      # InputError is a ValueError, as is text that cannot be encoded
            show_error(self.window, tr("Lesson not saved"),
                       tr("{file} was not written.").format(file=path.name) + f"\n\n{e}")
            return False
        self.window.statusBar().showMessage(
            tr("Saved the lesson ({n} steps) to {path}").format(n=len(self.steps), path=path), 8000)
        return True


def slug(text: str) -> str:
    """A lesson id from a file name: lower case letters, digits and hyphens, at most 60."""
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)[:60] or "lesson"
