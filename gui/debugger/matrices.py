"""The matrices tab: one training step drawn the way the article writes it.

Layer by layer, top to bottom: the vectors of layer k (x = v_out^(0); v_in^(k), v_out^(k),
δ^(k), and y beside the output layer) as columns, one per sample of the batch (plus the
mean δ the update uses), then the matrices of W^(k→k+1): before the update, ∂E/∂W, the
update ΔW and after, each a grid with rows = units of layer k and columns = units of
layer k+1, with b^(k+1) as a row vector under it when layer k+1 has a bias.

Every cell is a :class:`~gui.debugger.tables.RefTable` cell bound to the same
:class:`~core.explain.Ref` as in the other tabs, so marking, hiding (exercise mode),
"Why this number?" and copying behave the same.  Grids are built lazily (when the tab
first shows, and again only when the structure changes; a grid and its bias row per turn of the
event loop, all at once when one is read), capped at :data:`MAX_ROWS` x
:data:`MAX_COLS` cells and :data:`~gui.debugger.tables.MAX_SAMPLES` samples.  A redraw
draws the grids in view; the others when they scroll into view or are read (784-128-10
with a batch has some 3,700 cells in this tab, a screen shows a few hundred).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QMenu, QScrollArea, QVBoxLayout, QWidget

from backprop_studio.core.engine.naming import bias_vector_name, matrix_name
from backprop_studio.core.explain import Context, Ref
from backprop_studio.gui import theme
from backprop_studio.gui.accessible import make_accessible
from backprop_studio.gui.language import QT_TR_NOOP, tr

from .flow import FlowLayout
from .layouts import layer_heading
from .tables import MAX_SAMPLES, RefTable, Row, Source

MAX_ROWS = 20          # rows shown per grid (units of layer k)
MAX_COLS = 10          # columns shown per weight grid (units of layer k+1)
COMPACT_DIGITS = 4     # significant digits on screen; copies keep six
# texts marked with QT_TR_NOOP are translated where shown, with tr() (PySide6's stub types
# QT_TR_NOOP as returning object; it returns its text, and str() says so to mypy)
COPY_TIP = str(QT_TR_NOOP("Select a value to see its formula. Ctrl+C copies this grid (TSV); "
                          "right-click for CSV or all grids"))     # after each grid's own tip


@dataclass
class GridSpec:
    """One grid: its object name, caption, tooltip (what it shows: the caption's tooltip; the
    grid's adds :data:`COPY_TIP`), column headers, rows and removed cells."""

    name: str
    caption: str
    tip: str
    columns: list[str]
    rows: list[Row]
    removed: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Section:
    """A heading and the grids under it (laid out side by side, wrapping)."""

    heading: str
    blocks: list[list[GridSpec]]     # each block: a grid, optionally the bias grid under it


# -- what to draw --------------------------------------------------------------------------------
def _vector_grid(ctx: Context, name: str, caption: str, tip: str, k: int, units: int,
                 ref: Callable[[int, int], Ref], mean: Callable[[int], Ref] | None = None) -> GridSpec:
    """A vector of ``units`` rows; one column per sample (or one column for a single sample)."""
    B = ctx.batch
    ss = range(min(B, MAX_SAMPLES))
    columns = [f"[{s + 1}]" for s in ss] if B > 1 else [caption.split(" ")[0].split("^")[0]]
    with_mean = mean is not None and B > 1
    columns += [tr("mean")] if with_mean else []
    rows = [Row(str(j + 1), [ref(j, s) for s in ss] + ([mean(j)] if with_mean and mean is not None else []))
            for j in range(min(units, MAX_ROWS))]
    what = (tr("{what}. Rows = units of layer {k}; columns = samples of the batch") if B > 1
            else tr("{what}. Rows = units of layer {k}"))
    return GridSpec(name, caption, what.format(what=tip, k=k), columns, rows)


def _layer_section(ctx: Context, k: int) -> Section:
    net, B = ctx.network, ctx.batch
    units, L = net.sizes[k], net.depth
    if k == 0:
        grids = [_vector_grid(ctx, "grid_x", "x = v_out^(0)", tr("The inputs x of the step"), 0, units,
                              lambda j, s: Ref("x", 0, j, 0, s))]
        heading = tr("Layer 0: the inputs x = v_out^(0)")
    else:
        heading = layer_heading(k, k == L, net.layers[k].activation)
        grids = [_vector_grid(ctx, f"grid_v_in_{k}", f"v_in^({k})", tr("The weighted inputs v_in"), k, units,
                              lambda j, s: Ref("v_in", k, j, 0, s)),
                 _vector_grid(ctx, f"grid_v_out_{k}", f"v_out^({k})", tr("The outputs v_out = f(v_in)"), k, units,
                              lambda j, s: Ref("v_out", k, j, 0, s))]
        if k == L:
            grids.append(_vector_grid(ctx, "grid_y", tr("y (target)"), tr("The targets y, as the loss sees them"),
                                      k, ctx.record.y.shape[1], lambda j, s: Ref("y", 0, j, 0, s)))
        grids.append(_vector_grid(ctx, f"grid_delta_{k}", f"δ^({k})",
                                  tr("The error terms δ = ∂E/∂v_in, and their mean over the batch "
                                     "(what the update uses)") if B > 1 else tr("The error terms δ = ∂E/∂v_in"),
                                  k, units, lambda j, s: Ref("delta", k, j, 0, s), lambda j: Ref("delta_mean", k, j)))
    notes = [(tr("{n} unit") if units == 1 else tr("{n} units")).format(n=units)]
    if units > MAX_ROWS:
        notes.append(tr("showing units 1–{shown}").format(shown=MAX_ROWS))
    if B > 1:
        notes.append(tr("columns = samples 1–{shown} of {batch}").format(shown=min(B, MAX_SAMPLES), batch=B)
                     if B > MAX_SAMPLES else tr("columns = the {batch} samples of the batch").format(batch=B))
    return Section(f"{heading}  ({'; '.join(notes)})", [[g] for g in grids])


# each kind of matrix: its caption ({W}: the matrix's or the bias vector's name), the tip of the
# weights' grid and the tip of the biases'
_GRADIENT_TIP = str(QT_TR_NOOP("The gradient ∂E/∂w = v_out,i^(k) δ_j^(k+1)"))
_UPDATE_TIP = str(QT_TR_NOOP("The update Δw the optimizer computed (for plain SGD: −η ∂E/∂w)"))
_MATRIX_KINDS = [
    ("param", str(QT_TR_NOOP("{W} before")), str(QT_TR_NOOP("The weights before the update")),
     str(QT_TR_NOOP("The biases before the update"))),
    ("grad", "∂E/∂{W}", _GRADIENT_TIP, _GRADIENT_TIP),
    ("update", "Δ{W}", _UPDATE_TIP, _UPDATE_TIP),
    ("after", str(QT_TR_NOOP("{W} after")), str(QT_TR_NOOP("The weights after the update, w + Δw")),
     str(QT_TR_NOOP("The biases after the update, w + Δw"))),
]


def _pair_section(ctx: Context, k: int) -> Section:
    net, B = ctx.network, ctx.batch
    rows_n, cols_n = net.sizes[k], net.sizes[k + 1]
    bias = net.layers[k + 1].bias
    W, b = matrix_name(k), bias_vector_name(k)
    shown_r, shown_c = min(rows_n, MAX_ROWS), min(cols_n, MAX_COLS)
    mask = net.mask[k]
    heading = tr("{W}  ({rows}×{columns}: rows = units of layer {k}, columns = units of layer {next})").format(
        W=W, rows=rows_n, columns=cols_n, k=k, next=k + 1)
    if bias:
        heading += tr("  and {b}  (a row: one bias per unit of layer {next})").format(b=b, next=k + 1)
    if (shown_r, shown_c) != (rows_n, cols_n):
        heading += tr("  — showing rows 1–{rows} and columns 1–{columns}; "
                      "the Weights & biases tab lists more").format(rows=shown_r, columns=shown_c)
    blocks = []
    for kind, caption, weights_tip, biases_tip in _MATRIX_KINDS:
        mean = tr(" (batch mean)") if kind == "grad" and B > 1 else ""
        rows = [Row(str(i + 1), [Ref(kind, k, i, j) for j in range(shown_c)]) for i in range(shown_r)]
        removed = [(i, j) for i in range(shown_r) for j in range(shown_c) if not mask[i, j]]
        grids = [GridSpec(f"grid_{kind}_{k}", tr(caption).format(W=W) + mean,
                          tr("{what}{mean}. Row i = unit i of layer {k}, column j = unit j of layer {next}").format(
                              what=tr(weights_tip), mean=mean, k=k, next=k + 1),
                          [str(j + 1) for j in range(shown_c)], rows, removed)]
        if bias:
            grids.append(GridSpec(f"grid_{kind}_b_{k}", tr(caption).format(W=b) + mean,
                                  tr("{what}{mean}: the bias of each unit of layer {next}").format(
                                      what=tr(biases_tip), mean=mean, next=k + 1),
                                  [str(j + 1) for j in range(shown_c)],
                                  [Row("b", [Ref(kind, k, 0, j, bias=True) for j in range(shown_c)])]))
        blocks.append(grids)
    return Section(heading, blocks)


def matrix_sections(ctx: Context) -> list[Section]:
    """The sections of the tab, in the order of the network: layer 0, W^(0→1), layer 1, ..."""
    out = [_layer_section(ctx, 0)]
    for k in range(ctx.network.depth):
        out += [_pair_section(ctx, k), _layer_section(ctx, k + 1)]
    return out


def layout_key(ctx: Context) -> tuple:
    net = ctx.network
    return (tuple(net.sizes), tuple(l.bias for l in net.layers), tuple(l.activation for l in net.layers),
            ctx.batch, ctx.record.y.shape[1], tuple(m.tobytes() for m in net.mask))


# -- the widgets ---------------------------------------------------------------------------------
class RefGrid(RefTable):
    """A matrix or vector: fixed-size cells, unit numbers as headers, sized to show every cell."""

    compact_digits = COMPACT_DIGITS
    fit_columns = False

    def __init__(self, spec: GridSpec, cell_w: int, header_w: int, copy_all: Callable[[str], str]) -> None:
        super().__init__(spec.name, f"{spec.tip}. {tr(COPY_TIP)}")
        self.title = spec.caption
        self._copy_all = copy_all
        self.setAlternatingRowColors(False)
        # a grid wider than the dock scrolls sideways by itself (the tab scrolls only down)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        row_h = self.fontMetrics().height() + 6
        h, v = self.horizontalHeader(), self.verticalHeader()
        h.setStretchLastSection(False)
        h.setMinimumSectionSize(8)
        h.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        h.setDefaultSectionSize(cell_w)
        h.setFixedHeight(row_h)
        v.setMinimumSectionSize(8)
        v.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        v.setDefaultSectionSize(row_h)
        v.setFixedWidth(header_w)
        v.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_layout(spec.name, spec.columns, spec.rows)
        v.setDefaultSectionSize(row_h)   # set_layout's row count keeps the size set above
        grey = QBrush(QColor(theme.colors()["muted"]))
        for r, c in spec.removed:
            self.cell(r, c).setForeground(grey)
            self.cell(r, c).setToolTip(tr("A removed connection: its weight stays 0 and is never updated"))
        frame = 2 * self.frameWidth()
        self._full_w = header_w + cell_w * len(spec.columns) + frame
        self._base_h = row_h * (len(spec.rows) + 1) + frame
        self.setMinimumWidth(min(self._full_w, header_w + 2 * cell_w + frame))
        self.setMaximumWidth(self._full_w)
        self.setFixedHeight(self._base_h)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._full_w, self.minimumHeight())

    def _on_theme_changed(self) -> None:
        """Nothing: a grid's cells are sized once; the matrices view builds new grids instead."""

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        # narrower than its cells: make room for the horizontal scroll bar below the last row
        bar = self.horizontalScrollBar().sizeHint().height() if self.width() < self._full_w else 0
        if self.minimumHeight() != self._base_h + bar:
            self.setFixedHeight(self._base_h + bar)

    def as_rows(self, selected_only: bool = False) -> list[list[str]]:
        out = super().as_rows(selected_only)
        out[0][0] = self.title         # the corner names the grid: W^(0→1) before, 1, 2, ...
        return out

    def _on_context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(tr("Copy {grid} as TSV").format(grid=self.title), lambda: self.copy("\t"))
        menu.addAction(tr("Copy {grid} as CSV").format(grid=self.title), lambda: self.copy(","))
        menu.addSeparator()
        menu.addAction(tr("Copy all grids as TSV"), lambda: self._copy_all("\t"))
        menu.addAction(tr("Copy all grids as CSV"), lambda: self._copy_all(","))
        menu.exec(self.viewport().mapToGlobal(pos))


