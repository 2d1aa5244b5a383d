"""Loss surface: a 101 x 101 grid over 200 samples for 2-8-8-1 along two random directions.

The batched evaluation (``core.surfaces.landscape_grid.evaluate``) against the per-point loop it
replaces: one ordinary forward pass (``core.engine.forward.batch_loss``) per grid point.  Both must
give the same grid.  ``evaluate`` runs its chunks on threads (up to 4, one per core), so it is
timed as the app calls it and again with one worker, which isolates what batching alone buys.
The module is imported lazily; without it the row says "not available".
"""
from __future__ import annotations

import importlib
import time
from collections.abc import Callable

import numpy as np

from backprop_studio.core.engine.forward import batch_loss
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.network import Network, build

from .timing import Row, fmt_time

GRID = 101
SAMPLES = 200
Grid = Callable[[], np.ndarray]


def make_problem(seed: int = 0):
    rng = np.random.default_rng(seed)
    net = build([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], seed=seed)
    x = rng.normal(size=(SAMPLES, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(np.float64)
    # two random directions, each layer scaled to the norm of its weights (Li et al. 2018)
    dirs = []
    for _ in range(2):
        d = [rng.normal(size=p.shape) for p in net.parameters()]
        dirs.append([di * (np.linalg.norm(p) / max(np.linalg.norm(di), 1e-12))
                     for di, p in zip(d, net.parameters())])
    alphas = np.linspace(-1.0, 1.0, GRID)
    return net, x, y, dirs, alphas


def per_point_loop(net: Network, x, y, dirs, alphas) -> np.ndarray:
    """E(theta + a d1 + b d2) by one forward pass per grid point."""
    work, theta, loss = net.copy(), net.parameters(), LOSSES["half_sse"]
    out = np.empty((len(alphas), len(alphas)))
    for i, b in enumerate(alphas):
        for j, a in enumerate(alphas):
            work.set_parameters([t + a * d1 + b * d2 for t, d1, d2 in zip(theta, *dirs)])
            out[i, j] = batch_loss(work, x, y, loss)
    return out


def batched(net: Network, x, y, dirs, alphas, workers: int | None = None) -> Grid | None:
    """A call of the batched grid evaluation, or None while core has none."""
    try:
        landscape = importlib.import_module("backprop_studio.core.surfaces.landscape_grid")
    except ImportError:
        return None
    flat = landscape.flatten
    center = flat(net.parameters())
    directions = np.stack([flat(d) for d in dirs])                       # (2, P)
    a, b = np.meshgrid(alphas, alphas)                                   # a varies along a row
    coords = np.stack([a.ravel(), b.ravel()], axis=1)                    # (G, 2)
    loss = LOSSES["half_sse"]

    def grid() -> np.ndarray:
        values, _ = landscape.evaluate(net, x, y, loss, center, directions, coords,
                                       workers=workers)
        return values.reshape(len(alphas), len(alphas))
    return grid


def _speedup(name: str, fast: Grid, slow: Callable[[], np.ndarray], first_slow_s: float,
             repeats: int) -> Row:
    """min-of-repeats ratio, the slow loop interleaved with the fast one (fewer of it)."""
    slow_times, fast_times = [first_slow_s], []
    for r in range(repeats):
        t0 = time.perf_counter()
        fast()
        fast_times.append(time.perf_counter() - t0)
        if r % 2 == 1:
            t0 = time.perf_counter()
            slow()
            slow_times.append(time.perf_counter() - t0)
    speedup = min(slow_times) / min(fast_times)
    return Row(name, f"{speedup:.1f}x  ({fmt_time(min(fast_times))} vs {fmt_time(min(slow_times))})",
               ">= 4x", speedup >= 4)


def run(quick: bool = False) -> list[Row]:
    net, x, y, dirs, alphas = make_problem()
    name = f"loss surface {GRID}x{GRID} x {SAMPLES} samples (2-8-8-1): batched / per-point"
    t0 = time.perf_counter()
    reference = per_point_loop(net, x, y, dirs, alphas)
    loop_s = time.perf_counter() - t0
    threaded, single = batched(net, x, y, dirs, alphas), batched(net, x, y, dirs, alphas, 1)
    if threaded is None or single is None:
        return [Row(name, f"not available (per-point loop {fmt_time(loop_s)})", ">= 4x", None)]
    np.testing.assert_allclose(threaded(), reference, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(single(), reference, rtol=1e-9, atol=1e-12)
    slow = lambda: per_point_loop(net, x, y, dirs, alphas)  # noqa: E731
    repeats = 2 if quick else 6
    return [_speedup(name, threaded, slow, loop_s, repeats),
            _speedup(f"{name}, 1 worker", single, slow, loop_s, repeats)]
