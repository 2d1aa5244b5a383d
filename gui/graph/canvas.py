"""The graph's QGraphicsView: clicks on nodes and edges, zoom and pan as the network editor
does them, fit to the view.

The wheel (with or without Ctrl) and the + / − keys zoom about the mouse, dragging pans, F
or 0 fits the whole graph.  While the graph is fitted it stays fitted when the view is resized;
once the learner zooms, the zoom stays until Fit.  A change of the room itself (not scroll
bars coming and going) is reported as :attr:`room_changed`, so the view can choose how much
to draw for the new room.

The graph's text is in scene units, so View → Text Size draws the whole graph larger: at
200 % the room is planned as half as large (:meth:`GraphCanvas.room`) and the fitted drawing
scaled twice as much, which keeps the text as legible as the layout asks (gui/graph/layout.py),
at twice the size.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from backprop_studio.gui import text_size
from backprop_studio.gui.accessible import draw_focus_ring
from backprop_studio.gui.language import tr

from .items import EdgeItem, NodeItem
from .layout import FONT_PX, MAX_FIT_SCALE, MIN_TEXT_PX, fit_scale

ZOOM_STEP = 1.15                 # one wheel notch
ZOOM_RANGE = (0.05, 8.0)         # the scales the learner can zoom to
PAN_ROOM = 0.5                   # how far past the graph one may pan, in views
ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


class GraphCanvas(QGraphicsView):
    node_clicked = Signal(str)          # a node's id (an edge click gives its input's id)
    node_double_clicked = Signal(str)
    room_changed = Signal()             # the room for the graph changed (not the scroll bars)
    arrow_pressed = Signal(int, int)    # an arrow key: its direction on the screen (gui/graph/keys.py)
    enter_pressed = Signal()
    entered = Signal()                  # Tab brought the keyboard here

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("graphCanvas")
        self.setAccessibleName(tr("Computation graph"))
        self.setScene(QGraphicsScene(self))
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)   # items only restyle
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # no scroll bars: dragging pans (and a fitted graph does not flicker them on and off)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setToolTip("")     # per item
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.auto_fit = True
        self.graph_rect = QRectF()
        self.cropped = False            # fitted at the least legible scale, part of it out of view
        self._room = QSize()
        text_size.signals.changed.connect(self._on_text_size_changed)

    def room(self) -> QSize:
        """What a fitted graph gets: the viewport's size without scroll bars, in pixels of 100 %
        text (divided by the text size)."""
        size, f = self.maximumViewportSize(), text_size.factor()
        return QSize(max(1, round(size.width() / f)), max(1, round(size.height() / f)))

    def _on_text_size_changed(self) -> None:
        room = self.room()
        if room != self._room:
            self._room = room
            self.room_changed.emit()
        if self.auto_fit:
            self.fit()

    # -- clicks --------------------------------------------------------------------------------
    def _node_at(self, event) -> str | None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, (NodeItem, EdgeItem)):
            item = item.parentItem()
        if isinstance(item, NodeItem):
            return item.node_id
        if isinstance(item, EdgeItem):
            return item.source
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        node = self._node_at(event) if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)
        if node is not None:
            self.node_clicked.emit(node)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        node = self._node_at(event)
        super().mouseDoubleClickEvent(event)
        if node is not None:
            self.node_double_clicked.emit(node)

    # -- zoom, pan, fit ------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP ** steps)
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in ARROWS and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.arrow_pressed.emit(*ARROWS[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP ** 2)
        elif key == Qt.Key.Key_Minus:
            self.zoom(ZOOM_STEP ** -2)
        elif key in (Qt.Key.Key_F, Qt.Key.Key_0):
            self.fit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.entered.emit()
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's name
        super().scrollContentsBy(dx, dy)
        if self.hasFocus():
            self.viewport().update()            # the focus ring must not scroll with the picture

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802 - Qt's name
        """The focus ring: a frame inside the canvas while it has the keyboard."""
        super().drawForeground(painter, rect)
        draw_focus_ring(self, painter)

    def zoom(self, factor: float) -> None:
        """Scale by ``factor`` about the mouse, within ZOOM_RANGE; the graph is no longer fitted."""
        scale = self.transform().m11()
        factor = max(ZOOM_RANGE[0] / scale, min(factor, ZOOM_RANGE[1] / scale))
        self.scale(factor, factor)
        self.auto_fit = False

    def show_graph(self, rect: QRectF) -> None:
        """A new drawing of the graph within ``rect``: fitted (and fitted on resizes)."""
        self.graph_rect = QRectF(rect)
        self.fit()

    def fit(self) -> None:
        """The whole graph in view, at most layout.MAX_FIT_SCALE (the scale the layout planned),
        and never smaller than legible: a graph that no collapsing makes fit legibly (a long
        chain of one-unit layers in a short dock) shows its start, the rest a pan away
        (:attr:`cropped`)."""
        rect = self.graph_rect
        if rect.isEmpty():
            return
        room = self.room()
        planned = fit_scale(room.width(), room.height(), rect.width(), rect.height())
        shown = max(planned, min(MIN_TEXT_PX / FONT_PX, MAX_FIT_SCALE))
        self.cropped = shown > planned
        scale = shown * text_size.factor()
        pad_w, pad_h = PAN_ROOM * room.width() / shown, PAN_ROOM * room.height() / shown
        self.scene().setSceneRect(rect.adjusted(-pad_w, -pad_h, pad_w, pad_h))
        self.resetTransform()
        self.scale(scale, scale)
        # each way the graph is longer than the view: its start (the inputs) at the edge
        seen_w, seen_h = room.width() / shown, room.height() / shown
        x = rect.center().x() if rect.width() <= seen_w else rect.left() + seen_w / 2
        y = rect.center().y() if rect.height() <= seen_h else rect.top() + seen_h / 2
        self.centerOn(x, y)
        self.auto_fit = True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        room = self.room()
        if room != self._room:
            self._room = room
            self.room_changed.emit()
        elif self.auto_fit:
            self.fit()
