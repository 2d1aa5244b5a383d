"""Tables of a training step's values, each cell bound to the :class:`core.explain.Ref` it shows.

A :class:`RefTable` is laid out once per structure (rows of sections and values, column
headers) by :meth:`RefTable.set_layout`; every update afterwards only sets item texts and
fonts (:meth:`RefTable.refresh`), and only of the cells in view: the others are marked stale
and drawn when they scroll into view or are read, so a redraw costs a screenful of cells
whatever the table holds (a batch of 32 on 784-128-10 has 3,000).  Large layers are cut to
a fixed number of rows with a note row, so a 784-unit layer never builds thousands of
items.  Any table can be copied as TSV (Ctrl+C) or CSV (context menu).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableWidget, QTableWidgetItem

from backprop_studio.core.explain import Ref
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD
from backprop_studio.gui import theme
from backprop_studio.gui.language import QT_TR_NOOP, tr

MAX_UNITS = 40         # unit rows shown per layer
MAX_PARAM_ROWS = 80    # parameter rows shown per weight matrix
MAX_SAMPLES = 8        # per-sample columns shown for a batch
HIDDEN_TEXT = SHOWN_INSTEAD          # a value hidden now (studio.hidden, exercise mode)
# the column headers of the batch's means (two lines: as narrow as the values under them), shown
# through tr() (str(): PySide6's stub types QT_TR_NOOP as returning object; it returns its text)
MEAN_DELTA = str(QT_TR_NOOP("δ\n(batch mean)"))
MEAN_GRADIENT = str(QT_TR_NOOP("∂E/∂w\n(batch mean)"))
VIEW_MARGIN = 2        # rows and columns beyond the viewport drawn too (a small scroll shows no blanks)
SIZED_FROM_ALL = 1000  # cells of a new layout sized from every value (a bigger one: from those in view)

Source = tuple[Callable[[Ref], float | None], Callable[[Ref], bool], Callable[[Ref], bool]]   # value, changed, hidden


@dataclass
class Row:
    """A table row: a section title (``refs`` None) or a labelled row of cells."""

    label: str
    refs: Sequence[Ref | None] | None = None
    tip: str = ""


def short_label(row: Row) -> str:
    """The row header: a value row's label; a section's short name, which stays visible when the
    table scrolls sideways ("Layer 1", "Targets y"; "…" for a note of rows not shown)."""
    if row.refs is not None:
        return row.label
    if row.label.startswith("…"):
        return "…"
    return row.label.split(":")[0].split(" (")[0][:10]


def fmt_cell(value: float | None, digits: int = 6) -> str:
    return "" if value is None else f"{value:.{digits}g}"



def changed_tint() -> QColor:
    """The background of a value that just changed (it is bold too): the theme's highlight, faint."""
    colour = QColor(theme.colors()["highlight"])
    colour.setAlpha(theme.current().tint_alpha)
    return colour

