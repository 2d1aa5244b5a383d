"""Packing lesson files into one course file (``backprop-studio lessons pack``).

Each lesson is read as ``lessons check`` reads it (strictly, with the folder rule and the
compute budget), then made self-contained: a ``file:`` project it names is embedded under a
name of its own (the reference becomes ``embedded:NAME``) and every CSV dataset, of an embedded
project or a referenced one, is embedded as its numbers (:func:`core.data.datasets.inline_spec`).
The course is read back (:func:`.course.course_from_dict` and every lesson, as a lesson without
a folder) before it is handed out, so what ``pack`` writes, ``lessons check`` and the app accept.
"""
from __future__ import annotations

import copy
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import inline_spec
from backprop_studio.core.files import project_file

from .course import COURSE_FORMAT, course_from_dict, is_course
from .markdown import render_markdown
from .model import Lesson
from .schema import MAX_TEXT, VERSION, check_size, lesson_from_dict, read_json
from .state import folder_of, project_for


def pack_course(paths: Sequence[str | os.PathLike[str]], title: str, intro: str = "") -> dict[str, Any]:
    """The course document of the lesson files ``paths``, in order; InputError naming the file
    (``where`` starts with it) at the first problem."""
    lessons = []
    for p in map(Path, paths):
        try:
            doc = read_json(p)
            if is_course(doc):
                raise InputError("this is a course file; pack takes lesson files", "format")
            check_size(p)
            lessons.append(self_contained(doc, lesson_from_dict(doc, p.resolve())))
        except InputError as e:
            raise InputError(e.message, f"{p}: {e.where}" if e.where else str(p)) from None
    packed: dict[str, Any] = {"format": COURSE_FORMAT, "version": VERSION, "title": title}
    if intro:
        packed["intro"] = intro
    packed["lessons"] = lessons
    course = course_from_dict(packed)
    for i in range(len(lessons)):          # each as the app will read it: no folder, within budget
        course.lesson(i)
    return packed


def read_intro(path: str | os.PathLike[str]) -> str:
    """The introduction of a course from a Markdown file: UTF-8, at most the lesson texts' limit,
    in the renderer's subset (InputError at ``--intro`` otherwise)."""
    try:
        data = v.read_regular_file(path, 4 * MAX_TEXT, "--intro")
    except OSError as e:
        raise InputError(f"cannot read {os.fspath(path)!r}: {e.strerror or e}", "--intro") from None
    try:
        intro = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise InputError(f"{os.fspath(path)} is not UTF-8 text", "--intro") from None
    if len(intro) > MAX_TEXT:
        raise InputError(f"{len(intro):,} characters is too long; the limit is {MAX_TEXT:,}", "--intro")
    try:
        render_markdown(intro)
    except InputError as e:
        raise InputError(e.message, "--intro") from None
    return intro


def self_contained(doc: dict[str, Any], lesson: Lesson) -> dict[str, Any]:
    """A copy of the lesson document ``doc`` (read as ``lesson``) that names no file."""
    out = copy.deepcopy(doc)
    projects: dict[str, Any] = out.setdefault("projects", {})
    for name, project in projects.items():
        if "csv" in project["dataset"]:
            project["dataset"] = inline_spec(project_for(lesson, f"embedded:{name}").dataset)
    named: dict[str, str] = {}
    for i, step in enumerate(out["steps"]):
        ref = step.get("state", {}).get("project", "")
        if not ref.startswith("file:"):
            continue
        if ref not in named:
            named[ref] = _free_name(Path(ref[len("file:"):]).stem, projects)
            projects[named[ref]] = _embedded_file(lesson, ref, v.join(v.join("steps", i), "state.project"))
        step["state"]["project"] = f"embedded:{named[ref]}"
    if not projects:
        del out["projects"]
    return out


def _embedded_file(lesson: Lesson, ref: str, where: str) -> dict[str, Any]:
    """The project document a ``file:`` reference names (inside the lesson's folder), its CSV
    dataset as numbers."""
    doc = read_json(folder_of(lesson).file(ref[len("file:"):], where), project_file.MAX_FILE_BYTES)
    if isinstance(doc, dict) and isinstance(doc.get("dataset"), dict) and "csv" in doc["dataset"]:
        doc["dataset"] = inline_spec(project_for(lesson, ref, where).dataset)
    return doc


def _free_name(stem: str, taken: dict[str, Any]) -> str:
    """A project name (1 to 60 of A-Za-z0-9_-) made of ``stem``, not yet in ``taken``."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", stem)[:50].strip("_") or "project"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    return name
