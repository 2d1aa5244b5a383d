"""How a weight's line is drawn: the one rule for the connections, the bias lines and the key.

A weight's sign is drawn twice, in its colour and in its line, so that it never rests on
colour alone (issue 28): w ≥ 0 solid, w < 0 dashed; a frozen weight dotted (w ≥ 0) or
dash-dotted (w < 0); a removed connection thin, grey, in sparse dashes with a × at its middle.
Widths grow with |w| (and with the theme's line scale).
"""
from __future__ import annotations

from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor, QPen

SOLID, FROZEN, REMOVED = 0, 1, 2       # a connection's code (see .connections)
CROSS = 3.5                            # half the size of the × on a removed connection, scene units
REMOVED_WIDTH = 1.0
KINDS = ("w+", "w-", "frozen w+", "frozen w-", "removed")


def line_kind(positive: bool, code: int) -> str:
    """How a connection is drawn: "w+", "w-", "frozen w+", "frozen w-" or "removed"."""
    if code == REMOVED:
        return "removed"
    return ("frozen " if code == FROZEN else "") + ("w+" if positive else "w-")


def dash_pattern(kind: str, width: float) -> list[float] | None:
    """Dashes and gaps of a line of ``kind`` and ``width``, in scene units (None: solid).

    Given in scene units rather than in line widths (Qt's unit), so that a thin weak weight's
    dashes stay as visible as a thick one's.
    """
    dash, gap, dot = max(8.0, 3.0 * width), max(4.0, 1.6 * width), max(1.5, width)
    return {"w+": None, "w-": [dash, gap], "frozen w+": [dot, gap], "frozen w-": [dash, gap, dot, gap],
            "removed": [2.0, 7.0]}[kind]


def weight_pen(colour: QColor, width: float, kind: str) -> QPen:
    """The pen of a connection of ``kind`` (:func:`line_kind`): the one rule for drawing one."""
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
    pattern = dash_pattern(kind, width)
    if pattern is not None:
        pen.setDashPattern([p / width for p in pattern])      # Qt counts in line widths
    return pen


def cross_lines(line: QLineF) -> list[QLineF]:
    """The two strokes of the × at the middle of ``line`` (a removed connection)."""
    m = line.pointAt(0.5)
    return [QLineF(m.x() - CROSS, m.y() - CROSS, m.x() + CROSS, m.y() + CROSS),
            QLineF(m.x() - CROSS, m.y() + CROSS, m.x() + CROSS, m.y() - CROSS)]
