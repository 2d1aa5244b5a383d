"""What a file is, read once: a project, a lesson or a course (File → Open, ``backprop-studio PATH``).

Every document of the app says what it is in its ``format`` key: ``"backprop-studio"`` (a
project, docs/project-file.md), ``"backprop-studio-lesson"`` or ``"backprop-studio-course"``
(docs/lesson-file.md).  :func:`open_file` reads the file once, with the largest limit of the
three (a project's), parses it strictly, and reads it as what its format says, each with its own
limits and reader:

- a project: the whole session (:func:`core.files.project_file.session_from`);
- a lesson: its header only, as a lesson list reads it (:func:`.schema.read_head`): the whole
  lesson is read (its projects built, its budget checked) when it is started (:meth:`.Entry.open`);
- a course: its lessons' headers (:func:`.course.course_from_dict`).

Anything else (no ``format``, an unknown one) is read as a project, so its message is the
project reader's ("this is not a Backprop Studio project"), naming the three formats.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session

from .course import COURSE_FORMAT, MAX_COURSE_BYTES, course_from_dict
from .listing import Entry
from .schema import FORMAT, MAX_LESSON_BYTES, read_head

KINDS = ("project", "lesson", "course")


@dataclass(frozen=True)
class Opened:
    """A file read as what it is: ``kind`` one of :data:`KINDS`; ``session`` for a project,
    ``entries`` (headers) for a lesson (one) or a course (one per lesson, in order), ``title``
    the course's title."""

    path: Path
    kind: str
    session: Session | None = None
    entries: tuple[Entry, ...] = field(default_factory=tuple)
    title: str = ""


def kind_of(doc: Any) -> str:
    """What a parsed document says it is (a project unless it says lesson or course)."""
    fmt = doc.get("format") if isinstance(doc, dict) else None
    return {FORMAT: "lesson", COURSE_FORMAT: "course"}.get(fmt, "project") if isinstance(fmt, str) else "project"


def read_document(path: str | os.PathLike[str]) -> Any:
    """The parsed JSON of the regular file ``path`` (at most a project's size, the largest of the
    three formats); InputError, never OSError."""
    try:
        data = v.read_regular_file(path, project_file.MAX_FILE_BYTES, "document")
    except OSError as e:
        raise InputError(f"cannot read {os.fspath(path)!r}: {e.strerror or e}", "document") from None
    doc = project_file.parse_json(data)
    limit = {"lesson": MAX_LESSON_BYTES, "course": MAX_COURSE_BYTES}.get(kind_of(doc))
    if limit is not None and len(data) > limit:
        raise InputError(f"the file is {len(data):,} bytes; the limit for a {kind_of(doc)} is {limit:,} bytes",
                         "document")
    return doc


def open_file(path: str | os.PathLike[str]) -> Opened:
    """The file ``path`` read as a project, a lesson (header) or a course (headers); InputError
    naming the JSON path of the first problem."""
    path = Path(path)
    doc = read_document(path)
    kind = kind_of(doc)
    if kind == "lesson":
        return Opened(path, kind, entries=(Entry(path, read_head(doc)),))
    if kind == "course":
        course = course_from_dict(doc, path.resolve())
        return Opened(path, kind, entries=tuple(Entry(path, head, "", i, course.title)
                                                for i, head in enumerate(course.heads)), title=course.title)
    return Opened(path, kind, session=project_file.session_from(doc, path.resolve().parent))
