"""The main window's actions, with stable object names, shortcuts and tooltips.

Each entry: object name, text, shortcut (or a QKeySequence.StandardKey), tooltip.
The object names are a contract (dock-state saving, tests, scripts): keep them.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

SK = QKeySequence.StandardKey

ACTIONS: list[tuple[str, str, object, str]] = [
    # File
    ("actionNew", "&New", SK.New, "Start a new document from the article's 3-2-1 example"),
    ("actionOpen", "&Open…", SK.Open, "Open a Backprop Studio project file (.json)"),
    ("actionSave", "&Save", SK.Save, "Save the document (atomically: a failed save keeps the old file)"),
    ("actionSaveAs", "Save &As…", SK.SaveAs, "Save the document under a new name"),
    ("actionExportWorkedExample", "Export &Worked Example…", "Ctrl+E",
     "Export the current training step as a worked example (Markdown + LaTeX, or HTML)"),
    ("actionExportCanvas", "Export &Network Picture…", "", "Save the network editor's canvas as PNG or SVG"),
    ("actionExportPlot", "Export &Plot…", "", "Save the focused plot (loss curve, decision boundary, "
     "loss surface) as PNG or SVG; every plot's right-click menu has Export… too"),
    ("actionQuit", "&Quit", SK.Quit, "Quit Backprop Studio"),
    # Edit
    ("actionUndo", "&Undo", SK.Undo, "Undo the last edit"),
    ("actionRedo", "&Redo", SK.Redo, "Redo the last undone edit"),
    # Train
    ("actionStepPhase", "Step &Phase", "F11",
     "One phase: forward through a layer, the loss, backward through a layer, or the update (F11)"),
    ("actionStepTraining", "Step &Training Step", "F10", "One training step: one update from one batch (F10)"),
    ("actionStepEpoch", "Step to End of &Epoch", "Shift+F11", "Train to the end of the current epoch (Shift+F11)"),
    ("actionRunPause", "&Run / Pause", "F5", "Train continuously, or pause (F5)"),
    ("actionTrainEpochs", "Train &N Epochs…", "Ctrl+T",
     "Train a number of epochs, with a progress bar, the time left and Cancel (Ctrl+T)"),
    ("actionRunUntil", "Run &Until…", "Ctrl+F5", "Train until a loss, a step count, or divergence"),
    ("actionStepBack", "Step &Back", "F9", "Step back one training step (F9); Shift+F9 steps back one phase"),
    ("actionStepBackPhase", "Step Back One P&hase", "Shift+F9", "Step back one phase (Shift+F9)"),
    ("actionResetTraining", "Re&set Training", "Ctrl+R", "Back to the initial parameters, step 0 (Ctrl+R)"),
    ("actionGradientCheck", "&Gradient Check", "Ctrl+G",
     "Compare backprop with central differences for every parameter"),
    # View
    ("actionResetLayout", "Reset &Layout", "", "Restore the default arrangement of the panels"),
    ("actionThemeSystem", "Follow the &System", "", "Light or dark as the operating system is set"),
    ("actionThemeLight", "&Light", "", "Always use the light theme"),
    ("actionThemeDark", "&Dark", "", "Always use the dark theme"),
    # Help
    ("actionStartHere", "&Start Here", SK.HelpContents, "A short guide through the article's example"),
    ("actionShortcuts", "&Keyboard Shortcuts", "Ctrl+/", "Every keyboard shortcut"),
    ("actionAbout", "&About Backprop Studio", "", "Versions of the app, Qt, PySide6, pyqtgraph and numpy"),
]


# where a platform has no standard binding (Quit on some desktops)
FALLBACK_KEYS = {"actionQuit": "Ctrl+Q", "actionRedo": "Ctrl+Shift+Z", "actionSaveAs": "Ctrl+Shift+S"}


def create_actions(parent: QWidget) -> dict[str, QAction]:
    out = {}
    for name, text, shortcut, tip in ACTIONS:
        action = QAction(text, parent)
        action.setObjectName(name)
        if isinstance(shortcut, str) and shortcut:
            action.setShortcut(QKeySequence(shortcut))
        elif shortcut:
            action.setShortcuts(shortcut)          # every binding the platform has (Redo: Ctrl+Y, Ctrl+Shift+Z)
            if not action.shortcuts() and name in FALLBACK_KEYS:
                action.setShortcut(QKeySequence(FALLBACK_KEYS[name]))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        out[name] = action
    themes = QActionGroup(parent)
    for name in ("actionThemeSystem", "actionThemeLight", "actionThemeDark"):
        out[name].setCheckable(True)
        themes.addAction(out[name])
    return out


def shortcut_table(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(shortcut, what it does) for the Help sheet, in menu order."""
    rows = []
    for name, _text, _shortcut, tip in ACTIONS:
        # the usual bindings only (not Alt+Backspace or the media keys some platforms add)
        usual = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in actions[name].shortcuts()]
        keys = ", ".join([k for k in usual if re.fullmatch(r"((Ctrl|Shift|Alt)\+)*(F\d+|.)", k)][:2])
        if keys:
            rows.append((keys, tip))
    return rows
