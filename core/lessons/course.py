"""A course file: several lessons in order, with a title and an optional introduction, in one
self-contained file a teacher can mail or put on a course page (docs/lesson-file.md, "Courses").

    {"format": "backprop-studio-course", "version": 1,
     "title": "Backpropagation, week 3", "intro": "Markdown (optional)",
     "lessons": [LESSON, ...]}

Each LESSON is a whole lesson document with its projects embedded.  Reading is as strict as a
lesson's, with the same limits: the course file at most :data:`MAX_COURSE_BYTES`, each lesson at
most the lesson file's 8 MiB, at most :data:`MAX_LESSONS` lessons, ids unique within the course.
A lesson of a course has no folder of its own, so it may name no file (``file:`` projects, CSV
datasets): ``backprop-studio lessons pack`` (:mod:`.pack`) embeds them.

:func:`load_course` reads the course and every lesson's header (:func:`.schema.read_head`)
without building anything; :meth:`Course.lesson` reads one lesson exactly as a lesson file is
read (:func:`.schema.lesson_from_dict`: strict, the folder rule, the compute budget), with its
problems named ``lessons[i].<JSON path>``.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError

from .markdown import render_markdown
from .model import Head, Lesson
from .schema import MAX_LESSON_BYTES, check_format, lesson_from_dict, line, read_head, read_json, text

COURSE_FORMAT = "backprop-studio-course"
MAX_COURSE_BYTES = 32 * 2 ** 20
MAX_LESSONS = 50


@dataclass(frozen=True)
class Course:
    """A course: its title, its introduction (Markdown, "" when it has none), each lesson's header
    in order, and the lesson documents, read one at a time by :meth:`lesson`."""

    title: str
    intro: str
    heads: tuple[Head, ...]
    documents: tuple[dict[str, Any], ...]
    path: Path | None = None

    def lesson(self, index: int) -> Lesson:
        """Lesson ``index`` (0-based), read as a lesson file is; InputError at ``lessons[index]...``."""
        if not 0 <= index < len(self.documents):
            raise IndexError(f"the course has {len(self.documents)} lessons; there is no lesson {index + 1}")
        try:
            return lesson_from_dict(self.documents[index], None)
        except InputError as e:
            raise InputError(e.message, in_lesson(index, e.where)) from None

    def lessons(self) -> Iterator[Lesson]:
        """Every lesson in order (each read when it is reached)."""
        for i in range(len(self.documents)):
            yield self.lesson(i)


def in_lesson(index: int, where: str | None) -> str:
    """The JSON path, in the course, of ``where`` in its lesson ``index``."""
    at = v.join("lessons", index)
    return at if where in (None, "document") else v.join(at, where)


def is_course(doc: Any) -> bool:
    """Whether a parsed document says it is a course (then read it with :func:`course_from_dict`)."""
    return isinstance(doc, dict) and doc.get("format") == COURSE_FORMAT


def load_course(path: str | os.PathLike[str]) -> Course:
    """The course in the file ``path``: its title, introduction and lesson headers, read strictly."""
    return course_from_dict(read_json(path, MAX_COURSE_BYTES), Path(path).resolve())


def course_from_dict(doc: Any, path: str | os.PathLike[str] | None = None) -> Course:
    """The course a parsed document describes; every lesson's header is read (no state is built)."""
    check_format(doc, COURSE_FORMAT, "course")
    v.obj(doc, "document", ("format", "version", "title", "lessons"), ("intro",))
    title = line(doc["title"], "title")
    intro = text(doc["intro"], "intro") if "intro" in doc else ""
    if intro:
        try:
            render_markdown(intro)
        except InputError as e:
            raise InputError(e.message, "intro") from None
    lessons = doc["lessons"]
    if not isinstance(lessons, list) or not 1 <= len(lessons) <= MAX_LESSONS:
        got = f"{len(lessons)} lessons" if isinstance(lessons, list) else v.describe(lessons)
        raise InputError(f"a course has 1 to {MAX_LESSONS} lessons, got {got}", "lessons")
    heads: list[Head] = []
    seen: dict[str, int] = {}
    for i, lesson in enumerate(lessons):
        try:
            head = read_head(lesson)
        except InputError as e:
            raise InputError(e.message, in_lesson(i, e.where)) from None
        size = len(json.dumps(lesson, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
        if size > MAX_LESSON_BYTES:
            raise InputError(f"the lesson is about {size:,} bytes; a lesson may have at most "
                             f"{MAX_LESSON_BYTES:,} (as a lesson file)", in_lesson(i, None))
        if head.id in seen:
            raise InputError(f"{head.id!r} is also the id of lessons[{seen[head.id]}]; ids are unique "
                             "within a course", in_lesson(i, "id"))
        seen[head.id] = i
        heads.append(head)
    return Course(title, intro, tuple(heads), tuple(lessons), None if path is None else Path(path))