class RefTable(QTableWidget):
    """A table whose cells show recorded values; section rows span the table."""

    compact_digits: int | None = None   # fewer significant digits on screen; copies keep six
    fit_columns = True                  # columns as wide as their texts (a grid keeps fixed cells)
    CELL_PADDING = 8                    # pixels beside a cell's text

    def __init__(self, name: str, tip: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setToolTip(tip)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(self._row_height())
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(96)
        self.horizontalHeader().setStretchLastSection(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu)
        copy = QAction(tr("Copy as TSV"), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(lambda: self.copy("\t"))
        self.addAction(copy)
        self._layout_key: object = None
        self._fresh_layout = True
        self.before_read: Callable[[], None] = lambda: None   # lets a lazily redrawn table catch up
        self._rows: list[Row] = []
        self._where: dict[Ref, tuple[int, int]] = {}
        self._full: dict[tuple[int, int], str] = {}   # six-digit texts of compact cells, for copying
        self._source: Source | None = None             # what the last refresh drew from
        self._stale = np.zeros((0, 0), bool)           # cells not drawn since that refresh
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            bar.valueChanged.connect(self._draw_visible)
        self._bold = self._bold_font()
        self._plain = QFont(self.font())
        theme.signals.changed.connect(self._on_theme_changed)      # a new theme or text size

    # -- layout ----------------------------------------------------------------------------
    def set_layout(self, key: object, columns: list[str], rows: list[Row]) -> None:
        """Build the items; does nothing when ``key`` equals the current layout's key."""
        if key == self._layout_key:
            return
        self._layout_key = key
        self._fresh_layout = True
        self._source, self._stale = None, np.zeros((len(rows), len(columns)), bool)
        self._rows = rows
        self._where = {}
        self._full = {}
        self.clearSpans()
        self.setRowCount(len(rows))
        self.setColumnCount(len(columns))
        self.setHorizontalHeaderLabels(columns)
        self.setVerticalHeaderLabels([short_label(r) for r in rows])
        select_tip = tr("Select to see the formula behind this number")
        for n, row in enumerate(rows):
            if row.refs is None:
                item = QTableWidgetItem(row.label)
                item.setFont(self._bold)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(row.tip or row.label)
                self.setItem(n, 0, item)
                if len(columns) > 1:
                    self.setSpan(n, 0, 1, len(columns))
                continue
            for c, ref in enumerate(row.refs):
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if ref is None:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                else:
                    self._where.setdefault(ref, (n, c))
                    item.setToolTip(row.tip or select_tip)
                self.setItem(n, c, item)

    def refresh(self, value: Callable[[Ref], float | None], changed: Callable[[Ref], bool],
                hidden: Callable[[Ref], bool]) -> None:
        """Show the values ``value(ref)``; mark those changed by the last phase (bold, tinted)
        and write ``?`` for hidden ones.

        Only the cells in view are drawn now; the rest when they come into view or are read.
        The first refresh after a layout of a small table draws every cell, so that the
        columns are as wide as their values from the start (a big one's grow as needed).
        """
        self._source = (value, changed, hidden)
        self._stale[:] = True
        if self._fresh_layout and self._stale.size <= SIZED_FROM_ALL:
            self._draw(range(self.rowCount()), range(self.columnCount()))
        else:
            self._draw_visible()
            self._draw_visible()     # sizing a new layout's columns may bring more of them into view

    def _draw_visible(self, *_args) -> None:
        viewport = self.viewport()
        self._draw(_in_view(self.rowAt, viewport.height(), self.rowCount()),
                   _in_view(self.columnAt, viewport.width(), self.columnCount()))

    def draw_columns(self, columns: range) -> None:
        """Draw the stale cells of ``columns`` in the rows in view (so those columns have their
        widths before a scroll to them is worked out)."""
        self._draw(_in_view(self.rowAt, self.viewport().height(), self.rowCount()), columns)

    def draw_all(self) -> None:
        """Draw the cells not drawn since the last refresh (before the whole table is read)."""
        self._draw(range(self.rowCount()), range(self.columnCount()))

    def _draw(self, rows: range, columns: range) -> None:
        """Draw the stale cells among ``rows`` x ``columns`` from the last refresh's source."""
        if self._source is None or self._stale.shape != (self.rowCount(), self.columnCount()):
            return
        block = self._stale[rows.start:rows.stop, columns.start:columns.stop]
        if not block.any():
            return
        value, changed, hidden = self._source
        tint, none = QBrush(changed_tint()), QBrush()
        drawn: list[tuple[int, int]] = []
        for n, c in (np.argwhere(block) + (rows.start, columns.start)).tolist():
            refs = self._rows[n].refs
            ref = refs[c] if refs is not None and c < len(refs) else None
            if ref is None:
                continue
            item = self.cell(n, c)
            is_new = changed(ref)
            if hidden(ref):
                text = HIDDEN_TEXT
            elif self.compact_digits is None:
                text = fmt_cell(value(ref))
            else:
                v = value(ref)
                self._full[n, c] = fmt_cell(v)
                text = fmt_cell(v, self.compact_digits)
            if item.text() != text:
                item.setText(text)
            if item.font().bold() != is_new:
                item.setFont(self._bold if is_new else self._plain)
                item.setBackground(tint if is_new else none)
            drawn.append((n, c))
        block[:] = False
        if self.fit_columns and drawn:
            self._fit_columns(drawn)

    def _fit_columns(self, drawn: list[tuple[int, int]]) -> None:
        """Each column as wide as its header and its widest value drawn (measured bold, as a
        value just changed is drawn), so the columns take no more room than they need and
        nothing is cut.

        After the first drawing of a layout a column only grows: a width the user dragged
        wider stays.
        """
        bold = QFontMetrics(self._bold_font())
        widths: dict[int, int] = {}
        for n, c in drawn:
            widths[c] = max(widths.get(c, 0), bold.horizontalAdvance(self.cell(n, c).text()))
        header = self.horizontalHeader()
        for c in range(self.columnCount()) if self._fresh_layout else sorted(widths):
            title = self.horizontalHeaderItem(c)
            header_width = max(bold.horizontalAdvance(line) for line in (title.text() if title else "").split("\n"))
            needed = max(widths.get(c, 0), header_width) + self.CELL_PADDING
            if header.sectionSize(c) < needed or self._fresh_layout:
                header.resizeSection(c, needed)
        self._fresh_layout = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._draw_visible()

    def _row_height(self) -> int:
        return max(22, self.fontMetrics().height() + 5)

    def _on_theme_changed(self) -> None:
        """The cells' fonts, tints, the rows' height and the columns' widths for a new theme or
        text size."""
        self._plain, self._bold = QFont(self.font()), self._bold_font()
        self.verticalHeader().setDefaultSectionSize(self._row_height())
        tint = QBrush(changed_tint())
        for n in range(self.rowCount()):
            for c in range(self.columnCount()):
                item = self.item(n, c)
                if item is not None:
                    bold = item.font().bold()
                    item.setFont(self._bold if bold else self._plain)
                    if bold and self.ref_at(n, c) is not None:
                        item.setBackground(tint)
        if self.fit_columns:
            self._fresh_layout = True
            self._stale[:] = self._source is not None
            self._draw_visible()

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    # -- lookup ----------------------------------------------------------------------------
    def ref_at(self, row: int, column: int) -> Ref | None:
        refs = self._rows[row].refs if 0 <= row < len(self._rows) else None
        return refs[column] if refs is not None and column < len(refs) else None

    def cell(self, row: int, column: int) -> QTableWidgetItem:
        """The item of a cell: set_layout gives every cell one."""
        item = self.item(row, column)
        assert item is not None, f"cell ({row}, {column}) of a laid-out table"
        return item

    def cell_of(self, ref: Ref) -> tuple[int, int] | None:
        """Where ``ref`` is shown (drawn, as the cell is about to be read), or None."""
        self.before_read()
        where = self._where.get(ref)
        if where is not None:
            self._draw(range(where[0], where[0] + 1), range(where[1], where[1] + 1))
        return where

    def refs(self) -> list[Ref]:
        """Every value the table shows."""
        self.before_read()
        return list(self._where)

    def text_of(self, ref: Ref) -> str | None:
        self.before_read()
        where = self.cell_of(ref)
        return None if where is None else self.cell(*where).text()

    def select_ref(self, ref: Ref) -> bool:
        where = self.cell_of(ref)
        if where is None:
            return False
        self.setCurrentCell(*where)
        self.scrollToItem(self.cell(*where), QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    # -- copying ---------------------------------------------------------------------------
    def as_rows(self, selected_only: bool = False) -> list[list[str]]:
        """The table (or the selection's bounding rows/columns) as text, with headers."""
        self.before_read()
        self.draw_all()
        rows: Sequence[int] = range(self.rowCount())
        cols: Sequence[int] = range(self.columnCount())
        ranges = self.selectedRanges()
        if selected_only and ranges and not (len(ranges) == 1 and ranges[0].rowCount() == 1
                                             and ranges[0].columnCount() == 1):
            rows = sorted({r for g in ranges for r in range(g.topRow(), g.bottomRow() + 1)})
            cols = sorted({c for g in ranges for c in range(g.leftColumn(), g.rightColumn() + 1)})
        header = [""] + [title.text() if (title := self.horizontalHeaderItem(c)) else "" for c in cols]
        out = [header]
        for r in rows:
            label = self._rows[r].label if r < len(self._rows) else ""
            if self._rows[r].refs is None:
                out.append([label] + [""] * len(cols))
                continue
            out.append([label] + [self._copy_text(r, c) for c in cols])
        return out

    def _copy_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        if item is None:
            return ""
        text = item.text()
        return text if text in ("", HIDDEN_TEXT) else self._full.get((row, column), text)

    def copy(self, delimiter: str) -> str:
        """Copy the whole table (or a multi-cell selection) to the clipboard; return the text."""
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(self.as_rows(True))
        text = buffer.getvalue()
        QGuiApplication.clipboard().setText(text)
        return text

    def _on_context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(tr("Copy as TSV (paste into a spreadsheet)"), lambda: self.copy("\t"))
        menu.addAction(tr("Copy as CSV"), lambda: self.copy(","))
        menu.exec(self.viewport().mapToGlobal(pos))


def _in_view(at: Callable[[int], int], extent: int, count: int) -> range:
    """The rows (or columns) a viewport ``extent`` pixels long shows, with :data:`VIEW_MARGIN`
    on each side; ``at`` is rowAt or columnAt (-1 past the last one)."""
    if count == 0:
        return range(0)
    first, last = at(0), at(max(0, extent - 1))
    first = 0 if first < 0 else first
    last = count - 1 if last < 0 else last
    return range(max(0, first - VIEW_MARGIN), min(count, last + 1 + VIEW_MARGIN))
