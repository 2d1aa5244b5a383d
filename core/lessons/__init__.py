"""Lessons: a walk through the article, as data (docs/lesson-file.md).

Qt-free, like the rest of ``core``: the app's Lessons panel and ``backprop-studio lessons check``
use the same reader, states, values and conditions.

- :func:`load_lesson` / :func:`lesson_from_dict`: the strict reader (InputError with the JSON path);
  :func:`lessons_in`: every lesson of a folder, in order;
- :func:`build_state` / :func:`project_for`: the state a step shows, headless;
- :func:`value`, :func:`answer_ok`, :func:`condition_met`: the numbers asked about and the tasks;
- :func:`render_markdown`: a step's text as Qt rich text (with the TeX subset of its math);
- :func:`check_lessons`: every problem of some lesson files, one line each.
"""
from __future__ import annotations

from .check import check_lessons, check_report
from .markdown import MathError, render_markdown, render_prompt
from .model import (
    Condition,
    Do,
    Function1D,
    Function2D,
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
from .schema import FORMAT, VERSION, lesson_from_dict, lessons_in, load_lesson
from .state import HeadlessState, apply_settings, build_state, config_with, project_for, states
from .values import Live, answer_ok, condition_met, position, value

__all__ = [
    "FORMAT", "VERSION", "Condition", "MathError", "check_lessons", "check_report", "render_markdown", "render_prompt",
    "Do", "Function1D", "Function2D", "HeadlessState", "Lesson", "Live",
    "Lock", "Question", "Run", "Settings", "Show", "State", "Step", "Value", "answer_ok", "apply_settings",
    "build_state", "condition_met", "config_with", "lesson_from_dict", "lessons_in", "load_lesson", "position",
    "project_for", "states", "value",
]
