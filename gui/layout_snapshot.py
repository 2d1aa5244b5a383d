"""The window's arrangement at one moment, to bring back later (issue 25, item 4).

A lesson points at views: it raises docks and tab pages, gives a plot more room and may put a
neighbour behind it as a tab (:mod:`gui.lessons.pointing`).  Leaving the lesson must bring
back the user's layout as it was, as the studio brings back the user's document
(``StudioSession.set_aside`` / ``bring_back``).  A :class:`LayoutSnapshot` holds

* the docks: ``QMainWindow.saveState`` (each dock's area, size, tab group and raised tab,
  floating geometry and visibility), and
* the page each tab widget of the window shows (the loss surface's Network page, the
  debugger's Units table, ...), which ``saveState`` does not cover.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QMainWindow, QTabWidget


class LayoutSnapshot:
    """Taken when constructed; :meth:`restore` puts the window back as it was then."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.state = window.saveState()
        self.pages = [(tabs, tabs.currentIndex()) for tabs in window.findChildren(QTabWidget)]

    def restore(self) -> bool:
        """The docks and the tab pages as they were; False when Qt could not read the state back."""
        restored = self.window.restoreState(self.state)
        for tabs, index in self.pages:
            if shiboken6.isValid(tabs) and 0 <= index < tabs.count():
                tabs.setCurrentIndex(index)
        return restored
