"""The computation graph from the keyboard, and what a screen reader says about its selection.

As in the network editor (``gui/editor/keyboard.py``), the selection is the keyboard's cursor:
Tab into the canvas selects the first input x₁; an arrow key moves to the nearest node
that way on the screen (Left and Right along the computation in the usual horizontal
drawing, Up and Down between the nodes of one column); Enter does what a double click does
(draws a unit's weights on their own, or opens a collapsed layer's unit picker).  Each move
is a click: the rule pane and the Step Debugger follow ("why this number?").  The canvas's
accessible description is the selected node's name, value and gradient, written by
:func:`gui.graph.texts.spoken` with what the view hides shown as "?".
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from backprop_studio.gui.language import QT_TR_NOOP, tr

from . import texts

if TYPE_CHECKING:
    from .view import ComputationGraph

ACROSS = 2.0          # how much a step sideways counts against a node, per step ahead


def neighbour(centres: dict[str, QPointF], current: str, dx: int, dy: int) -> str | None:
    """The node nearest ``current`` in direction (dx, dy) on the screen, or None at the edge.

    A node straight ahead wins over one a little nearer but off to the side (the distance
    sideways counts ``ACROSS`` times), as a television remote moves between buttons.
    """
    here = centres[current]
    best, best_score = None, float("inf")
    for node_id, at in centres.items():
        ahead = (at.x() - here.x()) * dx + (at.y() - here.y()) * dy
        if node_id == current or ahead <= 0.5:
            continue
        side = abs((at.x() - here.x()) * dy) + abs((at.y() - here.y()) * dx)
        score = ahead + ACROSS * side
        if score < best_score:
            best, best_score = node_id, score
    return best


class GraphKeys:
    """Moves the graph's selection by key; the view's canvas hands it its arrows and Enter."""

    def __init__(self, view: ComputationGraph) -> None:
        self.view = view
        canvas = view.canvas
        canvas.arrow_pressed.connect(self._on_canvas_arrow_pressed)
        canvas.enter_pressed.connect(self._on_canvas_enter_pressed)
        canvas.entered.connect(self._on_canvas_entered)

    def centres(self) -> dict[str, QPointF]:
        return {node_id: item.sceneBoundingRect().center() for node_id, item in self.view.items.items()}

    def select(self, node_id: str) -> None:
        """As a click on the node, and scrolled into view."""
        self.view._on_canvas_node_clicked(node_id)
        self.view.canvas.ensureVisible(self.view.items[node_id], 8, 8)

    def _on_canvas_entered(self) -> None:
        view = self.view
        if view.selected in view.items or not view.items:
            return
        centres = self.centres()
        # where the computation starts: the first column of a horizontal drawing, the top row of
        # a vertical one (the inputs), and in it the first node
        first = ((lambda n: (round(centres[n].x()), centres[n].y())) if view.horizontal
                 else (lambda n: (round(centres[n].y()), centres[n].x())))
        self.select(min(centres, key=first))

    def _on_canvas_arrow_pressed(self, dx: int, dy: int) -> None:
        view = self.view
        if view.selected not in view.items:
            self._on_canvas_entered()
            return
        target = neighbour(self.centres(), view.selected, dx, dy)
        if target is not None:
            self.select(target)

    def _on_canvas_enter_pressed(self) -> None:
        if self.view.selected in self.view.items:
            self.view._on_canvas_node_double_clicked(self.view.selected)

    def describe(self) -> None:
        """The selected node, as the screen reader reads the canvas."""
        view, canvas = self.view, self.view.canvas
        g = view.graph
        if g is None or view.selected not in g.nodes:
            text = tr(HELP)
        else:
            node = view._revealed(g.nodes[view.selected])
            text = texts.spoken(node, view.value_hidden(node), view.grad_hidden(node))
        if canvas.accessibleDescription() != text:
            canvas.setAccessibleDescription(text)


# (str(): PySide6's stub types QT_TR_NOOP as object; it returns its text)
HELP = str(QT_TR_NOOP(
    "Computation graph. Arrow keys move between its nodes; Enter draws a unit's weights on their own; "
    "the selected node's rules show below it and in the Step Debugger."))
