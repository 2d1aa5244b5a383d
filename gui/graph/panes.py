"""The texts around the graph: the status line above it, and under it the selected node's
numbers, local rule and chain rule.

Numbers in the rule pane's header go through :mod:`gui.graph.texts`; a hidden value hides the
rules that state it, a hidden gradient the chain rule that computes it.  A collapsed layer's
text offers its most telling units (largest gradient) as links that draw them on their own.
"""
from __future__ import annotations

import html
from typing import Any

from backprop_studio.core.engine.naming import html_of_text
from backprop_studio.core.explain.graph import Graph, Node
from backprop_studio.core.training.position import DONE, NOT_STARTED, Position
from backprop_studio.gui.language import tr
from backprop_studio.gui.studio import VIEW_LINK

from . import texts

EXPAND_LINK = "expand:"    # expand:K:J draws unit J of layer K on its own (0-based)


def status_html(ctx: Any, g: Graph, collapsed_for_room: bool, dropped: int, at: Position) -> str:
    """Where the step stands (``at``, the one rule of core/training/position.py), which sample,
    and what the drawing collapsed or left out."""
    detail = {NOT_STARTED: tr("the inputs and parameters are known; F11 runs the next phase"),
              DONE: tr("every value and gradient of this step is known")}.get(at.state, "")
    text = f"<b>{html.escape(at.text(tr))}</b>" + (f": {detail}." if detail else ".")
    if ctx.batch > 1:
        text += " " + tr("Sample {n} of {batch}: gradients are ∂E[{n}]/∂·, this sample's share (the step's "
                         "∂E/∂w is their mean).").format(n=g.sample + 1, batch=ctx.batch)
    summary = g.summary()
    if summary:
        text += " " + html.escape(summary[0].upper() + summary[1:], quote=False) + "."
    if collapsed_for_room:
        text += " " + tr("Collapsed further to stay legible at this size: widen the dock, or expand a unit.")
    if dropped:
        text += " " + tr("{dropped} earlier expansion(s) were collapsed again: the graph draws at most "
                         "{most} nodes and edges.").format(dropped=dropped, most=g.max_items)
    if ctx.regularisation.active:
        text += " " + tr("Data loss only (regularisation is not drawn).")
    return text


def rule_html(node: Node, g: Graph, value_hidden: bool, grad_hidden: bool) -> str:
    lines = [texts.header_html(node, value_hidden, grad_hidden)]
    if value_hidden:
        lines.append("<p><i>" + tr("This value is hidden for now.") + "</i></p>")
    else:
        lines.append(_para(node.rule))
    if grad_hidden:
        lines.append(tr("<p><b>Exercise:</b> predict this gradient with the chain rule, type it below and "
                        "press Check.</p>"))
    elif node.chain and not value_hidden:
        lines.append("<p><b>" + tr("Chain rule:") + "</b> " + html_of_text(node.chain) + "</p>")
    if node.op == "layer" and node.top and node.layer is not None:
        k = node.layer
        links = ", ".join(f'<a href="{EXPAND_LINK}{k}:{u}">{_unit_html(g, k, u)}</a>' for u in node.top)
        lines.append("<p>" + tr("Draw one on its own: {links}, or choose any with the box above.").format(links=links)
                     + "</p>")
    if node.ref is not None or node.grad_ref is not None:
        lines.append(f'<p><a href="{VIEW_LINK}stepDebugger">' + tr("Show this value in the Step Debugger")
                     + "</a></p>")
    if node.op == "param" and g.batch > 1:
        lines.append("<p><i>" + tr("This is sample {n}'s share of the gradient; the step's ∂E/∂{name} is the "
                                   "mean of the {batch} shares.").format(n=g.sample + 1, name=node.html,
                                                                         batch=g.batch) + "</i></p>")
    return "".join(lines)


def _unit_html(g: Graph, k: int, u: int) -> str:
    if k == 0:
        return f"x<sub>{u + 1}</sub>"
    if g.network is not None and k == g.network.depth:
        return f"ŷ<sub>{u + 1}</sub>"
    return f"v<sub>out,{u + 1}</sub><sup>({k})</sup>"


def _para(text: str) -> str:
    return "<p>" + html_of_text(text).replace("\n", "<br>") + "</p>"
