"""A lesson as plain, frozen data: what :mod:`core.lessons.schema` reads from a lesson file.

The file format is docs/lesson-file.md.  Every class here is one object of the file; the
field names are the file's keys.  Nothing here computes: the numbers a lesson asks about are
computed from the state (:mod:`core.lessons.values`), never stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VIEWS = ("function1d", "function2d")
"""The function views a lesson may load; the kinds a VALUE may have are in core/lessons/kinds.py."""


@dataclass(frozen=True)
class Value:
    """A number the engine computes from the current state (a VALUE of the file).

    Network values: ``layer`` is the article's k, ``unit`` and ``sample`` are 1-based;
    ``param`` is an article name such as ``w_12^(1)`` (param, grad, update, after).
    Function values (``view`` set): ``t`` the step (None: the view's own t), ``coordinate``
    1 or 2, ``run`` the 1-based run of the 2-D view.
    """

    kind: str
    layer: int | None = None
    unit: int | None = None
    sample: int = 1
    param: str | None = None
    view: str | None = None
    t: int | None = None
    coordinate: int = 1
    run: int = 1


@dataclass(frozen=True)
class Function1D:
    """The 1-D function view: an objective walked by one optimizer from ``start``, shown at step ``t``.

    ``function`` is a shipped objective's name, or None when ``expression`` is typed text.
    """

    function: str | None
    expression: str | None
    start: tuple[float, ...] | None
    optimizer: str
    hyper: dict[str, Any]
    t: int = 0


@dataclass(frozen=True)
class Run:
    """One run of the 2-D optimizer race."""

    start: tuple[float, float] | None
    optimizer: str
    hyper: dict[str, Any]


@dataclass(frozen=True)
class Function2D:
    """The 2-D function view: one objective, several runs of ``steps`` steps."""

    function: str | None
    expression: str | None
    runs: tuple[Run, ...]
    steps: int = 100


@dataclass(frozen=True)
class State:
    """What a step loads before it is shown (each part optional; absent parts are kept)."""

    project: str | None = None
    step: int = 0
    after_phase: str | None = None
    function1d: Function1D | None = None
    function2d: Function2D | None = None


@dataclass(frozen=True)
class Settings:
    """Changes made after the state: ``project`` holds project-file keys (loss, optimizer,
    training, regularisation, schedule) merged onto the session's configuration; the function
    overlays hold keys of the function views' states merged onto them; ``fine_stepping`` turns
    the app's fine stepping on or off (None: as the learner has it)."""

    project: dict[str, Any] = field(default_factory=dict)
    function1d: dict[str, Any] | None = None
    function2d: dict[str, Any] | None = None
    fine_stepping: bool | None = None


@dataclass(frozen=True)
class Show:
    highlight: tuple[str, ...] = ()
    tab: str | None = None
    select: Value | None = None


@dataclass(frozen=True)
class Lock:
    targets: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Condition:
    """When a ``do`` task is done.  ``kind`` is one of :data:`CONDITIONS`; ``arg`` its argument
    (for ``reached`` a (step, after_phase or None) pair, for ``revealed`` a network
    :class:`Value`); ``parts`` the conditions of ``all``."""

    kind: str
    arg: Any = None
    parts: tuple[Condition, ...] = ()


CONDITIONS = ("reached", "revealed", "steps_at_least", "loss_below", "diverged", "function1d.t_at_least",
              "function1d.diverged", "function2d.runs_at_least", "epoch_steps",
              "function1d.converges_within", "function1d.diverges_within", "all")

# the kinds of question (docs/lesson-file.md, "Kinds of question")
QUESTION_KINDS = ("number", "choose", "predict", "reach", "order")
CHOICES = ("sign", "largest", "smallest", "direction")
PREDICTIONS = ("number", "direction", "point")


@dataclass(frozen=True)
class Mistake:
    """A known mistake a wrong answer may make (``rule``: a name of
    :data:`core.lessons.mistakes.MISTAKES`) and the lesson's feedback on it (Markdown)."""

    rule: str
    feedback: str


@dataclass(frozen=True)
class Move:
    """One step of a function view's descent, x_t -> x_t+1: ``view`` function1d or function2d,
    ``t`` (None: the step the view shows), ``run`` (1-based; the 1-D view has one).  A direction
    or point question asks where it goes (the file writes these keys on the question itself)."""

    view: str
    t: int | None = None
    run: int = 1


@dataclass(frozen=True)
class Question:
    """A question; what it asks is never its answer, which the engine computes from the state.

    ``kind`` (one of :data:`QUESTION_KINDS`) says which other fields it uses:

    - number: ``value``, the number to type;
    - choose: ``choose`` sign (of ``value``), largest or smallest (of ``values``, by magnitude
      unless ``by`` is "value"), direction (of ``move``);
    - predict: ``predict`` number (``value``, computed after the action ``then``), direction or
      point (of ``move``); the learner commits, then the app shows what happened;
    - reach: ``control`` (a name of :data:`core.lessons.reach.CONTROLS`) set until ``until`` holds;
    - order: ``order`` ("phases": the phases of one training step), shown shuffled.

    ``mistakes``: known mistakes with the lesson's feedback (:mod:`core.lessons.mistakes`).
    ``tolerance``: how close a typed number must be, relative (None: the exercise-mode rule's
    :data:`core.explain.answers.REL_TOL`).
    """

    value: Value | None
    prompt: str
    kind: str = "number"
    mistakes: tuple[Mistake, ...] = ()
    choose: str | None = None
    values: tuple[Value, ...] = ()
    by: str = "magnitude"
    move: Move | None = None
    predict: str | None = None
    then: str | None = None
    control: str | None = None
    until: Condition | None = None
    order: str | None = None
    tolerance: float | None = None

    @property
    def asked(self) -> tuple[Value, ...]:
        """The network and function values whose numbers the question asks about (what an open
        question hides; a ``move`` is hidden through its x_t+1, :mod:`core.lessons.hiding`)."""
        return ((self.value,) if self.value is not None else ()) + self.values


@dataclass(frozen=True)
class Do:
    until: Condition
    action: str | None = None
    settings: Settings | None = None
    limit: int = 50


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    state: State | None = None
    settings: Settings | None = None
    show: Show | None = None
    lock: Lock | None = None
    task: Question | Do | None = None
    hints: tuple[str, ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class Size:
    """How much one training step of a project costs: ``parameters`` (weights and biases, the
    dense count), ``samples`` (training samples n) and ``batch`` (samples per step with the
    project's own settings).  :mod:`core.lessons.budget` counts work with it."""

    parameters: int
    samples: int
    batch: int


@dataclass(frozen=True)
class Head:
    """What the lesson list shows of a lesson, read without building anything (its header):
    ``steps`` is how many steps it has."""

    id: str
    title: str
    summary: str
    sections: tuple[str, ...]
    steps: int


@dataclass(frozen=True)
class Lesson:
    """One lesson file.  ``projects`` holds the embedded project documents (already checked by the
    project-file reader), by name, and ``sizes`` their sizes as that check found them; ``path`` is
    where the lesson was read from (None for a dict, or a lesson of a course)."""

    id: str
    title: str
    summary: str
    sections: tuple[str, ...]
    steps: tuple[Step, ...]
    projects: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    sizes: dict[str, Size] = field(default_factory=dict)
