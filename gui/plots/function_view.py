"""The multivariate case: gradient descent on a 2-D function, and the optimizer race.

The heatmap shows f(x, y) (:mod:`.surface_heatmap`); every run of the race is a path of
markers from the same start (click the plot to move the start).  The slider picks the
step t: each run's point x_t is ringed, and the selected run gets an arrow along
-grad f(x_t), the direction plain gradient descent steps in.

The view keeps no race of its own: it renders the studio's
:class:`~core.surfaces.race_model.Race` (``studio.functions.race``), whose paths are walked in
a worker thread (:mod:`gui.function_models`), and its controls change that model.  A lesson
sets the same model; the view follows :attr:`FunctionModels.race_changed`.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QWidget,
)

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD, Hover
from backprop_studio.core.surfaces.function_model import FUNCTION, PATHS, STEP
from backprop_studio.core.surfaces.functions import Objective
from backprop_studio.core.surfaces.race_model import Race, RaceRun
from backprop_studio.gui import theme
from backprop_studio.gui.compact import (
    MIN_PLOT_PX,
    PLOT_AXES_PX,
    ROOMY_PX,
    FlowLayout,
    FoldButton,
    FoldingLabel,
    roomy,
    scrolled_layout,
)
from backprop_studio.gui.function_models import FunctionModels
from backprop_studio.gui.hidden_values import HiddenValues
from backprop_studio.gui.language import tr
from backprop_studio.gui.palettes import ON_MAP
from backprop_studio.gui.workers import TaskRunner

from .common import style_legend
from .race import MAX_RUNS, RaceTable, colour_of, run_key, symbol_of
from .surface_controls import FunctionPicker, OptimizerPicker
from .surface_heatmap import HeatmapPlot

GRID = 151           # grid points per axis of a function's heatmap
ARROW_PIXELS = 60    # length of the gradient arrow on screen
HEAD_PIXELS = 11


class FunctionView(QWidget):
    """2-D function: heatmap, contours, race paths, gradient arrow, hover and click."""

    surface_changed = Signal()    # another f(x, y) is on the heatmap (the 3-D tab follows it)

    def __init__(self, models: FunctionModels | None = None, parent: QWidget | None = None,
                 hidden: HiddenValues | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("functionView2d")
        self.models = models if models is not None else FunctionModels(self)   # studio.functions in the app
        self.model: Race = self.models.race
        self.hidden = hidden if hidden is not None else HiddenValues(self)   # studio.hidden in the app
        self.pick: Callable[[tuple[float, ...]], None] | None = None   # a lesson's point prediction takes clicks
        self._build()
        self.models.race_changed.connect(self._on_race_changed)
        self.models.race_failed.connect(self._on_race_failed)
        theme.signals.changed.connect(self._on_theme_changed)
        self._on_race_changed(FUNCTION)
        self.models.walk()        # the first paths (a view is here to show them)

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.picker = FunctionPicker(2, "himmelblau", "x^2 + 10*y^2", self)
        self.optimizer = OptimizerPicker("sgd", 0.01)
        self.steps = QSpinBox(minimum=1, maximum=20000, value=300)
        self.steps.setToolTip(tr("The step limit of every run"))
        self.steps.setPrefix(tr("steps "))
        self.add_button = QPushButton(tr("Add run"))
        self.add_button.setObjectName("function2dAddRun")    # a lesson's "do" action may name it
        self.add_button.setToolTip(tr("Keep the run being configured and race a new one from the same start, "
                                      "starting from the optimizer settings on the left (at most {n}); "
                                      "the settings then edit the new run").format(n=MAX_RUNS))
        self.remove_button = QPushButton(tr("Remove run"))
        self.remove_button.setToolTip(tr("Remove the selected run from the race"))
        self.log_scale = QCheckBox(tr("Log scale"))
        self.log_scale.setChecked(True)
        self.log_scale.setToolTip(tr("Colour by log10 of the value (log10(f - min f + δ) when f can be ≤ 0)"))
        self.contours = QCheckBox(tr("Contours"))
        self.contours.setChecked(True)
        self.contours.setToolTip(tr("Draw contour lines (level sets of the shown values)"))
        self.legend_box = QCheckBox(tr("Legend"))
        self.legend_box.setObjectName("raceLegendToggle")
        self.legend_box.setToolTip(tr("Show the runs' key on the plot (drag it off the paths). The table "
                                      "beside the plot is the key too, in the runs' colours, and covers no data."))
        self.heatmap = HeatmapPlot()
        self.heatmap.plot.setToolTip(tr("f(x, y) with the descent paths. Hover to read f and ∇f; click to "
                                        "start every run from there.\nRight-click > Export… saves PNG or SVG."))
        plate = QColor(ON_MAP["plate"])
        plate.setAlpha(110)
        self.legend = self.heatmap.item.addLegend(offset=(10, 10), brush=plate)
        self.legend.setVisible(False)         # off by default: it covered the bowl's minimum
        self.markers = pg.ScatterPlotItem(size=14, brush=None)
        self.markers.setZValue(4)
        self.start_marker = pg.ScatterPlotItem(size=15, symbol="+", pen=pg.mkPen(ON_MAP["mark"], width=3))
        self.start_marker.setZValue(5)
        self.arrow = pg.PlotDataItem(pen=pg.mkPen(ON_MAP["mark"], width=2.5))
        self.arrow.setZValue(6)
        self.learner_point = pg.ScatterPlotItem(size=18, symbol="x", brush=ON_MAP["learner"],
                                              pen=pg.mkPen(ON_MAP["outline"]))
        self.learner_point.setZValue(7)            # a lesson's predicted x_t+1: see show_prediction
        for item in (self.markers, self.start_marker, self.arrow, self.learner_point):
            self.heatmap.item.addItem(item)
        self.path_items: list[pg.PlotDataItem] = []
        self.table = RaceTable()
        self.step_slider = QSlider(Qt.Orientation.Horizontal)
        self.step_slider.setToolTip(tr("The step t shown: each run's point x_t is ringed and the selected "
                                       "run's arrow points along −∇f(x_t)"))
        self.step_label = QLabel("t = 0")
        self.step_label.setToolTip(self.step_slider.toolTip())
        self.readout = FoldingLabel(tr("hover over the plot to read f(x, y); click to move the start"))
        self.readout.setToolTip(tr("The point under the mouse: its coordinates, f and the gradient"))
        self.status = FoldingLabel()
        self.status.setToolTip(tr("The selected run at step t"))
        self._lay_out()
        self.picker.changed.connect(self._on_picker_changed)
        self.optimizer.changed.connect(self._on_optimizer_changed)
        self.steps.editingFinished.connect(self._on_steps_editing_finished)
        self.add_button.clicked.connect(self.add_run)
        self.remove_button.clicked.connect(self.remove_run)
        self.log_scale.toggled.connect(self.heatmap.set_log)
        self.contours.toggled.connect(self.heatmap.set_contours)
        self.legend_box.toggled.connect(self.legend.setVisible)
        self.heatmap.clicked.connect(self._on_heatmap_clicked)
        self.heatmap.hovered.connect(self._on_heatmap_hovered)
        self.heatmap.item.getViewBox().sigRangeChanged.connect(self._draw_current)
        self.step_slider.valueChanged.connect(self.model.set_t)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.hidden.changed.connect(self._on_hidden_changed)

    def _lay_out(self) -> None:
        """The controls wrap into rows; the step limit, Remove run and the colouring fold away
        behind *Options*.  Wide, the race table sits beside the plot; narrow (a 300-pixel dock
        at 1366x768) the plot takes the width and the table folds away with the options."""
        self.options_button = FoldButton([self.steps, self.remove_button, self.log_scale, self.contours,
                                          self.legend_box, self.picker.formula], tr("Options"),
                                         tr("Show or hide the step limit, Remove run, the colouring, the formula "
                                            "and (in a narrow dock) the race table"))
        self.options_button.toggled.connect(self._place_table)
        controls = FlowLayout()
        controls.add_widgets(*self.picker.parts(), self.optimizer, self.add_button, self.options_button, self.steps,
                             self.remove_button, self.log_scale, self.contours, self.legend_box)
        self.heatmap.setMinimumHeight(MIN_PLOT_PX + PLOT_AXES_PX)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.heatmap)
        self.split.addWidget(self.table)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([600, 420])
        slider_row = QHBoxLayout()
        slider_row.addWidget(self.step_label)
        self.step_slider.setMinimumWidth(100)      # the readout beside it folds, the slider keeps its length
        slider_row.addWidget(self.step_slider, 1)
        slider_row.addWidget(self.readout, 2)
        layout = scrolled_layout(self)
        layout.addLayout(controls)
        layout.addWidget(self.picker.error)
        layout.addWidget(self.picker.formula)
        layout.addWidget(self.split, 1)
        layout.addLayout(slider_row)
        layout.addWidget(self.status)

    @property
    def wide(self) -> bool:
        """Room for the race table beside the plot."""
        return self.width() >= ROOMY_PX[0]

    def _place_table(self, *_args) -> None:
        """Beside the plot when wide; narrow, below it while the options are shown, else folded."""
        self.split.setOrientation(Qt.Orientation.Horizontal if self.wide else Qt.Orientation.Vertical)
        self.table.setVisible(self.wide or self.options_button.isChecked())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.options_button.follow(roomy(self))   # from the page's size, which folding does not change
        self._place_table()

    # -- the model: what the view shows ------------------------------------------------------
    @property
    def runner(self) -> TaskRunner:
        """The worker that walks the race's paths (the studio's, in the app)."""
        return self.models.runner

    @property
    def objective(self) -> Objective:
        return self.model.objective

    @property
    def runs(self) -> list[RaceRun]:
        return self.model.runs

    @property
    def start(self) -> tuple[float, float]:
        return self.model.start

    def _on_race_changed(self, aspect: str) -> None:
        """Redraw what depends on ``aspect`` (core.surfaces.function_model's names)."""
        if aspect == STEP:
            self._sync_slider()
            self._draw_current()
            return
        if aspect == PATHS:
            self._show_paths()
            return
        if aspect == FUNCTION:
            axes, values = self.objective.grid(GRID)
            self.heatmap.set_surface(axes, values, ("x", "y"))
            self.surface_changed.emit()
        model = self.model
        self.picker.show_choice(model.function, model.expression, model.objective)
        self.steps.setValue(model.steps)
        self.optimizer.show_spec(model.runs[-1].optimizer, model.runs[-1].hyper)   # the run configured
        starts = [r.start or model.start for r in model.runs]
        self.start_marker.setData([s[0] for s in starts], [s[1] for s in starts])
        self._rebuild_path_items()
        if aspect == FUNCTION:
            self.table.selectRow(0)
        self._show_paths()

    def _on_race_failed(self, message: str) -> None:
        self.status.setText(message)

    # -- the controls change the model --------------------------------------------------------
    def _on_picker_changed(self, _objective: Objective) -> None:
        try:
            self.model.set_function(*self.picker.chosen())
        except InputError as e:     # the picker parsed it: only a shipped name could be refused
            self.picker.show_error(e)

    def _on_steps_editing_finished(self) -> None:
        self.model.set_steps(self.steps.value())

    def set_start(self, x: float, y: float) -> None:
        """Start every run from (x, y) (a click on the plot)."""
        self.model.set_start(x, y)

    def _on_heatmap_clicked(self, x: float, y: float) -> None:
        if self.pick is not None:           # a lesson asks where x lands: the click is the answer
            self.pick((float(x), float(y)))
            return
        self.set_start(x, y)

    def show_prediction(self, point: tuple[float, ...] | None) -> None:
        """Mark a lesson's predicted x_t+1 (a cross); None clears it."""
        self.learner_point.setData([] if point is None else [{"pos": point}])

    def add_run(self) -> None:
        """Keep the run being configured and race a new one from the optimizer controls' settings."""
        problem = self.model.add_run(*self.optimizer.spec())
        if problem:
            self.status.setText(problem)
            return
        self.table.selectRow(len(self.runs) - 1)

    def remove_run(self) -> None:
        problem = self.model.remove_run(self.table.currentRow())
        if problem:
            self.status.setText(problem)

    def _selected(self) -> int:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.runs) else 0

    def _on_optimizer_changed(self) -> None:
        """The optimizer controls edit the run being configured: the newest one.

        Finished runs keep their settings whatever row is selected (selecting one shows its
        arrow); Add run keeps the configured run and starts a new one from the settings.
        """
        self.model.configure_last(*self.optimizer.spec())

    # -- drawing ---------------------------------------------------------------------------
    def _rebuild_path_items(self) -> None:
        """One curve per run (re-created only when the runs change, never per redraw)."""
        for item in self.path_items:
            self.heatmap.item.removeItem(item)
        self.legend.clear()
        self.path_items = []
        for run in self.runs:
            colour = colour_of(run)
            item = pg.PlotDataItem(pen=pg.mkPen(colour, width=2), symbol=symbol_of(run), symbolSize=6,
                                   symbolBrush=colour, symbolPen=pg.mkPen(ON_MAP["outline"], width=0.5),
                                   name=run.label)
            item.setZValue(3)
            self.heatmap.item.addItem(item)
            self.path_items.append(item)
        style_legend(self.legend, ON_MAP["mark"])
        self.table.show_runs(self.runs, self.hidden)

    def _show_paths(self) -> None:
        self._draw_paths()
        self._sync_slider()
        self.table.show_runs(self.runs, self.hidden)
        self._draw_current()

    def _draw_paths(self) -> None:
        for run, item in zip(self.runs, self.path_items):
            if run.path is None:
                item.setData([], [])
                continue
            shown = self._drawn_until(run)
            item.setData(run.path.points[:shown, 0], run.path.points[:shown, 1])

    def _drawn_until(self, run: RaceRun) -> int:
        """How many points of the run's path may be drawn: all but from the first one a lesson
        asks the place of (where a step lands: hiding.py's "drawn" points)."""
        assert run.path is not None
        return next((k for k in range(run.path.steps + 1) if self.hidden.hides(run_key(run, "drawn", k))),
                    run.path.steps + 1)

    def _sync_slider(self) -> None:
        """The slider shows the model's t, over the steps of the longest path."""
        blocked = self.step_slider.blockSignals(True)
        self.step_slider.setMaximum(max(self.model.longest, self.model.t))
        self.step_slider.setValue(self.model.t)
        self.step_slider.blockSignals(blocked)

    def _draw_current(self, *_args) -> None:
        t = self.model.t
        self.step_label.setText(f"t = {t}")
        xs, ys, brushes = [], [], []
        for run in self.runs:
            if run.path is not None and min(t, run.path.steps) < self._drawn_until(run):
                p = run.path.points[min(t, run.path.steps)]
                xs.append(p[0])
                ys.append(p[1])
                brushes.append(pg.mkPen(colour_of(run), width=2.5))
        self.markers.setData(xs, ys, pen=brushes, brush=None)
        self._draw_arrow(t)

    def _draw_arrow(self, t: int) -> None:
        run = self.runs[self._selected()] if self.runs else None
        if run is None or run.path is None:
            self.arrow.setData([], [])
            self.status.setText("")         # (the paths are being computed)
            return
        k = min(t, run.path.steps)
        p, g, f = run.path.points[k], run.path.gradients[k], run.path.losses[k]
        norm = float(np.linalg.norm(g))
        shown = lambda kind, v, c=0, spec=".4g": self.hidden.text(run_key(run, kind, k, c), format(v, spec))  # noqa: E731
        point = f"({shown('x', p[0], 1, '.5g')}, {shown('x', p[1], 2, '.5g')})"
        gradient = f"({shown('gradient', g[0], 1)}, {shown('gradient', g[1], 2)}), |∇f| = {shown('gradient', norm)}"
        text = tr("{run} at step {k}: (x, y) = {point}, f = {f}, ∇f = {gradient}").format(
            run=run.label, k=k, point=point, f=shown("f", f, spec=".6g"), gradient=gradient)
        if SHOWN_INSTEAD in text:
            text += tr(" ({hidden} = yours to compute)").format(hidden=SHOWN_INSTEAD)
        self.status.setText(text)
        if self.hidden.hides(run_key(run, "step", k)):     # a lesson asks where this step goes
            self.arrow.setData([], [])
            return
        self.arrow.setData(*arrow_segments(p, -g, self.heatmap.item.getViewBox().viewPixelSize()),
                           connect="pairs")

    def _on_heatmap_hovered(self, x: float, y: float) -> None:
        if self.hidden.hides(Hover("function2d")):      # the pointer may be on the asked point
            self.readout.setText(tr("x = {x}, y = {y}: f and ∇f are yours to compute").format(
                x=f"{x:.4g}", y=f"{y:.4g}"))
            return
        f, g = self.objective.value_and_gradient(np.array([x, y]))
        self.readout.setText(f"x = {x:.4g}, y = {y:.4g}: f = {float(f):.6g}, ∇f = ({g[0]:.4g}, {g[1]:.4g})")

    def _on_hidden_changed(self) -> None:
        self._draw_paths()
        self.table.show_runs(self.runs, self.hidden)
        self._draw_current()

    def _on_table_selection_changed(self) -> None:
        """Show the selected run's arrow.  The controls keep showing the run being configured
        (the last one): selecting a finished run does not load its settings, so neither a
        setting change nor Add run touches or copies a finished run by surprise."""
        self._draw_current()

    def _on_theme_changed(self) -> None:
        self._rebuild_path_items()
        self._show_paths()


