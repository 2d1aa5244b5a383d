"""The texts of a computation-graph node: its local rule and the chain rule, with numbers.

The local rule says how a node is computed from its inputs and what its derivative is with
respect to each input (a product: ∂(a·b)/∂a = b; a sigmoid: f′ = f(1 − f), from the
activation's registry entry).  The chain rule says how the node's gradient comes from the
gradients of the nodes that use it:

    ∂E/∂a = Σ_c ∂E/∂c · ∂c/∂a = g_1 × d_1 + … = result

where the sum runs over every consumer c of ``a`` in the whole graph (also those a focused
drawing leaves out); a consumer that is a collapsed layer contributes, as one term, what flows
through its units (``Node.passes``).  The numbers are the graph's own (recorded) values; the
returned sum lets a test check that the recorded gradient obeys the chain rule.  A collapsed
layer stands for a vector: its rules say what its numbers (lengths of vectors) are, and that
expanding a unit shows that unit's rules.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import Loss
from backprop_studio.core.engine.network import Network

from .graph_ids import v_in_id
from .notation import fmt

if TYPE_CHECKING:
    from .graph import Graph, Node

MAX_SHOWN = 6      # consumers written out in a chain rule; the rest are summed into one term


def _v(x: float | None) -> str:
    """A number as the explanations write it; '?' before it is known."""
    return "?" if x is None else fmt(x)


def _f(x: float | None) -> str:
    if x is None:
        return "?"
    s = fmt(x)
    return f"({s})" if x < 0 else s


def local_rule(graph: Graph, node: Node, network: Network, loss: Loss) -> str:
    """How ``node`` is computed from its inputs, and its local derivatives, with numbers."""
    if node.value is None:
        return f"{node.text}: not computed yet in this step."
    ins = [graph.node(i) for i in node.inputs]
    op, v = node.op, _v(node.value)
    if op == "input":
        return f"{node.text} = {v}: an input of this sample (a leaf of the graph)."
    if op == "param":
        return f"{node.text} = {v}: a parameter, its value before this step's update (a leaf)."
    if op == "mul":
        w, x = ins
        return (f"{node.text} = {_f(w.value)} × {_f(x.value)} = {v}.\n"
                f"Local rule of a product: ∂(a·b)/∂a = b, so ∂({node.text})/∂{w.text} = {x.text} = {_v(x.value)} "
                f"and ∂({node.text})/∂{x.text} = {w.text} = {_v(w.value)}.")
    if op == "group":
        return _group_rule(node, ins, v)
    if op == "layer":
        return _layer_rule(node, network)
    if op in ("add", "loss"):
        return _sum_rule(node, ins, v)
    if op == "act":
        return _activation_rule(node, ins, network)
    if op == "loss_term":
        (y_hat,) = ins
        d = node.local.get(y_hat.id)
        return (f"{node.text} = {v}: output {y_hat.text}'s term of the loss {loss.name}, {loss.formula} "
                f"(E is the sum of the terms).\n"
                f"Local rule: ∂{node.text}/∂{y_hat.text} = ∂E/∂{y_hat.text}, {loss.gradient_formula} = "
                f"{fmt(d) if d is not None else '?'}.")
    raise ValueError(f"unknown node op {op!r}")


def _sum_rule(node: Node, ins: list[Node], v: str) -> str:
    """A sum of its inputs; E's terms of a collapsed output layer are summed as one term."""
    terms = [(i.text, i.value) for i in ins if i.op != "layer"]
    for i in ins:
        if i.op == "layer":     # the terms of the outputs it stands for: E minus the others
            rest = None if node.value is None or any(t is None for _, t in terms) else \
                node.value - math.fsum(t for _, t in terms if t is not None)
            terms.append((f"(the {i.count} terms of {i.text})", rest))
    more = " + …" if len(terms) > MAX_SHOWN else ""
    total = " + ".join(t for t, _ in terms[:MAX_SHOWN]) + more
    nums = " + ".join(_f(x) for _, x in terms[:MAX_SHOWN]) + more
    what = "the sum of the loss terms" if node.op == "loss" else "the sum of this unit's inputs"
    return (f"{node.text} = {total} = {nums} = {v} ({what}).\n"
            f"Local rule of a sum: ∂(a + b)/∂a = 1, for every input.")


def _group_rule(node: Node, ins: list[Node], v: str) -> str:
    assert node.unit is not None
    k, j = node.unit
    some = [i for i in ins if i.id in node.local]
    layer = next((i for i in ins if i.op == "layer"), None)
    where = ""
    if layer is not None:
        where = f" from {layer.text}" if not some else f" ({node.count - len(some)} of them from {layer.text})"
    example = (" e.g. " + ", ".join(f"∂/∂{i.text} = {fmt(node.local[i.id])}" for i in some[:3])) if some else ""
    return (f"{node.text} = {v}: the {node.count} products w·v into this unit{where}, collapsed into one node "
            f"(expand unit {j + 1} of layer {k} to draw them).\n"
            f"Local rule: ∂(Σ_i w_i·v_i)/∂v_i = w_i{example}.")


