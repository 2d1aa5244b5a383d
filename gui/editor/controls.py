"""The visible edit controls beside the canvas, and the key to the connection styles.

The Playground lets a student grow a network with + and − buttons; so does the editor:

* ``+ layer`` / ``− layer`` in the top strip add a hidden layer before the output layer or
  remove the last hidden layer;
* under each hidden layer's column, ``−`` and ``+`` take away its last unit or add one.

The input width is set by the dataset and the output width by the targets, so those columns
get no buttons.  Every click is one undoable edit through
:class:`gui.editor.editing.EditorController`, the same handlers the context menus call.

:class:`ConnectionLegend` is the key to the line styles (solid: w ≥ 0; dashed: w < 0; dotted or
dash-dotted: frozen; thin grey dashes with a ×: removed).
"""
from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView, QToolButton, QWidget

from backprop_studio.gui import theme

from ..language import QT_TR_NOOP, tr
from .editing import EditorController
from .line_styles import REMOVED_WIDTH, cross_lines, weight_pen

BUTTON_GAP_PX = 4          # between the lowest unit and its layer's buttons


def _button(parent: QWidget, text: str, name: str, tip: str, slot) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.setAutoRaise(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class StructureButtons:
    """The + and − buttons of a :class:`gui.editor.view.NetworkEditor` (children of the view)."""

    def __init__(self, view: QGraphicsView, edits: EditorController) -> None:
        self.view = view
        self.edits = edits
        self.add_layer = _button(view, tr("+ layer"), "addHiddenLayerButton",
                                 tr("Add a hidden layer just before the output layer (undo: Ctrl+Z)"),
                                 self._on_add_layer)
        self.remove_layer = _button(view, tr("− layer"), "removeHiddenLayerButton",
                                    tr("Remove the last hidden layer (undo: Ctrl+Z)"), self._on_remove_layer)
        self.units: dict[int, tuple[QToolButton, QToolButton]] = {}    # hidden layer k -> (−, +)

    # -- the edits ---------------------------------------------------------------------------
    def _on_add_layer(self) -> None:
        self.edits.add_layer(self.edits.net.depth)

    def _on_remove_layer(self) -> None:
        if self.edits.net.depth > 1:
            self.edits.remove_layer(self.edits.net.depth - 1)

    def _on_remove_unit(self, k: int) -> None:
        net = self.edits.net
        if 0 < k < net.depth and net.sizes[k] > 1:
            self.edits.remove_neuron(k, net.sizes[k] - 1)

    def _on_add_unit(self, k: int) -> None:
        if 0 < k < self.edits.net.depth:
            self.edits.add_neuron(k)

    # -- following the network ------------------------------------------------------------------
    def sync(self) -> None:
        """One pair of buttons per hidden layer; enabled only where the edit can apply."""
        net = self.edits.net
        hidden = range(1, net.depth)
        for k in [k for k in self.units if k not in hidden]:
            for button in self.units.pop(k):
                button.deleteLater()
        for k in hidden:
            if k not in self.units:
                self.units[k] = (
                    _button(self.view, "−", f"removeUnitButton_{k}",
                            tr("Remove the last unit of layer {k}").format(k=k), lambda k=k: self._on_remove_unit(k)),
                    _button(self.view, "+", f"addUnitButton_{k}",
                            tr("Add a unit to layer {k}").format(k=k), lambda k=k: self._on_add_unit(k)))
            minus, _plus = self.units[k]
            minus.setEnabled(net.sizes[k] > 1)
            minus.setToolTip(tr("Remove the last unit of layer {k}").format(k=k) if net.sizes[k] > 1
                             else tr("Layer {k} has one unit: remove the layer instead").format(k=k))
        self.remove_layer.setEnabled(net.depth > 1)
        self.remove_layer.setToolTip(tr("Remove the last hidden layer (undo: Ctrl+Z)") if net.depth > 1
                                     else tr("The network has no hidden layer to remove"))

    def place(self, left: int, top: int, column_bottom) -> None:
        """Layer buttons from (left, top) in the view; each unit pair under its column.

        ``column_bottom(k)`` is the viewport point under layer k's lowest unit, or None.  Where
        columns stand closer than a pair is wide (a tall network fitted into a short view), a
        pair that would overlap the one before it goes a row lower (:func:`stagger`).
        """
        for button in (self.add_layer, self.remove_layer):
            button.adjustSize()
        self.add_layer.move(left, top)
        self.remove_layer.move(self.add_layer.geometry().right() + 2, top)
        vp = self.view.viewport().geometry()
        wanted: dict[int, tuple[int, int]] = {}
        for k, (minus, plus) in self.units.items():
            minus.adjustSize()
            plus.adjustSize()
            point = column_bottom(k)
            if point is None:
                minus.hide()
                plus.hide()
                continue
            wanted[k] = (vp.left() + int(point.x()) - minus.width() - 1, vp.top() + int(point.y()) + BUTTON_GAP_PX)
        rows = stagger({k: (x, self.pair_width(k)) for k, (x, _y) in sorted(wanted.items())})
        for k, (x, y) in wanted.items():
            minus, plus = self.units[k]
            y += rows[k] * (minus.height() + BUTTON_GAP_PX)
            inside = vp.top() <= y and y + minus.height() <= vp.bottom()
            minus.move(x, y)
            plus.move(x + minus.width() + 2, y)
            for button in (minus, plus):
                button.setVisible(inside)
                button.raise_()
        self.add_layer.raise_()
        self.remove_layer.raise_()

    def pair_width(self, k: int) -> int:
        minus, plus = self.units[k]
        return minus.width() + 2 + plus.width()

    def width(self) -> int:
        return self.remove_layer.geometry().right() - self.add_layer.geometry().left()


def stagger(pairs: dict[int, tuple[int, int]], gap: int = 4) -> dict[int, int]:
    """The row (0, 1, ...) of each pair of buttons so that no two in a row overlap.

    ``pairs``: layer k -> (left x, width), in the order of the columns.  Each pair takes the
    first row where it keeps ``gap`` pixels from the pair before it in that row.
    """
    ends: list[int] = []              # the right edge of the last pair in each row
    rows = {}
    for k, (x, width) in pairs.items():
        row = next((r for r, end in enumerate(ends) if x >= end + gap), len(ends))
        if row == len(ends):
            ends.append(0)
        ends[row] = x + width
        rows[k] = row
    return rows


class ConnectionLegend(QWidget):
    """A key to the line styles (gui/editor/line_styles.py): a weight's sign, frozen, removed.

    The sign is always in the key (it is drawn by dashes as well as colour); frozen and removed
    appear while the network has such a connection.
    """

    # (kind, meaning): the meanings are shown through tr()
    ENTRIES = (("w+", "w ≥ 0"), ("w-", "w < 0"), ("frozen w+", str(QT_TR_NOOP("frozen: not updated"))),
               ("frozen w-", str(QT_TR_NOOP("frozen, w < 0"))), ("removed", str(QT_TR_NOOP("removed"))))
    SAMPLE_PX = 28

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("connectionLegend")
        self.setToolTip(tr("How the canvas draws connections: a positive weight solid, a negative one dashed, "
                           "each in its sign's colour and as wide as |w|; a frozen weight (dotted, dash-dotted "
                           "when negative) is not updated by training; a removed connection (thin grey dashes "
                           "with a ×) is absent. Freeze, remove or restore one from its context menu."))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.shown = {"w+", "w-"}
        self.hide()

    def entries(self) -> list[tuple[str, str]]:
        return [(kind, tr(text)) for kind, text in self.ENTRIES if kind in self.shown]

    def texts(self) -> list[str]:
        return [text for _kind, text in self.entries()]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        fm = self.fontMetrics()
        w = sum(self.SAMPLE_PX + 6 + fm.horizontalAdvance(t) + 14 for t in self.texts())
        return QSize(w + 4, fm.height() + 8)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        """One row: a sample of each line style (the pens of .line_styles) and its meaning."""
        c = theme.colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background = QColor(c["background"])
        background.setAlpha(225)
        painter.setPen(QPen(QColor(c["muted"]), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 4, 4)
        fm = self.fontMetrics()
        x, mid = 6.0, self.height() / 2
        for kind, text in self.entries():
            sample = QLineF(QPointF(x, mid), QPointF(x + self.SAMPLE_PX, mid))
            if kind == "removed":
                colour, width = QColor(c["muted"]), theme.line_width(REMOVED_WIDTH)
            else:
                colour, width = QColor(c["negative" if kind.endswith("w-") else "positive"]), theme.line_width(2.5)
            painter.setPen(weight_pen(colour, width, kind))
            painter.drawLine(sample)
            if kind == "removed":
                painter.setPen(QPen(colour, width))
                painter.drawLines(cross_lines(sample))
            x += self.SAMPLE_PX + 6
            painter.setPen(QColor(c["foreground"]))
            painter.drawText(QPointF(x, mid - fm.height() / 2 + fm.ascent()), text)
            x += fm.horizontalAdvance(text) + 14
        painter.end()

    def sync(self, net) -> None:
        """The entries the network needs: the signs always, frozen (by sign) and removed when present."""
        shown = {"w+", "w-"}
        for W, mask, frozen in zip(net.W, net.mask, net.frozen_W):
            if (~mask).any():
                shown.add("removed")
            live = frozen & mask
            if (live & (W >= 0)).any():
                shown.add("frozen w+")
            if (live & (W < 0)).any():
                shown.add("frozen w-")
        if shown != self.shown or self.size() != self.sizeHint():     # the text size may have changed
            self.shown = shown
            self.resize(self.sizeHint())
            self.update()
        self.setVisible(net.depth > 0)
