"""The network's training trajectory as the loss-surface view records it, and landscape jobs.

:class:`TrajectoryRecorder` keeps theta (the flat :meth:`Network.parameters` vector) at each
training position it is told about.  While stepping by hand that is every step; in run
mode the session emits ``step_taken`` once per ~33 ms chunk, so the trajectory holds the
parameters at the end of each chunk (tens of steps apart on a small network), not every
step.  Stepping back cuts it; a reset keeps only step 0.  The points are a
:class:`core.training.thinned_series.ThinnedSeries` of at most :data:`MAX_BYTES` (32 MiB): as it
fills, the points thin to one every k steps, evenly over the run, always keeping the first
and the latest.  A point of a network over 1.4 million parameters is over a third of that;
then only those two are kept (160 MB at the 10-million-parameter limit).
"""
from __future__ import annotations

from functools import partial
from typing import Any, Callable

import numpy as np
from numpy.typing import NDArray

from core.checks import memory
from core.surfaces import landscape
from core.surfaces.landscape_grid import flatten, parameter_name
from core.training.thinned_series import ThinnedSeries

Array = NDArray[np.float64]
MAX_BYTES = 32 * 2 ** 20

MODES = {   # mode -> menu text
    "params": "two parameters",
    "random": "random directions",
    "line": "line from initial",
    "pca": "PCA of the trajectory",
}


class TrajectoryRecorder:
    """(step, theta) pairs in step order, at most :data:`MAX_BYTES`; see the module docstring."""

    def __init__(self) -> None:
        self._series: ThinnedSeries | None = None
        self._generation = 0         # of the series' predecessors, so a clear still bumps it

    @property
    def generation(self) -> int:
        """Bumps whenever earlier points change (cut, thinned, cleared)."""
        return self._generation + (self._series.generation if self._series else 0)

    @property
    def steps(self) -> list[int]:
        return self._series.steps.tolist() if self._series else []

    @property
    def thetas(self) -> Array:
        """The kept points, shape (m, P)."""
        return self._series.rows if self._series else np.empty((0, 0))

    @property
    def nbytes(self) -> int:
        return self._series.nbytes if self._series else 0

    def __len__(self) -> int:
        return len(self._series) if self._series else 0

    def clear(self) -> None:
        self._generation = self.generation + 1
        self._series = None

    def record(self, step: int, params: list[Array]) -> None:
        theta = flatten(params)
        if self._series is None or self._series.width != theta.size:
            self.clear()             # the first point, or the structure changed under us
            self._series = ThinnedSeries(theta.size, MAX_BYTES)
        series = self._series
        if len(series) and series.steps[-1] == step and np.array_equal(series.rows[-1], theta):
            return
        series.append(step, theta)

    def matrix(self) -> Array:
        return self.thetas.copy()


def parameter_names(net: Any) -> list[str]:
    """Every parameter that can move: weights of present connections, biases of layers with bias."""
    names = []
    for k in range(net.depth):
        rows, cols = net.W[k].shape
        mask = net.mask[k]
        names += [parameter_name(net, 2 * k, i * cols + j)
                  for i in range(rows) for j in range(cols) if mask[i, j]]
        if net.layers[k + 1].bias:
            names += [parameter_name(net, 2 * k + 1, j) for j in range(cols)]
    return names


def landscape_job(studio: Any, mode: str, first: str, second: str, normalisation: str, seed: int,
                  grid: int, span: float, trajectory: Array) -> Callable[..., Any]:
    """A function of (should_stop, progress) computing the chosen landscape on *copies* of the
    session's network and data, safe to run in a worker thread while training goes on."""
    memory.check_surface(studio, 0)        # InputError (a ValueError) names the limit
    net, x, y, loss = landscape.session_data(studio)
    net, x, y = net.copy(), np.array(x, dtype=np.float64), np.array(y, dtype=np.float64)
    if mode == "params":
        return partial(landscape.parameter_slice, net, x, y, loss, first, second, grid=grid, span=span)
    if mode == "random":
        return partial(landscape.random_plane, net, x, y, loss, seed=seed,
                       normalisation=normalisation, grid=grid, span=span)
    if mode == "line":
        initial = [p.copy() for p in studio.initial_params]
        return partial(landscape.line, net, x, y, loss, initial, grid=grid, span=span)
    return partial(landscape.pca_plane, net, x, y, loss, trajectory.copy(), grid=grid)
