"""Rows of controls for narrow docks: they wrap (:class:`FlowLayout`), the less used fold away
(:class:`FoldButton`), a combo box is as wide as the item it shows (:func:`fit_to_current_text`).
See :mod:`gui.compact`."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QStyle,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)

from ..language import tr

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

    def __init__(self, widgets: list[QWidget], text: str | None = None, tip: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets = list(widgets)
        self._text = tr("Options") if text is None else text
        self.chosen: bool | None = None         # what the user chose by clicking; None: not yet
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setToolTip(tip or tr("Show or hide the less used settings"))
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
