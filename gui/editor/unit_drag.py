"""Dragging a hidden unit up or down its column reorders the layer.

The drag only moves the unit's circle while the mouse is down; on release the nearest
place in the column becomes the unit's new place and
:meth:`gui.editor.editing.EditorController.move_unit` makes it one undoable edit that
permutes the weights (see :func:`core.engine.edits.move_unit`).  Input units (features) and
output units (targets) keep their order: their order means something outside the network.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from .editing import EditorController

if TYPE_CHECKING:
    from .view import NetworkEditor


class UnitDrag:
    """The press/move/release of a unit drag in a view; the view forwards its mouse events."""

    def __init__(self, view: NetworkEditor, edits: EditorController) -> None:
        self.view = view
        self.edits = edits
        self.unit: tuple[int, int] | None = None     # (k, i) pressed
        self.press = QPointF()
        self.moved = False

    def pressed(self, kind: str | None, key, scene_pos: QPointF) -> None:
        net = self.edits.net
        hidden = kind == "neuron" and 0 < key[0] < net.depth and net.sizes[key[0]] > 1
        self.unit = tuple(key) if hidden else None
        self.press, self.moved = scene_pos, False

    def moving(self, scene_pos: QPointF) -> bool:
        """Follow the mouse with the unit's circle; True while a drag is on."""
        if self.unit is None:
            return False
        scale = self.view.transform().m11() or 1.0
        if not self.moved and abs(scene_pos.y() - self.press.y()) * scale < QApplication.startDragDistance():
            return False
        self.moved = True
        item = self.view.network_scene.neurons.get(self.unit)
        if item is not None:
            item.setPos(item.pos().x(), scene_pos.y())
            item.setZValue(20)
        self.view.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
        return True

    def released(self, scene_pos: QPointF) -> bool:
        """Drop the unit at the nearest place of its column; True when a drag ended here."""
        unit, moved, self.unit = self.unit, self.moved, None
        if unit is None or not moved:
            return False
        self.view.viewport().unsetCursor()
        k, i = unit
        layout = self.view.network_scene.layout
        assert layout is not None, "a unit was pressed: the scene is laid out"
        places = {j: y for (kk, j), (_x, y) in layout.pos.items() if kk == k}
        to = min(places, key=lambda j: abs(places[j] - scene_pos.y()))
        if not self.edits.move_unit(k, i, to):
            self.view.network_scene.rebuild()           # put the circle back
        return True
