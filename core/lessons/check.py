"""``lessons check``: every problem of some lesson files, one line each, naming the JSON path.

A lesson passes when it reads strictly (:mod:`.schema`), its texts' Markdown and math render
(:mod:`.markdown`), every object name, action and tab page it points at is one the app has
(``known_names``, handed in by the gui launcher: core cannot import gui), every state loads
and can be reached without a window (:mod:`.state`), every question's value and every
selected value can be computed in its step's state and is finite (:mod:`.values`), every
``do`` task's settings and conditions fit its state, and no two lessons share an id.
"""
from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError

from .functions import overlaid
from .markdown import render_markdown
from .model import Condition, Do, Lesson, Question, Step
from .schema import load_lesson
from .state import HeadlessState, config_with, states
from .values import value


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    lessons: int = 0
    steps: int = 0


def lesson_files(paths: Iterable[str | os.PathLike[str]], report: Report) -> list[Path]:
    """The files to check: each file given, and the ``*.json`` files of each folder, sorted."""
    files = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.json"))
            if not found:
                report.problems.append(f"{p}: no lesson files (*.json) in this folder")
            files += found
        elif p.exists():
            files.append(p)
        else:
            report.problems.append(f"{p}: no such file or folder")
    return files


def check_lessons(paths: Iterable[str | os.PathLike[str]], known_names: Collection[str] | None = None,
                  tab_pages: Collection[str] | None = None) -> list[str]:
    """Every problem of the lesson files (and folders of them) ``paths``, one line each."""
    return check_report(paths, known_names, tab_pages).problems


def check_report(paths: Iterable[str | os.PathLike[str]], known_names: Collection[str] | None = None,
                 tab_pages: Collection[str] | None = None) -> Report:
    """:func:`check_lessons` with the number of lessons and steps read.  ``known_names`` None
    skips the object-name checks (a caller without the app's names)."""
    report = Report()
    ids: dict[str, Path] = {}
    for path in lesson_files(paths, report):
        try:
            lesson = load_lesson(path)
        except InputError as e:
            report.problems.append(f"{path}: {e}")
            continue
        report.lessons += 1
        report.steps += len(lesson.steps)
        if lesson.id in ids:
            report.problems.append(f"{path}: id: {lesson.id!r} is also the id of {ids[lesson.id]}")
        ids.setdefault(lesson.id, path)
        report.problems += [f"{path}: {p}" for p in problems_of(lesson, known_names, tab_pages)]
    return report


def problems_of(lesson: Lesson, known_names: Collection[str] | None,
                tab_pages: Collection[str] | None = None) -> list[str]:
    """The problems of one lesson read without error (texts, names, states, values)."""
    out = [str(e) for e in _texts(lesson)]
    if known_names is not None:
        for i, step in enumerate(lesson.steps):
            out += _names(step, v.join("steps", i), known_names, tab_pages)
    walk = states(lesson)
    for i, step in enumerate(lesson.steps):
        where = v.join("steps", i)
        try:
            _, state = next(walk)
        except InputError as e:
            return out + [str(e)]     # the later states build on this one
        except (ValueError, ArithmeticError) as e:
            return out + [f"{where}: cannot build this step's state: {e}"]
        out += _in_state(step, state, where)
    return out


def _texts(lesson: Lesson) -> Iterable[InputError]:
    texts = [("summary", lesson.summary)]
    for i, step in enumerate(lesson.steps):
        where = v.join("steps", i)
        texts += [(v.join(where, "text"), step.text), (v.join(where, "explanation"), step.explanation)]
        texts += [(v.join(v.join(where, "hints"), k), h) for k, h in enumerate(step.hints)]
    for where, text in texts:
        try:
            render_markdown(text)
        except InputError as e:
            yield InputError(e.message, where)


def _names(step: Step, where: str, known: Collection[str], tabs: Collection[str] | None) -> list[str]:
    used: list[tuple[str, str]] = []
    if step.show is not None:
        used += [(v.join(v.join(where, "show.highlight"), k), n) for k, n in enumerate(step.show.highlight)]
        if step.show.tab is not None:
            used.append((v.join(where, "show.tab"), step.show.tab))
    if step.lock is not None:
        used += [(v.join(v.join(where, "lock.targets"), k), n) for k, n in enumerate(step.lock.targets)]
    if isinstance(step.task, Do) and step.task.action is not None:
        used.append((v.join(where, "task.do.action"), step.task.action))
    out = [f"{at}: the app has no object named {n!r}" for at, n in used if n not in known]
    action = step.task.action if isinstance(step.task, Do) else None
    if action is not None and action in known and not action.startswith("action"):
        out.append(f"{where}.task.do.action: {action!r} is not an action (actions are named action...)")
    if step.show is not None and step.show.tab in known and tabs is not None and step.show.tab not in tabs:
        out.append(f"{where}.show.tab: {step.show.tab!r} is not a tab page; the pages are {', '.join(sorted(tabs))}")
    return out


def _in_state(step: Step, state: HeadlessState, where: str) -> list[str]:
    """The values, settings and conditions of ``step`` in its built ``state``."""
    out = []
    checks = []
    if isinstance(step.task, Question):
        checks.append((step.task.value, v.join(where, "task.question.value")))
    if step.show is not None and step.show.select is not None:
        checks.append((step.show.select, v.join(where, "show.select")))
    for spec, at in checks:
        try:
            value(spec, state.session, state.function1d, state.function2d, at)
        except InputError as e:
            out.append(str(e))
        except (ValueError, ArithmeticError) as e:
            out.append(f"{at}: cannot compute this value: {e}")
    if isinstance(step.task, Do):
        out += _do(step.task, state, v.join(where, "task.do"))
    return out


def _do(task: Do, state: HeadlessState, where: str) -> list[str]:
    out = []
    settings = task.settings
    try:
        if settings is not None and settings.project:
            if state.session is None:
                raise InputError("there is no network project to change here", v.join(where, "settings"))
            config_with(state.session, settings.project, v.join(where, "settings"))
        if settings is not None and settings.function1d is not None:
            overlaid(state.function1d, settings.function1d, v.join(where, "settings.function1d"))
        if settings is not None and settings.function2d is not None:
            overlaid(state.function2d, settings.function2d, v.join(where, "settings.function2d"))
    except InputError as e:
        out.append(str(e))
    out += _condition(task.until, state, v.join(where, "until"))
    return out


def _condition(cond: Condition, state: HeadlessState, where: str) -> list[str]:
    if cond.kind == "all":
        return [p for k, c in enumerate(cond.parts) for p in _condition(c, state, v.join(v.join(where, "all"), k))]
    view = cond.kind.partition(".")[0] if "." in cond.kind else None
    if view == "function1d" and state.function1d is None or view == "function2d" and state.function2d is None:
        return [f"{where}: this condition watches the {view} view, which this step's state does not load"]
    if view is None and state.session is None:
        return [f"{where}: this condition watches training, but this step's state loads no project"]
    if cond.kind == "reached" and cond.arg[1] is not None and state.session is not None:
        names = [str(p) for p in state.session.phases]
        if cond.arg[1] not in names:
            return [f"{where}.reached.after_phase: this network has no phase {cond.arg[1]!r}; "
                    f"its phases are {', '.join(names)}"]
    return []
