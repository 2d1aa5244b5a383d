"""The picture of a worked example: the network with the values of one sample, as an SVG.

The figure the article would draw beside its worked example: layers as columns of circles,
each circle holding the unit's output v_out (the input x for layer 0) with its error term
δ underneath, and each connection labelled with its weight w_ij^(k) before the update.
The output units also show their target y, and the caption the loss E of the sample.

It is plain SVG text written with the standard library (no Qt, no scripts, no links), so
the Markdown can reference it as a file and the HTML can inline it.  Wide layers are capped
at :data:`MAX_UNITS` circles plus a "+N more" note; weights are written on the connections
only while a pair of layers has at most :data:`MAX_LABELLED` of them (beyond that the labels
would cover each other and the text of the example lists every weight anyway).
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from backprop_studio.core.engine.naming import bias_name, weight_name

from .context import Context
from .notation import fmt

MAX_UNITS = 8        # circles drawn per layer; the rest are summarised as "+N more"
MAX_LABELLED = 8     # connections between two layers that still get their weight written
_R = 28              # circle radius
_COL, _ROW = 240, 92  # distance between layers, between units
_TOP, _LEFT = 70, 70


def _xy(k: int, j: int, shown: list[int]) -> tuple[float, float]:
    """Centre of unit j of layer k; the columns are centred vertically on the tallest one."""
    tallest = max(shown)
    y = _TOP + (j + (tallest - shown[k]) / 2) * _ROW
    return _LEFT + k * _COL, y


def _text(x: float, y: float, s: str, size: int = 12, weight: str = "normal", fill: str = "#202020",
          anchor: str = "middle") -> str:
    # a white halo behind the glyphs keeps a label legible where it crosses a line: the text is
    # written twice, outlined in white and then plain (paint-order is not understood everywhere)
    at = f'x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}"'
    return (f'<text {at} fill="#ffffff" stroke="#ffffff" stroke-width="3">{escape(s)}</text>'
            f'<text {at} fill="{fill}">{escape(s)}</text>')


def network_svg(ctx: Context, sample: int = 0, standalone: bool = True) -> str:
    """The network of ``ctx`` with the values of batch position ``sample`` (0-based), as SVG.

    Parameters
    ----------
    ctx : Context
        A complete step (see :func:`core.explain.context_for`).
    sample : int
        Which sample of the batch the unit values are drawn for.
    standalone : bool
        True for a file of its own (XML declaration and namespace); False to inline it in HTML.

    Returns
    -------
    str
        The SVG document; it parses as XML.
    """
    rec, net = ctx.record, ctx.network
    L = net.depth
    shown = [min(n, MAX_UNITS) for n in net.sizes]
    width = max(_LEFT * 2 + L * _COL + 60, 600)   # at least the caption's width
    height = _TOP + max(shown) * _ROW + 40
    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="Helvetica, Arial, sans-serif"'
           + (' xmlns="http://www.w3.org/2000/svg"' if standalone else "") + ">",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    out += _connections(ctx, shown)
    for k in range(L + 1):
        x, _ = _xy(k, 0, shown)
        out.append(_text(x, _TOP - 44, "input layer 0" if k == 0 else f"layer {k}", 13, "bold"))
        for j in range(shown[k]):
            out += _unit(ctx, k, j, sample, shown)
        if net.sizes[k] > shown[k]:
            _, y = _xy(k, shown[k] - 1, shown)
            out.append(_text(x, y + 0.78 * _ROW, f"+{net.sizes[k] - shown[k]} more", 12, fill="#606060"))
    row = int(rec.samples[sample])
    which = f"training row {row}" + (f" (sample {sample + 1} of the batch)" if ctx.batch > 1 else "")
    out.append(_text(12, height - 30, f"{which}: loss E = {fmt(float(rec.losses[sample]))}", 12, anchor="start"))
    out.append(_text(12, height - 12, "v_out in the circles (x for the inputs), δ below; "
                     "the weights before the update on the lines", 12, anchor="start"))
    out.append("</svg>")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return head + "\n".join(out) + "\n"


def _connections(ctx: Context, shown: list[int]) -> list[str]:
    """The lines from layer k to k+1 (removed ones are left out, frozen ones dashed), each
    with its weight written on it where the label overlaps no other label (:func:`_place`)."""
    net, lines, labels = ctx.network, [], []
    params = ctx.record.params_before
    taken = []   # boxes labels must avoid: the circles with the values written under them
    for k, n in enumerate(shown):
        for j in range(n):
            x, y = _xy(k, j, shown)
            taken.append((x - _R - 6, y - _R, x + _R + 6, y + _R + 30))
    for k in range(net.depth):
        pairs = [(i, j) for i in range(shown[k]) for j in range(shown[k + 1]) if net.mask[k][i, j]]
        for i, j in pairs:
            (x0, y0), (x1, y1) = _xy(k, i, shown), _xy(k + 1, j, shown)
            frozen = bool(net.frozen_W[k][i, j])
            dash = ' stroke-dasharray="6 4"' if frozen else ""
            lines.append(f'<line x1="{x0 + _R:.1f}" y1="{y0:.1f}" x2="{x1 - _R:.1f}" y2="{y1:.1f}" '
                         f'stroke="#8090a8" stroke-width="1.4"{dash}/>')
            if len(pairs) <= MAX_LABELLED:
                text = f"{weight_name(k, i, j, 'unicode')}={fmt(float(params[2 * k][i, j]))}"
                text += " (frozen)" if frozen else ""
                lx, ly = _place(text, (x0 + _R, y0), (x1 - _R, y1), taken)
                labels.append(_text(lx, ly + 4, text, 11, fill="#1f4fa0"))
    return lines + labels   # labels last, so that no line is drawn over one


# fractions of the way along a line, tried in this order: a third of the way first
_CANDIDATES = (0.3, 0.5, 0.7, 0.2, 0.4, 0.6, 0.8, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.15, 0.85)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _place(text: str, start: tuple[float, float], end: tuple[float, float],
           taken: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """The point along the line where the label's box (estimated: 6 px a character, 16 px
    high) overlaps the boxes in ``taken`` least, the earliest candidate on a tie.  Adds the box."""
    w, h = 6.0 * len(text) / 2 + 2, 8.0
    best = None
    for t in _CANDIDATES:
        x, y = start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])
        box = (x - w, y - h, x + w, y + h)
        cost = sum(_overlap(box, b) for b in taken)
        if best is None or cost < best[0]:
            best = (cost, x, y, box)
        if cost == 0:
            break
    assert best is not None
    taken.append(best[3])
    return best[1], best[2]


def _unit(ctx: Context, k: int, j: int, s: int, shown: list[int]) -> list[str]:
    """One circle: v_out (x for the inputs) inside, δ and the bias below, y beside an output."""
    rec, net = ctx.record, ctx.network
    x, y = _xy(k, j, shown)
    fill = "#eef3fb" if k == 0 else "#fdf3e6"
    out = [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_R}" fill="{fill}" stroke="#404040" stroke-width="1.5"/>',
           _text(x, y + 4, fmt(float(rec.v_out[k][s, j])), 12, "bold")]
    below = []
    if k > 0 and rec.delta and rec.delta[k] is not None:
        below.append(f"δ={fmt(float(rec.delta[k][s, j]))}")
    if k > 0 and net.layers[k].bias:
        below.append(f"{bias_name(k - 1, j, 'unicode')}={fmt(float(rec.params_before[2 * (k - 1) + 1][j]))}")
    for n, line in enumerate(below):
        out.append(_text(x, y + _R + 13 + 12 * n, line, 10, fill="#603000"))
    if k == net.depth:
        out.append(_text(x + _R + 8, y + 4, f"y={fmt(float(rec.y[s, j]))}", 12, anchor="start"))
    return out
