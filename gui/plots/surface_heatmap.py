"""A heatmap of a surface z = f(a, b) with a colour bar, contour lines and a log scale.

Shared by the 2-D function view and the network landscape.  The owner draws its paths
on :attr:`HeatmapPlot.item` and listens to :attr:`hovered` / :attr:`clicked` (in data
coordinates).  The plot's right-click menu stays enabled: *Export...* saves PNG, SVG or
the data as CSV (pyqtgraph's own exporters).

Log scale shows log10(z) when every z is positive, else log10(z - min z), so that a
surface with negative values (a saddle) still has a readable log picture; the colour
bar's label says which.  Values below the 1st percentile share the lowest colour (an exact
0 at a minimum would otherwise stretch the scale down to -inf).

What is drawn is worked out from the values alone by :func:`picture` (numpy only), so the owner
of a surface computed in a worker thread can work out its pictures there too
(:func:`pictures`, both scales) and hand them to :meth:`HeatmapPlot.set_surface`: the GUI
thread then only shows them, which is what lets the Network page take a landscape while
training runs without a pause (issue 22).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from backprop_studio.gui import text_size, theme
from backprop_studio.gui.language import QT_TR_NOOP, tr
from backprop_studio.gui.palettes import ON_MAP

from .common import level_segments

CONTOURS = 12        # contour levels, evenly spaced in the shown (linear or log) values
LOG_FLOOR_PERCENTILE = 1.0   # log scale: values below this percentile share the lowest colour
CONTOUR_GRID = 160   # contours of bigger grids are traced on a subsample (cost ~ points)


def shown_values(values: np.ndarray, log: bool) -> tuple[np.ndarray, str]:
    """The values as coloured: linear, or a log10 as described in the module docstring, and
    the colour bar's label (English: :func:`tr` translates it where it is shown).

    Non-finite values (a cancelled or overflowing grid) stay nan: they are drawn blank.
    """
    z = np.where(np.isfinite(values), values, np.nan)
    if not log or not np.any(np.isfinite(z)):
        return z, QT_TR_NOOP("value")
    lo = np.nanmin(z)
    shifted, label = (z, QT_TR_NOOP("log10 value")) if lo > 0 else (z - lo, QT_TR_NOOP("log10(value − min)"))
    positive = shifted[shifted > 0]
    if not positive.size:
        return z, QT_TR_NOOP("value")
    # the floor keeps an exact 0 (a minimum on a grid point) from stretching the colours
    floor = float(np.percentile(positive, LOG_FLOOR_PERCENTILE))
    with np.errstate(invalid="ignore"):
        return np.log10(np.maximum(shifted, floor)), label


@dataclass(frozen=True)
class Picture:
    """A surface as the heatmap shows it on one scale.

    z: the shown values (rows are axes[1]), nan where blank; levels: the colours' range
    (lo, hi); label: the colour bar's title; contours: the contour lines' end points (2 m, 2),
    drawn in pairs, or None when they were not traced.
    """

    z: np.ndarray
    levels: tuple[float, float]
    label: str
    contours: np.ndarray | None


def picture(axes: list[np.ndarray], values: np.ndarray, log: bool, contours: bool = True) -> Picture:
    """The :class:`Picture` of ``values`` on ``axes``, linear or log (the module docstring):
    :data:`CONTOURS` levels evenly spaced in the shown values, traced when ``contours``."""
    z, label = shown_values(values, log)
    finite = z[np.isfinite(z)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if hi <= lo:
        hi = lo + 1.0
    lines = None
    if contours:
        lines = np.empty((0, 2))
        if finite.size and z.shape[0] > 1 and z.shape[1] > 1:
            # contours of a big grid are traced on every k-th point (cost ~ points)
            k = max(1, -(-max(z.shape) // CONTOUR_GRID))
            filled = np.where(np.isfinite(z), z, hi)[::k, ::k]
            xs, ys = axes[0][::k], axes[1][::k]
            segments = [level_segments(filled, xs, ys, level)
                        for level in np.linspace(lo, hi, CONTOURS + 2)[1:-1]]
            lines = np.concatenate(segments) if segments else lines
    return Picture(z, (lo, hi), label, lines)


def pictures(axes: list[np.ndarray], values: np.ndarray) -> dict[bool, Picture]:
    """Both scales' pictures, contours traced (keyed by ``log``): what a worker hands over with
    a surface, so that toggling the scale or the contours draws at once too."""
    axes = [np.asarray(a, dtype=np.float64) for a in axes]
    return {log: picture(axes, values, log) for log in (True, False)}


class HeatmapPlot(QWidget):
    """Image + colour bar + contours in one PlotItem; emits hover and click positions."""

    hovered = Signal(float, float)       # data coordinates under the mouse
    clicked = Signal(float, float)       # a left click, in data coordinates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.axes: list[np.ndarray] = [np.zeros(1), np.zeros(1)]
        self.values = np.zeros((1, 1))
        self._pictures: dict[bool, Picture] = {}     # worked out beforehand for these values
        self.log = True
        self.contours_on = True
        self.plot = pg.PlotWidget()
        self.item = self.plot.getPlotItem()
        self.item.setMenuEnabled(True)           # keeps View All / Export... in the right-click menu
        self.image = pg.ImageItem(axisOrder="row-major")
        self.item.addItem(self.image)
        self.colour_bar = pg.ColorBarItem(colorMap=theme.sequential_map(), interactive=False,
                                          width=14)
        self.colour_bar.setImageItem(self.image, insert_in=self.item)
        self.colour_bar.axis.enableAutoSIPrefix(False)
        self.contours = pg.PlotDataItem(connect="pairs")
        self.contours.setZValue(1)
        self.item.addItem(self.contours)
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        theme.signals.changed.connect(self.restyle)
        self.restyle()

    def restyle(self) -> None:
        c = theme.colors()
        theme.style_plot(self.plot)
        contour = QColor(ON_MAP["contour"])
        contour.setAlpha(90 if theme.is_dark() else 120)
        self.contours.setPen(pg.mkPen(contour, width=theme.line_width(1)))
        self.colour_bar.setColorMap(theme.sequential_map())
        for axis in ("left", "bottom"):
            self.item.getAxis(axis).setTextPen(c["foreground"])
        self.colour_bar.axis.setPen(c["foreground"])
        self.colour_bar.axis.setTextPen(c["foreground"])
        self.colour_bar.axis.setTickFont(text_size.font())
        self.colour_bar.axis.label.setFont(text_size.font())

    # -- data ------------------------------------------------------------------------------
    def set_surface(self, axes: list[np.ndarray], values: np.ndarray, labels: tuple[str, str],
                    keep_view: bool = False, drawn: Mapping[bool, Picture] | None = None) -> None:
        """Show ``values`` (rows are axes[1], columns axes[0]); labels name the two axes.

        ``drawn``: the pictures of these values (:func:`pictures`, worked out in a worker),
        shown instead of working them out here.
        """
        self.axes, self.values = [np.asarray(a, dtype=np.float64) for a in axes], np.asarray(values)
        self._pictures = dict(drawn or {})
        self.item.setLabel("bottom", labels[0])
        self.item.setLabel("left", labels[1])
        xs, ys = self.axes
        dx = (xs[-1] - xs[0]) / max(1, len(xs) - 1)
        dy = (ys[-1] - ys[0]) / max(1, len(ys) - 1)
        self.redraw()        # first: setRect scales by the size of the image it has
        # grid points are pixel centres: the image reaches half a cell beyond them
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx,
                                  ys[-1] - ys[0] + dy))
        if not keep_view:
            self.item.getViewBox().setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]),
                                             padding=0.02)

    def clear(self) -> None:
        """Show nothing (the surface belonged to a document that is no longer open)."""
        self.axes, self.values = [np.zeros(1), np.zeros(1)], np.zeros((0, 0))
        self._pictures = {}
        self.image.clear()
        self.contours.setData([], [])

    def set_log(self, log: bool) -> None:
        self.log = log
        self.redraw()

    def set_contours(self, on: bool) -> None:
        self.contours_on = on
        self.redraw()

    def redraw(self) -> None:
        if not self.values.size:         # cleared: nothing to draw until the next surface
            return
        shown = self._pictures.get(self.log)
        if shown is None or (self.contours_on and shown.contours is None):
            shown = picture(self.axes, self.values, self.log, self.contours_on)
        lo, hi = shown.levels
        self.image.setImage(shown.z, autoLevels=False, levels=(lo, hi))
        self.colour_bar.setLevels((lo, hi))
        self.colour_bar.axis.setLabel(tr(shown.label))     # shown_values' English, marked for translation
        self._fit_colour_bar_axis(lo, hi)
        if self.contours_on and shown.contours is not None:
            self.contours.setData(shown.contours[:, 0], shown.contours[:, 1], connect="pairs")
        else:
            self.contours.setData([], [])

    def _fit_colour_bar_axis(self, lo: float, hi: float) -> None:
        """Widen the colour bar's axis so its title clears the tick labels.

        pyqtgraph gives that axis a fixed 45 px, which "-2.95" plus a rotated title overflow.
        """
        axis = self.colour_bar.axis
        font = axis.style["tickFont"] or QFont()
        metrics = QFontMetricsF(font)
        height = axis.height() if axis.height() > 50 else 300.0
        strings = [text for spacing, values in axis.tickValues(lo, hi, height)
                   for text in axis.tickStrings(values, 1.0, spacing)]
        # one more digit than now: a resize can make the ticks one decimal finer
        text = max((metrics.horizontalAdvance(t + "0") for t in strings), default=30.0)
        title = axis.label.boundingRect().height() if axis.label.isVisible() else 0.0
        width = text + axis.style["tickTextOffset"][0] + max(0, axis.style["tickLength"]) + title + 4
        axis.setWidth(int(width + 0.5))

    def value_at(self, x: float, y: float) -> float | None:
        """The grid value nearest to (x, y), or None outside the grid."""
        xs, ys = self.axes
        if not self.values.size or not (min(xs[0], xs[-1]) <= x <= max(xs[0], xs[-1])
                and min(ys[0], ys[-1]) <= y <= max(ys[0], ys[-1])):
            return None
        j = int(np.argmin(np.abs(xs - x)))
        i = int(np.argmin(np.abs(ys - y)))
        return float(self.values[i, j])

    # -- mouse -----------------------------------------------------------------------------
    def _on_scene_mouse_moved(self, pos) -> None:
        vb = self.item.getViewBox()
        if vb.sceneBoundingRect().contains(pos):
            p = vb.mapSceneToView(pos)
            self.hovered.emit(p.x(), p.y())

    def _on_scene_mouse_clicked(self, event) -> None:
        vb = self.item.getViewBox()
        if event.button() != Qt.MouseButton.LeftButton or not vb.sceneBoundingRect().contains(
                event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        self.clicked.emit(p.x(), p.y())
