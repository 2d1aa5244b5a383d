"""The graph's QGraphicsView: clicks on nodes and edges, wheel zoom, fit to the view."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from .items import EdgeItem, NodeItem

MAX_FIT_SCALE = 1.5     # a small graph is not blown up past this when fitted


class GraphCanvas(QGraphicsView):
    node_clicked = Signal(str)          # a node's id (an edge click gives its input's id)
    node_double_clicked = Signal(str)
    resized = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("graphCanvas")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setToolTip("")     # per item

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

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.resized.emit()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)

    def fit(self, rect: QRectF) -> None:
        """The whole graph in view, never larger than :data:`MAX_FIT_SCALE`."""
        self.scene().setSceneRect(rect)
        self.resetTransform()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > MAX_FIT_SCALE:
            self.resetTransform()
            self.scale(MAX_FIT_SCALE, MAX_FIT_SCALE)
        self.centerOn(rect.center())
