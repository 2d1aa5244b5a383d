"""The weights of one matrix W^(k->k+1) drawn by one graphics item, and picked one by one.

A 10-layer network of 32 units has over 8,000 connections; as 8,000 graphics items it
took most of a second to build and a fifth of a second to repaint.  So the lines of a
matrix are drawn by one :class:`ConnectionLayerItem` with ``drawLines``, weakest first:
a small network line by line in the order one item per line would paint (it looks the
same), a dense one (over 2,000 lines) one call per *bucket* of lines that share colour,
width, dash, highlight and opacity.  Clicking, hovering, tooltips and selection still work per connection: the scene
asks :meth:`ConnectionLayerItem.hit` which line passes under the mouse and only then
creates a selectable :class:`ConnectionItem` for it, an invisible handle that draws the
line itself only while selected.  :class:`ConnectionIndex` maps every key (k, i, j) to
such a handle, creating it on first access, so ``scene.connections[key]`` keeps working.

A weight's sign is drawn twice, in its colour and in its line (:mod:`.line_styles`).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from .items import SELECTABLE, halo, hit_shape, selection_colour
from .line_styles import REMOVED, REMOVED_WIDTH, cross_lines, line_kind, weight_pen

HIT_WIDTH = 8.0          # scene units: a connection can be clicked this close to its line
_HALO_STEPS = 4          # highlight widths are drawn in steps of 1/4 (a flash: 1..5, 17 buckets)


class ConnectionLayerItem(QGraphicsItem):
    """All drawn connections of W^(k->k+1): lines from ``sources`` of layer k to ``targets``.

    The scene sets the style of every line at once as arrays over (source, target)
    positions (:meth:`set_style`, :meth:`set_highlight`); the item groups the lines into
    buckets and repaints only when something changed.
    """

    def __init__(self, k: int, sources: list[int], targets: list[int],
                 x: tuple[float, float], ys: tuple[list[float], list[float]]) -> None:
        super().__init__()
        self.k = k
        self.sources, self.targets = sources, targets
        self.row = {i: a for a, i in enumerate(sources)}
        self.col = {j: b for b, j in enumerate(targets)}
        self.x0, self.x1 = x
        self.y0, self.y1 = np.asarray(ys[0], float), np.asarray(ys[1], float)
        self.lines = [QLineF(self.x0, ya, self.x1, yb) for ya in ys[0] for yb in ys[1]]
        shape = (len(sources), len(targets))
        self.level = np.zeros(shape, int)          # |w| as 0..levels
        self.positive = np.ones(shape, bool)
        self.code = np.zeros(shape, int)           # SOLID, FROZEN or REMOVED
        self.hl_width = np.zeros(shape)            # 0: no highlight
        self.opacity_of = np.ones(shape)
        self.palette: dict[bool, list[QColor]] = {True: [QColor()], False: [QColor()]}   # set_style's
        self.removed_color = QColor()
        self.levels = 1
        self.line_scale = 1.0              # the theme's: thicker lines on high contrast
        self.highlight_color: QColor | None = None
        self.background = QColor()
        self.antialias = True
        # dense: no antialiasing, and opaque flat-capped halos (translucent wide lines paint
        # about ten times slower: 8,000 of them took a fifth of a second)
        self.dense = False
        self._buckets: list | None = None
        self._drawn_at: np.ndarray | None = None      # each line's place in the painting order
        top, bottom = min(ys[0] + ys[1]), max(ys[0] + ys[1])
        self._bounds = QRectF(self.x0, top, self.x1 - self.x0, bottom - top).adjusted(-10, -10, 10, 10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(1)

    # -- style -------------------------------------------------------------------------
    def set_style(self, level: np.ndarray, positive: np.ndarray, code: np.ndarray,
                  palette: dict[bool, list[QColor]], removed: QColor, levels: int,
                  background: QColor, line_scale: float = 1.0) -> None:
        same = (np.array_equal(level, self.level) and np.array_equal(positive, self.positive)
                and np.array_equal(code, self.code) and palette == self.palette
                and removed == self.removed_color and background == self.background
                and line_scale == self.line_scale)
        self.palette, self.removed_color, self.levels = palette, removed, levels
        self.background, self.line_scale = background, line_scale
        if not same:
            self.level, self.positive, self.code = level, positive, code
            self._changed()

    def set_highlight(self, color: QColor | None, width: np.ndarray, opacity: np.ndarray) -> None:
        """``width`` > 0 lights a line with a halo ``width`` wider than the line; ``opacity`` per line."""
        per = 1 if self.dense else _HALO_STEPS           # dense: fewer buckets, as fine to the eye
        steps = np.maximum(np.round(width * per), 1) / per
        width = np.where(width > 0, steps, 0.0)
        if (color == self.highlight_color and np.array_equal(width, self.hl_width)
                and np.array_equal(opacity, self.opacity_of)):
            return
        self.highlight_color, self.hl_width, self.opacity_of = color, width, opacity
        self._changed()

    def _changed(self) -> None:
        self._buckets = None
        self.update()

    # -- one connection ----------------------------------------------------------------
    def color(self, a: int, b: int) -> QColor:
        if self.code[a, b] == REMOVED:
            return self.removed_color
        return self.palette[bool(self.positive[a, b])][int(self.level[a, b])]

    def width(self, a: int, b: int) -> float:
        return self._width(int(self.code[a, b]), int(self.level[a, b]))

    def _width(self, code: int, level: int) -> float:
        if code == REMOVED:
            return REMOVED_WIDTH * self.line_scale
        return (0.6 + 4.4 * level / self.levels) * self.line_scale

    def drawn_as(self, a: int, b: int) -> str:
        """How line (a, b) is drawn (:func:`.line_styles.line_kind`); not ``kind``, which names an
        item's selectable kind to the view."""
        return line_kind(bool(self.positive[a, b]), int(self.code[a, b]))

    def pen(self, a: int, b: int) -> QPen:
        return weight_pen(self.color(a, b), self.width(a, b), self.drawn_as(a, b))

    def z(self, a: int, b: int) -> float:
        """Stronger weights on top (as the buckets are painted)."""
        return 1 + max(int(self.level[a, b]), 0) / (self.levels + 1)

    def line(self, a: int, b: int) -> QLineF:
        return self.lines[a * len(self.targets) + b]

    def hit(self, p: QPointF) -> tuple[int, int] | None:
        """(i, j) of the connection drawn on top within HIT_WIDTH / 2 of ``p``, or None."""
        if not (self.x0 <= p.x() <= self.x1):
            return None
        t = (p.x() - self.x0) / (self.x1 - self.x0)
        dy = self.y1[None, :] - self.y0[:, None]                    # (sources, targets)
        y = self.y0[:, None] + t * dy
        # distance from p to each line (perpendicular), within the stroke's half width
        dist = np.abs(p.y() - y) * (self.x1 - self.x0) / np.hypot(self.x1 - self.x0, dy)
        near = dist <= HIT_WIDTH / 2
        if not near.any():
            return None
        if self._buckets is None:
            self._buckets = self._bucket_list()
        assert self._drawn_at is not None, "set with the buckets"
        drawn_at = np.where(near.ravel(), self._drawn_at, -1)       # the one painted last is on top
        a, b = np.unravel_index(int(np.argmax(drawn_at)), near.shape)
        return self.sources[a], self.targets[b]

    # -- painting ----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def _style_table(self) -> np.ndarray:
        """One row per line (row-major over sources, targets): rank, halo, opacity, sign, code."""
        removed = self.code == REMOVED
        # a removed line sorts with the weakest (dense: below them all, it is only grey anyway)
        rank = np.where(removed, -1 if self.dense else 0, self.level)
        return np.stack([rank.ravel(), self.hl_width.ravel(), self.opacity_of.ravel(),
                         self.positive.ravel().astype(int), self.code.ravel(), self.level.ravel()], axis=1)

    def _draw_order(self, table: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """The lines in painting order, and (start, end) runs of it drawn by one ``drawLines``.

        Small networks paint exactly as one item per line did: weakest first, ties in the
        order the lines were made (by target, then source), each halo right under its line.
        A dense network groups equal styles into one run each (order within a style is lost,
        which nobody can see among thousands of lines, and it paints far faster).
        """
        if self.dense:
            # one integer per style, ordered as (rank, halo, opacity, sign, code): weakest first
            _, opacity = np.unique(table[:, 2], return_inverse=True)
            parts = (table[:, 0] + 1, np.rint(table[:, 1] * _HALO_STEPS), opacity.ravel(),
                     table[:, 3], table[:, 4])
            key = np.zeros(len(table), np.int64)
            for part, size in zip(parts, (64, 256, 64, 2, 4)):
                key = key * size + part.astype(np.int64)
            order = np.argsort(key, kind="stable")
            cuts = (np.flatnonzero(np.diff(key[order])) + 1).tolist()
            return order, list(zip([0] + cuts, cuts + [len(order)]))
        n_targets = len(self.targets)
        index = np.arange(len(table))
        order = np.lexsort((index // n_targets, index % n_targets, table[:, 0]))
        styles = table[order, :5]
        runs, start = [], 0
        for n in range(1, len(order) + 1):
            if n == len(order) or styles[n - 1, 1] > 0 or not np.array_equal(styles[n], styles[n - 1]):
                runs.append((start, n))
                start = n
        return order, runs

    def _bucket_list(self) -> list:
        """[(pen, halo pen or None, opacity, lines)] in painting order."""
        table = self._style_table()
        order, runs = self._draw_order(table)
        self._drawn_at = np.empty(len(order), int)
        self._drawn_at[order] = np.arange(len(order))
        out, pens, halos = [], {}, {}
        rows = table[order].tolist()
        for start, end in runs:
            _rank, hl, opacity, positive, code, level = rows[start]
            code, level = int(code), int(level)
            if (positive, code, level) not in pens:
                color = self.removed_color if code == REMOVED else self.palette[bool(positive)][level]
                width = self._width(code, level)
                pens[positive, code, level] = (weight_pen(color, width, line_kind(bool(positive), code)), width)
            pen, width = pens[positive, code, level]
            glow = None
            if hl > 0 and self.highlight_color is not None:
                if width + hl not in halos:
                    halos[width + hl] = self._halo_pen(width + hl, self.highlight_color)
                glow = halos[width + hl]
            lines = [self.lines[n] for n in order[start:end].tolist()]
            out.append((pen, glow, opacity, lines))
            if code == REMOVED:               # its × (solid): "removed" is never a colour alone
                cross = QPen(self.removed_color, REMOVED_WIDTH * self.line_scale, Qt.PenStyle.SolidLine,
                             Qt.PenCapStyle.FlatCap)
                out.append((cross, None, opacity, [c for line in lines for c in cross_lines(line)]))
        return out

    def _halo_pen(self, width: float, color: QColor) -> QPen:
        if not self.dense:
            return QPen(halo(color, 150), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        bg, fg, a = self.background, color, 150 / 255
        opaque = QColor.fromRgbF(*(u + (v - u) * a for u, v in zip((bg.redF(), bg.greenF(), bg.blueF()),
                                                                   (fg.redF(), fg.greenF(), fg.blueF()))))
        return QPen(opaque, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._buckets is None:
            self._buckets = self._bucket_list()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias)
        base = painter.opacity()
        for pen, glow, opacity, lines in self._buckets:
            painter.setOpacity(base * opacity)
            if glow is not None:
                painter.setPen(glow)
                painter.drawLines(lines)
            painter.setPen(pen)
            painter.drawLines(lines)
        painter.setOpacity(base)


class ConnectionItem(QGraphicsItem):
    """W^(k->k+1)[i, j] as a selectable handle; its style is read from its layer's item.

    It draws nothing unless selected (the layer item draws the line); selected, it draws
    the selection, the highlight and the line on top of the others.
    """

    kind = "connection"

    def __init__(self, key: tuple[int, int, int], layer: ConnectionLayerItem) -> None:
        super().__init__()
        self.key = key
        self.layer = layer
        self._ab = (layer.row[key[1]], layer.col[key[2]])
        self.line = layer.line(*self._ab)
        self._bounds = QRectF(self.line.p1(), self.line.p2()).normalized().adjusted(-10, -10, 10, 10)
        self._shape: QPainterPath | None = None
        self.pinned = False                  # asked for by key (kept until the next rebuild)
        self.setFlag(SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.restack()

    # style, as drawn by the layer item
    @property
    def color(self) -> QColor:
        return self.layer.color(*self._ab)

    @property
    def width(self) -> float:
        return self.layer.width(*self._ab)

    @property
    def drawn_as(self) -> str:
        """How it is drawn: "w+", "w-", "frozen w+", "frozen w-" or "removed" (:func:`line_kind`)."""
        return self.layer.drawn_as(*self._ab)

    @property
    def pen_style(self) -> Qt.PenStyle:
        return self.layer.pen(*self._ab).style()

    @property
    def highlight(self) -> QColor | None:
        return self.layer.highlight_color if self.layer.hl_width[self._ab] > 0 else None

    @property
    def highlight_width(self) -> float:
        return float(self.layer.hl_width[self._ab])

    @property
    def base_z(self) -> float:
        return self.layer.z(*self._ab)

    def restack(self) -> None:
        """Selected: above every line; else level with its own line (for picking)."""
        self.setZValue(5 if self.isSelected() else self.base_z)

    def midpoint(self, t: float = 0.5) -> QPointF:
        return self.line.pointAt(t)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = hit_shape(self.line, HIT_WIDTH)
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self.isSelected():
            return
        width = self.width
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.layer.antialias)
        painter.setPen(QPen(selection_colour(), width + 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(self.line)
        if self.highlight is not None:
            painter.setPen(QPen(halo(self.highlight, 150), width + self.highlight_width,
                                Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(self.line)
        painter.setPen(self.layer.pen(*self._ab))
        painter.drawLine(self.line)


class ConnectionIndex(Mapping):
    """key (k, i, j) -> :class:`ConnectionItem`, created (and added to the scene) when first asked for.

    Iterating the values creates a handle for every connection: fine for small networks
    and tests; the scene itself only ever asks for single keys.
    """

    def __init__(self, scene) -> None:
        self.scene = scene
        self.layers: dict[int, ConnectionLayerItem] = {}
        self.handles: dict[tuple[int, int, int], ConnectionItem] = {}
        self._hover: ConnectionItem | None = None

    def clear(self) -> None:
        self.layers.clear()
        self.handles.clear()
        self._hover = None

    def __contains__(self, key) -> bool:
        try:
            k, i, j = key
        except (TypeError, ValueError):
            return False
        layer = self.layers.get(k)
        return layer is not None and i in layer.row and j in layer.col

    def __getitem__(self, key) -> ConnectionItem:
        item = self.handle(key)
        item.pinned = True
        return item

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        for k, layer in self.layers.items():
            for i in layer.sources:
                for j in layer.targets:
                    yield k, i, j

    def __len__(self) -> int:
        return sum(len(layer.sources) * len(layer.targets) for layer in self.layers.values())

    def handle(self, key) -> ConnectionItem:
        """The handle of ``key``, created and added to the scene if it has none yet."""
        item = self.handles.get(key)
        if item is None:
            if key not in self:
                raise KeyError(key)
            item = ConnectionItem(tuple(key), self.layers[key[0]])
            self.scene.addItem(item)
            self.handles[tuple(key)] = item
        return item

    def at(self, p: QPointF) -> tuple[int, int, int] | None:
        """The key of the connection on top at scene point ``p``, or None."""
        for k, layer in self.layers.items():
            ij = layer.hit(p)
            if ij is not None:
                return (k, *ij)
        return None

    def under_mouse(self, p: QPointF) -> None:
        """Give the connection under the mouse a handle, so Qt can select it and show its tooltip.

        The previous handle made this way goes, unless it is selected or was asked for by key.
        """
        key = self.at(p)
        item = self.handle(key) if key is not None else None
        old = self._hover
        if old is not None and old is not item and not old.isSelected() and not old.pinned \
                and self.handles.get(old.key) is old:
            del self.handles[old.key]
            self.scene.removeItem(old)
        self._hover = item

    def restack(self) -> None:
        for item in self.handles.values():
            item.restack()
