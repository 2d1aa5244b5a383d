"""The loss curve: training and test loss per step or per epoch, live while training runs.

Both curves read the session's training log (:mod:`core.training.log`) and keep nothing of
their own.  The training curve is the batch loss of every step taken (``log.curve``, each
before its update): one point per step (up to :data:`MAX_BYTES`, then one every k steps, as
the log thins it) and cut back when the user steps back.  The test loss costs a forward pass
over the whole test set, so the log holds it every k-th step (every step for a test set no
larger than a batch) and at every position shown when not running (each step taken by hand,
a paused run: the studio records it there).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backprop_studio.core.training.log import CURVE_BYTES, TEST_BYTES
from backprop_studio.core.training.thinned_series import ThinnedSeries
from backprop_studio.gui import theme
from backprop_studio.gui.language import QT_TR_NOOP, tr

from .common import Throttle, draw_visible_peaks, style_legend

if TYPE_CHECKING:
    from ..studio import StudioSession

MAX_BYTES = CURVE_BYTES
"""The training curve (the log's ``curve``) holds at most this: see :data:`core.training.log.CURVE_BYTES`."""
TEST_MAX_BYTES = TEST_BYTES
"""The test losses (in the log) keep at most this (16 bytes a sample), thinned the same way."""
LOG_FLOOR = 1e-12
"""Losses are clipped to this before a log-scale plot (a loss of exactly 0 has no log)."""
LEGEND_CORNERS = {   # corner -> (legend point, view box point, offset in pixels); first preferred
    "top right": ((1, 0), (1, 0), (-4, 2)),
    "bottom left": ((0, 1), (0, 1), (4, -2)),
    "top left": ((0, 0), (0, 0), (4, 2)),
    "bottom right": ((1, 1), (1, 1), (-4, -2)),
}
REDRAW_SECONDS = 1 / 30
"""While training runs the curve is redrawn at most this often."""
LEGEND_ROOM = 3
"""The legend shows when the plot is at least this many legend rows tall."""
LEGEND_SAMPLE = 2000
"""At most this many curve points are tested when choosing the legend's corner."""


LEGEND_POINTS = 8        # the legend's text at 100 % (small: one row in a corner)
# the legend's names of the two curves: per step, per epoch (translated where shown)
STEP_NAMES = (QT_TR_NOOP("training (batch)"), QT_TR_NOOP("test (sampled)"))
EPOCH_NAMES = (QT_TR_NOOP("training (epoch mean)"), QT_TR_NOOP("test (end of epoch)"))

class LossCurve(QWidget):
    """Training loss per step (or mean per epoch), sampled test loss, a current-position marker."""

    # the vertical line at the current step; the name hides QWidget.cursor(), and tests read it
    cursor: pg.InfiniteLine

    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossCurve")
        self.studio = studio
        self._framed = False          # the view range is set by hand while there are < 2 points
        # while running, redrawn at most once a frame, in a turn of the event loop of its own
        self._throttle = Throttle(REDRAW_SECONDS, self._redraw, self)
        self._build()
        studio.step_taken.connect(self._on_session_step_taken)
        studio.run_state_changed.connect(self._on_session_run_state_changed)
        theme.signals.changed.connect(self._on_theme_changed)
        self._on_theme_changed()
        self._on_session_step_taken()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.axis_choice = QComboBox()
        self.axis_choice.addItems([tr("per step"), tr("per epoch")])
        self.axis_choice.setToolTip(tr("Per step: the batch loss of every training step.\n"
                                       "Per epoch: the mean batch loss over each epoch."))
        self.log_scale = QCheckBox(tr("Log scale"))
        self.log_scale.setToolTip(tr("Show the loss on a logarithmic axis (losses of 0 are drawn at 1e-12)"))
        self.readout = QLabel(tr("hover over the plot to read a step's loss"))
        self.readout.setToolTip(tr("Hover over the plot to read the step and its loss"))
        self.readout.setWordWrap(True)     # beside the decision boundary the dock is narrow: wrap, not cut
        self.plot = pg.PlotWidget()
        self.plot.setToolTip(tr(
            "Training loss: the batch loss of each step, before its update (one point per step).\n"
            "Test loss: at every step when stepping by hand; while running every step for a test set "
            "no larger than a batch, else every k-th step (k grows with the test set)."))
        item = self.plot.getPlotItem()
        item.setLabel("left", tr("loss E"))
        item.setLabel("bottom", tr("training step"))
        item.getAxis("left").enableAutoSIPrefix(False)
        # compact: one row, small type, no frame; it sits in the corner the curve leaves free
        self.legend = item.addLegend(offset=None, brush=None, frame=False,
                                     labelTextSize=f"{LEGEND_POINTS}pt", colCount=2, horSpacing=8)
        self.legend.layout.setContentsMargins(2, 0, 2, 0)
        self.legend_corner = ""
        item.vb.sigResized.connect(self._on_view_changed)
        item.vb.sigRangeChanged.connect(self._on_view_changed)     # auto-range follows setData later
        self.train_curve = item.plot([], [], name=tr(STEP_NAMES[0]))
        self.test_curve = item.plot([], [], name=tr(STEP_NAMES[1]))
        for curve in (self.train_curve, self.test_curve):
            draw_visible_peaks(curve)
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.marker = item.plot([], [], pen=None, symbol="o", symbolSize=11)
        item.addItem(self.cursor, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.axis_choice.currentIndexChanged.connect(self._on_axis_choice_changed)
        self.log_scale.toggled.connect(self._on_log_scale_toggled)
        bar = QHBoxLayout()
        bar.addWidget(self.axis_choice)
        bar.addWidget(self.log_scale)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)
        # under the plot, the dock's whole width: one line at 100 %, beside the combo box it
        # wrapped into three, and into a column at a large text size
        layout.addWidget(self.readout)

    def _on_theme_changed(self) -> None:
        c = theme.colors()
        theme.style_plot(self.plot)
        for curve, colour in ((self.train_curve, c["train"]), (self.test_curve, c["test"])):
            curve.setSymbolBrush(pg.mkBrush(colour))
            curve.setSymbolPen(pg.mkPen(colour))
            curve.setSymbolSize(6)
        self.train_curve.setPen(pg.mkPen(c["train"], width=theme.line_width(1.5)))
        self.test_curve.setPen(pg.mkPen(c["test"], width=theme.line_width(2), style=pg.QtCore.Qt.PenStyle.DashLine))
        self.cursor.setPen(pg.mkPen(c["muted"], width=theme.line_width(1)))
        self.marker.setSymbolBrush(pg.mkBrush(c["highlight"]))
        self.marker.setSymbolPen(pg.mkPen(c["foreground"], width=1))
        style_legend(self.legend, c["foreground"], LEGEND_POINTS)
        plate = QColor(c["muted"])
        plate.setAlpha(30)
        self.legend.setBrush(plate)

    # -- recording -----------------------------------------------------------------------
    @property
    def per_epoch(self) -> bool:
        return self.axis_choice.currentIndex() == 1

    @property
    def train(self) -> ThinnedSeries:
        """The log's (loss, epoch) rows at steps 1, 2, ... (thinned by the log past MAX_BYTES)."""
        return self.studio.session.log.curve

    @property
    def test(self) -> ThinnedSeries:
        """The log's test losses (width 1)."""
        return self.studio.session.log.test

    @property
    def test_steps(self) -> list[int]:
        return self.test.steps.tolist()

    @property
    def test_values(self) -> list[float]:
        return self.test.rows[:, 0].tolist()

    def _on_session_step_taken(self) -> None:
        if self.isVisible():
            self._throttle.request(self.studio.running)

    def _on_session_run_state_changed(self, running: bool) -> None:
        if not running:   # paused: the final position has its test loss now (the studio's rule)
            self._on_session_step_taken()

    # -- drawing -------------------------------------------------------------------------
    def curve_data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(x, training loss, test x, test loss) as drawn in the current mode (log not applied)."""
        train = self.train
        steps, losses, epochs = train.steps, train.rows[:, 0], train.rows[:, 1].astype(np.int64)
        test_x, test_y = self.test.steps.astype(np.float64), self.test.rows[:, 0].copy()
        if not self.per_epoch:
            return steps.astype(np.float64), losses, test_x, test_y
        if len(losses) == 0:
            train_x, train_y = np.empty(0), np.empty(0)
        else:
            counts = np.bincount(epochs)
            sums = np.bincount(epochs, weights=losses)
            seen = counts > 0
            train_x = np.flatnonzero(seen).astype(np.float64) + 1
            train_y = sums[seen] / counts[seen]
        if len(test_x):
            # a sample at step s belongs to the epoch of step s (epoch e is drawn at e + 1)
            at = np.maximum(np.searchsorted(steps, test_x, side="right") - 1, 0)   # kept step <= s
            ep = np.where(test_x > 0, epochs[at] + 1, 0) if len(epochs) else np.zeros(len(test_x), np.int64)
            last = np.r_[ep[1:] != ep[:-1], True]   # the latest sample of each epoch
            test_x, test_y = ep[last].astype(np.float64), test_y[last]
        return train_x, train_y, test_x, test_y

    def _shown(self, y: np.ndarray) -> np.ndarray:
        return np.maximum(y, LOG_FLOOR) if self.log_scale.isChecked() else y

    def _redraw(self) -> None:
        train_x, train_y, test_x, test_y = self.curve_data()
        self.train_curve.setData(train_x, self._shown(train_y))
        self.test_curve.setData(test_x, self._shown(test_y))
        symbol = "o" if self.per_epoch else None
        self.train_curve.setSymbol(symbol)
        self.test_curve.setSymbol(symbol)
        self._show_test_entry(len(self.studio.session.dataset.test_inputs) > 0)
        names = EPOCH_NAMES if self.per_epoch else STEP_NAMES
        for (_sample, label), name in zip(self.legend.items, map(tr, names)):
            if label.text != name:
                label.setText(name)
        self._place_marker(train_x, train_y)
        self._frame_few_points(train_x, train_y)
        self._place_legend(*self._legend_obstacles(train_x, train_y, test_x, test_y))

    def _frame_few_points(self, x: np.ndarray, y: np.ndarray) -> None:
        """With fewer than two points auto-range would frame fractional steps and negative losses.

        Steps start at 0 and losses are never negative: frame [0, here + 1] x [0, the loss]
        until there is a curve to auto-range on (then auto-range again, once).
        """
        vb = self.plot.getPlotItem().vb
        if len(x) >= 2:
            if self._framed:
                self._framed = False
                vb.enableAutoRange()
            return
        self._framed = True
        right = max(float(x[-1]) if len(x) else float(self.studio.session.step_count), 1.0) + 1
        vb.setXRange(0, right, padding=0.02)
        if not self.log_scale.isChecked():
            top = float(y[-1]) if len(y) and np.isfinite(y[-1]) and y[-1] > 0 else 1.0
            vb.setYRange(0, 1.25 * top, padding=0)

    def _place_legend(self, x: np.ndarray, y: np.ndarray) -> None:
        """Put the legend in the corner that hides the fewest curve points (top right on ties).

        In a plot squeezed to a strip it would hide most of the curve: it is left out then
        (the plot's tooltip names the curves).
        """
        vb = self.plot.getPlotItem().vb
        box, size = vb.sceneBoundingRect(), self.legend.boundingRect().size()
        self.legend.setVisible(box.height() >= LEGEND_ROOM * size.height())
        if len(x) > LEGEND_SAMPLE:             # the newest points count most: keep them all
            keep = np.r_[np.linspace(0, len(x) - LEGEND_SAMPLE // 2, LEGEND_SAMPLE // 2).astype(int),
                         np.arange(len(x) - LEGEND_SAMPLE // 2, len(x))]
            x, y = x[keep], y[keep]
        y = self._shown(y)
        if self.log_scale.isChecked():
            y = np.log10(y)
        counts = {}
        for corner, (_own, at, offset) in LEGEND_CORNERS.items():
            left = box.left() + at[0] * box.width() - at[0] * size.width() + offset[0]
            top = box.top() + at[1] * box.height() - at[1] * size.height() + offset[1]
            area = vb.mapSceneToView(pg.QtCore.QRectF(left, top, size.width(), size.height())).boundingRect()
            inside = (x >= area.left()) & (x <= area.right()) & (y >= area.top()) & (y <= area.bottom())
            counts[corner] = int(np.count_nonzero(inside))
        best = min(counts, key=lambda c: (counts[c], c != "top right"))
        if self.legend_corner in counts and counts[self.legend_corner] <= counts[best]:
            best = self.legend_corner          # no flicker between equally good corners
        if best != self.legend_corner:
            self.legend_corner = best
            own, at, offset = LEGEND_CORNERS[best]
            self.legend.anchor(own, at, offset)

    def _on_view_changed(self, *_args) -> None:
        self._place_legend(*self._legend_obstacles(*self.curve_data()))

    @staticmethod
    def _legend_obstacles(*curves: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The points the legend should not hide: each curve's points, and a few hundred along
        its lines when it has fewer (a per-epoch curve's segments are long)."""
        xs, ys = [], []
        for x, y in zip(curves[0::2], curves[1::2]):
            xs.append(x)
            ys.append(y)
            if 1 < len(x) < LEGEND_SAMPLE // 4:
                along = np.linspace(x[0], x[-1], LEGEND_SAMPLE // 4)
                xs.append(along)
                ys.append(np.interp(along, x, y))
        return np.concatenate(xs), np.concatenate(ys)

    def _show_test_entry(self, shown: bool) -> None:
        """The test curve and its legend entry appear only when there is a test set."""
        self.test_curve.setVisible(shown)
        listed = any(sample.item is self.test_curve for sample, _label in self.legend.items)
        if shown and not listed:
            self.legend.addItem(self.test_curve, tr(STEP_NAMES[1]))
            style_legend(self.legend, theme.colors()["foreground"], LEGEND_POINTS)
        elif listed and not shown:
            self.legend.removeItem(self.test_curve)

    def _place_marker(self, x: np.ndarray, y: np.ndarray) -> None:
        """The current position: the last step taken (or the current epoch)."""
        core = self.studio.session
        here = float(x[-1]) if self.per_epoch and len(x) else float(core.step_count)
        self.cursor.setValue(here)
        if len(y):
            self.marker.setData([here], self._shown(y[-1:]))
        else:
            self.marker.setData([], [])

    def _on_axis_choice_changed(self) -> None:
        self.plot.getPlotItem().setLabel("bottom", tr("epoch") if self.per_epoch else tr("training step"))
        self._redraw()

    def _on_log_scale_toggled(self, on: bool) -> None:
        self.plot.getPlotItem().setLogMode(x=False, y=on)
        self._redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw()

    # -- hover readout ---------------------------------------------------------------------
    def _on_scene_mouse_moved(self, pos: QPointF) -> None:
        item = self.plot.getPlotItem()
        if not item.sceneBoundingRect().contains(pos):
            return
        x = item.vb.mapSceneToView(pos).x()
        self.readout.setText(self.readout_at(x))

    def readout_at(self, x: float) -> str:
        """The text shown when hovering at horizontal position ``x`` (a step or an epoch)."""
        train_x, train_y, test_x, test_y = self.curve_data()
        if len(train_x) == 0:
            return tr("no training steps yet")
        i = int(np.clip(np.searchsorted(train_x, x - 0.5), 0, len(train_x) - 1))
        if self.per_epoch:
            text = tr("epoch {n}: mean batch loss {loss}")
            test = tr("   test loss {loss} (epoch {n})")
        else:
            text = tr("step {n}: batch loss {loss}")
            test = tr("   test loss {loss} (step {n})")
        text = text.format(n=f"{train_x[i]:.0f}", loss=f"{train_y[i]:.6g}")
        if len(test_x):
            j = int(np.argmin(np.abs(test_x - train_x[i])))
            text += test.format(loss=f"{test_y[j]:.6g}", n=f"{test_x[j]:.0f}")
        return text
