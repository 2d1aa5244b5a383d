"""Which samples the next training step uses: one rule, for the stepper and for previews.

A step takes the next B samples of the current epoch's order, starting at ``position``
(B is :meth:`TrainingConfig.effective_batch`; the last batch of an epoch holds what is left, so
an epoch is :func:`batches_per_epoch` steps).  At the start of an epoch (position 0) a shuffled session draws a fresh
permutation from its random generator, so the order of the epoch is only known once that
draw is made.  :func:`next_batch` makes the draw on a *copy* of the generator state: asking
what comes next (the step debugger's preview) never changes what the step then does.
"""
from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from .records import TrainingConfig

Array = NDArray[np.float64]
Position = tuple[int, int, NDArray[np.int64], dict[str, Any]]   # (epoch, position, order, rng state)


class Batch(NamedTuple):
    """The samples of one step and where training stands after it.

    ``samples`` has shape (B,) (indices into the training set), ``x`` shape (B, inputs),
    ``y`` shape (B, outputs); ``after`` is the (epoch, position, order, rng state) the step
    leads to.  B is ``batch_size``, or fewer at the end of an epoch that it does not divide.
    """

    samples: NDArray[np.int64]
    x: Array
    y: Array
    after: Position


def next_batch(inputs: Array, targets: Array, in_order: NDArray[np.int64], at: Position,
               config: TrainingConfig) -> Batch:
    """The batch a step taken at ``at`` = (epoch, position, order, rng state) uses.

    ``in_order`` is ``arange(n)``: the order of an unshuffled epoch.  Nothing passed in is
    changed: a shuffle draws from a new generator set to the given state.
    """
    epoch, pos, order, rng_state = at
    n = len(inputs)
    if pos == 0 and config.shuffle:
        rng = np.random.default_rng()
        rng.bit_generator.state = rng_state
        order = rng.permutation(n)
        rng_state = rng.bit_generator.state
    elif pos == 0:
        order = in_order
    size = config.effective_batch(n)
    samples = order[pos:pos + size]
    # in order, the batch is a slice (a view); shuffled, it is gathered
    x, y = ((inputs[pos:pos + size], targets[pos:pos + size]) if order is in_order
            else (inputs[samples], targets[samples]))
    pos += len(samples)
    if pos >= n:
        epoch, pos = epoch + 1, 0
    return Batch(samples, x, y, (epoch, pos, order, rng_state))


def batches_per_epoch(n: int, config: TrainingConfig) -> int:
    """Steps in an epoch of ``n`` samples: ceil(n / B), B = ``config.effective_batch(n)``
    (n = 10, B = 4: batches of 4, 4 and 2, three steps); 0 for no samples."""
    size = config.effective_batch(n)
    return -(-n // size) if size else 0


def steps_to_epoch_end(n: int, position: int, config: TrainingConfig, epochs: int = 1) -> int:
    """Steps from ``position`` (samples of the current epoch already taken) to the end of the
    ``epochs``-th epoch from now: ceil((n - position) / B) in this one, then whole epochs."""
    size = config.effective_batch(n)
    if not size or epochs < 1:
        return 0
    return batches_per_epoch(n, config) * (epochs - 1) + -(-(n - position) // size)
