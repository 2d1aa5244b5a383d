"""Memory estimates made before the work, so that a too-large job is refused in one line.

numpy allocates what it is asked for, and on a machine that overcommits memory the
operating system may kill the process later instead of numpy raising ``MemoryError``.  So
the commands that push a whole batch through a network estimate their working arrays first
and refuse above :data:`MAX_WORK_BYTES`, naming the limit and what to make smaller.

A training step with batch size B through layers of n_0, ..., n_L units keeps about
4 B (n_0 + ... + n_L) floats of activations (v_in, v_out, delta and a temporary per layer)
and about 8 P floats for P parameters (the parameters, gradients, updates, the new
parameters, two optimizer-state arrays and the copies the history and the last record
keep).  A float is 8 bytes.  A landscape adds its grid chunks and its trajectory
(:func:`check_surface`).
"""
from __future__ import annotations

from typing import Any

from .errors import InputError

MAX_WORK_BYTES = 4 * 2 ** 30
"""A command may need at most this much working memory (4 GiB)."""


def pass_bytes(sizes: list[int], parameters: int, samples: int) -> int:
    """Working bytes of one forward and backward pass of ``samples`` samples (see the module)."""
    return 8 * (4 * samples * sum(sizes) + 8 * parameters)


def check(needed: int, what: str, advice: str, where: str | None = None) -> None:
    """InputError naming the limit when ``needed`` bytes are over :data:`MAX_WORK_BYTES`."""
    if needed > MAX_WORK_BYTES:
        raise InputError(f"{what} would need about {needed / 2 ** 30:,.1f} GiB of memory; the limit "
                         f"is {MAX_WORK_BYTES // 2 ** 30} GiB ({advice})", where)


def check_training(session: Any) -> None:
    """Refuse a session whose training step would need more than the limit."""
    net = session.network
    batch = session.config.effective_batch(len(session.dataset))
    check(pass_bytes(net.sizes, _parameters(net), batch), f"a training step of {batch:,} samples",
          "use a smaller batch size or fewer units")


def check_samples(session: Any, samples: int, what: str) -> None:
    """Refuse a pass of ``samples`` samples (a gradient check, a landscape's grid point)."""
    net = session.network
    check(pass_bytes(net.sizes, _parameters(net), samples), f"{what} over {samples:,} samples",
          "use fewer samples or fewer units")


def check_surface(session: Any, train_steps: int, workers: int = 4) -> None:
    """Refuse a landscape whose smallest chunk (one grid point per worker thread: v_in, v_out
    and a temporary per layer over every sample) plus its trajectory of ``train_steps`` + 1
    parameter vectors would need more than the limit."""
    net = session.network
    samples = len(session.dataset)
    grid = 8 * workers * 3 * samples * sum(net.sizes)
    trajectory = 8 * (train_steps + 1) * _parameters(net)
    check(grid + trajectory, f"a landscape over {samples:,} samples with {train_steps:,} training steps",
          "use fewer samples, fewer units or fewer --train-steps")


def _parameters(net: Any) -> int:
    return sum(p.size for p in net.parameters())
