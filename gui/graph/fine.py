"""Fine stepping on the computation graph: the tick's nodes lit, what is not revealed yet not known.

Fine stepping (``studio.fine``, :mod:`core.explain.fine`) reveals a phase a unit at a time.  The
graph asks the same question as the debugger and the editor, through the keys
:func:`core.lessons.hiding.node_keys` gives each node's value and gradient: a number the phase
has not revealed yet is drawn as not computed (the graph's rule for a phase not run).  The
tick's nodes are lit; where the drawing collapsed them, the Σ node of the unit's products or the
node of the collapsed layer is lit instead.
"""
from __future__ import annotations

import dataclasses
import re

from backprop_studio.core.explain.fine_cursor import Reveal
from backprop_studio.core.explain.graph import Graph, Node
from backprop_studio.core.explain.graph_ids import group_sum_id, layer_id
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.lessons.hiding import node_keys

_PRODUCT = re.compile(r"mul(\d+)_(\d+)_(\d+)$")
_UNIT = re.compile(r"v(?:in|out)(\d+)_(\d+)$")


def revealed(reveal: Reveal | None, node: Node, sample: int) -> Node:
    """``node`` as fine stepping shows it: without the value or gradient not revealed yet."""
    if reveal is None:
        return node
    value_key, grad_key = node_keys(node, sample)
    hide_v = node.value is not None and isinstance(value_key, Ref) and reveal.hides(value_key)
    hide_g = node.grad is not None and isinstance(grad_key, Ref) and reveal.hides(grad_key)
    if not (hide_v or hide_g):
        return node
    return dataclasses.replace(node, value=None if hide_v else node.value, grad=None if hide_g else node.grad)


def lit_nodes(reveal: Reveal | None, g: Graph) -> set[str]:
    """The drawn nodes the tick on show lights (see the module docstring)."""
    if reveal is None:
        return set()
    out = set()
    for node_id in reveal.tick.nodes:
        if node_id not in g.nodes and (m := _PRODUCT.match(node_id)):
            node_id = group_sum_id(int(m[1]), int(m[3]))
        if node_id not in g.nodes and (m := _UNIT.match(node_id)):
            node_id = layer_id(int(m[1]))
        if node_id in g.nodes:
            out.add(node_id)
    return out
