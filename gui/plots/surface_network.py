"""The loss landscape of the user's network around its current parameters, and its path.

The landscape (:mod:`core.surfaces.landscape`) is computed in a worker thread on a copy of the
network, with a progress bar and a Cancel button; the window stays live.  It is computed
when the tab is shown and its settings or the document change, and on *Recompute* (to
centre it on the parameters as they are now).  Training does not recompute it: the
trajectory of the training log (:class:`.surface_trajectory.TrajectoryRecorder`) is projected onto
the landscape's directions and the path extends live, redrawn at most ten times a second.
In *line* mode a point's height is the curve's value where it projects (the path lies on
the curve), since the curve is only the loss along that one line.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from backprop_studio.core.engine.naming import id_name
from backprop_studio.core.lessons.hiding import Hover
from backprop_studio.core.surfaces.landscape import MAX_GRID, NORMALISATIONS, Landscape
from backprop_studio.core.surfaces.landscape_grid import flatten
from backprop_studio.core.surfaces.landscape_job import MAX_SPAN
from backprop_studio.gui import theme
from backprop_studio.gui.compact import (
    MIN_PLOT_PX,
    PLOT_AXES_PX,
    FlowLayout,
    FoldButton,
    FoldingLabel,
    fit_to_current_text,
    pair,
    scrolled_layout,
)
from backprop_studio.gui.language import tr
from backprop_studio.gui.number_inputs import NumberField
from backprop_studio.gui.palettes import ON_MAP
from backprop_studio.gui.throttle import Throttle
from backprop_studio.gui.workers import TaskRunner

from .surface_heatmap import HeatmapPlot, Picture
from .surface_trajectory import MODES, ParameterOrder, TrajectoryRecorder, drawn_landscape, landscape_job

if TYPE_CHECKING:
    from ..studio import StudioSession

REDRAW_INTERVAL = 0.1     # seconds between live path redraws while training runs
SETTLE_MS = 200           # settings must stay put this long before a recompute starts
PATH_POINTS = 2000        # the path is drawn through at most this many of its points (first and last kept)


@lru_cache(maxsize=1 << 16)
def article_name(param_id: str) -> str:
    """The article's name of a core id in plain text (``W0[1,0]`` -> w₂₁⁽¹⁾); other labels pass through."""
    return id_name(param_id, "unicode")


