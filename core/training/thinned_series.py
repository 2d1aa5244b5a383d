"""A per-step record bounded in bytes: rows keyed by step, thinned evenly as it fills.

Whatever is recorded at every step (the gradient and weight norms, the parameter path, the
test loss; views may keep their own) goes into a :class:`ThinnedSeries` rather than a
growing list, so a long run holds a fixed number of bytes, whatever the network's size.

Rule: the series keeps the first row of every bucket of ``stride`` consecutive steps,
plus always the latest row.  When the rows would exceed ``max_bytes``, the stride doubles
and every bucket keeps only its first row again, so roughly every second row goes and the
kept rows stay evenly spread over the whole run.  The first row (the start) and the latest
are always kept, so two rows are kept even when one row alone is over half the budget.

Reading (the public API for views and the CLI):

* ``len(series)``, ``series.steps`` (shape (m,), increasing) and ``series.rows`` (shape
  (m, width)): read-only views of the kept rows, valid until the series next changes;
* ``series.generation``: bumps whenever a kept row changes other than by a new row at the
  end (a cut, a thinning, the previous latest row replaced), so a reader that has seen m
  rows at generation g only needs ``rows[m:]`` while the generation is still g;
* ``width``, ``stride`` (steps per bucket) and ``nbytes`` (the memory held).

Writing costs O(1) amortised per row: :meth:`append` writes one row (a thinning, when the
series is full, moves every row but happens once per ``capacity / 2`` rows at most);
:meth:`append_parts` does not even copy the row until the series knows it keeps it, which
is what makes a wide row (theta of a big network) cheap to record at every step: most of them
are dropped as soon as the next one arrives.  :meth:`extend` adds many rows in one go.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
MOVE_BYTES = 256 * 1024      # thinning moves the kept rows in blocks of about this many bytes


class ThinnedSeries:
    """Rows of ``width`` floats at increasing steps, at most ``max_bytes`` of them (>= 2 rows)."""

    def __init__(self, width: int, max_bytes: int) -> None:
        self.width = width
        self.capacity = max(2, max_bytes // (8 * width + 8))
        self.stride = 1
        self.generation = 0          # bumps whenever kept rows change (cut, thinned, replaced)
        self.n = 0
        # the whole capacity at once: np.empty touches no memory, the system hands it over a row
        # at a time as rows are written.  Grown by copying instead, a wide series (theta of
        # 784-128-10, 800 KB a row) asked for 26 MB of new memory in one step, and on a loaded
        # machine training paused 60-130 ms while the system handed it over.
        self._steps = np.empty(self.capacity, dtype=np.int64)
        self._rows = np.empty((self.capacity, width))
        # the latest row, not yet copied into _rows[n - 1]: the arrays it is the concatenation of
        self._parts: Sequence[Array] | None = None

    def __len__(self) -> int:
        return self.n

    # -- reading ---------------------------------------------------------------------------
    @property
    def steps(self) -> NDArray[np.int64]:
        """The kept steps, shape (m,), increasing (a read-only view)."""
        view = self._steps[:self.n]
        view.flags.writeable = False
        return view

    @property
    def rows(self) -> Array:
        """The kept rows, shape (m, width), one per kept step (a read-only view)."""
        self._copy_parts()
        view = self._rows[:self.n]
        view.flags.writeable = False
        return view

    @property
    def nbytes(self) -> int:
        """Bytes of the buffers, reserved whole from the start: the bound on the memory held
        (which grows to it as rows are written)."""
        return self._steps.nbytes + self._rows.nbytes

    # -- writing ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.n, self.stride, self._parts = 0, 1, None
        self.generation += 1

    def cut_after(self, step: int) -> None:
        """Forget the rows after ``step`` (the session stepped back)."""
        n = int(np.searchsorted(self._steps[:self.n], step, side="right"))
        if n < self.n:
            self.n, self._parts = n, None      # the latest row goes, and with it a row not copied yet
            self.generation += 1

    def append(self, step: int, row: ArrayLike) -> None:
        """Add one row at ``step`` (after the last kept step; at it, the row replaces it)."""
        n = self._make_room(step)
        self._rows[n] = row
        self._steps[n] = step
        self.n = n + 1

    def append_parts(self, step: int, parts: Sequence[Array]) -> None:
        """Add the row that is the concatenation of the raveled ``parts`` (read-only arrays that
        never change: a step's parameters), copying it only once it is kept past the next row
        or read.  Used for theta, whose rows are mostly dropped as soon as the next step comes."""
        n = self._make_room(step)
        self._steps[n] = step
        self.n, self._parts = n + 1, parts

    def extend(self, steps: ArrayLike, rows: ArrayLike) -> None:
        """Add rows at ``steps`` (increasing, after the last kept step; a row at the last kept
        step replaces it)."""
        steps = np.asarray(steps, dtype=np.int64)
        rows = np.asarray(rows, dtype=np.float64).reshape(len(steps), self.width)
        if not len(steps):
            return
        self._copy_parts()
        if self.n and steps[0] <= self._steps[self.n - 1]:
            self.cut_after(int(steps[0]) - 1)
        while True:
            self._drop_latest_if_passing()
            keep = self._firsts(steps)
            if self.n + len(keep) <= self.capacity:
                break
            self._thin()             # ends: the stride doubles until one bucket holds everything
        self._steps[self.n:self.n + len(keep)] = steps[keep]
        self._rows[self.n:self.n + len(keep)] = rows[keep]
        self.n += len(keep)

    # -- the rule --------------------------------------------------------------------------
    def _make_room(self, step: int) -> int:
        """Where a new latest row at ``step`` goes (the rule above, for one row): the index n."""
        if self.n and step <= self._steps[self.n - 1]:
            self.cut_after(step - 1)
        while True:
            self._drop_latest_if_passing()
            if self.n < self.capacity:
                break
            self._thin()
        self._copy_parts()           # the previous latest stays: it opened its bucket
        return self.n

    def _drop_latest_if_passing(self) -> None:
        """The latest row goes when it was kept only as the latest: its bucket has a first."""
        n, s = self.n, self.stride
        if n >= 2 and self._steps[n - 1] // s == self._steps[n - 2] // s:
            self.n, self._parts = n - 1, None
            self.generation += 1

    def _copy_parts(self) -> None:
        if self._parts is not None:
            np.concatenate(self._parts, axis=None, out=self._rows[self.n - 1])
            self._parts = None

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
        self._copy_parts()
        bucket = self._steps[:self.n] // self.stride
        first = np.r_[True, bucket[1:] != bucket[:-1]]
        first[-1] = True
        keep = np.flatnonzero(first)
        self._steps[:len(keep)] = self._steps[keep]
        self._move_rows(keep)
        self.n = len(keep)
        self.generation += 1

    def _move_rows(self, keep: NDArray[np.int64]) -> None:
        """Row keep[i] to row i, in place, a block of about :data:`MOVE_BYTES` at a time.

        ``rows[keep]`` at once would copy the kept half through a new array as big (16 MB on
        784-128-10, memory the system must first hand over): training paused 100-200 ms on a
        loaded machine.  In place is safe: keep[i] >= i, so a block's rows are read before any
        later block writes over them; a row wider than a block moves as a view, with no copy.
        """
        block = max(1, MOVE_BYTES // (8 * self.width))
        for start in range(0, len(keep), block):
            rows = keep[start:start + block]
            if len(rows) == 1:
                if rows[0] != start:
                    self._rows[start] = self._rows[rows[0]]
            else:
                self._rows[start:start + len(rows)] = self._rows[rows]
