"""The univariate case: f(x), the current point x_t, its tangent line, and the steps taken.

The article's picture: at x_t the tangent line f(x_t) + eps f'(x_t) predicts f near x_t;
gradient descent takes the step eps_t = -eta f'(x_t) (plain SGD; other optimizers choose
eps_t from their state) and lands on x_t+1.  The hollow marker on the tangent is the
first-order prediction of f(x_t+1); the filled marker at x_t+1 is the truth.

*Step* takes one step, *Run to N* goes to step N, *Reset* goes back to x_0; clicking the
plot puts x_0 there.  The view keeps no state of its own: it renders the studio's
:class:`~core.surfaces.function_model.Descent1D` (``studio.functions.descent``), whose path
is walked ahead and extended by doubling (a step costs nothing), and its controls change
that model.  A lesson sets the same model; the view follows ``descent_changed``.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QPushButton, QSpinBox, QWidget

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.naming import html_of_text
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD, FunctionValue
from backprop_studio.core.surfaces.descent import DescentPath
from backprop_studio.core.surfaces.function_model import FUNCTION, Descent1D
from backprop_studio.core.surfaces.functions import Objective
from backprop_studio.gui import theme
from backprop_studio.gui.compact import (
    MIN_PLOT_PX,
    PLOT_AXES_PX,
    FlowLayout,
    FoldButton,
    FoldingLabel,
    roomy,
    scrolled_layout,
)
from backprop_studio.gui.function_models import FunctionModels
from backprop_studio.gui.hidden_values import HiddenValues
from backprop_studio.gui.language import tr

from .common import style_legend
from .surface_controls import FunctionPicker, OptimizerPicker

CURVE_POINTS = 600
MAX_STEPS = Descent1D.MAX_STEPS
TANGENT_HALF_WIDTH = 0.18    # of the plotted x range, each side of x_t
LEGEND_SAMPLE_PX = 36        # a legend entry's line sample and the gaps around it
LEGEND_ROW_PX = 22
FRAME_REACH = 3.0            # how far out (in spans of the shown y range) a prediction is still framed


class FunctionView1D(QWidget):
    def __init__(self, models: FunctionModels | None = None, parent: QWidget | None = None,
                 hidden: HiddenValues | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("functionView1d")
        self.models = models if models is not None else FunctionModels(self)   # studio.functions in the app
        self.model: Descent1D = self.models.descent
        self.hidden = hidden if hidden is not None else HiddenValues(self)   # studio.hidden in the app
        self.pick: Callable[[tuple[float, ...]], None] | None = None   # a lesson's point prediction takes clicks
        self._build()
        theme.signals.changed.connect(self.restyle)
        self.restyle()
        self.models.descent_changed.connect(self._on_descent_changed)
        self._on_descent_changed(FUNCTION)

    def _build(self) -> None:
        self.picker = FunctionPicker(1, "quartic", "x^4 - 3*x^2 + x", self)
        self.optimizer = OptimizerPicker("sgd", 0.05)
        self.step_button = QPushButton(tr("Step", "a button: take one gradient-descent step"))
        self.step_button.setObjectName("function1dStep")     # a lesson's "do" action may name these
        self.step_button.setToolTip(tr("Take one gradient-descent step: x_t+1 = x_t + eps_t"))
        self.run_to = QSpinBox(minimum=1, maximum=MAX_STEPS, value=20)
        self.run_to.setToolTip(tr("The step to go to with Run to N"))
        self.run_button = QPushButton(tr("Run to N"))
        self.run_button.setObjectName("function1dRun")
        self.run_button.setToolTip(tr("Show every step up to step N"))
        self.reset_button = QPushButton(tr("Reset"))
        self.reset_button.setObjectName("function1dReset")
        self.reset_button.setToolTip(tr("Back to the start x_0 (click the plot to move it)"))
        self.plot = pg.PlotWidget()
        self.plot.setToolTip(tr("f(x) with the steps taken, the tangent line at x_t and its prediction.\n"
                                "Click to start from there. Right-click > Export… saves PNG or SVG."))
        item = self.plot.getPlotItem()
        item.setMenuEnabled(True)
        item.setLabel("bottom", "x")
        item.setLabel("left", "f(x)")
        # below the axes, not over them: the current point would sit on it (issue 15)
        self.legend = pg.LegendItem(colCount=5)     # (fewer in a narrow view: _fit_legend)
        item.legend = self.legend            # plot(name=...) adds its entry here
        item.layout.addItem(self.legend, 4, 1)
        self.curve = item.plot([], [], name="f(x)")
        self.tangent = item.plot([], [], name=tr("tangent f(x_t) + ε f'(x_t)"))
        self.steps_item = item.plot([], [], symbol="o", symbolSize=7, name=tr("steps taken"))
        self.current = item.plot([], [], pen=None, symbol="o", symbolSize=14, name="x_t")
        self.predicted = item.plot([], [], pen=None, symbol="o", symbolSize=11, symbolBrush=None,
                                   name=tr("predicted f(x_t+1)"))
        self.learner_point = item.plot([], [], pen=None, symbol="x", symbolSize=16)   # a lesson's: see show_prediction
        self.optimizer.learning_rate.setObjectName("function1dLearningRate")   # a lesson's reach control
        self.readout = FoldingLabel(lines=2)
        self.readout.setObjectName("stepReadout")
        self.readout.setToolTip(tr("The current step: x_t, f(x_t), f'(x_t), the step eps_t and the "
                                   "tangent's prediction against the true f(x_t+1)"))
        self.legend_box = QCheckBox(tr("Legend"))
        self.legend_box.setChecked(True)
        self.legend_box.setToolTip(tr("The key to the curves and markers, below the plot"))
        self._lay_out()
        self._legend_on = True
        self.legend_box.toggled.connect(self._show_legend)
        self.options_button.toggled.connect(self._show_legend)
        self._show_legend()
        self.picker.changed.connect(self._on_picker_changed)
        self.optimizer.changed.connect(self._on_optimizer_changed)
        self.step_button.clicked.connect(self.step)
        self.run_button.clicked.connect(self._on_run_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.plot.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)
        self.hidden.changed.connect(self._on_hidden_changed)

    def _lay_out(self) -> None:
        """The stepping buttons first, wrapping into rows; the optimizer, η, the formula and the
        legend fold away behind *Options* (a 300-pixel dock at 1366x768 keeps its plot)."""
        self.options_button = FoldButton([self.optimizer, self.picker.formula, self.legend_box], tr("Options"),
                                         tr("Show or hide the optimizer and its learning rate η, the formula "
                                            "and the legend"))
        row = FlowLayout()
        row.add_widgets(*self.picker.parts(), self.step_button, self.run_to, self.run_button, self.reset_button,
                        self.options_button, self.optimizer, self.legend_box)
        self.plot.setMinimumHeight(MIN_PLOT_PX + PLOT_AXES_PX)
        layout = scrolled_layout(self)
        layout.addLayout(row)
        layout.addWidget(self.picker.error)
        layout.addWidget(self.picker.formula)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)

    def _show_legend(self, *_args) -> None:
        """The legend is one of the options: shown while they are, when its box is checked."""
        on = self.options_button.isChecked() and self.legend_box.isChecked()
        layout = self.plot.getPlotItem().layout
        if on == self._legend_on:
            return
        self._legend_on = on
        if on:
            layout.addItem(self.legend, 4, 1)
        else:
            layout.removeItem(self.legend)
        self.legend.setVisible(on)
        self._fit_legend()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.options_button.follow(roomy(self))    # from the page's size, which folding does not change
        self._fit_legend()

    def _fit_legend(self) -> None:
        """As many legend entries in a row as the plot's width holds (all five at 600 pixels,
        two at 300): a wider row would run off the plot."""
        room = self.width() - 24
        widths = [label.item.boundingRect().width() + LEGEND_SAMPLE_PX for _sample, label in self.legend.items]
        columns = next((n for n in range(len(widths), 1, -1)
                        if sum(max(widths[c::n]) for c in range(n)) <= room), 1)   # filled row by row
        self.legend.setColumnCount(columns)
        rows = -(-len(widths) // columns) if self._legend_on else 0
        self.plot.setMinimumHeight(MIN_PLOT_PX + PLOT_AXES_PX + rows * LEGEND_ROW_PX)   # the legend's rows too

    def restyle(self) -> None:
        c = theme.colors()
        theme.style_plot(self.plot)
        self.curve.setPen(pg.mkPen(c["foreground"], width=theme.line_width(2)))
        self.tangent.setPen(pg.mkPen(c["highlight"], width=theme.line_width(2), style=pg.QtCore.Qt.PenStyle.DashLine))
        self.steps_item.setPen(pg.mkPen(c["positive"], width=theme.line_width(1)))
        self.steps_item.setSymbolBrush(c["positive"])
        self.steps_item.setSymbolPen(c["positive"])
        self.current.setSymbolBrush(c["negative"])
        self.current.setSymbolPen(pg.mkPen(c["foreground"], width=1))
        self.predicted.setSymbolPen(pg.mkPen(c["highlight"], width=2))
        self.learner_point.setSymbolPen(pg.mkPen(c["foreground"], width=1))
        self.learner_point.setSymbolBrush(c["highlight"])
        style_legend(self.legend, c["foreground"])

    # -- the model: what the view shows ------------------------------------------------------
    @property
    def objective(self) -> Objective:
        return self.model.objective

    @property
    def t(self) -> int:
        return self.model.t

    @property
    def path(self) -> DescentPath | None:
        return self.model.path

    @property
    def start(self) -> float:
        return self.model.start

    def _on_descent_changed(self, aspect: str) -> None:
        model = self.model
        if aspect == FUNCTION:
            self.picker.show_choice(model.function, model.expression, model.objective)
            self._frame_curve()
        self.optimizer.show_spec(model.optimizer, model.hyper)
        if model.error:
            self.readout.setText(model.error)
        elif model.path is not None:
            self._draw()

    def _frame_curve(self) -> None:
        """Draw f over its range; the view frames the curve (the tangent may run off it: it is
        a straight line)."""
        (xs,), f = self.objective.grid(CURVE_POINTS)
        finite = np.isfinite(f)
        self.curve.setData(xs[finite], f[finite])
        shown = f[finite] if finite.any() else np.zeros(1)
        pad = 0.08 * (float(shown.max() - shown.min()) or 1.0)
        self.plot.getPlotItem().getViewBox().setRange(
            xRange=(xs[0], xs[-1]), yRange=(float(shown.min()) - pad, float(shown.max()) + pad),
            padding=0.02)

    # -- the controls change the model --------------------------------------------------------
    def _on_picker_changed(self, _objective: Objective) -> None:
        try:
            self.model.set_function(*self.picker.chosen())
        except InputError as e:     # the picker parsed it: only a shipped name could be refused
            self.picker.show_error(e)

    def _on_optimizer_changed(self) -> None:
        self.model.set_optimizer(*self.optimizer.spec())

    def _on_run_button_clicked(self) -> None:
        self.go_to(self.run_to.value())

    def _on_reset_button_clicked(self) -> None:
        self.go_to(0)

    def set_start(self, x: float) -> None:
        self.model.set_start(x)

    def step(self) -> None:
        self.model.step()

    def go_to(self, t: int) -> None:
        """Show step t (clamped to where the path stopped)."""
        self.model.go_to(t)

    def _on_hidden_changed(self) -> None:
        if self.path is not None:
            self._draw()

    def _draw(self) -> None:
        path, t = self.path, self.t
        assert path is not None, "drawn once the path is computed"
        xs, fs = path.points[:t + 1, 0], path.losses[:t + 1]
        self.steps_item.setData(xs, fs)
        x_t, f_t, g_t = xs[-1], fs[-1], path.gradients[t, 0]
        self.current.setData([x_t], [f_t])
        lo, hi = self.objective.ranges[0]
        w = TANGENT_HALF_WIDTH * (hi - lo)
        eps = np.array([-w, w])
        self.tangent.setData(x_t + eps, path.tangent(t, x_t + eps))
        self.predicted.setData([], [])
        text = (f"t = {t}: x_t = {self._shown('x', t, x_t)}, f(x_t) = {self._shown('f', t, f_t)}, "
                f"f'(x_t) = {self._shown('gradient', t, g_t)}")
        if t < path.steps:
            step = path.points[t + 1, 0] - x_t
            predicted = f_t + step * g_t
            secret = self._hides("step", t) or self._hides("x", t + 1)    # f_t + ε_t f'_t gives ε_t back
            if not secret:                                                 # the hollow marker sits at x_t+1
                self.predicted.setData([x_t + step], [predicted])
                self._frame(float(predicted))
            told = SHOWN_INSTEAD if secret else f"{predicted:.6g}"
            text += tr(".  Next step ε_t = {step}: the tangent predicts f(x_{{t+1}}) ≈ {predicted}, "
                       "the true value is {true}").format(step=self._shown("step", t, step, ".4g"), predicted=told,
                                                          true=self._shown("f", t + 1, path.losses[t + 1]))
        elif path.message:
            text += f".  {path.message}"
        if SHOWN_INSTEAD in text:
            text += tr(".  ({hidden} = yours to compute)").format(hidden=SHOWN_INSTEAD)
        self.readout.setText(html_of_text(text))     # x_t with a real subscript

    def _frame(self, y: float) -> None:
        """Stretch the plot's y range to take in ``y`` (the tangent's prediction, which a large
        step sends below the curve: lesson 1 points at it).  A prediction farther out than
        :data:`FRAME_REACH` spans of the curve is left off screen: framing it would flatten the
        curve into a line."""
        box = self.plot.getPlotItem().getViewBox()
        lo, hi = box.viewRange()[1]
        span = hi - lo
        if not np.isfinite(y) or lo <= y <= hi or span <= 0 or abs(y - (lo + hi) / 2) > FRAME_REACH * span:
            return
        pad = 0.06 * (max(hi, y) - min(lo, y))
        box.setYRange(min(lo, y - pad), max(hi, y + pad), padding=0)

    def _key(self, kind: str, t: int) -> FunctionValue:
        """The key of a number of step t (a path that stopped early shows its end for every later t)."""
        path = self.path
        assert path is not None, "a step's number exists once the path is computed"
        return FunctionValue("function1d", kind, t, last=t == path.steps and path.reason != "steps")

    def _hides(self, kind: str, t: int) -> bool:
        return self.hidden.hides(self._key(kind, t))

    def _shown(self, kind: str, t: int, value: float, spec: str = ".6g") -> str:
        return self.hidden.text(self._key(kind, t), format(value, spec))

    def show_prediction(self, x: float | None) -> None:
        """Mark a lesson's predicted x_t+1 on the curve (a cross, "your prediction"); None clears it."""
        if x is None:
            self.learner_point.setData([], [])
            self.legend.removeItem(self.learner_point)
            return
        f, _ = self.objective.value_and_gradient(np.array([x], dtype=np.float64))
        self.learner_point.setData([x], [float(f)])
        if self.legend.getLabel(self.learner_point) is None:
            self.legend.addItem(self.learner_point, tr("your prediction"))

    def _on_scene_mouse_clicked(self, event) -> None:
        vb = self.plot.getPlotItem().getViewBox()
        if event.button() != pg.QtCore.Qt.MouseButton.LeftButton or \
                not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        x = vb.mapSceneToView(event.scenePos()).x()
        if self.pick is not None:           # a lesson asks where x lands: the click is the answer
            self.pick((float(x),))
            return
        self.set_start(x)
