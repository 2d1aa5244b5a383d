"""Layer headers and W^(k->k+1) labels that stay legible at any zoom.

Units and connections scale with the view; the text above the columns must not, or a
deep or tall network fitted into the window prints its layer names in a 3-pixel font.
So :class:`ColumnLabels` gives every header and W label a scale of ``1 / view scale``
when the view is zoomed out (they keep their natural on-screen size; zoomed in, they
grow with the scene as before), and picks the longest wording that still fits between
two columns on screen:

=====  ==========================================
tier   header
=====  ==========================================
0      **Layer 1** · hidden / 16 units · tanh · bias
1      **Layer 1** / 16 · tanh
2      **L1** / 16
=====  ==========================================

The W labels share the headers' row when there is room beside them, else they get their
own row just above the units (between the columns), and they are hidden when even that
row is too narrow.  Every header's tooltip (the inspector's layer description) names it
in full.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsTextItem

from backprop_studio.core.engine.naming import matrix_name

from ..language import tr
from .items import LayerHeaderItem
from .layout import Layout

GAP_PX = 6          # on-screen pixels between the labels and the top units
SPACE_PX = 10       # the least on-screen room between two labels side by side
TIERS = 3
MARGIN_PX = 1       # around each label's text (Qt's default 4 would make close labels overlap)


def header_html(k: int, units: int, activation: str, bias: bool, role: str, tier: int) -> str:
    """The header of layer k in the wording of ``tier`` (0 the longest, see the module docstring);
    ``role`` is "input", "hidden" or "output" (:func:`role_text` words it)."""
    if tier == 0:
        detail = (tr("{n} units") if units != 1 else tr("{n} unit")).format(n=units)
        if k:
            detail += f" · {activation}" + (" · " + tr("bias") if bias else "")
        title = tr("<b>Layer {k}</b> · {role}").format(k=k, role=role_text(role))
    elif tier == 1:
        detail = f"{units}" + (f" · {activation}" if k else " " + tr("inputs"))
        title = tr("<b>Layer {k}</b>").format(k=k)
    else:
        detail, title = f"{units}", tr("<b>L{k}</b>").format(k=k)
    return f"<div align='center'>{title}<br/><span style='font-size:small'>{detail}</span></div>"


def role_text(role: str) -> str:
    """A layer's role ("input", "hidden", "output") as the canvas words it."""
    return {"input": tr("input"), "hidden": tr("hidden"), "output": tr("output")}.get(role, role)


class ColumnLabels:
    """The headers and W labels of one built scene; :meth:`fit` sizes them for a view scale."""

    def __init__(self, scene: QGraphicsScene, net, layout: Layout, foreground: QColor) -> None:
        self.layout = layout
        self.headers: dict[int, LayerHeaderItem] = {}
        self.w_labels: dict[int, QGraphicsTextItem] = {}
        self._html: dict[int, list[str]] = {}
        self._fitted: tuple | None = None
        self._tier = -1                  # the wording the headers show (-1: none yet)
        L = net.depth
        for k, layer in enumerate(net.layers):
            role = "input" if k == 0 else "output" if k == L else "hidden"
            self._html[k] = [header_html(k, layer.units, layer.activation, layer.bias, role, t)
                             for t in range(TIERS)]
            header = LayerHeaderItem(k)
            header.setDefaultTextColor(foreground)
            header.document().setDocumentMargin(MARGIN_PX)
            scene.addItem(header)
            self.headers[k] = header
        for k in range(L):
            label = QGraphicsTextItem()
            label.setDefaultTextColor(foreground)
            label.document().setDocumentMargin(MARGIN_PX)
            label.setHtml(matrix_name(k, "html"))
            label.setOpacity(0.75)
            scene.addItem(label)
            self.w_labels[k] = label
        self._widths = self._measure()

    def _measure(self) -> list[float]:
        """The widest header (natural size, in pixels) in each tier."""
        widths = []
        for tier in range(TIERS):
            widest = 0.0
            for k, header in self.headers.items():
                header.setTextWidth(-1)
                header.setHtml(self._html[k][tier])
                widest = max(widest, header.document().idealWidth())
            widths.append(widest)
        return widths

    def fit(self, scale: float) -> None:
        """Size and place the labels for a view showing the scene at ``scale`` (pixels per unit)."""
        f = 1.0 / min(max(scale, 1e-6), 1.0)       # scene units per on-screen pixel (at least 1)
        room = self.layout.geometry.layer_gap / f   # on-screen pixels between two columns
        tier = next((t for t in range(TIERS) if self._widths[t] + SPACE_PX <= room), TIERS - 1)
        w_width = max((w.boundingRect().width() for w in self.w_labels.values()), default=0.0)
        beside = self._widths[tier] / 2 + w_width / 2 + SPACE_PX <= room / 2
        show_w = w_width + SPACE_PX <= room
        if self._fitted == (f, tier, beside, show_w):
            return
        self._fitted = (f, tier, beside, show_w)
        g = self.layout.geometry
        bottom = self.layout.top - g.radius - GAP_PX * f     # the labels' lowest edge (scene)
        w_height = max((w.boundingRect().height() for w in self.w_labels.values()), default=0.0)
        lift = 0.0 if beside or not show_w else (w_height + 2) * f   # W row under the headers
        for k, header in self.headers.items():
            if self._tier != tier:                   # (re-wording is the costly part)
                header.setTextWidth(-1)
                header.setHtml(self._html[k][tier])
                header.setTextWidth(header.document().idealWidth() + 1)   # centres both lines
            header.setScale(f)
            b = header.boundingRect()
            header.setPos(self.layout.x(k) - b.width() * f / 2, bottom - lift - b.height() * f)
        self._tier = tier
        for k, label in self.w_labels.items():
            label.setVisible(show_w)
            label.setScale(f)
            b = label.boundingRect()
            mid = (self.layout.x(k) + self.layout.x(k + 1)) / 2
            # beside the headers: level with their first line; else in its own row below them
            y = bottom - b.height() * f - ((self._header_height() - b.height()) * f if beside else 0)
            label.setPos(mid - b.width() * f / 2, y)

    def _header_height(self) -> float:
        return max((h.boundingRect().height() for h in self.headers.values()), default=0.0)

    def rect(self) -> QRectF:
        """The scene area the labels cover now."""
        out = QRectF()
        for item in [*self.headers.values(), *self.w_labels.values()]:
            if item.isVisible():
                out = out.united(item.sceneBoundingRect())
        return out
