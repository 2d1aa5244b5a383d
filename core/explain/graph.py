"""The computation graph of one sample: every scalar operation of a training step as a node.

micrograd's picture of backpropagation, drawn for the network the app trains: the inputs
x_i and the parameters w_ij^(k), b_j^(k) are leaves; each weight times the value it carries
is a product node (mul); the products and the bias add up to v_in,j^(k) (add); the
activation makes v_out,j^(k) (act; ŷ_j at the output); the loss splits into one term per
output (loss_term) and E is their sum (loss).  Every node holds its forward value and its
gradient ∂E/∂node, both read from the engine's :class:`~core.training.records.StepRecord`
(never recomputed by a second engine):

    value of x, w, b, v_in, v_out   the record (x, params_before, v_in, v_out)
    value of a product w·v          w × v of those recorded numbers
    value of a loss term, of E      the loss's ``terms`` of the recorded output; E = record.losses[s]
    ∂E/∂v_in,j^(k) (an add node)    δ_j^(k)[s], the recorded error term
    ∂E/∂(w_ij·v_i), ∂E/∂b_j         δ_j^(k)[s]: a sum passes its gradient to every input
    ∂E/∂w_ij^(k)                    v_out,i^(k-1)[s] δ_j^(k)[s], the debugger's "contrib" value
    ∂E/∂v_out,i^(k) (k < L), ∂E/∂x  Σ_j w_ij δ_j^(k+1)[s]
    ∂E/∂ŷ_j                         the loss's gradient dE/dŷ_j of the recorded output

**Which E.** A batch of B samples has the loss E = 1/B Σ_s E[s].  The graph is drawn for one
sample s and its root is that sample's loss E[s] (E itself when B = 1); every gradient is
∂E[s]/∂node.  At a parameter that is the sample's *share*, the value the debugger calls
∂E/∂w[s] (``Ref("contrib")``): the step's ∂E/∂w (``dE_dW``) is the mean of the B shares,
so for B = 1 the parameter nodes show ``dE_dW`` / ``dE_db`` themselves.  The graph draws the
data loss only: with L1/L2 regularisation the step's ∂E/∂w adds λ₁ sign(w) + λ₂ w.

**When a number becomes known** (so stepping lights the graph up): ``value_phase`` and
``grad_phase`` are counts of phases done (``record.phases_done``).  Leaves are known before the
step (0); forward layer k fills the values of layer k (its products, sums and activations);
the loss fills the loss terms and E; backward layer k fills the gradients of layer k's
nodes and of the parameters into it; the inputs' gradients come with backward layer 1.

**Collapse.** A layer with more than ``max_weights`` weights into it draws each unit's
products and weights as one group node Σ_i w_ij v_i, unless the unit is in ``expand``;
``focus`` = an output unit keeps only what that output's term depends on.  The graph lists
what it collapsed or left out, so the view can say so.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import LOSSES, Loss
from backprop_studio.core.engine.naming import param_name
from backprop_studio.core.engine.network import Network
from backprop_studio.core.engine.regularisation import NONE, Regularisation

from .graph_rules import chain_rule, local_rule
from .notation import Sym
from .refs import Ref

OPS = ("input", "param", "mul", "add", "act", "loss_term", "loss", "group")
MAX_WEIGHTS = 12     # weights into a layer drawn one by one; more are collapsed per unit


@dataclass
class Node:
    """One scalar of the computation.

    ``rank`` is the column of the layered drawing (inputs 0, then per layer k: parameters,
    products, sums, activations; the loss terms; E).  ``local`` maps each input's id to
    ∂self/∂input.  ``unit`` = (k, j): the unit whose subgraph the node belongs to (expandable).
    ``ref`` / ``grad_ref``: the debugger's value for the node's value / gradient, if it has one.
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


@dataclass
class Graph:
    """The nodes in drawing order (by rank), and what was collapsed or left out."""

    nodes: dict[str, Node]
    sample: int
    batch: int
    phases_done: int
    collapsed: list[tuple[int, int]] = field(default_factory=list)   # units drawn as one group node
    focus: int | None = None
    notes: list[str] = field(default_factory=list)

    def edges(self) -> list[tuple[str, str]]:
        """(input id, node id) for every edge between drawn nodes."""
        return [(a, n.id) for n in self.nodes.values() for a in n.inputs if a in self.nodes]

    def consumers(self, node_id: str) -> list[str]:
        return [n.id for n in self.nodes.values() if node_id in n.inputs]

    @property
    def ranks(self) -> int:
        return 1 + max(n.rank for n in self.nodes.values())

    def summary(self) -> str:
        """What the drawing leaves out, in one line ('' when it shows everything)."""
        parts = []
        if self.collapsed:
            layers = sorted({k for k, _ in self.collapsed})
            parts.append(f"{len(self.collapsed)} unit(s) of layer(s) {', '.join(map(str, layers))} collapsed: "
                         "their products w·v are drawn as one Σ node each (choose a unit to expand it)")
        if self.focus is not None:
            parts.append(f"only output {self.focus + 1}'s path is drawn")
        return "; ".join(parts)


