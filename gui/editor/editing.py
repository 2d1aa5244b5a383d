"""The editor's edit handlers: each user edit becomes ONE undoable command on the session.

Structure edits build a new network with :mod:`core.engine.edits` and push it with
``studio.edit_network`` (training then restarts from the current values, so when training
has progressed the user is asked first).  Value edits — a typed weight or bias, a layer's
weights from an initialisation scheme — push new parameter values and keep the training
position.  The dialogs are module functions so tests can replace them.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from backprop_studio.core.engine import edits
from backprop_studio.core.engine.naming import bias_name, weight_name
from backprop_studio.core.engine.network import Network

from ..dialogs import ask_reset, training_has_moved
from ..language import tr
from .values import fmt, parse_value

if TYPE_CHECKING:
    from ..studio import StudioSession


# -- dialogs (module level so that tests can monkeypatch them) -----------------------------
def ask_text(parent: QWidget, title: str, label: str, current: str) -> tuple[str, bool]:
    return QInputDialog.getText(parent, title, label, text=current)


def ask_units(parent: QWidget, title: str, label: str, current: int) -> tuple[int, bool]:
    return QInputDialog.getInt(parent, title, label, current, 1, 4096)


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def _freezing(frozen: bool) -> str:
    """The undo text of freezing (or unfreezing) one parameter ``{name}``."""
    return tr("Freeze {name}") if frozen else tr("Unfreeze {name}")


class EditorController:
    """Edit handlers of the network editor; ``parent`` owns the dialogs."""

    def __init__(self, studio: StudioSession, parent: QWidget) -> None:
        self.studio = studio
        self.parent = parent

    # -- plumbing ------------------------------------------------------------------------
    @property
    def net(self) -> Network:
        return self.studio.session.network

    def _rng(self, *ints: int) -> np.random.Generator:
        """Seeded from the document's init seed and the edit, so an edit is reproducible."""
        seed = int(self.studio.session.init.get("seed", 0))
        return np.random.default_rng([abs(seed), *(abs(int(i)) for i in ints)])

    def _structure(self, text: str, build: Callable[[], Network]) -> bool:
        """Push ``build()`` as one command, after asking when training progress would be lost."""
        try:
            new = build()
        except ValueError as exc:
            show_error(self.parent, tr("Cannot change the network"), str(exc))
            return False
        if training_has_moved(self.studio) and not ask_reset(self.parent, text):
            return False
        self.studio.edit_network(new, text)
        return True

    # -- layers --------------------------------------------------------------------------
    def add_layer(self, index: int, units: int | None = None) -> bool:
        """Insert a hidden layer that becomes layer ``index`` (1..L)."""
        net = self.net
        if units is None:                 # as wide as a hidden neighbour, else small
            hidden = [net.sizes[j] for j in (index, index - 1) if 0 < j < net.depth]
            units = hidden[0] if hidden else max(2, min(max(net.sizes[index - 1:index + 1]), 8))
            units = min(units, 32)
        activation = edits.hidden_activation_for(net, min(index, net.depth - 1) or 1)
        return self._structure(tr("Add layer {k}").format(k=index), lambda: edits.insert_layer(
            net, index, units, activation, self._rng(1, index, units, len(net.layers))))

    def add_layer_before(self, k: int) -> bool:
        return self.add_layer(k)

    def add_layer_after(self, k: int) -> bool:
        return self.add_layer(k + 1)

    def remove_layer(self, k: int) -> bool:
        return self._structure(tr("Remove layer {k}").format(k=k), lambda: edits.remove_layer(self.net, k))

    def add_neuron(self, k: int) -> bool:
        return self._structure(tr("Add a unit to layer {k}").format(k=k), lambda: edits.add_neuron(
            self.net, k, self._rng(2, k, self.net.sizes[k])))

    def remove_neuron(self, k: int, i: int) -> bool:
        return self._structure(tr("Remove unit {i} of layer {k}").format(i=i + 1, k=k),
                               lambda: edits.remove_neuron(self.net, k, i))

    def move_unit(self, k: int, i: int, to: int) -> bool:
        """Drag a unit to another place in its layer: one edit that permutes the weights."""
        if i == to:
            return False
        return self._structure(tr("Move unit {i} of layer {k} to place {place}").format(i=i + 1, k=k, place=to + 1),
                               lambda: edits.move_unit(self.net, k, i, to))

    def set_units(self, k: int, units: int | None = None) -> bool:
        if units is None:
            units, ok = ask_units(self.parent, tr("Units of layer {k}").format(k=k),
                                  tr("Number of units in layer {k}:").format(k=k), self.net.sizes[k])
            if not ok or units == self.net.sizes[k]:
                return False
        return self._structure(tr("Layer {k}: {units} units").format(k=k, units=units), lambda: edits.set_units(
            self.net, k, units, self._rng(3, k, units)))

    def set_activation(self, k: int, name: str) -> bool:
        if self.net.layers[k].activation == name:
            return False
        return self._structure(tr("Layer {k}: {activation}").format(k=k, activation=name),
                               lambda: edits.set_activation(self.net, k, name))

    def toggle_bias(self, k: int) -> bool:
        on = not self.net.layers[k].bias
        return self._structure((tr("Layer {k}: bias on") if on else tr("Layer {k}: bias off")).format(k=k),
                               lambda: edits.set_bias(self.net, k, on))

    def toggle_layer_frozen(self, k: int) -> bool:
        frozen = not edits.layer_frozen(self.net, k)
        return self._structure((tr("Freeze layer {k}") if frozen else tr("Unfreeze layer {k}")).format(k=k),
                               lambda: edits.set_layer_frozen(self.net, k, frozen))

    def initialise_layer(self, k: int, scheme: str) -> bool:
        """Draw W^(k-1->k) from ``scheme`` (a value edit: the training position stays)."""
        try:
            params = edits.initialised_parameters(self.net, k, scheme, self._rng(4, k))
        except ValueError as exc:
            show_error(self.parent, tr("Cannot initialise"), str(exc))
            return False
        self.studio.push("params", params, tr("Layer {k}: weights from {scheme}").format(k=k, scheme=scheme))
        return True

    # -- connections and biases -------------------------------------------------------------
    def toggle_connection(self, k: int, i: int, j: int) -> bool:
        present = not self.net.mask[k][i, j]
        name = weight_name(k, i, j)
        return self._structure((tr("Restore {name}") if present else tr("Remove {name}")).format(name=name),
                               lambda: edits.set_connection(self.net, k, i, j, present,
                                                            self._rng(5, k, i, j)))

    def toggle_weight_frozen(self, k: int, i: int, j: int) -> bool:
        frozen = not self.net.frozen_W[k][i, j]
        return self._structure(_freezing(frozen).format(name=weight_name(k, i, j)),
                               lambda: edits.set_weight_frozen(self.net, k, i, j, frozen))

    def toggle_bias_frozen(self, k: int, j: int) -> bool:
        frozen = not self.net.frozen_b[k - 1][j]
        return self._structure(_freezing(frozen).format(name=bias_name(k - 1, j)),
                               lambda: edits.set_bias_frozen(self.net, k, j, frozen))

    # -- typed values --------------------------------------------------------------------------
    def _typed(self, title: str, current: float, text: str | None) -> float | None:
        if text is None:
            text, ok = ask_text(self.parent, title, tr("{name} (a finite number):").format(name=title), fmt(current, 6))
            if not ok:
                return None
        try:
            return parse_value(text)
        except ValueError as exc:
            show_error(self.parent, tr("{name}: invalid value").format(name=title), str(exc))
            return None

    def edit_weight(self, k: int, i: int, j: int, text: str | None = None) -> bool:
        """Type W^(k->k+1)[i, j]; ``text`` skips the dialog."""
        net = self.net
        if not net.mask[k][i, j]:
            show_error(self.parent, tr("Removed connection"),
                       tr("This connection is removed; restore it before typing its weight."))
            return False
        title = weight_name(k, i, j)
        value = self._typed(title, float(net.W[k][i, j]), text)
        if value is None:
            return False
        self.studio.edit_parameter(2 * k, (i, j), value,
                                   tr("Set {name} = {value}").format(name=title, value=f"{value:g}"))
        return True

    def edit_bias(self, k: int, j: int, text: str | None = None) -> bool:
        """Type the bias of unit j of layer k (b^(k)[j], stored in b[k-1])."""
        net = self.net
        if k == 0:
            show_error(self.parent, tr("Input unit"), tr("Input units have no bias: their value is the input x."))
            return False
        if not net.layers[k].bias:
            show_error(self.parent, tr("No bias"), tr("Layer {k} has no bias; turn its bias on first.").format(k=k))
            return False
        title = bias_name(k - 1, j)
        value = self._typed(title, float(net.b[k - 1][j]), text)
        if value is None:
            return False
        self.studio.edit_parameter(2 * (k - 1) + 1, (j,), value,
                                   tr("Set {name} = {value}").format(name=title, value=f"{value:g}"))
        return True

    # -- Delete key ----------------------------------------------------------------------------
    def remove_items(self, chosen: list[tuple[str, Any]]) -> bool:
        """Remove the chosen connections, then units, then layers: one command for all."""
        conns = [key for kind, key in chosen if kind == "connection" and self.net.mask[key[0]][key[1:]]]
        units = sorted((key for kind, key in chosen if kind == "neuron"), key=lambda u: (u[0], -u[1]))
        layers = sorted((key for kind, key in chosen if kind == "layer"), reverse=True)
        if not (conns or units or layers):
            return False

        def build() -> Network:
            net = self.net
            for k, i, j in conns:
                net = edits.set_connection(net, k, i, j, False, self._rng(0))
            for k, i in units:
                if k not in layers:
                    net = edits.remove_neuron(net, k, i)
            for k in layers:
                net = edits.remove_layer(net, k)
            return net

        parts = [(one if len(x) == 1 else many).format(n=len(x)) for x, one, many in
                 ((conns, tr("{n} connection"), tr("{n} connections")), (units, tr("{n} unit"), tr("{n} units")),
                  (layers, tr("{n} layer"), tr("{n} layers"))) if x]
        text = tr("Remove {what}").format(what=", ".join(parts))
        return self._structure(text, build)
