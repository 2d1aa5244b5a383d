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

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.surfaces.landscape import Landscape
from backprop_studio.core.surfaces.landscape_grid import parameter_index, parameter_name
from backprop_studio.core.surfaces.landscape_job import LandscapeRequest
from backprop_studio.core.surfaces.landscape_job import landscape_job as core_landscape_job
from backprop_studio.core.training.log import PATH_BYTES
from backprop_studio.core.training.thinned_series import ThinnedSeries
from backprop_studio.gui.language import QT_TR_NOOP

from .surface_heatmap import Picture, pictures

Array = NDArray[np.float64]
MAX_BYTES = PATH_BYTES

MODES = {   # mode -> menu text (English: translated where shown)
    "params": QT_TR_NOOP("two parameters"),
    "random": QT_TR_NOOP("random directions"),
    "line": QT_TR_NOOP("line from initial"),
    "pca": QT_TR_NOOP("PCA of the trajectory"),
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


class ParameterOrder(Sequence[str]):
    """Every parameter that can move, in order: per layer the weights of present connections
    (row by row), then the biases of a layer with bias.  Named on demand: 784-128-10 has
    101,770 of them, and a list of their names took a fifth of a second to build.

    Two orders are equal when they list the same parameters (same sizes, biases, masks).
    """

    def __init__(self, net: Any) -> None:
        self._net = net
        self._parts: list[tuple[int, NDArray[np.int64]]] = []   # (array index in parameters(), flat indices)
        for k in range(net.depth):
            self._parts.append((2 * k, np.flatnonzero(net.mask[k].ravel())))
            if net.layers[k + 1].bias:
                self._parts.append((2 * k + 1, np.arange(net.W[k].shape[1])))
        self._starts = np.cumsum([0] + [len(flat) for _, flat in self._parts])
        self.key = (tuple(net.sizes), tuple(l.bias for l in net.layers), tuple(m.tobytes() for m in net.mask))

    def default_axes(self) -> tuple[int, int]:
        """The rows a landscape opens on: the first two weights into the output layer when it
        has two, where the loss is most curved (a linear output under 1/2(y - y_hat)^2 makes E
        a bowl in them); the first layer's weights, where it opened before, give a near-flat
        plane.  Otherwise the first two parameters."""
        last = 2 * (self._net.depth - 1)
        for part, (array_index, flat) in enumerate(self._parts):
            if array_index == last and len(flat) >= 2:
                return int(self._starts[part]), int(self._starts[part]) + 1
        return 0, min(1, len(self) - 1)

    def __len__(self) -> int:
        return int(self._starts[-1])

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[r] for r in range(*row.indices(len(self)))]
        if not -len(self) <= row < len(self):
            raise IndexError(row)
        row %= len(self)
        part = int(np.searchsorted(self._starts, row, side="right")) - 1
        array_index, flat = self._parts[part]
        return parameter_name(self._net, array_index, int(flat[row - self._starts[part]]))

    def index(self, name: str, *_range: Any) -> int:
        """The row of ``name`` (``W0[1,0]``, ``b1[0]``); ValueError when it is not listed."""
        try:
            array_index, flat = parameter_index(self._net, name)
        except (InputError, ValueError):
            raise ValueError(f"{name!r} is not a parameter that can move") from None
        for part, (index, flats) in enumerate(self._parts):
            at = int(np.searchsorted(flats, flat))
            if index == array_index and at < len(flats) and flats[at] == flat:
                return int(self._starts[part]) + at
        raise ValueError(f"{name!r} is not a parameter that can move")

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        try:
            self.index(name)
        except ValueError:
            return False
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParameterOrder) and other.key == self.key

    __hash__ = None  # type: ignore[assignment]


def parameter_names(net: Any) -> list[str]:
    """Every parameter that can move, named (:class:`ParameterOrder` as a list)."""
    return list(ParameterOrder(net))


def landscape_job(studio: Any, mode: str, first: str, second: str, normalisation: str, seed: int,
                  grid: int, span: float, trajectory: Callable[[], Array] | None) -> Callable[..., Any]:
    """A function of (should_stop, progress) computing the chosen landscape on *copies* of the
    session's network and data, safe to run in a worker thread while training goes on: the
    CLI's ``surface`` computation (:func:`core.surfaces.landscape_job.landscape_job`).  The
    view draws the path itself as training goes on, so only pca (whose plane it is) is given
    the trajectory; pca's span is read from it.  ``trajectory`` gives a copy of it
    (:meth:`TrajectoryRecorder.matrix`), called for pca only: on 784-128-10 the copy is 32 MB."""
    pca = mode == "pca"
    request = LandscapeRequest(mode, first, second, seed, normalisation, grid, None if pca else span)
    return core_landscape_job(studio, request, trajectory() if pca and trajectory is not None else None)


def drawn_landscape(job: Callable[..., Landscape], *, should_stop: Callable[[], bool],
                    progress: Callable[[int, int], None]) -> tuple[Landscape, dict[bool, Picture]]:
    """Run a landscape ``job`` (:func:`landscape_job`) and work out its heatmap's pictures,
    both scales with their contours, in the same worker thread: the GUI thread only shows them
    (a line has no heatmap, a cancelled grid is not shown)."""
    landscape = job(should_stop=should_stop, progress=progress)
    shown = {} if landscape.mode == "line" or landscape.cancelled else pictures(landscape.axes, landscape.values)
    return landscape, shown
