"""The bars around the computation graph: above it which sample, which output, which units to
expand; below it, in exercise mode, the learner's prediction.

Widgets only (their object names are a contract); :class:`~gui.graph.view.ComputationGraph`
fills them from the graph it drew and acts on their signals.  The unit picker (a spin box
and Expand) appears for a collapsed layer: choose which of its units to draw on its own.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from backprop_studio.core.explain.graph import Graph
from backprop_studio.core.explain.graph_ids import layer_id
from backprop_studio.gui.language import tr
from backprop_studio.gui.shared_sample import SampleChooser, SharedSample


class GraphControls(QWidget):
    unit_chosen = Signal(int, int)      # (k, j): draw unit j of layer k on its own (k = 0: input x_j+1)

    def __init__(self, sample: SharedSample) -> None:
        super().__init__()
        # the studio's current sample, shared with the editor and the debugger (gui/shared_sample.py)
        self.sample_box = SampleChooser(sample, "graphSample")
        self.focus_box = QComboBox()
        self.focus_box.setObjectName("graphFocus")
        self.focus_box.setToolTip(tr("Draw every output's computation, or only one output unit's path"))
        self.expand_box = QComboBox()
        self.expand_box.setObjectName("graphExpand")
        self.expand_box.setToolTip(tr("Collapsed units: choose one to draw its weights and products (or double-click "
                                      "its Σ node); a wide layer is one node: choose which of its units to draw"))
        self.unit_box = QSpinBox()
        self.unit_box.setObjectName("graphUnit")
        self.unit_box.setToolTip(tr("Which unit of the collapsed layer to draw on its own"))
        self.unit_go = QPushButton(tr("Expand"))
        self.unit_go.setObjectName("graphUnitExpand")
        self.unit_go.setToolTip(tr("Draw this unit on its own, with its value, gradient and rules"))
        self.unit_go.clicked.connect(self._on_unit_go_clicked)
        self.unit_box.editingFinished.connect(self._on_unit_box_editing_finished)
        self.picker_layer: int | None = None
        self.fit = QPushButton(tr("Fit"))
        self.fit.setObjectName("graphFit")
        self.fit.setToolTip(tr("Show the whole graph (the wheel or + and − zoom, dragging pans, F fits)"))
        self.export = QPushButton(tr("Export…"))
        self.export.setObjectName("graphExport")
        self.export.setToolTip(tr("Save the graph as a PNG or SVG picture"))
        choose, act = QHBoxLayout(), QHBoxLayout()
        for w in (self.sample_box, self.focus_box, self.expand_box):
            choose.addWidget(w)
        choose.addStretch(1)
        choose.addWidget(self.fit)
        choose.addWidget(self.export)
        act.addWidget(self.unit_box)
        act.addWidget(self.unit_go)
        act.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choose)
        layout.addLayout(act)
        self.show_picker(None)
        self._shown: tuple = ()

    # -- filled from the graph -----------------------------------------------------------------
    def update_from(self, g: Graph, batch: int, outputs: int, sample: int, focus: int | None,
                    expanded: list[tuple[int, int]]) -> None:
        """The choosers for graph ``g``, changed only where they differ (a change of a widget's
        text relays and repaints the window: not on every training step)."""
        box = self.sample_box
        if (box.maximum(), box.value(), box.isHidden()) != (batch, sample + 1, batch <= 1):
            box.set_batch(batch)
        layers = {k: g.nodes[layer_id(k)].text for k in g.layers if layer_id(k) in g.nodes}
        shown = (outputs, focus, tuple(g.collapsed), tuple(layers.items()), bool(expanded))
        if shown == self._shown:
            return
        self._shown = shown
        self.focus_box.clear()
        self.focus_box.addItem(tr("all outputs"))
        for j in range(outputs):
            self.focus_box.addItem(tr("output {j}'s path").format(j=j + 1))
        self.focus_box.setCurrentIndex(0 if focus is None else focus + 1)
        self.focus_box.setVisible(outputs > 1)
        expand = self.expand_box
        expand.clear()
        hidden = len(g.collapsed) + sum(g.layers.values())
        expand.addItem(tr("expand…") if hidden else tr("expanded units"))
        for k, j in g.collapsed:
            expand.addItem(tr("expand unit {j} of layer {k}").format(j=j + 1, k=k), ("unit", k, j))
        for k, text in layers.items():
            expand.addItem(tr("expand one of {layer}…").format(layer=text), ("layer", k))
        if expanded:
            expand.addItem(tr("collapse all again"), None)
        expand.setVisible(expand.count() > 1)
        if self.picker_layer is not None and self.picker_layer not in layers:
            self.show_picker(None)

    def show_picker(self, k: int | None, units: int = 0, first: int = 0) -> None:
        """Show the unit picker for collapsed layer ``k`` (``units`` wide, preset to unit
        ``first``), or hide it (None)."""
        self.picker_layer = k
        for w in (self.unit_box, self.unit_go):
            w.setVisible(k is not None)
        if k is not None:
            self.unit_box.setPrefix(tr("input x") if k == 0 else tr("layer {k}, unit ").format(k=k))
            self.unit_box.setRange(1, max(1, units))
            self.unit_box.setValue(first + 1)

    def _on_unit_go_clicked(self) -> None:
        if self.picker_layer is not None:
            self.unit_chosen.emit(self.picker_layer, self.unit_box.value() - 1)

    def _on_unit_box_editing_finished(self) -> None:
        if self.unit_box.hasFocus():          # Enter, not the focus leaving
            self._on_unit_go_clicked()


class ExerciseBar(QWidget):
    """Exercise mode: type the gradient you predict for the selected node, Check, the score."""

    def __init__(self, score: str) -> None:
        super().__init__()
        self.answer = QLineEdit()
        self.answer.setObjectName("graphAnswer")
        self.answer.setPlaceholderText(tr("your ∂E/∂… for the selected node"))
        self.answer.setToolTip(tr("Exercise mode: the gradient you predict for the selected node (shown as ?)"))
        self.check = QPushButton(tr("Check"))
        self.check.setObjectName("graphCheck")
        self.check.setToolTip(tr("Check your prediction (the debugger's rule: within 0.5 %)"))
        self.feedback = QLabel(score)
        self.feedback.setObjectName("graphFeedback")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.answer, self.check, self.feedback):
            row.addWidget(w)
