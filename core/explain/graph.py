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

**Collapse: the graph stays small at any width** (:class:`Detail`).  Two rules, each drawing
fewer, bigger nodes:

- a layer with more than ``max_weights`` weights into it draws each unit's products and
  weights as one group node Σ_i w_ij v_i (op ``group``);
- a layer with more than ``max_units`` units, the input layer included, is drawn as one node
  standing for its units (op ``layer``, id ``layer{k}``: x₁…x₇₈₄).  A vector has no single
  value: that node's value is the length ‖v_out^(k)‖ of its units' outputs for the sample (‖x‖
  for the inputs) and its gradient the length ‖∂E/∂v_out^(k)‖ of their gradients.  An edge
  into or out of it stands for every connection of its units.

``expand`` lists units (k, j) drawn in full all the same (k = 0: input x_j): the unit gets its
own nodes, and its products w_ij·v_i are drawn for every source i drawn on its own (the
others stay one Σ node).  ``focus`` = an output unit keeps only what that output's term
depends on.  Whatever the choices, at most ``max_items`` nodes and edges are drawn: the
detail is coarsened, then the earliest expansions are left out, and the graph lists what it collapsed or
left out, so the view can say so.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from backprop_studio.core.engine.losses import LOSSES, Loss
from backprop_studio.core.engine.network import Network
from backprop_studio.core.engine.regularisation import NONE, Regularisation

from . import graph_ids as ids
from .graph_build import Node, build_nodes
from .graph_rules import chain_rule, local_rule
from .refs import Ref

__all__ = ["MAX_ITEMS", "MAX_UNITS", "MAX_WEIGHTS", "OPS", "Detail", "Graph", "Node", "build_graph", "coarser",
           "node_id_for", "units_for"]

OPS = ("input", "param", "mul", "add", "act", "loss_term", "loss", "group", "layer")
MAX_WEIGHTS = 12     # weights into a layer drawn one by one; more are collapsed per unit
MAX_UNITS = 16       # units of a layer drawn one by one; more are drawn as one node
MAX_ITEMS = 1000     # nodes + edges drawn at most, whatever is expanded
WORK = 4             # a build stops past WORK × max_items items (a focus may then draw fewer)
PARAM_KINDS = ("param", "grad", "contrib", "update", "after", "state")


@dataclass(frozen=True)
class Detail:
    """How much of a network the graph draws scalar by scalar (see the module docstring)."""

    max_weights: int = MAX_WEIGHTS
    max_units: int = MAX_UNITS


def coarser(network: Network, detail: Detail = Detail()) -> list[Detail]:
    """The details after ``detail``, each drawing less than the one before: every unit's
    products as one Σ node, then the widest layer still drawn unit by unit as one node, and
    so on down to layers of one unit."""
    out = []
    weights = min(detail.max_weights, 0)
    if weights < detail.max_weights:
        out.append(Detail(weights, detail.max_units))
    for width in sorted({n for n in network.sizes if 1 < n <= detail.max_units}, reverse=True):
        out.append(Detail(weights, width - 1))
    return out


