"""Graphics items of the network editor.

Items hold no model state: each knows the id of what it draws — a unit ``(k, i)``, a
bias ``(k, j)`` of layer k, a layer ``k`` — and a
*style* (colours, widths, highlight) that the scene computes from the session and sets.
Selection, menus and value edits go through the view, which asks the session.
"""
from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QGraphicsTextItem, QStyle

from backprop_studio.gui import text_size, theme
from backprop_studio.gui.colour_science import readable_on

from ..language import tr
from .line_styles import weight_pen

SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


def selection_colour() -> QColor:
    """What the user selected is ringed in the theme's selection colour (told apart from the
    sign colours and the phase highlights under every colour vision: gui/palettes.py)."""
    return QColor(theme.colors()["selection"])


def halo(color: QColor, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def hit_shape(line, width: float) -> QPainterPath:
    """The area around ``line`` (a QLineF) that counts as a click on it: a band ``width`` wide."""
    path = QPainterPath(line.p1())
    path.lineTo(line.p2())
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(path)


class NeuronItem(QGraphicsItem):
    """Unit i of layer k: a circle, filled with v_out's sign (hatched when negative, so the sign is
    not colour alone) or the output thumbnail."""

    kind = "neuron"

    def __init__(self, k: int, i: int, radius: float) -> None:
        super().__init__()
        self.key = (k, i)
        self.radius = radius
        self.fill = QColor(theme.colors()["background"])
        self.border = QColor(theme.colors()["foreground"])
        self.negative = False             # mean v_out < 0: the fill is hatched
        self.highlight: QColor | None = None
        self.thumbnail: QImage | None = None
        self.setFlag(SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        m = self.radius + 8
        return QRectF(-m, -m, 2 * m, 2 * m)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), self.radius + 2, self.radius + 2)
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self.radius
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.highlight is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo(self.highlight, 110))
            painter.drawEllipse(QPointF(0, 0), r + 7, r + 7)
        circle = QRectF(-r, -r, 2 * r, 2 * r)
        painter.setBrush(QBrush(self.fill))
        painter.setPen(QPen(self.border, theme.line_width(1.5)))
        painter.drawEllipse(circle)
        if self.negative and self.thumbnail is None:
            painter.setBrush(QBrush(self.fill.darker(160), Qt.BrushStyle.BDiagPattern))
            painter.drawEllipse(circle)
        if self.thumbnail is not None:
            clip = QPainterPath()
            clip.addEllipse(circle)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setClipPath(clip)
            painter.drawImage(circle, self.thumbnail)
            painter.restore()
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle)
        if self.isSelected():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(selection_colour(), 3))
            painter.drawEllipse(QPointF(0, 0), r + 4, r + 4)


