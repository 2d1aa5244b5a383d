"""The texts of a computation-graph node: its local rule and the chain rule, with numbers.

The local rule says how a node is computed from its inputs and what its derivative is with
respect to each input (a product: ∂(a·b)/∂a = b; a sigmoid: f′ = f(1 − f), from the
activation's registry entry).  The chain rule says how the node's gradient comes from the
gradients of the nodes that use it:

    ∂E/∂a = Σ_c ∂E/∂c · ∂c/∂a = g_1 × d_1 + … = result

where the sum runs over every consumer c of ``a`` in the whole graph (also those a collapsed
or focused drawing leaves out).  The numbers are the graph's own (recorded) values; the
returned sum lets a test check that the recorded gradient obeys the chain rule.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import Loss
from backprop_studio.core.engine.network import Network

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
    ins = [graph.nodes[i] for i in node.inputs]
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
        return (f"{node.text} = {v}: the {len(ins)} products w·v into this unit, collapsed into one node.\n"
                f"Local rule: ∂(Σ_i w_i·v_i)/∂v_i = w_i, e.g. "
                + ", ".join(f"∂/∂{i.text} = {fmt(node.local[i.id])}" for i in ins[:3]) + ".")
    if op in ("add", "loss"):
        total = " + ".join(i.text for i in ins[:MAX_SHOWN]) + (" + …" if len(ins) > MAX_SHOWN else "")
        nums = " + ".join(_f(i.value) for i in ins[:MAX_SHOWN]) + (" + …" if len(ins) > MAX_SHOWN else "")
        what = "the sum of the loss terms" if op == "loss" else "the sum of this unit's inputs"
        return (f"{node.text} = {total} = {nums} = {v} ({what}).\n"
                f"Local rule of a sum: ∂(a + b)/∂a = 1, for every input.")
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


def _activation_rule(node: Node, ins: list[Node], network: Network) -> str:
    assert node.unit is not None       # every activation node belongs to a unit
    k, j = node.unit
    layer = network.layers[k]
    act = ACTIVATIONS[layer.activation]
    x = ins[0] if act.elementwise else ins[j]
    head = (f"{node.text} = f({x.text}) = f({_v(x.value)}) = {_v(node.value)}, "
            f"with {layer.activation}: {act.formula}.\n")
    if act.elementwise:
        return head + f"Local rule: {act.derivative_formula}, so f′({_v(x.value)}) = {fmt(node.local[x.id])}."
    parts = ", ".join(f"∂{node.text}/∂{i.text} = {fmt(node.local[i.id])}" for i in ins[:MAX_SHOWN])
    return head + f"Local rule (softmax mixes its layer): {act.derivative_formula}: {parts}."


def chain_rule(graph: Graph, node: Node) -> tuple[str, float | None]:
    """(the chain-rule line for ``node``'s gradient, its sum); ('', None) before it is known."""
    if node.grad is None:
        return "", None
    if node.op == "loss":
        return f"{node.grad_text} = 1 (the root of the graph).", 1.0
    users = [graph.nodes[c] for c in graph.consumers(node.id)]
    maybe = [(c.grad, c.local.get(node.id)) for c in users]
    pairs = [(g, d) for g, d in maybe if g is not None and d is not None]
    if not users or len(pairs) < len(maybe):
        return "", None
    total = math.fsum(g * d for g, d in pairs)
    shown = users[:MAX_SHOWN]
    symbols = " + ".join(f"{c.grad_text} · ∂{_paren(c)}/∂{_paren(node)}" for c in shown)
    numbers = " + ".join(f"{_f(g)} × {_f(d)}" for g, d in pairs[:MAX_SHOWN])
    if len(users) > MAX_SHOWN:
        rest = math.fsum(g * d for g, d in pairs[MAX_SHOWN:])
        symbols += f" + … ({len(users) - MAX_SHOWN} more)"
        numbers += f" + {_f(rest)}"
    return f"{node.grad_text} = {symbols} = {numbers} = {_v(node.grad)}", total


def _paren(node: Node) -> str:
    return f"({node.text})" if node.op in ("mul", "group") else node.text
