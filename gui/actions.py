"""The main window's actions, with stable object names, shortcuts and tooltips.

Each entry: object name, text, shortcut keys, tooltip.  The keys are a string, or a tuple of
strings for an action with more than one binding (Redo: Ctrl+Y and Ctrl+Shift+Z).  The text and
the tooltip are English, marked with ``QT_TR_NOOP``: the table is built at import, before the
translations are installed, so :func:`create_actions` translates them (gui/language.py).

The keys are written out rather than taken from ``QKeySequence.StandardKey``: the platform's
standard bindings differ (on X11 Linux, Redo is only Ctrl+Shift+Z and Quit is Ctrl+Q; offscreen
Redo adds Ctrl+Y, Alt+Shift+Backspace and a media key), so neither the README nor the shortcut
sheet could say which keys work.  Written out, this table is the one source of truth: the
actions are bound from it and the Help sheet is generated from the actions.  (On macOS Qt reads
"Ctrl" as the Command key, so these are the usual Mac bindings too.)

The object names are a contract (dock-state saving, tests, scripts): keep them.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from .language import QT_TR_NOOP, tr

ACTIONS: list[tuple[str, str, str | tuple[str, ...], str]] = [
    # File
    ("actionNew", QT_TR_NOOP("&New…"), "Ctrl+N",
     QT_TR_NOOP("Start a new document: a 2-D classification, a 1-D regression or the article's example")),
    ("actionOpen", QT_TR_NOOP("&Open…"), "Ctrl+O",
     QT_TR_NOOP("Open a Backprop Studio project, lesson or course file (.json): a lesson starts in the Lessons "
                "panel, a course is listed there")),
    ("actionSave", QT_TR_NOOP("&Save"), "Ctrl+S",
     QT_TR_NOOP("Save the document (atomically: a failed save keeps the old file)")),
    ("actionSaveAs", QT_TR_NOOP("Save &As…"), "Ctrl+Shift+S",
     QT_TR_NOOP("Save the document under a new name")),
    ("actionExportWorkedExample", QT_TR_NOOP("Export &Worked Example…"), "Ctrl+E",
     QT_TR_NOOP("Export the current training step as a worked example (Markdown + LaTeX, or HTML)")),
    ("actionExportCanvas", QT_TR_NOOP("Export &Network Picture…"), "",
     QT_TR_NOOP("Save the network editor's canvas as PNG or SVG")),
    ("actionExportPlot", QT_TR_NOOP("Export &Plot…"), "",
     QT_TR_NOOP("Save a plot as PNG or SVG: choose which (loss curve, decision boundary, diagnostics, loss "
                "surfaces, dataset); every plot's right-click menu has Export… too")),
    ("actionExportTorch", QT_TR_NOOP("Export P&yTorch Script…"), "",
     QT_TR_NOOP("Write the document as a runnable PyTorch script: the same network, data and training, in float64 "
                "(backprop-studio export-torch --verify proves it computes the same numbers)")),
    ("actionImportTorch", QT_TR_NOOP("&Import PyTorch Weights…"), "",
     QT_TR_NOOP("Put the weights of a saved PyTorch state_dict (Linear layers) into this network; needs torch "
                "installed")),
    ("actionQuit", QT_TR_NOOP("&Quit"), "Ctrl+Q",
     QT_TR_NOOP("Quit Backprop Studio")),
    # Edit
    ("actionUndo", QT_TR_NOOP("&Undo"), "Ctrl+Z",
     QT_TR_NOOP("Undo the last edit")),
    ("actionRedo", QT_TR_NOOP("&Redo"), ("Ctrl+Y", "Ctrl+Shift+Z"),
     QT_TR_NOOP("Redo the last undone edit")),
    # Train
    ("actionStepPhase", QT_TR_NOOP("Step &Phase"), "F11",
     QT_TR_NOOP("One phase: forward through a layer, the loss, backward through a layer, or the update (F11)")),
    ("actionStepTraining", QT_TR_NOOP("Step &Training Step"), "F10",
     QT_TR_NOOP("One training step: one update from one batch (F10)")),
    ("actionStepEpoch", QT_TR_NOOP("Step to End of &Epoch"), "Shift+F11",
     QT_TR_NOOP("Train to the end of the current epoch (Shift+F11)")),
    ("actionRunPause", QT_TR_NOOP("&Run / Pause"), "F5",
     QT_TR_NOOP("Train continuously, or pause (F5)")),
    ("actionTrainEpochs", QT_TR_NOOP("Train &N Epochs…"), "Ctrl+T",
     QT_TR_NOOP("Train a number of epochs, with a progress bar, the time left and Cancel (Ctrl+T)")),
    ("actionRunUntil", QT_TR_NOOP("Run &Until…"), "Ctrl+F5",
     QT_TR_NOOP("Train until a loss, a step count, or divergence")),
    ("actionStepBack", QT_TR_NOOP("Step &Back"), "F9",
     QT_TR_NOOP("Step back one training step (F9); Shift+F9 steps back one phase")),
    ("actionStepBackPhase", QT_TR_NOOP("Step Back One P&hase"), "Shift+F9",
     QT_TR_NOOP("Step back one phase (Shift+F9)")),
    ("actionFineStepping", QT_TR_NOOP("&Fine Stepping"), "Ctrl+F11",
     QT_TR_NOOP("Step one unit at a time: F11 reveals a term w·v, a sum, an f, a contribution w·δ, a δ, a gradient "
                "or an update, lit on the network and the computation graph; Shift+F9 takes it back (Ctrl+F11)")),
    ("actionPlayFine", QT_TR_NOOP("Play Fine Steps"), "F6",
     QT_TR_NOOP("Play or pause fine stepping: one unit at a time, at the fine speed, to the end of the training "
                "step (F6)")),
    ("actionResetTraining", QT_TR_NOOP("Re&set Training"), "Ctrl+R",
     QT_TR_NOOP("Back to the initial parameters, step 0 (Ctrl+R)")),
    ("actionGradientCheck", QT_TR_NOOP("&Gradient Check"), "Ctrl+G",
     QT_TR_NOOP("Compare backprop with central differences for every parameter")),
    # View
    ("actionResetLayout", QT_TR_NOOP("Reset &Layout"), "",
     QT_TR_NOOP("Restore the default arrangement of the panels")),
    ("actionThemeSystem", QT_TR_NOOP("Follow the &System"), "",
     QT_TR_NOOP("Light or dark as the operating system is set")),
    ("actionThemeLight", QT_TR_NOOP("&Light"), "",
     QT_TR_NOOP("Always use the light theme")),
    ("actionThemeDark", QT_TR_NOOP("&Dark"), "",
     QT_TR_NOOP("Always use the dark theme")),
    ("actionThemeHighContrast", QT_TR_NOOP("&High Contrast"), "",
     QT_TR_NOOP("White text on black, strong yellows and cyans, thicker lines")),
    ("actionTextLarger", QT_TR_NOOP("&Larger Text"), ("Ctrl++", "Ctrl+="),
     QT_TR_NOOP("Larger text in every view, plots included (Ctrl++)")),
    ("actionTextSmaller", QT_TR_NOOP("&Smaller Text"), "Ctrl+-",
     QT_TR_NOOP("Smaller text in every view (Ctrl+-)")),
    ("actionTextReset", QT_TR_NOOP("&Normal Text Size"), "Ctrl+0",
     QT_TR_NOOP("Text at its normal size, 100 % (Ctrl+0)")),
    # Help
    ("actionStartHere", QT_TR_NOOP("&Start Here"), "F1",
     QT_TR_NOOP("A short guide through the article's example")),
    ("actionLessons", QT_TR_NOOP("&Lessons"), "Ctrl+L",
     QT_TR_NOOP("The lessons: the article step by step in the live app, with your progress (Ctrl+L)")),
    ("actionLessonEditor", QT_TR_NOOP("Lesson &Editor…"), "",
     QT_TR_NOOP("Write a lesson: its steps, texts with maths, questions and tasks, with a live preview; capture "
                "what the app shows; try it as a learner; save it (your lessons are listed in the Lessons panel)")),
    ("actionRecordLessonStep", QT_TR_NOOP("&Record Lesson Step…"), "",
     QT_TR_NOOP("Capture what the app shows (the document, the training position, the selected value) as a new "
                "lesson step")),
    ("actionSaveLesson", QT_TR_NOOP("Save Lesson…"), "",
     QT_TR_NOOP("Write the recorded lesson steps to a lesson file")),
    ("actionShortcuts", QT_TR_NOOP("&Keyboard Shortcuts"), "Ctrl+/",
     QT_TR_NOOP("Every keyboard shortcut")),
    ("actionAbout", QT_TR_NOOP("&About Backprop Studio"), "",
     QT_TR_NOOP("Versions of the app, Python, Qt, numpy and pyqtgraph; where your settings and files are kept")),
]


def keys_of(shortcut: str | tuple[str, ...]) -> list[str]:
    """The key sequences of an ACTIONS entry's shortcut field ('' means none)."""
    return [k for k in ((shortcut,) if isinstance(shortcut, str) else shortcut) if k]


