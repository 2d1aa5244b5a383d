"""The main window's actions, with stable object names, shortcuts and tooltips.

Each entry: object name, text, shortcut keys, tooltip.  The keys are a string, or a tuple of
strings for an action with more than one binding (Redo: Ctrl+Y and Ctrl+Shift+Z).

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

ACTIONS: list[tuple[str, str, str | tuple[str, ...], str]] = [
    # File
    ("actionNew", "&New…", "Ctrl+N",
     "Start a new document: a 2-D classification, a 1-D regression or the article's example"),
    ("actionOpen", "&Open…", "Ctrl+O", "Open a Backprop Studio project, lesson or course file (.json): a lesson "
     "starts in the Lessons panel, a course is listed there"),
    ("actionSave", "&Save", "Ctrl+S", "Save the document (atomically: a failed save keeps the old file)"),
    ("actionSaveAs", "Save &As…", "Ctrl+Shift+S", "Save the document under a new name"),
    ("actionExportWorkedExample", "Export &Worked Example…", "Ctrl+E",
     "Export the current training step as a worked example (Markdown + LaTeX, or HTML)"),
    ("actionExportCanvas", "Export &Network Picture…", "", "Save the network editor's canvas as PNG or SVG"),
    ("actionExportPlot", "Export &Plot…", "", "Save a plot as PNG or SVG: choose which (loss curve, decision "
     "boundary, diagnostics, loss surfaces, dataset); every plot's right-click menu has Export… too"),
    ("actionExportTorch", "Export P&yTorch Script…", "",
     "Write the document as a runnable PyTorch script: the same network, data and training, in float64 "
     "(backprop-studio export-torch --verify proves it computes the same numbers)"),
    ("actionImportTorch", "&Import PyTorch Weights…", "",
     "Put the weights of a saved PyTorch state_dict (Linear layers) into this network; needs torch installed"),
    ("actionQuit", "&Quit", "Ctrl+Q", "Quit Backprop Studio"),
    # Edit
    ("actionUndo", "&Undo", "Ctrl+Z", "Undo the last edit"),
    ("actionRedo", "&Redo", ("Ctrl+Y", "Ctrl+Shift+Z"), "Redo the last undone edit"),
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
    ("actionFineStepping", "&Fine Stepping", "Ctrl+F11",
     "Step one unit at a time: F11 reveals a term w·v, a sum, an f, a contribution w·δ, a δ, a gradient "
     "or an update, lit on the network and the computation graph; Shift+F9 takes it back (Ctrl+F11)"),
    ("actionPlayFine", "Play Fine Steps", "F6",
     "Play or pause fine stepping: one unit at a time, at the fine speed, to the end of the training step (F6)"),
    ("actionResetTraining", "Re&set Training", "Ctrl+R", "Back to the initial parameters, step 0 (Ctrl+R)"),
    ("actionGradientCheck", "&Gradient Check", "Ctrl+G",
     "Compare backprop with central differences for every parameter"),
    # View
    ("actionResetLayout", "Reset &Layout", "", "Restore the default arrangement of the panels"),
    ("actionThemeSystem", "Follow the &System", "", "Light or dark as the operating system is set"),
    ("actionThemeLight", "&Light", "", "Always use the light theme"),
    ("actionThemeDark", "&Dark", "", "Always use the dark theme"),
    ("actionThemeHighContrast", "&High Contrast", "",
     "White text on black, strong yellows and cyans, thicker lines"),
    ("actionTextLarger", "&Larger Text", ("Ctrl++", "Ctrl+="), "Larger text in every view, plots included (Ctrl++)"),
    ("actionTextSmaller", "&Smaller Text", "Ctrl+-", "Smaller text in every view (Ctrl+-)"),
    ("actionTextReset", "&Normal Text Size", "Ctrl+0", "Text at its normal size, 100 % (Ctrl+0)"),
    # Help
    ("actionStartHere", "&Start Here", "F1", "A short guide through the article's example"),
    ("actionLessons", "&Lessons", "Ctrl+L",
     "The lessons: the article step by step in the live app, with your progress (Ctrl+L)"),
    ("actionLessonEditor", "Lesson &Editor…", "",
     "Write a lesson: its steps, texts with maths, questions and tasks, with a live preview; capture what the "
     "app shows; try it as a learner; save it (your lessons are listed in the Lessons panel)"),
    ("actionRecordLessonStep", "&Record Lesson Step…", "",
     "Capture what the app shows (the document, the training position, the selected value) as a new lesson step"),
    ("actionSaveLesson", "Save Lesson…", "", "Write the recorded lesson steps to a lesson file"),
    ("actionShortcuts", "&Keyboard Shortcuts", "Ctrl+/", "Every keyboard shortcut"),
    ("actionAbout", "&About Backprop Studio", "",
     "Versions of the app, Python, Qt, numpy and pyqtgraph; where your settings and files are kept"),
]


def keys_of(shortcut: str | tuple[str, ...]) -> list[str]:
    """The key sequences of an ACTIONS entry's shortcut field ('' means none)."""
    return [k for k in ((shortcut,) if isinstance(shortcut, str) else shortcut) if k]


def create_actions(parent: QWidget) -> dict[str, QAction]:
    out = {}
    for name, text, shortcut, tip in ACTIONS:
        action = QAction(text, parent)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys_of(shortcut)])
        action.setToolTip(tip)
        action.setStatusTip(tip)
        out[name] = action
    out["actionFineStepping"].setCheckable(True)
    themes = QActionGroup(parent)
    for name in ("actionThemeSystem", "actionThemeLight", "actionThemeDark", "actionThemeHighContrast"):
        out[name].setCheckable(True)
        themes.addAction(out[name])
    return out


class UndoLabels(QObject):
    """Undo and Redo name what they will undo ("Undo Set w₁₂⁽¹⁾ = 0.5") and are enabled only
    when there is something to undo or redo; plain "Undo" / "Redo" when there is not.

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
        self.undo.setText(self.label("Undo", what))

    def _on_stack_redo_text_changed(self, what: str) -> None:
        self.redo.setText(self.label("Redo", what))

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
            rows.append((keys, tip))
    return rows
