"""The training session: a stepper you can walk forwards and backwards.

A :class:`Session` holds the network and its parameters, the dataset, the loss, the
optimizer and its state, the random generator and the position in training.  It advances
at four sizes, each returning a record of what was computed:

* :meth:`Session.step_phase`: forward through layer k (k = 1..L), the loss, backward
  through layer k (k = L..1: delta^(k) and dE/dW^(k-1->k)), then the update;
* :meth:`Session.step`: one training step, one update from one batch;
* :meth:`Session.step_epoch`: to the end of the current epoch;
* :meth:`Session.run`: N steps, or until the loss is below a value, a step is reached,
  or training diverges.

Stepping back (:meth:`back_phase`, :meth:`back_step`, in :mod:`core.training.timeline`) restores
parameters, optimizer state and random state exactly; see :mod:`core.training.history` for the
memory bound.  The
configuration (learning rate, optimizer, batch size, ...) may change between steps; the
steps already taken keep the configuration they were taken with, and stepping back does
not undo a configuration change.

Divergence: a non-finite value in a forward quantity, the loss, a delta, a gradient or
an updated parameter stops the step before the update is applied.  :attr:`diverged`
then names the step, the layer and the quantity; the last finite state is kept.
"""
from __future__ import annotations

import copy
import math
from typing import Any, Callable

import numpy as np
from numpy.typing import NDArray

from core.checks.errors import InputError
from core.data.datasets import Dataset
from core.engine.activations import ACTIVATIONS
from core.engine.backprop import hidden_delta, layer_gradients, output_delta
from core.engine.forward import forward_layer, predict
from core.engine.losses import LOSSES, as_targets
from core.engine.network import Network, reinitialised
from core.engine.optimizers import OPTIMIZERS, apply_updates
from core.engine.schedules import learning_rate

from .batches import Batch, next_batch
from .history import History, TrainingState
from .log import TrainingLog, test_loss_stride
from .records import Divergence, Phase, RunResult, StepRecord, TrainingConfig, phases_of
from .timeline import Timeline

Array = NDArray[np.float64]

__all__ = ["Batch", "Divergence", "Phase", "RunResult", "Session", "StepRecord", "TrainingConfig", "phases_of"]


