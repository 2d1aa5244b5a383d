"""Where the Lessons panel finds lessons: its sections, and the folders and files a teacher adds.

The panel lists, in order:

1. the shipped lessons (``resources/lessons/``, numbered as ``--lesson N`` counts them);
2. **My Lessons**, the user's own folder (:func:`gui.places.user_lessons_dir`, named in Help →
   About; the lesson editor saves there by default), once it holds a lesson;
3. every folder the teacher added (Add Folder…), by name;
4. every course file opened (File → Open, Open Lesson File…, ``backprop-studio COURSE``), one
   section each, titled by the course;
5. the lesson files opened from anywhere else, in one section.

Every list reads headers only (:mod:`core.lessons.listing`): nothing is built until a lesson is
started.  The added folders and opened files are kept in QSettings (``lessonLibrary/folders``,
``lessonLibrary/files``, a group apart from the progress under ``lessons/``), so the list is the
same after a restart; one that has gone is listed with its problem until it is removed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from backprop_studio.core.lessons.language import pick
from backprop_studio.core.lessons.listing import Entry, entries_in, entries_of

from .. import places
from ..language import interface_language, tr

FOLDERS_KEY = "lessonLibrary/folders"
FILES_KEY = "lessonLibrary/files"
MAX_REMEMBERED = 30


@dataclass(frozen=True)
class Section:
    """One section of the list: its title, its entries, and the folder or file it comes from
    (``removable``: a folder or file the teacher added, which Remove from List forgets)."""

    title: str
    entries: tuple[Entry, ...]
    origin: Path | None = None
    removable: bool = False


def _paths(key: str) -> list[Path]:
    value = QSettings().value(key, [])
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
    return [Path(p) for p in items if isinstance(p, str) and p]


def _remember(key: str, path: Path) -> None:
    path = path.resolve()
    kept = [path] + [p for p in _paths(key) if p != path]
    QSettings().setValue(key, [str(p) for p in kept[:MAX_REMEMBERED]])


def _forget(key: str, path: Path) -> None:
    QSettings().setValue(key, [str(p) for p in _paths(key) if p != path.resolve() and p != path])


def folders() -> list[Path]:
    """The folders the teacher added, newest first."""
    return _paths(FOLDERS_KEY)


def files() -> list[Path]:
    """The lesson and course files opened from elsewhere, newest first."""
    return _paths(FILES_KEY)


def add_folder(path: Path) -> None:
    _remember(FOLDERS_KEY, path)


def listed_folders(shipped: Path) -> list[Path]:
    """Every folder whose lessons are listed already (a file in one needs no entry of its own)."""
    return [p.resolve() for p in (shipped, places.user_lessons_dir(), *folders())]


def add_file(path: Path, shipped: Path) -> None:
    """List the lesson or course file ``path`` (unless its folder is listed: then it is there)."""
    if path.resolve().parent not in listed_folders(shipped):
        _remember(FILES_KEY, path)


def forget(path: Path) -> None:
    """Stop listing an added folder or an opened file (nothing is deleted)."""
    _forget(FOLDERS_KEY, path)
    _forget(FILES_KEY, path)


def _folder_entries(folder: Path) -> tuple[Entry, ...]:
    if not folder.is_dir():
        return (Entry(folder, None, tr("this folder is not there any more (Remove from List forgets it)")),)
    return tuple(entries_in(folder))


def sections(shipped: Path) -> list[Section]:
    """The sections the panel lists, in order (see the module docstring)."""
    out = [Section(tr("Shipped lessons"), tuple(entries_in(shipped)), shipped)]
    mine = places.user_lessons_dir()
    own = tuple(entries_in(mine)) if mine.is_dir() else ()
    if own:
        out.append(Section(tr("My Lessons ({folder})").format(folder=mine), own, mine))
    for folder in folders():
        out.append(Section(tr("Folder: {folder}").format(folder=folder), _folder_entries(folder), folder,
                           removable=True))
    single: list[Entry] = []
    for path in files():
        entries = entries_of(path)
        course = entries[0].course if entries and entries[0].course is not None else None
        if course is not None:
            title = tr("Course: {course}").format(course=pick(course, interface_language()))
            out.append(Section(title, tuple(entries), path, removable=True))
        else:
            single += entries
    if single:
        out.append(Section(tr("Opened lesson files"), tuple(single), None, removable=True))
    return out
