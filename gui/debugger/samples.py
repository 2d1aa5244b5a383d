"""The step debugger's side of the current sample (``studio.sample``, gui/shared_sample.py).

For a batch the tables show each sample's values in columns tagged ``[s]``: those of the current
sample are marked (bold header) and scrolled into view, and the tables show the page of
:data:`~gui.debugger.tables.MAX_SAMPLES` samples that holds it.  Selecting a value of a sample
makes that sample the current one, so the network editor and the computation graph follow.
"""
from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView

from backprop_studio.core.explain import Ref
from backprop_studio.gui import theme

from .tables import RefTable

PER_SAMPLE = frozenset({"x", "y", "v_in", "v_out", "fprime", "delta", "loss", "contrib"})


def sample_of(ref: Ref) -> int | None:
    """The sample a value belongs to; None for a value of the whole batch (∂E/∂w, Δ, W)."""
    return ref.sample if ref.kind in PER_SAMPLE else None


def mark_sample(table: RefTable, sample: int, batch: int, scroll: bool = True) -> None:
    """Mark the headers of ``sample``'s columns (and only those: bold, on the highlight colour)
    and, with ``scroll``, scroll the first into view (not in a table whose own columns come first:
    Weights & biases keeps before, ∂E/∂w, Δ and after in view)."""
    tag = f"[{sample + 1}]"
    tint = QColor(theme.colors()["highlight"])
    tint.setAlpha(110)
    first = None
    for c in range(table.columnCount()):
        item = table.horizontalHeaderItem(c)
        if item is None:
            continue
        mine = batch > 1 and item.text().endswith(tag)
        if mine and first is None:
            first = c
        if item.font().bold() != mine:
            font = item.font()
            font.setBold(mine)
            item.setFont(font)
            item.setBackground(QBrush(tint) if mine else QBrush())
    if scroll and first is not None and table.rowCount():
        row = max(table.rowAt(0), 0)
        table.scrollTo(table.model().index(row, first), QAbstractItemView.ScrollHint.EnsureVisible)
