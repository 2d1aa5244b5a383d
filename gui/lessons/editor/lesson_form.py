"""The Lesson tab: the lesson's own keys (its id, title, summary and article sections)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from backprop_studio.core.lessons.language import english_of, with_english, with_englishes

from ...language import tr
from .bound import put_text
from .document import LessonDocument


class LessonForm(QWidget):
    def __init__(self, document: LessonDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.filling = False
        self.title = QLineEdit()
        self.title.setObjectName("lessonEditorLessonTitle")
        self.title.setMaxLength(80)
        self.lesson_id = QLineEdit()
        self.lesson_id.setObjectName("lessonEditorId")
        self.lesson_id.setToolTip(tr("1 to 60 of a-z, 0-9 and -: the learner's progress is kept under it"))
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("lessonEditorSummary")
        self.summary.setToolTip(tr("Markdown, shown under the lesson in the Lessons panel's list"))
        self.summary.setMaximumHeight(90)
        self.sections = QLineEdit()
        self.sections.setObjectName("lessonEditorSections")
        self.sections.setToolTip(tr("The article's sections the lesson covers, separated by commas"))
        self.where = QLabel()
        self.where.setObjectName("lessonEditorFile")
        self.where.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(2, 2, 2, 2)
        form.addRow(tr("Title"), self.title)
        form.addRow(tr("Id"), self.lesson_id)
        form.addRow(tr("Summary"), self.summary)
        form.addRow(tr("Sections"), self.sections)
        form.addRow(tr("File"), self.where)
        self.title.textEdited.connect(lambda t: self._set(
            "title", with_english(self.document.doc.get("title"), t), tr("Edit lesson title")))
        self.lesson_id.textEdited.connect(lambda t: self._set("id", t, tr("Edit lesson id")))
        self.summary.textChanged.connect(lambda: self._set(
            "summary", with_english(self.document.doc.get("summary"), self.summary.toPlainText()), tr("Edit summary")))
        self.sections.textEdited.connect(lambda t: self._set(
            "sections", with_englishes(self._sections(), [s.strip() for s in t.split(",") if s.strip()]),
            tr("Edit sections")))
        document.changed.connect(self.refresh)
        document.path_changed.connect(self.refresh)
        self.refresh()

    def _sections(self) -> list[Any]:
        return found if isinstance(found := self.document.doc.get("sections"), list) else []

    def _set(self, key: str, value: Any, text: str) -> None:
        if not self.filling:
            self.document.set_key(key, value, text)

    def refresh(self) -> None:
        doc = self.document.doc
        self.filling = True
        try:
            put_text(self.title, english_of(doc.get("title")))
            put_text(self.lesson_id, str(doc.get("id", "")))
            put_text(self.summary, english_of(doc.get("summary")))
            sections = [english_of(s) for s in self._sections()]
            if [s.strip() for s in self.sections.text().split(",") if s.strip()] != sections:
                self.sections.setText(", ".join(sections))
        finally:
            self.filling = False
        d = self.document
        if d.path is not None:
            self.where.setText(str(d.path))
        elif d.origin is not None:
            self.where.setText(tr("A copy of {file}, not saved yet (Save asks where)").format(file=d.origin.name))
        else:
            self.where.setText(tr("Not saved yet (Save asks where; My Lessons is listed in the Lessons panel)"))