class ParameterList(QAbstractListModel):
    """The network's parameters for the axis choosers: shown by the article's name, data the core id.

    A model rather than combo-box items: 784-128-10 has over 100,000 parameters, and the
    names are only worked out for the rows a list actually shows (:class:`ParameterOrder`).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: Sequence[str] = []

    def set_names(self, names: Sequence[str]) -> None:
        self.beginResetModel()
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.names)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.names):
            return None
        name = self.names[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return article_name(name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("{name}: {id} in the command line's --params").format(name=article_name(name), id=name)
        if role == Qt.ItemDataRole.UserRole:
            return name
        return None


class NetworkLandscape(QWidget):
    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkLandscape")
        self.studio = studio
        self.landscape: Landscape | None = None
        self.recorder = TrajectoryRecorder(studio)
        self._projected = np.empty((0, 2))
        self._projected_of = (-1, 0)          # (recorder generation, rows projected)
        self._dirty = True
        self._computed_at = 0                 # the training step the landscape was centred on
        self._info = ""                       # what the finished landscape shows
        self._names_stale = True              # the axis choosers still list an older network's parameters
        self.runner = TaskRunner(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._throttle = Throttle(REDRAW_INTERVAL, self._draw_path, self)
        self._build()
        self.runner.progressed.connect(self._on_runner_progressed)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)
        self.runner.running_changed.connect(self._on_runner_running_changed)
        studio.step_taken.connect(self._on_session_step_taken)
        studio.document_changed.connect(self._on_session_structure_changed)
        studio.network_changed.connect(self._on_session_structure_changed)
        studio.dataset_changed.connect(self._on_settings_changed)
        studio.config_changed.connect(self._on_settings_changed)
        theme.signals.changed.connect(self.restyle)
        self._on_session_structure_changed()
        self.restyle()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.mode = QComboBox()
        for key, text in MODES.items():
            self.mode.addItem(tr(text), key)
        self.mode.setToolTip(tr(
            "Two parameters: an exact slice, the others held fixed.\n"
            "Random directions: two seeded Gaussian directions (filter-normalised: Li et al. 2018).\n"
            "Line from initial: the loss from the initial (t = 0) to the current (t = 1) parameters.\n"
            "PCA: the plane of the trajectory's two main directions (train first)."))
        self.parameters = ParameterList(self)
        self.first, self.second = QComboBox(), QComboBox()
        for combo in (self.first, self.second):
            combo.setModel(self.parameters)
            # sized without measuring thousands of names; the list measures only what it shows
            view = combo.view()        # (sized to the name shown: fit_to_current_text)
            if isinstance(view, QListView):                # a combo box's own list
                view.setUniformItemSizes(True)
                view.setLayoutMode(QListView.LayoutMode.Batched)   # a 100k-row list is laid out in turns
        names = tr("w_ij^(k): the weight from unit i of layer k−1 to unit j of layer k; b_j^(k): the bias "
                   "of unit j of layer k (numbered from 1, as in the article).\nIn brackets the same "
                   "parameter as files and the command line name it: W(k−1)[i−1,j−1], b(k−1)[j−1] (from 0).")
        self.first.setToolTip(tr("The parameter along the horizontal axis.\n") + names)
        self.second.setToolTip(tr("The parameter along the vertical axis.\n") + names)
        self.normalisation = QComboBox()
        self.normalisation.addItems(list(NORMALISATIONS))
        self.normalisation.setToolTip(tr("Scale of the random directions: filter (per unit, Li et al.), "
                                         "layer (per array) or none"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=0)
        self.seed.setPrefix(tr("seed "))
        self.seed.setToolTip(tr("The seed of the random directions"))
        self.seed.setMaximumWidth(120)
        self.grid = QSpinBox(minimum=5, maximum=MAX_GRID, value=51)
        self.grid.setPrefix(tr("grid "))
        self.grid.setToolTip(tr("Grid points per axis (at most {n}); the cost grows with its square").format(
            n=MAX_GRID))
        self.span = NumberField(1.0, 1e-6, MAX_SPAN, tr("Half-width of each axis around the current parameters "
                                                        "(line: how far beyond t = 0 and t = 1)"))
        self.span.setMaximumWidth(70)
        span_label = QLabel(tr("span"))
        span_label.setToolTip(self.span.toolTip())
        self.recompute_button = QPushButton(tr("Recompute"))
        self.recompute_button.setToolTip(tr("Compute the landscape around the parameters as they are now"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Stop the computation (the previous landscape stays)"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setToolTip(tr("Grid points computed (in a worker thread: keep working)"))
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(5)
        self.log_scale = QCheckBox(tr("Log scale"))
        self.log_scale.setChecked(True)
        self.log_scale.setToolTip(tr("Colour by log10 of the loss"))
        self.contours = QCheckBox(tr("Contours"))
        self.contours.setChecked(True)
        self.contours.setToolTip(tr("Draw contour lines of the loss"))
        self.heatmap = HeatmapPlot()
        self.heatmap.plot.setToolTip(tr("The training loss E around the parameters; the line is the training "
                                        "path, the ring the current parameters, × the centre.\n"
                                        "Right-click > Export… saves PNG or SVG."))
        self.path = pg.PlotDataItem(symbol="o", symbolSize=4)
        self.origin = pg.ScatterPlotItem(size=13, symbol="x")
        self.current = pg.ScatterPlotItem(size=15, brush=None)
        for z, item in enumerate((self.path, self.origin, self.current)):
            item.setZValue(3 + z)
            self.heatmap.item.addItem(item)
        self.line_plot = pg.PlotWidget()
        self.line_plot.getPlotItem().setMenuEnabled(True)
        self.line_plot.setToolTip(tr("The loss along the line from the initial (t = 0) to the current "
                                     "(t = 1) parameters, with the training path projected onto it"))
        self.line_curve = self.line_plot.plot([], [])
        self.line_path = self.line_plot.plot([], [], symbol="o", symbolSize=5)
        self.line_current = self.line_plot.plot([], [], pen=None, symbol="o", symbolSize=14)
        self.line_plot.getPlotItem().setLabel("left", tr("loss E"))
        self.plots = QStackedWidget()
        self.plots.addWidget(self.heatmap)
        self.plots.addWidget(self.line_plot)
        self.info = FoldingLabel()
        self.info.setObjectName("landscapeInfo")
        self.info.setToolTip(tr("What is shown, or why it could not be computed"))
        self.readout = FoldingLabel(tr("hover over the plot to read the loss"))
        self.readout.setToolTip(tr("The grid point under the mouse and its loss"))
        self._lay_out(span_label)
        self._connect_controls()

    def _lay_out(self, span_label: QLabel) -> None:
        """The controls wrap into as many rows as the dock's width needs (a narrow dock at
        1366x768 is 300 pixels wide); the grid, the span and the colouring fold away behind
        *Options*; the description is one line until *more*; the plot keeps the rest."""
        span = pair(span_label, self.span)
        self.options_button = FoldButton([self.grid, span, self.log_scale, self.contours], tr("Options"),
                                         tr("Show or hide the grid, the span and the colouring"))
        for combo in (self.mode, self.first, self.second, self.normalisation):
            fit_to_current_text(combo)
        row = FlowLayout()
        row.add_widgets(self.mode, self.first, self.second, self.normalisation, self.seed, self.recompute_button,
                        self.cancel_button, self.options_button, self.grid, span, self.log_scale, self.contours)
        self.plots.setMinimumHeight(MIN_PLOT_PX + PLOT_AXES_PX)
        layout = scrolled_layout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)       # a thin bar across the page: no room taken from the row
        layout.addWidget(self.info)
        layout.addWidget(self.plots, 1)
        layout.addWidget(self.readout)

    def _connect_controls(self) -> None:
        for combo in (self.mode, self.first, self.second, self.normalisation):
            combo.currentIndexChanged.connect(self._on_settings_changed)
        self.mode.currentIndexChanged.connect(self._show_mode_controls)
        self.seed.valueChanged.connect(self._on_settings_changed)
        self.grid.valueChanged.connect(self._on_settings_changed)
        self.span.committed.connect(self._on_settings_changed)
        self.recompute_button.clicked.connect(self.compute)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.log_scale.toggled.connect(self.heatmap.set_log)
        self.contours.toggled.connect(self.heatmap.set_contours)
        self.heatmap.hovered.connect(self._on_heatmap_hovered)
        self.line_plot.scene().sigMouseMoved.connect(self._on_line_mouse_moved)
        self._show_mode_controls()

    def restyle(self) -> None:
        c = theme.colors()
        theme.style_plot(self.line_plot)
        self.path.setPen(pg.mkPen(ON_MAP["mark"], width=theme.line_width(2)))
        self.path.setSymbolBrush(ON_MAP["path_point"])
        self.path.setSymbolPen(None)
        self.origin.setPen(pg.mkPen(ON_MAP["mark"], width=theme.line_width(2.5)))
        self.current.setPen(pg.mkPen(ON_MAP["current"], width=theme.line_width(3)))
        self.line_curve.setPen(pg.mkPen(c["foreground"], width=theme.line_width(2)))
        self.line_path.setPen(pg.mkPen(c["positive"], width=theme.line_width(1)))
        self.line_path.setSymbolBrush(c["positive"])
        self.line_current.setSymbolBrush(c["negative"])

    # -- settings --------------------------------------------------------------------------
    @property
    def mode_key(self) -> str:
        return self.mode.currentData()

    def _show_mode_controls(self) -> None:
        mode = self.mode_key
        for w in (self.first, self.second):
            w.setVisible(mode == "params")
        for control in (self.normalisation, self.seed):
            control.setVisible(mode == "random")
        self.span.setEnabled(mode != "pca")
        self.plots.setCurrentWidget(self.line_plot if mode == "line" else self.heatmap)

    def _on_settings_changed(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self._settle.start()

    def _on_session_structure_changed(self) -> None:
        """Another network or document: nothing of the old landscape stays on screen, and a
        computation of it still under way is dropped (its result would be of the old one)."""
        # listing the parameters costs a fifth of a second on a big network: not while out of sight
        self._names_stale = True
        if self.isVisible() or not self.parameters.names:
            self._list_parameters()
        self.runner.forget()
        self.landscape = None
        self._clear_plot()
        self._info = ""
        self.info.setText("")
        self.progress.setValue(0)
        self._on_settings_changed()

    def _list_parameters(self) -> None:
        """Fill the axis choosers, keeping the chosen parameters by their core id."""
        if not self._names_stale:
            return
        self._names_stale = False
        names = ParameterOrder(self.studio.session.network)
        if names == self.parameters.names:
            return
        chosen = [combo.currentData() for combo in (self.first, self.second)]
        for combo in (self.first, self.second):
            combo.blockSignals(True)
        self.parameters.set_names(names)
        for combo, was, default in zip((self.first, self.second), chosen, names.default_axes()):
            combo.setCurrentIndex(names.index(was) if was in names else default)
            combo.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # (the main window hides a dock's contents while another dock's tab covers it, so this
        # also runs when the Loss Surface tab is raised)
        self._list_parameters()
        super().showEvent(event)
        # a landscape from before training moved on (computed while the tab was out of sight)
        # would be centred far from the path: shown again, it is centred on the parameters now
        moved = self.landscape is not None and self._computed_at != self.studio.session.step_count
        if self._dirty or (moved and not self.studio.running and not self.runner.running):
            self._settle.start()

    # -- computing -------------------------------------------------------------------------
    def _on_settle_timeout(self) -> None:
        # hidden meanwhile (its tab covered just after it was first shown, say): wait for showEvent
        if self.isVisible():
            self.compute()

    def compute(self) -> None:
        """Start computing the landscape as set up (cancelling one under way)."""
        self._settle.stop()
        self._list_parameters()
        self._dirty = False
        core = self.studio.session
        try:
            job = landscape_job(core, self.mode_key, self.first.currentData(), self.second.currentData(),
                                self.normalisation.currentText(), self.seed.value(), self.grid.value(),
                                self.span.value(), self.recorder.matrix)
        except ValueError as e:
            self._on_runner_failed(str(e))
            return
        self.progress.setValue(0)
        self._computed_at = core.step_count
        self.info.setText(tr("computing…"))
        self.runner.start(drawn_landscape, job)     # the heatmap's pictures are worked out there too

    def cancel(self) -> None:
        self.runner.cancel()

    def _on_runner_progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_runner_running_changed(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)

    def _on_runner_finished(self, drawn: tuple[Landscape, dict[bool, Picture]]) -> None:
        """Show a landscape that arrived from the worker, with the pictures worked out there; the
        path follows in a turn of the event loop of its own (projecting a long path is the
        costly part: drawn together, raising the page while training paused the window)."""
        result, shown = drawn
        self.landscape = result
        self.progress.setValue(self.progress.maximum())
        self._projected_of = (-1, 0)
        if result.mode == "line":
            self.line_curve.setData(result.axes[0], result.values)
            self.line_plot.getPlotItem().setLabel("bottom", tr("t (0: initial, 1: current parameters)"))
            self.line_plot.getPlotItem().enableAutoRange()
        else:
            self.heatmap.set_surface(result.axes, result.values,
                                     (id_name(result.labels[0], "html"), id_name(result.labels[1], "html")),
                                     drawn=shown)
            self.origin.setData([result.origin[0]], [result.origin[1]])
        info = tr("{mode}: {axes}, grid {n}").format(mode=tr(MODES[result.mode]),
                                                     axes=" × ".join(map(article_name, result.labels)),
                                                     n=len(result.axes[0]))
        if result.explained_variance is not None:
            info += tr("; the plane explains {share} of the trajectory's variance").format(
                share=f"{result.explained_variance.sum():.1%}")
        self._info = info
        self.info.setText(info)
        self._throttle.later()

    def _on_runner_failed(self, message: str) -> None:
        """The reason, beside no landscape (an older one, of other settings, would mislead)."""
        self.landscape = None
        self._clear_plot()
        self._info = ""
        self.info.setText(message)

    def _on_runner_cancelled(self) -> None:
        self.info.setText(tr("cancelled: the previous landscape is kept"))

    def _clear_plot(self) -> None:
        self.heatmap.clear()
        for item in (self.path, self.line_curve, self.line_path, self.line_current):
            item.setData([], [])
        self.origin.setData([], [])
        self.current.setData([], [])

    # -- the live path ---------------------------------------------------------------------
    def _on_session_step_taken(self) -> None:
        self._throttle.request(self.studio.running)

    def _path_coords(self) -> np.ndarray:
        """The recorded trajectory on the landscape, projecting only the rows not yet projected."""
        assert self.landscape is not None, "a path is drawn on a computed landscape"
        generation, done = self._projected_of
        if generation != self.recorder.generation or done > len(self.recorder):
            self._projected, done = np.empty((0, len(self.landscape.axes))), 0
        if done < len(self.recorder):
            new = self.landscape.project(self.recorder.thetas[done:])
            self._projected = np.concatenate([self._projected, new])
        self._projected_of = (self.recorder.generation, len(self.recorder))
        return self._projected

    def _draw_path(self) -> None:
        L = self.landscape
        if L is None or not len(self.recorder) or L.center.size != self.recorder.thetas[-1].size:
            return
        coords = self._path_coords()
        if len(coords) > PATH_POINTS:   # drawn evenly thinned: a per-step path is long, a line of pixels is not
            coords = coords[np.linspace(0, len(coords) - 1, PATH_POINTS).round().astype(int)]
        here = L.project([flatten(self.studio.session.network.parameters())])[0]
        if L.mode == "line":
            heights = np.interp(coords[:, 0], L.axes[0], L.values)
            self.line_path.setData(coords[:, 0], heights)
            self.line_current.setData([here[0]], [np.interp(here[0], L.axes[0], L.values)])
        else:
            self.path.setData(coords[:, 0], coords[:, 1])
            self.current.setData([here[0]], [here[1]])
        self._show_centre_note()

    def _show_centre_note(self) -> None:
        """Say where the landscape is centred once training has moved away from it."""
        if not self._info or not self.info.text().startswith(self._info):
            return                      # a message (cancelled, an error) is showing
        now = self.studio.session.step_count
        note = "" if now == self._computed_at else tr(
            " · centred on step {then}; Recompute to centre it on step {now}").format(then=self._computed_at, now=now)
        self.info.setText(self._info + note)

    # -- readouts --------------------------------------------------------------------------
    def _on_heatmap_hovered(self, a: float, b: float) -> None:
        L = self.landscape
        value = self.heatmap.value_at(a, b) if L is not None and L.mode != "line" else None
        if value is None or L is None:
            self.readout.setText(tr("hover over the landscape to read the loss"))
            return
        first, second = (article_name(label) for label in L.labels[:2])
        shown = self.studio.hidden.text(Hover("loss"), f"{value:.6g}")   # the centre is the current E
        self.readout.setText(tr("{first} = {a}, {second} = {b}: loss E ≈ {loss} (nearest grid point)").format(
            first=first, a=f"{a:.4g}", second=second, b=f"{b:.4g}", loss=shown))

    def _on_line_mouse_moved(self, pos) -> None:
        L = self.landscape
        vb = self.line_plot.getPlotItem().getViewBox()
        if L is None or L.mode != "line" or not vb.sceneBoundingRect().contains(pos):
            return
        t = vb.mapSceneToView(pos).x()
        if L.axes[0][0] <= t <= L.axes[0][-1]:
            shown = self.studio.hidden.text(Hover("loss"), f"{np.interp(t, L.axes[0], L.values):.6g}")
            self.readout.setText(tr("t = {t}: loss E ≈ {loss}").format(t=f"{t:.4g}", loss=shown))

    def shutdown(self) -> None:
        self._settle.stop()
        self.runner.shutdown()
