"""The nodes of a computation graph, built from a step record (:func:`build_nodes`).

:mod:`core.explain.graph` says what the nodes mean and when they are collapsed; this module
makes them.  Everything is read from the record's arrays for one sample s; the work is
proportional to what is drawn (an open unit reads its column of W once; a collapsed layer
is one vector norm), never to the number of connections of a wide layer.  With
``values=False`` nothing is read at all (every phase counts as not done): the structure
alone, for counting and layout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import Loss
from backprop_studio.core.engine.naming import incoming_weight_name, param_name
from backprop_studio.core.engine.network import Network
from backprop_studio.core.training.records import Phase

from . import graph_ids as ids
from .notation import Sym
from .phases import phase_number
from .refs import Ref

TOP = 5      # units a collapsed layer names as worth expanding


@dataclass
class Node:
    """One scalar of the computation (or, for op ``layer``, the units of a collapsed layer).

    ``rank`` is the column of the layered drawing (inputs 0, then per layer k: parameters,
    products, sums, activations; the loss terms; E).  ``local`` maps each input's id to
    ∂self/∂input.  ``unit`` = (k, j): the unit whose subgraph the node belongs to (expandable).
    ``ref`` / ``grad_ref``: the debugger's value for the node's value / gradient, if it has one.
    A ``layer`` node has ``layer`` = k, ``count`` = how many units it stands for, ``top`` = the
    (at most 5) of them with the largest |∂E/∂v_out| (largest |v_out| before that is known) and
    ``passes``: for each input drawn on its own, the part of that input's gradient that flows
    through the collapsed units, Σ_(j collapsed) ∂E/∂v_in,j · ∂v_in,j/∂input.  A ``group`` node's
    ``count`` is the number of products w·v it sums.
    """

    id: str
    op: str
    text: str
    html: str
    rank: int
    inputs: tuple[str, ...] = ()
    value: float | None = None
    grad: float | None = None
    value_phase: int = 0
    grad_phase: int = 0
    local: dict[str, float] = field(default_factory=dict)
    ref: Ref | None = None
    grad_ref: Ref | None = None
    unit: tuple[int, int] | None = None
    grad_text: str = ""
    grad_html: str = ""
    rule: str = ""
    chain: str = ""
    chain_value: float | None = None
    layer: int | None = None
    count: int = 0
    top: tuple[int, ...] = ()
    passes: dict[str, float] = field(default_factory=dict)


@dataclass
class Built:
    """What :func:`build_nodes` made: the nodes by rank, the units drawn with one Σ node for
    their products, and k → how many units of layer k a ``layer`` node stands for."""

    nodes: dict[str, Node]
    collapsed: list[tuple[int, int]]
    layers: dict[int, int]


class _TooBig(Exception):
    """The graph has more items than the builder may make (its work is bounded)."""


def build_nodes(record: Any, network: Network, loss: Loss, s: int, max_weights: int, max_units: int,
                expand: list[tuple[int, int]], focus: int | None, values: bool = True,
                limit: int | None = None) -> Built | None:
    """The nodes of sample ``s``'s graph (see :func:`core.explain.graph.build_graph`); None as
    soon as they would hold more than ``limit`` nodes plus inputs (so the work stays bounded)."""
    b = _Builder(record, network, loss, s, max_units, expand, focus, values, limit)
    collapsed: list[tuple[int, int]] = []
    try:
        b.inputs()
        for k in range(1, network.depth + 1):
            fold = int(np.count_nonzero(network.mask[k - 1])) > max_weights
            collapsed += b.layer(k, fold)
        b.loss_nodes()
    except _TooBig:
        return None
    nodes = dict(sorted(b.nodes.items(), key=lambda kv: kv[1].rank))
    return Built(nodes, collapsed, {k: len(c) for k, c in enumerate(b.closed) if len(c)})


def _names(sym: Sym) -> tuple[str, str]:
    return sym.render("text"), sym.render("html")


def _grad_names(sym: Sym) -> tuple[str, str]:
    return _names(Sym(sym.base, sym.idx, sym.layer, sym.sample, wrap="dE", label=sym.label))


def _others(n: int, shown: list[int]) -> np.ndarray:
    """The units of a layer of ``n`` not in ``shown``, in order."""
    keep = np.ones(n, dtype=bool)
    keep[shown] = False
    return np.flatnonzero(keep)


def _largest(a: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` largest entries of ``a``, largest first, in O(len(a)) (not a sort)."""
    some = np.argpartition(-a, n - 1)[:n] if len(a) > n else np.arange(len(a))
    return some[np.lexsort((some, -a[some]))]


