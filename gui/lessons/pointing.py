"""Pointing at a view, a tab or an action: bring it into sight and frame it for a moment.

:func:`reveal` makes a widget visible where it lives: each tab widget on its way up switches to
the page that holds it, and its dock is shown and raised.  :func:`highlight` reveals a widget
(or an action's toolbar button) and draws a coloured frame over it for :data:`HIGHLIGHT_MS`.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QTabWidget, QToolBar, QWidget

HIGHLIGHT_MS = 4000
FRAME_COLOUR = "#ff9f0a"       # the app's accent orange: visible on the light and dark themes


def reveal(widget: QWidget) -> None:
    """Switch every tab widget above ``widget`` to the page holding it; show and raise its dock."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget() if parent.parentWidget() is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        if isinstance(parent, QDockWidget):
            parent.show()
            parent.raise_()
        child, parent = parent, parent.parentWidget()


def keep_in_sight(window: QMainWindow, dock: QDockWidget) -> None:
    """Keep ``dock`` (the Lessons panel) in sight beside what a step points at: when a dock of its
    tab group was raised over it (the Step Debugger, to select a value), the two are put one
    above the other instead of behind each other."""
    if not dock.isVisible() or dock.isFloating() or not dock.visibleRegion().isEmpty():
        return
    for other in window.tabifiedDockWidgets(dock):
        if not other.visibleRegion().isEmpty():
            window.splitDockWidget(other, dock, Qt.Orientation.Vertical)
            dock.show()
            return


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
        self.setStyleSheet(f"#lessonHighlight {{ border: 3px solid {FRAME_COLOUR}; border-radius: 4px;"
                           " background: transparent; }")
        self.setGeometry(target.rect())
        self.raise_()
        self.show()


def highlight(window: QMainWindow, target: QWidget | QAction, ms: int = HIGHLIGHT_MS) -> HighlightFrame | None:
    """Frame ``target`` (a widget, or an action's toolbar button) for ``ms``; the status bar names
    a menu-only action.  Returns the frame (None when there is nothing to frame)."""
    if isinstance(target, QAction):
        widget = button_of(window, target)
        if widget is None:
            window.statusBar().showMessage(f"Look at {target.text().replace('&', '')} in the menus", ms)
            return None
    else:
        widget = target
    reveal(widget)
    frame = HighlightFrame(widget)
    QTimer.singleShot(ms, frame.deleteLater)
    return frame
