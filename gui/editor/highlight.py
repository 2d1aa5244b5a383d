"""Lighting the training phase on the canvas (a mixin of the network scene).

forward k lights layer k and W^(k-1->k), the values arriving; the loss lights the output;
backward k lights layer k's error terms delta^(k) and the gradients of W^(k-1->k) in
another colour (the theme's ``highlight`` and ``backward``, told apart under every colour
vision), so the wave runs right to left; when a step completes, each weight that changed
flashes in proportion to |Delta w| for a moment.  Only what changed is repainted.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtGui import QColor

from backprop_studio.gui import theme

from .connections import ConnectionItem
from .items import BiasConnectionItem, LineItem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsItem

    from backprop_studio.core.explain.fine_cursor import Reveal

    from ..studio import StudioSession
    from .connections import ConnectionIndex
    from .items import BiasMarkItem, NeuronItem


class PhaseHighlight:
    """Needs: studio, neurons, connections, biases, dense, _flash, _highlight_key, _raised, and
    fine_reveal / light_tick (:class:`gui.editor.fine.FineOverlay`)."""

    studio: StudioSession
    neurons: dict[tuple[int, int], NeuronItem]
    connections: ConnectionIndex
    biases: dict[tuple[int, int], BiasMarkItem | BiasConnectionItem]
    dense: bool
    highlighted_layers: set[int]
    _flash: bool
    _highlight_key: object
    _raised: list[LineItem | ConnectionItem]
    _clearing: bool

    if TYPE_CHECKING:       # the scene's, FineOverlay's and QGraphicsScene's (not defined here at run time)
        def fine_reveal(self) -> Reveal | None: ...

        def light_tick(self, reveal: Reveal) -> None: ...

        def refresh_labels(self) -> None: ...

        def selectedItems(self) -> list[QGraphicsItem]: ...  # noqa: N802 - Qt's name

    def apply_highlight(self) -> None:
        """Light the phase in progress: forward k, the loss, backward k, or the update's flash."""
        fine = self.fine_reveal()
        if fine is not None:            # fine stepping lights one tick: gui/editor/fine.py
            self.light_tick(fine)
            return
        core = self.studio.session
        c = theme.colors()
        phase = core.pending.current_phase if core.pending is not None else None
        units: set[int] = set()
        matrices: set[int] = set()
        color = QColor(c["highlight"])
        if phase is not None and phase.kind == "forward" and phase.layer is not None:
            units, matrices = {phase.layer}, {phase.layer - 1}
        elif phase is not None and phase.kind == "loss":
            units = {core.network.depth}
        elif phase is not None and phase.kind == "backward" and phase.layer is not None:
            units, matrices, color = {phase.layer}, {phase.layer - 1}, QColor(c["backward"])
        self.highlighted_layers = units
        flash = self._flash_updates(core) if self._flash and phase is None else None
        key = (frozenset(units), frozenset(matrices), color.name(), flash is not None)
        if key == self._highlight_key and flash is None:
            return                                  # nothing to repaint: stays cheap per step
        self._highlight_key = key
        dim = (bool(units) or flash is not None) and not self.dense
        for (k, _i), item in self.neurons.items():
            on = k in units
            if (item.highlight is not None) != on or (on and item.highlight != color):
                item.highlight = color if on else None
                item.update()
        for k, layer in self.connections.layers.items():
            if flash is not None:
                amount = flash[k][np.ix_(layer.sources, layer.targets)]
                width = np.where(amount > 0, 1 + 4 * amount, 0.0)
                opacity = np.where((amount > 0) | (not dim), 1.0, 0.35)
            else:
                on = k in matrices
                width = np.full(layer.level.shape, 4.0 if on else 0.0)
                opacity = np.full(layer.level.shape, 1.0 if on or not dim else 0.3)
            layer.set_highlight(color if width.any() else None, width, opacity)
        for (k, _j), mark in self.biases.items():
            if isinstance(mark, BiasConnectionItem):
                on = (k - 1) in matrices
                mark.set_highlight(color if on else None, 4.0)
                mark.setOpacity(1.0 if on or not dim else 0.3)

    def _flash_updates(self, core) -> list[np.ndarray] | None:
        """|Delta W| of the step just completed, scaled to [0, 1] per network."""
        rec = core.last
        if rec is None or rec.params_after is None:
            return None
        deltas = [np.abs(rec.params_after[2 * k] - rec.params_before[2 * k])
                  for k in range(core.network.depth)]
        if [d.shape for d in deltas] != core.network.weight_shapes():
            return None
        top = max(float(d.max()) for d in deltas) or 1.0
        return [np.sqrt(d / top) for d in deltas]

    def _end_flash(self) -> None:
        self._flash = False
        self.apply_highlight()

    def _on_selection_changed(self) -> None:
        """Draw a selected connection above the others, and put it back afterwards."""
        if self._clearing:
            return
        for item in self._raised:
            if item.scene() is self and not item.isSelected():
                item.setZValue(item.base_z)
        self._raised = [it for it in self.selectedItems() if isinstance(it, (LineItem, ConnectionItem))]
        for item in self._raised:
            item.setZValue(5)
        self.refresh_labels()

