"""Applying a lesson's step to the live app, and watching its task.

A step is applied in the order the format gives (docs/lesson-file.md): its *state* (a project
at a training position, the function views), its *settings*, what it *shows* and what it
*locks*.  The numbers and the states come from :mod:`core.lessons` (the same code
``lessons check`` runs headlessly); this module only hands them to the studio and the views.

The function views are models the studio owns (``studio.functions``, :mod:`gui.function_models`):
a step sets them, never a widget.  The task's condition is evaluated again whenever the studio
or a function model reports a change; :attr:`LessonRunner.changed` tells the panel.

Building a step's state is training (up to seconds for a large one): a step whose build is more
than :data:`INLINE_WORK` units (:func:`core.lessons.budget.build_work`) is built by
:attr:`LessonRunner.tasks` in a worker thread (:mod:`gui.workers`, with progress and Cancel: the
panel shows them) and applied with the result; a cheaper one is built at once, as a progress bar
would only flash.
"""
from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMainWindow, QWidget

from backprop_studio.core import lessons as core_lessons
from backprop_studio.core.lessons.budget import INLINE_BUILD_WORK, build_work, sizer, work_of
from backprop_studio.core.lessons.functions import overlaid, read_function1d, read_function2d
from backprop_studio.core.lessons.hiding import NOTHING, secrets_at
from backprop_studio.core.lessons.model import Do, Function1D, Function2D, Lesson, Question, Settings, Step, Value
from backprop_studio.core.lessons.record import ref_of

from ..language import tr
from ..layout_snapshot import LayoutSnapshot
from ..lesson_targets import targets
from ..workers import TaskRunner
from .asking import WHY_LOCKED, Asking
from .locks import Locks, find_target
from .pointing import highlight, reveal
from .window import ValueSelector, studio_of

if TYPE_CHECKING:
    from backprop_studio.core.surfaces.function_model import Descent1D
    from backprop_studio.core.surfaces.race_model import Race
    from backprop_studio.gui.studio import AsideDocument, StudioSession


INLINE_WORK = INLINE_BUILD_WORK     # units of work built at once (bench_lessons measures what that costs)


def _build_state(lesson: Lesson, index: int, should_stop=None, progress=None) -> core_lessons.HeadlessState | None:
    """:func:`core.lessons.build_state` in a worker: a build stopped by ``should_stop`` ends
    quietly (None; the runner reports it cancelled), never as a failed job."""
    try:
        return core_lessons.build_state(lesson, index, should_stop=should_stop, progress=progress)
    except core_lessons.Cancelled:
        return None


