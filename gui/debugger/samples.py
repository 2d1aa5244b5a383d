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
    mine_columns: list[int] = []
    for c in range(table.columnCount()):
        item = table.horizontalHeaderItem(c)
        if item is None:
            continue
        mine = batch > 1 and item.text().endswith(tag)
        if mine:
            mine_columns.append(c)
        if item.font().bold() != mine:
            font = item.font()
            font.setBold(mine)
            item.setFont(font)
            item.setBackground(QBrush(tint) if mine else QBrush())
    if scroll and mine_columns and table.rowCount():
        show_columns(table, mine_columns[0], mine_columns[-1])


def show_columns(table: RefTable, first: int, last: int) -> None:
    """Scroll the columns ``first`` to ``last`` into view: left alone when they are all in view,
    else ``first`` at the left edge, so the sample's v_in, v_out, f′ and δ are read together.

    (``scrollTo`` with EnsureVisible puts a column right of the view at the right edge, with the
    sample's other columns still out of sight; and the columns drawn after a scroll grow to their
    values, which left the first one cut at the left edge.)"""
    width = table.viewport().width()
    left = table.columnViewportPosition(first)
    right = table.columnViewportPosition(last) + table.columnWidth(last)
    if left >= 0 and right <= width:
        return
    bar = table.horizontalScrollBar()
    per_item = table.horizontalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
    target = (table.horizontalHeader().visualIndex(first) if per_item
              else table.horizontalHeader().sectionPosition(first))
    table.draw_columns(range(first, table.columnCount()))    # those columns at their widths ...
    table.updateGeometries()       # ... and the scroll range that follows from them, before scrolling
    bar.setValue(target)
