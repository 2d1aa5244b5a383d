"""The names lessons may point at exist in the real window (gui/lesson_targets.py cannot drift)."""
from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget

from gui.lesson_targets import INNER_NAMES, TAB_PAGES, known_names


def test_every_inner_name_is_a_child_of_the_main_window(main_window):
    missing = [name for name in INNER_NAMES if main_window.findChild(object, name) is None]
    assert not missing, f"not in the window: {missing}"


def test_every_tab_page_is_a_page_of_a_tab_widget(main_window):
    for name in TAB_PAGES:
        page = main_window.findChild(object, name)
        tabs = [t for t in main_window.findChildren(QTabWidget) if t.indexOf(page) >= 0]
        assert tabs, f"{name} is not a page of a QTabWidget"


def test_known_names_are_the_views_actions_and_inner_widgets(main_window):
    names = known_names()
    for action in main_window.findChildren(QAction):
        if action.objectName().startswith("action"):
            assert action.objectName() in names, action.objectName()
    assert {"networkEditor", "stepDebugger", "lossCurve", "actionStepPhase", "learningRate"} <= names


def test_importing_the_targets_loads_no_qt():
    code = "import sys, gui.lesson_targets; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
