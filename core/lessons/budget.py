"""The compute budget of a lesson: how much work its steps may ask for, checked before any of it.

A lesson comes from a stranger, and a state is work: ``"step": 100000`` on a network of ten
million parameters is hours.  So the work of every step is estimated from the lesson alone
(with each project's size, :class:`.model.Size`, known once it is read) and refused above
:data:`MAX_STEP_WORK` with one line naming the step, by the reader itself
(:func:`.schema.lesson_from_dict`), so ``lessons check``, the app and a course refuse the same.

The unit is one parameter meeting one sample in one training step (forward, backward and the
update are a few multiply-adds each): a training step of P parameters on a batch of B samples
costs P B + :data:`STEP_OVERHEAD` (Python's fixed cost of a step, which dominates for the
article's tiny networks).  A step's work is

- its state's training: ``step`` steps with the project's own batch, and the phases of one more
  (with the full batch: settings may change the batch size);
- a ``do`` task's presses: ``limit`` steps with the full batch (``actionStepEpoch``: an epoch of
  single samples, n (P + overhead));
- the function views it loads or changes: runs x steps x :data:`FUNCTION_STEP` (more for a typed
  expression, :data:`PER_CHARACTER` per character), and a question's walk to its ``t``;
- a question's own work: a prediction's action (one training step), a reach question's
  candidates (each learning rate of :data:`core.lessons.reach.LEARNING_RATES` walks the watched
  steps).

The numbers (tests/benchmarks/bench_lessons.py measures them): a unit is 2 to 10 ns on the test
machine under load, a step's fixed cost about 160 us (so :data:`STEP_OVERHEAD` is 30,000 units),
a function view's step 35 to 60 us for a shipped objective and 2.5 us more per character of an
expression.  Lesson 8's largest state, 2,000 steps of a 1,153-parameter network on 15 samples,
is 2,001 x (1,153 x 15 + 30,000) = 9.5e7 units (1.2 s); :data:`MAX_STEP_WORK` is about ten
times that, seconds at most.  A lesson's steps together may ask for :data:`MAX_LESSON_WORK`
(``lessons check`` builds every state).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.training.session import Session

from .functions import overlaid
from .model import Condition, Do, Function1D, Function2D, Lesson, Question, Settings, Size, Step
from .reach import LEARNING_RATES
from .state import project_for

MAX_STEP_WORK = 1e9
MAX_LESSON_WORK = 4e9
INLINE_BUILD_WORK = 2e6     # a step's build this small is done at once in the app (no progress bar to flash)
STEP_OVERHEAD = 30_000
FUNCTION_STEP = 15_000
PER_CHARACTER = 500
EPOCH_ACTIONS = ("actionStepEpoch",)


@dataclass(frozen=True)
class Work:
    """One part of a step's work: where in the lesson, how much, and what it is in words."""

    where: str
    amount: float
    what: str


def size_of(session: Session) -> Size:
    """What one training step of ``session`` costs (see :class:`.model.Size`)."""
    n = len(session.dataset)
    return Size(sum(p.size for p in session.network.parameters()), n, session.config.effective_batch(n))


def training(size: Size, steps: int, batch: int | None = None) -> float:
    """``steps`` training steps of a project of ``size`` (batch default: its own)."""
    return steps * (size.parameters * (size.batch if batch is None else batch) + STEP_OVERHEAD)


def descent_step(spec: Function1D | Function2D) -> float:
    """One step of one run of a function view's descent (a typed expression costs more)."""
    return FUNCTION_STEP + PER_CHARACTER * len(spec.expression or "")


def descent(spec: Function1D | Function2D) -> float:
    """Walking a function view as it shows: every run, all its steps."""
    if isinstance(spec, Function1D):
        return spec.t * descent_step(spec)
    return len(spec.runs) * spec.steps * descent_step(spec)