def _names(sym: Sym) -> tuple[str, str]:
    return sym.render("text"), sym.render("html")


def _grad_names(sym: Sym) -> tuple[str, str]:
    return _names(Sym(sym.base, sym.idx, sym.layer, sym.sample, wrap="dE", label=sym.label))


class _Builder:
    """Builds the nodes of :func:`build_graph` from the record's arrays for sample ``s``."""

    def __init__(self, record: Any, network: Network, loss: Loss, s: int) -> None:
        self.rec, self.net, self.loss, self.s = record, network, loss, s
        self.L = network.depth
        self.B = len(record.x)
        self.smp = s + 1 if self.B > 1 else None
        self.done = record.phases_done
        self.W = record.params_before[0::2]
        self.b = record.params_before[1::2]
        self.nodes: dict[str, Node] = {}

    # -- when numbers are known --------------------------------------------------------------
    def forward_phase(self, k: int) -> int:
        return k

    @property
    def loss_phase(self) -> int:
        return self.L + 1

    def backward_phase(self, k: int) -> int:
        return 2 * self.L + 2 - k

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
        return node

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
        for i in range(self.net.sizes[0]):
            grad = None
            if self.known(self.backward_phase(1)):
                grad = float(self.grad_v_out(0)[i])
            self.add(self.unit_node(0, i, id=f"x{i}", op="input", rank=0, value=float(self.rec.x[self.s, i]),
                                    grad=grad, grad_phase=self.backward_phase(1),
                                    ref=Ref("x", 0, i, 0, self.s)))

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
            id=f"b{k}_{j}" if bias else f"w{k}_{i}_{j}", op="param", text=text, html=html, rank=4 * k + 1,
            value=float(self.b[k][j] if bias else self.W[k][i, j]), grad=grad, grad_phase=gp,
            ref=Ref("param", k, i, j, bias=bias), grad_ref=Ref(grad_kind, k, i, j, self.s, bias),
            unit=(k + 1, j), grad_text=f"∂E/∂{text}{sfx}", grad_html=f"∂E/∂{html}{sfx}"))

    def layer(self, k: int, collapse: bool, expand: set[tuple[int, int]]) -> list[tuple[int, int]]:
        """The nodes that compute layer k from layer k-1; returns the units collapsed."""
        net, fp, bp = self.net, self.forward_phase(k), self.backward_phase(k)
        fwd, bwd = self.known(fp), self.known(bp)
        prev = [f"x{i}" if k == 1 else f"vout{k - 1}_{i}" for i in range(net.sizes[k - 1])]
        collapsed = []
        for j in range(net.sizes[k]):
            d = float(self.delta(k)[j]) if bwd else None
            into = [i for i in range(net.sizes[k - 1]) if net.mask[k - 1][i, j]]
            terms: list[str] = []
            if collapse and (k, j) not in expand:
                collapsed.append((k, j))
                terms.append(self.group(k, j, into, prev, d).id)
            else:
                for i in into:
                    terms.append(self.product(k, i, j, prev[i], d).id)
            if net.layers[k].bias:
                terms.append(self.param(k - 1, 0, j, True).id)
            sym = Sym("v_in", (j + 1,), k, self.smp)
            text, html = _names(sym)
            gt, gh = _grad_names(sym)
            self.add(Node(f"vin{k}_{j}", "add", text, html, 4 * k - 1, tuple(terms),
                          float(self.v_in(k)[j]) if fwd else None, d, fp, bp,
                          local={t: 1.0 for t in terms}, ref=Ref("v_in", k, j, 0, self.s),
                          grad_ref=Ref("delta", k, j, 0, self.s), unit=(k, j), grad_text=gt, grad_html=gh))
        self.activations(k, fwd, bwd)
        return collapsed

    def product(self, k: int, i: int, j: int, source: str, d: float | None) -> Node:
        w = self.param(k - 1, i, j, False)
        v = self.nodes[source]
        text, html = f"{w.text}·{v.text}", f"{w.html}·{v.html}"
        value, local = None, {}
        if self.known(self.forward_phase(k)) and w.value is not None and v.value is not None:
            value, local = w.value * v.value, {w.id: v.value, source: w.value}
        return self.add(Node(f"mul{k}_{i}_{j}", "mul", text, html, 4 * k - 2, (w.id, source), value, d,
                             self.forward_phase(k), self.backward_phase(k), local, unit=(k, j),
                             grad_text=f"∂E/∂({text})", grad_html=f"∂E/∂({html})"))

    def group(self, k: int, j: int, into: list[int], prev: list[str], d: float | None) -> Node:
        """Σ_i w_ij v_i for unit j of layer k, with the weights folded in (∂/∂v_i = w_ij)."""
        v = "x" if k == 1 else f"v_out,i^({k - 1})"
        vh = "x<sub>i</sub>" if k == 1 else f"v<sub>out,i</sub><sup>({k - 1})</sup>"
        text = f"Σ_i w_i{j + 1}^({k})·{v}"
        html = f"Σ<sub>i</sub> w<sub>i{j + 1}</sub><sup>({k})</sup>·{vh}"
        value, local = None, {}
        if self.known(self.forward_phase(k)):
            value = float(sum(self.W[k - 1][i, j] * self.v_out(k - 1)[i] for i in into))
            local = {prev[i]: float(self.W[k - 1][i, j]) for i in into}
        return self.add(Node(f"sum{k}_{j}", "group", text, html, 4 * k - 2, tuple(prev[i] for i in into), value,
                             d, self.forward_phase(k), self.backward_phase(k), local, unit=(k, j),
                             grad_text=f"∂E/∂({text})", grad_html=f"∂E/∂({html})"))

    def activations(self, k: int, fwd: bool, bwd: bool) -> None:
        layer, n = self.net.layers[k], self.net.sizes[k]
        act = ACTIVATIONS[layer.activation]
        gp = self.backward_phase(k)
        g = self.grad_v_out(k) if bwd else np.zeros(n)     # read only when bwd
        if fwd:
            v_in, v_out = self.rec.v_in[k][self.s:self.s + 1], self.rec.v_out[k][self.s:self.s + 1]
            slope = act.derivative(v_in, v_out, layer.activation_param)[0]
            y = v_out[0]
        for j in range(n):
            inputs = tuple(f"vin{k}_{i}" for i in range(n)) if not act.elementwise else (f"vin{k}_{j}",)
            local = {}
            if fwd and act.elementwise:
                local = {inputs[0]: float(slope[j])}
            elif fwd:   # softmax: ∂ŷ_j/∂v_in,i = ŷ_j (1[i=j] − ŷ_i)
                local = {f"vin{k}_{i}": float(y[j] * ((i == j) - y[i])) for i in range(n)}
            self.add(self.unit_node(k, j, id=f"vout{k}_{j}", op="act", rank=4 * k, inputs=inputs,
                                    value=float(y[j]) if fwd else None, grad=float(g[j]) if bwd else None,
                                    value_phase=self.forward_phase(k), grad_phase=gp, local=local,
                                    ref=Ref("v_out", k, j, 0, self.s), unit=(k, j)))

    def loss_nodes(self) -> None:
        L, lp = self.L, self.loss_phase
        known = self.known(lp)
        out = self.net.layers[-1]
        rank = 4 * L + 1
        terms = grads = np.zeros(self.net.sizes[L])     # read only when known
        if known:
            s = slice(self.s, self.s + 1)
            terms = self.loss.terms(self.rec.y[s], self.rec.v_out[L][s], self.rec.v_in[L][s],
                                    ACTIVATIONS[out.activation])[0]
            grads = self.grad_v_out(L)
        ids = []
        for j in range(self.net.sizes[L]):
            sym = Sym("E", (j + 1,), sample=self.smp)
            text, html = _names(sym)
            gt, gh = _grad_names(sym)
            ids.append(self.add(Node(
                f"term{j}", "loss_term", text, html, rank, (f"vout{L}_{j}",),
                float(terms[j]) if known else None, 1.0 if known else None, lp, lp,
                {f"vout{L}_{j}": float(grads[j])} if known else {}, unit=(L, j),
                grad_text=gt, grad_html=gh)).id)
        sym = Sym("E", sample=self.smp)
        text, html = _names(sym)
        self.add(Node("E", "loss", text, html, rank + 1, tuple(ids),
                      float(self.rec.losses[self.s]) if known else None, 1.0 if known else None, lp, lp,
                      {t: 1.0 for t in ids} if known else {}, ref=Ref("loss", 0, 0, 0, self.s),
                      grad_text=f"∂{text}/∂{text}", grad_html=f"∂{html}/∂{html}"))


