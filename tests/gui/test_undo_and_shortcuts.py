"""Undo and Redo name what they will undo; Ctrl+Y redoes; the shortcut sheet and the README list
exactly the keys the actions are bound to (issue 15, section 4)."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextBrowser

from backprop_studio.gui.help import EDITOR_KEYS, shortcut_rows, show_shortcuts

README = Path(__file__).resolve().parents[2] / "README.md"


def _bound_keys(window) -> set[str]:
    """Every key sequence an action in the window is bound to, as the sheet writes it."""
    return {k.toString(QKeySequence.SequenceFormat.NativeText)
            for action in window.findChildren(QAction) for k in action.shortcuts()}


def _sheet_keys(rows) -> set[str]:
    return {k for keys, _tip in rows for k in keys.split(", ")}


def test_undo_and_redo_name_the_edit(main_window):
    s, a = main_window.studio, main_window.actions_
    assert (a["actionUndo"].text(), a["actionRedo"].text()) == ("&Undo", "&Redo")
    s.edit_config("Set η = 0.25", learning_rate=0.25)
    assert a["actionUndo"].text() == "&Undo Set η = 0.25" and a["actionRedo"].text() == "&Redo"
    a["actionUndo"].trigger()
    assert a["actionUndo"].text() == "&Undo" and not a["actionUndo"].isEnabled()
    assert a["actionRedo"].text() == "&Redo Set η = 0.25" and a["actionRedo"].isEnabled()


def test_undo_text_with_an_ampersand_shows_it(main_window):
    main_window.studio.edit_config("Momentum & Nesterov", learning_rate=0.3)
    assert main_window.actions_["actionUndo"].text() == "&Undo Momentum && Nesterov"


def test_ctrl_y_and_ctrl_shift_z_both_redo(main_window, qtbot):
    """Bound explicitly: on X11 Linux the platform's Redo is only Ctrl+Shift+Z."""
    redo = main_window.actions_["actionRedo"]
    assert [k.toString() for k in redo.shortcuts()] == ["Ctrl+Y", "Ctrl+Shift+Z"]
    main_window.show()
    main_window.activateWindow()
    QTest.qWaitForWindowActive(main_window)
    s = main_window.studio
    s.edit_config("lr", learning_rate=0.25)
    for keys in ((Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                 (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
        QTest.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert s.session.config.eta == 0.5
        QTest.keyClick(main_window, *keys)
        assert s.session.config.eta == 0.25


def test_the_sheet_lists_exactly_the_bound_keys(main_window, qtbot):
    rows = shortcut_rows(main_window)
    action_rows = [r for r in rows if r not in EDITOR_KEYS]
    assert _sheet_keys(action_rows) == _bound_keys(main_window)
    assert {"Ctrl+Y", "Ctrl+Shift+Z", "Ctrl+Z", "F1", "Ctrl+Q", "Ctrl+C"} <= _sheet_keys(action_rows)
    dialog = show_shortcuts(main_window)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser).toPlainText()
    for keys, tip in rows:
        assert keys in text and tip in text


def test_the_readme_table_lists_exactly_the_bound_keys(main_window):
    table = README.read_text(encoding="utf-8").split("## Keyboard shortcuts", 1)[1].split("\n\n")[1]
    readme = set()
    for line in table.splitlines()[2:]:
        readme |= set(re.split(r" / | or ", line.split("|")[1].strip()))
    window_keys = {k.toString() for a in main_window.actions_.values() for k in a.shortcuts()}
    assert readme == window_keys
