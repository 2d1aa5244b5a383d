"""The recorded values of a step: :class:`Context`, :func:`value_of` a :class:`Ref`, and
:func:`term`, its symbol in the article's notation together with that value.

Notation: W^(k->k+1) has entries w_ij^(k+1) (row i = unit of layer k, column j = unit of
layer k+1); b_j^(k+1) is the bias of unit j of layer k+1; indices are shown 1-based.  A
batch position s (1-based) is shown as a suffix [s] when the batch has more than one
sample.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.forward import batch_loss
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.naming import param_indices
from backprop_studio.core.engine.network import Network
from backprop_studio.core.engine.optimizers import StateArray, optimizer
from backprop_studio.core.engine.regularisation import NONE, Regularisation

from .notation import Explanation, Step, Sym, Term
from .refs import Ref, param_index


# -- the context: the record and what it was computed with ------------------------------------
@dataclass
class Context:
    """A step record with the network structure, loss, optimizer and regularisation it was
    computed with."""

    record: Any                 # core.training.session.StepRecord
    network: Network
    loss: str
    optimizer: str
    hyper: dict[str, Any]
    regularisation: Regularisation = NONE

    @property
    def batch(self) -> int:
        return len(self.record.x)

    @property
    def depth(self) -> int:
        return self.network.depth

    def smp(self, s: int) -> int | None:
        """The batch position written as the suffix [s] (1-based); None for a batch of one."""
        return s + 1 if self.batch > 1 else None


def context_for(session: Any, record: Any = None) -> Context | None:
    """The context of ``record`` (default: the session's current record), or None."""
    record = record if record is not None else session.record
    if record is None:
        return None
    config = session.config
    log = getattr(session, "config_log", None)
    if log:
        earlier = [c for s, c in log if s <= record.step - 1]
        if earlier:
            config = earlier[-1]
    hyper = config.hyper()
    hyper["learning_rate"] = record.learning_rate
    return Context(record, session.network, config.loss, config.optimizer, hyper, config.regularisation)


def loss_after(ctx: Context) -> float | None:
    """The loss of the same batch with the updated parameters (None before the update)."""
    rec = ctx.record
    if rec.params_after is None:
        return None
    net = ctx.network.copy()
    net.set_parameters([p.copy() for p in rec.params_after])
    with np.errstate(all="ignore"):
        return batch_loss(net, rec.x, rec.y, LOSSES[ctx.loss])


def preview_record(session: Any) -> Any:
    """The step about to start, before any phase ran: the next batch and the current parameters
    (a StepRecord with nothing computed yet, so views can show the inputs and parameters)."""
    from backprop_studio.core.training.records import StepRecord

    batch = session.next_batch()   # the session's own rule: the preview is the batch the step uses
    L = session.network.depth
    return StepRecord(session.step_count + 1, session.epoch, batch.samples, batch.x, batch.y, session.phases,
                      session.learning_rate, v_in=[batch.x], v_out=[batch.x], delta=[None] * (L + 1),
                      dE_dW=[None] * L, dE_db=[None] * L, params_before=session.network.parameters())


# -- recorded values -----------------------------------------------------------------------------
def value_of(ctx: Context, ref: Ref) -> float | None:
    """The recorded number ``ref`` names; None when it has not been computed yet."""
    r, k, i, s = ctx.record, ref.layer, ref.i, ref.sample
    kind = ref.kind
    if kind == "x":
        return float(r.x[s, i])
    if kind == "y":
        return float(r.y[s, i])
    if kind in ("v_in", "v_out"):
        arr = getattr(r, kind)
        return float(arr[k][s, i]) if k < len(arr) else None
    if kind == "delta":
        return None if r.delta[k] is None else float(r.delta[k][s, i])
    if kind == "delta_mean":
        return None if r.delta[k] is None else float(np.mean(r.delta[k][:, i]))
    if kind == "fprime":
        if k >= len(r.v_in):
            return None
        act = ctx.network.layers[k]
        d = ACTIVATIONS[act.activation].derivative(r.v_in[k][s:s + 1], r.v_out[k][s:s + 1], act.activation_param)
        return float(d[0, i])
    if kind == "loss":
        return None if r.losses is None else float(r.losses[s])
    if kind == "batch_loss":
        return r.loss
    if kind == "loss_after":
        return loss_after(ctx)
    p, idx = param_index(ref)
    if kind == "param":
        return float(r.params_before[p][idx])
    if kind == "grad":
        g = (r.dE_db if ref.bias else r.dE_dW)[k]
        return None if g is None else float(g[idx])
    if kind == "contrib":
        d = r.delta[k + 1]
        if d is None:
            return None
        if ref.bias:
            return float(d[s, ref.j]) if ctx.network.layers[k + 1].bias else 0.0
        return float(r.v_out[k][s, ref.i] * d[s, ref.j]) if ctx.network.mask[k][ref.i, ref.j] else 0.0
    if kind == "update":
        return None if r.updates is None else float(r.updates[p][idx])
    if kind == "after":
        return None if r.params_after is None else float(r.params_after[p][idx])
    if kind == "state":
        st = r.opt_state_after
        # an empty list: a state not started yet (SGD's buffer before momentum is switched on)
        return None if st is None or not st.get(ref.key) else float(st[ref.key][p][idx])
    raise ValueError(f"unknown value kind {ref.kind!r}")


# -- symbols of recorded values ------------------------------------------------------------------
def state_array(ctx: Context, key: str) -> StateArray:
    """What the optimizer's registry entry declares about its state array ``key``."""
    entry = optimizer(ctx.optimizer)
    if key not in entry.STATE:
        raise ValueError(f"optimizer {ctx.optimizer!r} keeps no state {key!r}; "
                         f"it keeps {', '.join(entry.STATE) or 'none'}")
    return entry.STATE[key]


def term(ctx: Context, ref: Ref) -> Term:
    """The symbol of ``ref`` in the article's notation, with its recorded value."""
    k, i, j, kind = ref.layer, ref.i, ref.j, ref.kind
    smp = ctx.smp(ref.sample)
    value = value_of(ctx, ref)
    value = float("nan") if value is None else value
    if kind == "x":
        return Term(Sym("x", (i + 1,), sample=smp), value, ref)
    if kind == "y":
        idx: tuple[int, ...] = (i + 1,) if ctx.record.y.shape[1] > 1 else ()
        return Term(Sym("y", idx, sample=smp), value, ref)
    if kind in ("v_in", "v_out", "delta"):
        if kind == "v_out" and k == 0:
            return term(ctx, Ref("x", 0, i, 0, ref.sample))
        return Term(Sym(kind, (i + 1,), k, smp), value, ref)
    if kind == "fprime":
        return Term(Sym("v_in", (i + 1,), k, smp, wrap="fprime"), value, ref)
    if kind == "delta_mean":
        return Term(Sym("delta", (i + 1,), k, label=f"mean δ_{i + 1}^({k})"), value, ref)
    if kind == "loss":
        return Term(Sym("E", sample=smp), value, ref)
    if kind == "batch_loss":
        return Term(Sym("E", label="E (batch mean)" if ctx.batch > 1 else None), value, ref)
    if kind == "loss_after":
        return Term(Sym("E", prime=True), value, ref)
    base, idx, layer = param_indices(k, i, j, ref.bias)
    if kind == "param":
        return Term(Sym(base, idx, layer), value, ref)
    if kind == "grad":
        return Term(Sym(base, idx, layer, wrap="dE"), value, ref)
    if kind == "contrib":
        return Term(Sym(base, idx, layer, smp, wrap="dE"), value, ref)
    if kind == "update":
        return Term(Sym(base, idx, layer, wrap="Delta"), value, ref)
    if kind == "after":
        return Term(Sym(base, idx, layer, prime=True), value, ref)
    if kind == "state":
        return Term(Sym(state_array(ctx, ref.key).symbol, ("t",)), value, ref)
    raise ValueError(f"unknown value kind {kind!r}")


def yhat(ctx: Context, j: int, s: int) -> Term:
    """Output j of sample s as ŷ_j (ŷ alone for a single output), linked to its v_out."""
    t = term(ctx, Ref("v_out", ctx.depth, j, 0, s))
    idx = (j + 1,) if ctx.network.sizes[-1] > 1 else ()
    return Term(Sym("yhat", idx, sample=ctx.smp(s)), t.value, t.ref)


def target(ctx: Context, j: int, s: int) -> Term:
    """Target j of sample s, y_j."""
    return term(ctx, Ref("y", 0, j, 0, s))


def explanation(ctx: Context, ref: Ref, title: str, steps: list[Step],
                notes: list[str] | None = None) -> Explanation:
    """The explanation of ``ref`` with its recorded value attached, for the check."""
    return Explanation(ref, title, steps, value_of(ctx, ref), notes or [])