def build_graph(record: Any, network: Network, loss: str | Loss, sample: int = 0, focus: int | None = None,
                expand: Iterable[tuple[int, int]] = (), max_weights: int = MAX_WEIGHTS,
                regularisation: Regularisation = NONE) -> Graph:
    """The computation graph of sample ``sample`` of ``record`` (a StepRecord, maybe part-done).

    Parameters
    ----------
    record : StepRecord
        The step; values and gradients it has not computed yet are None.
    network : Network
        The structure the record was computed with (activations, biases, mask).
    loss : str or Loss
        The loss's registry name or entry.
    sample : int
        The batch position s (0-based) whose graph is drawn.
    focus : int, optional
        An output unit j (0-based): keep only the nodes its loss term depends on, and E.
    expand : iterable of (k, j)
        Units of layer k drawn in full even when their layer is collapsed.
    max_weights : int
        Layers with more weights than this into them are collapsed per unit.
    regularisation : Regularisation
        Only for the note that ∂E/∂w here is the data loss's.
    """
    entry = LOSSES[loss] if isinstance(loss, str) else loss
    if not 0 <= sample < len(record.x):
        raise ValueError(f"sample {sample + 1} is not in this batch of {len(record.x)}")
    if focus is not None and not 0 <= focus < network.sizes[-1]:
        raise ValueError(f"output {focus + 1} does not exist: the network has {network.sizes[-1]} output(s)")
    b = _Builder(record, network, entry, sample)
    b.inputs()
    expand_set = {(int(u[0]), int(u[1])) for u in expand}
    collapsed: list[tuple[int, int]] = []
    for k in range(1, network.depth + 1):
        many = int(network.mask[k - 1].sum()) > max_weights
        collapsed += b.layer(k, many, expand_set)
    b.loss_nodes()
    nodes = dict(sorted(b.nodes.items(), key=lambda kv: kv[1].rank))
    graph = Graph(nodes, sample, b.B, record.phases_done, collapsed, focus, _notes(b, regularisation))
    for node in nodes.values():
        node.rule = local_rule(graph, node, network, entry)
        node.chain, node.chain_value = chain_rule(graph, node)
    if focus is not None:
        _keep_path(graph, f"term{focus}")
    return graph


