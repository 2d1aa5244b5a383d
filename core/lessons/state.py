"""Building the state a lesson step shows, without a window.

A step's state is loaded in three moves, the same for the app and ``lessons check``:

1. the project (``example:NAME``, ``start:NAME``, ``embedded:NAME`` or ``file:rel.json``) is
   read by the project-file reader and trained ``step`` whole steps with its own settings;
2. the step's ``settings`` are merged onto its configuration (:func:`config_with`: the project
   file's own reader checks the result);
3. the phases of the next step are done up to and including ``after_phase``, with those settings.

A step without a state keeps the previous step's state; its settings are applied to it keeping
the position (:func:`apply_settings` redoes the phases of a step in progress).  The function
views' specs are replaced by a state that names them and changed by settings overlays.
"""
from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backprop_studio.core.checks import memory
from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.paths import Folder
from backprop_studio.core.files import project_file
from backprop_studio.core.files.project_schema import read_config
from backprop_studio.core.files.resources import EXAMPLES_DIR, STARTS_DIR
from backprop_studio.core.training.session import Session, TrainingConfig

from .functions import overlaid
from .model import Function1D, Function2D, Lesson, Settings, State


@dataclass
class HeadlessState:
    """What a lesson step shows: a core session at its position and the function views' specs."""

    session: Session | None = None
    function1d: Function1D | None = None
    function2d: Function2D | None = None


# -- projects -----------------------------------------------------------------------------------
def folder_of(lesson: Lesson) -> Folder:
    """The folder every path of ``lesson`` must stay inside (none for a lesson without a file)."""
    return Folder(lesson.path.parent if lesson.path is not None else None)


def project_for(lesson: Lesson, ref: str, where: str = "project") -> Session:
    """A fresh session of the project ``ref`` names; InputError at ``where`` when it does not load.
    A lesson's projects, and their CSV datasets, are held to the folder rule (:func:`folder_of`)."""
    kind, _, rest = ref.partition(":")
    folder = folder_of(lesson)
    try:
        if kind == "embedded":
            if rest not in lesson.projects:
                raise InputError(f"no embedded project {rest!r}", where)
            return project_file.session_from(copy.deepcopy(lesson.projects[rest]), folder.root, folder)
        if kind == "file":
            path = folder.file(rest, where)
            if not path.is_file():
                raise InputError(f"there is no file {rest!r} beside the lesson", where)
            return project_file.load(path, folder)
        return project_file.load(_project_path(kind, rest, where))
    except InputError as e:
        if e.where == where:
            raise
        inner = "" if e.where in (None, "document") else f" at {e.where}"
        raise InputError(f"the project {ref} does not load{inner}: {e.message}", where) from None


def _project_path(kind: str, rest: str, where: str) -> Path:
    """A shipped project: an example or a start of File -> New."""
    if kind not in ("example", "start"):
        raise InputError(f"unknown project reference {kind}:{rest}", where)
    folder = EXAMPLES_DIR if kind == "example" else STARTS_DIR
    path = folder / f"{rest}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.json")))
        raise InputError(f"there is no {kind} {rest!r}; the {kind}s are: {known}", where)
    return path


# -- settings -----------------------------------------------------------------------------------
def config_with(session: Session, settings: dict[str, Any], where: str = "settings") -> TrainingConfig:
    """The session's configuration with the project-file keys ``settings`` merged in, read by the
    project file's own reader (InputError at ``where.<key>`` for anything it refuses).

    ``optimizer`` merges key by key unless it names another optimizer (which starts from its own
    defaults); ``training`` and ``regularisation`` merge key by key; ``schedule`` replaces
    ``training.schedule``; ``loss`` replaces the loss.
    """
    doc = project_file.config_document(session.config)
    for key, given in settings.items():
        if key == "loss":
            doc["loss"] = given
        elif key == "schedule":
            doc["training"] = {**doc["training"], "schedule": given}
        elif key == "optimizer" and given.get("name", doc["optimizer"]["name"]) != doc["optimizer"]["name"]:
            doc["optimizer"] = dict(given)
        else:
            doc[key] = {**doc.get(key, {}), **given}
    try:
        return read_config(doc)
    except InputError as e:
        path = e.where or ""
        if "schedule" in settings and path.startswith("training.schedule"):
            path = path[len("training."):]
        raise InputError(e.message, v.join(where, path) if path else where) from None


def apply_settings(state: HeadlessState, settings: Settings, where: str = "settings") -> None:
    """Apply ``settings`` to ``state`` in place, keeping the training position: a step in progress
    is restarted by the new configuration, so its phases are done again (with the new settings)."""
    if settings.project:
        session = state.session
        if session is None:
            raise InputError("there is no network project to change: load one with a state first", where)
        config = config_with(session, settings.project, where)
        done = session.pending.phases_done if session.pending is not None else 0
        session.set_config(config)
        _do_phases(session, done, where)
    if settings.function1d is not None:
        spec = overlaid(state.function1d, settings.function1d, v.join(where, "function1d"))
        assert isinstance(spec, Function1D)
        state.function1d = spec
    if settings.function2d is not None:
        spec2 = overlaid(state.function2d, settings.function2d, v.join(where, "function2d"))
        assert isinstance(spec2, Function2D)
        state.function2d = spec2


