"""The network scene: builds items from the session's network, restyles them from its values.

The scene is rebuilt only when the structure changes (``network_changed``, a new document,
an option that moves things); a training step or a typed value only *restyles* the
existing items — colours, widths, labels, highlights, thumbnails — which stays cheap while
training runs.  The connections of each matrix are one item (:mod:`.connections`), so a
10-layer network of 32 units is a few hundred items, not eight thousand; an item for a
single connection is made only when it is clicked, hovered or asked for by key.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsScene

from backprop_studio.core.data.features import LABELS as FEATURE_LABELS
from backprop_studio.core.explain.refs import Ref
from backprop_studio.gui import theme

from ..language import tr
from .connections import ConnectionIndex, ConnectionLayerItem
from .fine import FineOverlay
from .headers import ColumnLabels
from .highlight import PhaseHighlight
from .items import (
    BiasConnectionItem,
    BiasMarkItem,
    BiasUnitItem,
    CollapsedMarkerItem,
    LabelItem,
    LayerHeaderItem,
    NeuronItem,
)
from .layout import Geometry, Layout, compute_layout, shown_units
from .line_styles import FROZEN, REMOVED, SOLID, line_kind
from .thumbnails import ThumbnailCache
from .values import batch_size, bias_gradient, fmt, gradient, unit_key, unit_values

if TYPE_CHECKING:
    from ..studio import StudioSession

THUMBNAIL_SECONDS = 0.3            # at most this often while training runs
FLASH_MS = 700
LEVELS = 24                        # |w| is drawn in this many shades and widths
CROWDED = 24                       # a matrix with more drawn weights labels the selection's only
DENSE = 2000                       # above this many connections: no labels, no antialiasing


def _blend(bg: QColor, fg: QColor, a: float) -> QColor:
    return QColor.fromRgbF(bg.redF() + (fg.redF() - bg.redF()) * a,
                           bg.greenF() + (fg.greenF() - bg.greenF()) * a,
                           bg.blueF() + (fg.blueF() - bg.blueF()) * a)


@dataclass
class ViewOptions:
    """What the canvas shows; toggled from the editor's View menu."""

    weight_labels: bool = False
    show_v_in: bool = False
    show_v_out: bool = False
    show_delta: bool = False
    show_gradients: bool = False
    bias_units: bool = False
    thumbnails: bool = True
    precision: int = 4                 # significant digits of every number printed


