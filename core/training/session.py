"""The training session: a stepper you can walk forwards and backwards.

A :class:`Session` holds the network and its parameters, the dataset, the loss, the
optimizer and its state, the random generator and the position in training.  It advances
at four sizes, each returning a record of what was computed:

* :meth:`Session.step_phase`: forward through layer k (k = 1..L), the loss, backward
  through layer k (k = L..1: delta^(k) and dE/dW^(k-1->k)), then the update (the
  functions of :mod:`core.training.phases`);
* :meth:`Session.step`: one training step, one update from one batch;
* :meth:`Session.step_epoch`: to the end of the current epoch;
* :meth:`Session.run`: N steps, or until the loss is below a value, a step is reached,
  or training diverges.

Stepping back (:meth:`back_phase`, :meth:`back_step`, :meth:`go_to`) restores parameters,
optimizer state and random state exactly, from the session's :class:`Timeline` (snapshots
and the configuration of every step; see :mod:`core.training.history` for the memory bound).
The configuration (learning rate, optimizer, batch size, ...) may change between steps; the
steps already taken keep the configuration they were taken with, and stepping back does
not undo a configuration change.

Divergence: a non-finite value in a forward quantity, the loss, a delta, a gradient or
an updated parameter stops the step before the update is applied.  :attr:`diverged`
then names the step, the layer and the quantity; the last finite state is kept.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.forward import batch_loss, predict
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.network import Network, reinitialised
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.schedules import learning_rate

from .batches import Batch, batches_per_epoch, next_batch, steps_to_epoch_end
from .history import History, TrainingState
from .log import TrainingLog, test_loss_stride
from .phases import StepRules, begin_step, next_phase, undo_phase, whole_step
from .records import Divergence, Phase, RunResult, StepRecord, TrainingConfig, phases_of
from .runs import run_until
from .targets import check_inputs, loss_targets, loss_test_targets
from .timeline import Timeline

Array = NDArray[np.float64]

__all__ = ["Batch", "Divergence", "Phase", "RunResult", "Session", "StepRecord", "TrainingConfig", "phases_of"]


class Session:
    """Network + parameters + dataset + loss + optimizer state + random state + position.

    Every attribute is declared here (a test holds the session to this list).
    """

    config: TrainingConfig
    init: dict[str, Any]                 # how the initial weights were drawn (scheme, seed, scale)
    dataset: Dataset
    meta: dict[str, Any]                 # project-file keys the engine does not use (view, name)
    network: Network                     # its parameters are the current ones
    phases: list[Phase]
    initial_params: list[Array]          # where reset() returns to
    # the position: with the parameters, everything the next step depends on
    opt_state: dict[str, Any]
    rng_state: dict[str, Any]
    step_count: int
    epoch: int
    position: int                        # in the epoch's order
    order: NDArray[np.int64]
    pending: StepRecord | None           # the step in progress (some of its phases done)
    last: StepRecord | None              # the last step completed
    diverged: Divergence | None
    log: TrainingLog
    timeline: Timeline
    # derived from the network and the data, for the stepper
    _in_order: NDArray[np.int64]
    _targets: Array
    _test_targets: Array
    _masked: list[bool]
    _trainable: list[Array | None]
    _rules: tuple[Any, StepRules | None]

    def __init__(self, network: Network, dataset: Dataset, config: TrainingConfig | None = None,
                 init: dict[str, Any] | None = None) -> None:
        self.config = (config or TrainingConfig()).checked()
        self._rules = (None, None)
        self.init = dict(init or {"scheme": "xavier_uniform", "seed": 0})
        self.dataset = dataset
        self.meta = {}
        self._set_network(network)

    # -- state ---------------------------------------------------------------------------
    def _set_network(self, network: Network) -> None:
        network.check()
        check_inputs(self.dataset, network.sizes[0])
        self.network = network
        # None where every entry is updated (apply_updates then skips the multiply)
        self._trainable = [None if m.all() else m for m in network.trainable()]
        self._masked = [not m.all() for m in network.mask]
        self._rules = (None, None)
        self.phases = phases_of(network.depth)
        self._in_order = np.arange(len(self.dataset))
        self.initial_params = [p.copy() for p in network.parameters()]
        self._targets = self._make_targets(self.dataset.targets)
        self._test_targets = loss_test_targets(self.dataset, self.config.loss, network.sizes[-1])
        self.reset()

    def _make_targets(self, y: Array, config: TrainingConfig | None = None, test: str = "") -> Array:
        """The targets as ``config``'s loss sees them (:func:`~core.training.targets.loss_targets`)."""
        return loss_targets(y, (config or self.config).loss, self.network.sizes[-1], test)

    def check_dataset(self, dataset: Dataset) -> None:
        """ValueError when ``dataset`` does not fit this network and loss."""
        check_inputs(dataset, self.network.sizes[0], "the data have")
        self._make_targets(dataset.targets)
        loss_test_targets(dataset, self.config.loss, self.network.sizes[-1])

    def check_config(self, config: TrainingConfig) -> TrainingConfig:
        """``config`` checked, and checked against this session's data; ValueError when it does not fit."""
        config = copy.deepcopy(config).checked()
        self._make_targets(self.dataset.targets, config)
        loss_test_targets(self.dataset, config.loss, self.network.sizes[-1])
        return config

    @property
    def targets(self) -> Array:
        """The training targets as the loss sees them, shape (n, outputs)."""
        return self._targets

    def reset(self) -> None:
        """Back to the initial parameters, step 0, a fresh optimizer and the seed's generator."""
        self.network.set_parameters([p.copy() for p in self.initial_params])
        self.opt_state = OPTIMIZERS[self.config.optimizer].init_state(
            self.network.parameters(), self.config.hyper())
        self.rng_state = dict(np.random.default_rng(self.config.seed).bit_generator.state)
        self.step_count = 0
        self.epoch = 0
        self.position = 0
        self.order = self._in_order
        self.pending = None
        self.last = None
        self.diverged = None
        self.log = TrainingLog([p.size for p in self.initial_params])
        self.timeline = Timeline(self.state(), self.config)
        self._mark()

    @property
    def history(self) -> History:
        """The timeline's snapshots (``timeline.history``)."""
        return self.timeline.history

    @history.setter
    def history(self, history: History) -> None:
        self.timeline.history = history

    @property
    def config_log(self) -> list[tuple[int, TrainingConfig]]:
        """(first step, configuration) of the steps taken (``timeline.configs``)."""
        return self.timeline.configs

    @property
    def losses(self) -> list[float]:
        """The batch loss of each step taken, before its update (``log.losses``)."""
        return self.log.losses

    @property
    def epochs(self) -> list[int]:
        """The 0-based epoch of each step taken (``log.epochs``)."""
        return self.log.epochs

    def _mark(self) -> None:
        """Log the current parameters and test loss at the current step (no step taken)."""
        self.log.mark(self.step_count, self.network.parameters())
        self.log_test_loss()

    def log_test_loss(self) -> None:
        """Record the test loss at the current step if the log has none there yet.

        The stepper records it every :func:`~core.training.log.test_loss_stride` steps; a view
        showing the current position (a step taken by hand, a paused run) asks for the rest.
        """
        test = self.log.test
        if len(self.dataset.test_inputs) and not (len(test) and test.steps[-1] == self.step_count):
            self.log.record_test(self.step_count, self.dataset_loss(test=True))

    def state(self) -> TrainingState:
        """The current state.  Parameters committed by a step are read-only arrays and are
        shared, not copied; any others (an edit, a reset) are copied."""
        params = [p if not p.flags.writeable else p.copy() for p in self.network.parameters()]
        return TrainingState(params, self.opt_state, self.rng_state, self.step_count, self.epoch,
                             self.position, self.order, self.config.optimizer)

    def _restore(self, s: TrainingState) -> None:
        """Put the position of ``s`` in place; the log forgets the steps after it."""
        self.network.set_parameters([p.copy() for p in s.params])
        self.opt_state, self.rng_state = s.opt_state, s.rng_state
        self.step_count, self.epoch, self.position = s.step, s.epoch, s.position
        self.order = s.order      # orders are never changed in place: shared
        self.log.cut_after(s.step)

    def reinitialise(self, scheme: str | None = None, seed: int | None = None,
                     scale: float | None = None) -> None:
        """Draw new weights from the seed (zero biases) and reset training."""
        scheme = scheme or self.init.get("scheme", "xavier_uniform")
        seed = self.init.get("seed", 0) if seed is None else seed
        net = reinitialised(self.network, scheme, seed, scale)     # refuses an unknown scheme
        self.init = {"scheme": scheme, "seed": seed} | ({"scale": scale} if scale is not None else {})
        self._set_network(net)

    def set_network(self, network: Network) -> None:
        """A structure edit: the network's parameters become the initial ones; training resets."""
        self._set_network(network)

    def set_dataset(self, dataset: Dataset) -> None:
        old = self.dataset
        self.dataset = dataset
        try:
            self._set_network(self.network)
        except ValueError:
            self.dataset = old
            raise

    def set_dataset_and_network(self, dataset: Dataset, network: Network, config: TrainingConfig) -> None:
        """A dataset with the network and configuration made for it (see
        :func:`~core.training.fit_data.fitted_to`), all at once; training resets.  ValueError,
        with nothing changed, when they do not fit together."""
        self.dataset, self.config = dataset, self.check_dataset_and_network(dataset, network, config)
        self._set_network(network)

    @staticmethod
    def check_dataset_and_network(dataset: Dataset, network: Network, config: TrainingConfig) -> TrainingConfig:
        """``config`` checked; ValueError when the three do not fit together."""
        config = copy.deepcopy(config).checked()
        network.check()
        check_inputs(dataset, network.sizes[0], "the data have")
        loss_targets(dataset.targets, config.loss, network.sizes[-1])
        loss_test_targets(dataset, config.loss, network.sizes[-1])
        return config

    def set_config(self, config: TrainingConfig) -> None:
        """Change hyperparameters between steps (a step in progress is restarted).

        The log keeps its history, test losses included: after a change of loss function the
        training and the test curves both go on in the new loss (a jump shows where)."""
        config = self.check_config(config)
        targets = self._make_targets(self.dataset.targets, config)
        self.pending = None
        if config.optimizer != self.config.optimizer:
            self.opt_state = OPTIMIZERS[config.optimizer].init_state(
                self.network.parameters(), config.hyper())
            self.timeline.pin(self.state())
        self.config, self._targets = config, targets
        self._test_targets = loss_test_targets(self.dataset, config.loss, self.network.sizes[-1])
        self.timeline.config_changed(self.step_count, config)
        self.diverged = None

    def set_parameters(self, params: list[Array]) -> None:
        """A typed value between steps: recorded on the timeline, training goes on from here."""
        self.pending = None
        masked = [np.where(self.network.mask[i // 2], p, 0.0) if i % 2 == 0 else np.asarray(p, float)
                  for i, p in enumerate(params)]
        self.network.set_parameters([np.array(p, dtype=np.float64) for p in masked])
        self.network.check()
        if self.step_count == 0:
            self.initial_params = [p.copy() for p in self.network.parameters()]
        self.timeline.pin(self.state())
        self._mark()
        self.diverged = None

    # -- stepping forward ------------------------------------------------------------------
    def next_batch(self) -> Batch:
        """The samples (and x, y) the next step will use, without consuming randomness.

        With a step in progress, its batch; otherwise the batch :meth:`step` would draw now,
        under the current configuration (at a shuffled epoch boundary that includes the new
        epoch's permutation, drawn on a copy of the generator).
        """
        if self.pending is not None:
            rec = self.pending
            assert rec.next_position is not None
            return Batch(rec.samples, rec.x, rec.y, rec.next_position)
        return self._next_batch(self.config)

    def batches_per_epoch(self) -> int:
        """Steps in one epoch under the current configuration (:func:`~core.training.batches.batches_per_epoch`)."""
        return batches_per_epoch(len(self.dataset), self.config)

    def steps_for_epochs(self, epochs: int) -> int:
        """Steps from here to the end of the ``epochs``-th epoch from now.  A step in progress
        has not moved the position yet: it is the first of these steps."""
        return steps_to_epoch_end(len(self.dataset), self.position, self.config, epochs)

    def _next_batch(self, config: TrainingConfig) -> Batch:
        return next_batch(self.dataset.inputs, self._targets, self._in_order,
                          (self.epoch, self.position, self.order, self.rng_state), config)

    def _rules_for(self, config: TrainingConfig) -> StepRules:
        """What ``config``'s steps are computed with; kept while the network and config stay."""
        key = (id(config), tuple(config.optimizer_params.items()), config.loss, config.optimizer,
               config.regularisation)
        rules = self._rules[1]
        if rules is None or self._rules[0] != key:
            rules = StepRules(self.network, LOSSES[config.loss], OPTIMIZERS[config.optimizer],
                              config.hyper(), self._masked, self._trainable, config.regularisation,
                              norms=self.log.wide, log_row=self.log.row_width)
            self._rules = (key, rules)
        return rules

    def _begin_step(self, config: TrainingConfig, rules: StepRules | None = None) -> StepRecord:
        """The record of the next step under ``config`` (whose rules are ``rules``), before its
        first phase."""
        rules = rules or self._rules_for(config)
        eta = learning_rate(rules.hyper["learning_rate"], config.schedule, self.step_count)
        return begin_step(self.network, self._next_batch(config), self.step_count + 1, self.epoch, eta,
                          self.phases, self.opt_state)

    def _commit(self, rec: StepRecord) -> None:
        """Apply the update of the completed step ``rec``: training moves to the step after it."""
        after, grads = rec.params_after, rec.dE_dW
        assert after is not None and rec.opt_state_after is not None and rec.loss is not None
        assert rec.next_position is not None and rec.phases_done == len(rec.phases)
        for p in after:     # shared with the history and the record: never changed in place
            p.setflags(write=False)
        self.network.set_parameters(after)
        self.opt_state = rec.opt_state_after
        self.epoch, self.position, self.order, self.rng_state = rec.next_position
        self.step_count = rec.step
        # self.state(), without its copies: the parameters were just made read-only
        self.timeline.record(TrainingState(after, self.opt_state, self.rng_state, rec.step, self.epoch,
                                           self.position, self.order, self.config.optimizer))
        self.log.record(rec.step, rec.loss, rec.epoch, after, cast("list[Array]", grads),
                        rec.squared_norms, rec.log_row)
        n_test = len(self.dataset.test_inputs)
        if n_test and rec.step % test_loss_stride(n_test, len(rec.samples)) == 0:
            self.log.record_test(rec.step, self.dataset_loss(test=True))
        self.pending, self.last = None, rec

    def _full_step(self, config: TrainingConfig) -> StepRecord | None:
        """One whole step (:func:`~core.training.phases.whole_step`), committed; when a value is
        not finite, the step is redone phase by phase to name it and None is returned."""
        rules = self._rules_for(config)
        rec = self._begin_step(config, rules)
        if not whole_step(rec, rules):
            self._locate_divergence(config)
            return None
        self._commit(rec)
        return rec

    def _locate_divergence(self, config: TrainingConfig) -> None:
        """Re-run the step phase by phase: it stops, marked diverged, at the first non-finite value."""
        rec = self._begin_step(config)
        rules = self._rules_for(config)
        with np.errstate(all="ignore"):
            while not rec.complete:
                self.diverged = next_phase(rec, rules)
                if self.diverged is not None:
                    break
        self.pending = rec

    def step_phase(self) -> StepRecord | None:
        """Do the next phase; return the step's record (None when it diverged)."""
        if self.pending is None:
            self.pending = self._begin_step(self.config)
        rec = self.pending
        with np.errstate(all="ignore"):
            self.diverged = next_phase(rec, self._rules_for(self.config))
        if self.diverged is not None:
            return None
        if rec.complete:
            self._commit(rec)
        return rec

    def step(self) -> StepRecord | None:
        """Finish the step in progress, or take one whole training step."""
        if self.pending is not None:
            while self.pending is not None:
                if self.step_phase() is None:
                    return None
            return self.last
        rec = self._full_step(self.config)
        if rec is not None:
            self.diverged = None
        return rec

    def step_epoch(self, should_stop: Callable[[], bool] | None = None) -> RunResult:
        """Steps until the current epoch ends."""
        epoch = self.epoch
        return self.run(until=lambda: self.epoch != epoch, should_stop=should_stop, reason="epoch")

    def run(self, steps: int | None = None, until_loss: float | None = None,
            until_step: int | None = None, until: Callable[[], bool] | None = None,
            should_stop: Callable[[], bool] | None = None, reason: str = "until") -> RunResult:
        """Take steps until one of the conditions holds, training diverges or ``should_stop()``
        (:func:`~core.training.runs.run_until`)."""
        return run_until(self, steps, until_loss, until_step, until, should_stop, reason)

    # -- stepping back (the timeline) ------------------------------------------------------
    @property
    def can_step_back(self) -> bool:
        if self.pending is not None and self.pending.phases_done:
            return True
        return self.step_count > 0 and self.timeline.reaches(self.step_count - 1)

    def back_step(self) -> bool:
        """Undo the step in progress, or the last training step.  False when at the start."""
        if self.pending is not None and self.pending.phases_done:
            self.pending = None
            self.diverged = None
            return True
        self.pending = None
        if not self.can_step_back:
            return False
        self._rewind(self.step_count - 1)
        return True

    def back_phase(self) -> bool:
        """Undo the last phase; at a step boundary, go back into the previous step before its update."""
        if self.pending is not None and self.pending.phases_done:
            undo_phase(self.pending)
            self.diverged = None
            return True
        if not self.back_step():
            return False
        rec = self.pending = self._begin_step(self.config)
        rules = self._rules_for(self.config)
        with np.errstate(all="ignore"):
            while rec.phases_done < len(rec.phases) - 1 and self.diverged is None:
                self.diverged = next_phase(rec, rules)
        return True

    def go_to(self, step: int) -> bool:
        """Jump back to the state after training step ``step`` (as far back as the history reaches).

        False, and nothing changes, when ``step`` is not behind the current step or is older
        than the history keeps (see :mod:`core.training.history`).
        """
        if not 0 <= step < self.step_count or not self.timeline.reaches(step):
            return False
        self.pending = None
        self._rewind(step)
        return True

    def _rewind(self, target: int) -> None:
        """Restore the state after step ``target`` by recomputing from the nearest snapshot."""
        current = self.config
        stepped_with = self.timeline.rewind(target, current, self._restore, self._recompute)
        if stepped_with.optimizer != current.optimizer:
            # the state was recomputed with the old optimizer; the current one starts fresh,
            # exactly as when it was chosen (stepping back does not undo a configuration change)
            self.opt_state = OPTIMIZERS[current.optimizer].init_state(
                self.network.parameters(), current.hyper())
            self.timeline.pin(self.state())
        self.last = None
        self.diverged = None

    def _recompute(self, config: TrainingConfig) -> None:
        """Take again a step taken before (with ``config``, its own): it was finite then."""
        rec = self._full_step(config)
        assert rec is not None, "recomputing a finite step gave a non-finite value"

    def restore_state(self, state: TrainingState, losses: list[float], epochs: list[int],
                      initial_params: list[Array], log: dict[str, Any] | None = None) -> None:
        """Put the session at a saved position (used by the project file).

        The timeline starts afresh at ``state.step``: the steps before it cannot be stepped
        back into, but :meth:`reset` still returns to ``initial_params``.  ``log`` holds the
        saved series of the training log (see :meth:`TrainingLog.load`), when the file has them.
        """
        if len(losses) != state.step or len(epochs) != state.step:
            raise ValueError("the loss history must have one entry per step taken")
        self.initial_params = [np.array(p, dtype=np.float64) for p in initial_params]
        self.reset()
        self._restore(state)
        # the log starts here too (its step 0 would be the initial parameters, steps away)
        self.log = TrainingLog([p.size for p in self.initial_params])
        self.log.losses[:], self.log.epochs[:] = list(losses), list(epochs)
        if log:
            self.log.load(log)
        self.timeline = Timeline(self.state(), self.config)
        self._mark()

    # -- evaluation ------------------------------------------------------------------------
    def dataset_loss(self, test: bool = False) -> float:
        """The mean loss over the training set (or the test set) with the current parameters."""
        x = self.dataset.test_inputs if test else self.dataset.inputs
        if len(x) == 0:
            return float("nan")
        y = self._test_targets if test else self._targets
        with np.errstate(all="ignore"):
            return batch_loss(self.network, x, y, LOSSES[self.config.loss])

    def predict(self, x: Array) -> Array:
        return predict(self.network, x)

    @property
    def record(self) -> StepRecord | None:
        """The step being stepped through, or else the last one completed."""
        return self.pending or self.last

    @property
    def learning_rate(self) -> float:
        """eta for the next step, after the schedule."""
        return learning_rate(self.config.eta, self.config.schedule, self.step_count)