class _Walk:
    """The steps in order, keeping what the budget needs of the state (the project's size and
    the function views' specs), as :func:`.state.states` keeps the state itself."""

    def __init__(self, lesson: Lesson, size_of: Callable[[str], Size | None]) -> None:
        self.lesson, self.size_of = lesson, size_of
        self.size: Size | None = None
        self.f1: Function1D | None = None
        self.f2: Function2D | None = None

    def step(self, step: Step, where: str) -> Iterator[Work]:
        state = step.state
        if state is not None:
            if state.project is not None:
                self.size = self.size_of(state.project)
                if self.size is not None:
                    s = self.size
                    yield Work(v.join(where, "state.step"), training(s, state.step) + training(s, 1, s.samples),
                               f"{state.step:,} training steps of {s.parameters:,} parameters on "
                               f"{s.batch:,} samples")
            if state.function1d is not None:
                self.f1 = state.function1d
                yield self._view(self.f1, v.join(where, "state.function1d"))
            if state.function2d is not None:
                self.f2 = state.function2d
                yield self._view(self.f2, v.join(where, "state.function2d"))
        yield from self._settings(step.settings, v.join(where, "settings"))
        if isinstance(step.task, Do):
            yield from self._settings(step.task.settings, v.join(where, "task.do.settings"))
            yield from self._presses(step.task, v.join(where, "task.do.limit"))
        elif isinstance(step.task, Question):
            yield from self._question(step.task, v.join(where, "task.question"))

    def _question(self, q: Question, where: str) -> Iterator[Work]:
        """A value's walk to its t; a prediction's action; a reach question's candidates."""
        for spec in q.asked:
            f = self.f1 if spec.view == "function1d" else self.f2 if spec.view == "function2d" else None
            if f is not None and spec.t is not None:       # the value walks one run to its t
                yield Work(v.join(where, "value.t"), spec.t * descent_step(f), f"a descent of {spec.t:,} steps")
        if q.move is not None and q.move.t is not None:
            f = self.f1 if q.move.view == "function1d" else self.f2
            if f is not None:
                yield Work(v.join(where, "t"), (q.move.t + 1) * descent_step(f), f"a descent of {q.move.t + 1:,} steps")
        if q.then in ("actionStepPhase", "actionStepTraining") and self.size is not None:
            yield Work(v.join(where, "then"), training(self.size, 1, self.size.samples), "one training step")
        if q.kind == "reach" and q.until is not None and self.f1 is not None:
            steps = max((c.arg for c in _parts(q.until) if c.kind.startswith("function1d.")), default=0)
            yield Work(v.join(where, "until"), len(LEARNING_RATES) * steps * descent_step(self.f1),
                       f"{len(LEARNING_RATES)} descents of up to {steps:,} steps (the control's candidates)")

    def _view(self, spec: Function1D | Function2D, where: str) -> Work:
        runs = len(spec.runs) if isinstance(spec, Function2D) else 1
        steps = spec.steps if isinstance(spec, Function2D) else spec.t
        return Work(where, descent(spec), f"{runs} descent(s) of {steps:,} steps")

    def _settings(self, settings: Settings | None, where: str) -> Iterator[Work]:
        if settings is None:
            return
        if settings.project and self.size is not None:
            yield Work(where, training(self.size, 1, self.size.samples), "one training step redone")
        try:           # a bad overlay is the check's to report; the budget counts what it can
            if settings.function1d is not None:
                f1 = overlaid(self.f1, settings.function1d, where)
                assert isinstance(f1, Function1D)
                self.f1 = f1
                yield self._view(f1, v.join(where, "function1d"))
            if settings.function2d is not None:
                f2 = overlaid(self.f2, settings.function2d, where)
                assert isinstance(f2, Function2D)
                self.f2 = f2
                yield self._view(f2, v.join(where, "function2d"))
        except InputError:
            return

    def _presses(self, task: Do, where: str) -> Iterator[Work]:
        s = self.size
        if s is None or task.action is None:
            return
        if task.action in EPOCH_ACTIONS:
            per_press, what = training(s, s.samples, 1), "epoch"
        else:
            per_press, what = training(s, 1, s.samples), "training step"
        yield Work(where, task.limit * per_press,
                   f"{task.limit:,} presses, each up to a {what} of {s.parameters:,} parameters on "
                   f"{s.samples:,} samples")


def _parts(cond: Condition) -> list[Condition]:
    return [p for c in cond.parts for p in _parts(c)] if cond.kind == "all" else [cond]


def work_of(lesson: Lesson, size_of: Callable[[str], Size | None]) -> list[list[Work]]:
    """The work of each step of ``lesson``, in parts; ``size_of(ref)`` gives the size of the
    project a reference names (None when it does not load: the check reports that)."""
    walk = _Walk(lesson, size_of)
    return [list(walk.step(step, v.join("steps", i))) for i, step in enumerate(lesson.steps)]


def sizer(lesson: Lesson) -> Callable[[str], Size | None]:
    """``size_of(ref)`` for :func:`work_of`: each project is built once to learn its size
    (embedded ones were sized when they were read); None for one that does not load."""
    sizes: dict[str, Size | None] = {f"embedded:{k}": s for k, s in lesson.sizes.items()}

    def sized(ref: str) -> Size | None:
        if ref not in sizes:
            try:
                sizes[ref] = size_of(project_for(lesson, ref))
            except InputError:
                sizes[ref] = None
        return sizes[ref]

    return sized


def build_work(lesson: Lesson, index: int, parts: list[list[Work]] | None = None) -> float:
    """About how much work :func:`.state.build_state` does for step ``index``: the training its
    states and settings ask for, from the last step that loads a project (a task's presses are
    the learner's and the function views walk their own descents: neither is the build's).
    ``parts``: :func:`work_of`'s, when known."""
    parts = work_of(lesson, sizer(lesson)) if parts is None else parts
    steps = lesson.steps
    start = max((i for i in range(index + 1) if steps[i].state is not None
                 and steps[i].state.project is not None), default=0)   # type: ignore[union-attr]
    return sum(p.amount for i in range(start, index + 1) for p in parts[i]
               if not any(part in p.where for part in (".task.", ".function1d", ".function2d")))


def check_budget(lesson: Lesson) -> None:
    """InputError naming the first step whose work is over :data:`MAX_STEP_WORK` (at its largest
    part), or the lesson when its steps together are over :data:`MAX_LESSON_WORK`.  Projects are
    built once each to learn their size (embedded ones were sized when they were read)."""
    total = 0.0
    for parts in work_of(lesson, sizer(lesson)):
        amount = sum(p.amount for p in parts)
        total += amount
        if amount > MAX_STEP_WORK:
            big = max(parts, key=lambda p: p.amount)
            raise InputError(f"this step asks for about {amount:.1e} units of work ({big.what}); the "
                             f"limit for a step is {MAX_STEP_WORK:.0e} (docs/lesson-file.md, Limits)", big.where)
    if total > MAX_LESSON_WORK:
        raise InputError(f"the lesson's steps together ask for about {total:.1e} units of work; the "
                         f"limit for a lesson is {MAX_LESSON_WORK:.0e} (docs/lesson-file.md, Limits)", "steps")