class NetworkScene(FineOverlay, PhaseHighlight, QGraphicsScene):
    def __init__(self, studio: StudioSession, options: ViewOptions, parent=None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.options = options
        self.layout: Layout | None = None
        self.neurons: dict[tuple[int, int], NeuronItem] = {}
        self.connections = ConnectionIndex(self)
        self.dense = False
        self.crowded: dict[int, bool] = {}
        self._highlight_key = None
        self.biases: dict[tuple[int, int], BiasMarkItem | BiasConnectionItem] = {}
        self.headers: dict[int, LayerHeaderItem] = {}
        self.w_labels: dict = {}
        self.markers: list[CollapsedMarkerItem] = []      # the "⋮ N more" of collapsed layers
        self._label_scale = 1.0            # the view scale the column labels are sized for
        self._content_rect = QRectF()
        self.unit_labels: dict[tuple[int, int], LabelItem] = {}
        self.connection_labels: dict[tuple[int, int, int], LabelItem] = {}
        self.bias_labels: dict[tuple[int, int], LabelItem] = {}
        self.highlighted_layers: set[int] = set()
        self._seen_step = 0
        self._thumb_time = 0.0
        self._flash = False
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self._raised = []
        self._thumbnails = ThumbnailCache()
        self._clearing = False
        self.selectionChanged.connect(self._on_selection_changed)

    # -- building ----------------------------------------------------------------------
    def rebuild(self) -> None:
        """Recreate every item for the current network (keeps the selection by id)."""
        selected = [(getattr(it, "kind", None), getattr(it, "key", None)) for it in self.selectedItems()]
        self._raised = []
        self._clearing = True
        self.clearSelection()
        self.clear()
        self._clearing = False
        self._highlight_key = None
        self.crowded = {}
        for d in (self.neurons, self.connections, self.biases, self.headers, self.unit_labels,
                  self.connection_labels, self.bias_labels):
            d.clear()
        net = self.studio.session.network
        c = theme.colors()
        self.setBackgroundBrush(QColor(c["background"]))
        tallest = max(len(shown_units(n)) for n in net.sizes)
        geometry = Geometry.for_options(self._thumbnails_possible(), self.options.weight_labels, tallest)
        bias_layers = [k for k in range(1, len(net.layers)) if net.layers[k].bias]
        self.layout = compute_layout(net.sizes, geometry,
                                     bias_layers if self.options.bias_units else None)
        self._build_connections(net)
        self._build_biases(net, c)
        self._build_units(net, c)
        self._content_rect = self.itemsBoundingRect()
        self._build_headers(net, c)
        self.fit_labels(self._label_scale)
        self._seen_step = self.studio.session.step_count
        for item in self.items():
            if (getattr(item, "kind", None), getattr(item, "key", None)) in selected:
                item.setSelected(True)
        for kind, key in selected:
            if kind == "connection" and key in self.connections:
                self.connections.handle(key).setSelected(True)
        self.restyle()

    def _thumbnails_possible(self) -> bool:
        ds, net = self.studio.session.dataset, self.studio.session.network
        return self.options.thumbnails and ds.raw_inputs.shape[1] == 2 and net.sizes[0] == ds.inputs.shape[1]

    def _point(self, k: int, i: int) -> QPointF:
        assert self.layout is not None, "laid out by rebuild()"
        return QPointF(*self.layout.pos[(k, i)])

    def _build_connections(self, net) -> None:
        assert self.layout is not None, "laid out by rebuild()"
        show_labels = self.options.weight_labels or self.options.show_gradients or self.studio.fine.enabled
        total = sum(len(shown_units(a)) * len(shown_units(b)) for a, b in net.weight_shapes())
        self.dense = total > DENSE
        pos = self.layout.pos
        for k in range(net.depth):
            sources, targets = shown_units(net.sizes[k]), shown_units(net.sizes[k + 1])
            self.crowded[k] = len(sources) * len(targets) > CROWDED
            ys = ([pos[(k, i)][1] for i in sources], [pos[(k + 1, j)][1] for j in targets])
            layer = ConnectionLayerItem(k, sources, targets, (self.layout.x(k), self.layout.x(k + 1)), ys)
            layer.antialias, layer.dense = not self.dense, self.dense
            self.addItem(layer)
            self.connections.layers[k] = layer
            if not show_labels or self.dense:
                continue
            for jn, j in enumerate(targets):
                # labels sit at a different fraction of the way for each target, so the
                # labels of one source's fan do not pile up where the lines cross
                t = 0.42 + 0.36 * (jn + 0.5) / len(targets)
                for a, i in enumerate(sources):
                    label = LabelItem()
                    label.anchor = layer.line(a, jn).pointAt(t)
                    self.addItem(label)
                    self.connection_labels[(k, i, j)] = label

    def _build_biases(self, net, c) -> None:
        assert self.layout is not None, "laid out by rebuild()"
        r = self.layout.geometry.radius
        for k in range(1, len(net.layers)):
            if not net.layers[k].bias:
                continue
            units = shown_units(net.sizes[k])
            if self.options.bias_units:
                at = QPointF(*self.layout.bias_unit[k])
                unit = BiasUnitItem(k, r, QColor(c["foreground"]))
                unit.setPos(at)
                self.addItem(unit)
            for _jn, j in enumerate(units):
                item: BiasConnectionItem | BiasMarkItem
                if self.options.bias_units:
                    item = BiasConnectionItem((k, j), at, self._point(k, j))
                    anchor = item.midpoint(0.85)    # just before its unit: no clash with W labels
                else:
                    item = BiasMarkItem(k, j)
                    item.setPos(self._point(k, j) + QPointF(-0.78 * r, -0.78 * r))
                    anchor = None
                self.addItem(item)
                self.biases[(k, j)] = item
                if self.options.weight_labels:
                    label = LabelItem()
                    label.anchor = anchor
                    self.addItem(label)
                    self.bias_labels[(k, j)] = label

    def _build_units(self, net, c) -> None:
        assert self.layout is not None, "laid out by rebuild()"
        r = self.layout.geometry.radius
        for (k, i), (x, y) in self.layout.pos.items():
            item = NeuronItem(k, i, r)
            item.setPos(x, y)
            self.addItem(item)
            self.neurons[(k, i)] = item
            label = LabelItem()
            label.setPos(x + r + 4, y - r + 2)
            self.addItem(label)
            self.unit_labels[(k, i)] = label
        self.markers = []
        for k, (x, y) in self.layout.gap.items():
            shown = shown_units(net.sizes[k])
            first, last = shown[len(shown) // 2 - 1] + 2, shown[len(shown) // 2]      # 1-based, not drawn
            marker = CollapsedMarkerItem(k, net.sizes[k] - len(shown), first, last)
            marker.setBrush(QColor(c["foreground"]))
            box = QColor(c["background"])
            box.setAlpha(225)
            marker.box = box
            marker.place(QPointF(x, y), 1.0)
            self.addItem(marker)
            self.markers.append(marker)

    def _build_headers(self, net, c) -> None:
        assert self.layout is not None, "laid out by rebuild()"
        self.column_labels = ColumnLabels(self, net, self.layout, QColor(c["foreground"]))
        self.headers = self.column_labels.headers
        self.w_labels = self.column_labels.w_labels

    def fit_labels(self, scale: float) -> None:
        """Keep headers and W labels legible in a view at ``scale``; the scene rect follows."""
        if self.layout is None:
            return
        self._label_scale = scale
        self.column_labels.fit(scale)
        for marker in self.markers:           # as legible as the headers when zoomed out
            marker.place(marker.centre, 1.0 / min(max(scale, 1e-6), 1.0))
        self.setSceneRect(self._content_rect.united(self.column_labels.rect()).adjusted(-40, -30, 40, 30))

    # -- restyling -----------------------------------------------------------------------
    def restyle(self) -> None:
        """Colours, widths, labels, highlights and thumbnails from the session's values."""
        if self.layout is None:
            return
        core = self.studio.session
        c = theme.colors()
        self._style_connections(core.network, c)
        self._style_units(core, c)
        self._style_labels(core)
        if core.step_count == self._seen_step + 1 and core.last is not None \
                and core.pending is None and not self.studio.running:
            self._flash = True
            self._flash_timer.start()
        self._seen_step = core.step_count
        self.apply_highlight()

    def _weight_scale(self, net) -> float:
        values = [np.abs(w[m]) for w, m in zip(net.W, net.mask) if m.any()]
        if self.options.bias_units:
            values += [np.abs(b) for b in net.b]
        return max([float(v.max()) for v in values if v.size] + [1e-12])

    @staticmethod
    def _palette(c: dict) -> dict[bool, list[QColor]]:
        """Opaque colours for |w| levels 0..LEVELS, blended into the background.

        Opaque lines paint several times faster than translucent ones, which matters
        with thousands of connections.
        """
        bg = QColor(c["background"])
        out = {}
        for positive, name in ((True, "positive"), (False, "negative")):
            col = QColor(c[name])
            out[positive] = [_blend(bg, col, 0.25 + 0.75 * q / LEVELS) for q in range(LEVELS + 1)]
        return out

    def _style_connections(self, net, c) -> None:
        scale = self._weight_scale(net)
        palette = self._palette(c)
        removed = QColor(c["muted"])
        for k, layer in self.connections.layers.items():
            rows = np.ix_(layer.sources, layer.targets)
            W = net.W[k][rows]
            level = np.rint(np.sqrt(np.minimum(np.abs(W) / scale, 1.0)) * LEVELS).astype(int)
            code = np.where(net.mask[k][rows], np.where(net.frozen_W[k][rows], FROZEN, SOLID), REMOVED)
            layer.set_style(level, W >= 0, code, palette, removed, LEVELS, QColor(c["background"]),
                            theme.line_width(1.0))
        self.connections.restack()
        for (k, j), item in self.biases.items():
            b, is_frozen = float(net.b[k - 1][j]), bool(net.frozen_b[k - 1][j])
            level = int(round(np.sqrt(min(abs(b) / scale, 1.0)) * LEVELS))
            if isinstance(item, BiasConnectionItem):
                item.set_style(palette[b >= 0][level], theme.line_width(0.6 + 4.4 * level / LEVELS),
                               line_kind(b >= 0, FROZEN if is_frozen else SOLID))
            elif (item.color, item.frozen, item.positive) != (palette[b >= 0][level], is_frozen, b >= 0):
                item.color, item.frozen, item.positive = palette[b >= 0][level], is_frozen, b >= 0
                item.update()

    def _style_units(self, core, c) -> None:
        images: dict[tuple[int, int], QImage] | None = {}
        if self._thumbnails_possible():
            now = time.perf_counter()
            if not self.studio.running or now - self._thumb_time > THUMBNAIL_SECONDS:
                shown = {k: shown_units(n) for k, n in enumerate(core.network.sizes)}
                ds = core.dataset
                images = self._thumbnails.get(core.network, ds.raw_inputs, shown, c, tuple(ds.features))
                self._thumb_time = now
            else:
                images = None                      # keep the current pictures
        bg, fg = QColor(c["background"]), QColor(c["foreground"])
        pos, neg = QColor(c["positive"]), QColor(c["negative"])
        rec = core.record
        s = self.studio.sample.within(batch_size(core))      # the sample the labels show
        shown = {k: rec.v_out[k][s] for k in range(len(rec.v_out))} if rec is not None else {}
        fine = self.fine_reveal()
        for (k, i), item in self.neurons.items():
            thumbnail = item.thumbnail if images is None else images.get((k, i))
            fill, negative = QColor(bg), False
            if k in shown and not (fine is not None and fine.hides(Ref("v_out", k, i))):
                v = float(shown[k][i])
                fill = _blend(bg, pos if v >= 0 else neg, min(abs(v), 1.0) * 0.6)
                negative = v < 0
            if (item.border, item.fill, item.thumbnail, item.negative) != (fg, fill, thumbnail, negative):
                item.border, item.fill, item.thumbnail, item.negative = fg, fill, thumbnail, negative
                item.update()

    def _fmt(self, key: Ref, value: float | None, precision: int) -> str:
        """A value, or "?" while it is hidden (``studio.hidden``: a lesson's question, exercise mode);
        "–" while fine stepping has not revealed it yet."""
        if value is not None and self.fine_hides(key):
            value = None
        return fmt(value, precision) if value is None else self.studio.hidden.text(key, fmt(value, precision))

    value_text = _fmt           # the one way the canvas prints a value (the keyboard's description too)

    def _unit_text(self, core, k: int, i: int, phase_lines: set[str]) -> str:
        o, p = self.options, self.options.precision
        wanted = {"v_in": o.show_v_in, "v_out": o.show_v_out, "delta": o.show_delta}
        names = [n for n in ("v_in", "v_out", "delta") if (wanted[n] or n in phase_lines)
                 and not (n == "delta" and k == 0)]
        # an input unit fed by an input feature is labelled with the feature (x₁², sin x₁, ...)
        features = core.dataset.features if k == 0 else []
        head = [FEATURE_LABELS[features[i]]] if i < len(features) else []
        if not names:
            return "\n".join(head)
        s = self.studio.sample.within(batch_size(core))      # the current sample (gui/shared_sample.py)
        values = unit_values(core, k, i, s)
        labels = {"v_in": "v_in", "v_out": "v_out", "delta": "δ"}
        return "\n".join(head + [f"{labels[n]} {self._fmt(unit_key(n, k, i, s), values[n], p)}" for n in names])

    def _style_labels(self, core) -> None:
        net, p = core.network, self.options.precision
        phase = core.pending.current_phase if core.pending is not None else None
        active = {}
        if phase is not None and phase.kind == "forward":
            active[phase.layer] = {"v_in", "v_out"}
        elif phase is not None and phase.kind == "backward":
            active[phase.layer] = {"delta"}
        plate = QColor(theme.colors()["background"])
        plate.setAlpha(210)
        fg = QColor(theme.colors()["foreground"])
        for (k, i), label in self.unit_labels.items():
            self._set_label(label, self._unit_text(core, k, i, active.get(k, set())), plate, fg)
        focus = self._label_focus()
        fine = self.fine_reveal()
        fine_edges = fine.edge_ticks() if fine is not None else {}
        for (k, i, j), label in self.connection_labels.items():
            fine_text = self.fine_edge_text(fine, fine_edges, k, i, j)
            self.fine_bold(label, fine is not None and (k, i, j) in fine.tick.edges)
            if fine_text is not None:
                self._set_label(label, fine_text, plate, fg, label.anchor)
                continue
            if self.crowded[k] and not ({("neuron", (k, i)), ("neuron", (k + 1, j)),
                                         ("connection", (k, i, j))} & focus):
                self._set_label(label, "", plate, fg)
                continue
            parts = []
            if self.options.weight_labels:
                parts.append(self._fmt(Ref("weight", k, i, j), net.W[k][i, j], p) if net.mask[k][i, j]
                             else tr("removed"))
            if self.options.show_gradients:
                parts.append(f"∂E/∂w {self._fmt(Ref('grad', k, i, j), gradient(core, k, i, j), p)}")
            self._set_label(label, "\n".join(parts), plate, fg, label.anchor)
        for (k, j), label in self.bias_labels.items():
            text = f"b {self._fmt(Ref('weight', k - 1, 0, j, bias=True), net.b[k - 1][j], p)}"
            if self.options.show_gradients and bias_gradient(core, k, j) is not None:
                text += f"\n∂E/∂b {self._fmt(Ref('grad', k - 1, 0, j, bias=True), bias_gradient(core, k, j), p)}"
            anchor = label.anchor
            if anchor is None:                       # beside the bias mark
                assert self.layout is not None, "labels are made by rebuild(), with the layout"
                x, y = self.layout.pos[(k, j)]
                r = self.layout.geometry.radius
                self._set_label(label, text, plate, fg)
                label.setPos(x - r - label.boundingRect().width() - 4, y - r - 12)
            else:
                self._set_label(label, text, plate, fg, anchor)

    def _label_focus(self) -> set:
        return {(it.kind, it.key) for it in self.selectedItems() if hasattr(it, "kind") and hasattr(it, "key")}

    def refresh_labels(self) -> None:
        """On a selection change: crowded matrices label the selected unit's connections."""
        if self.connection_labels and any(self.crowded.values()):
            self._style_labels(self.studio.session)

    @staticmethod
    def _set_label(label: LabelItem, text: str, plate: QColor, fg: QColor,
                   centre: QPointF | None = None) -> None:
        if label.text() != text:
            label.setText(text)
        label.plate = plate
        label.setBrush(fg)
        label.setVisible(bool(text))
        if centre is not None:
            b = label.boundingRect()
            label.setPos(centre.x() - b.width() / 2, centre.y() - b.height() / 2)

    # -- the connection under the mouse gets an item (see .connections) --------------------
    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.buttons() == Qt.MouseButton.NoButton:
            self.connections.under_mouse(event.scenePos())    # for its tooltip and menu
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.connections.under_mouse(event.scenePos())        # so Qt selects it
        super().mousePressEvent(event)

    def unit_rect(self, k: int, i: int) -> QRectF:
        return self.neurons[(k, i)].sceneBoundingRect()
