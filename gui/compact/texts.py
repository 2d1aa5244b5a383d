"""Texts for narrow docks: a description that folds to its first lines (:class:`FoldingLabel`)
and a status line that drops its first parts (:class:`PartsLabel`).  See :mod:`gui.compact`."""
from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ..language import QT_TR_NOOP, tr

# the links' targets, and (through tr) their texts (str(): PySide6's stub types QT_TR_NOOP as object)
MORE, LESS = str(QT_TR_NOOP("more")), str(QT_TR_NOOP("less"))


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
            shown, wrap = f"{self._rich()} <a href='{LESS}'>{html.escape(tr(LESS))}</a>", True
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
        width = self.contentsRect().width() - fm.horizontalAdvance(f"… {tr(MORE)}") - 4
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
        cursor.insertHtml(f"<a href='{MORE}'>{html.escape(tr(MORE))}</a>")
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
