"""Diagnostics: gradient and weight norms per layer over training, and dead ReLU units.

Finding the dead units takes a forward pass over the whole training set: a
:class:`~.dataset_pass.DatasetPass` does it in place for a small network or dataset, in a
worker thread for a big one.

The norms are the session's training log (:mod:`core.training.log`): per step, every step,
whether stepped by hand or run in chunks, cut when stepping back, thinned evenly past
:data:`MAX_BYTES` (4 MiB).  :class:`NormRecorder` is the view's reading of it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QComboBox, QVBoxLayout, QWidget

from backprop_studio.core.training.log import NORM_BYTES
from backprop_studio.core.training.metrics import dead_units
from backprop_studio.gui import theme
from backprop_studio.gui.compact import MIN_PLOT_PX, PLOT_AXES_PX, FoldingLabel
from backprop_studio.gui.language import tr
from backprop_studio.gui.throttle import Throttle

from .common import draw_visible_peaks
from .dataset_pass import DatasetPass

if TYPE_CHECKING:
    from ..studio import StudioSession

VANISHING_RATIO = 1e-3   # first-layer gradient norm below this fraction of the last layer's
EXPLODING_NORM = 1e3
SIDE_BY_SIDE_PX = 230     # the least width of a plot beside the other: its ticks must not run together
MAX_BYTES = NORM_BYTES   # the norm records: (1 + 2L) numbers a row, thinned evenly past this



# layer k's curve: its colour and its dash, so that layers are told apart without colour
LAYER_DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine,
                Qt.PenStyle.DashDotDotLine)
LAYER_GLYPHS = ("━━", "╺╸╺", "┅┅", "╺·╸", "╸··")    # the same dashes, in the summary's key


def layer_pen(k: int):
    """The pen of layer k+1's curve (0-based ``k``)."""
    return pg.mkPen(theme.class_colour(k), width=theme.line_width(2),
                    style=LAYER_DASHES[k % len(LAYER_DASHES)])


def layer_key(k: int) -> str:
    """The key of layer k+1's curve in the summary: its dash in its colour."""
    return f"<b style='color:{theme.class_colour(k)}'>{LAYER_GLYPHS[k % len(LAYER_GLYPHS)]}</b>"

