"""``lessons check``: every problem of some lesson files, one line each, naming the JSON path.

A lesson passes when it reads strictly (:mod:`.schema`: with the folder rule and the compute
budget), its texts' Markdown and math render (:mod:`.markdown`), every object name, action and
tab page it points at is one a lesson may touch (:mod:`.targets`, with the allowlist the gui
launcher hands in: core cannot import gui), every state loads
and can be reached without a window (:mod:`.state`), every question's value and every
selected value can be computed in its step's state and is finite (:mod:`.values`), every
``do`` task's settings and conditions fit its state, and no two lessons share an id.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.context import context_for, preview_record

from .course import MAX_COURSE_BYTES, Course, course_from_dict, is_course
from .functions import overlaid
from .language import each_language
from .markdown import render_markdown
from .model import Condition, Do, Lesson, Question, Step
from .question_check import question_problems
from .rules import lesson_rules
from .schema import check_size, lesson_from_dict, read_json
from .state import HeadlessState, config_with, states
from .targets import Targets
from .values import ref_of, value


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    lessons: int = 0
    steps: int = 0
    rules: bool = False         # the teaching rules are checked too


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


def check_lessons(paths: Iterable[str | os.PathLike[str]], known_names: Collection[str] | Targets | None = None,
                  tab_pages: Collection[str] | None = None, rules: bool = False) -> list[str]:
    """Every problem of the lesson files (and folders of them) ``paths``, one line each."""
    return check_report(paths, known_names, tab_pages, rules).problems


def check_report(paths: Iterable[str | os.PathLike[str]], known_names: Collection[str] | Targets | None = None,
                 tab_pages: Collection[str] | None = None, rules: bool = False) -> Report:
    """:func:`check_lessons` with the number of lessons and steps read.  ``known_names``: the
    app's allowlist (:class:`.targets.Targets`, or bare names: see :func:`as_targets`); None
    skips the object-name checks (a caller without the app's names).  A course file
    (:mod:`.course`) is checked lesson by lesson.  ``rules``: the teaching rules too
    (:mod:`.rules`), each broken one a problem line ``...: rule: ...``."""
    report = Report(rules=rules)
    ids: dict[str, str] = {}
    for path in lesson_files(paths, report):
        try:
            doc = read_json(path, MAX_COURSE_BYTES)
            if is_course(doc):
                _check_course(course_from_dict(doc, path.resolve()), path, report, ids, known_names, tab_pages)
                continue
            check_size(path)
            lesson = lesson_from_dict(doc, path.resolve())
        except InputError as e:
            report.problems.append(f"{path}: {e}")
            continue
        _check_one(lesson, str(path), str(path), report, ids, known_names, tab_pages)
    return report


def _check_one(lesson: Lesson, prefix: str, name: str, report: Report, ids: dict[str, str],
               known_names: Collection[str] | Targets | None, tab_pages: Collection[str] | None) -> None:
    """The problems of one lesson read without error, each line starting with ``prefix``."""
    report.lessons += 1
    report.steps += len(lesson.steps)
    if lesson.id in ids:
        report.problems.append(f"{prefix}: id: {lesson.id!r} is also the id of {ids[lesson.id]}")
    ids.setdefault(lesson.id, name)
    report.problems += [f"{prefix}: {p}" for p in problems_of(lesson, known_names, tab_pages, report.rules)]


def _check_course(course: Course, path: Path, report: Report, ids: dict[str, str],
                  known_names: Collection[str] | Targets | None, tab_pages: Collection[str] | None) -> None:
    """Every lesson of a course, checked exactly as a lesson file; its problems start with
    ``FILE: lessons[i] (id):`` and go on with the JSON path inside that lesson."""
    for where, intro in each_language(course.intro, "intro"):
        try:
            render_markdown(intro)
        except InputError as e:
            report.problems.append(f"{path}: {where}: {e.message}")
    for i, head in enumerate(course.heads):
        prefix = f"{path}: lessons[{i}] ({head.id})"
        try:
            lesson = course.lesson(i)
        except InputError as e:
            where = e.where.split(".", 1)[1] if e.where and "." in e.where else ""
            report.problems.append(f"{prefix}: {where + ': ' if where else ''}{e.message}")
            continue
        _check_one(lesson, prefix, f"{path} lessons[{i}]", report, ids, known_names, tab_pages)


def as_targets(known_names: Collection[str] | Targets, tab_pages: Collection[str] | None = None) -> Targets:
    """The allowlist: the app's own (a :class:`.targets.Targets`, as the launcher hands it in), or
    one made of bare names (every name may be highlighted and locked, those named action...
    pressed; ``tab_pages`` None: any of them may be a tab)."""
    return known_names if isinstance(known_names, Targets) else Targets.of(known_names, tab_pages)


def problems_of(lesson: Lesson, known_names: Collection[str] | Targets | None,
                tab_pages: Collection[str] | None = None, rules: bool = False,
                should_stop: Callable[[], bool] | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[str]:
    """The problems of one lesson read without error (texts, names, states, values; with
    ``rules``, the teaching rules of :mod:`.rules`).  Building the states reports ``progress`` and
    stops on ``should_stop`` (:class:`.state.Cancelled`), as :func:`.state.build_state` does: the
    lesson editor runs it in a worker."""
    out = [str(e) for e in _texts(lesson)] + (lesson_rules(lesson) if rules else [])
    if known_names is not None:
        out += problems_of_names(lesson, as_targets(known_names, tab_pages))
    walk = states(lesson, should_stop, progress)
    for i, step in enumerate(lesson.steps):
        where = v.join("steps", i)
        try:
            _, state = next(walk)
        except InputError as e:
            return out + [str(e)]     # the later states build on this one
        except (ValueError, ArithmeticError) as e:
            return out + [f"{where}: cannot build this step's state: {e}"]
        out += _in_state(step, state, where, rules)
    return out


def problems_of_names(lesson: Lesson, targets: Targets) -> list[str]:
    """Every name the lesson points at, locks or presses that the allowlist refuses, one line each."""
    return [p for i, step in enumerate(lesson.steps) for p in _names(step, v.join("steps", i), targets)]


def _texts(lesson: Lesson) -> Iterable[InputError]:
    texts = [("summary", lesson.summary)]
    for i, step in enumerate(lesson.steps):
        where = v.join("steps", i)
        texts += [(v.join(where, "text"), step.text), (v.join(where, "explanation"), step.explanation)]
        texts += [(v.join(v.join(where, "hints"), k), h) for k, h in enumerate(step.hints)]
        if isinstance(step.task, Question):
            texts += [(v.join(v.join(where, "task.question.mistakes"), k) + ".feedback", m.feedback)
                      for k, m in enumerate(step.task.mistakes)]
    for path, text in texts:
        for where, one in each_language(text, path):     # every language present renders
            try:
                render_markdown(one)
            except InputError as e:
                yield InputError(e.message, where)


def _names(step: Step, where: str, targets: Targets) -> list[str]:
    """Every name the step points at, locks or presses, asked of the one rule (:mod:`.targets`)."""
    used: list[tuple[str, str, str]] = []
    if step.show is not None:
        highlight = v.join(where, "show.highlight")
        used += [(v.join(highlight, k), n, "highlight") for k, n in enumerate(step.show.highlight)]
        if step.show.tab is not None:
            used.append((v.join(where, "show.tab"), step.show.tab, "tab"))
    if step.lock is not None:
        used += [(v.join(v.join(where, "lock.targets"), k), n, "lock") for k, n in enumerate(step.lock.targets)]
    if isinstance(step.task, Do) and step.task.action is not None:
        used.append((v.join(where, "task.do.action"), step.task.action, "action"))
    return [f"{at}: {problem}" for at, name, use in used if (problem := targets.problem(name, use)) is not None]


def _in_state(step: Step, state: HeadlessState, where: str, rules: bool = False) -> list[str]:
    """The values, settings and conditions of ``step`` in its built ``state``."""
    out = []
    if step.show is not None and step.show.select is not None:
        at = v.join(where, "show.select")
        try:
            value(step.show.select, state.session, state.function1d, state.function2d, at)
        except InputError as e:
            out.append(str(e))
        except (ValueError, ArithmeticError) as e:
            out.append(f"{at}: cannot compute this value: {e}")
    if isinstance(step.task, Question):
        out += question_problems(step.task, state, v.join(where, "task.question"),
                                 step if rules else None, where)
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
    if cond.kind == "revealed" and state.session is not None:
        ctx = context_for(state.session) or context_for(state.session, preview_record(state.session))
        assert ctx is not None               # (a preview record always has one)
        try:
            ref_of(cond.arg, ctx, ctx.network.sizes, v.join(where, "revealed"))
        except InputError as e:
            return [str(e)]
    if cond.kind == "reached" and cond.arg[1] is not None and state.session is not None:
        names = [str(p) for p in state.session.phases]
        if cond.arg[1] not in names:
            return [f"{where}.reached.after_phase: this network has no phase {cond.arg[1]!r}; "
                    f"its phases are {', '.join(names)}"]
    return []
