"""Tables of a training step's values, each cell bound to the :class:`core.explain.Ref` it shows.

A :class:`RefTable` is laid out once per structure (rows of sections and values, column
headers) by :meth:`RefTable.set_layout`; every update afterwards only sets item texts and
fonts (:meth:`RefTable.refresh`).  Large layers are cut to a fixed number of rows with a
note row, so a 784-unit layer never builds thousands of items.  Any table can be copied
as TSV (Ctrl+C) or CSV (context menu).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableWidget, QTableWidgetItem

from backprop_studio.core.engine.naming import param_name
from backprop_studio.core.engine.optimizers import optimizer
from backprop_studio.core.explain import Context, Ref, state_array
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD

MAX_UNITS = 40         # unit rows shown per layer
MAX_PARAM_ROWS = 80    # parameter rows shown per weight matrix
MAX_SAMPLES = 8        # per-sample columns shown for a batch
HIDDEN_TEXT = SHOWN_INSTEAD          # a value hidden now (studio.hidden, exercise mode)
MEAN_DELTA = "δ\n(batch mean)"            # the column headers of the batch's means (two
MEAN_GRADIENT = "∂E/∂w\n(batch mean)"      # lines: as narrow as the values under them)


@dataclass
class Row:
    """A table row: a section title (``refs`` None) or a labelled row of cells."""

    label: str
    refs: list[Ref | None] | None = None
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
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(96)
        self.horizontalHeader().setStretchLastSection(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu)
        copy = QAction("Copy as TSV", self)
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
        self._bold = QFont()
        self._bold.setBold(True)
        self._plain = QFont()

    # -- layout ----------------------------------------------------------------------------
    def set_layout(self, key: object, columns: list[str], rows: list[Row]) -> None:
        """Build the items; does nothing when ``key`` equals the current layout's key."""
        if key == self._layout_key:
            return
        self._layout_key = key
        self._fresh_layout = True
        self._rows = rows
        self._where = {}
        self._full = {}
        self.clearSpans()
        self.setRowCount(len(rows))
        self.setColumnCount(len(columns))
        self.setHorizontalHeaderLabels(columns)
        self.setVerticalHeaderLabels([short_label(r) for r in rows])
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
                    item.setToolTip(row.tip or "Select to see the formula behind this number")
                self.setItem(n, c, item)

    def refresh(self, value: Callable[[Ref], float | None], changed: Callable[[Ref], bool],
                hidden: Callable[[Ref], bool]) -> None:
        """Set every cell's text; mark the values changed by the last phase (bold, tinted)."""
        tint = QBrush(QColor(245, 166, 35, 70))
        none = QBrush()
        for n, row in enumerate(self._rows):
            if row.refs is None:
                continue
            for c, ref in enumerate(row.refs):
                if ref is None:
                    continue
                item = self.item(n, c)
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
        if self.fit_columns:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its header and its widest value (measured bold, as a value just
        changed is drawn), so the columns take no more room than they need and nothing is cut.

        A column only grows between layouts: a width the user dragged wider stays.
        """
        bold = QFontMetrics(self._bold_font())
        header = self.horizontalHeader()
        for c in range(self.columnCount()):
            title = self.horizontalHeaderItem(c)
            widths = [bold.horizontalAdvance(line) for line in (title.text() if title else "").split("\n")]
            for n, row in enumerate(self._rows):
                if row.refs is not None and c < len(row.refs) and row.refs[c] is not None:
                    widths.append(bold.horizontalAdvance(self.item(n, c).text()))
            needed = max(widths) + self.CELL_PADDING
            if header.sectionSize(c) < needed or self._fresh_layout:
                header.resizeSection(c, needed)
        self._fresh_layout = False

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    # -- lookup ----------------------------------------------------------------------------
    def ref_at(self, row: int, column: int) -> Ref | None:
        if 0 <= row < len(self._rows) and self._rows[row].refs is not None:
            refs = self._rows[row].refs
            return refs[column] if column < len(refs) else None
        return None

    def cell_of(self, ref: Ref) -> tuple[int, int] | None:
        self.before_read()
        return self._where.get(ref)

    def refs(self) -> list[Ref]:
        """Every value the table shows."""
        self.before_read()
        return list(self._where)

    def text_of(self, ref: Ref) -> str | None:
        self.before_read()
        where = self.cell_of(ref)
        return None if where is None else self.item(*where).text()

    def select_ref(self, ref: Ref) -> bool:
        where = self.cell_of(ref)
        if where is None:
            return False
        self.setCurrentCell(*where)
        self.scrollToItem(self.item(*where), QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    # -- copying ---------------------------------------------------------------------------
    def as_rows(self, selected_only: bool = False) -> list[list[str]]:
        """The table (or the selection's bounding rows/columns) as text, with headers."""
        self.before_read()
        rows = range(self.rowCount())
        cols = range(self.columnCount())
        ranges = self.selectedRanges()
        if selected_only and ranges and not (len(ranges) == 1 and ranges[0].rowCount() == 1
                                             and ranges[0].columnCount() == 1):
            rows = sorted({r for g in ranges for r in range(g.topRow(), g.bottomRow() + 1)})
            cols = sorted({c for g in ranges for c in range(g.leftColumn(), g.rightColumn() + 1)})
        header = [""] + [self.horizontalHeaderItem(c).text() for c in cols]
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
        menu.addAction("Copy as TSV (paste into a spreadsheet)", lambda: self.copy("\t"))
        menu.addAction("Copy as CSV", lambda: self.copy(","))
        menu.exec(self.viewport().mapToGlobal(pos))


# -- the layouts ---------------------------------------------------------------------------------
def sample_page(batch: int, sample: int = 0) -> list[int]:
    """The samples whose columns are shown: the :data:`MAX_SAMPLES` around the current one
    (samples 1-8, 9-16, ... of the batch; 0-based here)."""
    start = min(sample, max(batch - 1, 0)) // MAX_SAMPLES * MAX_SAMPLES
    return list(range(start, min(start + MAX_SAMPLES, batch)))


def _not_shown(B: int, ss: list[int]) -> list[Row]:
    """The note under a table that shows only some samples of the batch."""
    if not ss or B <= len(ss):
        return []
    return [Row(f"… samples {ss[0] + 1}–{ss[-1] + 1} of {B} shown: choose another sample with the sample box")]


def units_layout(ctx: Context, sample: int = 0) -> tuple[object, list[str], list[Row]]:
    """Rows = units (per layer); columns = v_in, v_out, f'(v_in), δ, grouped per sample (+ the
    mean δ over the batch); the samples around ``sample``, the current one (see :func:`sample_page`).

    Grouping by sample keeps the inputs x and targets y (shown in the v_out columns) near the
    left edge for a batch, instead of after every sample's v_in.
    """
    net, B = ctx.network, ctx.batch
    ss = sample_page(B, sample)
    tag = (lambda s: f" [{s + 1}]") if B > 1 else (lambda s: "")
    kinds = ["v_in", "v_out", "fprime", "delta"]
    names = {"v_in": "v_in", "v_out": "v_out", "fprime": "f′(v_in)", "delta": "δ"}
    slots = [(kind, s) for s in ss for kind in kinds]
    columns = [names[kind] + tag(s) for kind, s in slots] + ([MEAN_DELTA] if B > 1 else [])
    rows: list[Row] = []
    for k in range(net.depth + 1):
        layer = net.layers[k]
        n = min(layer.units, MAX_UNITS)
        if k == 0:
            plural = "s" if layer.units != 1 else ""
            rows.append(Row(f"Layer 0: the inputs x = v_out^(0)  ({layer.units} unit{plural})"))
        else:
            kind = "output" if k == net.depth else "hidden"
            rows.append(Row(f"Layer {k} ({kind}, {layer.activation}): v_in^({k}), v_out^({k}), δ^({k})"))
        for j in range(n):
            refs: list[Ref | None] = []
            for kind, s in slots:
                if k == 0:
                    refs.append(Ref("x", 0, j, 0, s) if kind == "v_out" else None)
                else:
                    refs.append(Ref(kind, k, j, 0, s))
            if B > 1:
                refs.append(Ref("delta_mean", k, j) if k else None)
            rows.append(Row(f"x_{j + 1}" if k == 0 else f"unit {j + 1}", refs))
        if layer.units > n:
            rows.append(Row(f"… {layer.units - n} more units of layer {k} not shown"))
    outs = ctx.record.y.shape[1]
    rows.append(Row("Targets y (as the loss sees them), in the v_out columns"))
    for j in range(min(outs, MAX_UNITS)):
        refs = [Ref("y", 0, j, 0, s) if kind == "v_out" else None for kind, s in slots]
        rows.append(Row(f"y_{j + 1}", refs + ([None] if B > 1 else [])))
    rows += _not_shown(B, ss)
    return ("units", tuple(net.sizes), B, ss[0]), columns, rows


def state_keys(ctx: Context) -> list[str]:
    """The optimizer state arrays that these settings actually use."""
    return optimizer(ctx.optimizer).state_used(ctx.hyper)


def params_layout(ctx: Context, sample: int = 0) -> tuple[object, list[str], list[Row]]:
    """Rows = w_ij^(k+1) and b_j^(k+1); columns: before, ∂E/∂w (for a batch: the mean of the
    samples' shares, as E is the mean loss), Δ, after, state,
    then each sample's share of the mean: the update's own columns come first, so they are never
    pushed out of sight by a batch's per-sample columns."""
    net, B = ctx.network, ctx.batch
    ss = sample_page(B, sample) if B > 1 else []
    keys = state_keys(ctx)
    columns = (["before", MEAN_GRADIENT if B > 1 else "∂E/∂w", "Δ (update)", "after"]
               + [state_array(ctx, k).column for k in keys] + [f"∂E/∂w [{s + 1}]" for s in ss])
    rows: list[Row] = []
    for k in range(net.depth):
        bias = net.layers[k + 1].bias
        rows.append(Row(f"W^({k}→{k + 1})" + (f" and b^({k + 1})" if bias else "")
                        + f": rows i = units of layer {k}, columns j = units of layer {k + 1}"))
        entries = [(i, j, False) for i in range(net.sizes[k]) for j in range(net.sizes[k + 1])]
        entries += [(0, j, True) for j in range(net.sizes[k + 1])] if bias else []
        for i, j, is_b in entries[:MAX_PARAM_ROWS]:
            def r(kind: str, s: int = 0, key: str = "", k: int = k, i: int = i, j: int = j,
                  is_b: bool = is_b) -> Ref:
                return Ref(kind, k, i, j, s, is_b, key)
            refs = ([r("param"), r("grad"), r("update"), r("after")] + [r("state", key=key) for key in keys]
                    + [r("contrib", s) for s in ss])
            label = param_name(k, i, j, is_b)
            tip = ("removed connection" if not is_b and not net.mask[k][i, j] else "")
            rows.append(Row(label, refs, tip))
        if len(entries) > MAX_PARAM_ROWS:
            rows.append(Row(f"… {len(entries) - MAX_PARAM_ROWS} more parameters of W^({k}→{k + 1}) not shown"))
    rows += _not_shown(B, ss)
    key = ("params", tuple(net.sizes), tuple(l.bias for l in net.layers), B, tuple(keys), ss[:1])
    return key, columns, rows


def loss_layout(ctx: Context, sample: int = 0) -> tuple[object, list[str], list[Row]]:
    B = ctx.batch
    ss = sample_page(B, sample)
    rows = [Row("Before the update")]
    for s in ss:
        rows.append(Row(f"E [{s + 1}]" if B > 1 else "E", [Ref("loss", sample=s)]))
    if B > 1:
        rows.append(Row("E: mean over the batch", [Ref("batch_loss")]))
    rows += _not_shown(B, ss)
    rows += [Row("After the update (same batch)"), Row("E′", [Ref("loss_after")])]
    return ("loss", B, ss[0]), ["value"], rows
