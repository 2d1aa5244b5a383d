"""The graphics items of the computation graph: a node's box and an edge.

An item knows the id of the node it draws and is restyled by the view from the graph it was
given; it keeps only what it last drew, so that a restyle with the same numbers and colours
touches nothing (a training step changes texts and colours, never the scene's items).
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem, QGraphicsTextItem

from backprop_studio.gui import theme
from backprop_studio.gui.palettes import GRAPH_FILL, GRAPH_SEE_THROUGH

from .layout import FONT_PX, NODE_H, NODE_W

# a node's colour by operation, and the gradient's, are the theme's (gui/palettes.py: Theme.graph);
# a box's fill is that colour over the background (GRAPH_FILL), see-through enough that an edge
# passing behind it stays faintly visible and its text clear (tests/gui/test_contrast.py checks it)
PAD = 4.0            # text inset from the box's edge
LINE = 13.0          # one line of text
STACK = 2.0          # how far the cards behind a collapsed layer's box stick out (≤ the gap)


def node_font() -> QFont:
    font = QFont()
    font.setPixelSize(int(FONT_PX))
    return font


def _blend(colour: QColor, background: QColor, amount: float) -> QColor:
    """``colour`` laid over ``background`` with opacity ``amount``, as an opaque colour."""
    mix = [amount * a + (1 - amount) * b for a, b in zip((colour.redF(), colour.greenF(), colour.blueF()),
                                                         (background.redF(), background.greenF(), background.blueF()))]
    return QColor.fromRgbF(*mix)


def _fit_width(item, width: float) -> None:
    """Shrink ``item`` (never grow it) so that it is at most ``width`` wide: one line, no overlap."""
    natural = item.boundingRect().width()
    item.setScale(min(1.0, width / natural) if natural > 0 else 1.0)


class NodeItem(QGraphicsRectItem):
    """A rounded box: the node's name (HTML), its value, and its gradient ∂E/∂node.  A collapsed
    layer's box is drawn as a stack of cards."""

    def __init__(self, node_id: str, stacked: bool = False) -> None:
        super().__init__(0, 0, NODE_W, NODE_H)
        self.node_id = node_id
        self.stacked = stacked
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name = QGraphicsTextItem(self)
        self.name.setCacheMode(QGraphicsTextItem.CacheMode.DeviceCoordinateCache)   # a name rarely changes
        self.name.setFont(node_font())
        self.name.document().setDocumentMargin(0)
        self.name.setPos(PAD, 1)
        self.value = QGraphicsSimpleTextItem(self)
        self.value.setFont(node_font())
        self.value.setPos(PAD, 1 + LINE)
        self.grad = QGraphicsSimpleTextItem(self)
        self.grad.setFont(node_font())
        self.grad.setPos(PAD, 1 + 2 * LINE)
        self.name_html = self.value_text = self.grad_text = self.tip = ""
        self._style: tuple = ()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name; the cards behind stick out
        r = super().boundingRect()
        return r.adjusted(0, 0, 2 * STACK, 2 * STACK) if self.stacked else r

    def paint(self, painter, option, widget=None) -> None:   # a rounded box instead of a square one
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        if self.stacked:          # the cards behind: the node stands for many units
            painter.setPen(QPen(self.pen().color(), 1.0))
            for d in (2 * STACK, STACK):
                painter.drawRoundedRect(self.rect().translated(d, d), 7, 7)
            painter.setPen(self.pen())
        painter.drawRoundedRect(self.rect(), 7, 7)

    def set_texts(self, name_html: str, value: str, grad: str, tip: str) -> None:
        """The name and the two numbers' lines; only what changed is set."""
        if name_html != self.name_html:
            self.name_html = name_html
            self.name.setHtml(name_html)
            _fit_width(self.name, NODE_W - 2 * PAD)
        if value != self.value_text:
            self.value_text = value
            self.value.setText(value)
            _fit_width(self.value, NODE_W - 2 * PAD)
        if grad != self.grad_text:
            self.grad_text = grad
            self.grad.setText(grad)
            _fit_width(self.grad, NODE_W - 2 * PAD)
        if tip != self.tip:
            self.tip = tip
            self.setToolTip(tip)

    def set_style(self, op: str, known: bool, new: bool, selected: bool) -> None:
        """Grey and dashed until its value is known, a highlighted border when this phase
        computed it, a dark border when selected; nothing is touched when nothing changed."""
        t = theme.current()
        style = (op, known, new, selected, t.name)
        if style == self._style:
            return
        self._style = style
        c = t.colours
        base = QColor(t.graph[op])
        fill = _blend(base, QColor(c["background"]), GRAPH_FILL[known])
        fill.setAlphaF(GRAPH_SEE_THROUGH)
        self.setBrush(QBrush(fill))
        if selected:
            pen = QPen(QColor(c["foreground"]), theme.line_width(2.6))
        elif new:
            pen = QPen(QColor(c["highlight"]), theme.line_width(3.0))
        else:
            pen = QPen(base if known else QColor(c["muted"]), theme.line_width(1.2))
            if not known:
                pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fg = QColor(c["foreground"] if known else c["muted"])
        self.name.setDefaultTextColor(fg)
        self.value.setBrush(fg)
        self.grad.setBrush(QColor(t.graph["grad"]))


