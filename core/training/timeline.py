"""Stepping back along the training timeline: exact, from snapshots plus recomputation.

:class:`Timeline` is the half of :class:`core.training.session.Session` that walks backwards:
``back_phase``, ``back_step`` and ``go_to`` restore parameters, optimizer state and random
state exactly, by restoring the newest snapshot at or before the target (see
:mod:`core.training.history` for the memory bound) and recomputing the steps in between with the
configuration each was taken with.  A configuration change is not undone by stepping back.
"""
from __future__ import annotations

import copy

import numpy as np
from numpy.typing import NDArray

from core.engine.optimizers import OPTIMIZERS

from .history import History, TrainingState
from .log import TrainingLog

Array = NDArray[np.float64]


class Timeline:
    """Mixin for Session: everything about going back.  Uses the session's state and stepper."""

    def _drop_pending(self) -> None:
        self.pending = None

    @property
    def can_step_back(self) -> bool:
        if self.pending is not None and self.pending.phases_done:
            return True
        return self.step_count > 0 and self.history.at_or_before(self.step_count - 1) is not None

    def back_step(self) -> bool:
        """Undo the step in progress, or the last training step.  False when at the start."""
        if self.pending is not None and self.pending.phases_done:
            self.pending = None
            self.diverged = None
            return True
        self.pending = None
        if not self.can_step_back:
            return False
        self._goto(self.step_count - 1)
        return True

    def back_phase(self) -> bool:
        """Undo the last phase; at a step boundary, go back into the previous step before its update."""
        if self.pending is not None and self.pending.phases_done:
            rec = self.pending
            rec.phases_done -= 1
            phase = rec.phases[rec.phases_done]
            if phase.kind == "forward":
                del rec.v_in[phase.layer:], rec.v_out[phase.layer:]
            elif phase.kind == "loss":
                rec.losses = rec.loss = None
            elif phase.kind == "backward":
                rec.delta[phase.layer] = rec.dE_dW[phase.layer - 1] = rec.dE_db[phase.layer - 1] = None
            self.diverged = None
            return True
        if not self.back_step():
            return False
        self.pending = self._begin_step(self.config)
        with np.errstate(all="ignore"):
            for phase in self.phases[:-1]:
                self._run_phase(self.pending, phase, self.config)
        return True

    def _goto(self, target: int) -> None:
        """Restore the state after step ``target`` by recomputing from the nearest snapshot."""
        snap = self.history.at_or_before(target)
        self._restore(snap)
        self.history.truncate_after(snap.step)
        current = self.config
        while self.step_count < target:
            cfg = self._config_at(self.step_count)
            rec = self._full_step(cfg)
            assert rec is not None, "recomputing a finite step gave a non-finite value"
        stepped_with = self._config_at(target)
        self.config = current
        self.config_log = [(s, c) for s, c in self.config_log if s < target]
        if not self.config_log or self.config_log[-1][1] != current:
            self.config_log.append((target, copy.deepcopy(current)))
        if stepped_with.optimizer != current.optimizer:
            # the state was recomputed with the old optimizer; the current one starts fresh,
            # exactly as when it was chosen (stepping back does not undo a configuration change)
            self.opt_state = OPTIMIZERS[current.optimizer].init_state(
                self.network.parameters(), current.hyper())
            self.history.add(self.state(), pin=True)
        self.last = None
        self.diverged = None

    def go_to(self, step: int) -> bool:
        """Jump back to the state after training step ``step`` (as far back as the history reaches).

        False, and nothing changes, when ``step`` is not behind the current step or is older
        than the history keeps (see :mod:`core.training.history`).
        """
        if not 0 <= step < self.step_count or self.history.at_or_before(step) is None:
            return False
        self.pending = None
        self._goto(step)
        return True

    def restore_state(self, state: TrainingState, losses: list[float], epochs: list[int],
                      initial_params: list[Array], log: dict | None = None) -> None:
        """Put the session at a saved position (used by the project file).

        The timeline starts afresh at ``state.step``: the steps before it cannot be stepped
        back into, but :meth:`reset` still returns to ``initial_params``.  ``log`` holds the
        saved series of the training log (see :meth:`TrainingLog.load`), when the file has them.
        """
        if len(losses) != state.step or len(epochs) != state.step:
            raise ValueError("the loss history must have one entry per step taken")
        self.initial_params = [np.array(p, dtype=np.float64) for p in initial_params]
        self.reset()
        self._restore(state)
        # the log starts here too (its step 0 would be the initial parameters, steps away)
        self.log = TrainingLog(self.network.depth, self.log.size)
        self.log.losses[:], self.log.epochs[:] = list(losses), list(epochs)
        if log:
            self.log.load(log)
        self.config_log = [(state.step, copy.deepcopy(self.config))]
        self.history = History()
        self.history.configure(state.nbytes())
        self.history.add(self.state(), pin=True)
        self._mark()
