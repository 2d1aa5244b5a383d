"""Pointing at a view, a tab or an action: bring it into sight and frame it for a moment.

:func:`reveal` makes a widget visible where it lives: each tab widget on its way up switches to
the page that holds it, and its dock is shown and raised.  :func:`highlight` reveals a widget
(or an action's toolbar button) and draws a coloured frame over it for :data:`HIGHLIGHT_MS`.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QTabWidget, QToolBar, QWidget

from backprop_studio.gui import theme

from ..language import tr

HIGHLIGHT_MS = 4000


def make_room(dock: QDockWidget, widget: QWidget) -> None:
    """Give ``dock`` its content's preferred size when it is smaller (the 1-D view squeezed into
    a third of the bottom row at 1366x768): up to half the window's height (the network keeps the
    rest), and its preferred width, first by resizing, and when its neighbours in the row cannot
    give up more, by putting them behind it as tabs."""
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow) or dock.isFloating():
        return
    tall = min(widget.sizeHint().height(), window.height() // 2)
    if window.dockWidgetArea(dock) in (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea) \
            and dock.height() < tall:                       # a plot needs height too (the network keeps half)
        window.resizeDocks([dock], [tall], Qt.Orientation.Vertical)
    want = widget.sizeHint().width()
    if dock.width() >= want:
        return
    window.resizeDocks([dock], [min(want, window.width() // 2)], Qt.Orientation.Horizontal)
    if dock.width() >= min(want, window.width() // 2):
        return
    area, row = window.dockWidgetArea(dock), dock.geometry()
    for other in window.findChildren(QDockWidget):
        g = other.geometry()
        if other is not dock and other.isVisible() and not other.isFloating() \
                and window.dockWidgetArea(other) == area and other not in window.tabifiedDockWidgets(dock) \
                and g.top() < row.bottom() and row.top() < g.bottom():      # beside it in its row
            window.tabifyDockWidget(dock, other)
    dock.raise_()


def reveal(widget: QWidget, keep: QDockWidget | None = None) -> None:
    """Switch every tab widget above ``widget`` to the page holding it; show and raise its dock.

    ``keep``: a dock that must stay in sight (the Lessons panel).  When the dock to raise shares
    its tab group, the two are put one above the other instead of one behind the other.
    """
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        if isinstance(parent, QDockWidget):
            window = parent.parentWidget()
            if keep is not None and parent is not keep and isinstance(window, QMainWindow) \
                    and parent in window.tabifiedDockWidgets(keep):
                # out of the tab group, then below it (splitDockWidget would only tab it again)
                window.removeDockWidget(keep)
                window.addDockWidget(window.dockWidgetArea(parent), keep, Qt.Orientation.Vertical)
                keep.show()
            parent.show()
            parent.raise_()
            make_room(parent, widget)
        child, parent = parent, parent.parentWidget()


def button_of(window: QMainWindow, action: QAction) -> QWidget | None:
    """The toolbar button that triggers ``action`` (None for a menu-only action)."""
    for toolbar in window.findChildren(QToolBar):
        button = toolbar.widgetForAction(action)
        if button is not None and toolbar.isVisible():
            return button
    return None


class HighlightFrame(QFrame):
    """A coloured frame laid over a widget; clicks go through it to the widget."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("lessonHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # the theme's frame colour (an orange, or yellow on high contrast), thicker lines on high contrast
        theme.keep_styled(self, lambda c: self.setStyleSheet(
            f"#lessonHighlight {{ border: {round(theme.line_width(3))}px solid {c['frame']}; border-radius: 4px;"
            " background: transparent; }"))
        self.setGeometry(target.rect())
        target.installEventFilter(self)        # it follows the target as the docks settle
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


def highlight(window: QMainWindow, target: QWidget | QAction, ms: int = HIGHLIGHT_MS,
              keep: QDockWidget | None = None) -> HighlightFrame | None:
    """Frame ``target`` (a widget, or an action's toolbar button) for ``ms``, revealed beside
    ``keep`` (see :func:`reveal`); the status bar names a menu-only action.  Returns the frame
    (None when there is nothing to frame)."""
    if isinstance(target, QAction):
        widget = button_of(window, target)
        if widget is None:
            named = target.text().replace("&", "")
            window.statusBar().showMessage(tr("Look at {action} in the menus").format(action=named), ms)
            return None
    else:
        widget = target
    reveal(widget, keep)
    frame = HighlightFrame(widget)
    QTimer.singleShot(ms, frame.deleteLater)
    return frame
