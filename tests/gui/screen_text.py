"""Every text a user can see in the main window, and the numbers in it (for the leak tests).

:func:`every_view` raises each dock and, inside it, each page of each tab widget in turn
(nested tab widgets too), and yields after each arrangement; :func:`visible_texts` then reads
what is on show:

- widgets: labels, buttons, line edits (their placeholder when empty), text browsers, the cells
  and headers of tables and lists, combo boxes, tab bars, and the status bar's message;
- scenes (the network editor, the computation graph, every pyqtgraph plot): the text items a
  scene paints, ``QGraphicsSimpleTextItem`` and ``QGraphicsTextItem`` (pyqtgraph's TextItem,
  LabelItem, legend and axis titles are made of these).

Left out on purpose: tooltips (not on show), and the tick numbers of plot axes (a scale, not a
value: an axis of f(x) may well have a tick at 21).

:func:`numbers_in` (the one rule, core/lessons/printed.py) splits a text into its number
tokens, so that "0.4875" is not found inside "0.48751" nor "21" inside "w_21^(2)".
"""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui_
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from backprop_studio.core.lessons.printed import numbers_in  # noqa: F401 - the leak tests read it from here


def plain(text: str) -> str:
    """Rich text as the user reads it (sub- and superscripts joined to their base)."""
    if QtGui_.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _settle() -> None:
    for _ in range(3):           # deferred redraws (throttles, singleShot(0)) run now
        QCoreApplication.processEvents()
    # and what is built a part per turn (the debugger's Matrices tab: a grid each) is finished
    for _ in range(1000):
        if not any(getattr(w, "building", False) for w in QApplication.allWidgets()
                   if w.objectName() == "matricesView"):
            break
        QCoreApplication.processEvents()


def _tab_walk(widget: QWidget) -> Iterator[None]:
    """Each page of each visible tab widget under ``widget``, nested ones included."""
    tabs = [t for t in widget.findChildren(QTabWidget) if t.isVisible()]
    outer = [t for t in tabs if not any(o is not t and o.isAncestorOf(t) for o in tabs)]
    if not outer:
        yield
        return
    for tab in outer:
        for i in range(tab.count()):
            if not tab.isTabEnabled(i):
                continue
            tab.setCurrentIndex(i)
            _settle()
            yield from _tab_walk(tab.widget(i))


def every_view(window: QMainWindow) -> Iterator[str]:
    """Raise each dock, then each tab page inside it; yields the dock's name each time."""
    for name, dock in window.docks.items():
        dock.show()
        dock.raise_()
        _settle()
        for _ in _tab_walk(dock.widget()):
            yield name


def _widget_texts(w: QWidget) -> list[str]:
    if isinstance(w, QLabel):
        return [plain(w.text())]
    if isinstance(w, QAbstractButton):
        return [w.text()]
    if isinstance(w, QLineEdit):
        return [w.text() or w.placeholderText()]
    if isinstance(w, QTextEdit):
        return [w.toPlainText()]
    if isinstance(w, QComboBox):
        return [w.currentText()]
    if isinstance(w, QTabBar):
        return [w.tabText(i) for i in range(w.count())]
    if isinstance(w, QAbstractItemView) and w.model() is not None:
        m, top = w.model(), QModelIndex()
        columns = 1 if isinstance(m, QAbstractListModel) else m.columnCount(top)   # (a list's is private)
        out = [str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
        for r in range(m.rowCount(top)):
            out.append(str(m.headerData(r, Qt.Orientation.Vertical) or ""))
            out += [plain(str(m.data(m.index(r, c)) or "")) for c in range(columns)]
        return out
    return []


def _scene_texts(view: QGraphicsView) -> list[str]:
    out = []
    for item in view.scene().items():
        if not item.isVisible():
            continue
        if isinstance(item, QGraphicsSimpleTextItem):
            out.append(item.text())
        elif isinstance(item, QGraphicsTextItem):
            out.append(item.toPlainText())
    return out


def visible_texts(window: QMainWindow) -> list[tuple[str, str]]:
    """(where, text) of everything on show: the widget's object name (or class) and its text."""
    found = []
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        where = w.objectName() or type(w).__name__
        texts = _scene_texts(w) if isinstance(w, QGraphicsView) and w.scene() is not None else _widget_texts(w)
        found += [(where, t) for t in texts if t]
    message = window.statusBar().currentMessage()
    if message:
        found.append(("statusBar", message))
    return found
