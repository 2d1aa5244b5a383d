"""The network editor from the keyboard, and what a screen reader says about its selection.

The selection is the keyboard's cursor: Tab into the canvas selects the first input unit,
and the keys move it and act on it (issue 28 §2):

=====================  ===================================================================
arrow Up / Down        the next unit of the layer; on a connection, the next connection of
                       the same fan (the source's outgoing ones, or the target's incoming)
arrow Right / Left     from a unit to its first outgoing / incoming connection; from a
                       connection to its target / source unit
Enter                  type the selected value: a weight, a unit's bias, a layer's width
Delete                 remove the selection (one undo command)
\\+ / −                 add a unit to the selected unit's hidden layer / remove that unit
                       (nothing selected: zoom, as before; Ctrl with + or − always zooms)
Menu, Shift+F10        the selected item's context menu
Escape                 clear the selection
=====================  ===================================================================

:func:`spoken` is the canvas's accessible description of the selection, in the article's
names (``core/engine/naming.py``) and with what ``studio.hidden`` hides shown as "?"
(``w₁₁⁽²⁾ = 0.4000, ∂E/∂w = −0.05000``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QGraphicsItem, QMenu

from backprop_studio.core.engine.naming import bias_name, weight_name
from backprop_studio.core.explain.refs import Ref

from ..language import QT_TR_NOOP, tr
from .headers import role_text
from .layout import shown_units
from .values import bias_gradient, gradient, unit_key, unit_values

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from .view import NetworkEditor

HELP = str(QT_TR_NOOP("Network editor. Arrow keys move between units and their connections; Enter edits the "
                  "selected value; Delete removes it; + and − add and remove units; the menu key opens "
                  "the item's menu."))      # said through tr()
ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def spoken(view: NetworkEditor, kind: str | None, key) -> str:
    """The selected item's name and values as one line of plain text (the canvas's description)."""
    core, scene = view.studio.session, view.network_scene
    p = view.options.precision

    def said(ref: Ref, value: float | None) -> str:
        return scene.value_text(ref, value, p).replace("-", "−")

    net = core.network
    if kind == "connection":
        k, i, j = key
        if not net.mask[k][i, j]:
            return f"{weight_name(k, i, j, 'unicode')}, " + tr("removed")
        frozen = ", " + tr("frozen") if net.frozen_W[k][i, j] else ""
        return (f"{weight_name(k, i, j, 'unicode')} = {said(Ref('weight', k, i, j), net.W[k][i, j])}, "
                f"∂E/∂w = {said(Ref('grad', k, i, j), gradient(core, k, i, j))}{frozen}")
    if kind == "neuron":
        k, i = key
        v = unit_values(core, k, i)
        role = "input" if k == 0 else ("output" if k == net.depth else "hidden")
        parts = [tr("unit {i} of layer {k} ({role})").format(i=i + 1, k=k, role=role_text(role))]
        parts += [f"{name} = {said(unit_key(n, k, i), v[n])}" for n, name in
                  (("v_in", "v_in"), ("v_out", "v_out"), ("delta", "δ")) if not (k == 0 and n == "delta")]
        if k and net.layers[k].bias:
            parts.append(f"{bias_name(k - 1, i, 'unicode')} = "
                         f"{said(Ref('weight', k - 1, 0, i, bias=True), net.b[k - 1][i])}")
        return ", ".join(parts)
    if kind == "bias":
        k, j = key
        return (f"{bias_name(k - 1, j, 'unicode')} = {said(Ref('weight', k - 1, 0, j, bias=True), net.b[k - 1][j])}"
                f", ∂E/∂b = {said(Ref('grad', k - 1, 0, j, bias=True), bias_gradient(core, k, j))}")
    if kind == "layer":
        layer = net.layers[key]
        return (tr("layer {k}, {n} units").format(k=key, n=layer.units)
                + (f", {layer.activation}" if key else ", " + tr("input")))
    return tr(HELP)


class EditorKeys:
    """Moves the editor's selection by key and acts on it; the view hands it its key presses."""

    def __init__(self, view: NetworkEditor) -> None:
        self.view = view
        self.fan = "out"          # on a connection, Up/Down walks the source's (out) or target's (in) fan
        self.menu: QMenu | None = None      # the last menu the keyboard opened (tests read it)

    # -- the cursor ------------------------------------------------------------------------
    def current(self) -> tuple[str | None, Any]:
        items: list[Any] = [it for it in self.view.network_scene.selectedItems() if hasattr(it, "kind")]
        return (items[0].kind, items[0].key) if items else (None, None)

    def select(self, kind: str, key) -> bool:
        """Make (kind, key) the one selected item and scroll it into view."""
        scene = self.view.network_scene
        item: QGraphicsItem | None
        if kind == "neuron":
            item = scene.neurons.get(key)
        elif kind == "connection" and key in scene.connections:
            item = scene.connections[key]          # pinned: it stays while selected
        else:
            item = None
        if item is None:
            return False
        scene.clearSelection()
        item.setSelected(True)
        self.view.ensureVisible(item, 24, 24)
        return True

    def enter(self) -> None:
        """Tab arrived: start at the first input unit when nothing is selected."""
        if self.current()[0] is None:
            self.select("neuron", (0, shown_units(self.view.studio.session.network.sizes[0])[0]))

    # -- moves -------------------------------------------------------------------------------
    def _shown(self, k: int) -> list[int]:
        return shown_units(self.view.studio.session.network.sizes[k])

    def move(self, key: int) -> bool:
        kind, at = self.current()
        if kind is None:
            self.enter()
            return True
        depth = self.view.studio.session.network.depth
        if kind == "neuron":
            k, i = at
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                return self.select("neuron", (k, _step(self._shown(k), i, key == Qt.Key.Key_Down)))
            if key == Qt.Key.Key_Right and k < depth:
                self.fan = "out"
                return self.select("connection", (k, i, self._shown(k + 1)[0]))
            if key == Qt.Key.Key_Left and k > 0:
                self.fan = "in"
                return self.select("connection", (k - 1, self._shown(k - 1)[0], i))
            return False
        if kind == "connection":
            k, i, j = at
            forward = key == Qt.Key.Key_Down
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                if self.fan == "out":
                    return self.select("connection", (k, i, _step(self._shown(k + 1), j, forward)))
                return self.select("connection", (k, _step(self._shown(k), i, forward), j))
            return self.select("neuron", (k + 1, j) if key == Qt.Key.Key_Right else (k, i))
        if kind == "bias":
            return self.select("neuron", at)
        return False

    # -- acting on the selection -------------------------------------------------------------
    def edit(self) -> bool:
        """Enter: type the selected value."""
        kind, key = self.current()
        edits, net = self.view.edits, self.view.studio.session.network
        if kind == "connection":
            return edits.edit_weight(*key)
        if kind in ("neuron", "bias") and key[0] > 0 and net.layers[key[0]].bias:
            return edits.edit_bias(*key)
        if kind == "layer" and 0 < key < net.depth:
            return edits.set_units(key)
        return False

    def grow(self, more: bool) -> bool:
        """+ / −: a unit more in the selected unit's hidden layer, or that unit removed."""
        kind, key = self.current()
        net = self.view.studio.session.network
        if kind != "neuron" or not 0 < key[0] < net.depth:
            return False
        k, i = key
        if more:
            done = self.view.edits.add_neuron(k)
            return done and self.select("neuron", (k, self._shown(k)[-1]))
        if net.sizes[k] <= 1:
            return False
        done = self.view.edits.remove_neuron(k, i)
        return done and self.select("neuron", (k, min(i, self._shown(k)[-1])))

    def open_menu(self) -> QMenu:
        """The selected item's context menu, beside it (the background's when none is)."""
        kind, key = self.current()
        view = self.view
        menu = view.context_menu_for(kind, key)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        items = view.network_scene.selectedItems()
        at = (view.mapFromScene(items[0].sceneBoundingRect().center()) if items
              else view.viewport().rect().center())
        self.menu = menu
        menu.popup(view.viewport().mapToGlobal(QPoint(at.x(), at.y())))
        return menu

    def key_pressed(self, event: QKeyEvent) -> bool:
        """Handle ``event`` when it is one of the editor's keys; False to let the view have it."""
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in ARROWS and not ctrl:
            self.move(key)
            return True
        if key in ENTER:
            return self.edit() or self.current()[0] is not None
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal) and not ctrl \
                and self.current()[0] == "neuron":
            self.grow(key != Qt.Key.Key_Minus)
            return True
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier):
            self.open_menu()
            return True
        return False


def _step(units: list[int], at: int, forward: bool) -> int:
    """The unit after (or before) ``at`` among the drawn ``units``, staying at the ends."""
    n = units.index(at) if at in units else 0
    return units[min(max(n + (1 if forward else -1), 0), len(units) - 1)]
