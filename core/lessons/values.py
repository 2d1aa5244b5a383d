"""The numbers a lesson asks about, and the conditions that complete its tasks.

A question's answer is never stored in the lesson: :func:`value` computes it from the state,
with the same code the views use (:func:`core.explain.context.value_of` on the session's
current step record; :func:`core.surfaces.descent.descend` for the function views).  A typed
answer is checked by the exercise-mode rule (:func:`core.explain.answers.answer_ok`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.answers import answer_ok
from backprop_studio.core.explain.context import context_for, value_of
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.surfaces.descent import DescentPath, descend
from backprop_studio.core.training.batches import batches_per_epoch
from backprop_studio.core.training.session import Session, TrainingConfig

from .functions import converges_within, diverges_within, objective_of, path_1d
from .kinds import FUNCTION_VALUES, NETWORK_VALUES
from .model import Condition, Function1D, Function2D, Value

__all__ = ["Live", "answer_ok", "condition_met", "value"]


def value(spec: Value, session: Session | None = None, function1d: Function1D | None = None,
          function2d: Function2D | None = None, where: str = "value") -> float:
    """The engine's number for ``spec`` in the given state; InputError at ``where`` (naming the
    key at fault) when the state has no such number, or it is not finite."""
    if spec.view == "function1d":
        x = _function1d(spec, function1d, where)
    elif spec.view == "function2d":
        x = _function2d(spec, function2d, where)
    else:
        x = _network(spec, session, where)
    if not math.isfinite(x):
        raise InputError(f"the value is {x} here, not a finite number a learner could type", where)
    return x


# -- network values ------------------------------------------------------------------------------
def _network(spec: Value, session: Session | None, where: str) -> float:
    if session is None:
        raise InputError("there is no network in this state: load a project in the step's state", where)
    ctx = context_for(session)
    if ctx is None:
        raise InputError(f"no training step has started in this state, so there is no {spec.kind} yet: "
                         "give the state an \"after_phase\" (or a \"step\")", where)
    net, s = ctx.network, spec.sample - 1
    if s >= ctx.batch:
        raise InputError(f"sample {spec.sample} does not exist: the batch has {ctx.batch} sample(s)",
                         f"{where}.sample")
    ref = ref_of(spec, ctx, net.sizes, where)
    x = value_of(ctx, ref)
    if x is None:
        phase = ctx.record.current_phase
        done = f"after the phase {phase}" if phase is not None else "before the first phase"
        raise InputError(f"{spec.kind} is not computed yet at this position ({done} of step "
                         f"{ctx.record.step})", where)
    return x


def ref_of(spec: Value, ctx: Any, sizes: list[int], where: str) -> Ref:
    """The debugger's :class:`Ref` of a lesson's network value (the lesson's 1-based units and
    article names turned 0-based), as its kind's entry finds it (:mod:`core.lessons.kinds`);
    InputError at ``where`` for a unit or weight that is not there."""
    return NETWORK_VALUES[spec.kind].ref(spec, ctx, sizes, where)


# -- function-view values --------------------------------------------------------------------------
def _function1d(spec: Value, view: Function1D | None, where: str) -> float:
    if view is None:
        raise InputError("there is no 1-D function view in this state: load one with \"function1d\"", where)
    t = view.t if spec.t is None else spec.t
    return _at(path_1d(view, t), spec, t, where)


def _function2d(spec: Value, view: Function2D | None, where: str) -> float:
    if view is None:
        raise InputError("there is no 2-D function view in this state: load one with \"function2d\"", where)
    if spec.run > len(view.runs):
        raise InputError(f"run {spec.run} does not exist: the race has {len(view.runs)} run(s)", f"{where}.run")
    run = view.runs[spec.run - 1]
    t = view.steps if spec.t is None else spec.t
    return _at(descend(objective_of(view), run.optimizer, run.hyper, run.start, t), spec, t, where)


def _at(path: DescentPath, spec: Value, t: int, where: str) -> float:
    if path.steps < t:
        raise InputError(f"the descent stops at step {path.steps} ({path.reason}) before step {t}",
                         f"{where}.t")
    return FUNCTION_VALUES[spec.kind].pick(path, spec, t)


# -- conditions ------------------------------------------------------------------------------------
@dataclass
class Live:
    """What a condition looks at: the live session and what the function views show.

    ``function1d_t``: the step the 1-D view shows; ``function1d_path``: its path (or None);
    ``function2d_runs``: how many runs the race has; ``function1d``: what the 1-D view shows, as
    a lesson's spec (its start, optimizer and hyperparameters); ``config``: a configuration to
    judge instead of the session's (a reach question's candidate, :mod:`.reach`); ``fine``: fine
    stepping's phase on show (a :class:`core.explain.fine_cursor.Reveal`), None when the phase on
    show is whole.
    """

    session: Session | None = None
    function1d_t: int = 0
    function1d_path: DescentPath | None = None
    function2d_runs: int = 0
    function1d: Function1D | None = None
    config: TrainingConfig | None = None
    fine: Any = None


def position(session: Session) -> tuple[int, int]:
    """(training steps done, phases of the next step done)."""
    return session.step_count, session.pending.phases_done if session.pending is not None else 0


def condition_met(cond: Condition, live: Live) -> bool:
    """Whether ``cond`` holds in ``live`` (see docs/lesson-file.md, "Conditions")."""
    kind, arg, session = cond.kind, cond.arg, live.session
    if kind == "all":
        return all(condition_met(c, live) for c in cond.parts)
    if kind == "function1d.t_at_least":
        return live.function1d_t >= arg
    if kind == "function1d.diverged":
        path = live.function1d_path
        return (path is not None and path.reason == "diverged") == arg
    if kind == "function2d.runs_at_least":
        return live.function2d_runs >= arg
    if kind in ("function1d.converges_within", "function1d.diverges_within"):
        spec = live.function1d
        if spec is None:
            return False
        return (converges_within if kind.endswith("converges_within") else diverges_within)(spec, arg)
    if session is None:
        return False
    if kind == "reached":
        step, phase = arg
        names = [str(p) for p in session.phases]
        if phase is not None and phase not in names:
            return False
        return position(session) >= (step, 0 if phase is None else names.index(phase) + 1)
    if kind == "revealed":
        return revealed(arg, session, live.fine)
    if kind == "steps_at_least":
        return session.step_count >= arg
    if kind == "loss_below":
        return bool(session.losses) and session.losses[-1] < arg
    if kind == "diverged":
        return (session.diverged is not None) == arg
    if kind == "epoch_steps":
        return batches_per_epoch(len(session.dataset), live.config or session.config) == arg
    raise ValueError(f"unknown condition {kind!r}")


def revealed(spec: Value, session: Session, fine: Any = None) -> bool:
    """Whether the network value ``spec`` is on show: computed at the session's position and,
    while fine stepping reveals the phase on show unit by unit (``fine``), revealed already."""
    ctx = context_for(session)
    if ctx is None or spec.sample > ctx.batch:
        return False
    try:
        ref = ref_of(spec, ctx, ctx.network.sizes, "revealed")
    except InputError:
        return False
    return value_of(ctx, ref) is not None and not (fine is not None and fine.hides(ref))
