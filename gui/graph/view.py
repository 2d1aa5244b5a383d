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

**Cheap at any width.**  How much is drawn is planned once per structure (network, focus,
expansions, room): the most detailed graph whose text is legible when fitted
(:func:`layout.legible`), never more than ``core.explain.graph.MAX_ITEMS`` nodes and edges.
The scene's items are made once per plan; a training step only restyles them (texts and
colours).  The view does nothing while it is hidden but remember that it must redraw.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from backprop_studio.core.explain import Ref, context_for
from backprop_studio.core.explain.context import preview_record
from backprop_studio.core.explain.exercise import Exercise
from backprop_studio.core.explain.fine_cursor import Reveal
from backprop_studio.core.explain.graph import Detail, Graph, Node, build_graph, node_id_for, units_for
from backprop_studio.core.explain.graph_ids import layer_id, unit_id
from backprop_studio.core.explain.notation import fmt
from backprop_studio.core.explain.phases import newly_known
from backprop_studio.core.lessons.hiding import node_keys
from backprop_studio.core.training.position import position_of
from backprop_studio.gui import theme
from backprop_studio.gui.fine_stepping import readout_html
from backprop_studio.gui.language import tr
from backprop_studio.gui.plot_export import ask_image_path, write_picture
from backprop_studio.gui.throttle import Throttle

from . import texts
from .canvas import GraphCanvas
from .controls import ExerciseBar, GraphControls
from .fine import lit_nodes, revealed
from .items import EdgeItem, NodeItem, make_items
from .keys import GraphKeys
from .layout import bounds, plan_detail, positions, spread
from .panes import EXPAND_LINK, rule_html, status_html

if TYPE_CHECKING:
    from ..studio import StudioSession

REDRAW_MS = 100
_PER_SAMPLE = {"x", "v_in", "v_out", "delta", "fprime", "contrib", "loss"}   # refs that name a sample


STATUS_SHARE = 0.3       # the most of the view's height the status above the graph may take

