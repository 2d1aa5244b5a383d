"""One training step, phase by phase, as the article computes it.

A step in progress is a :class:`~core.training.records.StepRecord`: its batch, eta, the
parameters and optimizer state it starts from, and every quantity computed so far
(``phases_done`` of them).  Each phase is a function of that record and of what it computes
with, passed explicitly; it fills in its part of the record and returns ``None``, or returns
the :class:`~core.training.records.Divergence` naming the first non-finite quantity and
leaves the record as it was:

* :func:`forward_phase` (layer k = 1..L):  v_in^(k) = W^(k-1->k)^T v_out^(k-1) + b^(k),
  v_out^(k) = f(v_in^(k));
* :func:`loss_phase`:  E = the batch mean of the per-sample loss of y_hat = v_out^(L), and
  the regularisation term lambda_1 sum |w| + 1/2 lambda_2 sum w^2 beside it;
* :func:`backward_phase` (layer k = L..1):  delta^(L) = dE/dy_hat * f'(v_in^(L)), or
  delta^(k) = (W^(k->k+1) delta^(k+1)) * f'(v_in^(k)); then dE/dW^(k-1->k) (plus the
  regularisation's lambda_1 sign(w) + lambda_2 w) and dE/db^(k);
* :func:`update_phase`:  Delta theta by the optimizer's rule, theta' = theta + Delta theta.

:func:`whole_step` computes the same step with the same functions of :mod:`core.engine`
in one go (no per-phase checks: the fast path of training); :func:`undo_phase` takes the
last phase back out of a record.  Nothing here reads or changes a session.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.engine.activations import ACTIVATIONS, Activation
from backprop_studio.core.engine.backprop import delta_below, gradients_of, hidden_delta, layer_gradients, output_delta
from backprop_studio.core.engine.forward import ForwardRecord, forward_layer, layer_values
from backprop_studio.core.engine.losses import Loss
from backprop_studio.core.engine.network import Network
from backprop_studio.core.engine.optimizers import Optimizer, apply_updates
from backprop_studio.core.engine.regularisation import NONE, Regularisation

from .batches import Batch
from .log import squared_norm
from .records import Divergence, Phase, StepRecord

Array = NDArray[np.float64]


class LayerRule(NamedTuple):
    """What layer k's part of a step is computed with: its activation ``f`` and f's parameter,
    whether it has a bias, and W^(k-1->k)'s mask when that has removed connections (else None)."""

    f: Activation
    param: float
    bias: bool
    mask: NDArray[np.bool_] | None


