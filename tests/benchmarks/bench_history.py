"""Stepping back: the cost of ``Session.back_step()`` deep into training, and the history's memory.

``back_step`` restores the newest snapshot at or before the previous step and recomputes
the steps in between (see :mod:`core.training.history`): the last K steps are kept densely, so the
first K - 1 back-steps only restore, and the K-th recomputes up to K - 1 steps from a stride
snapshot.  Both the typical and the worst of a run of consecutive back-steps are compared
with the cost of one forward ``Session.step()`` measured right beside them.
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import build
from backprop_studio.core.training.session import Session, TrainingConfig

from .timing import Row, fmt_bytes, fmt_time


def _session(sizes: list[int], activations: list[str], batch: int, samples: int) -> Session:
    rng = np.random.default_rng(1)
    data = Dataset(rng.normal(size=(samples, sizes[0])), rng.uniform(size=(samples, sizes[-1])))
    config = TrainingConfig(optimizer_params={"learning_rate": 0.1}, batch_size=batch)
    return Session(build(sizes, activations, seed=1), data, config)


def _xor_session() -> Session:
    data = Dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
    return Session(build([2, 2, 1], "sigmoid", seed=0), data, TrainingConfig(batch_size=1))


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def back_step_rows(steps: int, rounds: int) -> list[Row]:
    """Time runs of 2K consecutive back-steps, each followed by as many forward steps."""
    session = _session([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], 32, 256)
    session.run(steps=steps)
    run = 2 * session.history.stride
    back: list[float] = []
    worst: list[float] = []
    forward: list[float] = []
    for _ in range(rounds):
        times = []
        for _ in range(run):
            times.append(_timed(session.back_step))
        back += times
        worst.append(max(times))
        for _ in range(run):
            forward.append(_timed(session.step))
    assert session.step_count == steps
    f = statistics.median(forward)
    typical, worst_ratio = statistics.median(back) / f, statistics.median(worst) / f
    label = f"back_step after {steps:,} steps (2-8-8-1/b32)"
    return [
        Row(f"{label}, typical", f"{typical:.1f}x step  ({fmt_time(statistics.median(back))}"
            f" vs step {fmt_time(f)})", "<= 20x", typical <= 20),
        Row(f"{label}, worst of {run} (K={session.history.stride})",
            f"{worst_ratio:.1f}x step  ({fmt_time(statistics.median(worst))})", "<= 20x",
            worst_ratio <= 20),
    ]


def memory_row(steps: int) -> Row:
    session = _xor_session()
    session.run(steps=steps)
    h = session.history
    return Row(f"history memory after {steps:,} steps (xor 2-2-1/b1)",
               f"{fmt_bytes(h.nbytes())} in {len(h.states)} states",
               "figure; history.py: < 1 MiB", h.nbytes() < 2 ** 20)


def run(quick: bool = False) -> list[Row]:
    if quick:
        return back_step_rows(2_000, 5) + [memory_row(5_000)]
    return back_step_rows(10_000, 30) + [memory_row(50_000)]
