"""Where each node of a computation graph goes, and how much of a graph fits legibly.

Pure geometry (no Qt), so a test can check it.  Ranks are placed side by side and the nodes of
a rank centred within it.  ``horizontal`` draws the ranks as columns from left to right
(micrograd's picture); otherwise as rows from top to bottom, which fits a tall, narrow dock
(the default place of the view, beside the step debugger).

**Legible** means the text of a node is at least :data:`MIN_TEXT_PX` pixels high on screen
when the whole graph is fitted to the view: ``FONT_PX × fitted scale ≥ MIN_TEXT_PX``.  The
view draws the most detailed graph that is legible (:func:`legible`), collapsing more
(:func:`core.explain.graph.coarser`) where that is what it takes.
"""
from __future__ import annotations

from typing import Any

from backprop_studio.core.explain.graph import Detail, Graph, build_graph, coarser

NODE_W, NODE_H = 82.0, 42.0      # a node's box: name, value, gradient on three lines
FONT_PX = 11.0                   # the text of a node, in scene units (pixels at scale 1)
MIN_TEXT_PX = 9.0                # legible: at least this many screen pixels at the fitted scale
MAX_FIT_SCALE = 1.25             # a small graph is not blown up past this when fitted
MARGIN = 6.0                     # around the nodes, in scene units
FIT_PAD = 2.0                    # pixels left free at each side of the view when fitted
# distance between ranks (columns / rows) and between the nodes of one rank; top to bottom is
# tighter, so that the article's 3-2-1 network (11 ranks, 6 wide) fits the debugger's dock at 1366x768
ALONG = {True: NODE_W + 26.0, False: NODE_H + 7.0}
ACROSS = {True: NODE_H + 7.0, False: NODE_W + 4.0}
STRETCH = {True: 1.6, False: 2.4}   # ranks may spread up to this × ALONG where the room allows


def _ranks(graph: Graph) -> dict[int, list[str]]:
    ranks: dict[int, list[str]] = {}
    for node in graph.nodes.values():
        ranks.setdefault(node.rank, []).append(node.id)
    return ranks


def positions(graph: Graph, horizontal: bool, along: float | None = None) -> dict[str, tuple[float, float]]:
    """The top-left corner of each node's box, for boxes of NODE_W × NODE_H, ranks ``along``
    apart (default ALONG)."""
    step = ALONG[horizontal] if along is None else along
    ranks = _ranks(graph)
    used = sorted(ranks)                 # a focused graph may leave a rank empty: close the gap
    widest = max(len(ids) for ids in ranks.values())
    out = {}
    for n, r in enumerate(used):
        ids = ranks[r]
        offset = (widest - len(ids)) * ACROSS[horizontal] / 2
        for m, node_id in enumerate(ids):
            a, b = n * step, offset + m * ACROSS[horizontal]
            out[node_id] = (a, b) if horizontal else (b, a)
    return out


def extent(graph: Graph, horizontal: bool) -> tuple[float, float]:
    """(width, height) of the drawing, margins included."""
    ranks = _ranks(graph)
    n, widest = len(ranks), max(len(ids) for ids in ranks.values())
    along = (n - 1) * ALONG[horizontal] + (NODE_W if horizontal else NODE_H)
    across = (widest - 1) * ACROSS[horizontal] + (NODE_H if horizontal else NODE_W)
    w, h = (along, across) if horizontal else (across, along)
    return w + 2 * MARGIN, h + 2 * MARGIN


def spread(graph: Graph, horizontal: bool, view_w: float, view_h: float) -> float:
    """The distance between ranks that uses the room a fitted drawing leaves along its ranks
    (when the width of the ranks or MAX_FIT_SCALE sets the scale), so that edges get length;
    between ALONG and STRETCH × ALONG.  The fitted scale stays what :func:`best_fit` said."""
    n = len(_ranks(graph))
    if n < 2:
        return ALONG[horizontal]
    scale = fit_scale(view_w, view_h, *extent(graph, horizontal))
    room = ((view_w if horizontal else view_h) - 2 * FIT_PAD) / scale
    length = extent(graph, horizontal)[0 if horizontal else 1]
    along = ALONG[horizontal] + max(0.0, room - length) / (n - 1)
    return min(along, STRETCH[horizontal] * ALONG[horizontal])


def bounds(pos: dict[str, tuple[float, float]]) -> tuple[float, float, float, float]:
    """(x, y, width, height) around boxes at ``pos``, margins included."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return (min(xs) - MARGIN, min(ys) - MARGIN, max(xs) - min(xs) + NODE_W + 2 * MARGIN,
            max(ys) - min(ys) + NODE_H + 2 * MARGIN)


def fit_scale(view_w: float, view_h: float, width: float, height: float) -> float:
    """The scale that shows a ``width`` × ``height`` drawing whole in a view, at most MAX_FIT_SCALE."""
    return max(1e-3, min((view_w - 2 * FIT_PAD) / width, (view_h - 2 * FIT_PAD) / height, MAX_FIT_SCALE))


def best_fit(graph: Graph, view_w: float, view_h: float) -> tuple[bool, float]:
    """(horizontal, fitted scale): the orientation that draws ``graph`` biggest in the view
    (left to right when both are equal)."""
    scales = {h: fit_scale(view_w, view_h, *extent(graph, h)) for h in (True, False)}
    horizontal = scales[True] >= scales[False]
    return horizontal, scales[horizontal]


def legible(scale: float) -> bool:
    """Whether a node's text is at least MIN_TEXT_PX high at ``scale``."""
    return FONT_PX * scale >= MIN_TEXT_PX - 1e-9


def plan_detail(ctx: Any, sample: int, focus: int | None, expand: list[tuple[int, int]], view_w: float,
                view_h: float) -> tuple[Detail, bool, bool, list[tuple[int, int]]]:
    """(detail, horizontal, collapsed for the room, expansions the item cap left out): the most
    detailed graph of ``ctx`` (a core.explain Context) whose text is legible when the whole graph
    is fitted to a ``view_w`` × ``view_h`` view, or the coarsest when none is.  Planned on the
    structure alone (no numbers are read)."""
    rec, net = ctx.record, ctx.network
    details = [Detail()] + coarser(net)
    left_out: list[tuple[int, int]] = []
    for d in details:
        g = build_graph(rec, net, ctx.loss, sample, focus, expand, d.max_weights, max_units=d.max_units,
                        values=False, rules=False)
        if g.left_out:                    # over the cap: give those up once, not for every detail
            left_out += g.left_out
            expand = [u for u in expand if u not in g.left_out]
        horizontal, scale = best_fit(g, max(1.0, view_w), max(1.0, view_h))
        if legible(scale):
            break
    return d, horizontal, d != details[0], left_out
