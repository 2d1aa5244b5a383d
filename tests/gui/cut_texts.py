"""What a user cannot read: controls whose text is cut, and plots squeezed flat (issue 25, item 1).

:func:`cut_texts` walks every visible control of a window and compares the width its text needs
with the width it has on screen (its own width, clipped by every ancestor: a row of controls
wider than its dock runs off the dock's edge):

- a label: its size hint (text, margins, frame), or for a word-wrapped one the height that
  width needs;
- a push button or check box: the text's advance (and its icon) within the contents rectangle
  the style gives it;
- a tool button: its size hint;
- a combo box: the current text within the edit field the style leaves beside the arrow;
- a line edit (and a spin box's): its text, or its placeholder, within its contents rectangle.

:func:`flat_plots` lists the plot areas (pyqtgraph view boxes, the network and graph canvases)
lower than :data:`MIN_PLOT_PX`.

The widths come from the fonts and the style (``QFontMetrics``, ``QStyle.subElementRect``), never
from the view that is measured, so a test built on them can fail.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
)

MIN_PLOT_PX = 150
LINE_EDIT_MARGIN = 2         # QLineEditPrivate::horizontalMargin, each side of the text


def _on_screen(w: QWidget, window: QWidget) -> QRect:
    """``w``'s rectangle in window coordinates, clipped by each of its ancestors."""
    rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def _scrolls(w: QWidget) -> bool:
    """Inside a scroll area: what is clipped at its top or bottom can be scrolled to."""
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QGraphicsView):
            return True
        parent = parent.parentWidget()
    return False


def _icon_width(w) -> int:
    icon = w.icon() if hasattr(w, "icon") else None
    return w.iconSize().width() + 4 if icon is not None and not icon.isNull() else 0


def _label_need(w: QLabel, width: int) -> tuple[int, int]:
    """(width, height) ``w`` needs for the text it shows when it is ``width`` wide (QLabel's own
    measure, also for a subclass that reports a smaller size hint, such as a folded label)."""
    if w.wordWrap():
        return 0, QLabel.heightForWidth(w, width)
    return QLabel.sizeHint(w).width(), 0


def _button_room(w: QAbstractButton) -> tuple[int, int]:
    """(the text's advance plus its icon, the room the style leaves for it)."""
    text = w.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    need = QFontMetrics(w.font()).horizontalAdvance(text) + _icon_width(w)
    opt = QStyleOptionButton()
    opt.initFrom(w)
    opt.text = w.text()
    if isinstance(w, QPushButton):
        room = w.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, w).width()
        room -= 2 * w.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, opt, w) // 2
    elif isinstance(w, QCheckBox):
        room = w.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, opt, w).width()
    else:
        room = w.style().subElementRect(QStyle.SubElement.SE_RadioButtonContents, opt, w).width()
    return need, room


def _combo_room(w: QComboBox) -> tuple[int, int]:
    need = QFontMetrics(w.font()).horizontalAdvance(w.currentText())
    if not w.itemIcon(w.currentIndex()).isNull():
        need += w.iconSize().width() + 4
    opt = QStyleOptionComboBox()
    opt.initFrom(w)
    opt.editable = w.isEditable()
    room = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                    QStyle.SubControl.SC_ComboBoxEditField, w).width()
    return need, room


def _line_edit_room(w: QLineEdit) -> tuple[int, int]:
    need = QFontMetrics(w.font()).horizontalAdvance(w.text() or w.placeholderText())
    opt = QStyleOptionFrame()
    opt.initFrom(w)
    opt.lineWidth = w.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, opt, w) if w.hasFrame() else 0
    room = w.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, w).width()
    m = w.textMargins()
    return need, room - m.left() - m.right() - 2 * LINE_EDIT_MARGIN


def _need(w: QWidget) -> tuple[int, int, str] | None:
    """(width needed, height needed, the text) of a control; None for anything else."""
    if isinstance(w, QLabel):
        if not w.text():
            return None
        need_w, need_h = _label_need(w, w.width())
        return need_w, need_h, w.text()
    if isinstance(w, QToolButton):
        return (w.sizeHint().width(), 0, w.text()) if w.text() else None
    if isinstance(w, (QPushButton, QCheckBox, QRadioButton)):
        if not w.text():
            return None
        need, room = _button_room(w)
        return w.width() + need - room, 0, w.text()
    if isinstance(w, QComboBox):
        need, room = _combo_room(w)
        return w.width() + need - room, 0, w.currentText()
    if isinstance(w, QLineEdit):
        if not (w.text() or w.placeholderText()):
            return None
        need, room = _line_edit_room(w)
        return w.width() + need - room, 0, w.text() or w.placeholderText()
    return None


def _where(w: QWidget) -> str:
    names = []
    while w is not None and len(names) < 4:
        if w.objectName():
            names.append(w.objectName())
        w = w.parentWidget()
    return "/".join(reversed(names)) or "?"


def cut_texts(window: QMainWindow) -> list[str]:
    """One line per visible control whose text does not fit: where it is, its text, the pixels
    it needs and has."""
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        need = _need(w)
        if need is None:
            continue
        need_w, need_h, text = need
        shown = _on_screen(w, window)
        if shown.isEmpty():                      # scrolled away, or behind another tab
            continue
        has_w = shown.width()
        has_h = w.height() if _scrolls(w) else shown.height()
        if need_w > has_w or need_h > has_h:
            got = f"{has_w} of {need_w} px wide" if need_w > has_w else f"{has_h} of {need_h} px high"
            out.append(f"{_where(w)} {type(w).__name__} {text[:40]!r}: {got}")
    return out


def _plot_areas(window: QMainWindow) -> list[tuple[str, int]]:
    """(where, on-screen height) of each visible plot area: a pyqtgraph view box, or the
    viewport of another graphics view (the network, the computation graph), clipped by the
    widgets around it."""
    import pyqtgraph as pg

    out = []
    for view in window.findChildren(QGraphicsView):
        shown = _on_screen(view, window)
        if not view.isVisible() or shown.isEmpty():
            continue
        if isinstance(view, pg.GraphicsView):
            for item in view.scene().items():
                if isinstance(item, pg.ViewBox) and item.isVisible():
                    box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
                    box.translate(view.mapTo(window, QPoint(0, 0)))
                    out.append((_where(view), box.intersected(shown).height()))
        else:
            port = QRect(view.viewport().mapTo(window, QPoint(0, 0)), view.viewport().size())
            out.append((_where(view), port.intersected(shown).height()))
    return out


def flat_plots(window: QMainWindow, least: int = MIN_PLOT_PX) -> list[str]:
    """One line per visible plot area lower than ``least`` pixels."""
    return [f"{where}: {h} px high" for where, h in _plot_areas(window) if h < least]


def axis_labels_cut(window: QMainWindow) -> list[str]:
    """Axis titles of the visible pyqtgraph plots that are longer than their axis."""
    import pyqtgraph as pg

    out = []
    for view in window.findChildren(pg.GraphicsView):
        if not view.isVisible() or _on_screen(view, window).isEmpty():
            continue
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem) and item.isVisible() and item.label.isVisible() \
                    and item.labelText:
                length = item.size().height() if item.orientation in ("left", "right") else item.size().width()
                need = item.label.boundingRect().width()
                if need > length:
                    out.append(f"{_where(view)} axis {item.orientation} {item.label.toPlainText()!r}: "
                               f"{int(length)} of {int(need)} px")
    return out


def size_text(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"