class EdgeItem(QGraphicsPathItem):
    """A curve from an input's box to the box that uses it; clicking it selects the input."""

    def __init__(self, source: str, target: str, start: QPointF, end: QPointF, horizontal: bool) -> None:
        super().__init__()
        self.source, self.target = source, target
        path = QPainterPath(start)
        if horizontal:
            mid = (start.x() + end.x()) / 2
            path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
        else:
            mid = (start.y() + end.y()) / 2
            path.cubicTo(QPointF(start.x(), mid), QPointF(end.x(), mid), end)
        self.setPath(path)
        self.setZValue(-1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._style: tuple = ()

    def shape(self) -> QPainterPath:      # easier to hit than a hairline
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path())

    def style(self, known: bool, has_grad: bool, lit: bool = False) -> None:
        """Grey until its target is known, the gradient's colour once its gradient is; ``lit``: a
        fine-stepping tick lights both its ends (drawn thick, in the highlight colour)."""
        t = theme.current()
        if (known, has_grad, lit, t.name) == self._style:
            return
        self._style = (known, has_grad, lit, t.name)
        c = t.colours
        if lit:
            self.setPen(QPen(QColor(c["highlight"]), theme.line_width(3.0)))
            return
        colour = QColor(t.graph["grad"] if has_grad else c["foreground" if known else "muted"])
        colour.setAlpha(170 if known else 90)
        self.setPen(QPen(colour, theme.line_width(1.6 if has_grad else 1.0)))


def ports(horizontal: bool, x: float, y: float) -> tuple[QPointF, QPointF]:
    """(where edges leave a box at (x, y), where they enter it)."""
    if horizontal:
        return QPointF(x + NODE_W, y + NODE_H / 2), QPointF(x, y + NODE_H / 2)
    return QPointF(x + NODE_W / 2, y + NODE_H), QPointF(x + NODE_W / 2, y)


def make_items(scene, g, pos: dict[str, tuple[float, float]],
               horizontal: bool) -> tuple[dict[str, NodeItem], list[EdgeItem]]:
    """A box for every node of ``g`` at ``pos`` and a curve for every edge, added to ``scene``."""
    items, edges = {}, []
    for node_id, node in g.nodes.items():
        item = NodeItem(node_id, stacked=node.op == "layer")
        item.setPos(*pos[node_id])
        scene.addItem(item)
        items[node_id] = item
    for source, target in g.edges():
        start, _ = ports(horizontal, *pos[source])
        _, end = ports(horizontal, *pos[target])
        edge = EdgeItem(source, target, start, end, horizontal)
        scene.addItem(edge)
        edges.append(edge)
    return items, edges
