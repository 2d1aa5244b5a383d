"""The Lessons panel's list page, its behaviour (the layout is :mod:`.pages`): the lessons in
sections (:mod:`.library`) with their progress, Start / Continue and Reset progress, and the
files and folders a teacher opens or adds (Open Lesson File…, Add Folder…, Remove from List;
File → Open and ``backprop-studio PATH`` arrive at :meth:`ListPage.open_opened`).

:class:`ListPage` is a part of :class:`.panel.LessonPanel` (a mixin: it uses the panel's
widgets, :attr:`folder`, :meth:`start` and :meth:`leave`); every row of the list is an entry of
:attr:`found` (its index in the item's data) or a section's heading.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidgetItem

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.lessons.language import in_language, pick
from backprop_studio.core.lessons.listing import Entry
from backprop_studio.core.lessons.markdown import render_plain
from backprop_studio.core.lessons.opening import Opened, open_file

from .. import places
from ..language import QT_TR_NOOP, interface_language, tr
from . import library, progress
from .pointing import reveal
from .safe_text import markdown, set_rich, tooltip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QWidget

    from backprop_studio.core.lessons.model import Lesson

    _Panel = QWidget          # to the type checker the mixin is the panel's QWidget
else:
    _Panel = object

LESSON_FILTER = str(QT_TR_NOOP("Backprop Studio lessons and courses (*.json);;All files (*)"))


class ListPage(_Panel):
    """The list page's behaviour (see the module docstring)."""

    folder: Path
    list: QListWidget
    summary: QLabel
    start_button: QPushButton
    reset_button: QPushButton
    forget_button: QPushButton
    lesson: Any          # and the panel's start(lesson, key), leave() and window()

    if TYPE_CHECKING:    # the panel's (not defined here at run time)
        def start(self, lesson: Lesson, key: str | None = None, at: int | None = None) -> None: ...

        def leave(self) -> None: ...

    # -- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the lessons' headers again (no lesson is built: :mod:`core.lessons.listing`) and
        show them, in sections (:mod:`.library`) when there is more than one, with their progress.
        Every text shown is the file's, escaped."""
        self.sections = library.sections(self.folder)
        self.found: list[Entry] = []
        row = max(self.list.currentRow(), 0)
        self.list.clear()
        headed = len(self.sections) > 1
        for section in self.sections:
            if headed:
                self._add_header(section)
            for number, entry in enumerate(section.entries, 1):
                self._add_entry(number, entry)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._on_list_current_row_changed(self.list.currentRow())

    def _add_header(self, section: library.Section) -> None:
        item = QListWidgetItem(section.title if section.entries
                               else tr("{section}: no lessons yet").format(section=section.title))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)        # a heading: drawn as text, never selected
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.list.addItem(item)

    def _add_entry(self, number: int, entry: Entry) -> None:
        head = entry.head
        if head is None:        # an item's own text is plain text; its tooltip is escaped
            item = QListWidgetItem(tr("{file}: cannot be read").format(file=entry.path.name))
            item.setToolTip(tooltip(entry.problem))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        else:
            label = progress.load(self.key_of(entry)).label(head.steps)
            head = in_language(head, interface_language())
            item = QListWidgetItem(f"{number}. {head.title}    {label}")   # the number --lesson takes
            course = "\n\n" + tr("In the course: {course}").format(
                course=pick(entry.course, interface_language())) if entry.course else ""
            sections = tr("Article sections: {sections}").format(sections=", ".join(head.sections))
            item.setToolTip(tooltip(f"{head.summary}\n\n{sections}{course}\n\n"
                                    + tr("File: {path}").format(path=entry.path)))
        item.setData(Qt.ItemDataRole.UserRole, len(self.found))
        self.found.append(entry)
        self.list.addItem(item)

    def key_of(self, entry: Entry) -> str:
        """Where ``entry``'s progress is kept (its id, and its file unless it is shipped)."""
        assert entry.head is not None
        return progress.key_of(entry.head.id, entry.path, entry.index, self.folder)

    def entry_in(self, row: int) -> Entry | None:
        """The entry listed in ``row`` (None for a heading), readable or not."""
        item = self.list.item(row)
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return self.found[index] if isinstance(index, int) and 0 <= index < len(self.found) else None

    def row_of(self, entry: Entry) -> int:
        """The row listing ``entry`` (-1 when it is not listed)."""
        for row in range(self.list.count()):
            if self.entry_in(row) == entry:
                return row
        return -1

    def lesson_at(self, row: int) -> Entry | None:
        """The listed lesson in ``row`` (None for a heading or a row that cannot be read)."""
        entry = self.entry_in(row)
        return entry if entry is not None and entry.head is not None else None

    def section_of(self, entry: Entry) -> library.Section | None:
        return next((s for s in self.sections if entry in s.entries), None)

    def _on_list_current_row_changed(self, row: int) -> None:
        entry = self.lesson_at(row)
        if entry is not None and entry.head is not None:
            set_rich(self.summary, markdown(pick(entry.head.summary, interface_language())))
        else:
            listed = self.entry_in(row)
            set_rich(self.summary, render_plain(listed.problem if listed is not None else ""))
        self.start_button.setEnabled(entry is not None)
        self.reset_button.setEnabled(entry is not None)
        listed = self.entry_in(row)
        section = self.section_of(listed) if listed is not None else None
        self.forget_button.setEnabled(section is not None and section.removable)
        if entry is not None and entry.head is not None:
            p = progress.load(self.key_of(entry))
            self.start_button.setText(tr("Continue") if p.current or p.done else tr("Start"))

    def start_selected(self) -> None:
        """Read the selected lesson whole (strictly, within its compute budget) and start it; a
        lesson that does not read says why under the list."""
        entry = self.lesson_at(self.list.currentRow())
        if entry is None:
            return
        try:
            lesson = entry.open()
        except InputError as e:
            set_rich(self.summary, render_plain(tr("This lesson cannot be started: {problem}").format(problem=e)))
            return
        self.start(lesson, self.key_of(entry))

    def reset_selected(self) -> None:
        entry = self.lesson_at(self.list.currentRow())
        if entry is not None and entry.head is not None:
            progress.reset(self.key_of(entry))
            self.reload()

    # -- files and folders -----------------------------------------------------------------
    def open_opened(self, opened: Opened) -> bool:
        """List a lesson or course file read by :func:`core.lessons.opening.open_file` (File → Open,
        Open Lesson File…, ``backprop-studio PATH``) and select it: a lesson starts, a course's
        first lesson is selected.  False when a lesson did not start."""
        if self.lesson is not None:
            self.leave()
        library.add_file(opened.path, self.folder)
        self.reload()
        reveal(self)
        target = Path(opened.path).resolve()
        rows = [r for r in range(self.list.count())
                if (e := self.lesson_at(r)) is not None and e.path.resolve() == target]
        if not rows:
            return False
        self.list.setCurrentRow(rows[0])
        if opened.kind == "course":
            return True
        self.start_selected()
        return self.lesson is not None

    def open_path(self, path: str | Path) -> bool:
        """Open the lesson or course ``path``; a project goes to the window's File → Open (which
        asks about unsaved work).  A file that cannot be read is one line under the list."""
        path = Path(path)
        try:
            opened = open_file(path)
        except InputError as e:
            note = tr("{file} was not opened: {problem}").format(file=path.name, problem=e)
            set_rich(self.summary, render_plain(note))
            return False
        if opened.kind == "project":
            documents = getattr(self.window(), "documents", None)
            return documents is not None and documents.open_path(path)
        return self.open_opened(opened)

    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open a lesson or course"), str(places.user_lessons_dir()),
                                              tr(LESSON_FILTER))
        if path:
            self.open_path(path)

    def add_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("List the lessons of a folder"), str(Path.home()))
        if path:
            library.add_folder(Path(path))
            self.reload()

    def forget_selected(self) -> None:
        """Stop listing the selected lesson's added folder or opened file."""
        entry = self.entry_in(self.list.currentRow())
        section = self.section_of(entry) if entry is not None else None
        if entry is not None and section is not None and section.removable:
            library.forget(section.origin if section.origin is not None else entry.path)
            self.reload()