@dataclass
class Graph:
    """The drawn nodes in drawing order (by rank), and what was collapsed or left out.

    ``collapsed``: units drawn with their products as one Σ node; ``layers``: k → how many
    units of layer k one ``layer`` node stands for; ``left_out``: expansions not drawn, to keep
    to ``max_items``.  ``network`` and ``loss`` are what the rules are written from.
    """

    nodes: dict[str, Node]
    sample: int
    batch: int
    phases_done: int
    collapsed: list[tuple[int, int]] = field(default_factory=list)
    focus: int | None = None
    notes: list[str] = field(default_factory=list)
    layers: dict[int, int] = field(default_factory=dict)
    left_out: list[tuple[int, int]] = field(default_factory=list)
    detail: Detail = Detail()
    max_items: int = MAX_ITEMS
    network: Network | None = None
    loss: Loss | None = None
    _users: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _all: dict[str, Node] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        """Who uses each node, built once in one pass over the edges (so :meth:`consumers` is
        a lookup); over every node built, also those a focused drawing then leaves out."""
        users: dict[str, list[str]] = {}
        for n in self.nodes.values():
            for a in n.inputs:
                users.setdefault(a, []).append(n.id)
        self._users, self._all = users, dict(self.nodes)

    def node(self, node_id: str) -> Node:
        """Any node built, also one a focused drawing leaves out."""
        return self._all[node_id]

    def edges(self) -> list[tuple[str, str]]:
        """(input id, node id) for every edge between drawn nodes."""
        return [(a, n.id) for n in self.nodes.values() for a in n.inputs if a in self.nodes]

    def consumers(self, node_id: str) -> list[str]:
        """The nodes that take ``node_id`` as an input (drawn or left out by a focus)."""
        return self._users.get(node_id, [])

    @property
    def items(self) -> int:
        """Nodes plus edges: what a drawing of the graph holds."""
        return len(self.nodes) + len(self.edges())

    @property
    def ranks(self) -> int:
        return 1 + max(n.rank for n in self.nodes.values())

    def explain(self, node_id: str) -> Node:
        """``node_id``'s node with its local rule and chain rule written (once)."""
        node = self.nodes[node_id]
        if not node.rule and self.network is not None and self.loss is not None:
            node.rule = local_rule(self, node, self.network, self.loss)
            node.chain, node.chain_value = chain_rule(self, node)
        return node

    def summary(self) -> str:
        """What the drawing leaves out, in one line ('' when it shows everything)."""
        parts = []
        if self.collapsed:
            layers = sorted({k for k, _ in self.collapsed})
            parts.append(f"{len(self.collapsed)} unit(s) of layer(s) {', '.join(map(str, layers))} collapsed: "
                         "their products w·v are drawn as one Σ node each (choose a unit to expand it)")
        if self.layers:
            wide = [f"{n} input(s)" if k == 0 else f"{n} unit(s) of layer {k}" for k, n in sorted(self.layers.items())]
            parts.append(f"one node stands for {_and(wide)} (choose a unit to draw it on its own)")
        if self.focus is not None:
            parts.append(f"only output {self.focus + 1}'s path is drawn")
        if self.left_out:
            parts.append(f"{len(self.left_out)} earlier expansion(s) not drawn: the graph draws at most "
                         f"{self.max_items} nodes and edges")
        return "; ".join(parts)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def build_graph(record: Any, network: Network, loss: str | Loss, sample: int = 0, focus: int | None = None,
                expand: Iterable[tuple[int, int]] = (), max_weights: int = MAX_WEIGHTS,
                regularisation: Regularisation = NONE, max_units: int = MAX_UNITS, max_items: int = MAX_ITEMS,
                values: bool = True, rules: bool = True) -> Graph:
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
        Units drawn in full even when their layer is collapsed (k = 0: an input), in the
        order they were asked for: when not all fit in ``max_items``, the earliest are left out.
    max_weights, max_units : int
        The :class:`Detail` to start from (it is coarsened when the graph would be too big).
    regularisation : Regularisation
        Only for the note that ∂E/∂w here is the data loss's.
    max_items : int
        At most this many nodes plus edges.
    values : bool
        False: the structure only (ids, names, ranks, edges; every value None), cheap, for a
        view to plan its layout.
    rules : bool
        Write every node's local rule and chain rule now; else :meth:`Graph.explain` writes
        one node's when it is asked for.
    """
    entry = LOSSES[loss] if isinstance(loss, str) else loss
    if not 0 <= sample < len(record.x):
        raise ValueError(f"sample {sample + 1} is not in this batch of {len(record.x)}")
    if focus is not None and not 0 <= focus < network.sizes[-1]:
        raise ValueError(f"output {focus + 1} does not exist: the network has {network.sizes[-1]} output(s)")
    wanted = list(dict.fromkeys((int(k), int(j)) for k, j in expand
                                if 0 <= k <= network.depth and 0 <= j < network.sizes[k]))
    detail, kept = Detail(max_weights, max_units), wanted
    built = build_nodes(record, network, entry, sample, max_weights, max_units, kept, focus, values,
                        WORK * max_items)
    if built is None or _drawn_items(built.nodes, focus) > max_items:
        detail, kept = _within(record, network, entry, sample, detail, wanted, focus, max_items)
        built = build_nodes(record, network, entry, sample, detail.max_weights, detail.max_units, kept, focus,
                            values)
    assert built is not None       # (built without a limit)
    graph = Graph(built.nodes, sample, len(record.x), record.phases_done, built.collapsed, focus,
                  _notes(len(record.x), sample, regularisation), built.layers,
                  [u for u in wanted if u not in kept], detail, max_items, network, entry)
    if rules and values:
        for node_id in graph.nodes:
            graph.explain(node_id)
    if focus is not None:
        _keep_path(graph, ids.term_id(focus))
    return graph


def _within(record: Any, network: Network, loss: Loss, sample: int, detail: Detail,
            wanted: list[tuple[int, int]], focus: int | None, max_items: int) -> tuple[Detail, list[tuple[int, int]]]:
    """The detail and the expansions that keep a drawing within ``max_items``: the first detail
    (from ``detail`` on, coarser and coarser) whose graph fits without expansions, then the
    most recent expansions that still fit (the latest asked for is what the learner wants to
    see).  Counted on the structure alone, in O(log n) builds for n expansions (two when one
    expansion too many was asked for)."""
    def items(d: Detail, expand: list[tuple[int, int]]) -> float:
        built = build_nodes(record, network, loss, sample, d.max_weights, d.max_units, expand, focus, False,
                            WORK * max_items)
        return math.inf if built is None else _drawn_items(built.nodes, focus)

    details = [detail] + coarser(network, detail)
    chosen = next((d for d in details if items(d, []) <= max_items), details[-1])
    n = len(wanted)

    def fit(m: int) -> bool:              # do the last m expansions fit?
        return m == 0 or items(chosen, wanted[n - m:]) <= max_items

    if fit(n):
        return chosen, wanted
    # the usual case is one expansion too many: look just below n first, then halve the gap
    fits, over, step = 0, n, 1
    while n - step > 0:
        if fit(n - step):
            fits = n - step
            break
        over, step = n - step, 2 * step
    while over - fits > 1:
        mid = (fits + over) // 2
        fits, over = (mid, over) if fit(mid) else (fits, mid)
    return chosen, wanted[n - fits:]


def _drawn_items(nodes: dict[str, Node], focus: int | None) -> int:
    """Nodes plus edges a drawing of ``nodes`` holds (after the focus, when there is one)."""
    kept = _path(nodes, ids.term_id(focus)) if focus is not None else nodes.keys()
    return len(kept) + sum(1 for n in kept for a in nodes[n].inputs if a in kept)


def _notes(batch: int, s: int, regularisation: Regularisation) -> list[str]:
    notes = []
    if batch > 1:
        notes.append(f"The batch has {batch} samples; this is sample {s + 1}'s graph. Its root is E[{s + 1}], "
                     f"that sample's loss, so every gradient is ∂E[{s + 1}]/∂·. At a weight that is the "
                     f"sample's share; the step's ∂E/∂w is the mean of the {batch} shares.")
    if regularisation.active:
        notes.append("The graph draws the data loss; the step's ∂E/∂w also adds the regularisation's "
                     "λ₁ sign(w) + λ₂ w.")
    return notes


def _path(nodes: dict[str, Node], root: str) -> set[str]:
    """``root``, every node it depends on, and E."""
    keep, todo = set(), [root]
    while todo:
        n = todo.pop()
        if n not in keep and n in nodes:
            keep.add(n)
            todo += list(nodes[n].inputs)
    keep.add(ids.LOSS)
    return keep


def _keep_path(graph: Graph, root: str) -> None:
    """Drop every node ``root`` does not depend on (E stays, with only ``root`` as input).
    The consumers stay indexed over every node built, so a chain rule still sums them all."""
    keep = _path(graph.nodes, root)
    graph.nodes = {k: v for k, v in graph.nodes.items() if k in keep}


def node_id_for(ref: Ref, network: Network) -> str | None:
    """The id of the node that shows ``ref`` (a debugger value), or None when no node does.

    Unit values map to their sum or activation node, parameter values (before, ∂E/∂, share,
    update, after, state) to the parameter's node, a loss to E.  In a collapsed drawing the
    node is there once :func:`units_for` are expanded.
    """
    k, kind = ref.layer, ref.kind
    if kind == "x" or (kind in ("v_in", "v_out", "fprime") and k == 0):
        return ids.unit_id(0, ref.i)
    if kind in ("v_in", "delta", "delta_mean"):
        return ids.v_in_id(k, ref.i)
    if kind in ("v_out", "fprime"):
        return ids.unit_id(k, ref.i)
    if kind in ("loss", "batch_loss", "loss_after"):
        return ids.LOSS
    if kind in PARAM_KINDS:
        if k >= network.depth:
            return None
        return ids.param_id(k, ref.i, ref.j, ref.bias)
    return None


def units_for(ref: Ref) -> list[tuple[int, int]]:
    """The units (k, j) to expand so that ``ref``'s node is drawn however much is collapsed:
    its unit, and for a weight w_ij^(k+1) also its source unit i of layer k (k = 0: an input)."""
    k, kind = ref.layer, ref.kind
    if kind == "x" or (kind in ("v_in", "v_out", "fprime") and k == 0):
        return [(0, ref.i)]
    if kind in ("v_in", "delta", "delta_mean", "v_out", "fprime"):
        return [(k, ref.i)]
    if kind in PARAM_KINDS:
        return [(k + 1, ref.j)] if ref.bias else [(k + 1, ref.j), (k, ref.i)]
    return []