class NormRecorder(QObject):
    """Per-layer gradient and weight norms at the logged steps (it reads ``session.log.norms``).

    ``steps`` has shape (n,); ``gradient`` and ``weight`` have shape (n, L): row i holds
    ||dE/dW^(k-1->k)|| of step ``steps[i]`` (nan when that step's gradient is not known)
    and ||W^(k-1->k)|| after it.
    """

    def __init__(self, studio: StudioSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.studio = studio

    @property
    def _series(self):
        return self.studio.session.log.norms

    @property
    def n(self) -> int:
        return len(self._series)

    @property
    def steps(self) -> np.ndarray:
        return self._series.steps

    @property
    def gradient(self) -> np.ndarray:
        return self._series.rows[:, :self._series.width // 2]

    @property
    def weight(self) -> np.ndarray:
        return self._series.rows[:, self._series.width // 2:]


def dead_unit_text(net, x: np.ndarray) -> str:
    """A sentence naming the dead ReLU units of ``net`` on the training inputs ``x``."""
    return dead_text(dead_units(net, x))


def dead_text(dead: list[np.ndarray | None]) -> str:
    """A sentence naming the dead units of :func:`core.training.metrics.dead_units`'s answer."""
    if all(d is None for d in dead):
        return tr("Dead ReLU units: none possible (no ReLU layer).")
    found = [tr("layer {k} unit {i}").format(k=k, i=i + 1) for k, d in enumerate(dead) if d is not None
             for i in np.flatnonzero(d)]
    if not found:
        return tr("Dead ReLU units: none (every ReLU unit is active for some training sample).")
    return tr("Dead ReLU units ({n}): {units} - v_in <= 0 for every training sample, so they output 0 and "
              "learn nothing.").format(n=len(found), units=", ".join(found))


class Diagnostics(QWidget):
    """Two plots (gradient norm and weight norm per layer over steps) and the dead-unit report."""

    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingDiagnostics")
        self.studio = studio
        self.recorder = NormRecorder(studio, self)
        self._throttle = Throttle(0.1, self.refresh, self)
        self.gradient_plot = self._plot("‖∂E/∂W‖",
                                        tr("The gradient norm of each layer's incoming weights at every training "
                                           "step.\nA first layer far "
                                           "below the last shows vanishing gradients; a fast rise, exploding ones."))
        self.gradient_plot.getPlotItem().setLogMode(y=True)
        self.weight_plot = self._plot("‖W‖", tr("The Frobenius norm of each layer's incoming weights "
                                         "W^(k-1→k), one curve per layer (colours as in the line below)"))
        self.summary = FoldingLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setToolTip(tr("The latest gradient norm of each layer (its colour in both plots), "
                                   "with a warning for vanishing or exploding gradients"))
        self.dead = FoldingLabel()
        self.dead.setTextFormat(Qt.TextFormat.PlainText)
        self.dead.setToolTip(tr("A ReLU unit is dead when its v_in <= 0 for every training sample"))
        self.dead.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # the plots sit above each other where each keeps its height, else side by side where
        # each keeps its width, else one at a time (a 300 x 310 page at 1366x768): _arrange
        self.which = QComboBox()
        self.which.addItems([tr("gradient norms ‖∂E/∂W‖"), tr("weight norms ‖W‖")])
        self.which.setToolTip(tr("The plot to show (the page is too small for both)"))
        self.which.currentIndexChanged.connect(self._arrange)
        self.plots = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.plots.addWidget(self.gradient_plot, 1)
        self.plots.addWidget(self.weight_plot, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addWidget(self.which, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.plots, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.dead)
        self._dead_pass = DatasetPass(lambda net, ds: dead_units(net, ds.inputs), len, self)
        self._dead_pass.done.connect(lambda dead: self.dead.setText(dead_text(dead)))
        self._dead_pass.failed.connect(self.dead.setText)
        studio.document_changed.connect(self._dead_pass.forget)
        self._gradient_curves: list[pg.PlotDataItem] = []
        self._weight_curves: list[pg.PlotDataItem] = []
        studio.step_taken.connect(self._on_session_step_taken)
        studio.network_changed.connect(self._on_session_network_changed)
        studio.run_state_changed.connect(self._on_session_step_taken)
        theme.signals.changed.connect(self._on_theme_changed)
        self._on_session_network_changed()

    def _plot(self, title: str, tip: str) -> pg.PlotWidget:
        plot = pg.PlotWidget()
        plot.setToolTip(tip)
        item = plot.getPlotItem()
        item.setLabel("left", title)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.setLabel("bottom", tr("training step"))
        plot.setMinimumHeight(MIN_PLOT_PX + PLOT_AXES_PX)
        theme.style_plot(plot)
        return plot

    def _on_theme_changed(self) -> None:
        theme.style_plot(self.gradient_plot)
        theme.style_plot(self.weight_plot)
        for curves in (self._gradient_curves, self._weight_curves):
            for k, curve in enumerate(curves):
                curve.setPen(layer_pen(k))


    def _on_session_network_changed(self) -> None:
        """One curve per layer; re-created only when the structure changes."""
        layers = self.studio.session.network.depth
        for plot, curves in ((self.gradient_plot, self._gradient_curves), (self.weight_plot, self._weight_curves)):
            item = plot.getPlotItem()
            for curve in curves:
                item.removeItem(curve)
            curves.clear()
            for _k in range(1, layers + 1):
                curves.append(item.plot([], []))
                draw_visible_peaks(curves[-1])
        self._on_theme_changed()
        self.refresh()

    def _on_session_step_taken(self, *_args) -> None:
        if self.isVisible():
            self._throttle.request(self.studio.running)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self, *_args) -> None:
        """Both plots above each other, side by side, or the chosen one: from the page's size
        alone (what the arrangement changes, the chooser's row, is left out of the sum), so a
        resize reaches a fixed point."""
        tall = self.height() - 2 * self.summary.sizeHint().height() - 12 >= 2 * (MIN_PLOT_PX + PLOT_AXES_PX)
        wide = self.width() >= 2 * SIDE_BY_SIDE_PX
        self.plots.setDirection(QBoxLayout.Direction.TopToBottom if tall or not wide
                                else QBoxLayout.Direction.LeftToRight)
        one = not (tall or wide)
        self.which.setVisible(one)
        self.gradient_plot.setVisible(not one or self.which.currentIndex() == 0)
        self.weight_plot.setVisible(not one or self.which.currentIndex() == 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        rec = self.recorder
        x = rec.steps.astype(np.float64)
        for k, curve in enumerate(self._gradient_curves):
            g = rec.gradient[:, k] if rec.n else np.empty(0)
            seen = np.isfinite(g) & (g > 0)       # log scale: no gradient seen, or exactly 0
            curve.setData(x[seen], g[seen])
        for k, curve in enumerate(self._weight_curves):
            curve.setData(x, rec.weight[:, k] if rec.n else np.empty(0))
        self.summary.setText(self._summary())
        core = self.studio.session
        self._dead_pass.request(core.network, core.dataset)

    def _summary(self) -> str:
        rec = self.recorder
        rows = np.flatnonzero(np.all(np.isfinite(rec.gradient), axis=1)) if rec.n else np.empty(0, int)
        if len(rows) == 0:
            return tr("Gradient norms: take a training step to see them. ") + ", ".join(
                tr("{key} layer {k}").format(key=layer_key(k), k=k + 1) for k in range(rec.gradient.shape[1]))
        g = rec.gradient[rows[-1]]
        text = tr("Latest ‖∂E/∂W‖: ") + ", ".join(
            tr("{key} layer {k}: {norm}").format(key=layer_key(k), k=k + 1, norm=f"{v:.3g}") for k, v in enumerate(g))
        if np.max(g) > EXPLODING_NORM:
            text += tr("  ⚠ exploding gradients: lower the learning rate.")
        elif len(g) > 1 and g[-1] > 0 and g[0] / g[-1] < VANISHING_RATIO:
            text += tr("  ⚠ vanishing gradients: the first layer barely learns.")
        return text