def _do_phases(session: Session, count: int, where: str) -> None:
    for _ in range(count):
        if session.step_phase() is None:
            raise InputError(f"training diverged here: {session.diverged.message if session.diverged else ''}",
                             where)


# -- states -------------------------------------------------------------------------------------
class Cancelled(Exception):
    """Building a state stopped because ``should_stop()`` said so (not an error of the lesson)."""


class Ticker:
    """Progress through the training steps a walk takes, and the place to cancel it: ``tick()``
    after each step calls ``progress(done, total)`` and raises :class:`Cancelled` once
    ``should_stop()`` is true (the convention of :mod:`gui.workers`, as in :mod:`core.surfaces.landscape`)."""

    def __init__(self, total: int, should_stop: Callable[[], bool] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.total, self.done = total, 0
        self.should_stop, self.progress = should_stop, progress

    def tick(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise Cancelled("cancelled")
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done))


def load_state(lesson: Lesson, state: State, into: HeadlessState, settings: Settings | None,
               where: str, ticker: Ticker | None = None) -> None:
    """Load ``state`` into ``into`` (parts it does not name are kept), then ``settings``; each
    training step ticks ``ticker`` (which may cancel)."""
    ticker = ticker or Ticker(state.step)
    if state.function1d is not None:
        into.function1d = state.function1d
    if state.function2d is not None:
        into.function2d = state.function2d
    if state.project is not None:
        session = project_for(lesson, state.project, v.join(where, "project"))
        memory.check_training(session)
        for _ in range(state.step):
            if session.step() is None:
                why = session.diverged.message if session.diverged else "training diverged"
                raise InputError(f"training stops before step {state.step}: {why}", v.join(where, "step"))
            ticker.tick()
        into.session = session
    if settings is not None:
        apply_settings(into, settings, where.rsplit(".", 1)[0] + ".settings")
    if state.after_phase is not None and into.session is not None:
        session = into.session
        names = [str(p) for p in session.phases]
        if state.after_phase not in names:
            raise InputError(f"this network has no phase {state.after_phase!r}; its phases are "
                             f"{', '.join(names)}", v.join(where, "after_phase"))
        _do_phases(session, names.index(state.after_phase) + 1, v.join(where, "after_phase"))


def states(lesson: Lesson, should_stop: Callable[[], bool] | None = None,
           progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[int, HeadlessState]]:
    """Yield (index, HeadlessState) for every step in order; the same object, changed step by step
    (use it before taking the next one).  ``progress(done, total)`` counts training steps;
    ``should_stop()`` true raises :class:`Cancelled` (both optional)."""
    total = sum(s.state.step for s in lesson.steps if s.state is not None and s.state.project is not None)
    ticker = Ticker(total, should_stop, progress)
    current = HeadlessState()
    for i, step in enumerate(lesson.steps):
        where = v.join("steps", i)
        if step.state is not None:
            load_state(lesson, step.state, current, step.settings, v.join(where, "state"), ticker)
        elif step.settings is not None:
            apply_settings(current, step.settings, v.join(where, "settings"))
        yield i, current


def build_state(lesson: Lesson, step_index: int, should_stop: Callable[[], bool] | None = None,
                progress: Callable[[int, int], None] | None = None) -> HeadlessState:
    """The state step ``step_index`` (0-based) shows when the lesson is followed from the start
    without touching anything (a ``do`` task's actions are not replayed).

    Its work is bounded (:mod:`.budget`), yet may take a second or two: run it off the GUI thread
    with ``progress(done, total)`` (training steps) and ``should_stop()`` (true: :class:`Cancelled`
    is raised), as :class:`gui.workers.TaskRunner` passes them.
    """
    if not 0 <= step_index < len(lesson.steps):
        raise IndexError(f"the lesson has {len(lesson.steps)} steps; there is no step {step_index + 1}")
    start = max((i for i in range(step_index + 1) if lesson.steps[i].state is not None
                 and lesson.steps[i].state.project is not None), default=0)   # type: ignore[union-attr]
    # the network part needs replaying only from the last project load; the function parts are cheap
    walk = states(_from(lesson, start, step_index), should_stop, progress)
    built = HeadlessState()
    for _, built in walk:  # noqa: B007 - the last one is the step's state
        pass
    return built


def _from(lesson: Lesson, start: int, stop: int) -> Lesson:
    """The lesson's steps up to ``stop``, with the project-less steps before ``start`` reduced to
    their function-view parts (so the network is loaded once)."""
    steps = []
    for i, step in enumerate(lesson.steps[:stop + 1]):
        if i < start:
            state = step.state
            if state is not None:
                state = dataclasses.replace(state, project=None, step=0, after_phase=None)
                if state.function1d is None and state.function2d is None:
                    state = None
            settings = step.settings
            if settings is not None:
                settings = dataclasses.replace(settings, project={})
            step = dataclasses.replace(step, state=state, settings=settings)
        steps.append(step)
    return dataclasses.replace(lesson, steps=tuple(steps))
