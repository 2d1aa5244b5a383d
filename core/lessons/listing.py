"""Lists of lessons, from their headers: nothing is built until a lesson is opened.

A lesson list (the Lessons panel, ``--lesson N``) shows each lesson's title, summary and
number of steps.  Those come from the lesson's header (:func:`.schema.read_head`): the file is
read and checked as JSON, but no project, network or dataset is built and no file beside it is
read, so listing a stranger's lesson costs what reading its text costs.  A course file
(:mod:`.course`) lists as its lessons, in order.

:meth:`Entry.open` reads the whole lesson (strictly, with the folder rule and the compute
budget); building a step's state is then :func:`.state.build_state`, which reports progress
and can be cancelled.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from backprop_studio.core.checks.errors import InputError

from .course import MAX_COURSE_BYTES, course_from_dict, is_course, load_course
from .model import Head, Lesson
from .schema import check_size, load_lesson, read_head, read_json


@dataclass(frozen=True)
class Entry:
    """One lesson of a list: where it is, its header (None when it cannot be read) and why not.

    ``index`` is its place (0-based) in a course file and ``course`` that course's title; both
    None for a lesson file.  ``problem`` is one line (it quotes no file)."""

    path: Path
    head: Head | None
    problem: str = ""
    index: int | None = None
    course: str | None = None

    def open(self) -> Lesson:
        """The whole lesson, read as ``lessons check`` reads it; InputError naming the problem."""
        if self.index is None:
            return load_lesson(self.path)
        return load_course(self.path).lesson(self.index)


def entries_of(path: str | os.PathLike[str]) -> list[Entry]:
    """The entries of one file: a lesson file is one entry, a course file one per lesson.  A file
    that cannot be read is one entry with its problem (never an exception)."""
    path = Path(path)
    try:
        doc = read_json(path, MAX_COURSE_BYTES)
        if is_course(doc):
            course = course_from_dict(doc, path.resolve())
            return [Entry(path, head, "", i, course.title) for i, head in enumerate(course.heads)]
        check_size(path)
        return [Entry(path, read_head(doc), "")]
    except InputError as e:
        return [Entry(path, None, str(e))]
    except OSError as e:          # gone between reading and measuring it
        return [Entry(path, None, f"cannot read it: {e.strerror or e}")]


def entries_in(folder: str | os.PathLike[str]) -> list[Entry]:
    """Every lesson of the ``*.json`` files in ``folder``, by file name (a course's lessons in
    its order): the order the Lessons panel lists them in and ``--lesson N`` counts them in."""
    return [entry for path in sorted(Path(folder).glob("*.json")) for entry in entries_of(path)]
