"""The records and settings of a training session: phases, configuration, step records.

Split from :mod:`core.training.session` (which re-exports every name here) to keep each file small.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.interface_text import ENGLISH, QT_TR_NOOP, Translate
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.param_spec import SEED, ParamError, ParamSpec, by_name
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


# a phase's name as the app shows it (``str(phase)`` is the name files and the command line use)
PHASE_TEXTS = {"forward": QT_TR_NOOP("forward layer {k}"), "backward": QT_TR_NOOP("backward layer {k}"),
               "loss": QT_TR_NOOP("loss"), "update": QT_TR_NOOP("update")}


def phase_text(name: str, translate: Translate = ENGLISH) -> str:
    """The phase named ``name`` (``str(phase)``: "forward layer 1", "update") in the words of
    ``translate`` (core/checks/interface_text.py); English by default, and any other name as it is."""
    kind, _, layer = name.partition(" layer ")
    template = PHASE_TEXTS.get(kind)
    return name if template is None else translate(template).format(k=layer)


def phases_of(depth: int) -> list[Phase]:
    return ([Phase("forward", k) for k in range(1, depth + 1)] + [Phase("loss")]
            + [Phase("backward", k) for k in range(depth, 0, -1)] + [Phase("update")])


MAX_BATCH = 10 ** 9

TRAINING_PARAMS = by_name((
    ParamSpec("batch_size", 1, "int", lo=0, hi=MAX_BATCH, symbol="B",
              meaning="samples per training step: 1 = online, 0 = the full batch"),
    ParamSpec("shuffle", False, "bool", meaning="take the samples in a new random order each epoch (from the seed)"),
    SEED,
))
"""The specs of the ``training`` keys of a project file (the schedule has its own)."""


@dataclass
class TrainingConfig:
    """The hyperparameters; any of them may change between steps.

    ``batch_size`` 0 means the full batch.  ``optimizer_params`` holds the optimizer's own
    hyperparameters (``learning_rate`` is eta, the base of the schedule).  ``regularisation``
    holds the L1/L2 rates of the loss's weight term (:mod:`core.engine.regularisation`).
    Every value has a spec (:class:`~core.engine.param_spec.ParamSpec`): the optimizer's on its
    registry entry, the schedule's in :mod:`core.engine.schedules`, the others in
    :data:`TRAINING_PARAMS`; :meth:`checked` reads them all, as the project-file reader does.
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
        """Raise ValueError naming the first bad field (``optimizer.beta1: must be >= 0 and < 1,
        got 1.5``); return self with every value as its spec reads it (numbers as floats or ints)."""
        if not isinstance(self.loss, str) or self.loss not in LOSSES:
            raise ValueError(f"loss: unknown {self.loss!r:.40}; choose one of {', '.join(LOSSES)}")
        if not isinstance(self.optimizer, str) or self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer: unknown {self.optimizer!r:.40}; choose one of {', '.join(OPTIMIZERS)}")
        if not isinstance(self.optimizer_params, dict):
            raise ValueError(f"optimizer: expected a dict of hyperparameters, got {self.optimizer_params!r:.40}")
        try:
            self.optimizer_params = OPTIMIZERS[self.optimizer].checked(self.optimizer_params)
        except ParamError as e:
            raise ValueError(f"optimizer.{e.key}: {e.reason}") from None
        for key, spec in TRAINING_PARAMS.items():
            try:
                setattr(self, key, spec.read(getattr(self, key)))
            except ValueError as e:
                raise ValueError(f"training.{key}: {e}") from None
        self.schedule = check_schedule(self.schedule)
        self.regularisation = check_regularisation(self.regularisation)
        return self

    def effective_batch(self, n: int) -> int:
        """B, the samples a step takes from a training set of ``n``: ``batch_size``, or all n
        when it is 0 (the full batch) or larger than n.  The one batch rule: the stepper
        (:func:`core.training.batches.next_batch`), the memory check, the CLI and the exported
        script read it.  When B does not divide n, the last batch of an epoch holds the
        n mod B samples left (none is dropped): :func:`core.training.batches.batches_per_epoch`.
        """
        return n if self.batch_size == 0 or self.batch_size > n else self.batch_size

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