class Session(Timeline):
    """Network + parameters + dataset + loss + optimizer state + random state + position."""

    def __init__(self, network: Network, dataset: Dataset, config: TrainingConfig | None = None,
                 init: dict[str, Any] | None = None) -> None:
        self.config = (config or TrainingConfig()).checked()
        self._hyper_cache: tuple[Any, dict[str, Any]] = (None, {})
        self.init = dict(init or {"scheme": "xavier_uniform", "seed": 0})
        self.dataset = dataset
        self.meta: dict[str, Any] = {}      # project-file keys the engine does not use (view, name)
        self._set_network(network)

    # -- state ---------------------------------------------------------------------------
    def _set_network(self, network: Network) -> None:
        network.check()
        if self.dataset.inputs.shape[1] != network.sizes[0]:
            raise ValueError(f"the dataset has {self.dataset.inputs.shape[1]} input column(s) "
                             f"but the network's input layer has {network.sizes[0]} unit(s)")
        self.network = network
        # None where every entry is updated (apply_updates then skips the multiply)
        self._trainable = [None if m.all() else m for m in network.trainable()]
        self._masked = [not m.all() for m in network.mask]
        self.phases = phases_of(network.depth)
        self._in_order = np.arange(len(self.dataset))
        self.initial_params = [p.copy() for p in network.parameters()]
        self._targets = self._make_targets(self.dataset.targets)
        self._test_targets = self._check_test_targets(self.dataset)
        self.reset()

    def _make_targets(self, y: Array, config: TrainingConfig | None = None, test: str = "") -> Array:
        """The targets as ``config``'s loss sees them; ValueError when they do not fit.

        This one rule checks the training targets and (``test``) the test targets alike: bce
        and cross_entropy need values in [0, 1], class labels must be whole numbers in
        0..outputs-1.  ``test`` is "" for training targets; for test targets it is
        ``"test_targets"`` (given in the file) or ``"split"`` (split off the data), and a bad one
        raises :class:`~core.checks.errors.InputError` whose ``where`` is ``test_targets[i]`` or ``split``.
        """
        loss = (config or self.config).loss
        outputs = self.network.sizes[-1]
        if loss == "cross_entropy" and outputs == 1:
            raise ValueError("loss: cross_entropy needs 2 or more outputs (a softmax layer); "
                             "for one output use bce")
        y = np.asarray(y, dtype=np.float64)
        y = y[:, None] if y.ndim == 1 else y
        labels = loss == "cross_entropy" and outputs > 1 and y.shape[1] == 1
        if labels:
            bad = (y[:, 0] != np.round(y[:, 0])) | (y[:, 0] < 0) | (y[:, 0] >= outputs)
            problem = f"class labels must be integers in 0..{outputs - 1}"
        elif loss in ("bce", "cross_entropy"):
            bad = ((y < 0) | (y > 1)).any(axis=1)
            problem = f"{loss} needs targets between 0 and 1 (class labels or probabilities)"
        else:
            bad = np.zeros(len(y), dtype=bool)
        if test and bad.any():
            i = int(np.argmax(bad))
            if test == "split":
                raise InputError(f"test sample {i} (split off the data): {problem}", "split")
            raise InputError(f"{problem}; got {_row_text(y[i])}", f"test_targets[{i}]")
        if bad.any():
            if labels:
                raise ValueError(problem)
            raise ValueError(f"loss: {problem}; these go from {y.min():g} to {y.max():g}")
        t = as_targets(y, outputs, LOSSES[loss])
        if t.shape[1] != outputs and (len(t) or not test):
            what = "test target" if test else "target"
            raise ValueError(f"the dataset has {t.shape[1]} {what} column(s) but the network's "
                             f"output layer has {outputs} unit(s)")
        return t

    def check_dataset(self, dataset: Dataset) -> None:
        """ValueError when ``dataset`` does not fit this network and loss."""
        if dataset.inputs.shape[1] != self.network.sizes[0]:
            raise ValueError(f"the data have {dataset.inputs.shape[1]} input column(s) but the network's "
                             f"input layer has {self.network.sizes[0]} unit(s)")
        self._make_targets(dataset.targets)
        self._check_test_targets(dataset)

    def check_config(self, config: TrainingConfig) -> TrainingConfig:
        """``config`` checked, and checked against this session's data; ValueError when it does not fit."""
        config = copy.deepcopy(config).checked()
        self._make_targets(self.dataset.targets, config)
        self._check_test_targets(self.dataset, config)
        return config

    def _check_test_targets(self, dataset: Dataset, config: TrainingConfig | None = None) -> Array:
        """``dataset``'s test targets as the loss sees them (the rule of :meth:`_make_targets`)."""
        where = "split" if "split" in dataset.spec else "test_targets"
        return self._make_targets(dataset.test_targets, config, test=where)

    @property
    def targets(self) -> Array:
        """The training targets as the loss sees them, shape (n, outputs)."""
        return self._targets

    def reset(self) -> None:
        """Back to the initial parameters, step 0, a fresh optimizer and the seed's generator."""
        self.network.set_parameters([p.copy() for p in self.initial_params])
        self.opt_state = OPTIMIZERS[self.config.optimizer].init_state(
            self.network.parameters(), self.config.hyper())
        self.rng_state = np.random.default_rng(self.config.seed).bit_generator.state
        self.step_count = 0
        self.epoch = 0
        self.position = 0
        self.order = self._in_order
        self.pending: StepRecord | None = None
        self.last: StepRecord | None = None
        self.diverged: Divergence | None = None
        self.log = TrainingLog(self.network.depth, sum(p.size for p in self.initial_params))
        self.config_log: list[tuple[int, TrainingConfig]] = [(0, copy.deepcopy(self.config))]
        self.history = History()
        state = self.state()
        self.history.configure(state.nbytes())
        self.history.add(state, pin=True)
        self._mark()

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

    def set_config(self, config: TrainingConfig) -> None:
        """Change hyperparameters between steps (a step in progress is restarted)."""
        config = self.check_config(config)
        targets = self._make_targets(self.dataset.targets, config)
        self._drop_pending()
        if config.optimizer != self.config.optimizer:
            self.opt_state = OPTIMIZERS[config.optimizer].init_state(
                self.network.parameters(), config.hyper())
            self.history.add(self.state(), pin=True)
        if config.loss != self.config.loss:
            self.log.clear_test()
        self.config, self._targets = config, targets
        self._test_targets = self._check_test_targets(self.dataset)
        self.config_log = [(s, c) for s, c in self.config_log if s < self.step_count]
        self.config_log.append((self.step_count, copy.deepcopy(config)))
        self.diverged = None

    def set_parameters(self, params: list[Array]) -> None:
        """A typed value between steps: recorded on the timeline, training goes on from here."""
        self._drop_pending()
        masked = [np.where(self.network.mask[i // 2], p, 0.0) if i % 2 == 0 else np.asarray(p, float)
                  for i, p in enumerate(params)]
        self.network.set_parameters([np.array(p, dtype=np.float64) for p in masked])
        self.network.check()
        if self.step_count == 0:
            self.initial_params = [p.copy() for p in self.network.parameters()]
        self.history.add(self.state(), pin=True)
        self._mark()
        self.diverged = None

    def _config_at(self, step: int) -> TrainingConfig:
        return max((e for e in self.config_log if e[0] <= step), key=lambda e: e[0])[1]

    # -- stepping forward ------------------------------------------------------------------
    def next_batch(self) -> Batch:
        """The samples (and x, y) the next step will use, without consuming randomness.

        With a step in progress, its batch; otherwise the batch :meth:`step` would draw now,
        under the current configuration (at a shuffled epoch boundary that includes the new
        epoch's permutation, drawn on a copy of the generator).
        """
        if self.pending is not None:
            rec = self.pending
            return Batch(rec.samples, rec.x, rec.y, rec.next_position)
        return self._next_batch(self.config)

    def _next_batch(self, config: TrainingConfig) -> Batch:
        return next_batch(self.dataset.inputs, self._targets, self._in_order,
                          (self.epoch, self.position, self.order, self.rng_state), config)

    def _begin_step(self, config: TrainingConfig) -> StepRecord:
        batch = self._next_batch(config)
        params = self.network.parameters()
        eta = learning_rate(self._base_hyper(config)["learning_rate"], config.schedule, self.step_count)
        L = self.network.depth
        rec = StepRecord(self.step_count + 1, self.epoch, batch.samples, batch.x, batch.y, self.phases, eta,
                         params_before=params, opt_state_before=self.opt_state,
                         delta=[None] * (L + 1), dE_dW=[None] * L, dE_db=[None] * L)
        rec.v_in, rec.v_out = [rec.x], [rec.x]
        rec.next_position = batch.after
        return rec

    def _run_phase(self, rec: StepRecord, phase: Phase, config: TrainingConfig) -> bool:
        """Compute one phase into ``rec``; False (and nothing stored) when it is non-finite."""
        net, k = self.network, phase.layer
        if phase.kind == "forward":
            v_in, v_out = forward_layer(net, k, rec.v_out[k - 1])
            bad = _first_bad(("v_in", v_in), ("v_out", v_out))
            if bad:
                return self._diverge(rec, phase, k, bad)
            rec.v_in.append(v_in)
            rec.v_out.append(v_out)
        elif phase.kind == "loss":
            out = net.layers[-1]
            losses = LOSSES[config.loss].per_sample(rec.y, rec.v_out[-1], rec.v_in[-1],
                                                    ACTIVATIONS[out.activation])
            if not np.all(np.isfinite(losses)):
                return self._diverge(rec, phase, None, "the loss E")
            rec.losses, rec.loss = losses, float(losses.sum()) / len(losses)
        elif phase.kind == "backward":
            if k == net.depth:
                delta = output_delta(net, rec, rec.y, LOSSES[config.loss])
            else:
                delta = hidden_delta(net, k, rec, rec.delta[k + 1])
            dW, db = layer_gradients(net, k - 1, rec, delta, self._masked[k - 1])
            bad = _first_bad(("delta", delta), ("dE/dW", dW), ("dE/db", db))
            if bad:
                return self._diverge(rec, phase, k, bad)
            rec.delta[k], rec.dE_dW[k - 1], rec.dE_db[k - 1] = delta, dW, db
        else:
            self._update(rec, config)
            if rec.params_after is None:
                return False
        rec.phases_done += 1
        return True

    def _update(self, rec: StepRecord, config: TrainingConfig) -> None:
        if not math.isfinite(rec.learning_rate):   # a growing schedule overflowed
            self._diverge(rec, Phase("update"), None, "the learning rate (from the schedule)")
            return
        hp = self._hyper(config, rec.learning_rate)
        opt = OPTIMIZERS[config.optimizer]
        updates, new_state = opt.step(rec.params_before, rec.gradients(), rec.opt_state_before, hp)
        after = apply_updates(rec.params_before, updates, self._trainable)
        for i, p in enumerate(after):
            if not _finite(p):
                # W^(k->k+1) and b^(k+1) (index 2k, 2k+1) belong to layer k+1, as in backward
                name = "W" if i % 2 == 0 else "b"
                self._diverge(rec, Phase("update"), i // 2 + 1, f"the updated {name}")
                return
        for key, i, a in _state_arrays(new_state, rec.opt_state_before):
            # g^2 can overflow (|g| > 1e154) while the update stays finite: Adam's v would be
            # inf and training would silently stall
            if not _finite(a):
                self._diverge(rec, Phase("update"), i // 2 + 1, f"the optimizer state {key}")
                return
        rec.updates, rec.params_after, rec.opt_state_after = updates, after, new_state

    def _base_hyper(self, config: TrainingConfig) -> dict[str, Any]:
        """config.hyper(), cached per configuration (it is asked for on every step)."""
        key = (id(config), tuple(config.optimizer_params.items()))
        if self._hyper_cache[0] != key:
            self._hyper_cache = (key, config.hyper())
        return self._hyper_cache[1]

    def _hyper(self, config: TrainingConfig, eta: float) -> dict[str, Any]:
        """The optimizer's hyperparameters with the scheduled eta."""
        hp = self._base_hyper(config)
        if hp["learning_rate"] != eta:
            hp = {**hp, "learning_rate": eta}
        return hp

    def _diverge(self, rec: StepRecord, phase: Phase, layer: int | None, quantity: str) -> bool:
        self.diverged = Divergence(rec.step, phase, layer, quantity)
        return False

    def _commit(self, rec: StepRecord) -> None:
        for p in rec.params_after:   # shared with the history and the record: never changed in place
            p.flags.writeable = False
        self.network.set_parameters(rec.params_after)
        self.opt_state = rec.opt_state_after
        self.epoch, self.position, self.order, self.rng_state = rec.next_position
        self.step_count = rec.step
        self.history.add(self.state())
        self.log.record(rec.step, rec.loss, rec.epoch, rec.params_after, rec.dE_dW)
        n_test = len(self.dataset.test_inputs)
        if n_test and rec.step % test_loss_stride(n_test, len(rec.samples)) == 0:
            self.log.record_test(rec.step, self.dataset_loss(test=True))
        self.pending, self.last = None, rec

    def _full_step(self, config: TrainingConfig) -> StepRecord | None:
        """One whole step by the same functions as the phases, without per-phase dispatch.

        Non-finite values propagate (into v_in, the loss or the updated parameters; nan * 0 is
        nan), so one check at the end finds them; only then are the phases re-run one by one
        to name the first non-finite quantity.
        """
        rec = self._begin_step(config)
        if not math.isfinite(rec.learning_rate):
            return self._locate_divergence(config)
        net, loss = self.network, LOSSES[config.loss]
        L = net.depth
        with np.errstate(all="ignore"):
            for k in range(1, L + 1):
                v_in, v_out = forward_layer(net, k, rec.v_out[k - 1])
                rec.v_in.append(v_in)
                rec.v_out.append(v_out)
            rec.losses = loss.per_sample(rec.y, rec.v_out[L], rec.v_in[L], ACTIVATIONS[net.layers[L].activation])
            rec.loss = float(rec.losses.sum()) / len(rec.losses)
            delta = output_delta(net, rec, rec.y, loss)
            for k in range(L, 0, -1):
                if k < L:
                    delta = hidden_delta(net, k, rec, delta)
                rec.delta[k] = delta
                rec.dE_dW[k - 1], rec.dE_db[k - 1] = layer_gradients(net, k - 1, rec, delta,
                                                                     self._masked[k - 1])
            hp = self._hyper(config, rec.learning_rate)
            updates, new_state = OPTIMIZERS[config.optimizer].step(
                rec.params_before, rec.gradients(), rec.opt_state_before, hp)
            after = apply_updates(rec.params_before, updates, self._trainable)
            checked = rec.v_in[1:] + [rec.losses] + after + [
                a for _k, _i, a in _state_arrays(new_state, rec.opt_state_before)]
            total = float(np.concatenate([a.ravel() for a in checked]).sum())
            if total - total != 0.0 and not all(_finite(a) for a in checked):
                return self._locate_divergence(config)
        rec.updates, rec.params_after, rec.opt_state_after = updates, after, new_state
        rec.phases_done = len(rec.phases)
        self._commit(rec)
        return rec

    def _locate_divergence(self, config: TrainingConfig) -> None:
        """Re-run the step phase by phase: it stops, marked diverged, at the first non-finite value."""
        rec = self._begin_step(config)
        with np.errstate(all="ignore"):
            for phase in rec.phases:
                if not self._run_phase(rec, phase, config):
                    break
        self.pending = rec
        return None

    def step_phase(self) -> StepRecord | None:
        """Do the next phase; return the step's record (None when it diverged)."""
        if self.pending is None:
            self.pending = self._begin_step(self.config)
        rec = self.pending
        with np.errstate(all="ignore"):
            if not self._run_phase(rec, rec.phases[rec.phases_done], self.config):
                return None
        self.diverged = None
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
        """Take steps until one of the conditions holds, training diverges or ``should_stop()``."""
        losses: list[float] = []
        taken = 0
        while True:
            if steps is not None and taken >= steps:
                return RunResult(taken, "steps", losses)
            if until_step is not None and self.step_count >= until_step:
                return RunResult(taken, "step", losses)
            if should_stop is not None and should_stop():
                return RunResult(taken, "cancelled", losses)
            rec = self.step()
            if rec is None:
                return RunResult(taken, "diverged", losses)
            taken += 1
            losses.append(rec.loss)
            if until_loss is not None and self.dataset_loss() < until_loss:
                return RunResult(taken, "loss", losses)
            if until is not None and until():
                return RunResult(taken, reason, losses)

    # -- evaluation ------------------------------------------------------------------------
    def dataset_loss(self, test: bool = False) -> float:
        """The mean loss over the training set (or the test set) with the current parameters."""
        x = self.dataset.test_inputs if test else self.dataset.inputs
        if len(x) == 0:
            return float("nan")
        y = self._test_targets if test else self._targets
        net = self.network
        v_out = x
        v_in = x
        with np.errstate(all="ignore"):
            for k in range(1, len(net.layers)):
                v_in, v_out = forward_layer(net, k, v_out)
            out = net.layers[-1]
            return float(np.mean(LOSSES[self.config.loss].per_sample(
                y, v_out, v_in, ACTIVATIONS[out.activation])))

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


def _row_text(row: Array) -> str:
    """A target row for a message: ``7`` or ``[0.5, 2]`` (the first few values)."""
    shown = ", ".join(f"{x:g}" for x in row[:4]) + (", ..." if len(row) > 4 else "")
    return shown if len(row) == 1 else f"[{shown}]"


def _state_arrays(state: dict[str, Any], before: dict[str, Any]) -> list[tuple[str, int, Array]]:
    """(name, parameter index, array) of the optimizer state arrays that the step replaced.

    An array the step passed through unchanged (plain SGD's buffer) is the same object as
    before and was checked then.
    """
    out = []
    for key, value in state.items():
        if isinstance(value, list):
            old = before.get(key, ())
            out += [(key, i, a) for i, a in enumerate(value) if i >= len(old) or a is not old[i]]
    return out


def _finite(a: Array) -> bool:
    """True when every element of ``a`` is finite (a sum is the cheap test; it can overflow)."""
    total = float(a.sum())
    return total - total == 0.0 or bool(np.isfinite(a).all())


def _first_bad(*named: tuple[str, Array]) -> str | None:
    for name, a in named:
        if not _finite(a):
            return name
    return None