@dataclass(frozen=True)
class StepRules:
    """What a step is computed with, apart from its record: fixed while the network and the
    configuration stay the same.

    ``hyper`` is the optimizer's hyperparameters with the base eta (the schedule's eta of a
    step is in its record); ``masked[k]`` says whether W^(k->k+1) has removed connections;
    ``trainable`` holds :meth:`Network.trainable`'s masks, None where every entry is updated;
    ``regularisation`` holds the L1/L2 rates of the loss's weight term; ``norms`` says that
    :func:`whole_step` computes the squared norms the training log takes at each step (a wide
    network: :attr:`TrainingLog.wide <core.training.log.TrainingLog.wide>`), else ``log_row``
    is the width of the log's row of a step: P + the size of every W.  ``layers`` holds each
    layer's :class:`LayerRule` (k = 1..L), looked up once here rather than at every step.
    """

    network: Network
    loss: Loss
    optimizer: Optimizer
    hyper: dict[str, Any]
    masked: list[bool]
    trainable: list[Array | None]
    regularisation: Regularisation = NONE
    norms: bool = False
    log_row: int = 0
    layers: tuple[LayerRule, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        net = self.network
        object.__setattr__(self, "layers", tuple(
            LayerRule(ACTIVATIONS[layer.activation], layer.activation_param, layer.bias,
                      net.mask[k] if self.masked[k] else None)
            for k, layer in enumerate(net.layers[1:])))

    def hyper_at(self, eta: float) -> dict[str, Any]:
        """The hyperparameters with the scheduled ``eta`` (the same dict when it is the base)."""
        return self.hyper if self.hyper["learning_rate"] == eta else {**self.hyper, "learning_rate": eta}


def begin_step(network: Network, batch: Batch, step: int, epoch: int, eta: float,
               phases: list[Phase], opt_state: dict[str, Any]) -> StepRecord:
    """The record of training step ``step`` (1-based) before its first phase.

    It starts from the network's current parameters and ``opt_state``, with v_in^(0) =
    v_out^(0) = x; ``next_position`` is where training stands once the update is applied.
    """
    L = network.depth
    x = batch.x
    return StepRecord(step, epoch, batch.samples, x, batch.y, phases, eta, v_in=[x], v_out=[x],
                      delta=[None] * (L + 1), dE_dW=[None] * L, dE_db=[None] * L,
                      params_before=network.parameters(), opt_state_before=opt_state,
                      next_position=batch.after)


def forward_phase(network: Network, rec: StepRecord, k: int) -> Divergence | None:
    """Layer k's forward pass: v_in^(k) = W^(k-1->k)^T v_out^(k-1) + b^(k), v_out^(k) = f(v_in^(k)).

    Appends both, shape (batch, units of layer k), to ``rec.v_in`` and ``rec.v_out``.
    """
    v_in, v_out = forward_layer(network, k, rec.v_out[k - 1])
    bad = first_bad(("v_in", v_in), ("v_out", v_out))
    if bad:
        return Divergence(rec.step, Phase("forward", k), k, bad)
    rec.v_in.append(v_in)
    rec.v_out.append(v_out)
    rec.phases_done += 1
    return None


def loss_phase(network: Network, rec: StepRecord, loss: Loss,
               reg: Regularisation = NONE) -> Divergence | None:
    """The error of the batch: ``rec.losses`` = E_data per sample, shape (batch,), ``rec.loss`` =
    their mean, ``rec.loss_regularisation`` = lambda_1 sum |w| + 1/2 lambda_2 sum w^2 (the whole
    E is their sum)."""
    out = network.layers[-1]
    losses = loss.per_sample(rec.y, rec.v_out[-1], rec.v_in[-1], ACTIVATIONS[out.activation])
    if not np.all(np.isfinite(losses)):
        return Divergence(rec.step, Phase("loss"), None, "the loss E")
    term = reg.term(rec.params_before[0::2], network.mask)
    if not math.isfinite(term):
        return Divergence(rec.step, Phase("loss"), None, "the regularisation term")
    rec.losses, rec.loss, rec.loss_regularisation = losses, float(np.add.reduce(losses)) / len(losses), term
    rec.phases_done += 1
    return None


def backward_phase(network: Network, rec: StepRecord, k: int, loss: Loss,
                   masked: bool, reg: Regularisation = NONE) -> Divergence | None:
    """Layer k's error term and the gradients of the weights into it.

    delta^(L) = dE/dy_hat * f'(v_in^(L)) at the output; delta^(k) = (W^(k->k+1) delta^(k+1))
    * f'(v_in^(k)) below it (``rec.delta[k]``, shape (batch, units of layer k)); then
    dE/dW^(k-1->k) = mean over the batch of outer(v_out^(k-1), delta^(k)) and dE/db^(k) =
    mean of delta^(k) (``rec.dE_dW[k - 1]``, ``rec.dE_db[k - 1]``); ``reg`` adds
    lambda_1 sign(w) + lambda_2 w to dE/dW (never to dE/db).  ``masked``: W^(k-1->k) has
    removed connections, whose gradient is 0.
    """
    forward = ForwardRecord(rec.v_in, rec.v_out)
    if k == network.depth:
        delta = output_delta(network, forward, rec.y, loss)
    else:
        delta_next = rec.delta[k + 1]
        assert delta_next is not None, "backward phases go from the output layer down"
        delta = hidden_delta(network, k, forward, delta_next)
    dW, db = layer_gradients(network, k - 1, forward, delta, masked)
    dW = with_regularisation(dW, rec, network, k, reg)
    bad = first_bad(("delta", delta), ("dE/dW", dW), ("dE/db", db))
    if bad:
        return Divergence(rec.step, Phase("backward", k), k, bad)
    rec.delta[k], rec.dE_dW[k - 1], rec.dE_db[k - 1] = delta, dW, db
    rec.phases_done += 1
    return None


def update_phase(rec: StepRecord, optimizer: Optimizer, hyper: dict[str, Any],
                 trainable: list[Array | None]) -> Divergence | None:
    """The update: Delta theta from the gradients by ``optimizer``'s rule (plain SGD:
    Delta theta = -eta dE/dtheta), theta' = theta + Delta theta where ``trainable``.

    ``hyper`` holds this step's eta.  Fills ``rec.updates``, ``rec.params_after`` and
    ``rec.opt_state_after``; nothing is applied to a network here.
    """
    if not math.isfinite(rec.learning_rate):   # a growing schedule overflowed
        return Divergence(rec.step, Phase("update"), None, "the learning rate (from the schedule)")
    before = rec.opt_state_before
    assert before is not None, "a step starts from an optimizer state (begin_step)"
    updates, new_state = optimizer.step(rec.params_before, rec.gradients(), before, hyper)
    after = apply_updates(rec.params_before, updates, trainable)
    for i, p in enumerate(after):
        if not finite(p):
            # W^(k->k+1) and b^(k+1) (index 2k, 2k+1) belong to layer k+1, as in backward
            name = "W" if i % 2 == 0 else "b"
            return Divergence(rec.step, Phase("update"), i // 2 + 1, f"the updated {name}")
    for key, i, a in replaced_state(new_state, before):
        # g^2 can overflow (|g| > 1e154) while the update stays finite: Adam's v would be
        # inf and training would silently stall
        if not finite(a):
            return Divergence(rec.step, Phase("update"), i // 2 + 1, f"the optimizer state {key}")
    rec.updates, rec.params_after, rec.opt_state_after = updates, after, new_state
    rec.phases_done += 1
    return None


def next_phase(rec: StepRecord, rules: StepRules) -> Divergence | None:
    """Do the record's next phase (the one after ``rec.phases_done``) with ``rules``."""
    phase = rec.phases[rec.phases_done]
    k = phase.layer
    if phase.kind == "loss":
        return loss_phase(rules.network, rec, rules.loss, rules.regularisation)
    if phase.kind == "update":
        return update_phase(rec, rules.optimizer, rules.hyper_at(rec.learning_rate), rules.trainable)
    assert k is not None, "forward and backward phases name their layer"
    if phase.kind == "forward":
        return forward_phase(rules.network, rec, k)
    return backward_phase(rules.network, rec, k, rules.loss, rules.masked[k - 1], rules.regularisation)


def undo_phase(rec: StepRecord) -> None:
    """Take the last phase done back out of ``rec`` (it must have one)."""
    rec.phases_done -= 1
    phase = rec.phases[rec.phases_done]
    k = phase.layer
    if phase.kind == "loss":
        rec.losses = rec.loss = None
        rec.loss_regularisation = 0.0
    elif phase.kind == "update":
        rec.updates = rec.params_after = rec.opt_state_after = rec.squared_norms = rec.log_row = None
    elif phase.kind == "forward":
        assert k is not None
        del rec.v_in[k:], rec.v_out[k:]
    else:
        assert k is not None
        rec.delta[k] = rec.dE_dW[k - 1] = rec.dE_db[k - 1] = None


@np.errstate(all="ignore")
def whole_step(rec: StepRecord, rules: StepRules) -> bool:
    """Every phase of a fresh record in one go; False, and ``rec`` half-filled, when a value is
    not finite (then redo the step with :func:`next_phase` to name it).

    The same functions as the phases, without the per-phase checks: non-finite values
    propagate (into v_in, the loss or the updated parameters; nan * 0 is nan), so one sum at
    the end finds them.  numpy's floating-point warnings are off inside: non-finite values are
    what it looks for.

    The check also hands the training log what it keeps of the step, so that nothing is read
    twice.  A narrow network's check sums one vector, theta after the update, then each
    dE/dW^(k-1->k), then the rest: its head is ``rec.log_row``, the log's row for the step.
    With ``rules.norms`` (a wide network) the step fills ``rec.squared_norms`` instead, while
    the arrays are fresh in the cache: ||dE/dW^(k-1->k)||^2, then ||W^(k-1->k)||^2 after the
    update, for k = 1..L; those of the weights are the check of the updated weights.
    (Non-finite gradients make the updated parameters non-finite, so checking them too
    changes no verdict.)
    """
    if not math.isfinite(rec.learning_rate):
        return False
    layers, loss, reg = rules.layers, rules.loss, rules.regularisation
    regularised = reg.active
    L = len(layers)
    params = rec.params_before      # W^(0->1), b^(1), W^(1->2), ...: the network's own
    v_in, v_out, y = rec.v_in, rec.v_out, rec.y
    z = v = v_out[0]
    for k, (f, a, bias, _) in enumerate(layers):        # layer k + 1
        z, v = layer_values(v, params[2 * k], params[2 * k + 1] if bias else None, f, a)
        v_in.append(z)
        v_out.append(v)
    losses = rec.losses = loss.per_sample(y, v, z, f)
    rec.loss = float(np.add.reduce(losses)) / len(losses)
    if regularised:     # the term is 0.0 otherwise
        rec.loss_regularisation = reg.term(params[0::2], rules.network.mask)
    delta = loss.output_delta(y, v, z, f, a)
    grads: list[Array] = [delta] * (2 * L)     # dE/dW^(0->1), dE/db^(1), ...: filled below
    sq = np.empty(2 * L) if rules.norms else None
    for k in range(L, 0, -1):
        f, a, bias, mask = layers[k - 1]
        if k < L:
            delta = delta_below(delta, params[2 * k], v_in[k], v_out[k], f, a)
        rec.delta[k] = delta
        dW, db = gradients_of(v_out[k - 1], delta, mask, bias)
        if regularised:
            dW = with_regularisation(dW, rec, rules.network, k, reg)
        if sq is not None:
            sq[k - 1] = squared_norm(dW)
        rec.dE_dW[k - 1] = grads[2 * k - 2] = dW
        rec.dE_db[k - 1] = grads[2 * k - 1] = db
    before = rec.opt_state_before
    assert before is not None, "a step starts from an optimizer state (begin_step)"
    updates, new_state = rules.optimizer.step(rec.params_before, grads, before,
                                              rules.hyper_at(rec.learning_rate))
    after = apply_updates(rec.params_before, updates, rules.trainable)
    # the losses are checked by their mean (finite unless a loss is, or their sum overflows)
    rest = v_in[1:] + ([] if math.isfinite(rec.loss) else [losses])
    rest += [a for _k, _i, a in replaced_state(new_state, before)]
    if regularised:
        rest.append(np.array([rec.loss_regularisation]))
    if sq is None:
        head = after + grads[0::2]        # theta after the update, then every dE/dW
        flat = all_finite(head + rest, head=len(head))
        if flat is None:
            return False
        rec.log_row = flat[:rules.log_row]
    else:
        for k in range(L):
            sq[L + k] = squared_norm(after[2 * k])
        weights_finite = finite(sq[L:])   # else a weight, or an overflowing square: look at them
        if all_finite(after[1::2] + rest + ([] if weights_finite else after[0::2])) is None:
            return False
        rec.squared_norms = sq
    rec.updates, rec.params_after, rec.opt_state_after = updates, after, new_state
    rec.phases_done = len(rec.phases)
    return True


def with_regularisation(dW: Array, rec: StepRecord, network: Network, k: int,
                        reg: Regularisation) -> Array:
    """dE/dW^(k-1->k) with the regularisation's lambda_1 sign(w) + lambda_2 w added (at the
    weights the step starts from; removed connections keep 0)."""
    if not reg.active:
        return dW
    return dW + reg.gradient(rec.params_before[2 * k - 2], network.mask[k - 1])


def replaced_state(state: dict[str, Any], before: dict[str, Any]) -> list[tuple[str, int, Array]]:
    """(name, parameter index, array) of the optimizer state arrays that the step replaced.

    An array the step passed through unchanged (plain SGD's buffer) is the same object as
    before and was checked then.
    """
    out = []
    for key, value in state.items():
        if value and isinstance(value, list):
            old = before.get(key, ())
            out += [(key, i, a) for i, a in enumerate(value) if i >= len(old) or a is not old[i]]
    return out


CONCATENATED = 4096
"""Arrays up to this many numbers are checked together, by one sum over their concatenation
(one numpy call for a small network's many small arrays); larger ones by their own sum, since
copying them would cost more than the call."""


def all_finite(arrays: list[Array], head: int = 0) -> Array | None:
    """None when an element of ``arrays`` is not finite (sums are the cheap test; see
    :func:`finite`); else the concatenation of the first ``head`` arrays and the other small
    ones, raveled in that order (the ``head`` arrays are concatenated whatever their size)."""
    total, small = 0.0, arrays[:head]
    for a in arrays[head:]:
        if a.size > CONCATENATED:
            total += float(np.add.reduce(a, axis=None))
        else:
            small.append(a)
    flat = np.concatenate(small, axis=None) if small else np.empty(0)
    total += float(np.add.reduce(flat))
    if total - total != 0.0 and not all(finite(a) for a in arrays):
        return None
    return flat


def finite(a: Array) -> bool:
    """True when every element of ``a`` is finite (a sum is the cheap test; it can overflow)."""
    total = float(np.add.reduce(a, axis=None))
    return total - total == 0.0 or bool(np.isfinite(a).all())


def first_bad(*named: tuple[str, Array]) -> str | None:
    """The name of the first array with a non-finite element, or None."""
    for name, a in named:
        if not finite(a):
            return name
    return None
