"""The training timeline's memory: snapshots that make stepping back exact and bounded.

A snapshot is a :class:`TrainingState` taken after a training step.  Stepping back to step
t restores the newest snapshot at or before t and recomputes the steps in between, so the
numbers are bit-identical to the first time.

Memory bound
------------
Let S be the bytes of one state (parameters + optimizer state) and K the stride below.
The history keeps

* every state of the last K steps (dense, so stepping back one step at a time is cheap),
* one state every K steps within the last ``window`` (10,000) steps,
* the states pinned by edits (a typed weight, a restored value) inside that window,

so it holds at most ``window / K + K + pins`` states.  K is chosen from S so that this is at
most ``budget`` bytes (64 MiB) plus the pins, with K >= 8: for the xor network K = 8
and the whole history stays under 1 MiB.  Stepping back costs at most K - 1 recomputed steps.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass
class TrainingState:
    """Everything that determines the next step, apart from the configuration."""

    params: list[Array]
    opt_state: dict[str, Any]
    rng_state: dict[str, Any]
    step: int
    epoch: int
    position: int
    order: NDArray[np.int64]
    optimizer: str = "sgd"

    def same_as(self, other: "TrainingState") -> bool:
        """True when both states are exactly the same point of training.

        Values are compared bit for bit (stepping back is exact, so a state reached again
        compares equal); position, random state and optimizer state count too, since they
        determine the next step.
        """
        return (self.step == other.step and self.epoch == other.epoch
                and self.position == other.position and self.optimizer == other.optimizer
                and self.rng_state == other.rng_state
                and np.array_equal(self.order, other.order)
                and _same_arrays(self.params, other.params)
                and self.opt_state.keys() == other.opt_state.keys()
                and all(_same_value(self.opt_state[k], other.opt_state[k]) for k in self.opt_state))

    def nbytes(self) -> int:
        n = sum(p.nbytes for p in self.params) + self.order.nbytes
        for value in self.opt_state.values():
            if isinstance(value, list):
                n += sum(a.nbytes for a in value)
        return n


def _same_arrays(a: list[Array], b: list[Array]) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape and np.array_equal(x, y) for x, y in zip(a, b))


def _same_value(a: Any, b: Any) -> bool:
    """An optimizer-state entry: a list of arrays (moments, velocities) or a plain value (t)."""
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and _same_arrays(a, b)
    return bool(a == b)


@dataclass
class History:
    window: int = 10_000
    budget: int = 64 * 2 ** 20
    stride: int = 8
    states: dict[int, TrainingState] = field(default_factory=dict)
    pinned: set[int] = field(default_factory=set)

    def configure(self, state_bytes: int) -> None:
        """Pick the stride K so that window / K + K states fit in the budget."""
        fit = max(self.budget // max(state_bytes, 1), 64)
        # window/K + K <= fit  <=>  K in the roots of K^2 - fit K + window; take the small root
        disc = fit * fit - 4 * self.window
        k = (fit - math.sqrt(disc)) / 2 if disc >= 0 else math.sqrt(self.window)
        self.stride = max(8, int(math.ceil(k)))

    def add(self, state: TrainingState, pin: bool = False) -> None:
        self.states[state.step] = state
        if pin:
            self.pinned.add(state.step)
        self._thin(state.step)

    def _thin(self, now: int) -> None:
        old = now - self.stride
        if old >= 0 and old in self.states and old % self.stride and old not in self.pinned:
            del self.states[old]
        too_old = now - self.window - self.stride
        if too_old in self.states:
            del self.states[too_old]
            self.pinned.discard(too_old)
        if len(self.states) > 2 * (self.window // self.stride + self.stride) + len(self.pinned):
            for s in [s for s in self.states if s < too_old]:  # stragglers left by jumps
                del self.states[s]
                self.pinned.discard(s)

    def at_or_before(self, step: int) -> TrainingState | None:
        best = max((s for s in self.states if s <= step), default=None)
        return None if best is None else self.states[best]

    def truncate_after(self, step: int) -> None:
        for s in [s for s in self.states if s > step]:
            del self.states[s]
            self.pinned.discard(s)

    def earliest(self) -> int:
        return min(self.states, default=0)

    def nbytes(self) -> int:
        return sum(s.nbytes() for s in self.states.values())