class MatricesView(QScrollArea):
    """The matrices tab; the panel drives it like a :class:`RefTable` (refresh, cell_of, select_ref)."""

    ref_selected = Signal(object)      # a Ref: the user chose a cell

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("matricesView")
        self.setToolTip(tr("The step in the article's notation: vectors as columns, W^(k→k+1) as grids with "
                           "rows = units of layer k and columns = units of layer k+1"))
        self.setWidgetResizable(True)
        self.before_read: Callable[[], None] = lambda: None
        self.grids: list[RefGrid] = []
        self._grid_of: dict[Ref, RefGrid] = {}
        self._section_list: list[Section] = []
        self._sections_of: Context | None = None      # a context whose sections are not worked out yet
        self._key: object = None
        self._built_key: object = None
        self._headings: list[str] = []
        self._source: Source | None = None       # what the last refresh drew from
        self._pending: list[tuple[Section, int]] = []   # (section, block index) not built yet
        self._build_timer = QTimer(self)         # builds them, one per turn of the event loop
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._on_build_timer_timeout)
        theme.signals.changed.connect(self._on_theme_changed)
        self._stale: set[RefGrid] = set()        # grids not drawn since then
        self.verticalScrollBar().valueChanged.connect(self._draw_visible)
        self.setWidget(QWidget())

    # -- layout ----------------------------------------------------------------------------
    def set_layout(self, ctx: Context) -> None:
        """Remember what to draw; the grids are built when first needed."""
        key = layout_key(ctx)
        if key != self._key:
            self._key = key
            self._sections_of = ctx                  # worked out when drawn or read: not per edit

    @property
    def _sections(self) -> list[Section]:
        if self._sections_of is not None:
            self._section_list, self._sections_of = matrix_sections(self._sections_of), None
        return self._section_list

    def _on_theme_changed(self) -> None:
        """A new text size (or theme): build the grids again, sized for the new font."""
        self._built_key = None
        if self._source is not None and self.isVisible():
            self.refresh(*self._source)

    def _ensure_built(self) -> None:
        """Every grid built, now (a lookup or a copy reads them all)."""
        self._start_build()
        while self._pending:
            self._build_next()

    def _start_build(self) -> None:
        """Begin building a new layout's grids: the first block at once, each other block (a grid
        and its bias row) in a turn of the event loop of its own (:meth:`_on_build_timer_timeout`).
        784-128-10 has 24 grids; built in one go when the tab was raised while training ran, the
        window paused 75-100 ms on a loaded machine."""
        if self._built_key == self._key:
            return
        self._built_key = self._key
        self._grid_of, self.grids, self._headings = {}, [], []
        self._stale = set()
        content = QWidget()
        content.setObjectName("matricesContent")
        self._column = QVBoxLayout(content)
        self._column.setContentsMargins(6, 6, 6, 6)
        self._column.setSpacing(4)
        self._column.addStretch(1)
        fm = QFontMetrics(self.font())
        self._cell_w = fm.horizontalAdvance("-0.0001235") + 8   # the widest 4-digit text but -1.235e-05
        self._header_w = max(fm.horizontalAdvance(str(MAX_ROWS)), fm.horizontalAdvance("b")) + 12
        self._pending = [(section, i) for section in self._sections for i in range(len(section.blocks))]
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(content)
        if self._pending:
            self._build_next()
        if self._pending:
            self._build_timer.start()

    def _build_next(self) -> None:
        """Build the next block above the stretch (after its section's heading, for a section's
        first); its grids are drawn when in view."""
        section, index = self._pending.pop(0)
        if index == 0:
            heading = QLabel(section.heading)
            heading.setWordWrap(True)
            heading.setStyleSheet("font-weight:bold; margin-top:6px")
            heading.setToolTip(section.heading)
            self._column.insertWidget(self._column.count() - 1, heading)
            self._headings.append(section.heading)
            row = QWidget()
            self._flow = FlowLayout(row, spacing=12)
            self._column.insertWidget(self._column.count() - 1, row)
        built = len(self.grids)
        self._flow.addWidget(self._block(section.blocks[index], self._cell_w, self._header_w))
        self._stale.update(self.grids[built:])      # not drawn since the last refresh

    @property
    def building(self) -> bool:
        """Blocks of the layout are still to be built (one per turn of the event loop)."""
        return bool(self._pending) and self._built_key == self._key

    def _on_build_timer_timeout(self) -> None:
        if self._built_key != self._key:           # another layout meanwhile: built when next needed
            self._pending = []
            return
        if self._pending:
            self._build_next()
            self._draw_visible()
        if self._pending:
            self._build_timer.start()

    def _block(self, specs: list[GridSpec], cell_w: int, header_w: int) -> QWidget:
        block = QFrame()
        box = QVBoxLayout(block)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        for spec in specs:
            caption = QLabel(spec.caption)
            caption.setToolTip(spec.tip)
            grid = RefGrid(spec, cell_w, header_w, self.copy)
            grid.currentCellChanged.connect(self._on_grid_current_cell_changed)
            for ref in grid.refs():
                self._grid_of[ref] = grid
            self.grids.append(grid)
            box.addWidget(caption)
            box.addWidget(grid)
        grids = self.grids[-len(specs):]
        if len(grids) == 2:               # W and its bias row scroll sideways together
            one, two = (g.horizontalScrollBar() for g in grids)
            one.valueChanged.connect(two.setValue)
            two.valueChanged.connect(one.setValue)
        make_accessible(block)              # each grid is named by its caption; Tab leaves it
        box.addStretch(1)
        return block

    # -- drawing ---------------------------------------------------------------------------
    def refresh(self, value: Callable[[Ref], float | None], changed: Callable[[Ref], bool],
                hidden: Callable[[Ref], bool]) -> None:
        """Draw the grids in view from these values; the others when they come into view or are read."""
        self._start_build()
        self._source = (value, changed, hidden)
        self._stale = set(self.grids)
        self._draw_visible()

    def _draw_visible(self, *_args) -> None:
        view = self.viewport().rect()
        for grid in [g for g in self.grids if g in self._stale]:
            corner = grid.mapTo(self.viewport(), grid.rect().topLeft())
            if view.intersects(QRect(corner, grid.size())):
                self._draw(grid)

    def _draw(self, grid: RefGrid) -> None:
        if grid in self._stale and self._source is not None:
            self._stale.discard(grid)
            grid.refresh(*self._source)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._draw_visible()       # the grids flow into other rows: others may come into view

    # -- lookup and selection --------------------------------------------------------------
    def grid(self, name: str) -> RefGrid | None:
        """The grid with object name ``name`` (grid_param_0, grid_delta_1, grid_x, ...), drawn."""
        self._ensure_built()
        grid = next((g for g in self.grids if g.objectName() == name), None)
        if grid is not None:
            self._draw(grid)
        return grid

    def grid_of(self, ref: Ref) -> RefGrid | None:
        """The grid showing ``ref``, drawn (it is about to be read), or None."""
        self._ensure_built()
        grid = self._grid_of.get(ref)
        if grid is not None:
            self._draw(grid)
        return grid

    def cell_of(self, ref: Ref) -> tuple[RefGrid, int, int] | None:
        grid = self.grid_of(ref)
        where = None if grid is None else grid.cell_of(ref)
        return None if grid is None or where is None else (grid, *where)

    def refs(self) -> list[Ref]:
        """Every value the tab shows (without building the grids)."""
        return [ref for section in self._sections for block in section.blocks for spec in block
                for row in spec.rows for ref in row.refs or [] if ref is not None]

    def text_of(self, ref: Ref) -> str | None:
        self.before_read()
        grid = self.grid_of(ref)
        return None if grid is None else grid.text_of(ref)

    def select_ref(self, ref: Ref) -> bool:
        grid = self.grid_of(ref)
        if grid is None or not grid.select_ref(ref):
            return False
        where, inner = grid.cell_of(ref), self.widget()
        if where is None or inner is None:
            return False
        rect = grid.visualItemRect(grid.cell(*where))
        centre = grid.viewport().mapTo(inner, rect.center())
        self.ensureVisible(centre.x(), centre.y(), rect.width(), 2 * rect.height())
        return True

    def _on_grid_current_cell_changed(self, row: int, column: int, *_previous) -> None:
        grid = self.sender()
        ref = grid.ref_at(row, column) if isinstance(grid, RefGrid) else None
        if ref is None:
            return
        for other in self.grids:          # one selected value in the whole tab
            if other is not grid and other.currentItem() is not None:
                other.blockSignals(True)
                other.clearSelection()
                other.setCurrentIndex(QModelIndex())     # no current cell
                other.blockSignals(False)
        self.ref_selected.emit(ref)

    # -- copying ---------------------------------------------------------------------------
    def as_rows(self) -> list[list[str]]:
        """Every grid, under its section heading, separated by empty rows."""
        self.before_read()
        self._ensure_built()
        for grid in self.grids:
            self._draw(grid)
        out: list[list[str]] = []
        index = 0
        for section, heading in zip(self._sections, self._headings):
            out.append([heading])
            for block in section.blocks:
                for _spec in block:
                    out += self.grids[index].as_rows() + [[]]
                    index += 1
        return out

    def copy(self, delimiter: str) -> str:
        """Copy every grid to the clipboard as TSV or CSV; return the text."""
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(self.as_rows())
        text = buffer.getvalue()
        QGuiApplication.clipboard().setText(text)
        return text
