"""Fine stepping on the canvas: the tick on show lit, its numbers on the edges, its formula below.

The network drawing becomes the article's figure with its numbers: while fine stepping
(``studio.fine``) reveals a phase unit by unit, the scene lights the tick's unit, connections
and bias (:meth:`FineOverlay.light_tick`), prints on the phase's connections their weight and,
once revealed, the number each one carries (w·x, w·v, w·δ, ∂E/∂w, Δw: :meth:`FineOverlay.fine_edge_text`),
and prints the values not revealed yet as not computed (:meth:`FineOverlay.fine_hides`).  Below the
network, :class:`FineReadout` writes the tick's formula with its numbers
(:mod:`core.explain.fine_text`).  A number an open lesson question hides is "?" here as
everywhere (``studio.hidden``); a formula that would print one is shown without numbers.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from backprop_studio.core.explain.fine import Tick
from backprop_studio.core.explain.fine_cursor import Reveal
from backprop_studio.core.explain.fine_text import value_keys
from backprop_studio.core.explain.refs import Ref
from backprop_studio.gui import theme
from backprop_studio.gui.fine_stepping import readout_html

from ..language import tr
from .items import BiasConnectionItem
from .line_styles import REMOVED
from .values import fmt

if TYPE_CHECKING:
    from ..studio import StudioSession
    from .connections import ConnectionIndex
    from .items import BiasMarkItem, NeuronItem
    from .scene import ViewOptions

LIT_WIDTH = 6.0                    # the halo of a lit connection, wider than a phase's
# what a connection's number is, by the tick that put it there
EDGE_SYMBOLS = {"term": "w·v", "v_in": "w·v", "contribution": "w·δ", "dE_dv_out": "w·δ", "gradient": "∂E/∂w",
                "update": "Δw"}


def tick_color(reveal: Reveal) -> QColor:
    """The backward pass in its own colour, as the phase highlight draws it."""
    return QColor(theme.colors()["backward" if reveal.phase.kind == "backward" else "highlight"])


def in_fan(tick: Tick, k: int, i: int, j: int, depth: int) -> bool:
    """Whether connection (k, i, j) of W^(k->k+1) belongs to the fan of the unit the tick is
    about, the connections that print their numbers: the inputs of a unit whose v_in is summed
    (and whose parameters get their gradients and updates), the outputs of a hidden unit whose
    ∂E/∂v_out is summed from the contributions w·δ."""
    what, at = tick.what, tick.at
    if what in ("term", "v_in", "v_out"):
        return (k, j) == (at[0] - 1, at[-1])
    if what in ("gradient", "update"):
        return (k, j) == (at[0], at[2])
    if what in ("contribution", "dE_dv_out", "delta") and at[0] < depth:
        return (k, i) == (at[0], at[1])
    return False


class FineOverlay:
    """A mixin of the network scene.  Needs: studio, neurons, connections, biases, dense, crowded,
    highlighted_layers, _highlight_key, options."""

    studio: StudioSession
    neurons: dict[tuple[int, int], NeuronItem]
    connections: ConnectionIndex
    biases: dict[tuple[int, int], BiasMarkItem | BiasConnectionItem]
    dense: bool
    crowded: dict[int, bool]
    highlighted_layers: set[int]
    _highlight_key: object
    options: ViewOptions

    if TYPE_CHECKING:       # the scene's (not defined here at run time)
        def _fmt(self, key: Ref, value: float | None, precision: int) -> str: ...

    def fine_reveal(self) -> Reveal | None:
        return self.studio.fine.reveal()

    def fine_hides(self, key: Any) -> bool:
        """Fine stepping has not revealed this value yet: print it as not computed."""
        reveal = self.fine_reveal()
        return reveal is not None and isinstance(key, Ref) and reveal.hides(key)

    def light_tick(self, reveal: Reveal) -> None:
        """Light the tick on show: its units, its connections (the others dimmed) and its bias."""
        tick, color = reveal.tick, tick_color(reveal)
        key = ("fine", tick, color.name())
        if key == self._highlight_key:
            return
        self._highlight_key = key
        units = set(tick.units)
        self.highlighted_layers = {k for k, _ in units}
        for (k, i), item in self.neurons.items():
            on = (k, i) in units
            if (item.highlight is not None) != on or (on and item.highlight != color):
                item.highlight = color if on else None
                item.update()
        dim = 1.0 if self.dense else 0.3
        for k, layer in self.connections.layers.items():
            width = np.zeros(layer.level.shape)
            for kk, i, j in tick.edges:
                if kk == k and i in layer.row and j in layer.col:
                    width[layer.row[i], layer.col[j]] = LIT_WIDTH
            if tick.fan is not None and tick.fan[1] == k:
                side, _k, unit = tick.fan       # every drawn connection into (out of) the unit
                if side == "in" and unit in layer.col:
                    width[:, layer.col[unit]] = LIT_WIDTH
                elif side == "out" and unit in layer.row:
                    width[layer.row[unit], :] = LIT_WIDTH
                width[layer.code == REMOVED] = 0.0
            opacity = np.where(width > 0, 1.0, dim)
            layer.set_highlight(color if width.any() else None, width, opacity)
        for (k, j), mark in self.biases.items():
            if isinstance(mark, BiasConnectionItem):
                on = (k, j) in tick.biases
                mark.set_highlight(color if on else None, LIT_WIDTH)
                mark.setOpacity(1.0 if on else dim)

    def fine_edge_text(self, reveal: Reveal | None, edges: dict, k: int, i: int, j: int) -> str | None:
        """What connection (k, i, j) shows in fine stepping: the number a tick revealed on it, or
        its weight while its phase computes with it; None outside fine stepping and the phase."""
        if reveal is None:
            return None
        if not in_fan(reveal.tick, k, i, j, self.studio.session.network.depth):
            return None                  # only the fan of the unit being computed speaks
        precision = self.options.precision
        tick = edges.get(("w", k, i, j))
        if tick is not None:
            return f"{edge_symbol(tick, k)} {self._fine_number(tick, tick.edge_value, precision)}"
        rec = self.studio.session.record
        if rec is None or not self.studio.session.network.mask[k][i, j]:
            return None
        return f"w {self._fmt(Ref('param', k, i, j), float(rec.params_before[2 * k][i, j]), precision)}"

    @staticmethod
    def fine_bold(label: Any, lit: bool) -> None:
        """The number on the lit connection in bold: the eye finds it at once."""
        font = label.font()
        if font.bold() != lit:
            font.setBold(lit)
            label.setFont(font)

    def _fine_number(self, tick: Tick, value: float | None, precision: int) -> str:
        sample = self.studio.fine.cursor.sample
        if any(self.studio.hidden.hides(key) for key in value_keys(tick, sample)):
            return "?"
        return fmt(value, precision)


def edge_symbol(tick: Tick, k: int) -> str:
    """w·x into the first layer (v_out^(0) = x), w·v further on; ∂E/∂b, Δb on a bias."""
    symbol = EDGE_SYMBOLS.get(tick.what, "")
    if tick.bias:
        symbol = symbol.replace("w", "b")
    return "w·x" if symbol == "w·v" and k == 0 else symbol


class FineReadout(QLabel):
    """The tick on show, below the network: where it is in the phase and its formula with numbers."""

    def __init__(self, parent: QWidget, studio: StudioSession) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("editorFineReadout")
        self.setToolTip(tr("Fine stepping: the value revealed now, its formula and the numbers substituted. "
                           "F11 reveals the next one, Shift+F9 takes it back, F6 plays"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setMargin(4)
        self.hide()

    def sync(self) -> None:
        """Show the tick on show (hidden when fine stepping shows a phase whole or is off)."""
        reveal = self.studio.fine.reveal()
        if reveal is None:
            self.hide()
            return
        c = theme.colors()
        self.setStyleSheet(f"QLabel{{background:{c['background']};color:{c['foreground']};"
                           f"border:1px solid {tick_color(reveal).name()};border-radius:4px}}")
        self.setText(readout_html(self.studio, reveal, details=False))    # two lines: the network stays in view
        self.setToolTip(readout_html(self.studio, reveal) + tr("<br><i>F11: the next; Shift+F9: back; F6: play</i>"))
        self.show()
