"""What the network computes over its input space, with the data drawn on top.

* 2 inputs: a heatmap of the output over the visible part of the input plane (one batched
  forward pass over a :data:`GRID` x :data:`GRID` grid).  Classification colours each
  point by the predicted class probabilities (class c in the theme's colour for c, paler
  where the network is unsure), with the decision boundary drawn as a line (p = 0.5 for one
  output, where the predicted class changes for several), so that the areas are told apart
  without their colours; regression uses the theme's sequential colour scale over the target
  range.  Discretise shows only the predicted class (or bands of the output).
* 1 input: the fitted curve y_hat(x) of each output over the data.
* other input sizes: a message.

Each class has its marker shape as well as its colour (:func:`gui.theme.class_symbol`);
training points are filled, test points hollow with a heavy outline in their class colour.
While training runs the map is recomputed at most ten times a second.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from backprop_studio.core.engine.forward import predict
from backprop_studio.core.engine.losses import LOSSES, as_targets
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD, Hover
from backprop_studio.core.training.metrics import Task, task_of, true_classes
from backprop_studio.gui import theme
from backprop_studio.gui.language import tr
from backprop_studio.gui.throttle import Throttle

from .common import level_segments, rgb, to_rgba8

if TYPE_CHECKING:
    from ..studio import StudioSession

GRID = 80            # grid points per axis of the 2-D map: 6400 forward passes, smooth over the data range
CURVE_POINTS = 200   # points of a 1-D fitted curve
BANDS = 8            # colour bands of a discretised regression map
MAP_STRENGTH = 0.6   # how far a fully confident map colour moves from the background


def class_probabilities(y_hat: np.ndarray, task: Task, softmax: bool) -> np.ndarray:
    """Per-class weights (n, classes) in 0..1 summing to 1, from the network outputs (n, outputs)."""
    if y_hat.shape[1] == 1:
        assert task.labels is not None, "a classification task has its labels"
        lo, hi = task.labels[0], task.labels[-1]
        p = np.clip((y_hat[:, 0] - lo) / (hi - lo), 0.0, 1.0)
        return np.column_stack([1.0 - p, p])
    if softmax:
        return y_hat
    w = np.clip(y_hat, 0.0, None)
    total = w.sum(axis=1, keepdims=True)
    return np.where(total > 0, w / np.where(total > 0, total, 1.0), 1.0 / y_hat.shape[1])


def class_map_colours(probabilities: np.ndarray, background: np.ndarray, discrete: bool) -> np.ndarray:
    """Colours (n, 3): the probability-weighted class colour, paler where the network is unsure."""
    classes = probabilities.shape[1]
    palette = np.array([rgb(theme.class_colour(c)) for c in range(classes)])
    if discrete:
        probabilities = np.eye(classes)[np.argmax(probabilities, axis=1)]
    confidence = (probabilities.max(axis=1) - 1.0 / classes) / (1.0 - 1.0 / classes)
    mixed = probabilities @ palette
    return background + (mixed - background) * (MAP_STRENGTH * confidence)[:, None]


def decision_boundary(p: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Segments (2 m, 2) of the lines where the predicted class changes, over a grid of class
    probabilities ``p`` (len(ys), len(xs), classes): for each class c the contour
    p_c − max_{j≠c} p_j = 0 (two classes: p = 0.5).  Drawn, they tell the areas apart
    whatever colours one sees."""
    classes = p.shape[-1]
    if classes == 2:
        return level_segments(p[..., 1], xs, ys, 0.5)
    parts = []
    for c in range(classes):
        others = np.delete(p, c, axis=-1).max(axis=-1)
        parts.append(level_segments(p[..., c] - others, xs, ys, 0.0))
    return np.concatenate(parts) if parts else np.zeros((0, 2))


