"""Lessons: a walk through the article, as data (docs/lesson-file.md).

Qt-free, like the rest of ``core``: the app's Lessons panel and ``backprop-studio lessons check``
use the same reader, states, values and conditions.

- :func:`load_lesson` / :func:`lesson_from_dict`: the strict reader (InputError with the JSON path;
  every path inside the folder, the work within the budget of :mod:`.budget`);
- :func:`entries_in` / :func:`entries_of`: lists of lessons from their headers, building nothing
  (:class:`Entry`, whose ``open()`` reads the whole lesson); a course file lists as its lessons;
- :func:`load_course` / :func:`course_from_dict`: a course file (:class:`Course`: title, intro,
  headers; ``lesson(i)`` reads one lesson as a file is read); :func:`pack_course` writes one;
- :func:`build_state` / :func:`project_for`: the state a step shows, headless (with progress and
  cancel: :class:`Cancelled`);
- :func:`value`, :func:`answer_ok`, :func:`condition_met`: the numbers asked about and the tasks;
- :func:`render_markdown`, :func:`render_line`, :func:`render_plain`: the one renderer of a
  lesson's texts (Markdown with the TeX subset, a title, anything else), all HTML escaped;
- :class:`Targets`: what a lesson may touch in the app (the app hands in the allowlist);
- :func:`check_lessons`: every problem of some lesson files, one line each.
"""
from __future__ import annotations

from .check import check_lessons, check_report
from .course import COURSE_FORMAT, Course, course_from_dict, load_course
from .listing import Entry, entries_in, entries_of
from .markdown import MathError, render_line, render_markdown, render_plain, render_prompt
from .model import (
    Condition,
    Do,
    Function1D,
    Function2D,
    Head,
    Lesson,
    Lock,
    Question,
    Run,
    Settings,
    Show,
    State,
    Step,
    Value,
)
from .pack import pack_course
from .schema import FORMAT, VERSION, lesson_from_dict, lessons_in, load_lesson
from .state import Cancelled, HeadlessState, apply_settings, build_state, config_with, project_for, states
from .targets import Targets
from .values import Live, answer_ok, condition_met, position, value

__all__ = [
    "COURSE_FORMAT", "FORMAT", "VERSION", "Cancelled", "Condition", "Course", "Do", "Entry", "Function1D",
    "Function2D", "Head", "HeadlessState", "Lesson", "Live", "Lock", "MathError", "Question", "Run", "Settings",
    "Show", "State", "Step", "Targets", "Value", "answer_ok", "apply_settings", "build_state", "check_lessons",
    "check_report", "condition_met", "config_with", "course_from_dict", "entries_in", "entries_of",
    "lesson_from_dict", "lessons_in", "load_course", "load_lesson", "pack_course", "position", "project_for",
    "render_line", "render_markdown", "render_plain", "render_prompt", "states", "value",
]
