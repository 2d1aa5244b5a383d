"""The network's training trajectory as the loss-surface view reads it, and landscape jobs.

The trajectory is the session's training log (:mod:`core.training.log`): theta (the flat
:meth:`Network.parameters` vector) after every step, step 0 included, whether stepped by hand
or run in chunks, so the GUI's path and PCA plane are the CLI's.  Stepping back cuts it; a
reset keeps only step 0.  It is bounded at :data:`MAX_BYTES` (32 MiB): as it fills, the
points thin to one every k steps, evenly over the run, always keeping the first and the
latest.  A point of a network over 1.4 million parameters is over a third of that; then only
those two are kept (160 MB at the 10-million-parameter limit).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.surfaces.landscape_grid import parameter_name
from backprop_studio.core.surfaces.landscape_job import LandscapeRequest
from backprop_studio.core.surfaces.landscape_job import landscape_job as core_landscape_job
from backprop_studio.core.training.log import PATH_BYTES
from backprop_studio.core.training.thinned_series import ThinnedSeries

Array = NDArray[np.float64]
MAX_BYTES = PATH_BYTES

MODES = {   # mode -> menu text
    "params": "two parameters",
    "random": "random directions",
    "line": "line from initial",
    "pca": "PCA of the trajectory",
}


class TrajectoryRecorder:
    """The view's reading of the log's (step, theta) pairs; see the module docstring."""

    def __init__(self, studio: Any) -> None:
        self.studio = studio
        self._seen: ThinnedSeries | None = None
        self._generation = 0         # of the series read before, so a new log still bumps it

    @property
    def _series(self) -> ThinnedSeries:
        series = self.studio.session.log.path
        if series is not self._seen:            # a new log (reset, another document)
            if self._seen is not None:
                self._generation += self._seen.generation + 1
            self._seen = series
        return series

    @property
    def generation(self) -> int:
        """Bumps whenever earlier points change (cut, thinned, a new log)."""
        series = self._series
        return self._generation + series.generation

    @property
    def steps(self) -> list[int]:
        return self._series.steps.tolist()

    @property
    def thetas(self) -> Array:
        """The kept points, shape (m, P)."""
        return self._series.rows

    @property
    def nbytes(self) -> int:
        return self._series.nbytes

    def __len__(self) -> int:
        return len(self._series)

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
    session's network and data, safe to run in a worker thread while training goes on: the
    CLI's ``surface`` computation (:func:`core.surfaces.landscape_job.landscape_job`).  The
    view draws the path itself as training goes on, so only pca (whose plane it is) is given
    the trajectory; pca's span is read from it."""
    pca = mode == "pca"
    request = LandscapeRequest(mode, first, second, seed, normalisation, grid, None if pca else span)
    return core_landscape_job(studio, request, trajectory if pca else None)
