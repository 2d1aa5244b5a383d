"""Fine stepping: one phase of a training step revealed a unit, and an edge, at a time.

The engine computes a phase for a whole layer (:mod:`core.training.phases`).  A fine step does
not change the maths: it shows the phase's results piece by piece, in the order the article
computes them.  :func:`ticks` cuts a phase that has run into :class:`Tick` s:

forward layer k, for each unit j    each term w_ij^(k) v_out,i^(k-1), its edge lit; then their sum
                                    v_in,j^(k) (+ b_j^(k)); then v_out,j^(k) = f(v_in,j^(k)), with
                                    the slope f'(v_in,j^(k)) beside it
the loss                            E, in one tick
backward layer L (the output)       for each unit: ∂E/∂ŷ_j, then δ_j^(L) = ∂E/∂ŷ_j f'(v_in,j^(L))
                                    (one tick, δ = ŷ − y, where the loss is fused with f)
backward layer k < L, each unit j   each contribution w_jm^(k+1) δ_m^(k+1), its edge lit, summed
                                    into ∂E/∂v_out,j^(k); then δ_j^(k) = ∂E/∂v_out,j^(k) f'(v_in,j^(k))
then, for every backward layer      the gradients ∂E/∂w_ij^(k) = v_out,i^(k-1) δ_j^(k), weight by weight
the update                          Δp and p' = p + Δp, parameter by parameter

Each tick says what it lights (units, connections, biases, graph node ids), what it reveals and
the number it shows.  What it reveals is written as *items*, sample-free keys of the values the
views print: the debugger's :class:`Ref` kinds and the keys of core/lessons/hiding.py (product,
weighted_sum, loss_term, dE_dv_out), so the debugger, the editor and the computation graph (whose
nodes :func:`core.lessons.hiding.node_keys` keys) ask one question, :meth:`PhaseTicks.tick_of`.
The number is read from the record (never recomputed another way); the formula with numbers is
written on demand, for the tick on show (:mod:`.fine_text`), so a wide layer costs little.

Wide layers are cut coarser, so a phase has at most a few ticks per unit: a unit with more than
``MAX_EDGES`` inputs (or outputs) shows its sum at once, and a layer with more than
``FINE_GRADIENTS`` weights (a network with more than ``FINE_UPDATES`` parameters) takes its
gradients (its updates) one unit's column at a time.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from backprop_studio.core.engine.losses import LOSSES

from .backward import output_form
from .context import Context
from .graph_ids import LOSS, group_sum_id, param_id, product_id, term_id, unit_id, v_in_id
from .notation import MAX_TERMS
from .refs import Ref

MAX_EDGES = MAX_TERMS      # a unit with more inputs (outputs) than this sums them in one tick
FINE_GRADIENTS = 24        # weights and biases into a layer revealed one by one; more: per unit
FINE_UPDATES = 48          # parameters updated one by one; more: per unit

Item = tuple[Any, ...]      # (kind, layer, i, j, bias) of a Ref, or ("col", kind, layer, j)


def item(ref: Ref) -> Item:
    """The sample-free key of a value: every sample of a unit is revealed together."""
    return (ref.kind, ref.layer, ref.i, ref.j, ref.bias)


def column(kind: str, layer: int, j: int) -> Item:
    """Every value of ``kind`` into unit j: W^(layer->layer+1)[:, j] and b_j (or the products
    w_ij v_i into unit j of layer ``layer``)."""
    return ("col", kind, layer, j)


@dataclass(frozen=True)
class Tick:
    """One piece of a phase: what one press of F11 reveals in fine stepping.

    ``what`` and ``at``:

    ==============  ====================  =====================================================
    term            (k, i, j)             w_ij^(k) v_out,i^(k-1), a term of v_in,j^(k)
    v_in, v_out     (k, j)                v_in,j^(k); v_out,j^(k) = f(v_in,j^(k)) (and f')
    loss            ()                    E
    dE_dyhat        (L, j)                ∂E/∂ŷ_j
    contribution    (k, j, m)             w_jm^(k+1) δ_m^(k+1), a term of ∂E/∂v_out,j^(k)
    dE_dv_out       (k, j)                ∂E/∂v_out,j^(k) = Σ_m w_jm^(k+1) δ_m^(k+1)
    delta           (k, j)                δ_j^(k)
    gradient        (k, i, j)             ∂E/∂w of W^(k->k+1)[i, j] (``bias``: of b_j^(k+1));
                                          ``whole``: of every parameter into unit j (i = -1)
    update          (k, i, j)             Δp and p' of the same parameter (or column)
    ==============  ====================  =====================================================

    ``value`` is the number shown (of the sample the ticks were cut for; nan for a whole
    column).  ``units`` (k, j), ``edges`` (k, i, j) of W^(k->k+1), ``fan`` ("in", k, j): every
    connection of W^(k->k+1) into unit j, or ("out", k, j) out of unit j of layer k (a sum's
    terms, named once however wide the layer), ``biases`` (k, j) of layer k and ``nodes``
    (computation-graph ids) are what it lights; ``reveals`` the items it makes known;
    ``edge_value`` the number its one edge shows (a term, a contribution, a gradient or an
    update, or a sum of one term), None when it has no edge of its own.
    """

    what: str
    at: tuple[int, ...] = ()
    value: float = math.nan
    bias: bool = False
    whole: bool = False
    units: tuple[tuple[int, int], ...] = ()
    edges: tuple[tuple[int, int, int], ...] = ()
    fan: tuple[str, int, int] | None = None
    biases: tuple[tuple[int, int], ...] = ()
    nodes: tuple[str, ...] = ()
    reveals: tuple[Item, ...] = ()
    edge_value: float | None = None


@dataclass(frozen=True)
class PhaseTicks:
    """The ticks of one phase of one record (cut for batch position ``sample``)."""

    phase: Any                      # core.training.records.Phase
    ticks: tuple[Tick, ...]
    sample: int = 0
    _index: dict[Item, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for n, tick in enumerate(self.ticks):
            for key in tick.reveals:
                self._index.setdefault(key, n)

    def __len__(self) -> int:
        return len(self.ticks)

    def tick_of(self, ref: Ref) -> int | None:
        """The tick that reveals ``ref`` (any sample); None when this phase does not compute it."""
        n = self._index.get(item(ref))
        if n is None:
            n = self._index.get(column(ref.kind, ref.layer, ref.j))
        return n


def ticks(ctx: Context, phase: Any, sample: int = 0) -> PhaseTicks:
    """The ticks of ``phase`` (a :class:`~core.training.records.Phase` the record has done),
    for batch position ``sample`` (0-based)."""
    rec = ctx.record
    if not 0 <= sample < len(rec.x):
        raise ValueError(f"sample {sample + 1} is not in this batch of {len(rec.x)}")
    if phase.kind == "forward":
        out = _forward(ctx, phase.layer, sample)
    elif phase.kind == "loss":
        out = [_loss(ctx, sample)]
    elif phase.kind == "backward":
        out = _backward(ctx, phase.layer, sample) + _gradients(ctx, phase.layer)
        if phase.layer == 1:      # the inputs' ∂E/∂x come with the last backward phase (the graph's rule)
            extra = tuple(("dE_dv_out", 0, i, 0, False) for i in range(ctx.network.sizes[0]))
            out[-1] = dataclasses.replace(out[-1], reveals=out[-1].reveals + extra)
    elif phase.kind == "update":
        out = _updates(ctx)
    else:
        raise ValueError(f"unknown phase {phase!s}")
    return PhaseTicks(phase, tuple(out), sample)


# -- forward ---------------------------------------------------------------------------------------
def _forward(ctx: Context, k: int, s: int) -> list[Tick]:
    net, rec = ctx.network, ctx.record
    W, v = rec.params_before[2 * (k - 1)], rec.v_out[k - 1][s]
    has_bias = net.layers[k].bias
    out: list[Tick] = []
    for j in range(net.sizes[k]):
        sources = np.flatnonzero(net.mask[k - 1][:, j])
        apart = len(sources) <= MAX_EDGES and (len(sources) > 1 or has_bias)
        if apart:
            for i in map(int, sources):
                product = float(W[i, j] * v[i])
                out.append(Tick("term", (k, i, j), product, units=((k, j),), edges=((k - 1, i, j),),
                                nodes=(product_id(k, i, j), param_id(k - 1, i, j, False), unit_id(k - 1, i)),
                                reveals=(("product", k, i, j, False),), edge_value=product))
        single = len(sources) == 1 and not apart
        one = float(W[sources[0], j] * v[sources[0]]) if single else None
        products = tuple(product_id(k, int(i), j) for i in sources) if len(sources) <= MAX_EDGES else ()
        out.append(Tick("v_in", (k, j), float(rec.v_in[k][s, j]), units=((k, j),), fan=("in", k - 1, j),
                        edges=((k - 1, int(sources[0]), j),) if single else (),
                        biases=((k, j),) if has_bias else (),
                        nodes=(v_in_id(k, j), group_sum_id(k, j)) + products
                        + ((param_id(k - 1, 0, j, True),) if has_bias else ()),
                        reveals=(("v_in", k, j, 0, False), ("weighted_sum", k, j, 0, False))
                        + (() if apart else (column("product", k, j),)), edge_value=one))
        out.append(Tick("v_out", (k, j), float(rec.v_out[k][s, j]), units=((k, j),),
                        nodes=(v_in_id(k, j), unit_id(k, j)),
                        reveals=(("v_out", k, j, 0, False), ("fprime", k, j, 0, False))))
    return out


def _loss(ctx: Context, s: int) -> Tick:
    L, n = ctx.depth, ctx.network.sizes[-1]
    return Tick("loss", (), float(ctx.record.losses[s]), units=tuple((L, j) for j in range(n)),
                nodes=(LOSS,) + tuple(term_id(j) for j in range(n)),
                reveals=(("loss", 0, 0, 0, False), ("batch_loss", 0, 0, 0, False))
                + tuple(("loss_term", 0, j, 0, False) for j in range(n)))


# -- backward --------------------------------------------------------------------------------------
def _delta_tick(ctx: Context, k: int, j: int, s: int, also: tuple[Item, ...] = ()) -> Tick:
    return Tick("delta", (k, j), float(ctx.record.delta[k][s, j]), units=((k, j),),
                nodes=(v_in_id(k, j), unit_id(k, j)),
                reveals=(("delta", k, j, 0, False), ("delta_mean", k, j, 0, False)) + also)


def _backward(ctx: Context, k: int, s: int) -> list[Tick]:
    """The error terms of layer k, unit by unit (the gradients follow: :func:`_gradients`)."""
    net, rec = ctx.network, ctx.record
    out: list[Tick] = []
    if k == net.depth:
        chain = output_form(ctx) == "chain"
        if chain:
            y, y_hat = rec.y[s:s + 1], rec.v_out[k][s:s + 1]
            g = LOSSES[ctx.loss].gradient(y, y_hat)[0]       # as the graph reads it (graph_build.py)
        for j in range(net.sizes[k]):
            dE = ("dE_dv_out", k, j, 0, False)
            if chain:
                out.append(Tick("dE_dyhat", (k, j), float(g[j]), units=((k, j),),
                                nodes=(unit_id(k, j), term_id(j)), reveals=(dE,)))
            out.append(_delta_tick(ctx, k, j, s, () if chain else (dE,)))
        return out
    W, d = rec.params_before[2 * k], rec.delta[k + 1][s]
    g = W @ d                                                   # ∂E/∂v_out^(k), as the graph computes it
    for j in range(net.sizes[k]):
        targets = np.flatnonzero(net.mask[k][j])
        apart = 1 < len(targets) <= MAX_EDGES
        if apart:
            for m in map(int, targets):
                share = float(W[j, m] * d[m])
                out.append(Tick("contribution", (k, j, m), share, units=((k, j),), edges=((k, j, m),),
                                nodes=(product_id(k + 1, j, m), v_in_id(k + 1, m)), edge_value=share))
        single = len(targets) == 1
        one = float(W[j, targets[0]] * d[targets[0]]) if single else None
        products = tuple(product_id(k + 1, j, int(m)) for m in targets) if len(targets) <= MAX_EDGES else ()
        out.append(Tick("dE_dv_out", (k, j), float(g[j]), units=((k, j),), fan=("out", k, j),
                        edges=((k, j, int(targets[0])),) if single else (), nodes=(unit_id(k, j),) + products,
                        reveals=(("dE_dv_out", k, j, 0, False),), edge_value=one))
        out.append(_delta_tick(ctx, k, j, s))
    return out


def _param_ids(net: Any, k: int, per_weight: bool) -> list[tuple[int, int, bool]]:
    """(i, j, bias) of the parameters into layer k+1 in the order they are revealed: unit by unit,
    its weights then its bias; (-1, j, False) for a whole column when not ``per_weight``."""
    out = []
    for j in range(net.sizes[k + 1]):
        if not per_weight:
            out.append((-1, j, False))
            continue
        out += [(int(i), j, False) for i in np.flatnonzero(net.mask[k][:, j])]
        if net.layers[k + 1].bias:
            out.append((0, j, True))
    return out


def _count(net: Any, k: int) -> int:
    """Present weights and biases of W^(k->k+1) and b^(k+1)."""
    return int(np.count_nonzero(net.mask[k])) + (net.sizes[k + 1] if net.layers[k + 1].bias else 0)


def _param_tick(what: str, kinds: tuple[str, ...], k: int, i: int, j: int, bias: bool, value: float) -> Tick:
    """A gradient or update tick of one parameter of W^(k->k+1), b^(k+1) (i = -1: unit j's column)."""
    if i < 0:
        return Tick(what, (k, -1, j), math.nan, whole=True, units=((k + 1, j),),
                    nodes=(v_in_id(k + 1, j),), reveals=tuple(column(kind, k, j) for kind in kinds))
    name = param_id(k, 0, j, True) if bias else param_id(k, i, j, False)
    product = () if bias else (product_id(k + 1, i, j),) if what == "gradient" else ()
    return Tick(what, (k, i, j), value, bias=bias, units=((k + 1, j),) if bias else ((k, i), (k + 1, j)),
                edges=() if bias else ((k, i, j),), biases=((k + 1, j),) if bias else (), nodes=(name,) + product,
                reveals=tuple((kind, k, i, j, bias) for kind in kinds), edge_value=value)


def _gradients(ctx: Context, k: int) -> list[Tick]:
    """∂E/∂W^(k-1->k) and ∂E/∂b^(k), parameter by parameter (per unit for a wide layer)."""
    net, rec = ctx.network, ctx.record
    fine = _count(net, k - 1) <= FINE_GRADIENTS
    dW, db = rec.dE_dW[k - 1], rec.dE_db[k - 1]
    return [_param_tick("gradient", ("grad", "contrib"), k - 1, i, j, bias,
                        float(db[j] if bias else dW[i, j]) if i >= 0 else math.nan)
            for i, j, bias in _param_ids(net, k - 1, fine)]


def _updates(ctx: Context) -> list[Tick]:
    """Δp and p' = p + Δp for every parameter, W^(0->1) first (per unit for a large network)."""
    net, rec = ctx.network, ctx.record
    fine = sum(_count(net, k) for k in range(net.depth)) <= FINE_UPDATES
    out = []
    for k in range(net.depth):
        W, b = rec.updates[2 * k], rec.updates[2 * k + 1]
        out += [_param_tick("update", ("update", "after", "state"), k, i, j, bias,
                            float(b[j] if bias else W[i, j]) if i >= 0 else math.nan)
                for i, j, bias in _param_ids(net, k, fine)]
    out[-1] = dataclasses.replace(out[-1], reveals=out[-1].reveals + (("loss_after", 0, 0, 0, False),))
    return out
