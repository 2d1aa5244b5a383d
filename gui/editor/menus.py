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

from ..language import tr
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
    fixed = tr("Only hidden layers change width: the input width is set by the dataset and the output width "
               "by the targets")
    between = tr("Insert a hidden layer between layer {k} and layer {next}")
    _add(menu, tr("Add layer before layer {k}").format(k=k), lambda: ctl.add_layer_before(k),
         between.format(k=k - 1, next=k), k > 0,
         tr("Nothing comes before the input layer"))
    _add(menu, tr("Add layer after layer {k}").format(k=k), lambda: ctl.add_layer_after(k),
         between.format(k=k, next=k + 1), k < L,
         tr("The output layer is last; add a layer before it instead"))
    _add(menu, tr("Remove layer {k}").format(k=k), lambda: ctl.remove_layer(k),
         tr("Remove this hidden layer; its neighbours are connected directly"), hidden,
         tr("Only hidden layers can be removed"))
    menu.addSeparator()
    _add(menu, tr("Add unit"), lambda: ctl.add_neuron(k), tr("One more unit at the end of this layer"),
         hidden, fixed)
    _add(menu, tr("Set number of units…"), lambda: ctl.set_units(k), tr("Grow or shrink this layer"),
         hidden, fixed)
    if k == 0:
        return
    act_menu = menu.addMenu(tr("Activation"))
    act_menu.setToolTipsVisible(True)
    for name, activation in ACTIVATIONS.items():
        problem = activation_problem(name, k, L, net.layers[k].units)
        action = _add(act_menu, name, partial(ctl.set_activation, k, name), activation.formula,
                      problem is None, problem or "")
        action.setCheckable(True)
        action.setChecked(net.layers[k].activation == name)
    bias = _add(menu, tr("Bias"), lambda: ctl.toggle_bias(k), tr("Give this layer a bias b, or remove it"))
    bias.setCheckable(True)
    bias.setChecked(net.layers[k].bias)
    frozen = edits.layer_frozen(net, k)
    _add(menu, (tr("Unfreeze layer {k}") if frozen else tr("Freeze layer {k}")).format(k=k),
         lambda: ctl.toggle_layer_frozen(k),
         (tr("Let training change {matrix} and {bias}") if frozen else tr("Stop training changing {matrix} and {bias}"))
         .format(matrix=matrix_name(k - 1), bias=bias_vector_name(k - 1)))
    init = menu.addMenu(tr("Initialise {matrix}").format(matrix=matrix_name(k - 1)))
    init.setToolTipsVisible(True)
    drawing = tr("Draw this layer's incoming weights from {scheme} (frozen and removed ones stay)")
    for scheme in SCHEMES:
        _add(init, scheme, partial(ctl.initialise_layer, k, scheme), drawing.format(scheme=scheme))


def neuron_menu(menu: QMenu, ctl: EditorController, k: int, i: int) -> None:
    net = ctl.net
    has_bias = k > 0 and net.layers[k].bias
    typing = tr("Type {name}")
    _add(menu, tr("Edit bias…"), lambda: ctl.edit_bias(k, i), typing.format(name=bias_name(k - 1, i)) if k else "",
         has_bias, tr("This unit has no bias"))
    if has_bias:
        frozen = bool(net.frozen_b[k - 1][i])
        _add(menu, tr("Unfreeze bias") if frozen else tr("Freeze bias"), lambda: ctl.toggle_bias_frozen(k, i),
             tr("Keep this bias fixed during training, or let it train again"))
    _add(menu, tr("Remove unit"), lambda: ctl.remove_neuron(k, i), tr("Remove this unit and its connections"),
         0 < k < net.depth and net.sizes[k] > 1,
         tr("Only a hidden layer with more than one unit can lose a unit"))


def connection_menu(menu: QMenu, ctl: EditorController, k: int, i: int, j: int) -> None:
    net = ctl.net
    present = bool(net.mask[k][i, j])
    _add(menu, tr("Edit weight…"), lambda: ctl.edit_weight(k, i, j),
         tr("Type {name}").format(name=weight_name(k, i, j)), present, tr("Restore the connection first"))
    _add(menu, tr("Remove connection") if present else tr("Restore connection"),
         lambda: ctl.toggle_connection(k, i, j),
         tr("Remove this connection (it stays 0)") if present else tr("Bring this connection back"))
    frozen = bool(net.frozen_W[k][i, j])
    _add(menu, tr("Unfreeze weight") if frozen else tr("Freeze weight"), lambda: ctl.toggle_weight_frozen(k, i, j),
         tr("Keep this weight fixed during training, or let it train again"), present,
         tr("A removed connection cannot be frozen"))


def context_menu(parent: QWidget, ctl: EditorController, kind: str | None, key) -> QMenu:
    """The menu for an item (kind neuron, connection, bias, layer) or the background (None)."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    if kind == "neuron":
        k, i = key
        neuron_menu(menu, ctl, k, i)
        menu.addSeparator()
        layer_menu(menu.addMenu(tr("Layer {k}").format(k=k)), ctl, k)
    elif kind == "connection":
        connection_menu(menu, ctl, *key)
        menu.addSeparator()
        layer_menu(menu.addMenu(tr("Layer {k}").format(k=key[0] + 1)), ctl, key[0] + 1)
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
