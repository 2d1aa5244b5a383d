"""Where things go on the canvas: columns of units, collapsed wide layers, bias units.

Pure geometry from the layer widths (no Qt): the scene asks for the centre of unit i of
layer k and for the place of a collapsed layer's "… N more" marker.  A layer wider than
:data:`COLLAPSE_ABOVE` shows its first and last :data:`SHOWN_AT_EACH_END` units only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

COLLAPSE_ABOVE = 40
SHOWN_AT_EACH_END = 5


def shown_units(n: int) -> list[int]:
    """The unit indices drawn for a layer of ``n`` units."""
    if n <= COLLAPSE_ABOVE:
        return list(range(n))
    return list(range(SHOWN_AT_EACH_END)) + list(range(n - SHOWN_AT_EACH_END, n))


@dataclass
class Geometry:
    """Spacing in scene pixels; thumbnails need bigger units."""

    layer_gap: float = 210.0
    unit_gap: float = 56.0
    radius: float = 16.0

    @classmethod
    def for_options(cls, thumbnails: bool, weight_labels: bool, tallest: int = 0) -> Geometry:
        g = cls()
        tall = tallest > 16                # tighter, so 32 units still fit a screen
        if thumbnails:
            g.radius, g.unit_gap = (17.0, 46.0) if tall else (22.0, 64.0)
        elif tall:
            g.radius, g.unit_gap = 14.0, 42.0
        if weight_labels:
            g.layer_gap = 250.0
        return g


@dataclass
class Layout:
    """Unit centres ``pos[(k, i)]``, collapsed markers ``gap[k]``, bias units ``bias_unit[k]``."""

    geometry: Geometry
    sizes: list[int]
    pos: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    gap: dict[int, tuple[float, float]] = field(default_factory=dict)
    bias_unit: dict[int, tuple[float, float]] = field(default_factory=dict)
    top: float = 0.0
    bottom: float = 0.0

    def x(self, k: int) -> float:
        return k * self.geometry.layer_gap


def compute_layout(sizes: list[int], geometry: Geometry, bias_layers: list[int] | None = None
                   ) -> Layout:
    """Columns centred on y = 0; ``bias_layers`` get a "+1" unit under the column before."""
    out = Layout(geometry, list(sizes))
    g = geometry
    for k, n in enumerate(sizes):
        shown = shown_units(n)
        collapsed = len(shown) < n
        slots = len(shown) + (1.5 if collapsed else 0)
        y = -(slots - 1) * g.unit_gap / 2
        for idx, i in enumerate(shown):
            if collapsed and idx == SHOWN_AT_EACH_END:
                out.gap[k] = (out.x(k), y + 0.25 * g.unit_gap)
                y += 1.5 * g.unit_gap
            out.pos[(k, i)] = (out.x(k), y)
            y += g.unit_gap
        out.top = min(out.top, -(slots - 1) * g.unit_gap / 2)
        out.bottom = max(out.bottom, (slots - 1) * g.unit_gap / 2)
    for k in bias_layers or []:
        col = k - 1
        last_y = max(y for (kk, _), (_, y) in out.pos.items() if kk == col)
        out.bias_unit[k] = (out.x(col), last_y + g.unit_gap)
        out.bottom = max(out.bottom, last_y + g.unit_gap)
    return out
