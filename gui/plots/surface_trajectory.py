"""The network's training trajectory as the loss-surface view records it, and landscape jobs.

:class:`TrajectoryRecorder` keeps theta (the flat :meth:`Network.parameters` vector) at each
training position it is told about.  While stepping by hand that is every step; in run
mode the session emits ``step_taken`` once per ~33 ms chunk, so the trajectory holds the
parameters at the end of each chunk (tens of steps apart on a small network), not every
step.  Stepping back cuts it; a reset keeps only step 0.  Past :data:`MAX_POINTS` every
second point is dropped (the newest is always kept), so memory stays bounded.
"""
from __future__ import annotations

from functools import partial
from typing import Any, Callable

import numpy as np
from numpy.typing import NDArray

from core import landscape
from core.landscape_grid import flatten, parameter_name

Array = NDArray[np.float64]
MAX_POINTS = 4000

MODES = {   # mode -> menu text
    "params": "two parameters",
    "random": "random directions",
    "line": "line from initial",
    "pca": "PCA of the trajectory",
}


class TrajectoryRecorder:
    """(step, theta) pairs in step order; see the module docstring."""

    def __init__(self) -> None:
        self.steps: list[int] = []
        self.thetas: list[Array] = []
        self.generation = 0          # bumps whenever earlier points change (cut, thinned, cleared)

    def __len__(self) -> int:
        return len(self.thetas)

    def clear(self) -> None:
        self.steps, self.thetas = [], []
        self.generation += 1

    def record(self, step: int, params: list[Array]) -> None:
        theta = flatten(params)
        if self.thetas and self.thetas[-1].size != theta.size:
            self.clear()             # the structure changed under us
        cut = len(self.steps)
        while cut and self.steps[cut - 1] > step:
            cut -= 1
        if cut < len(self.steps):
            del self.steps[cut:], self.thetas[cut:]
            self.generation += 1
        if self.steps and self.steps[-1] == step:
            if not np.array_equal(self.thetas[-1], theta):
                self.thetas[-1] = theta
                self.generation += 1
            return
        self.steps.append(step)
        self.thetas.append(theta)
        if len(self.thetas) > MAX_POINTS:
            keep = list(range(0, len(self.thetas) - 1, 2)) + [len(self.thetas) - 1]
            self.steps = [self.steps[i] for i in keep]
            self.thetas = [self.thetas[i] for i in keep]
            self.generation += 1

    def matrix(self) -> Array:
        return np.stack(self.thetas) if self.thetas else np.empty((0, 0))


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


def landscape_job(session: Any, mode: str, first: str, second: str, normalisation: str, seed: int,
                  grid: int, span: float, trajectory: Array) -> Callable[..., Any]:
    """A function of (should_stop, progress) computing the chosen landscape on *copies* of the
    session's network and data, safe to run in a worker thread while training goes on."""
    net, x, y, loss = landscape.session_data(session)
    net, x, y = net.copy(), np.array(x, dtype=np.float64), np.array(y, dtype=np.float64)
    if mode == "params":
        return partial(landscape.parameter_slice, net, x, y, loss, first, second, grid=grid, span=span)
    if mode == "random":
        return partial(landscape.random_plane, net, x, y, loss, seed=seed,
                       normalisation=normalisation, grid=grid, span=span)
    if mode == "line":
        initial = [p.copy() for p in session.initial_params]
        return partial(landscape.line, net, x, y, loss, initial, grid=grid, span=span)
    return partial(landscape.pca_plane, net, x, y, loss, trajectory.copy(), grid=grid)
