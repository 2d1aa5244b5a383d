"""Where each node of a computation graph goes: ranks side by side, nodes centred within a rank.

Pure geometry (no Qt), so a test can check it.  ``horizontal`` draws the ranks as columns
from left to right (micrograd's picture); otherwise as rows from top to bottom, which fits a
tall, narrow dock (the default place of the view, beside the step debugger).
"""
from __future__ import annotations

from backprop_studio.core.explain.graph import Graph

NODE_W, NODE_H = 78.0, 40.0      # a node's box: name, value, gradient on three lines
# distance between ranks (columns / rows) and between the nodes of one rank; top to bottom is
# tighter, so that the article's 3-2-1 network (11 ranks, 6 wide) fits the debugger's dock at 1366x768
ALONG = {True: 104.0, False: 47.0}
ACROSS = {True: 48.0, False: 82.0}


def positions(graph: Graph, horizontal: bool) -> dict[str, tuple[float, float]]:
    """The top-left corner of each node's box, for boxes of NODE_W × NODE_H."""
    ranks: dict[int, list[str]] = {}
    for node in graph.nodes.values():
        ranks.setdefault(node.rank, []).append(node.id)
    used = sorted(ranks)                 # a focused graph may leave a rank empty: close the gap
    widest = max(len(ids) for ids in ranks.values())
    out = {}
    for n, r in enumerate(used):
        ids = ranks[r]
        offset = (widest - len(ids)) * ACROSS[horizontal] / 2
        for m, node_id in enumerate(ids):
            along, across = n * ALONG[horizontal], offset + m * ACROSS[horizontal]
            out[node_id] = (along, across) if horizontal else (across, along)
    return out


def prefer_horizontal(width: float, height: float, graph: Graph) -> bool:
    """Left to right unless the room is so tall and narrow that rows give bigger boxes."""
    ranks = len({n.rank for n in graph.nodes.values()})
    widest = max(sum(1 for n in graph.nodes.values() if n.rank == r) for r in {n.rank for n in graph.nodes.values()})
    def scale(h: bool) -> float:
        w = (ranks - 1) * ALONG[h] + NODE_W if h else (widest - 1) * ACROSS[h] + NODE_W
        t = (widest - 1) * ACROSS[h] + NODE_H if h else (ranks - 1) * ALONG[h] + NODE_H
        return min(width / w, height / t)
    return scale(True) >= scale(False)