class ComputationGraph(QWidget):
    def __init__(self, studio: StudioSession) -> None:
        super().__init__()
        self.setObjectName("computationGraph")
        self.studio = studio
        self.graph: Graph | None = None
        self.sample = 0
        self.focus: int | None = None
        self.expand: list[tuple[int, int]] = []     # in the order asked for
        self.selected: str | None = None
        self.exercise = Exercise(enabled=studio.exercise_mode)
        self.horizontal = True
        self.items: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self._drawn_key: object = None
        self._plan_key: object = None
        self._plan: tuple[Detail, bool, bool] = (Detail(), True, False)
        self._structure = 0              # bumped by every structure change of the document
        self._dropped = 0                # expansions given up to keep to the item cap
        self._dirty = True
        self._fine: Reveal | None = None   # fine stepping's phase on show, revealed up to its tick
        self._lit: set[str] = set()        # the nodes its tick lights
        self._build()
        self._throttle = Throttle(REDRAW_MS / 1000, self._refresh, self, cost_factor=4.0,
                                  running=lambda: studio.running)
        s = studio
        for signal in (s.step_taken, s.params_changed, s.config_changed):
            signal.connect(self._on_session_changed)
        for signal in (s.network_changed, s.dataset_changed, s.document_changed):
            signal.connect(self._on_session_structure_changed)
        s.exercise_mode_changed.connect(self._on_session_exercise_mode_changed)
        s.hidden.changed.connect(self._on_session_changed)
        s.graph_node_requested.connect(self._on_session_graph_node_requested)
        s.fine.changed.connect(self._on_session_changed)       # fine stepping: one unit more (or less) on show
        theme.signals.changed.connect(self.refresh)
        self.refresh()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.controls = GraphControls(self.studio.sample)
        c = self.controls
        self.sample_box, self.focus_box, self.expand_box = c.sample_box, c.focus_box, c.expand_box
        self.studio.sample.changed.connect(self._on_studio_sample_changed)
        c.focus_box.activated.connect(self._on_focus_box_activated)
        c.expand_box.activated.connect(self._on_expand_box_activated)
        c.unit_chosen.connect(self._on_controls_unit_chosen)
        c.fit.clicked.connect(self.fit)
        c.export.clicked.connect(self.export_dialog)
        self.status = QLabel()
        self.status.setObjectName("graphStatus")
        self.status.setWordWrap(True)
        self.canvas = GraphCanvas()
        self.canvas.node_clicked.connect(self._on_canvas_node_clicked)
        self.canvas.node_double_clicked.connect(self._on_canvas_node_double_clicked)
        self.canvas.room_changed.connect(self._on_canvas_room_changed)
        self.keys = GraphKeys(self)            # arrows, Enter, the spoken selection (gui/graph/keys.py)
        self.rule = QTextBrowser()
        self.rule.setObjectName("graphRule")
        self.rule.setAccessibleName(tr("Rules of the selected node"))
        self.rule.setOpenLinks(False)
        self.rule.anchorClicked.connect(self._on_rule_anchor_clicked)
        self.rule.setPlaceholderText(tr("Click a node for its local rule and the chain rule with numbers."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.canvas)
        split.addWidget(self.rule)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 76])     # the graph keeps the room; drag for more text
        bar = self.exercise_bar = ExerciseBar(self.exercise.score)
        self.answer, self.feedback = bar.answer, bar.feedback
        bar.answer.returnPressed.connect(self.check_answer)
        bar.check.clicked.connect(self.check_answer)
        bar.setVisible(self.exercise.enabled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.controls)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(self.exercise_bar)

    # -- what is hidden: the one place for each kind of number -------------------------------
    def value_hidden(self, node: Node) -> bool:
        """Whether ``node``'s value is shown as '?': an open lesson question hides it (the one rule,
        ``studio.hidden``)."""
        key, _ = node_keys(node, self.sample)
        return node.value is not None and key is not None and self.studio.hidden.hides(key, exercise_here=True)

    def grad_hidden(self, node: Node) -> bool:
        """Whether ``node``'s gradient is shown as '?': an open lesson question hides it, and
        exercise mode hides those the last phase computed until the learner predicts them."""
        if node.grad is None:
            return False
        _, key = node_keys(node, self.sample)
        if key is not None and self.studio.hidden.hides(key, exercise_here=True):
            return True
        return self.exercise.hides(_grad_key(node), self._new(node.grad_phase))

    # -- redrawing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._throttle.now()

    def _on_session_changed(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self._throttle.request()

    def _on_session_structure_changed(self, *_args) -> None:
        self._structure += 1
        self._on_session_changed()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _on_canvas_room_changed(self) -> None:
        if self.graph is not None and self.isVisible():      # the plan depends on the room
            self.refresh()
        else:
            self._dirty = True

    def _context(self):
        core = self.studio.session
        return context_for(core) or context_for(core, preview_record(core))

    def _refresh(self) -> None:
        self._dirty = False
        ctx = self._context()
        rec, net = ctx.record, ctx.network
        self.sample = self.studio.sample.within(ctx.batch)      # the current sample (gui/shared_sample.py)
        if self.focus is not None and self.focus >= net.sizes[-1]:
            self.focus = None
        self.expand = [(k, j) for k, j in self.expand if k <= net.depth and j < net.sizes[k]]
        self.exercise.moved_to((rec.step, rec.phases_done, id(self.studio.session)))
        self._fine = self.studio.fine.reveal()
        detail, horizontal, _ = self._planned(ctx)
        g = build_graph(rec, net, ctx.loss, self.sample, self.focus, self.expand, detail.max_weights,
                        ctx.regularisation, max_units=detail.max_units, rules=False)
        self._give_up(g.left_out)
        self.graph = g
        self._lit = lit_nodes(self._fine, g)
        self._draw(g, horizontal)
        self.controls.update_from(g, ctx.batch, net.sizes[-1], self.sample, self.focus, self.expand)
        self._show_status(ctx)
        self._show_selected()

    def _planned(self, ctx) -> tuple[Detail, bool, bool]:
        """(detail, horizontal, collapsed for legibility): the most detailed graph whose text is
        legible when the whole graph is fitted to the room (the coarsest when none is); planned
        on the structure alone, once per structure and room."""
        room = self.canvas.room()
        key = (self._structure, self.focus, tuple(self.expand), room.width(), room.height())
        if key == self._plan_key:
            return self._plan
        detail, horizontal, coarsened, left_out = plan_detail(ctx, self.sample, self.focus, self.expand,
                                                              room.width(), room.height())
        self._give_up(left_out)
        self._plan_key = (self._structure, self.focus, tuple(self.expand), room.width(), room.height())
        self._plan = (detail, horizontal, coarsened)
        return self._plan

    def _give_up(self, left_out: list[tuple[int, int]]) -> None:
        """Expansions the item cap left out are dropped for good (the latest asked for stay)."""
        if left_out:
            self._dropped += len(left_out)
            self.expand = [u for u in self.expand if u not in left_out]

    def _new(self, phase: int) -> bool:
        """Computed by the phase done last (core.explain.phases: the rule the debugger reads too)."""
        return newly_known(phase, self.graph.phases_done if self.graph is not None else 0)

    def _draw(self, g: Graph, horizontal: bool) -> None:
        """Make the scene's items when the structure changed; in any case restyle them."""
        room = self.canvas.room()
        along = spread(g, horizontal, max(1, room.width()), max(1, room.height()))
        key = (tuple(g.nodes), tuple(n.inputs for n in g.nodes.values()), horizontal, along)
        fresh = key != self._drawn_key
        if fresh:
            self._drawn_key, self.horizontal = key, horizontal
            self._lay_out(g, along)
        for node_id, item in self.items.items():
            self._restyle(item, g.nodes[node_id])
        for edge in self.edges:
            target = self._revealed(g.nodes[edge.target])
            edge.style(target.value is not None, target.grad is not None,
                       edge.source in self._lit and edge.target in self._lit)
        self.canvas.setBackgroundBrush(QColor(theme.colors()["background"]))
        if fresh:
            self.canvas.show_graph(self._bounds)

    def _restyle(self, item: NodeItem, node: Node) -> None:
        node = self._revealed(node)
        hide_v, hide_g = self.value_hidden(node), self.grad_hidden(node)
        item.set_texts(node.html, *texts.box_lines(node, hide_v, hide_g), texts.tooltip(node, hide_v, hide_g))
        new = node.id in self._lit if self._fine is not None else (
            self._new(node.value_phase) or self._new(node.grad_phase))
        item.set_style(node.op, node.value is not None, new, node.id == self.selected)

    def _revealed(self, node: Node) -> Node:
        """``node`` as fine stepping shows it (:func:`gui.graph.fine.revealed`)."""
        return revealed(self._fine, node, self.sample)

    def _lay_out(self, g: Graph, along: float) -> None:
        self.canvas.scene().clear()
        pos = positions(g, self.horizontal, along)
        self.items, self.edges = make_items(self.canvas.scene(), g, pos, self.horizontal)
        self._bounds = QRectF(*bounds(pos))

    def fit(self) -> None:
        if self.items:
            self.canvas.fit()

    def _show_status(self, ctx) -> None:
        assert self.graph is not None, "the status follows a built graph"
        text = status_html(ctx, self.graph, self._plan[2], self._dropped, position_of(self.studio.session))
        if self.canvas.cropped:
            text += " " + tr("Too long to show whole at a legible size: its start is in view; drag, scroll or "
                             "use the arrow keys for the rest.")
        if self._fine is not None:
            text += "<br>" + readout_html(self.studio, self._fine)
        self.status.setText(text)
        self.status.setToolTip(text)            # whole, when a large text size cuts it (resizeEvent)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # the status may take at most STATUS_SHARE of the view, so that at a large text size in a
        # narrow dock the graph keeps its room (the status's tooltip has all of it)
        lines = 3 * self.status.fontMetrics().lineSpacing()
        self.status.setMaximumHeight(max(lines, int(STATUS_SHARE * self.height())))

    # -- selection and the local rule --------------------------------------------------------
    def _on_canvas_node_clicked(self, node_id: str) -> None:
        self.select_node(node_id)
        assert self.graph is not None, "a node was clicked: there is a graph"
        node = self.graph.nodes[node_id]
        ref = node.grad_ref if node.grad is not None and node.grad_ref is not None else node.ref
        if ref is not None:
            self.studio.value_selected.emit(ref)

    def _on_canvas_node_double_clicked(self, node_id: str) -> None:
        node = self.graph.nodes.get(node_id) if self.graph is not None else None
        if node is not None and node.op == "group" and node.unit is not None:
            self.expand_unit(node.unit)
        elif node is not None and node.op == "layer":
            self.controls.unit_box.setFocus()

    def select_node(self, node_id: str) -> None:
        """Select ``node_id``: its box is marked and the pane shows its rules (a collapsed
        layer's also offers the unit picker)."""
        self.selected = node_id
        g = self.graph
        node = g.nodes.get(node_id) if g is not None else None
        if g is not None and node is not None and node.op == "layer" and node.layer is not None:
            first = node.top[0] if node.top else 0
            self.controls.show_picker(node.layer, g.network.sizes[node.layer] if g.network else 0, first)
        else:
            self.controls.show_picker(None)
        if g is not None:
            for item_id, item in self.items.items():
                self._restyle(item, g.nodes[item_id])
        self._show_selected()

    def _show_selected(self) -> None:
        g = self.graph
        node = g.explain(self.selected) if g is not None and self.selected in g.nodes else None
        self.keys.describe()
        if node is None or g is None:
            self.rule.clear()
            return
        self.rule.setHtml(rule_html(node, g, self.value_hidden(node), self.grad_hidden(node)))

    def _on_rule_anchor_clicked(self, url) -> None:
        link = url.toString()
        if link.startswith(EXPAND_LINK):
            k, j = (int(p) for p in link[len(EXPAND_LINK):].split(":"))
            self._on_controls_unit_chosen(k, j)
        else:
            self.studio.follow_view_link(link)

    # -- choosers ----------------------------------------------------------------------------
    def _on_studio_sample_changed(self, _sample: int) -> None:
        """The current sample changed (here, in the debugger or the editor): draw it."""
        self._on_session_changed()

    def _on_focus_box_activated(self, index: int) -> None:
        self.focus = None if index <= 0 else index - 1
        self.refresh()

    def _on_expand_box_activated(self, index: int) -> None:
        if index <= 0:
            return
        data = self.expand_box.itemData(index)
        if data is None:
            self.expand.clear()
            self._dropped = 0
            self.refresh()
        elif data[0] == "layer":
            k = data[1]
            node = self.graph.nodes.get(layer_id(k)) if self.graph else None
            top = node.top[0] if node is not None and node.top else 0
            self.controls.show_picker(k, self.studio.session.network.sizes[k], top)
            self.controls.unit_box.setFocus()
        else:
            self.expand_unit((data[1], data[2]))

    def _on_controls_unit_chosen(self, k: int, j: int) -> None:
        """Draw unit j of layer k on its own and select it."""
        self.controls.show_picker(None)
        self.expand_unit((k, j))
        node_id = unit_id(k, j)
        if self.graph is not None and node_id in self.graph.nodes:
            self.select_node(node_id)
            self.canvas.ensureVisible(self.items[node_id])

    def expand_unit(self, unit: tuple[int, int]) -> None:
        """Draw unit (k, j) in full: on its own, with its weights and products (k = 0: an input)."""
        unit = (int(unit[0]), int(unit[1]))
        if unit not in self.expand:
            self.expand.append(unit)
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
            self.studio.sample.set(ref.sample)      # every view shows that sample
            self.sample = ref.sample
        if self._dirty or self.graph is None or self.graph.sample != self.sample:
            self._refresh()
        assert self.graph is not None, "built by _refresh()"
        if node_id not in self.graph.nodes:
            for unit in units_for(ref):
                if unit in self.expand:           # the latest asked for: kept first at the cap
                    self.expand.remove(unit)
                self.expand.append(unit)
            self._refresh()
        if node_id not in self.graph.nodes and self.focus is not None:
            self.focus = None
            self._refresh()
        if node_id not in self.graph.nodes:
            return False
        self.select_node(node_id)
        self.canvas.ensureVisible(self.items[node_id])
        return True

    # -- exercise mode -----------------------------------------------------------------------
    def _on_session_exercise_mode_changed(self, on: bool) -> None:
        self.exercise.enabled = on
        self.exercise_bar.setVisible(on)
        self.refresh()

    def check_answer(self) -> bool | None:
        """Check the typed gradient of the selected node; None when it has nothing hidden."""
        node = self.graph.nodes.get(self.selected) if self.graph and self.selected else None
        if node is None or node.grad is None or not self.grad_hidden(node):
            self.feedback.setText(tr("Select a node whose gradient shows ?"))
            return None
        try:
            ok = self.exercise.answer(_grad_key(node), self.answer.text(), node.grad)
        except ValueError as e:
            self.feedback.setText(str(e))
            return None
        verdict = tr("✓ Right!") if ok else (tr("✗ Not quite: try once more") if self.grad_hidden(node)
                                             else tr("✗ Not quite: it is {value}").format(value=fmt(node.grad)))
        self.answer.clear()
        self.select_node(node.id)
        self.feedback.setText(f"{verdict} · {self.exercise.score}")
        return ok

    # -- export ------------------------------------------------------------------------------
    def export(self, path: str | Path) -> Path:
        """Write the whole graph to ``path``: SVG for .svg, else PNG."""
        if self._dirty or self.graph is None:
            self._refresh()
        return write_picture(self.canvas.scene(), QRectF(self._bounds), path, QColor(theme.colors()["background"]),
                             "Backprop Studio computation graph")

    def export_dialog(self) -> Path | None:
        name = ask_image_path(self, tr("Export computation graph"), "computation-graph.png")
        if name is None:
            return None
        try:
            return self.export(name)
        except (OSError, ValueError) as e:
            self.feedback.setText(str(e))
            self.status.setText(tr("Export failed: {error}").format(error=html.escape(str(e))))
            return None


def _grad_key(node: Node) -> Ref:
    """The exercise's key for a node's gradient."""
    return Ref("graph_grad", key=node.id)
