"""The one place where the graph view turns a node's numbers into text.

Every text the view shows for a value or a gradient (a node's box, its tooltip, the header of
the rule pane) is made here, from the node and two flags the view decides in one place each
(:meth:`ComputationGraph.value_hidden`, :meth:`ComputationGraph.grad_hidden`): a hidden number
is written "?", a number not computed yet "…" (a value) or nothing (a gradient).  A rule that
hides numbers (exercise mode today, an open lesson question tomorrow) changes those two
methods and nothing else.
"""
from __future__ import annotations

from backprop_studio.core.engine.naming import unicode_of_text
from backprop_studio.core.explain.graph import Node
from backprop_studio.core.explain.notation import fmt
from backprop_studio.gui.language import tr

HIDDEN = "?"
GRAD_PREFIX = "∂E: "


def value_text(node: Node, hidden: bool) -> str:
    """The node's value ('…' before it is computed); for a collapsed layer its length ‖v‖."""
    if node.value is None:
        return "…"
    return HIDDEN if hidden else fmt(node.value)


def grad_text(node: Node, hidden: bool) -> str:
    """The node's gradient ∂E/∂node ('' before it is computed); for a collapsed layer ‖∂E/∂v‖."""
    if node.grad is None:
        return ""
    return HIDDEN if hidden else fmt(node.grad)


def count_text(node: Node) -> str:
    """What a collapsed layer's node stands for: '784 inputs', '128 units'."""
    if node.layer == 0:
        text = tr("{n} input") if node.count == 1 else tr("{n} inputs")
    else:
        text = tr("{n} unit") if node.count == 1 else tr("{n} units")
    return text.format(n=node.count)


def box_lines(node: Node, value_hidden: bool, grad_hidden: bool) -> tuple[str, str]:
    """The second and third line of a node's box: its value and its gradient.  A collapsed
    layer shows how many units it stands for and the length of their gradient."""
    grad = grad_text(node, grad_hidden)
    if node.op == "layer":
        return count_text(node), f"‖∂E‖ {grad}" if grad else ""
    return value_text(node, value_hidden), GRAD_PREFIX + grad if grad else ""


def tooltip(node: Node, value_hidden: bool, grad_hidden: bool) -> str:
    value, grad = value_text(node, value_hidden), grad_text(node, grad_hidden)
    if node.op == "layer":
        lines = [tr("{name}: {count} drawn as one node").format(name=node.text, count=count_text(node)),
                 f"‖·‖ = {value}"]
        lines += [f"{node.grad_text} = {grad}"] if grad else []
        return "\n".join(lines + [tr("Click to choose a unit to draw on its own")])
    lines = [f"{node.text} = {value}"] + ([f"{node.grad_text} = {grad}"] if grad else [])
    return "\n".join(lines + [tr("Click for its local rule and the chain rule")])


def header_html(node: Node, value_hidden: bool, grad_hidden: bool) -> str:
    """The first line of the rule pane: the node's name, value and gradient."""
    if node.value is None:
        value = tr("not computed yet")
    else:
        value = value_text(node, value_hidden)
    if node.op == "layer":
        head = f"<b>{node.html}</b>: " + tr("{count} · length {value}").format(count=count_text(node), value=value)
    else:
        head = f"<b>{node.html}</b> = {value}"
    grad = grad_text(node, grad_hidden)
    return head + (f" · {node.grad_html} = <b>{grad}</b>" if grad else "")


def spoken(node: Node, value_hidden: bool, grad_hidden: bool) -> str:
    """The node as one line for a screen reader: its name, value and gradient (``tooltip``'s
    lines), names written as the editor says them (w₁₁⁽¹⁾, not w_11^(1))."""
    return unicode_of_text(", ".join(tooltip(node, value_hidden, grad_hidden).split("\n")[:-1]))