def _layer_rule(node: Node, network: Network) -> str:
    """What a collapsed layer's node stands for, and what its two numbers are."""
    k = node.layer
    assert k is not None
    what = ("inputs of this sample" if k == 0 else
            f"units of layer {k}, each computing v_in,j = Σ_i w_ij v_out,i^({k - 1}) + b_j and "
            f"v_out,j = f(v_in,j) with {network.layers[k].activation}")
    vec = "x" if k == 0 else ("ŷ" if k == network.depth else f"v_out^({k})")
    parts = [f"{node.text}: {node.count} {what}, drawn as one node. A vector has no single value: the node "
             f"shows its length ‖{vec}‖ = √(Σ_i {vec}_i²) = {_v(node.value)}"]
    if node.grad is not None:
        parts.append(f" and the length of its gradient ‖∂E/∂{vec}‖ = {fmt(node.grad)}")
    top = ", ".join(f"{'x' if k == 0 else 'unit '}{u + 1}" for u in node.top)
    parts.append(".\nExpand a unit to draw it on its own with its value, its gradient and its rules"
                 + (f" (the largest {'gradients' if node.grad is not None else 'values'}: {top})." if top else "."))
    return "".join(parts)


def _activation_rule(node: Node, ins: list[Node], network: Network) -> str:
    assert node.unit is not None       # every activation node belongs to a unit
    k, j = node.unit
    layer = network.layers[k]
    act = ACTIVATIONS[layer.activation]
    x = ins[0] if act.elementwise else next(i for i in ins if i.id == v_in_id(k, j))
    head = (f"{node.text} = f({x.text}) = f({_v(x.value)}) = {_v(node.value)}, "
            f"with {layer.activation}: {act.formula}.\n")
    if act.elementwise:
        return head + f"Local rule: {act.derivative_formula}, so f′({_v(x.value)}) = {fmt(node.local[x.id])}."
    parts = ", ".join(f"∂{node.text}/∂{i.text} = {fmt(node.local[i.id])}" for i in ins[:MAX_SHOWN])
    others = network.sizes[k] - len(ins)
    rest = f" (and the {others} units of the layer drawn as one node)" if others else ""
    return head + f"Local rule (softmax mixes its layer): {act.derivative_formula}: {parts}{rest}."


def chain_rule(graph: Graph, node: Node) -> tuple[str, float | None]:
    """(the chain-rule line for ``node``'s gradient, its sum); ('', None) before it is known."""
    if node.grad is None:
        return "", None
    if node.op == "loss":
        return f"{node.grad_text} = 1 (the root of the graph).", 1.0
    if node.op == "layer":
        return (f"Unit by unit, ∂E/∂v_i = Σ_c ∂E/∂c · ∂c/∂v_i over the nodes c that use v_i; the node shows "
                f"the length of that vector, {fmt(node.grad)}. Expand a unit for its chain rule with numbers."), None
    terms = [_term(graph.node(c), node) for c in graph.consumers(node.id)]
    if not terms or any(t is None for t in terms):
        return "", None
    known = [t for t in terms if t is not None]
    total = math.fsum(value for _, _, value in known)
    symbols = " + ".join(sym for sym, _, _ in known[:MAX_SHOWN])
    numbers = " + ".join(num for _, num, _ in known[:MAX_SHOWN])
    if len(known) > MAX_SHOWN:
        symbols += f" + … ({len(known) - MAX_SHOWN} more)"
        numbers += f" + {_f(math.fsum(value for _, _, value in known[MAX_SHOWN:]))}"
    return f"{node.grad_text} = {symbols} = {numbers} = {_v(node.grad)}", total


def _term(c: Node, node: Node) -> tuple[str, str, float] | None:
    """(symbols, numbers, value) of consumer ``c``'s term in ``node``'s chain rule; None while
    a number it needs is unknown."""
    if c.op == "layer":
        share = c.passes.get(node.id)
        if share is None:
            return None
        return (f"Σ_(j in {c.text}) ∂E/∂v_in,j · ∂v_in,j/∂{_paren(node)}", _f(share), share)
    g, d = c.grad, c.local.get(node.id)
    if g is None or d is None:
        return None
    return f"{c.grad_text} · ∂{_paren(c)}/∂{_paren(node)}", f"{_f(g)} × {_f(d)}", g * d


def _paren(node: Node) -> str:
    return f"({node.text})" if node.op in ("mul", "group") else node.text