def _norm(v: np.ndarray) -> float:
    return float(np.sqrt(np.dot(v, v)))


class _Builder:
    """Builds the nodes from the record's arrays for sample ``s``."""

    def __init__(self, record: Any, network: Network, loss: Loss, s: int, max_units: int,
                 expand: list[tuple[int, int]], focus: int | None, values: bool, limit: int | None) -> None:
        self.rec, self.net, self.loss, self.s = record, network, loss, s
        self.limit, self.items = limit, 0
        self.L = network.depth
        self.B = len(record.x)
        self.smp = s + 1 if self.B > 1 else None
        self.done = record.phases_done if values else -1
        self.W = record.params_before[0::2]
        self.b = record.params_before[1::2]
        self.nodes: dict[str, Node] = {}
        self.expanded = set(expand) | ({(self.L, focus)} if focus is not None else set())
        sizes = network.sizes
        # units drawn on their own (sorted), and the rest of each layer (one `layer` node)
        self.open = [list(range(n)) if n <= max_units else sorted(j for kk, j in self.expanded if kk == k)
                     for k, n in enumerate(sizes)]
        self.closed = [_others(n, o) if n > max_units else np.arange(0) for n, o in zip(sizes, self.open)]

    # -- when numbers are known --------------------------------------------------------------
    # the phase that computes each number, counted as in record.phases_done (core.explain.phases)
    def forward_phase(self, k: int) -> int:
        return phase_number(Phase("forward", k) if k > 0 else None, self.L)    # layer 0: the input x

    @property
    def loss_phase(self) -> int:
        return phase_number(Phase("loss"), self.L)

    def backward_phase(self, k: int) -> int:
        return phase_number(Phase("backward", k), self.L)

    def known(self, phase: int) -> bool:
        return self.done >= phase

    # -- recorded arrays for sample s --------------------------------------------------------
    def v_in(self, k: int) -> np.ndarray:
        return self.rec.v_in[k][self.s]

    def v_out(self, k: int) -> np.ndarray:
        return self.rec.v_out[k][self.s]

    def delta(self, k: int) -> np.ndarray:
        return self.rec.delta[k][self.s]

    def grad_v_out(self, k: int) -> np.ndarray:
        """∂E[s]/∂v_out^(k): the loss's gradient at the output, Σ_j w_ij δ_j^(k+1) below it."""
        if k == self.L:
            y, y_hat = self.rec.y[self.s:self.s + 1], self.rec.v_out[k][self.s:self.s + 1]
            return self.loss.gradient(y, y_hat)[0]
        return self.W[k] @ self.delta(k + 1)

    # -- nodes ----------------------------------------------------------------------------------
    def add(self, node: Node) -> Node:
        self.nodes[node.id] = node
        self.items += 1 + len(node.inputs)
        if self.limit is not None and self.items > self.limit:
            raise _TooBig
        return node

    def unit_id(self, k: int, j: int) -> str:
        return ids.unit_id(k, j)

    def unit_sym(self, k: int, j: int) -> Sym:
        if k == 0:
            return Sym("x", (j + 1,), sample=self.smp)
        if k == self.L:
            return Sym("yhat", (j + 1,) if self.net.sizes[-1] > 1 else (), sample=self.smp)
        return Sym("v_out", (j + 1,), k, self.smp)

    def unit_node(self, k: int, j: int, **kw: Any) -> Node:
        sym = self.unit_sym(k, j)
        text, html = _names(sym)
        gt, gh = _grad_names(sym)
        return Node(text=text, html=html, grad_text=gt, grad_html=gh, **kw)

    def inputs(self) -> None:
        for i in self.open[0]:
            grad = None
            if self.known(self.backward_phase(1)):
                grad = float(self.grad_v_out(0)[i])
            value = float(self.rec.x[self.s, i]) if self.known(0) else None
            self.add(self.unit_node(0, i, id=ids.unit_id(0, i), op="input", rank=0, value=value,
                                    grad=grad, grad_phase=self.backward_phase(1),
                                    ref=Ref("x", 0, i, 0, self.s)))
        if len(self.closed[0]):
            self.layer_node(0)

    def param(self, k: int, i: int, j: int, bias: bool) -> Node:
        """w_(i+1)(j+1)^(k+1) = W[k][i, j] or b_(j+1)^(k+1) = b[k][j]."""
        gp = self.backward_phase(k + 1)
        grad = None
        if self.known(gp):
            d = self.delta(k + 1)[j]
            grad = float(d if bias else self.v_out(k)[i] * d)
        text, html = param_name(k, i, j, bias), param_name(k, i, j, bias, "html")
        sfx = f"[{self.smp}]" if self.smp else ""
        grad_kind = "grad" if self.B == 1 else "contrib"
        return self.add(Node(
            id=ids.param_id(k, i, j, bias), op="param", text=text, html=html, rank=4 * k + 1,
            value=float(self.b[k][j] if bias else self.W[k][i, j]) if self.known(0) else None, grad=grad,
            grad_phase=gp, ref=Ref("param", k, i, j, bias=bias), grad_ref=Ref(grad_kind, k, i, j, self.s, bias),
            unit=(k + 1, j), grad_text=f"∂E/∂{text}{sfx}", grad_html=f"∂E/∂{html}{sfx}"))

    def layer(self, k: int, fold: bool) -> list[tuple[int, int]]:
        """The nodes that compute layer k from layer k-1; returns the units collapsed into Σ nodes.

        ``fold``: the layer has too many weights to draw, so a unit's products w_ij·v_i are drawn
        only when the unit is expanded, and then only from the sources drawn on their own."""
        net, fp, bp = self.net, self.forward_phase(k), self.backward_phase(k)
        fwd, bwd = self.known(fp), self.known(bp)
        mask = net.mask[k - 1]
        collapsed = []
        for j in self.open[k]:
            d = float(self.delta(k)[j]) if bwd else None
            full = not fold or (k, j) in self.expanded
            drawn = [i for i in self.open[k - 1] if mask[i, j]] if full else []
            terms = [self.product(k, i, j, d).id for i in drawn]
            rest = np.setdiff1d(np.flatnonzero(mask[:, j]), drawn)
            if len(rest):
                shown = [i for i in self.open[k - 1] if mask[i, j] and i not in drawn]
                terms.append(self.group(k, j, rest, shown, d).id)
            if not full:
                collapsed.append((k, j))
            if net.layers[k].bias:
                terms.append(self.param(k - 1, 0, j, True).id)
            sym = Sym("v_in", (j + 1,), k, self.smp)
            text, html = _names(sym)
            gt, gh = _grad_names(sym)
            self.add(Node(ids.v_in_id(k, j), "add", text, html, 4 * k - 1, tuple(terms),
                          float(self.v_in(k)[j]) if fwd else None, d, fp, bp,
                          local={t: 1.0 for t in terms}, ref=Ref("v_in", k, j, 0, self.s),
                          grad_ref=Ref("delta", k, j, 0, self.s), unit=(k, j), grad_text=gt, grad_html=gh))
        self.activations(k, fwd, bwd)
        if len(self.closed[k]):
            self.layer_node(k)
        return collapsed

    def product(self, k: int, i: int, j: int, d: float | None) -> Node:
        w = self.param(k - 1, i, j, False)
        source = self.unit_id(k - 1, i)
        v = self.nodes[source]
        text, html = f"{w.text}·{v.text}", f"{w.html}·{v.html}"
        value, local = None, {}
        if self.known(self.forward_phase(k)) and w.value is not None and v.value is not None:
            value, local = w.value * v.value, {w.id: v.value, source: w.value}
        return self.add(Node(ids.product_id(k, i, j), "mul", text, html, 4 * k - 2, (w.id, source), value, d,
                             self.forward_phase(k), self.backward_phase(k), local, unit=(k, j),
                             grad_text=f"∂E/∂({text})", grad_html=f"∂E/∂({html})"))

    def group(self, k: int, j: int, rest: np.ndarray, shown: list[int], d: float | None) -> Node:
        """Σ_i w_ij v_i over the sources ``rest`` of unit j of layer k, with the weights folded
        in (∂/∂v_i = w_ij); one edge from each source drawn on its own (``shown``), one from
        the layer node for the others."""
        v = "x" if k == 1 else f"v_out,i^({k - 1})"
        vh = "x<sub>i</sub>" if k == 1 else f"v<sub>out,i</sub><sup>({k - 1})</sup>"
        text = f"Σ_i {incoming_weight_name(k - 1, j)}·{v}"
        html = f"Σ<sub>i</sub> {incoming_weight_name(k - 1, j, 'html')}·{vh}"
        inputs = tuple(self.unit_id(k - 1, i) for i in shown)
        if len(shown) < len(rest):
            inputs += (ids.layer_id(k - 1),)
        value, local = None, {}
        if self.known(self.forward_phase(k)):
            value = float(self.W[k - 1][rest, j] @ self.v_out(k - 1)[rest])
            local = {self.unit_id(k - 1, i): float(self.W[k - 1][i, j]) for i in shown}
        return self.add(Node(ids.group_sum_id(k, j), "group", text, html, 4 * k - 2, inputs, value,
                             d, self.forward_phase(k), self.backward_phase(k), local, unit=(k, j),
                             grad_text=f"∂E/∂({text})", grad_html=f"∂E/∂({html})", count=len(rest)))

    def activations(self, k: int, fwd: bool, bwd: bool) -> None:
        layer, shown = self.net.layers[k], self.open[k]
        act = ACTIVATIONS[layer.activation]
        gp = self.backward_phase(k)
        g = self.grad_v_out(k) if bwd else None
        if fwd:
            v_in, v_out = self.rec.v_in[k][self.s:self.s + 1], self.rec.v_out[k][self.s:self.s + 1]
            slope = act.derivative(v_in, v_out, layer.activation_param)[0]
            y = v_out[0]
        for j in shown:
            inputs = tuple(ids.v_in_id(k, i) for i in shown) if not act.elementwise else (ids.v_in_id(k, j),)
            local = {}
            if fwd and act.elementwise:
                local = {inputs[0]: float(slope[j])}
            elif fwd:   # softmax: ∂ŷ_j/∂v_in,i = ŷ_j (1[i=j] − ŷ_i)
                local = {ids.v_in_id(k, i): float(y[j] * ((i == j) - y[i])) for i in shown}
            self.add(self.unit_node(k, j, id=ids.unit_id(k, j), op="act", rank=4 * k, inputs=inputs,
                                    value=float(y[j]) if fwd else None,
                                    grad=float(g[j]) if g is not None else None,
                                    value_phase=self.forward_phase(k), grad_phase=gp, local=local,
                                    ref=Ref("v_out", k, j, 0, self.s), unit=(k, j)))

    def layer_node(self, k: int) -> None:
        """One node for the units of layer k not drawn on their own (see :class:`Node`)."""
        C, n = self.closed[k], self.net.sizes[k]
        fp, gp = self.forward_phase(k), self.backward_phase(max(k, 1))
        fwd, bwd = self.known(fp), self.known(gp)
        v = self.v_out(k)[C] if fwd else None
        g = self.grad_v_out(k)[C] if bwd else None
        by = g if g is not None else v
        top = tuple(int(u) for u in C[_largest(np.abs(by), TOP)]) if by is not None else ()
        inputs: list[str] = []
        passes: dict[str, float] = {}
        if k > 0:
            inputs, passes = self._into_layer_node(k, C)
        sfx = f"[{self.smp}]" if self.smp else ""
        if k == 0 or k == self.L:
            base = "x" if k == 0 else "ŷ"
            text, html = f"{base}_1…{base}_{n}{sfx}", f"{base}<sub>1</sub>…{base}<sub>{n}</sub>{sfx}"
        else:
            text, html = _names(Sym("v_out", (f"1…{n}",), k, self.smp))
        self.add(Node(ids.layer_id(k), "layer", text, html, 4 * k, tuple(inputs),
                      _norm(v) if v is not None else None, _norm(g) if g is not None else None, fp, gp,
                      grad_text=f"‖∂E/∂{text}‖", grad_html=f"‖∂E/∂{html}‖", layer=k, count=len(C), top=top,
                      passes=passes))

    def _into_layer_node(self, k: int, C: np.ndarray) -> tuple[list[str], dict[str, float]]:
        """The inputs of layer k's node and, once δ^(k) is known, what each input drawn on its
        own passes through it: Σ_(j in C) w_ij δ_j (a softmax output's v_in,j: −ŷ_j Σ_(i in C) g_i ŷ_i)."""
        mask, rows, cols = self.net.mask[k - 1], self.open[k - 1], self.open[k]
        bwd = self.known(self.backward_phase(k))
        inputs, passes = [], {}
        # connections between the two collapsed parts: all, less those of a unit drawn on its own
        between = (np.count_nonzero(mask) - np.count_nonzero(mask[rows]) - np.count_nonzero(mask[:, cols])
                   + np.count_nonzero(mask[np.ix_(rows, cols)]))
        if len(self.closed[k - 1]) and between:
            inputs.append(ids.layer_id(k - 1))
        for i in rows:
            if np.count_nonzero(mask[i]) > np.count_nonzero(mask[i, cols]):
                uid = self.unit_id(k - 1, i)
                inputs.append(uid)
                if bwd:
                    passes[uid] = float(self.W[k - 1][i, C] @ self.delta(k)[C])
        if not ACTIVATIONS[self.net.layers[k].activation].elementwise:
            y, g = self.v_out(k) if bwd else None, self.grad_v_out(k) if bwd else None
            for j in self.open[k]:
                inputs.append(ids.v_in_id(k, j))
                if y is not None and g is not None:
                    passes[ids.v_in_id(k, j)] = float(-y[j] * (g[C] @ y[C]))
        return inputs, passes

    def loss_nodes(self) -> None:
        L, lp = self.L, self.loss_phase
        known = self.known(lp)
        out = self.net.layers[-1]
        rank = 4 * L + 1
        terms = grads = None
        if known:
            s = slice(self.s, self.s + 1)
            terms = self.loss.terms(self.rec.y[s], self.rec.v_out[L][s], self.rec.v_in[L][s],
                                    ACTIVATIONS[out.activation])[0]
            grads = self.grad_v_out(L)
        inputs = []
        for j in self.open[L]:
            sym = Sym("E", (j + 1,), sample=self.smp)
            text, html = _names(sym)
            gt, gh = _grad_names(sym)
            inputs.append(self.add(Node(
                ids.term_id(j), "loss_term", text, html, rank, (ids.unit_id(L, j),),
                float(terms[j]) if terms is not None else None, 1.0 if known else None, lp, lp,
                {ids.unit_id(L, j): float(grads[j])} if grads is not None else {}, unit=(L, j),
                grad_text=gt, grad_html=gh)).id)
        local = {t: 1.0 for t in inputs}
        if len(self.closed[L]):
            inputs.append(ids.layer_id(L))
        sym = Sym("E", sample=self.smp)
        text, html = _names(sym)
        self.add(Node(ids.LOSS, "loss", text, html, rank + 1, tuple(inputs),
                      float(self.rec.losses[self.s]) if known else None, 1.0 if known else None, lp, lp,
                      local if known else {}, ref=Ref("loss", 0, 0, 0, self.s),
                      grad_text=f"∂{text}/∂{text}", grad_html=f"∂{html}/∂{html}"))