class LineItem(QGraphicsItem):
    """A selectable line that draws itself (a bias weight; the weights of W are drawn per
    matrix, see :mod:`gui.editor.connections`)."""

    kind = "line"

    def __init__(self, key: tuple, p1: QPointF, p2: QPointF) -> None:
        super().__init__()
        self.key = key
        self.line = QLineF(p1, p2)
        m = 10.0
        self._bounds = QRectF(p1, p2).normalized().adjusted(-m, -m, m, m)
        self.color = QColor(theme.colors()["muted"])
        self.width = 1.0
        self.drawn_as = "w+"              # how the line is drawn (gui/editor/line_styles.py)
        self.highlight: QColor | None = None
        self.highlight_width = 0.0
        self.antialias = True
        self.base_z = 1.0
        self.setFlag(SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self._shape: QPainterPath | None = None

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = hit_shape(self.line, 8)
        return self._shape

    def midpoint(self, t: float = 0.5) -> QPointF:
        return self.line.pointAt(t)

    @property
    def pen_style(self) -> Qt.PenStyle:
        return weight_pen(self.color, self.width, self.drawn_as).style()

    def set_style(self, color: QColor, width: float, drawn_as: str) -> None:
        """Colour, width and line ("w+", "frozen w-", …: :func:`.line_styles.line_kind`)."""
        if (color, width, drawn_as) != (self.color, self.width, self.drawn_as):
            self.color, self.width, self.drawn_as = color, width, drawn_as
            self.update()

    def set_highlight(self, color: QColor | None, width: float = 0.0) -> None:
        if (color, width) != (self.highlight, self.highlight_width):
            self.highlight, self.highlight_width = color, width
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias)
        if self.isSelected():
            painter.setOpacity(1.0)              # a selection is never dimmed by a phase
            painter.setPen(QPen(selection_colour(), self.width + 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(self.line)
        if self.highlight is not None:
            painter.setPen(QPen(halo(self.highlight, 150), self.width + self.highlight_width,
                                Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(self.line)
        painter.setPen(weight_pen(self.color, self.width, self.drawn_as))
        painter.drawLine(self.line)


class BiasMarkItem(QGraphicsItem):
    """The bias of unit j of layer k, drawn as a small diamond on the unit's upper left: filled in
    the colour of its sign (hollow when frozen), with a + or − inside."""

    kind = "bias"

    def __init__(self, k: int, j: int) -> None:
        super().__init__()
        self.key = (k, j)
        self.color = QColor(theme.colors()["muted"])
        self.frozen = False
        self.positive = True
        self.setFlag(SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setZValue(12)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF(-9, -9, 18, 18)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.moveTo(0, -6)
        path.lineTo(6, 0)
        path.lineTo(0, 6)
        path.lineTo(-6, 0)
        path.closeSubpath()
        if self.isSelected():
            painter.setPen(QPen(selection_colour(), 5))
            painter.drawPath(path)
        painter.setPen(QPen(QColor(self.color).darker(130), theme.line_width(1.2)))
        painter.setBrush(Qt.BrushStyle.NoBrush if self.frozen else QBrush(self.color))
        painter.drawPath(path)
        # the sign, not by colour alone: a bar, and a second one across it for +
        mark = QColor(theme.colors()["foreground"] if self.frozen else readable_on(self.color.name()))
        painter.setPen(QPen(mark, 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(QLineF(-3, 0, 3, 0))
        if self.positive:
            painter.drawLine(QLineF(0, -3, 0, 3))


class BiasUnitItem(QGraphicsItem):
    """The constant "+1" unit feeding the biases of layer k (when biases are drawn as units)."""

    kind = "bias_unit"

    def __init__(self, k: int, radius: float, border: QColor) -> None:
        super().__init__()
        self.key = k
        self.radius = radius * 0.8
        self.border = border
        self.setZValue(10)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        r = self.radius + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.radius
        painter.setPen(QPen(self.border, 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(-r, -r, 2 * r, 2 * r))
        painter.setPen(self.border)
        painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, "+1")


class LabelItem(QGraphicsSimpleTextItem):
    """Small text on a translucent plate; clicks go through to the item underneath."""

    anchor: QPointF | None          # where a connection's or a bias's label sits (set by the scene)

    def __init__(self, text: str = "", point_size: float = 7.5) -> None:
        super().__init__(text)
        self.setFont(text_size.font(point_size))        # at the View → Text Size
        self.plate = QColor(theme.colors()["background"])
        self.plate.setAlpha(200)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(20)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.text():
            painter.fillRect(self.boundingRect().adjusted(-2, -1, 2, 1), self.plate)
        super().paint(painter, option, widget)


class LayerHeaderItem(QGraphicsTextItem):
    """Layer k's name, activation and width above its column (selectable: menu, Delete)."""

    kind = "layer"

    def __init__(self, k: int) -> None:
        super().__init__()
        self.key = k
        self.setFlag(SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setZValue(15)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.isSelected():
            painter.setPen(QPen(selection_colour(), 2))
            painter.drawRoundedRect(self.boundingRect().adjusted(1, 1, -1, -1), 4, 4)
        option.state &= ~QStyle.StateFlag.State_Selected  # no dashed focus frame of Qt's own
        super().paint(painter, option, widget)


class CollapsedMarkerItem(QGraphicsSimpleTextItem):
    """The "⋮ N more" marker in a collapsed layer; it stands for layer k in menus.

    Two short lines on a box of the canvas colour, so that it stays readable over the lines
    that cross the gap; the scene keeps it at its natural on-screen size when the view is
    zoomed out (:meth:`place`), as it does the layer headers.
    """

    kind = "layer"
    PAD = 2.0

    def __init__(self, k: int, hidden: int, first: int, last: int) -> None:
        super().__init__(tr("⋮ {n}\nmore").format(n=hidden))
        self.key = k
        self.hidden = hidden
        self.centre = QPointF()
        self.box = QColor(theme.colors()["background"])
        self.setFont(text_size.font(8))
        self.setToolTip(tr("Layer {k} is drawn collapsed: units {first}–{last} ({hidden} units) are not drawn. "
                           "Every value is in the Step Debugger's tables").format(k=k, first=first, last=last,
                                                                                  hidden=hidden))
        self.setAcceptHoverEvents(True)
        self.setZValue(12)

    def place(self, centre: QPointF, scale: float) -> None:
        """Centred on ``centre`` (scene), at ``scale`` times its natural size."""
        self.centre = centre
        self.setScale(scale)
        b = self.boundingRect()
        self.setPos(centre.x() - b.width() * scale / 2, centre.y() - b.height() * scale / 2)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return super().boundingRect().adjusted(-self.PAD, -self.PAD, self.PAD, self.PAD)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.box)
        painter.drawRoundedRect(self.boundingRect(), 3, 3)
        super().paint(painter, option, widget)


class BiasConnectionItem(LineItem):
    """b^(k)[j] drawn as a line from layer k's "+1" unit to unit j (bias-unit mode)."""

    kind = "bias"
