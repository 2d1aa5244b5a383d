"""The graphics items of the computation graph: a node's box and an edge.

An item knows the id of the node it draws and is restyled by the view from the graph it
was given (items keep no numbers of their own between redraws).
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem, QGraphicsTextItem

from backprop_studio.core.explain.graph import Node
from backprop_studio.core.explain.notation import fmt
from backprop_studio.gui import theme

from .layout import NODE_H, NODE_W

# the colour of each kind of node once its value is known
OP_COLOURS = {"input": "#4c8bd6", "param": "#e0a020", "mul": "#5aa05a", "group": "#5aa05a", "add": "#5aa05a",
              "act": "#7a6fd0", "loss_term": "#d1603f", "loss": "#d1403f"}
GRAD_COLOUR = {False: "#a04000", True: "#ffb070"}     # light, dark theme
FONT_PT = 7.5


def _font(bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(FONT_PT)
    font.setBold(bold)
    return font


class NodeItem(QGraphicsRectItem):
    """A rounded box: the node's name (HTML), its value, and its gradient ∂E/∂node."""

    def __init__(self, node: Node) -> None:
        super().__init__(0, 0, NODE_W, NODE_H)
        self.node_id = node.id
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name = QGraphicsTextItem(self)
        self.name.setFont(_font())
        self.name.setHtml(node.html)
        self.name.document().setDocumentMargin(0)
        self.name.setTextWidth(NODE_W - 4)
        self.name.setPos(3, 0)
        self.value = QGraphicsSimpleTextItem(self)
        self.value.setFont(_font())
        self.grad = QGraphicsSimpleTextItem(self)
        self.grad.setFont(_font())
        self.value_text = self.grad_text = ""

    def paint(self, painter, option, widget=None) -> None:   # a rounded box instead of a square one
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRoundedRect(self.rect(), 7, 7)

    def show(self, node: Node, new: bool, selected: bool, hide_grad: bool) -> None:
        """Restyle for ``node``'s current numbers: grey until its value is known, a highlighted
        border when this phase computed it, '?' for a gradient the learner is asked to predict."""
        c = theme.colors()
        dark = theme.is_dark()
        known = node.value is not None
        base = QColor(OP_COLOURS[node.op])
        fill = QColor(base)
        fill.setAlpha(70 if known else 18)
        self.setBrush(QBrush(fill))
        if selected:
            pen = QPen(QColor(c["foreground"]), 2.6)
        elif new:
            pen = QPen(QColor(c["highlight"]), 3.0)
        else:
            pen = QPen(base if known else QColor(c["muted"]), 1.2)
            if not known:
                pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fg = QColor(c["foreground"] if known else c["muted"])
        self.name.setDefaultTextColor(fg)
        self.value_text = fmt(node.value) if known else "…"
        if node.grad is None:
            self.grad_text = ""
        else:
            self.grad_text = "∂E: ?" if hide_grad else f"∂E: {fmt(node.grad)}"
        self.value.setText(self.value_text)
        self.value.setBrush(fg)
        self.grad.setText(self.grad_text)
        self.grad.setBrush(QColor(GRAD_COLOUR[dark]))
        line = NODE_H / 3
        self.value.setPos(4, line)
        self.grad.setPos(4, 2 * line - 1)
        self.setToolTip(f"{node.text} = {self.value_text}" + (f"\n{node.grad_text} = {self.grad_text[4:]}"
                                                              if self.grad_text else "")
                        + "\nClick for its local rule and the chain rule")


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

    def shape(self) -> QPainterPath:      # easier to hit than a hairline
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path())

    def style(self, known: bool, has_grad: bool) -> None:
        c = theme.colors()
        colour = QColor(GRAD_COLOUR[theme.is_dark()] if has_grad else c["foreground" if known else "muted"])
        colour.setAlpha(170 if known else 90)
        self.setPen(QPen(colour, 1.6 if has_grad else 1.0))


def ports(horizontal: bool, x: float, y: float) -> tuple[QPointF, QPointF]:
    """(where edges leave a box at (x, y), where they enter it)."""
    if horizontal:
        return QPointF(x + NODE_W, y + NODE_H / 2), QPointF(x, y + NODE_H / 2)
    return QPointF(x + NODE_W / 2, y + NODE_H), QPointF(x + NODE_W / 2, y)


def bounds(pos: dict[str, tuple[float, float]], margin: float = 12.0) -> QRectF:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + NODE_W + 2 * margin,
                  max(ys) - min(ys) + NODE_H + 2 * margin)
