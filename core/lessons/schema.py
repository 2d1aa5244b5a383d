"""Reading a lesson file strictly: every problem is an InputError naming its JSON path.

The reader is the project file's (:func:`core.files.project_file.parse_json`: UTF-8, no NaN,
no duplicate keys, bounded size and nesting) and the same ``v.*`` readers
(:mod:`core.checks.validation`), so an unknown key anywhere is an error that lists the known
ones.  Embedded projects are read by the project-file reader itself.  What needs a loaded
network (a unit that exists, a phase of this depth, settings merged onto a configuration) is
checked when the state is built (:mod:`core.lessons.state`, :mod:`core.lessons.check`).

The format is docs/lesson-file.md; the objects are those of :mod:`core.lessons.model`.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.paths import Folder, relative_problem
from backprop_studio.core.files import project_file

from .budget import check_budget, size_of
from .functions import read_function1d, read_function2d, read_overlay
from .kinds import MAX_POSITION, read_value
from .language import each_language
from .markdown import render_markdown
from .model import VIEWS, Do, Head, Lesson, Lock, Question, Settings, Show, State, Step
from .question_reader import read_question
from .readers import (  # noqa: F401 - MAX_TEXT, MAX_TITLE, NAME and PHASE are read from here too
    MAX_TEXT,
    MAX_TITLE,
    NAME,
    PHASE,
    line,
    name,
    names,
    read_condition,
    text,
)

FORMAT = "backprop-studio-lesson"
VERSION = 1
MAX_LESSON_BYTES = 8 * 2 ** 20     # embedded projects included
MAX_STEPS = 200
MAX_HINTS = 10
ID = re.compile(r"^[a-z0-9-]{1,60}$")
PROJECT_NAME = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
REF_KINDS = ("example", "start", "embedded", "file")
SETTINGS_KEYS = ("loss", "optimizer", "training", "regularisation", "schedule")
APP_SETTINGS = ("fine_stepping",)  # settings of the app, not of the project: fine stepping on or off


# -- files ----------------------------------------------------------------------------------
def read_json(path: str | os.PathLike[str], max_bytes: int = MAX_LESSON_BYTES) -> Any:
    """The parsed JSON of the regular file ``path`` (at most ``max_bytes``), read strictly as a
    project file is; InputError (never OSError) when it cannot be read."""
    try:
        data = v.read_regular_file(path, max_bytes, "document")
    except OSError as e:
        raise InputError(f"cannot read {os.fspath(path)!r}: {e.strerror or e}", "document") from None
    return project_file.parse_json(data)


def check_size(path: str | os.PathLike[str], limit: int = MAX_LESSON_BYTES) -> None:
    """A lesson file's own size limit, for a file read with the larger limit of a course (one
    read serves both: what it is shows only once it is parsed)."""
    size = os.stat(path).st_size
    if size > limit:
        raise InputError(f"the file is {size:,} bytes; the limit is {limit:,} bytes", "document")


def load_lesson(path: str | os.PathLike[str]) -> Lesson:
    """The lesson in the file ``path``; InputError naming the JSON path of the first problem."""
    return lesson_from_dict(read_json(path), Path(path).resolve())


def lessons_in(folder: str | os.PathLike[str]) -> list[tuple[Path, Lesson | None, str]]:
    """(path, lesson or None, its problem) for every ``*.json`` in ``folder``, by file name, each
    read whole (its projects built).  A list of lessons to show reads only their headers:
    :func:`core.lessons.listing.entries_in`."""
    found: list[tuple[Path, Lesson | None, str]] = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            found.append((path, load_lesson(path), ""))
        except InputError as e:      # load_lesson turns an unreadable file into InputError too
            found.append((path, None, str(e)))
    return found


def check_format(doc: Any, fmt: str, what: str) -> None:
    """Refuse anything that is not a document of format ``fmt`` (a lesson, a course) of a version
    this program reads."""
    if not isinstance(doc, dict):
        raise InputError(f"expected a {what} object, got {v.describe(doc)}", "document")
    if doc.get("format") != fmt:
        raise InputError(f"expected \"{fmt}\"; this is not a Backprop Studio {what}", "format")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(f"expected the version number {VERSION}, got {v.describe(version)}", "version")
    if version > VERSION:
        raise InputError(f"version {version} is newer than this program reads (version {VERSION}); "
                         "update Backprop Studio to open it", "version")


LESSON_KEYS = ("format", "version", "id", "title", "summary", "sections", "steps")


def lesson_from_dict(doc: Any, path: str | os.PathLike[str] | None = None) -> Lesson:
    """The lesson a parsed document describes; ``path`` is its file (None: a lesson without a
    folder, such as one in a course, which may name no file).  Every path it names stays in its
    folder (:class:`core.checks.paths.Folder`), and the work its states ask for is within the
    budget (:mod:`.budget`)."""
    head = read_head(doc)
    folder = Folder(None if path is None else Path(path).parent)
    projects, sizes = read_projects(doc.get("projects", {}), "projects", folder)
    read = tuple(read_step(s, v.join("steps", i), projects) for i, s in enumerate(doc["steps"]))
    lesson = Lesson(head.id, head.title, head.summary, head.sections, read, projects,
                    None if path is None else Path(path), sizes)
    check_budget(lesson)
    return lesson


def read_head(doc: Any) -> Head:
    """What a lesson list shows, read strictly without building anything: format, version, id,
    title, summary, article sections and the number of steps (their contents are not read)."""
    check_format(doc, FORMAT, "lesson")
    v.obj(doc, "document", LESSON_KEYS, ("projects",))
    lesson_id = v.string(doc["id"], "id")
    if not ID.match(lesson_id):
        raise InputError(f"{v.describe(lesson_id)} is not an id: use 1 to 60 of a-z, 0-9 and -", "id")
    sections = doc["sections"]
    if not isinstance(sections, list) or not sections:
        raise InputError(f"expected a non-empty list of article sections, got {v.describe(sections)}", "sections")
    steps = doc["steps"]
    if not isinstance(steps, list) or not 1 <= len(steps) <= MAX_STEPS:
        got = f"{len(steps)} steps" if isinstance(steps, list) else v.describe(steps)
        raise InputError(f"a lesson has 1 to {MAX_STEPS} steps, got {got}", "steps")
    summary = text(doc["summary"], "summary")
    for where, one in each_language(summary, "summary"):
        try:
            render_markdown(one)         # the list shows it: a formula outside the subset is refused here
        except InputError as e:
            raise InputError(e.message, where) from None
    return Head(lesson_id, line(doc["title"], "title"), summary,
                tuple(line(s, v.join("sections", i)) for i, s in enumerate(sections)), len(steps))


def read_projects(value: Any, path: str, folder: Folder) -> tuple[dict[str, Any], dict[str, Any]]:
    """Embedded project documents by name, each checked by the project-file reader (a CSV
    dataset must stay in the lesson's ``folder``), and the size of each."""
    v.obj(value, path, (), tuple(value) if isinstance(value, dict) else ())
    sizes = {}
    for key, doc in value.items():
        where = v.join(path, key)
        if not PROJECT_NAME.match(key):
            raise InputError(f"{v.describe(key)} is not a project name: use 1 to 60 of A-Z, a-z, 0-9, _ and -",
                             path)
        try:
            sizes[key] = size_of(project_file.session_from(doc, folder.root, folder))
        except InputError as e:
            raise InputError(e.message, where if e.where in (None, "document") else v.join(where, e.where)) from None
    return dict(value), sizes



# -- steps -------------------------------------------------------------------------------------
_STEP_KEYS = ("state", "settings", "show", "lock", "task", "hints", "explanation")


def read_step(value: Any, path: str, projects: dict[str, Any]) -> Step:
    v.obj(value, path, ("title", "text"), _STEP_KEYS)

    def at(key: str) -> str:
        return v.join(path, key)

    state = read_state(value["state"], at("state"), projects) if "state" in value else None
    task = read_task(value["task"], at("task")) if "task" in value else None
    if isinstance(task, Question) and state is None:
        raise InputError("a step with a question must load its own state (so the lesson, not the "
                         "learner's earlier clicks, fixes the answer); add a \"state\"", path)
    hints = value.get("hints", [])
    if not isinstance(hints, list) or len(hints) > MAX_HINTS:
        raise InputError(f"expected a list of at most {MAX_HINTS} hints, got {v.describe(hints)}", at("hints"))
    return Step(line(value["title"], at("title")), text(value["text"], at("text")), state,
                read_settings(value["settings"], at("settings")) if "settings" in value else None,
                read_show(value["show"], at("show")) if "show" in value else None,
                read_lock(value["lock"], at("lock")) if "lock" in value else None, task,
                tuple(text(h, v.join(at("hints"), i)) for i, h in enumerate(hints)),
                text(value["explanation"], at("explanation")) if "explanation" in value else "")


def read_state(value: Any, path: str, projects: dict[str, Any]) -> State:
    v.obj(value, path, (), ("project", "step", "after_phase", "function1d", "function2d"))
    if not value:
        raise InputError("an empty state loads nothing: give a project, function1d or function2d "
                         "(or leave the state out to keep the current one)", path)
    if "project" not in value:
        for key in ("step", "after_phase"):
            if key in value:
                raise InputError(f"{key!r} needs a \"project\" in the same state", v.join(path, key))
    phase = None
    if "after_phase" in value:
        phase = v.string(value["after_phase"], v.join(path, "after_phase"))
        if not PHASE.match(phase):
            raise InputError(f"unknown phase {v.describe(phase)}; phases are \"forward layer k\", \"loss\", "
                             "\"backward layer k\" and \"update\"", v.join(path, "after_phase"))
    return State(read_ref(value["project"], v.join(path, "project"), projects) if "project" in value else None,
                 v.integer(value.get("step", 0), v.join(path, "step"), 0, MAX_POSITION, "steps"), phase,
                 read_function1d(value["function1d"], v.join(path, "function1d")) if "function1d" in value else None,
                 read_function2d(value["function2d"], v.join(path, "function2d")) if "function2d" in value else None)


def read_ref(value: Any, path: str, projects: dict[str, Any]) -> str:
    """A project reference: example:NAME, start:NAME, embedded:NAME or file:relative/path.json."""
    ref = v.string(value, path)
    kind, sep, rest = ref.partition(":")
    if not sep or kind not in REF_KINDS or not rest:
        raise InputError(f"{v.describe(ref)} is not a project reference; write example:NAME, start:NAME, "
                         "embedded:NAME or file:relative/path.json", path)
    if kind == "file":
        problem = relative_problem(rest)       # the folder rule; links are followed when it is read
        if problem is not None:
            raise InputError(problem, path)
        if not rest.endswith(".json"):
            raise InputError(f"{v.describe(rest)} is not a project file (.json)", path)
    elif not PROJECT_NAME.match(rest):
        raise InputError(f"{v.describe(rest)} is not a project name", path)
    if kind == "embedded" and rest not in projects:
        known = ", ".join(projects) or "none"
        raise InputError(f"no embedded project {rest!r} in \"projects\" (it has: {known})", path)
    return ref


def read_settings(value: Any, path: str) -> Settings:
    v.obj(value, path, (), SETTINGS_KEYS + VIEWS + APP_SETTINGS)
    if not value:
        raise InputError("empty settings change nothing; leave them out", path)
    project = {k: value[k] for k in SETTINGS_KEYS if k in value}
    for key, given in project.items():
        if key == "loss":
            v.string(given, v.join(path, key))
        elif not (key == "schedule" and isinstance(given, str)):
            v.obj(given, v.join(path, key), (), tuple(given) if isinstance(given, dict) else ())
        v.plain(given, v.join(path, key))
    return Settings(project,
                    read_overlay(value["function1d"], v.join(path, "function1d"), 1) if "function1d" in value else None,
                    read_overlay(value["function2d"], v.join(path, "function2d"), 2) if "function2d" in value else None,
                    v.boolean(value["fine_stepping"], v.join(path, "fine_stepping")) if "fine_stepping" in value
                    else None)


def read_show(value: Any, path: str) -> Show:
    v.obj(value, path, (), ("highlight", "tab", "select"))
    select = read_value(value["select"], v.join(path, "select")) if "select" in value else None
    if select is not None and select.view is not None:
        raise InputError("the debugger selects network values only (no \"view\")", v.join(path, "select"))
    return Show(names(value["highlight"], v.join(path, "highlight")) if "highlight" in value else (),
                name(value["tab"], v.join(path, "tab")) if "tab" in value else None, select)


def read_lock(value: Any, path: str) -> Lock:
    v.obj(value, path, ("targets", "why"))
    return Lock(names(value["targets"], v.join(path, "targets")), line(value["why"], v.join(path, "why"), 300))


def read_task(value: Any, path: str) -> Question | Do:
    v.obj(value, path, (), ("question", "do"))
    if len(value) != 1:
        raise InputError("a task is either a \"question\" or a \"do\"", path)
    if "question" in value:
        return read_question(value["question"], v.join(path, "question"))
    at = v.join(path, "do")
    d = v.obj(value["do"], at, ("until",), ("action", "settings", "limit"))
    return Do(read_condition(d["until"], v.join(at, "until")),
              name(d["action"], v.join(at, "action")) if "action" in d else None,
              read_settings(d["settings"], v.join(at, "settings")) if "settings" in d else None,
              v.integer(d.get("limit", 50), v.join(at, "limit"), 1, 10_000, "presses"))