def create_actions(parent: QWidget) -> dict[str, QAction]:
    out = {}
    for name, text, shortcut, tip in ACTIONS:
        action = QAction(tr(text), parent)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys_of(shortcut)])
        action.setToolTip(tr(tip))
        action.setStatusTip(tr(tip))
        out[name] = action
    out["actionFineStepping"].setCheckable(True)
    themes = QActionGroup(parent)
    for name in ("actionThemeSystem", "actionThemeLight", "actionThemeDark", "actionThemeHighContrast"):
        out[name].setCheckable(True)
        themes.addAction(out[name])
    return out


class UndoLabels(QObject):
    """Undo and Redo name what they will undo ("Undo Set w₁₂⁽¹⁾ = 0.5": the verb translated, the
    command's text as its view wrote it) and are enabled only when there is something to undo or
    redo; plain "Undo" / "Redo" when there is not.

    Kept up to date by the stack's signals.  A child of the Undo action, connected through its
    own methods: Qt drops the connections when the window goes, while the stack (the studio's)
    may live on.
    """

    def __init__(self, stack: QUndoStack, undo: QAction, redo: QAction) -> None:
        super().__init__(undo)
        self.undo, self.redo = undo, redo
        stack.undoTextChanged.connect(self._on_stack_undo_text_changed)
        stack.redoTextChanged.connect(self._on_stack_redo_text_changed)
        stack.canUndoChanged.connect(self._on_stack_can_undo_changed)
        stack.canRedoChanged.connect(self._on_stack_can_redo_changed)
        self._on_stack_undo_text_changed(stack.undoText())
        self._on_stack_redo_text_changed(stack.redoText())
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())

    @staticmethod
    def label(verb: str, what: str) -> str:
        """The menu text: "&Undo Set w = 0.5" (an & in the command's text is shown as such)."""
        return f"&{verb} {what.replace('&', '&&')}" if what else f"&{verb}"

    def _on_stack_undo_text_changed(self, what: str) -> None:
        self.undo.setText(self.label(tr("Undo"), what))

    def _on_stack_redo_text_changed(self, what: str) -> None:
        self.redo.setText(self.label(tr("Redo"), what))

    def _on_stack_can_undo_changed(self, can: bool) -> None:
        self.undo.setEnabled(can)

    def _on_stack_can_redo_changed(self, can: bool) -> None:
        self.redo.setEnabled(can)


def shortcut_table(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(keys, what it does) for the Help sheet, in menu order: every key each action is bound
    to, read from the actions themselves, so the sheet lists exactly the keys that work."""
    rows = []
    for name, _text, _shortcut, tip in ACTIONS:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in actions[name].shortcuts())
        if keys:
            rows.append((keys, tr(tip)))
    return rows
