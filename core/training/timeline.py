"""The training timeline: what it takes to step back exactly.

A :class:`Timeline` holds the snapshots of the training state (a :class:`History`, see
:mod:`core.training.history` for the memory bound) and the configuration each step was taken
with.  Going back to step t (:meth:`Timeline.rewind`) restores the newest snapshot at or before
t and recomputes the steps in between, each with its own configuration, so parameters,
optimizer state and random state are bit-identical to the first time.  A configuration change
is not undone by stepping back: the configuration in force stays in force.

The timeline owns no training state and computes no step: whoever rewinds it passes the
function that restores a snapshot and the one that takes a step
(:class:`~core.training.session.Session` passes its own).
"""
from __future__ import annotations

import copy
from collections.abc import Callable

from .history import History, TrainingState
from .records import TrainingConfig


class Timeline:
    """The snapshots behind the current step and the configuration of every step.

    ``configs`` lists (first step, configuration): a configuration applies to the steps taken
    from that position on, until the next entry.  Step s + 1 is taken at position s.
    """

    __slots__ = ("history", "configs")

    history: History
    configs: list[tuple[int, TrainingConfig]]

    def __init__(self, start: TrainingState, config: TrainingConfig) -> None:
        """A timeline that starts at ``start`` (pinned: it is not recomputed from anything)."""
        self.history = History()
        self.history.configure(start.nbytes())
        self.history.add(start, pin=True)
        self.configs = [(start.step, copy.deepcopy(config))]

    def record(self, state: TrainingState) -> None:
        """A step was taken and led to ``state``."""
        self.history.add(state)

    def pin(self, state: TrainingState) -> None:
        """An edit (a typed value, a new optimizer's fresh state) made ``state``: kept as it is,
        since no step recomputes it."""
        self.history.add(state, pin=True)

    def reaches(self, step: int) -> bool:
        """True when the state after ``step`` can be restored."""
        return self.history.at_or_before(step) is not None

    def config_at(self, position: int) -> TrainingConfig:
        """The configuration of the step taken at ``position`` (that is, step ``position + 1``)."""
        return max((e for e in self.configs if e[0] <= position), key=lambda e: e[0])[1]

    def config_changed(self, position: int, config: TrainingConfig) -> None:
        """From ``position`` on, steps are taken with ``config`` (later entries are dropped)."""
        self.configs = [(s, c) for s, c in self.configs if s < position]
        self.configs.append((position, copy.deepcopy(config)))

    def rewind(self, target: int, current: TrainingConfig, restore: Callable[[TrainingState], None],
               take_step: Callable[[TrainingConfig], None]) -> TrainingConfig:
        """Bring training back to the state after step ``target`` (it must be :meth:`reaches`).

        ``restore`` puts a snapshot in place; ``take_step(config)`` then takes one step from
        there, recording it (:meth:`record`), and is called for every step up to ``target``.
        ``current`` stays the configuration in force from ``target`` on.  Returns the
        configuration the step from ``target`` had been taken with.
        """
        snap = self.history.at_or_before(target)
        assert snap is not None, f"the timeline does not reach back to step {target}"
        restore(snap)
        self.history.truncate_after(snap.step)
        for position in range(snap.step, target):
            take_step(self.config_at(position))
        stepped_with = self.config_at(target)
        self.configs = [(s, c) for s, c in self.configs if s < target]
        if not self.configs or self.configs[-1][1] != current:
            self.configs.append((target, copy.deepcopy(current)))
        return stepped_with