def arrow_segments(p: np.ndarray, direction: np.ndarray, pixel: tuple[float, float]
                   ) -> tuple[np.ndarray, np.ndarray]:
    """An arrow of ARROW_PIXELS on screen from ``p`` along ``direction`` (data coordinates),
    as three segments (shaft and two head strokes) for ``connect="pairs"``.

    ``pixel`` is the data size of one screen pixel per axis, so the arrow keeps its length
    and its head its shape whatever the zoom and aspect ratio."""
    px = np.array([max(pixel[0], 1e-300), max(pixel[1], 1e-300)])
    d = np.asarray(direction, dtype=np.float64) / px        # the direction in screen pixels
    n = float(np.hypot(*d))
    if not np.isfinite(n) or n == 0.0:
        return np.empty(0), np.empty(0)
    u = d / n
    tip = u * ARROW_PIXELS
    back = -u * HEAD_PIXELS
    c, s = np.cos(0.45), np.sin(0.45)
    left = tip + np.array([c * back[0] - s * back[1], s * back[0] + c * back[1]])
    right = tip + np.array([c * back[0] + s * back[1], -s * back[0] + c * back[1]])
    pts = np.array([[0, 0], tip, tip, left, tip, right]) * px + np.asarray(p, dtype=np.float64)
    return pts[:, 0], pts[:, 1]
