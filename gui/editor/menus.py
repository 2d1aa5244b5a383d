"""Context menus of the network editor, built for the item under the mouse.

Every action calls a handler of :class:`gui.editor.editing.EditorController`; an action
that cannot apply is shown disabled with a tooltip that says why.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from backprop_studio.core.engine import edits
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.initializers import SCHEMES
from backprop_studio.core.engine.naming import bias_name, bias_vector_name, matrix_name, weight_name
from backprop_studio.core.engine.network import activation_problem

from .editing import EditorController


def _add(menu: QMenu, text: str, slot: Callable[[], object], tip: str, enabled: bool = True,
         why: str = "") -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    action.setEnabled(enabled)
    action.setToolTip(tip if enabled else why)
    action.setStatusTip(action.toolTip())
    return action


def layer_menu(menu: QMenu, ctl: EditorController, k: int) -> None:
    """Layer k's edits, added to ``menu``."""
    net = ctl.net
    L = net.depth
    hidden = 0 < k < L
    fixed = "the input width is set by the dataset and the output width by the targets"
    _add(menu, f"Add layer before layer {k}", lambda: ctl.add_layer_before(k),
         f"Insert a hidden layer between layer {k - 1} and layer {k}", k > 0,
         "Nothing comes before the input layer")
    _add(menu, f"Add layer after layer {k}", lambda: ctl.add_layer_after(k),
         f"Insert a hidden layer between layer {k} and layer {k + 1}", k < L,
         "The output layer is last; add a layer before it instead")
    _add(menu, f"Remove layer {k}", lambda: ctl.remove_layer(k),
         "Remove this hidden layer; its neighbours are connected directly", hidden,
         "Only hidden layers can be removed")
    menu.addSeparator()
    _add(menu, "Add unit", lambda: ctl.add_neuron(k), "One more unit at the end of this layer",
         hidden, f"Only hidden layers change width: {fixed}")
    _add(menu, "Set number of units…", lambda: ctl.set_units(k), "Grow or shrink this layer",
         hidden, f"Only hidden layers change width: {fixed}")
    if k == 0:
        return
    act_menu = menu.addMenu("Activation")
    act_menu.setToolTipsVisible(True)
    for name, activation in ACTIVATIONS.items():
        problem = activation_problem(name, k, L, net.layers[k].units)
        action = _add(act_menu, name, partial(ctl.set_activation, k, name), activation.formula,
                      problem is None, problem or "")
        action.setCheckable(True)
        action.setChecked(net.layers[k].activation == name)
    bias = _add(menu, "Bias", lambda: ctl.toggle_bias(k), "Give this layer a bias b, or remove it")
    bias.setCheckable(True)
    bias.setChecked(net.layers[k].bias)
    frozen = edits.layer_frozen(net, k)
    _add(menu, f"{'Unfreeze' if frozen else 'Freeze'} layer {k}", lambda: ctl.toggle_layer_frozen(k),
         f"{'Let' if frozen else 'Stop'} training {'change' if frozen else 'changing'} "
         f"{matrix_name(k - 1)} and {bias_vector_name(k - 1)}")
    init = menu.addMenu(f"Initialise {matrix_name(k - 1)}")
    init.setToolTipsVisible(True)
    for scheme in SCHEMES:
        _add(init, scheme, partial(ctl.initialise_layer, k, scheme),
             f"Draw this layer's incoming weights from {scheme} (frozen and removed ones stay)")


def neuron_menu(menu: QMenu, ctl: EditorController, k: int, i: int) -> None:
    net = ctl.net
    has_bias = k > 0 and net.layers[k].bias
    _add(menu, "Edit bias…", lambda: ctl.edit_bias(k, i), f"Type {bias_name(k - 1, i)}" if k else "", has_bias,
         "This unit has no bias")
    if has_bias:
        frozen = bool(net.frozen_b[k - 1][i])
        _add(menu, "Unfreeze bias" if frozen else "Freeze bias", lambda: ctl.toggle_bias_frozen(k, i),
             "Keep this bias fixed during training, or let it train again")
    _add(menu, "Remove unit", lambda: ctl.remove_neuron(k, i), "Remove this unit and its connections",
         0 < k < net.depth and net.sizes[k] > 1,
         "Only a hidden layer with more than one unit can lose a unit")


def connection_menu(menu: QMenu, ctl: EditorController, k: int, i: int, j: int) -> None:
    net = ctl.net
    present = bool(net.mask[k][i, j])
    _add(menu, "Edit weight…", lambda: ctl.edit_weight(k, i, j), f"Type {weight_name(k, i, j)}",
         present, "Restore the connection first")
    _add(menu, "Remove connection" if present else "Restore connection",
         lambda: ctl.toggle_connection(k, i, j),
         "Remove this connection (it stays 0)" if present else "Bring this connection back")
    frozen = bool(net.frozen_W[k][i, j])
    _add(menu, "Unfreeze weight" if frozen else "Freeze weight", lambda: ctl.toggle_weight_frozen(k, i, j),
         "Keep this weight fixed during training, or let it train again", present,
         "A removed connection cannot be frozen")


def context_menu(parent: QWidget, ctl: EditorController, kind: str | None, key) -> QMenu:
    """The menu for an item (kind neuron, connection, bias, layer) or the background (None)."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    if kind == "neuron":
        k, i = key
        neuron_menu(menu, ctl, k, i)
        menu.addSeparator()
        layer_menu(menu.addMenu(f"Layer {k}"), ctl, k)
    elif kind == "connection":
        connection_menu(menu, ctl, *key)
        menu.addSeparator()
        layer_menu(menu.addMenu(f"Layer {key[0] + 1}"), ctl, key[0] + 1)
    elif kind == "bias":
        k, j = key
        neuron_menu(menu, ctl, k, j)
    elif kind == "layer":
        layer_menu(menu, ctl, key)
    for sub in menu.findChildren(QMenu):
        sub.setToolTipsVisible(True)
    return menu


def find_action(menu: QMenu, text: str) -> QAction | None:
    """The action called ``text`` in ``menu`` or its submenus (tests and scripting)."""
    for action in menu.actions():
        if action.text() == text:
            return action
        if isinstance(sub := action.menu(), QMenu):
            found = find_action(sub, text)
            if found is not None:
                return found
    return None
