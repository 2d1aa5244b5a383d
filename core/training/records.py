"""The records and settings of a training session: phases, configuration, step records.

Split from :mod:`core.training.session` (which re-exports every name here) to keep each file small.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.optimizers import OPTIMIZERS, hyper_problem
from backprop_studio.core.engine.regularisation import NONE, Regularisation, check_regularisation
from backprop_studio.core.engine.schedules import check_schedule

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Phase:
    """One phase of a training step: kind is forward, loss, backward or update."""

    kind: str
    layer: int | None = None

    def __str__(self) -> str:
        return self.kind if self.layer is None else f"{self.kind} layer {self.layer}"


def phases_of(depth: int) -> list[Phase]:
    return ([Phase("forward", k) for k in range(1, depth + 1)] + [Phase("loss")]
            + [Phase("backward", k) for k in range(depth, 0, -1)] + [Phase("update")])


@dataclass
class TrainingConfig:
    """The hyperparameters; any of them may change between steps.

    ``batch_size`` 0 means the full batch.  ``optimizer_params`` holds the optimizer's own
    hyperparameters (``learning_rate`` is eta, the base of the schedule).  ``regularisation``
    holds the L1/L2 rates of the loss's weight term (:mod:`core.engine.regularisation`).
    """

    loss: str = "half_sse"
    optimizer: str = "sgd"
    optimizer_params: dict[str, Any] = field(default_factory=lambda: {"learning_rate": 0.5})
    batch_size: int = 1
    shuffle: bool = False
    seed: int = 0
    schedule: dict[str, Any] = field(default_factory=lambda: {"name": "constant"})
    regularisation: Regularisation = NONE

    def checked(self) -> TrainingConfig:
        """Raise ValueError naming the first bad field; return self."""
        if self.loss not in LOSSES:
            raise ValueError(f"loss: unknown {self.loss!r}; choose one of {', '.join(LOSSES)}")
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer: unknown {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}")
        hp = OPTIMIZERS[self.optimizer].hyper(self.optimizer_params)
        for key, value in hp.items():
            if isinstance(value, bool):
                continue
            if not isinstance(value, (int, float)) or not np.isfinite(value):
                raise ValueError(f"optimizer.{key}: expected a finite number, got {value!r}")
            if value < 0:
                raise ValueError(f"optimizer.{key}: must not be negative, got {value!r}")
        problem = hyper_problem(self.optimizer, hp)
        if problem:
            raise ValueError(f"optimizer.{problem[0]}: {problem[1]}")
        if not isinstance(self.batch_size, int) or self.batch_size < 0:
            raise ValueError(f"training.batch_size: expected a whole number >= 0, got {self.batch_size!r}")
        self.schedule = check_schedule(self.schedule)
        self.regularisation = check_regularisation(self.regularisation)
        return self

    def hyper(self) -> dict[str, Any]:
        return OPTIMIZERS[self.optimizer].hyper(self.optimizer_params)

    @property
    def eta(self) -> float:
        return float(self.hyper()["learning_rate"])


@dataclass
class Divergence:
    step: int
    phase: Phase
    layer: int | None
    quantity: str

    @property
    def message(self) -> str:
        where = f" in layer {self.layer}" if self.layer is not None else ""
        return (f"training diverged at step {self.step}: {self.quantity}{where} became non-finite "
                f"(during {self.phase}); the last finite state is kept. Try a lower learning rate.")


@dataclass
class StepRecord:
    """What one training step computed, filled phase by phase.

    Lists are indexed by layer k = 0..L (index 0 is the input layer: v_in[0] = v_out[0] = x,
    delta[0] is None).  dE_dW[k] and dE_db[k] belong to W^(k->k+1) and b^(k+1); so do
    params_before/params_after/updates, in Network.parameters() order [W0, b0, W1, b1, ...].
    """

    step: int                      # the 1-based number of this training step
    epoch: int                     # the 0-based epoch it belongs to
    samples: NDArray[np.int64]     # indices into the training set
    x: Array
    y: Array
    phases: list[Phase]
    learning_rate: float
    v_in: list[Array] = field(default_factory=list)
    v_out: list[Array] = field(default_factory=list)
    losses: Array | None = None    # per sample, before the update
    loss: float | None = None      # batch mean, before the update (E_data)
    loss_regularisation: float = 0.0   # lambda_1 sum |w| + 1/2 lambda_2 sum w^2, before the update
    delta: list[Array | None] = field(default_factory=list)
    dE_dW: list[Array | None] = field(default_factory=list)
    dE_db: list[Array | None] = field(default_factory=list)
    params_before: list[Array] = field(default_factory=list)
    updates: list[Array] | None = None
    params_after: list[Array] | None = None
    opt_state_before: dict[str, Any] | None = None
    opt_state_after: dict[str, Any] | None = None
    phases_done: int = 0
    # what the whole step hands the training log (see phases.whole_step), else None: a wide
    # network's ||dE/dW^(k-1->k)||^2 then ||W^(k-1->k)||^2 after the update, k = 1..L, shape (2L,);
    # a narrow one's log row, theta after the update then every dE/dW^(k-1->k), raveled
    squared_norms: Array | None = None
    log_row: Array | None = None
    # the session position this step leads to (applied when the update commits)
    next_position: tuple[int, int, NDArray[np.int64], dict[str, Any]] | None = None

    @property
    def complete(self) -> bool:
        return self.phases_done == len(self.phases)

    @property
    def current_phase(self) -> Phase | None:
        """The phase most recently done."""
        return self.phases[self.phases_done - 1] if self.phases_done else None

    def gradients(self) -> list[Array]:
        """dE/dp in Network.parameters() order, once the backward pass has computed them all."""
        grads = [g for pair in zip(self.dE_dW, self.dE_db) for g in pair if g is not None]
        if len(grads) != 2 * len(self.dE_dW):
            raise ValueError(f"step {self.step}: the backward pass has not computed every gradient yet")
        return grads


@dataclass
class RunResult:
    steps: int
    reason: str                    # steps, loss, step, epoch, diverged, cancelled
    losses: list[float]
