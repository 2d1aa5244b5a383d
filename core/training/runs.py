"""Running training: steps one after another until a condition holds.

:func:`run_until` is the loop behind :meth:`Session.run` and :meth:`Session.step_epoch`; it
asks the session only for a step, its step count and its training loss.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .records import RunResult, StepRecord


class Stepper(Protocol):
    """What a run needs of a session."""

    @property
    def step_count(self) -> int: ...

    def step(self) -> StepRecord | None: ...

    def dataset_loss(self, test: bool = False) -> float: ...


def run_until(session: Stepper, steps: int | None = None, until_loss: float | None = None,
              until_step: int | None = None, until: Callable[[], bool] | None = None,
              should_stop: Callable[[], bool] | None = None, reason: str = "until") -> RunResult:
    """Take steps until ``steps`` are taken, the training loss is below ``until_loss``, the
    session is at ``until_step``, ``until()`` holds (the result's reason is then ``reason``),
    training diverges or ``should_stop()`` (checked before each step: "cancelled")."""
    losses: list[float] = []
    taken = 0
    while True:
        if steps is not None and taken >= steps:
            return RunResult(taken, "steps", losses)
        if until_step is not None and session.step_count >= until_step:
            return RunResult(taken, "step", losses)
        if should_stop is not None and should_stop():
            return RunResult(taken, "cancelled", losses)
        rec = session.step()
        if rec is None:
            return RunResult(taken, "diverged", losses)
        taken += 1
        assert rec.loss is not None
        losses.append(rec.loss)
        if until_loss is not None and session.dataset_loss() < until_loss:
            return RunResult(taken, "loss", losses)
        if until is not None and until():
            return RunResult(taken, reason, losses)
