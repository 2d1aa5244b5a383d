"""A page that scrolls when the user unfolds more than its dock holds.  See :mod:`gui.compact`."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


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
        page = self.widget()
        layout = page.layout() if page is not None else None
        if layout is None:
            return 0
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