def padded_bounds(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) per column of ``points`` with a 10 % margin (a unit square around a single value)."""
    if len(points) == 0:
        return np.zeros(points.shape[1]) - 1.0, np.ones(points.shape[1])
    lo, hi = points.min(axis=0), points.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 2.0)
    centre = (lo + hi) / 2
    return centre - 0.6 * span, centre + 0.6 * span


class OutputMap(QWidget):
    """The output heatmap (2 inputs), the fitted curves (1 input), or a message."""

    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.mode = ""
        self._framed: tuple = ()      # (mode, dataset) the view range was last fitted to
        self._throttle = Throttle(0.1, self.refresh, self)
        self._build()
        studio.step_taken.connect(self._on_session_changed)
        studio.run_state_changed.connect(self._on_session_changed)
        for signal in (studio.dataset_changed, studio.network_changed, studio.config_changed,
                       studio.document_changed):
            signal.connect(self._on_session_data_changed)
        theme.signals.changed.connect(self._on_session_data_changed)
        self._on_session_data_changed()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.discretise = QCheckBox(tr("Discretise"))
        self.discretise.setToolTip(tr("Colour each point of the plane by its predicted class only "
                                      "(regression: by bands of the output)"))
        self.output_choice = QComboBox()
        self.output_choice.setToolTip(tr("The output unit whose value the map shows"))
        self.key = QLabel(tr("●  training    ○  test"))
        self.key.setToolTip(tr("Filled markers: training samples; hollow markers: test samples. Each class "
                               "has its own marker shape (○ □ △ ◇ + × …) as well as its colour"))
        self.readout = QLabel()
        self.readout.setToolTip(tr("The network's output at the mouse position"))
        self.readout.setWordWrap(True)
        self.plot = pg.PlotWidget()
        self.plot.setToolTip(tr("The network's output over the input plane, with the decision boundary. "
                                "Filled markers: training samples; hollow: test samples; the shape is the "
                                "class. Drag to pan, wheel to zoom: the map is recomputed for the visible area."))
        item = self.plot.getPlotItem()
        for axis in ("left", "bottom"):   # a "(x1e+27)" axis factor next to e-notation ticks misleads
            item.getAxis(axis).enableAutoSIPrefix(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.boundary = pg.PlotCurveItem(connect="pairs")
        item.addItem(self.image, ignoreBounds=True)
        item.addItem(self.boundary, ignoreBounds=True)
        self.curves: list[pg.PlotDataItem] = []
        self.train_points = pg.ScatterPlotItem(symbol="o", size=9)
        self.test_points = pg.ScatterPlotItem(symbol="o", size=11)
        item.addItem(self.train_points)
        item.addItem(self.test_points)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.message)
        bar = QHBoxLayout()
        bar.addWidget(self.discretise)
        bar.addWidget(self.output_choice)
        bar.addWidget(self.key)
        bar.addWidget(self.readout, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.discretise.toggled.connect(self.refresh)
        self.output_choice.currentIndexChanged.connect(self._on_output_choice_changed)
        item.vb.sigRangeChanged.connect(self._on_range_changed)
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)

    # -- session signals ---------------------------------------------------------------------
    def _on_session_changed(self, *_args) -> None:
        if self.isVisible():
            self._throttle.request(self.studio.running)

    def _on_range_changed(self, *_args) -> None:
        if self.mode == "map" and self.isVisible():
            self._throttle.request(self.studio.running)

    def _on_output_choice_changed(self) -> None:
        self._draw_points()
        self.refresh()

    def _on_session_data_changed(self) -> None:
        """Structure, data, configuration or theme changed: choose the mode and redraw the points.

        The view is fitted to the data only for new data or a new mode, so a user's zoom
        survives edits of the network and the hyperparameters.
        """
        core = self.studio.session
        # with input features the plane is still that of the two raw columns
        ds = core.dataset
        inputs = ds.raw_inputs.shape[1] if ds.features else core.network.sizes[0]
        outputs = core.network.sizes[-1]
        self.task = task_of(core.dataset.targets, outputs)
        self.mode = {1: "curve", 2: "map"}.get(inputs, "message")
        theme.style_plot(self.plot)
        self._prepare_items(outputs)
        if self.mode == "message":
            self.message.setText(tr(
                "The network has {inputs} inputs. The output view draws networks with 1 input "
                "(the fitted curve) or 2 inputs (the output over the input plane); the Metrics "
                "and Diagnostics tabs work for any size.").format(inputs=inputs))
            self.stack.setCurrentWidget(self.message)
            return
        self.stack.setCurrentWidget(self.plot)
        self._draw_points()
        if not self._framed or self._framed[0] != self.mode or self._framed[1] is not core.dataset:
            self._framed = (self.mode, core.dataset)
            self._frame_data()
        self.refresh()

    def _prepare_items(self, outputs: int) -> None:
        item = self.plot.getPlotItem()
        regression = not self.task.is_classification
        self.output_choice.blockSignals(True)
        if self.output_choice.count() != outputs:
            self.output_choice.clear()
            self.output_choice.addItems([tr("output {j}").format(j=j + 1) for j in range(outputs)])
        self.output_choice.blockSignals(False)
        self.output_choice.setVisible(self.mode == "map" and regression and outputs > 1)
        self.discretise.setEnabled(self.mode == "map")
        self.image.setVisible(self.mode == "map")
        self.boundary.setVisible(self.mode == "map" and self.task.is_classification)
        self.boundary.setPen(pg.mkPen(theme.colors()["foreground"], width=theme.line_width(1.5)))
        wanted = outputs if self.mode == "curve" else 0
        while len(self.curves) > wanted:
            item.removeItem(self.curves.pop())
        while len(self.curves) < wanted:
            self.curves.append(item.plot([], []))
        for j, curve in enumerate(self.curves):
            colour = theme.class_colour(j) if outputs > 1 else theme.colors()["path"]
            curve.setPen(pg.mkPen(colour, width=theme.line_width(2.5)))
            curve.setSymbol(theme.class_symbol(j) if outputs > 1 else None)   # told apart without colour
            curve.setSymbolBrush(colour)
            curve.setSymbolSize(7)
        names = ("x1", "y") if self.mode == "curve" else ("x1", "x2")
        item.setLabel("bottom", names[0])
        item.setLabel("left", names[1])

    def _frame_data(self) -> None:
        ds = self.studio.session.dataset
        lo, hi = padded_bounds(np.vstack([ds.raw_inputs, ds.raw_test_inputs]))
        vb = self.plot.getPlotItem().vb
        # the data fill the plot whatever its shape (a locked aspect left them a third of a wide
        # plot); the markers stay round, only the plane's scales may differ
        vb.setAspectLocked(False)
        if self.mode == "map":
            vb.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]), padding=0)
        else:
            vb.enableAutoRange()

    # -- points ------------------------------------------------------------------------------
    def _point_classes(self, targets: np.ndarray) -> np.ndarray | None:
        """Each sample's class (classification), or None (regression: coloured by value)."""
        return true_classes(targets, self.task) if self.task.is_classification else None

    def _point_style(self, targets: np.ndarray, filled: bool) -> dict:
        """ScatterPlotItem arguments: per class a marker and a colour; filled (training) or
        hollow with a heavy outline in the class colour (test)."""
        c = theme.colors()
        classes = self._point_classes(targets)
        if classes is None:
            column = targets[:, min(self.output_choice.currentIndex(), targets.shape[1] - 1)]
            brushes = [pg.mkBrush(*v) for v in self._value_colours(column)]
            if filled:
                return {"brush": brushes, "pen": pg.mkPen(c["foreground"], width=theme.line_width(1)),
                        "symbol": "o"}
            return {"brush": None, "pen": [pg.mkPen(b.color(), width=theme.line_width(2.5)) for b in brushes],
                    "symbol": "o"}
        return theme.class_points(classes, filled)

    def _draw_points(self) -> None:
        core = self.studio.session
        ds = core.dataset
        self.key.setText(tr("●  training    ○  test") if len(ds.test_inputs) else tr("●  training"))
        if self.mode == "map":
            for scatter, x, t, filled in ((self.train_points, ds.raw_inputs, ds.targets, True),
                                          (self.test_points, ds.raw_test_inputs, ds.test_targets, False)):
                scatter.setData(x[:, 0], x[:, 1], **(self._point_style(t, filled) if len(x) else {}))
        elif self.mode == "curve":
            for scatter, x, t, filled in ((self.train_points, ds.inputs, ds.targets, True),
                                          (self.test_points, ds.test_inputs, ds.test_targets, False)):
                y = as_targets(t, core.network.sizes[-1], LOSSES[core.config.loss])
                cols = y.shape[1]
                # several outputs: output j drawn as class j would be (its colour and its marker)
                output = np.tile(np.arange(cols), len(y)) if cols > 1 else None
                style = theme.class_points(output, filled) if output is not None else theme.value_points(filled)
                scatter.setData(np.repeat(x[:, 0], cols), y.ravel(), **style)

    # -- the map and the curves ---------------------------------------------------------------
    def _value_range(self) -> tuple[float, float]:
        ds = self.studio.session.dataset
        j = self.output_choice.currentIndex()
        values = np.concatenate([ds.targets[:, min(j, ds.targets.shape[1] - 1)],
                                 ds.test_targets[:, min(j, ds.targets.shape[1] - 1)]])
        lo, hi = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
        return (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)

    def _value_colours(self, values: np.ndarray, discrete: bool = False) -> np.ndarray:
        """uint8 RGBA (n, 4) on the theme's sequential scale over the target range."""
        lo, hi = self._value_range()
        t = np.clip((values - lo) / (hi - lo), 0.0, 1.0)
        if discrete:
            t = (np.minimum(np.floor(t * BANDS), BANDS - 1) + 0.5) / BANDS
        lut = theme.sequential_map().getLookupTable(nPts=256, alpha=True)
        return lut[(t * 255).astype(np.int64)]

    def refresh(self) -> None:
        if self.mode == "map":
            self._refresh_map()
        elif self.mode == "curve":
            self._refresh_curves()

    def grid(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, QRectF]:
        """The grid points (GRID*GRID, 2) row by row from the bottom, their xs and ys, and the rectangle they tile."""
        (x0, x1), (y0, y1) = self.plot.getPlotItem().vb.viewRange()
        dx, dy = (x1 - x0) / GRID, (y1 - y0) / GRID
        xs = x0 + (np.arange(GRID) + 0.5) * dx
        ys = y0 + (np.arange(GRID) + 0.5) * dy
        gx, gy = np.meshgrid(xs, ys)
        return np.column_stack([gx.ravel(), gy.ravel()]), xs, ys, QRectF(x0, y0, x1 - x0, y1 - y0)

    def _refresh_map(self) -> None:
        net = self.studio.session.network
        points, xs, ys, rect = self.grid()
        with np.errstate(all="ignore"):
            y_hat = predict(net, self.studio.session.dataset.network_inputs(points))
        y_hat = np.nan_to_num(y_hat, nan=0.0, posinf=1e300, neginf=-1e300)
        discrete = self.discretise.isChecked()
        if self.task.is_classification:
            softmax = net.layers[-1].activation == "softmax"
            p = class_probabilities(y_hat, self.task, softmax)
            rgba = to_rgba8(class_map_colours(p, rgb(theme.colors()["background"]), discrete))
            ends = decision_boundary(p.reshape(GRID, GRID, -1), xs, ys)
            self.boundary.setData(ends[:, 0], ends[:, 1], connect="pairs")
        else:
            rgba = self._value_colours(y_hat[:, self.output_choice.currentIndex()], discrete)
        self.image.setImage(rgba.reshape(GRID, GRID, 4), autoLevels=False)
        self.image.setRect(rect)

    def _refresh_curves(self) -> None:
        ds = self.studio.session.dataset
        lo, hi = padded_bounds(np.vstack([ds.raw_inputs, ds.raw_test_inputs]))
        x = np.linspace(lo[0], hi[0], CURVE_POINTS)[:, None]
        with np.errstate(all="ignore"):
            y_hat = predict(self.studio.session.network, x)
        for j, curve in enumerate(self.curves):
            curve.setData(x[:, 0], y_hat[:, j])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    # -- hover readout -------------------------------------------------------------------------
    def _on_scene_mouse_moved(self, pos: QPointF) -> None:
        item = self.plot.getPlotItem()
        if self.mode == "message" or not item.sceneBoundingRect().contains(pos):
            return
        p = item.vb.mapSceneToView(pos)
        self.readout.setText(self.readout_at(p.x(), p.y()))

    def _hidden_readout(self, where: str) -> str | None:
        """The pointer may be on a training input, where the output is the ŷ a lesson's open
        question asks for: then the readout gives no number."""
        if self.studio.hidden.hides(Hover("output")):
            return tr("{where}: y_hat = {hidden} (hidden while the lesson's question is open)").format(
                where=where, hidden=SHOWN_INSTEAD)
        return None

    def readout_at(self, x: float, y: float) -> str:
        """The output at input (x, y) (1 input: at x)."""
        point = np.array([[x, y]]) if self.mode == "map" else np.array([[x]])
        with np.errstate(all="ignore"):
            y_hat = predict(self.studio.session.network, self.studio.session.dataset.network_inputs(point))[0]
        where = f"x = ({x:.3g}, {y:.3g})" if self.mode == "map" else f"x = {x:.3g}"
        return self._hidden_readout(where) or f"{where}: y_hat = " + ", ".join(f"{v:.4g}" for v in y_hat)