def _notes(b: _Builder, regularisation: Regularisation) -> list[str]:
    notes = []
    if b.B > 1:
        notes.append(f"The batch has {b.B} samples; this is sample {b.s + 1}'s graph. Its root is E[{b.s + 1}], "
                     f"that sample's loss, so every gradient is ∂E[{b.s + 1}]/∂·. At a weight that is the "
                     f"sample's share; the step's ∂E/∂w is the mean of the {b.B} shares.")
    if regularisation.active:
        notes.append("The graph draws the data loss; the step's ∂E/∂w also adds the regularisation's "
                     "λ₁ sign(w) + λ₂ w.")
    return notes


def _keep_path(graph: Graph, root: str) -> None:
    """Drop every node ``root`` does not depend on (E stays, with only ``root`` as input)."""
    keep, todo = set(), [root]
    while todo:
        n = todo.pop()
        if n not in keep:
            keep.add(n)
            todo += list(graph.nodes[n].inputs)
    keep.add("E")
    graph.nodes = {k: v for k, v in graph.nodes.items() if k in keep}


def node_id_for(ref: Ref, network: Network) -> str | None:
    """The id of the node that shows ``ref`` (a debugger value), or None when no node does.

    Unit values map to their sum or activation node, parameter values (before, ∂E/∂, share,
    update, after, state) to the parameter's node, a loss to E.
    """
    k, kind = ref.layer, ref.kind
    if kind == "x" or (kind in ("v_in", "v_out", "fprime") and k == 0):
        return f"x{ref.i}"
    if kind in ("v_in", "delta", "delta_mean"):
        return f"vin{k}_{ref.i}"
    if kind in ("v_out", "fprime"):
        return f"vout{k}_{ref.i}"
    if kind in ("loss", "batch_loss", "loss_after"):
        return "E"
    if kind in ("param", "grad", "contrib", "update", "after", "state"):
        if k >= network.depth:
            return None
        return f"b{k}_{ref.j}" if ref.bias else f"w{k}_{ref.i}_{ref.j}"
    return None
