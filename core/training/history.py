"""The training timeline's memory: snapshots that make stepping back exact and bounded.

A snapshot is a :class:`TrainingState` taken after a training step.  Stepping back to step
t restores the newest snapshot at or before t and recomputes the steps in between, so the
numbers are bit-identical to the first time.

Memory bound
------------
The newest snapshot is the current state: its arrays are the network's own (a step's
parameters are read-only and shared, not copied), so it costs nothing extra.  Every other
snapshot, pinned or not, counts against ``budget`` (64 MiB), in bytes of distinct arrays:
:meth:`History.own_nbytes` never exceeds it, for any network.  Let S be the bytes of one
state (parameters + optimizer state) and ``fit = budget // S`` the snapshots that fit.

* ``fit >= 200`` (S up to 335 KB: about 21,000 parameters with SGD, whose momentum buffer counts,
  14,000 with Adam): the
  last K steps are kept densely and one state every K steps within the last ``window``
  (10,000) steps, with window / K + K <= fit and K >= 8.  Stepping back costs at most K - 1
  recomputed steps (K = 8 for xor, whose whole history stays under 1 MiB).
* ``1 <= fit < 200``: half the snapshots form the dense tail, the others a grid of stride
  at most ``max_recompute`` (500) steps, so the history reaches fewer steps back and a
  step back may recompute up to 500 steps (784-300-10 with Adam, S = 5.7 MB: fit = 11,
  6 dense, one every 500 steps, 2,500 steps back; the slowest step back at batch 1 takes
  about 2 s).
* ``fit = 0`` (S over 64 MiB: above 4.2 million parameters with SGD, 2.8 million with
  Adam): only the current state is kept and there is no stepping back.

States pinned by edits (a typed weight, a new optimizer) cannot be recomputed from earlier
ones; they count against the same budget.  When the budget is exceeded the oldest snapshots
go first, which is always safe: the history then simply reaches less far back.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
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

    def same_as(self, other: TrainingState) -> bool:
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

    def arrays(self) -> Iterator[np.ndarray]:
        """The arrays that hold this state's memory (the generator state is a few bytes)."""
        yield from self.params
        yield self.order
        for value in self.opt_state.values():
            if isinstance(value, list):
                yield from value

    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.arrays())


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
    stride: int = 8            # K: one snapshot every K steps ...
    dense: int = 8             # ... and every one of the last ``dense`` steps
    reach: int = 10_000        # snapshots older than ``reach`` steps are dropped
    max_recompute: int = 500
    states: dict[int, TrainingState] = field(default_factory=dict)   # ascending steps
    pinned: set[int] = field(default_factory=set)
    state_bytes: int = 1       # S: the largest state seen (counted without sharing: an upper bound)

    def configure(self, state_bytes: int) -> None:
        """Pick the dense tail, the stride and the reach so the snapshots fit the budget."""
        self.state_bytes = max(state_bytes, 1)
        fit = self.budget // self.state_bytes
        if fit * fit >= 4 * self.window:
            # window/K + K <= fit  <=>  K between the roots of K^2 - fit K + window; take the small root
            k = (fit - math.sqrt(fit * fit - 4 * self.window)) / 2
            self.stride = self.dense = max(8, int(math.ceil(k)))
            self.reach = self.window
        else:
            self.dense = max(1, (fit + 1) // 2)
            sparse = fit - self.dense
            self.stride = min(self.max_recompute, math.ceil(self.window / sparse)) if sparse else self.max_recompute
            self.reach = sparse * self.stride

    def add(self, state: TrainingState, pin: bool = False) -> None:
        self.states.pop(state.step, None)       # re-inserted last: the dict stays in step order
        self.states[state.step] = state
        if pin:
            self.pinned.add(state.step)
            # an edit or a new optimizer may change a state's size; steps keep the pin's shapes
            self.state_bytes = max(self.state_bytes, state.nbytes())
        self._thin(state.step)

    def _drop(self, step: int) -> None:
        del self.states[step]
        self.pinned.discard(step)

    def _thin(self, now: int) -> None:
        states = self.states
        old = now - self.dense
        if old % self.stride and old in states and old >= 0 and old not in self.pinned:
            self._drop(old)
        while len(states) > 1 and (next(iter(states)) < now - self.reach or self._over_budget()):
            self._drop(next(iter(states)))    # the oldest first: the rest stays exact

    def _over_budget(self) -> bool:
        # (n - 1) S bounds the bytes from above; count exactly only when that bound is passed
        return (len(self.states) - 1) * self.state_bytes > self.budget and self.own_nbytes() > self.budget

    def at_or_before(self, step: int) -> TrainingState | None:
        best = max((s for s in self.states if s <= step), default=None)
        return None if best is None else self.states[best]

    def truncate_after(self, step: int) -> None:
        for s in [s for s in self.states if s > step]:
            self._drop(s)

    def earliest(self) -> int:
        return min(self.states, default=0)

    def nbytes(self) -> int:
        """Bytes of the distinct arrays of every snapshot, the current state's included."""
        return _distinct_bytes(self.states.values())

    def own_nbytes(self) -> int:
        """Bytes held only by the snapshots other than the newest (the current state): <= budget."""
        if not self.states:
            return 0
        newest = self.states[next(reversed(self.states))]
        return _distinct_bytes(self.states.values(), skip={id(a) for a in newest.arrays()})


def _distinct_bytes(states: Iterable[TrainingState], skip: AbstractSet[int] = frozenset()) -> int:
    """Bytes of the distinct arrays of ``states`` (one shared by states, such as an unchanged
    buffer or the sample order, counts once), leaving out the arrays whose id is in ``skip``."""
    seen: dict[int, int] = {}
    for state in states:
        for a in state.arrays():
            if id(a) not in skip:
                seen[id(a)] = a.nbytes
    return sum(seen.values())
