"""Layouts for narrow docks: rows of controls that wrap, and descriptions that fold.

A dock at 1366x768 may be 300 pixels wide (the loss surface beside the decision boundary).
A plain row of controls then squeezes every control until "sgd" shows in 16 pixels, and a
word-wrapped description grows until the plot under it is 40 pixels tall (issue 25).  Two
widgets keep a narrow dock readable:

* :class:`FlowLayout` lays its widgets out left to right at their preferred width and starts a
  new row when the next one would not fit (Qt's flow-layout example).  It reports the height it
  needs for a width (``heightForWidth``), so the layout above it gives it that many rows and
  the plot below keeps the rest.
* :class:`FoldButton` shows or hides the controls a learner rarely changes (a grid size, a
  colour scale), so the row of the ones they do change stays short.
* :func:`fit_to_current_text` sizes a combo box to the item it shows, not to its longest item.
* :func:`scrolled_layout` puts a page's content in a scroll area of its own: a page the user
  unfolded in a short dock scrolls instead of drawing its widgets over each other.
* :class:`FoldingLabel` is a label that shows its first line, cut at a word, and a *more* link;
  *more* shows all of it (word-wrapped) and *less* folds it again.  :meth:`FoldingLabel.text`
  is the whole text.

Both decide from the width they are given, never by resizing anything themselves, so a resize
reaches a fixed point in one pass.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

MORE, LESS = "more", "less"
MIN_PLOT_PX = 150      # the least height of a plot's data area: below it a curve is a line of pixels
PLOT_AXES_PX = 45      # what a plot widget adds to it: the bottom axis with its title, the top margin
ROOMY_PX = (560, 400)  # a page at least this wide and tall shows its options unfolded (:func:`roomy`)


class FlowLayout(QLayout):
    """Widgets in rows, each at its size hint, wrapping to the next row when the width runs out.

    Its minimum width is the widest widget's size hint (a widget is never squeezed below the
    room its text needs); its size hint is everything in one row.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def add_widgets(self, *widgets: QWidget) -> None:
        for w in widgets:
            self.addWidget(w)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _margins(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self.spacing() * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height) + self._margins()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.sizeHint())
        return size + self._margins()

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in rows within ``rect`` (when ``move``); the height the rows take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        row: list[tuple[QLayoutItem, QPoint, QSize]] = []
        for item in self._shown():
            hint = item.sizeHint()
            if row and x + hint.width() > area.right() + 1:
                self._place(row, row_height, move)
                x, y, row_height, row = area.x(), y + row_height + self.spacing(), 0, []
            row.append((item, QPoint(x, y), QSize(min(hint.width(), area.width()), hint.height())))
            x += hint.width() + self.spacing()
            row_height = max(row_height, hint.height())
        self._place(row, row_height, move)
        return y + row_height - rect.y() + m.bottom()

    @staticmethod
    def _place(row, row_height: int, move: bool) -> None:
        """One row, each item centred on the row's height (a check box beside a combo box)."""
        if not move:
            return
        for item, at, size in row:
            item.setGeometry(QRect(QPoint(at.x(), at.y() + (row_height - size.height()) // 2), size))


def plain_text(text: str) -> str:
    """``text`` as the user reads it (rich text's tags dropped, sub- and superscripts joined)."""
    if QtGui.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


class FoldingLabel(QLabel):
    """A description that shows ``lines`` lines, cut at a word, until the reader asks for *more*.

    Use it as a QLabel: :meth:`setText` and :meth:`text` take and give the whole text (plain or
    rich).  A text that fits in its lines is shown as it is, with no link.  Its size hint is
    ``lines`` lines high whatever its text while folded, so a long description never takes the
    room of the plot below it.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, lines: int = 1) -> None:
        super().__init__(parent)
        self.lines = lines
        self._full = ""
        self._folded = True
        self._plain_format = False
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(self.textInteractionFlags() | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(self._on_link_activated)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    # -- QLabel's interface ------------------------------------------------------------------
    def text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._show()

    def clear(self) -> None:
        self.setText("")

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:  # noqa: N802 - Qt's name
        """A plain-text label keeps its "<" and "&" as they are (the link needs rich text)."""
        self._plain_format = fmt == Qt.TextFormat.PlainText
        super().setTextFormat(Qt.TextFormat.RichText)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 - Qt's name
        """Folded it is one line, unfolded it wraps: the caller's choice has nothing to change."""

    @property
    def folded(self) -> bool:
        return self._folded

    def set_folded(self, folded: bool) -> None:
        if folded != self._folded:
            self._folded = folded
            self._show()

    def fits(self) -> bool:
        """The whole text fits in the label's lines at its width (then there is nothing to fold)."""
        return self._height_of(self._rich()) <= self._lines_height(self.lines)

    def _document(self, rich: str) -> QTextDocument:
        """``rich`` laid out as the label lays it out: its font, wrapped at its width."""
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        doc.setHtml(rich)
        doc.setTextWidth(max(1, self.contentsRect().width() - 2 * self.margin() - 2))
        return doc

    def _height_of(self, rich: str) -> float:
        """The height of ``rich`` wrapped at words to the label's width (bold and subscripts
        included: a plain measure would let a bold line run past the edge)."""
        return self._document(rich).size().height()

    # -- showing -----------------------------------------------------------------------------
    def _rich(self) -> str:
        if self._plain_format or not QtGui.mightBeRichText(self._full):
            return html.escape(self._full).replace("\n", "<br>")
        return self._full

    def _show(self) -> None:
        if not self._full or self.fits():
            shown, wrap = self._rich(), self.lines > 1
        elif self._folded:
            shown, wrap = self._beginning(), self.lines > 1
        else:
            shown, wrap = f"{self._rich()} <a href='{LESS}'>{LESS}</a>", True
        super().setWordWrap(wrap)
        super().setText(shown)
        self.updateGeometry()

    def _beginning(self) -> str:
        """As much of the text as fits in the label's lines with "… more", cut after a whole word,
        as rich text that keeps the text's own formatting (x<sub>t</sub> stays x with a subscript)."""
        plain = self._document(self._rich()).toPlainText()       # positions as the document counts them
        ends = [i for i, c in enumerate(plain) if c.isspace()] + [len(plain)]   # where each word ends
        room = self._lines_height(self.lines)
        lo, hi = 0, len(ends)             # the most words that fit: a binary search
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._height_of(self._cut_at(ends[mid - 1])) <= room:
                lo = mid
            else:
                hi = mid - 1
        if lo:
            return self._cut_at(ends[lo - 1])
        fm = self.fontMetrics()          # not even one word: cut the first where it reaches the edge
        width = self.contentsRect().width() - fm.horizontalAdvance(f"… {MORE}") - 4
        return self._cut_at(max(0, len(fm.elidedText(plain[:ends[0]], Qt.TextElideMode.ElideRight,
                                                     max(width, 0))) - 1))

    def _cut_at(self, position: int) -> str:
        """The text up to ``position`` (a character of its plain text) in its own formatting,
        then "… more"."""
        doc = self._document(self._rich())
        cursor = QTextCursor(doc)
        cursor.setPosition(position)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.insertText("… ")
        cursor.insertHtml(f"<a href='{MORE}'>{MORE}</a>")
        return doc.toHtml()

    def _on_link_activated(self, link: str) -> None:
        if link in (MORE, LESS):
            self.set_folded(link == LESS)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._show()     # the first line depends on the width; the size hints do not

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        if self._folded:
            return QSize(self.fontMetrics().horizontalAdvance(plain_text(self._full)) + 8, self._box_height())
        return super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        if self._folded:
            return QSize(self.fontMetrics().averageCharWidth() * 8, self._box_height())
        return super().minimumSizeHint()

    def _lines_height(self, n: int) -> int:
        """The height of ``n`` lines of text (what QFontMetrics gives wrapped text)."""
        fm = self.fontMetrics()
        return fm.height() + (n - 1) * fm.lineSpacing()

    def _box_height(self) -> int:
        """The label's height while folded: its lines and its margins."""
        m = self.contentsMargins()
        return self._lines_height(self.lines) + m.top() + m.bottom() + 2 * self.margin()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return not self._folded

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return super().heightForWidth(width) if not self._folded else self._box_height()


def fit_to_current_text(combo: QComboBox) -> None:
    """Make ``combo`` as wide as the text it shows (and its arrow), whichever item that is.

    A combo box is as wide as its longest item by default: "Elongated (ill-conditioned) bowl"
    would take a narrow row's whole width while "Round bowl" is chosen.  Measured with the
    style's own rule (``sizeFromContents``), as QComboBox measures itself.
    """
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(1)

    def fit(*_args) -> None:
        opt = QStyleOptionComboBox()
        combo.initStyleOption(opt)
        fm = combo.fontMetrics()
        width = fm.horizontalAdvance(combo.currentText())
        if not combo.itemIcon(combo.currentIndex()).isNull():
            width += combo.iconSize().width() + 4
        size = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt,
                                              QSize(width, fm.height()), combo)
        combo.setMinimumWidth(size.width())

    combo.currentIndexChanged.connect(fit)
    combo.model().modelReset.connect(fit)
    fit()


def pair(*widgets: QWidget) -> QWidget:
    """``widgets`` side by side in one widget: a label and its field never wrap apart."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(3)
    for w in widgets:
        row.addWidget(w)
    return box


def roomy(page: QWidget) -> bool:
    """Room on ``page`` for its options as well as its plot (:data:`ROOMY_PX`): what a
    :class:`FoldButton` follows until the user clicks it.  At 1366x768 a page of the bottom row
    is 300 x 310 (a lesson widens it to 600 x 310): its options fold, its plot keeps 150 pixels."""
    return page.width() >= ROOMY_PX[0] and page.height() >= ROOMY_PX[1]


class FoldButton(QToolButton):
    """A small ``Options ▸`` button that shows or hides the widgets it folds.

    Until the user clicks it, :meth:`follow` decides: a page calls it with whether it has room
    (its width, which folding does not change), so a wide dock shows everything and a narrow one
    folds.  Once clicked, the user's choice stays.
    """

    def __init__(self, widgets: list[QWidget], text: str = "Options", tip: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets = list(widgets)
        self._text = text
        self.chosen: bool | None = None         # what the user chose by clicking; None: not yet
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setToolTip(tip or "Show or hide the less used settings")
        self.toggled.connect(self._on_toggled)
        self.clicked.connect(self._on_clicked)
        self._on_toggled(False)

    def follow(self, room: bool) -> None:
        """Unfolded when there is ``room``, folded when not, unless the user has chosen."""
        if self.chosen is None and self.isChecked() != room:
            self.setChecked(room)

    def _on_clicked(self, checked: bool) -> None:
        self.chosen = checked

    def _on_toggled(self, unfolded: bool) -> None:
        self.setText(f"{self._text} {'◂' if unfolded else '▸'}")
        for w in self.widgets:
            w.setVisible(unfolded)


class PartsLabel(QLabel):
    """A one-line label of parts joined by " · " that drops its first parts when it is too narrow.

    The last ``keep`` parts are always shown whole (the status bar's loss and η): they are the
    label's minimum width, so the label never makes its window wider than the screen, and a
    number is never cut in the middle.  The whole text is in the tooltip.
    """

    SEPARATOR = " · "

    def __init__(self, keep: int = 1, tip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keep = keep
        self.tip = tip
        self.parts: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_parts(self, parts: list[str]) -> None:
        self.parts = list(parts)
        whole = self.SEPARATOR.join(self.parts)
        self.setToolTip(f"{whole}\n{self.tip}" if self.tip else whole)
        self.updateGeometry()
        self._show()

    def text(self) -> str:
        """The whole text, also while the first parts are dropped (QLabel's text is what shows)."""
        return self.full_text()

    def full_text(self) -> str:
        return self.SEPARATOR.join(self.parts)

    def _width_of(self, text: str) -> int:
        m = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + m.left() + m.right() + 2 * self.margin() + 4

    def _show(self) -> None:
        """The most parts that fit, always the last ``keep``."""
        for first in range(max(0, len(self.parts) - self.keep) + 1):
            text = ("… " if first else "") + self.SEPARATOR.join(self.parts[first:])
            if self._width_of(text) <= self.width() or first == max(0, len(self.parts) - self.keep):
                super().setText(text)
                return

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._show()          # from the width; the size hints do not depend on what is shown

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._width_of(self.full_text()), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        kept = self.SEPARATOR.join(self.parts[-self.keep:]) if self.parts else ""
        return QSize(self._width_of(f"… {kept}"), super().minimumSizeHint().height())


class PageScroll(QScrollArea):
    """A frameless vertical scroll area for one page, which it makes as tall as the viewport or
    as the page's minimum at that width, whichever is more.

    QScrollArea's own sizing gives a page with rows that wrap its *preferred* height (every
    plot at its size hint), so a page that fits would scroll.  And whether the scroll bar shows
    is decided from the area's own width, never from the viewport's: with the bar the page is
    narrower, so it wraps into more rows and needs the bar all the more, and without it the
    page fitted already, so the decision is a fixed point (not a resize loop, issue 25 item 6).
    Its size hint is the page's (QScrollArea caps its own at 36 x 24 lines of text, and a lesson
    sizes a dock by the hint of the page it shows).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _least_height(self, width: int) -> int:
        layout = self.widget().layout()
        if layout.hasHeightForWidth():
            return layout.totalMinimumHeightForWidth(width)
        return layout.totalMinimumSize().height()

    def fit_page(self) -> None:
        """Size the page for the area (and show the bar when it does not fit)."""
        page = self.widget()
        if page is None or page.layout() is None:
            return
        full = self.width() - 2 * self.frameWidth()
        height = self.height() - 2 * self.frameWidth()
        scrolls = self._least_height(full) > height
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOn if scrolls else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)
        width = full - (self.verticalScrollBar().sizeHint().width() if scrolls else 0)
        page.resize(width, max(height, self._least_height(width)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_page()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # the page asks to be laid out again (a row folded, a text unfolded): its size may change
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self.fit_page)     # (with self: not after it is gone)
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        content = self.widget()
        return content.sizeHint() if content is not None else super().sizeHint()


def scrolled_layout(page: QWidget) -> QVBoxLayout:
    """The layout to fill ``page`` with, inside a :class:`PageScroll` that is the page's only
    child: the page keeps its identity (a tab widget's page, a lesson's target) and its content
    scrolls when the dock is lower than what the user unfolded needs."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = PageScroll()
    scroll.setObjectName(f"{page.objectName()}Scroll")
    content = QWidget()
    scroll.setWidget(content)
    content.installEventFilter(scroll)
    outer.addWidget(scroll)
    inner = QVBoxLayout(content)
    inner.setContentsMargins(2, 2, 2, 2)
    inner.setSpacing(3)
    return inner