class LessonRunner(QObject):
    changed = Signal()          # the live state changed: the task may be done now

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.studio: StudioSession = studio_of(window)
        self.locks = Locks(window)
        self.lesson: Lesson | None = None
        self.index = 0
        self.aside: AsideDocument | None = None
        self.layout: LayoutSnapshot | None = None
        self.frames: list[QWidget] = []      # the highlight frames on show (tests look at them)
        self.refused: list[str] = []         # what this step asked for that a lesson may not touch
        self.asking = Asking(self)           # what the step's question needs of the live app
        self.tasks = TaskRunner(self)        # builds a costly step's state off the GUI thread
        self._work: list | None = None       # the lesson's work, step by step (budget.work_of)

    # -- the function views' models (the studio's) ------------------------------------------
    @property
    def function1d(self) -> Descent1D:
        return self.studio.functions.descent

    @property
    def function2d(self) -> Race:
        return self.studio.functions.race

    @property
    def panel_dock(self) -> QDockWidget | None:
        """The Lessons panel's dock: what a step points at is shown beside it, never over it."""
        return getattr(self.window, "docks", {}).get("lessonPanel")

    # -- entering and leaving -------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.lesson is not None

    def enter(self, lesson: Lesson) -> None:
        """Keep the user's document aside (written to the autosave first when it has unsaved
        work: that copy stays the one a crash recovers) and start ``lesson``."""
        if self.aside is None:
            documents = getattr(self.window, "documents", None)
            if documents is not None:
                documents.autosave()
            self.aside = self.studio.set_aside()
            self.layout = LayoutSnapshot(self.window)    # the user's arrangement, brought back on leaving
            self._exercise_before = self.studio.exercise_mode
            self._fine_before = self.studio.fine.enabled
            self._set_exercise_mode(False)     # a lesson hides by its questions (studio.hidden)
            s = self.studio
            for signal in (s.step_taken, s.params_changed, s.config_changed, s.network_changed, s.fine.changed):
                signal.connect(self._on_live_changed)
            s.diverged.connect(self._on_live_changed)
            s.functions.descent_changed.connect(self._on_live_changed)
            s.functions.race_changed.connect(self._on_live_changed)
        self.lesson = lesson
        self.index = 0
        self._work = None

    def leave(self) -> None:
        """Unlock everything and bring the user's document and layout back as they were."""
        self.asking.stop()
        self.tasks.forget()                  # a step still being built is not wanted any more
        self.locks.release()
        self._clear_frames()
        if self.aside is not None:
            s = self.studio
            for signal in (s.step_taken, s.params_changed, s.config_changed, s.network_changed, s.diverged,
                           s.fine.changed):
                signal.disconnect(self._on_live_changed)
            s.functions.descent_changed.disconnect(self._on_live_changed)
            s.functions.race_changed.disconnect(self._on_live_changed)
            aside, self.aside = self.aside, None
            self.studio.hidden.set_secrets(NOTHING)
            self._set_exercise_mode(self._exercise_before)      # as the user had it
            self.studio.fine.set_enabled(self._fine_before)
            self.studio.bring_back(aside)
            if self.layout is not None:
                self.layout.restore()
                self.layout = None
        self.lesson = None

    def _set_exercise_mode(self, on: bool) -> None:
        debugger = self.window.findChild(QWidget, "stepDebugger")
        if isinstance(debugger, ValueSelector):
            debugger.set_exercise_mode(on)
        else:
            self.studio.set_exercise_mode(on)

    def hide(self, done: Collection[int]) -> None:
        """While a question is open its answer must not be on show anywhere: tell every view
        (``studio.hidden``) what this step's question and the later ones about the same numbers
        ask (:func:`core.lessons.hiding.secrets_at`); ``done``: the steps whose task is done."""
        if self.lesson is not None:
            self.studio.hidden.set_secrets(secrets_at(self.lesson, self.index, done, self.studio.session))

    def _on_live_changed(self, *_args) -> None:
        self.changed.emit()

    # -- one step -------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        assert self.lesson is not None
        return self.lesson.steps[self.index]

    def build_cost(self, index: int) -> float:
        """About how much work building step ``index``'s state is (budget units)."""
        assert self.lesson is not None
        if self._work is None:
            self._work = work_of(self.lesson, sizer(self.lesson))
        return build_work(self.lesson, index, self._work)

    def needs_worker(self, index: int) -> bool:
        """Whether step ``index`` is built in a worker (:attr:`tasks`) before :meth:`apply`."""
        step = self.lesson.steps[index] if self.lesson is not None else None
        return step is not None and step.state is not None and self.build_cost(index) > INLINE_WORK

    def build(self, index: int) -> None:
        """Build step ``index``'s state in a worker: :attr:`tasks` reports progress and hands the
        :class:`core.lessons.HeadlessState` back (``finished``), or ``failed`` / ``cancelled``."""
        self.tasks.start(_build_state, self.lesson, index)

    def apply(self, index: int, done: Collection[int] = (), built: core_lessons.HeadlessState | None = None,
              load: bool = True) -> None:
        """Show step ``index``: load its state and settings (``built``: the state built already, by
        :meth:`build`; ``load`` False: none, it could not be built), hide what its questions ask
        (``done``: the steps whose task is done), point at what it shows, lock what it locks."""
        assert self.lesson is not None
        self.index = index
        step = self.step
        self.locks.release()
        self._clear_frames()
        self.refused = []
        self.asking.stop()            # (loading emits changes: nothing is asked until the step is shown)
        if load and (step.state is not None or step.settings is not None):
            self._load(index, built)
        self.hide(done)
        if step.show is not None:
            self._show(step)
        self.asking.start(step.task if isinstance(step.task, Question) else None, open_=index not in done)
        self.relock(predicting=index not in done)
        self.changed.emit()

    def relock(self, predicting: bool) -> None:
        """Lock what the step locks and, while a prediction is open (``predicting``), what would
        show its answer before the learner commits (:meth:`.asking.Asking.locked`)."""
        step = self.step
        self.locks.release()
        if step.lock is not None:
            self.locks.add(self.allowed(step.lock.targets, "lock"), step.lock.why)
        if predicting:
            self.locks.add(self.allowed(tuple(self.asking.locked()), "lock"), tr(WHY_LOCKED))

    def allowed(self, names: tuple[str, ...], use: str) -> list[str]:
        """The ``names`` a lesson may use for ``use``, by the one rule ``lessons check`` applies
        (gui/lesson_targets.py); each refused one is noted in :attr:`refused` and left alone."""
        out = []
        for name in names:
            problem = targets().problem(name, use)
            if problem is None:
                out.append(name)
            elif problem not in self.refused:
                self.refused.append(problem)
        return out

    def _load(self, index: int, built: core_lessons.HeadlessState | None = None) -> None:
        """The step's state and settings: a step with a state loads it as
        :func:`core.lessons.build_state` computes it headlessly (so its numbers are the lesson's,
        whatever the learner did before); a step with settings only applies them to the live app."""
        step = self.step
        if step.state is None:
            self.apply_settings(step.settings)
            return
        lesson = self.lesson
        assert lesson is not None, "a step is loaded from the lesson on show"
        if built is None:
            built = core_lessons.build_state(lesson, index)
        if step.state.project is not None or (step.settings and step.settings.project):
            assert built.session is not None, "a state with a project builds a session"
            self.studio.load(built.session, None, title=tr("{title} (lesson)").format(title=lesson.title))
        if step.state.function1d is not None or (step.settings and step.settings.function1d):
            assert built.function1d is not None, "a state with a 1-D view builds it"
            self._show_function1d(built.function1d)
        if step.state.function2d is not None or (step.settings and step.settings.function2d):
            assert built.function2d is not None, "a state with a 2-D view builds it"
            self._show_function2d(built.function2d)
        if step.settings is not None and step.settings.fine_stepping is not None:
            self.studio.fine.set_enabled(step.settings.fine_stepping)

    def apply_settings(self, settings: Settings | None) -> None:
        """Settings on the live state: the configuration through the studio (one undoable edit; a
        step in progress is redone with it, as :func:`core.lessons.apply_settings` does), the
        function views' overlays merged onto what they show."""
        if settings is None:
            return
        if settings.project:
            core = self.studio.session
            config = core_lessons.config_with(core, settings.project)
            done = core.pending.phases_done if core.pending is not None else 0
            self.studio.push("config", config, tr("Lesson settings"))
            for _ in range(done):
                self.studio.step_phase()
        if settings.function1d is not None:
            f1 = overlaid(self.function1d_spec(), settings.function1d, "settings.function1d")
            assert isinstance(f1, Function1D), "a 1-D view's settings keep it 1-D"
            self._show_function1d(f1)
        if settings.function2d is not None:
            f2 = overlaid(self.function2d_spec(), settings.function2d, "settings.function2d")
            assert isinstance(f2, Function2D), "a 2-D view's settings keep it 2-D"
            self._show_function2d(f2)
        if settings.fine_stepping is not None:
            self.studio.fine.set_enabled(settings.fine_stepping)

    def _show_function1d(self, f: Function1D) -> None:
        self.function1d.show(f.function, f.expression, f.start[0] if f.start else None,
                             f.optimizer, dict(f.hyper), f.t)

    def _show_function2d(self, f: Function2D) -> None:
        self.function2d.show(f.function, f.expression, [(r.start, r.optimizer, dict(r.hyper)) for r in f.runs],
                             f.steps)

    def _clear_frames(self) -> None:
        for frame in self.frames:
            try:
                frame.deleteLater()
            except RuntimeError:        # already gone with its timer
                pass
        self.frames = []

    def _show(self, step: Step) -> None:
        show = step.show
        if show is None:
            return
        if show.tab and self.allowed((show.tab,), "tab"):
            page = self.window.findChild(QWidget, show.tab)
            if page is not None:
                reveal(page, self.panel_dock)
        for name in self.allowed(show.highlight, "highlight"):
            target = find_target(self.window, name)
            if target is not None:
                frame = highlight(self.window, target, keep=self.panel_dock)
                if frame is not None:
                    self.frames.append(frame)
        if show.select is not None:
            self.select(show.select)

    def select(self, spec: Value) -> bool:
        """Select a network value in the Step Debugger (and raise it); False when it cannot."""
        ref = ref_of(spec, self.studio.session)
        debugger = self.window.findChild(QWidget, "stepDebugger")
        if ref is None or not isinstance(debugger, ValueSelector):
            return False
        reveal(debugger, self.panel_dock)
        return debugger.select(ref)

    # -- the task -------------------------------------------------------------------------
    def function1d_spec(self) -> Function1D:
        """What the 1-D view shows, as a lesson's state."""
        return read_function1d(self.function1d.state(), "function1d")

    def function2d_spec(self) -> Function2D:
        return read_function2d(self.function2d.state(), "function2d")

    def live(self) -> core_lessons.Live:
        """What the conditions read: the studio's session and the function views' models."""
        descent = self.function1d
        return core_lessons.Live(session=self.studio.session, function1d_t=descent.t,
                                 function1d_path=descent.path, function2d_runs=len(self.function2d.runs),
                                 function1d=self.function1d_spec(), fine=self.studio.fine.reveal())

    def answer(self) -> float:
        """The number the step's question asks for, computed from the live state (InputError
        when the learner moved it to where the value does not exist)."""
        task = self.step.task
        assert isinstance(task, Question) and task.value is not None
        spec = task.value
        return core_lessons.value(spec, session=self.studio.session,
                                  function1d=self.function1d_spec() if spec.view == "function1d" else None,
                                  function2d=self.function2d_spec() if spec.view == "function2d" else None)

    def condition_met(self) -> bool:
        task = self.step.task
        return isinstance(task, Do) and core_lessons.condition_met(task.until, self.live())

    def show_me(self) -> None:
        """Do the step's task for the learner: its settings, then its action until the condition
        holds (at most ``limit`` times; an action that starts a run is triggered once).  For a
        question, its network value is selected in the Step Debugger."""
        task = self.step.task
        if isinstance(task, Question):
            if task.value is not None and task.value.view is None:
                self.select(task.value)
            return
        if not isinstance(task, Do):
            return
        self.apply_settings(task.settings)
        for _ in range(task.limit):
            if self.condition_met() or task.action is None or not self.press(task.action):
                break
            if self.studio.running:
                break

    def press(self, name: str) -> bool:
        """Trigger the action or click the button ``name`` once, if a lesson may press it and it
        is enabled; False when it was not pressed."""
        pressable = self.allowed((name,), "action")
        target = find_target(self.window, pressable[0]) if pressable else None
        if target is None or not target.isEnabled():
            return False
        if isinstance(target, QAction):
            target.trigger()
        elif isinstance(target, QAbstractButton):
            target.click()
        else:
            return False
        return True
