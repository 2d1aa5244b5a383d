"""The loss landscape of a real network around its current parameters theta*.

Four views, each a :class:`Landscape` of E on a grid of coordinates ``a`` along
directions ``d_k`` from a centre theta_c (theta is the flat parameter vector of
:mod:`core.surfaces.landscape_grid`):

    E(a) = E(theta_c + sum_k a_k d_k)

* :func:`parameter_slice` -- two chosen parameters move, all others held at theta*.  The
  axes are the two parameters' own values, so the slice is exact and a recorded
  trajectory is drawn by reading those two entries at each step.
* :func:`random_plane` -- two seeded Gaussian directions around theta*, normalised
  ``"filter"``-wise (Li et al. 2018), ``"layer"``-wise, or not at all (``"none"``):

      filter:  d[:, j] <- d[:, j] ||theta[:, j]|| / ||d[:, j]||  for each column j of each W
               (column j of W^(k->k+1) holds the incoming weights of unit j of layer k+1:
               the fully connected analogue of a convolution filter); bias directions are 0,
               as in Li et al.'s default.
      layer:   d_A <- d_A ||theta_A|| / ||d_A||  for each array A (each W and each b).

  Removed connections, frozen parameters and absent biases get direction 0 in every mode.
* :func:`line` -- the 1-D line theta(t) = theta_0 + t (theta* - theta_0) from the initial
  parameters (t = 0) to the current ones (t = 1).
* :func:`pca_plane` -- the plane of the first two principal directions of a recorded
  trajectory theta_0..theta_m, centred at theta* = its last point, with the trajectory
  projected onto it and the share of its variance the plane explains.

Values are float64; ``values[i, j]`` belongs to ``axes[1][i], axes[0][j]`` (rows are the
second axis, as images are drawn).  Every function takes ``should_stop`` and ``progress``
(see :func:`core.surfaces.landscape_grid.evaluate`); a cancelled landscape has ``cancelled`` set
and nan where it was not computed.  The network must not change while its landscape is
computed: from a worker thread, pass a copy (``net.copy()``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.losses import LOSSES, Loss
from backprop_studio.core.engine.network import Network

from .landscape_grid import evaluate, flatten, offsets, parameter_index, parameter_name

Array = NDArray[np.float64]
Trajectory = Sequence[Array | Sequence[Array]] | Array   # points: flat vectors or parameter lists
MAX_GRID = 501
NORMALISATIONS = ("filter", "layer", "none")


@dataclass
class Landscape:
    """A landscape: E on a grid along ``directions`` (K, P) from ``center`` (P,).

    axes: K coordinate arrays; values: (len(axes[1]), len(axes[0])) or (len(axes[0]),);
    origin: the coordinates of the current parameters theta* (K,); path: a trajectory in the
    same coordinates (m, K) or None; explained_variance: the share of the trajectory's
    variance along each PCA direction (pca mode only).
    """

    mode: str
    axes: list[Array]
    values: Array
    labels: list[str]
    center: Array
    directions: Array
    origin: Array
    path: Array | None = None
    path_losses: Array | None = None
    explained_variance: Array | None = None
    cancelled: bool = False

    def theta(self, coords: Sequence[float]) -> Array:
        """The flat parameter vector at grid coordinates ``coords`` (K,)."""
        return self.center + np.asarray(coords, dtype=np.float64) @ self.directions

    def project(self, trajectory: Trajectory) -> Array:
        """Coordinates (m, K) of parameter vectors on this landscape, e.g. to extend a path
        live while training: exact for orthonormal directions (params, pca), least squares
        for the others."""
        return _project(trajectory_matrix(trajectory, self.center.size), self.center,
                        self.directions)


@dataclass
class _Job:
    """What every view shares: the network, the data, the loss and the callbacks."""

    net: Network
    x: Array
    y: Array
    loss: Loss
    should_stop: Callable[[], bool] | None = None
    progress: Callable[[int, int], None] | None = None

    def grid(self, center: Array, directions: Array, axes: list[Array]) -> tuple[Array, bool]:
        mesh = np.meshgrid(*axes)   # (len(axes[1]), len(axes[0])) for two axes
        coords = np.stack([m.ravel() for m in mesh], axis=1)
        values, cancelled = evaluate(self.net, self.x, self.y, self.loss, center, directions,
                                     coords, self.should_stop, self.progress)
        return values.reshape(mesh[0].shape), cancelled


def _job(net: Network, x: Array, y: Array, loss: Loss | str, should_stop, progress) -> _Job:
    if isinstance(loss, str):
        if loss not in LOSSES:
            raise InputError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}", "loss")
        loss = LOSSES[loss]
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    y = np.asarray(y, dtype=np.float64)
    y = y[:, None] if y.ndim == 1 else y
    if x.shape[1] != net.sizes[0] or y.shape != (len(x), net.sizes[-1]):
        raise InputError(f"inputs {x.shape} and targets {y.shape} do not fit a "
                         f"{'-'.join(map(str, net.sizes))} network", "landscape")
    return _Job(net, x, y, loss, should_stop, progress)


def _check_grid(grid: int) -> int:
    if not isinstance(grid, (int, np.integer)) or not 2 <= grid <= MAX_GRID:
        raise InputError(f"expected a whole number from 2 to {MAX_GRID}, got {grid!r}", "grid")
    return int(grid)


def trajectory_matrix(trajectory: Trajectory, size: int) -> Array:
    """A trajectory as an (m, P) array: from flat vectors or from parameter lists.

    An (m, P) array is returned as it is (not copied: callers only read it), because a recorded
    path is one already and has up to hundreds of thousands of rows: read row by row, the
    loss surface took a quarter of a second on the GUI thread to project it.
    """
    if isinstance(trajectory, np.ndarray) and trajectory.ndim == 2:
        matrix = np.asarray(trajectory, dtype=np.float64)
        if not len(matrix) or matrix.shape[1] != size:
            raise InputError(f"every trajectory point needs {size} parameters", "trajectory")
        return matrix
    rows = [flatten(t) if isinstance(t, (list, tuple)) else np.asarray(t, dtype=np.float64).ravel()
            for t in trajectory]
    if not rows or any(r.size != size for r in rows):
        raise InputError(f"every trajectory point needs {size} parameters", "trajectory")
    return np.stack(rows)


def _project(traj: Array, center: Array, directions: Array) -> Array:
    """Coordinates c with center + c @ directions ~ theta_t, shape (m, K): the dot products
    when the directions are orthonormal, least squares otherwise."""
    if np.allclose(directions @ directions.T, np.eye(len(directions)), rtol=0.0, atol=1e-12):
        return (traj - center) @ directions.T
    coords, *_ = np.linalg.lstsq(directions.T, (traj - center).T, rcond=None)
    return np.asarray(coords.T, dtype=np.float64)   # (no copy: lstsq's stub says only "floating")


def _path_losses(job: _Job, center: Array, directions: Array, path: Array | None) -> Array | None:
    if path is None:
        return None
    values, _ = evaluate(job.net, job.x, job.y, job.loss, center, directions, path)
    return values


# -- 1. two chosen parameters ------------------------------------------------------------
def parameter_slice(net: Network, x: Array, y: Array, loss: Loss | str,
                    first: str | tuple[int, int], second: str | tuple[int, int], *,
                    grid: int = 51, span: float = 1.0, trajectory: Trajectory | None = None,
                    should_stop: Callable[[], bool] | None = None,
                    progress: Callable[[int, int], None] | None = None) -> Landscape:
    """E as the two parameters ``first`` and ``second`` range over their current value +- span.

    Parameters are named ``"W0[1,0]"``/``"b1[0]"`` or given as (array index in
    parameters(), flat index).  The axes hold the parameters' values.
    """
    job, grid = _job(net, x, y, loss, should_stop, progress), _check_grid(grid)
    theta = flatten(net.parameters())
    starts = offsets(net)
    picked = [parameter_index(net, spec) for spec in (first, second)]
    flat = [starts[a] + i for a, i in picked]
    if flat[0] == flat[1]:
        raise InputError("choose two different parameters", "parameter")
    directions = np.zeros((2, theta.size))
    directions[0, flat[0]] = directions[1, flat[1]] = 1.0
    center = theta.copy()
    center[flat] = 0.0           # theta = center + a e_first + b e_second holds a, b exactly
    origin = theta[flat]
    axes = [np.linspace(v - span, v + span, grid) for v in origin]
    values, cancelled = job.grid(center, directions, axes)
    path = None if trajectory is None else trajectory_matrix(trajectory, theta.size)[:, flat]
    return Landscape("params", axes, values, [parameter_name(net, *p) for p in picked], center,
                     directions, origin, path, _path_losses(job, center, directions, path),
                     cancelled=cancelled)


# -- 2. two random directions ------------------------------------------------------------
def random_directions(net: Network, seed: int = 0, normalisation: str = "filter") -> Array:
    """Two seeded Gaussian directions (2, P), normalised as in the module docstring."""
    if normalisation not in NORMALISATIONS:
        raise InputError(f"unknown normalisation {normalisation!r}; choose one of "
                         f"{', '.join(NORMALISATIONS)}", "normalisation")
    rng = np.random.default_rng(seed)
    params, masks = net.parameters(), net.trainable()
    out = []
    for _ in range(2):
        d = [rng.standard_normal(p.shape) * m for p, m in zip(params, masks)]
        out.append(flatten([_normalised(di, p, i % 2 == 1, normalisation)
                            for i, (di, p) in enumerate(zip(d, params))]))
    return np.stack(out)


def _normalised(d: Array, theta: Array, is_bias: bool, normalisation: str) -> Array:
    if normalisation == "none":
        return d
    if normalisation == "layer":
        return d * _ratio(np.linalg.norm(theta), np.linalg.norm(d))
    if is_bias:
        return np.zeros_like(d)  # Li et al.: bias directions are left at 0
    # theta has shape (units_k, units_k+1): axis 0 norms are the per-unit (column) norms
    return d * _ratio(np.linalg.norm(theta, axis=0), np.linalg.norm(d, axis=0))


def _ratio(target: ArrayLike, norm: ArrayLike) -> Array:
    """target / norm, 0 where norm is 0 (an all-zero direction stays 0)."""
    norm = np.asarray(norm, dtype=np.float64)
    return np.divide(target, norm, out=np.zeros_like(norm), where=norm > 0)


def random_plane(net: Network, x: Array, y: Array, loss: Loss | str, *, seed: int = 0,
                 normalisation: str = "filter", grid: int = 51, span: float = 1.0,
                 trajectory: Trajectory | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Landscape:
    """E(theta* + a d_1 + b d_2) for a, b in [-span, span]; a trajectory is projected by least
    squares onto the (generally non-orthogonal) directions."""
    job, grid = _job(net, x, y, loss, should_stop, progress), _check_grid(grid)
    center = flatten(net.parameters())
    directions = random_directions(net, seed, normalisation)
    if not np.any(directions):
        raise InputError("every direction is zero: no parameter can move", "landscape")
    axes = [np.linspace(-span, span, grid)] * 2
    values, cancelled = job.grid(center, directions, axes)
    path = None if trajectory is None else _project(
        trajectory_matrix(trajectory, center.size), center, directions)
    return Landscape("random", axes, values, [f"d1 ({normalisation})", f"d2 ({normalisation})"],
                     center, directions, np.zeros(2), path,
                     _path_losses(job, center, directions, path), cancelled=cancelled)


# -- 3. the line from the initial parameters ---------------------------------------------
def line(net: Network, x: Array, y: Array, loss: Loss | str, initial: Sequence[Array] | Array, *,
         grid: int = 101, span: float = 0.5, trajectory: Trajectory | None = None,
         should_stop: Callable[[], bool] | None = None,
         progress: Callable[[int, int], None] | None = None) -> Landscape:
    """E(theta_0 + t (theta* - theta_0)) for t in [-span, 1 + span]."""
    job, grid = _job(net, x, y, loss, should_stop, progress), _check_grid(grid)
    current = flatten(net.parameters())
    start = trajectory_matrix([initial], current.size)[0]
    direction = (current - start)[None, :]
    if not np.any(direction):
        raise InputError("the initial and current parameters are equal: train first", "landscape")
    axes = [np.linspace(-span, 1.0 + span, grid)]
    values, cancelled = job.grid(start, direction, axes)
    path = None if trajectory is None else _project(
        trajectory_matrix(trajectory, current.size), start, direction)
    return Landscape("line", axes, values, ["t"], start, direction, np.ones(1), path,
                     _path_losses(job, start, direction, path), cancelled=cancelled)


# -- 4. the PCA plane of a trajectory ----------------------------------------------------
def pca_directions(traj: Array) -> tuple[Array, Array]:
    """The first two principal directions (2, P) of the trajectory's points and the share
    of variance each explains, from the SVD of the mean-centred points.

    Each direction's sign is chosen so that its largest-magnitude entry is positive.
    """
    centred = traj - traj.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    total = float(np.sum(s * s))
    if len(s) < 2 or total == 0.0 or s[1] <= s[0] * 1e-12:
        raise InputError("the trajectory needs at least 3 points that do not lie on one line",
                         "trajectory")
    directions = vt[:2] * np.sign(vt[:2][np.arange(2), np.argmax(np.abs(vt[:2]), axis=1)])[:, None]
    return directions, (s[:2] ** 2) / total


def pca_plane(net: Network, x: Array, y: Array, loss: Loss | str, trajectory: Trajectory, *,
              grid: int = 51, span: float | None = None,
              should_stop: Callable[[], bool] | None = None,
              progress: Callable[[int, int], None] | None = None) -> Landscape:
    """E on the PCA plane of ``trajectory`` through its last point theta_m.

    The path is (theta_t - theta_m) @ directions^T (the directions are orthonormal).  Each
    axis spans [-s, s]: s = span when given, else 1.2 max_t |coordinate| along it.  The
    network's own parameters are not used: theta_m is the centre.
    """
    job, grid = _job(net, x, y, loss, should_stop, progress), _check_grid(grid)
    traj = trajectory_matrix(trajectory, flatten(net.parameters()).size)
    directions, explained = pca_directions(traj)
    center = traj[-1].copy()       # (traj may be the caller's array)
    path = _project(traj, center, directions)
    extent = [span if span is not None else 1.2 * float(np.max(np.abs(path[:, k])) or 1.0)
              for k in range(2)]
    axes = [np.linspace(-s, s, grid) for s in extent]
    values, cancelled = job.grid(center, directions, axes)
    return Landscape("pca", axes, values,
                     [f"PC1 ({explained[0]:.1%})", f"PC2 ({explained[1]:.1%})"], center,
                     directions, np.zeros(2), path, _path_losses(job, center, directions, path),
                     explained, cancelled)


def session_data(session: Any) -> tuple[Network, Array, Array, Loss]:
    """(network, inputs, targets, loss) of a :class:`core.training.session.Session`, as the views take them."""
    return (session.network, session.dataset.inputs, session.targets,
            LOSSES[session.config.loss])
