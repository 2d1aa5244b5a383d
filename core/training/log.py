"""The training log: what happened at each step of the timeline, kept by the session.

One :class:`TrainingLog` per :class:`~core.training.session.Session` is the single record of
training history; the loss curve, the diagnostics' norms, the loss surface's path and the
CLI all read it, so the GUI (which trains in chunks) and the CLI (step by step) see the same
history.  It always describes the timeline up to the current step: stepping back cuts it,
and the steps recomputed after a step back are recorded again, identically.

What it holds, for the steps 1..t taken (step 0 is the start):

* ``losses``, ``epochs``: the batch loss of every step (before its update) and its 0-based
  epoch: plain lists with one entry per step (they are saved in full, as before).
* ``curve``: the same (loss, epoch) pairs as a :class:`ThinnedSeries` of at most
  :data:`CURVE_BYTES`, what the loss curve draws: every step up to about 700,000 steps, then
  evenly thinned.  It is folded in from the lists when read (no cost per step), and cut with
  them, so a view never keeps or guesses a copy of its own.
* ``norms``: per step s, ||dE/dW^(k-1->k)||_F of step s and ||W^(k-1->k)||_F after it, for
  k = 1..L: a :class:`ThinnedSeries` of width 2L, at most :data:`NORM_BYTES`.  The gradient
  half is nan where no gradient is known (step 0, a position loaded from a file).
* ``path``: theta (the flat parameter vector, :meth:`Network.parameters` order) after every
  step, step 0 included: a :class:`ThinnedSeries` of at most :data:`PATH_BYTES`, so a long run
  or a big network keeps a bounded, evenly thinned path (always the first and latest point).
* ``test``: the mean test loss at the parameters after step s.  It costs a forward pass over
  the test set, so it is recorded every :func:`test_loss_stride` steps: every step while the test
  set is no larger than a batch, else every k-th step with k the power of two that keeps its
  cost at most about one batch's forward pass per step.  A view showing the current position
  asks for it there too (:meth:`Session.log_test_loss`): every step taken by hand has one.

Cost: per step the log appends to two lists and records the norms and theta in one of two
ways, chosen once by the width of a step's numbers (theta and the weight gradients, P + G):

* narrow (at most :data:`BUFFERED_NUMBERS`, the networks one steps through by hand): one
  ``np.concatenate`` copies theta and the gradients into a row of a buffer, about 1 us; the
  norms are computed and the rows folded into the series in batches of up to
  :data:`PENDING_STEPS` steps, whenever a series is read or the buffer is full.  Per step that
  is one numpy call, where computing 2L norms would be 2L calls.
* wide (a 784-input network): the 2L norms are computed at once from the step's own arrays
  (one BLAS dot each, a read of P + G numbers: what ``np.linalg.norm`` does) and theta is
  handed to the path by reference (:meth:`ThinnedSeries.append_parts`), copied only for the
  steps the path keeps: every ``stride``-th step, the stride growing as the path fills.
  Per step that reads the gradients and the weights once and copies nothing.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .thinned_series import ThinnedSeries

Array = NDArray[np.float64]

NORM_BYTES = 4 * 2 ** 20
PATH_BYTES = 32 * 2 ** 20
TEST_BYTES = 2 ** 20
CURVE_BYTES = 16 * 2 ** 20
"""The loss curve's series (24 bytes a step): past about 700,000 steps, one point every k steps,
evenly over the run, with the first and the latest (a per-epoch mean is then the mean of the
kept points)."""
BUFFERED_NUMBERS = 4096
"""A step's theta and weight gradients up to this many numbers are buffered and folded in
batches; wider ones are recorded at once (see the module docstring)."""
PENDING_STEPS = 1024
PENDING_BYTES = 4 * 2 ** 20
"""The buffer of steps waiting to be folded into the series is at most this (or one row).
Folding costs a few dozen numpy calls whatever the number of rows: large batches amortise it."""
SAVED_PATH_NUMBERS = 2 ** 17
"""A saved project keeps the path thinned to at most this many numbers (about 2.5 MB of JSON)."""


def test_loss_stride(test_rows: int, batch_rows: int) -> int:
    """The stride k of the test-loss record: 1 when the test set is no larger than a batch, else
    the power of two >= test_rows / batch_rows (a forward pass of about one batch per step)."""
    if test_rows <= batch_rows:
        return 1
    return 1 << math.ceil(math.log2(test_rows / max(batch_rows, 1)))


class TrainingLog:
    """The history of one timeline; see the module docstring.  ``layers`` = L, ``size`` = P."""

    def __init__(self, sizes: list[int]) -> None:
        """A log for parameters of ``sizes`` (of W^(0->1), b^(1), W^(1->2), ...)."""
        self.layers, self.size = len(sizes) // 2, sum(sizes)
        self._sizes = list(sizes)
        self.losses: list[float] = []
        self.epochs: list[int] = []
        self._norms = ThinnedSeries(2 * self.layers, NORM_BYTES)
        self._path = ThinnedSeries(self.size, PATH_BYTES)
        self._test = ThinnedSeries(1, TEST_BYTES)
        self._curve = ThinnedSeries(2, CURVE_BYTES)
        self._curve_read = 0           # the steps of losses/epochs folded into _curve
        # narrow: the steps not yet folded into the series, row i = [theta, the weight gradients]
        # of step _steps[i], copied in (keeping the step's arrays alive instead costs more in
        # allocation); wide: no rows
        width = self.row_width = self.size + sum(sizes[0::2])
        """A step's theta and weight gradients: P + the size of every W."""
        self.wide = width > BUFFERED_NUMBERS
        """True when the norms and theta are recorded at each step (see the module docstring)."""
        rows = 0 if self.wide else min(PENDING_STEPS, max(1, PENDING_BYTES // (8 * width)))
        self._buffer = np.empty((rows, width))
        self._steps: list[int] = []

    # -- recording -------------------------------------------------------------------------
    def record(self, step: int, loss: float, epoch: int, params: list[Array], dE_dW: list[Array],
               squared: Array | None = None, row: Array | None = None) -> None:
        """Step ``step`` was taken: its batch loss and epoch, its parameters after the update
        (read-only, shared) and its weight gradients.  When the step computed them already
        (``StepRecord.squared_norms``, ``StepRecord.log_row``), ``squared`` holds their squared
        norms (what :func:`squared_norms` gives) and ``row`` their concatenation, raveled."""
        self.losses.append(loss)
        self.epochs.append(epoch)
        if self.wide:                # the norms now, theta by reference
            if squared is None:
                squared = squared_norms(dE_dW + params[0::2])
            self._norms.append(step, np.sqrt(squared))
            self._path.append_parts(step, params)
            return
        buffer = self._buffer
        n = len(self._steps)
        if n == len(buffer):
            self.flush()
            n = 0
        if row is None:
            np.concatenate(params + dE_dW, axis=None, out=buffer[n])
        else:
            buffer[n] = row
        self._steps.append(step)

    def mark(self, step: int, params: list[Array]) -> None:
        """The parameters at ``step`` without a step to show for it (the start, an edit, a
        loaded position): a path point and the weight norms; a gradient already recorded for
        this step is kept."""
        self.flush()
        gradient = np.full(self.layers, np.nan)
        if len(self._norms) and self._norms.steps[-1] == step:
            gradient = self._norms.rows[-1, :self.layers].copy()
        params = [p if not p.flags.writeable else p.copy() for p in params]   # kept by reference
        self._norms.append(step, np.r_[gradient, self._weight_norms(params)])
        self._path.append_parts(step, params)
        self._test.cut_after(step - 1)         # a test loss recorded here was for other values

    def _weight_norms(self, params: list[Array]) -> Array:
        """||W^(k-1->k)|| for k = 1..L, the way :meth:`record` computes them for these steps."""
        if not self.wide:
            theta = np.concatenate(params, axis=None)
            with np.errstate(all="ignore"):       # a diverging weight may overflow the norm
                return _segment_norms(theta[None], self._sizes)[0, 0::2]
        return np.sqrt(squared_norms(params[0::2]))

    def record_test(self, step: int, value: float) -> None:
        if math.isfinite(value):
            self._test.append(step, [value])

    def cut_after(self, step: int) -> None:
        """Forget everything after ``step`` (the session stepped back to it)."""
        del self.losses[step:]
        del self.epochs[step:]
        self._curve.cut_after(step)
        self._curve_read = min(self._curve_read, step)
        while self._steps and self._steps[-1] > step:    # pending rows are in step order
            self._steps.pop()
        for series in (self._norms, self._path, self._test):
            series.cut_after(step)

    def flush(self) -> None:
        """Fold the pending narrow steps into the norms and the path (a few numpy calls)."""
        if not self._steps:
            return
        m, steps, self._steps = len(self._steps), np.array(self._steps, dtype=np.int64), []
        theta, grads = self._buffer[:m, :self.size], self._buffer[:m, self.size:]
        with np.errstate(all="ignore"):           # a diverging weight may overflow the norm
            weight = _segment_norms(theta, self._sizes)[:, 0::2]    # W0, b0, W1, ...: the Ws
            gradient = _segment_norms(grads, self._sizes[0::2])
        self._norms.extend(steps, np.concatenate([gradient, weight], axis=1))
        self._path.extend(steps, theta)

    # -- reading ---------------------------------------------------------------------------
    @property
    def norms(self) -> ThinnedSeries:
        """Rows [||dE/dW^(k-1->k)|| for k = 1..L, ||W^(k-1->k)|| for k = 1..L] by step."""
        self.flush()
        return self._norms

    @property
    def path(self) -> ThinnedSeries:
        """theta after each kept step, shape (m, P), step 0 first."""
        self.flush()
        return self._path

    @property
    def test(self) -> ThinnedSeries:
        """The mean test loss after each recorded step, width 1."""
        return self._test

    @property
    def curve(self) -> ThinnedSeries:
        """Rows [loss, epoch] of the steps taken (1, 2, ...), thinned past :data:`CURVE_BYTES`."""
        n, read = len(self.losses), self._curve_read
        if n > read:
            self._curve.extend(np.arange(read + 1, n + 1), np.c_[self.losses[read:n], self.epochs[read:n]])
            self._curve_read = n
        return self._curve

    # -- the project file ------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The series for ``state.log`` (``losses`` and ``epochs`` are saved beside it, as before).

        Each series is ``{"steps": [...], "rows": [[...], ...]}``: ``test`` (width 1),
        ``weight_norms`` and ``gradient_norms`` (width L; rows only where the norms are finite:
        a gradient is unknown at step 0 or a loaded position) and ``path`` (width P, thinned evenly
        to at most :data:`SAVED_PATH_NUMBERS`).
        """
        norms, path = self.norms, _thinned_copy(self.path, SAVED_PATH_NUMBERS * 8)
        # JSON has no nan or inf: an unknown gradient, or a norm of weights near the float limit
        # (its square overflows), leaves its row out
        known = np.all(np.isfinite(norms.rows[:, :self.layers]), axis=1)
        finite = np.all(np.isfinite(norms.rows[:, self.layers:]), axis=1)
        return {"test": _series_json(self._test.steps, self._test.rows),
                "weight_norms": _series_json(norms.steps[finite], norms.rows[finite, self.layers:]),
                "gradient_norms": _series_json(norms.steps[known], norms.rows[known, :self.layers]),
                "path": _series_json(path.steps, path.rows)}

    def load(self, saved: dict[str, tuple[NDArray[np.int64], Array]]) -> None:
        """Put back the series of :meth:`to_json`, given as name -> (steps (m,), rows (m, width)),
        already validated (increasing steps, the right widths)."""
        if "test" in saved:
            self._test.clear()
            self._test.extend(*saved["test"])
        if "path" in saved:
            self._path.clear()
            self._path.extend(*saved["path"])
        if "weight_norms" in saved:
            steps, weight = saved["weight_norms"]
            gradient = np.full_like(weight, np.nan)
            g_steps, g_rows = saved.get("gradient_norms", (np.empty(0, np.int64), np.empty((0, self.layers))))
            at = np.searchsorted(steps, g_steps)
            found = (at < len(steps)) & (steps[np.minimum(at, len(steps) - 1)] == g_steps)
            gradient[at[found]] = g_rows[found]
            self._norms.clear()
            self._norms.extend(steps, np.concatenate([gradient, weight], axis=1))


def _series_json(steps: NDArray[np.int64], rows: Array) -> dict[str, Any]:
    return {"steps": steps.tolist(), "rows": rows.tolist()}


def squared_norm(a: Array) -> float:
    """||a||_F^2: one BLAS dot of ``a`` with itself, the sum ``np.linalg.norm`` takes the root of
    (so the log's norms are numpy's to the last bit); inf when it overflows (with numpy's
    overflow warning unless under ``np.errstate``)."""
    flat = a.ravel(order="K")
    return float(flat.dot(flat))


def squared_norms(arrays: list[Array]) -> Array:
    """:func:`squared_norm` of each array, shape (len(arrays),)."""
    with np.errstate(all="ignore"):           # a diverging weight may overflow the square
        return np.array([squared_norm(a) for a in arrays])


def _segment_norms(rows: Array, sizes: list[int]) -> Array:
    """The Frobenius norm of each consecutive segment of ``sizes`` columns, row by row:
    shape (m, len(sizes)) from ``rows`` of shape (m, sum(sizes))."""
    starts = np.cumsum([0] + sizes[:-1])
    return np.sqrt(np.add.reduceat(rows * rows, starts, axis=1))


def _thinned_copy(series: ThinnedSeries, max_bytes: int) -> ThinnedSeries:
    copy = ThinnedSeries(series.width, max_bytes)
    copy.extend(series.steps, series.rows)
    return copy
