"""What the lessons use of the main window and of the views they drive, found by name and checked.

The lessons are a view package: they may not import the shell (gui/main_window.py) or another
view package such as the Step Debugger's (tests/core/test_architecture.py).  So they take the
main window as a QMainWindow, find what it carries (its studio, its views by object name) and
the views by their object names, and check here that what they found is what they drive.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from backprop_studio.core.explain.refs import Ref
from backprop_studio.gui.studio import StudioSession


def studio_of(window: QWidget) -> StudioSession:
    """The studio the main window carries (``MainWindow.studio``)."""
    studio = getattr(window, "studio", None)
    if not isinstance(studio, StudioSession):
        raise TypeError(f"{type(window).__name__} carries no studio: the lessons run in the main window")
    return studio


def views_of(window: QWidget) -> dict[str, QWidget]:
    """The main window's views by object name (``MainWindow.views``; empty for another window)."""
    views = getattr(window, "views", None)
    return views if isinstance(views, dict) else {}


@runtime_checkable
class ValueSelector(Protocol):
    """The Step Debugger (``stepDebugger``) as a lesson drives it: exercise mode, a selected value."""

    def set_exercise_mode(self, on: bool) -> None: ...

    def select(self, ref: Ref) -> bool: ...
