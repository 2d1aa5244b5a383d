"""The "Computation Graph" dock: one sample's computation as scalar nodes, lit up by the stepping.

The graph comes from :func:`core.explain.graph.build_graph` on the studio's current step
record (the next step's preview before any phase ran), so it shows exactly the engine's
numbers.  F11 (a phase) fills the values of one layer, then E, then the gradients layer by
layer from E back to the parameters; stepping back empties them.  Clicking a node (or an edge,
which means its input) shows the node's local rule and the chain rule with numbers, and selects
the same value in the Step Debugger through ``studio.value_selected``; the debugger's
"why this number?" links come back through ``studio.graph_node_requested``.  In exercise mode
the gradients the last phase computed are hidden until the learner predicts them (the rule of
:mod:`core.explain.exercise`, the same as the debugger's).
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.engine.naming import html_of_text
from backprop_studio.core.explain import Ref, context_for
from backprop_studio.core.explain.context import preview_record
from backprop_studio.core.explain.exercise import Exercise
from backprop_studio.core.explain.graph import Graph, Node, build_graph, node_id_for
from backprop_studio.core.explain.notation import fmt
from backprop_studio.gui import theme
from backprop_studio.gui.plot_export import ask_image_path, write_picture
from backprop_studio.gui.studio import VIEW_LINK
from backprop_studio.gui.throttle import Throttle

from .canvas import GraphCanvas
from .items import EdgeItem, NodeItem, bounds, ports
from .layout import positions, prefer_horizontal

if TYPE_CHECKING:
    from ..studio import StudioSession

REDRAW_MS = 100
_PER_SAMPLE = {"x", "v_in", "v_out", "delta", "fprime", "contrib", "loss"}   # refs that name a sample


class ComputationGraph(QWidget):
    def __init__(self, studio: StudioSession) -> None:
        super().__init__()
        self.setObjectName("computationGraph")
        self.studio = studio
        self.graph: Graph | None = None
        self.sample = 0
        self.focus: int | None = None
        self.expand: set[tuple[int, int]] = set()
        self.selected: str | None = None
        self.exercise = Exercise(enabled=studio.exercise_mode)
        self.horizontal = True
        self.items: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self._drawn_key: object = None
        self._dirty = True
        self._build()
        self._throttle = Throttle(REDRAW_MS / 1000, self._refresh, self, cost_factor=4.0,
                                  running=lambda: studio.running)
        s = studio
        for signal in (s.step_taken, s.params_changed, s.network_changed, s.config_changed, s.dataset_changed,
                       s.document_changed):
            signal.connect(self._on_session_changed)
        s.exercise_mode_changed.connect(self._on_session_exercise_mode_changed)
        s.graph_node_requested.connect(self._on_session_graph_node_requested)
        theme.signals.changed.connect(self.refresh)
        self.refresh()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.sample_box = QSpinBox()
        self.sample_box.setObjectName("graphSample")
        self.sample_box.setPrefix("sample ")
        self.sample_box.setToolTip("The batch has several samples: the graph is drawn for this one")
        self.sample_box.valueChanged.connect(self._on_sample_box_value_changed)
        self.focus_box = QComboBox()
        self.focus_box.setObjectName("graphFocus")
        self.focus_box.setToolTip("Draw every output's computation, or only one output unit's path")
        self.focus_box.activated.connect(self._on_focus_box_activated)
        self.expand_box = QComboBox()
        self.expand_box.setObjectName("graphExpand")
        self.expand_box.setToolTip("Wide layers draw each unit's products as one Σ node; choose a unit to "
                                   "draw its weights and products (or double-click its Σ node)")
        self.expand_box.activated.connect(self._on_expand_box_activated)
        fit = QPushButton("Fit")
        fit.setObjectName("graphFit")
        fit.setToolTip("Show the whole graph (the wheel zooms, dragging pans)")
        fit.clicked.connect(self.fit)
        export = QPushButton("Export…")
        export.setObjectName("graphExport")
        export.setToolTip("Save the graph as a PNG or SVG picture")
        export.clicked.connect(self.export_dialog)
        top = QHBoxLayout()
        for w in (self.sample_box, self.focus_box, self.expand_box):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(fit)
        top.addWidget(export)
        self.status = QLabel()
        self.status.setObjectName("graphStatus")
        self.status.setWordWrap(True)
        self.canvas = GraphCanvas()
        self.canvas.node_clicked.connect(self._on_canvas_node_clicked)
        self.canvas.node_double_clicked.connect(self._on_canvas_node_double_clicked)
        self.canvas.resized.connect(self._on_canvas_resized)
        self.rule = QTextBrowser()
        self.rule.setObjectName("graphRule")
        self.rule.setOpenLinks(False)
        self.rule.anchorClicked.connect(self._on_rule_anchor_clicked)
        self.rule.setPlaceholderText("Click a node for its local rule and the chain rule with numbers.")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.canvas)
        split.addWidget(self.rule)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 76])     # the graph keeps the room; drag for more text
        self.answer = QLineEdit()
        self.answer.setObjectName("graphAnswer")
        self.answer.setPlaceholderText("your ∂E/∂… for the selected node")
        self.answer.setToolTip("Exercise mode: the gradient you predict for the selected node (shown as ?)")
        self.answer.returnPressed.connect(self.check_answer)
        check = QPushButton("Check")
        check.setObjectName("graphCheck")
        check.setToolTip("Check your prediction (the debugger's rule: within 0.5 %)")
        check.clicked.connect(self.check_answer)
        self.feedback = QLabel(self.exercise.score)
        self.feedback.setObjectName("graphFeedback")
        self.exercise_bar = QWidget()
        row = QHBoxLayout(self.exercise_bar)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.answer, check, self.feedback):
            row.addWidget(w)
        self.exercise_bar.setVisible(self.exercise.enabled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(self.exercise_bar)

    # -- redrawing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._throttle.now()

    def _on_session_changed(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self._throttle.request()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _on_canvas_resized(self) -> None:
        if self.graph is not None:       # the orientation may change, and the fit does
            self._draw(self.graph, refit=True)

    def _context(self):
        core = self.studio.session
        return context_for(core) or context_for(core, preview_record(core))

    def _refresh(self) -> None:
        self._dirty = False
        ctx = self._context()
        rec, net = ctx.record, ctx.network
        self.sample = min(self.sample, ctx.batch - 1)
        if self.focus is not None and self.focus >= net.sizes[-1]:
            self.focus = None
        self.expand = {(k, j) for k, j in self.expand if k <= net.depth and j < net.sizes[k]}
        self.exercise.moved_to((rec.step, rec.phases_done, id(self.studio.session)))
        self.graph = build_graph(rec, net, ctx.loss, self.sample, self.focus, self.expand,
                                 regularisation=ctx.regularisation)
        self._update_choosers(ctx)
        self._draw(self.graph)
        self._show_status(ctx)
        self._show_selected()

    def _update_choosers(self, ctx) -> None:
        g = self.graph
        self.sample_box.blockSignals(True)
        self.sample_box.setRange(1, ctx.batch)
        self.sample_box.setValue(self.sample + 1)
        self.sample_box.setSuffix(f" of {ctx.batch}")
        self.sample_box.blockSignals(False)
        self.sample_box.setVisible(ctx.batch > 1)
        outputs = ctx.network.sizes[-1]
        self.focus_box.clear()
        self.focus_box.addItem("all outputs")
        for j in range(outputs):
            self.focus_box.addItem(f"output {j + 1}'s path")
        self.focus_box.setCurrentIndex(0 if self.focus is None else self.focus + 1)
        self.focus_box.setVisible(outputs > 1)
        self.expand_box.clear()
        self.expand_box.addItem(f"{len(g.collapsed)} unit(s) collapsed" if g.collapsed else "expanded units")
        for k, j in g.collapsed:
            self.expand_box.addItem(f"expand unit {j + 1} of layer {k}", (k, j))
        if self.expand:
            self.expand_box.addItem("collapse all again", None)
        self.expand_box.setVisible(bool(g.collapsed or self.expand))

    def _new(self, phase: int) -> bool:
        done = self.graph.phases_done
        return 0 < done == phase

    def _hides(self, node: Node) -> bool:
        return node.grad is not None and self.exercise.hides(_grad_key(node), self._new(node.grad_phase))

    def _draw(self, g: Graph, refit: bool = False) -> None:
        view = self.canvas.viewport()
        horizontal = prefer_horizontal(max(1, view.width()), max(1, view.height()), g)
        key = (tuple(g.nodes), tuple(n.inputs for n in g.nodes.values()), horizontal)
        if key != self._drawn_key:
            self._drawn_key, self.horizontal = key, horizontal
            self._lay_out(g)
            refit = True
        for node_id, item in self.items.items():
            node = g.nodes[node_id]
            item.show(node, self._new(node.value_phase) or self._new(node.grad_phase), node_id == self.selected,
                      self._hides(node))
        for edge in self.edges:
            target = g.nodes[edge.target]
            edge.style(target.value is not None, target.grad is not None)
        self.canvas.setBackgroundBrush(QColor(theme.colors()["background"]))
        if refit:
            self.fit()

    def _lay_out(self, g: Graph) -> None:
        scene = self.canvas.scene()
        scene.clear()
        self.items, self.edges = {}, []
        pos = positions(g, self.horizontal)
        for node_id, node in g.nodes.items():
            item = NodeItem(node)
            item.setPos(*pos[node_id])
            scene.addItem(item)
            self.items[node_id] = item
        for source, target in g.edges():
            start, _ = ports(self.horizontal, *pos[source])
            _, end = ports(self.horizontal, *pos[target])
            edge = EdgeItem(source, target, start, end, self.horizontal)
            scene.addItem(edge)
            self.edges.append(edge)
        self._bounds = bounds(pos)

    def fit(self) -> None:
        if self.items:
            self.canvas.fit(self._bounds)

    def _show_status(self, ctx) -> None:
        rec, g = ctx.record, self.graph
        if rec.phases_done == 0:
            where = "before the step: the inputs and parameters are known; F11 runs the next phase"
        elif rec.complete:
            where = "step complete: every value and gradient of this step is known"
        else:
            where = f"{rec.current_phase} done"
        text = f"<b>Step {rec.step}</b> · {where}."
        if ctx.batch > 1:
            text += (f" Sample {g.sample + 1} of {ctx.batch}: gradients are ∂E[{g.sample + 1}]/∂·, this sample's "
                     f"share (the step's ∂E/∂w is their mean).")
        if g.summary():
            text += " " + html.escape(g.summary(), quote=False) + "."
        if ctx.regularisation.active:
            text += " Data loss only (regularisation is not drawn)."
        self.status.setText(text)

    # -- selection and the local rule --------------------------------------------------------
    def _on_canvas_node_clicked(self, node_id: str) -> None:
        self.select_node(node_id)
        node = self.graph.nodes[node_id]
        ref = node.grad_ref if node.grad is not None and node.grad_ref is not None else node.ref
        if ref is not None:
            self.studio.value_selected.emit(ref)

    def _on_canvas_node_double_clicked(self, node_id: str) -> None:
        node = self.graph.nodes.get(node_id)
        if node is not None and node.op == "group":
            self.expand_unit(node.unit)

    def select_node(self, node_id: str) -> None:
        self.selected = node_id
        if self.graph is not None:
            self._draw(self.graph)
        self._show_selected()

    def _show_selected(self) -> None:
        g = self.graph
        node = g.nodes.get(self.selected) if g is not None and self.selected else None
        if node is None:
            self.rule.clear()
            return
        lines = [f"<b>{node.html}</b> = {fmt(node.value) if node.value is not None else 'not computed yet'}"]
        if node.grad is not None:
            shown = "?" if self._hides(node) else fmt(node.grad)
            lines[0] += f" · {node.grad_html} = <b>{shown}</b>"
        lines.append(_para(node.rule))
        if self._hides(node):
            lines.append("<p><b>Exercise:</b> predict this gradient with the chain rule, type it below and "
                         "press Check.</p>")
        elif node.chain:
            lines.append("<p><b>Chain rule:</b> " + html_of_text(node.chain) + "</p>")
        if node.ref is not None or node.grad_ref is not None:
            lines.append(f'<p><a href="{VIEW_LINK}stepDebugger">Show this value in the Step Debugger</a></p>')
        if node.op == "param" and g.batch > 1:
            lines.append(f"<p><i>This is sample {g.sample + 1}'s share of the gradient; the step's ∂E/∂"
                         f"{node.html} is the mean of the {g.batch} shares.</i></p>")
        self.rule.setHtml("".join(lines))

    def _on_rule_anchor_clicked(self, url) -> None:
        self.studio.follow_view_link(url.toString())

    # -- choosers ----------------------------------------------------------------------------
    def _on_sample_box_value_changed(self, value: int) -> None:
        self.sample = value - 1
        self.refresh()

    def _on_focus_box_activated(self, index: int) -> None:
        self.focus = None if index <= 0 else index - 1
        self.refresh()

    def _on_expand_box_activated(self, index: int) -> None:
        if index <= 0:
            return
        unit = self.expand_box.itemData(index)
        if unit is None:
            self.expand.clear()
            self.refresh()
        else:
            self.expand_unit(tuple(unit))

    def expand_unit(self, unit: tuple[int, int]) -> None:
        """Draw unit (k, j)'s weights and products in full."""
        self.expand.add(tuple(unit))
        self.refresh()

    # -- links with the debugger -------------------------------------------------------------
    def _on_session_graph_node_requested(self, ref: Ref) -> None:
        self.open_ref(ref)

    def open_ref(self, ref: Ref) -> bool:
        """Select the node that shows the debugger's value ``ref`` (switching sample, expanding its
        unit or dropping the focus when needed); False when the graph has no such node."""
        ctx = self._context()
        node_id = node_id_for(ref, ctx.network)
        if node_id is None:
            return False
        if ref.kind in _PER_SAMPLE and ref.sample < ctx.batch:
            self.sample = ref.sample
        if self._dirty or self.graph is None or self.graph.sample != self.sample:
            self._refresh()
        if node_id not in self.graph.nodes and ref.kind in ("param", "grad", "contrib", "update", "after", "state"):
            self.expand.add((ref.layer + 1, ref.j))
            self._refresh()
        if node_id not in self.graph.nodes and self.focus is not None:
            self.focus = None
            self._refresh()
        if node_id not in self.graph.nodes:
            return False
        self.select_node(node_id)
        item = self.items[node_id]
        self.canvas.ensureVisible(item)
        return True

    # -- exercise mode -----------------------------------------------------------------------
    def _on_session_exercise_mode_changed(self, on: bool) -> None:
        self.exercise.enabled = on
        self.exercise_bar.setVisible(on)
        self.refresh()

    def check_answer(self) -> bool | None:
        """Check the typed gradient of the selected node; None when it has nothing hidden."""
        node = self.graph.nodes.get(self.selected) if self.graph and self.selected else None
        if node is None or not self._hides(node):
            self.feedback.setText("Select a node whose gradient shows ?")
            return None
        try:
            ok = self.exercise.answer(_grad_key(node), self.answer.text(), node.grad)
        except ValueError as e:
            self.feedback.setText(str(e))
            return None
        verdict = "✓ Right!" if ok else ("✗ Not quite: try once more" if self._hides(node)
                                         else f"✗ Not quite: it is {fmt(node.grad)}")
        self.answer.clear()
        self._draw(self.graph)
        self._show_selected()
        self.feedback.setText(f"{verdict} · {self.exercise.score}")
        return ok

    # -- export ------------------------------------------------------------------------------
    def export(self, path: str | Path) -> Path:
        """Write the whole graph to ``path``: SVG for .svg, else PNG."""
        if self._dirty or self.graph is None:
            self._refresh()
        rect = QRectF(self._bounds)
        return write_picture(self.canvas.scene(), rect, path, QColor(theme.colors()["background"]),
                             "Backprop Studio computation graph")

    def export_dialog(self) -> Path | None:
        name = ask_image_path(self, "Export computation graph", "computation-graph.png")
        if name is None:
            return None
        try:
            return self.export(name)
        except (OSError, ValueError) as e:
            self.feedback.setText(str(e))
            self.status.setText(f"Export failed: {html.escape(str(e))}")
            return None


def _grad_key(node: Node) -> Ref:
    """The exercise's key for a node's gradient."""
    return Ref("graph_grad", key=node.id)




def _para(text: str) -> str:
    return "<p>" + html_of_text(text).replace("\n", "<br>") + "</p>"

