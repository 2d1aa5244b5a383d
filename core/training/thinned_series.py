"""A per-step record bounded in bytes: rows keyed by step, thinned evenly as it fills.

Views that record something at every step they see (the loss curve, gradient and weight
norms, the loss-surface trajectory) keep a :class:`ThinnedSeries` rather than a growing
list, so a long run holds a fixed number of bytes, whatever the network's size.

Rule: the series keeps the first row of every bucket of ``stride`` consecutive steps,
plus always the latest row.  When the rows would exceed ``max_bytes``, the stride doubles
and every bucket keeps only its first row again, so roughly every second row goes and the
kept rows stay evenly spread over the whole run.  The first row (the start) and the latest
are always kept, so two rows are kept even when one row alone is over half the budget.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


class ThinnedSeries:
    """Rows of ``width`` floats at increasing steps, at most ``max_bytes`` of them (>= 2 rows)."""

    def __init__(self, width: int, max_bytes: int) -> None:
        self.width = width
        self.capacity = max(2, max_bytes // (8 * width + 8))
        self.stride = 1
        self.generation = 0          # bumps whenever kept rows change (cut, thinned, replaced)
        self.n = 0
        self._steps = np.empty(min(self.capacity, 16), dtype=np.int64)
        self._rows = np.empty((len(self._steps), width))

    def __len__(self) -> int:
        return self.n

    @property
    def steps(self) -> NDArray[np.int64]:
        return self._steps[:self.n]

    @property
    def rows(self) -> Array:
        return self._rows[:self.n]

    @property
    def nbytes(self) -> int:
        """Bytes of the buffers (allocated, so the bound holds for the memory really held)."""
        return self._steps.nbytes + self._rows.nbytes

    def clear(self) -> None:
        self.n, self.stride = 0, 1
        self.generation += 1

    def cut_after(self, step: int) -> None:
        """Forget the rows after ``step`` (the session stepped back)."""
        n = int(np.searchsorted(self.steps, step, side="right"))
        if n < self.n:
            self.n = n
            self.generation += 1

    def append(self, step: int, row: ArrayLike) -> None:
        self.extend([step], np.reshape(row, (1, self.width)))

    def extend(self, steps: ArrayLike, rows: ArrayLike) -> None:
        """Add rows at ``steps`` (increasing, after the last kept step; a row at the last kept
        step replaces it)."""
        steps = np.asarray(steps, dtype=np.int64)
        rows = np.asarray(rows, dtype=np.float64).reshape(len(steps), self.width)
        if not len(steps):
            return
        if self.n and steps[0] <= self._steps[self.n - 1]:
            self.cut_after(int(steps[0]) - 1)
        while True:
            if self.n >= 2 and self._steps[self.n - 1] // self.stride == self._steps[self.n - 2] // self.stride:
                self.n -= 1          # the previous latest row was kept only as the latest
                self.generation += 1
            keep = self._firsts(steps)
            if self.n + len(keep) <= self.capacity:
                break
            self._thin()             # ends: the stride doubles until one bucket holds everything
        self._reserve(self.n + len(keep))
        self._steps[self.n:self.n + len(keep)] = steps[keep]
        self._rows[self.n:self.n + len(keep)] = rows[keep]
        self.n += len(keep)

    def _firsts(self, steps: NDArray[np.int64]) -> NDArray[np.int64]:
        """Indices of ``steps`` that open a new bucket after the kept rows, and the last one."""
        bucket = steps // self.stride
        before = np.r_[self._steps[self.n - 1] // self.stride if self.n else -1, bucket[:-1]]
        first = bucket != before
        first[-1] = True
        return np.flatnonzero(first)

    def _thin(self) -> None:
        self.stride *= 2
        if self.n < 2:
            return
        bucket = self.steps // self.stride
        first = np.r_[True, bucket[1:] != bucket[:-1]]
        first[-1] = True
        keep = np.flatnonzero(first)
        self._steps[:len(keep)] = self._steps[keep]
        self._rows[:len(keep)] = self._rows[keep]
        self.n = len(keep)
        self.generation += 1

    def _reserve(self, need: int) -> None:
        if need > len(self._steps):
            size = min(self.capacity, max(need, 2 * len(self._steps)))
            self._steps = np.resize(self._steps, size)
            self._rows = np.resize(self._rows, (size, self.width))
