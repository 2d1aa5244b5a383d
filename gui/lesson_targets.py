"""What a lesson may touch in the window: the one allowlist, read by ``lessons check`` and the app.

A lesson names views, actions, tab pages and a few inner widgets in ``show.highlight``,
``show.tab``, ``lock.targets`` and ``task.do.action``.  Lessons come from strangers, so this is
an allowlist, and the rule that reads it is :class:`core.lessons.targets.Targets` (core cannot
import gui, so the launcher hands :func:`targets` to the check; the Lessons panel's runner asks
the same object before it highlights, locks or presses anything):

- the views (but not the Lessons panel: a locked Leave would trap the learner) and the inner
  widgets of :data:`INNER_NAMES` may be highlighted and locked;
- :data:`PRESSABLE` actions (stepping and running training) and the function views' buttons may
  also be pressed by Show me;
  :data:`POINTABLE` ones (a dialog, or an edit of the document) only pointed at and locked;
- :data:`OUT_OF_REACH` is everything else the window has that a stranger's lesson must never
  touch (quitting, files, the lessons' own machinery), with the reason the check prints.

tests/gui/test_lesson_targets.py builds the main window and asserts that each inner name is a
child of it, each tab page a page of a QTabWidget, and every action of the window is in one of
the three lists: a new action is out of a lesson's reach until it is put in one.  Importing this
module loads no Qt; :func:`known_names` imports gui.views (PySide6 modules, which load without a
display; no QApplication is made).
"""
from __future__ import annotations

from functools import cache

from backprop_studio.core.lessons.targets import Targets

# pages of a QTabWidget: a lesson's "show.tab" switches the tab widget to one of them
TAB_PAGES = ("functionView1d", "functionView2d", "networkLandscape", "matricesView",
             "gradientCheck", "trainingDiagnostics", "trainingMetrics", "outputMap")
# widgets inside the views that a lesson may highlight or lock
INNER_NAMES = TAB_PAGES + (
    "learningRate", "raceTable", "lossSurfaceTabs", "debuggerTabs", "debuggerExplanation", "exerciseMode",
    "exerciseAnswer", "stepReadout", "datasetPlot", "datasetTable", "generateDataset", "inputFeatures",
    "regularisationL1", "regularisationL2", "runSpeed", "runFastest", "trainingToolbar", "editorInspector",
    "landscapeInfo", "function1dStep", "function1dRun", "function1dReset", "function2dAddRun", "fineSpeed",
    "editorFineReadout",
    "function1dLearningRate", "batchSize")          # (the last two: the controls of core/lessons/reach.py)
# what Show me may press (a do task's "action"): actions that step, run or reset training, and
# the function views' own buttons
PRESSABLE = ("actionStepPhase", "actionStepTraining", "actionStepEpoch", "actionRunPause", "actionStepBack",
             "actionStepBackPhase", "actionResetTraining", "actionGradientCheck", "actionFineStepping",
             "actionPlayFine", "function1dStep", "function1dRun", "function1dReset", "function2dAddRun")
# actions a lesson may point at and lock, but not press: they open a dialog or edit the document
POINTABLE = ("actionUndo", "actionRedo", "actionTrainEpochs", "actionRunUntil")
_FILES = "it opens, writes or exports the learner's files"
_OWN = "it belongs to the learner's own settings, not to a lesson"
_LESSONS = "it is the lessons' own machinery (a lesson must never trap the learner in it)"
OUT_OF_REACH = {
    "actionQuit": "it quits the app",
    **dict.fromkeys(("actionNew", "actionOpen", "actionSave", "actionSaveAs", "actionExportWorkedExample",
                     "actionExportCanvas", "actionExportPlot", "actionExportTorch", "actionImportTorch"), _FILES),
    **dict.fromkeys(("actionResetLayout", "actionThemeSystem", "actionThemeLight", "actionThemeDark",
                     "actionThemeHighContrast", "actionTextLarger", "actionTextSmaller", "actionTextReset",
                     # gui.text_size.SIZES (not imported: it loads Qt); a new size fails the test
                     *(f"actionTextSize{size}" for size in (100, 125, 150, 175, 200)),
                     # gui.language.INTERFACE_LANGUAGES (not imported: it loads Qt); a new one fails the test
                     *(f"actionLanguage_{code}" for code in ("en", "es")),
                     "actionStartHere", "actionShortcuts", "actionAbout"), _OWN),
    **dict.fromkeys(("actionLessons", "actionRecordLessonStep", "actionSaveLesson", "lessonPanel", "lessonLeave",
                     "lessonNext", "lessonBack", "lessonShowMe", "lessonCheck", "lessonAnswer", "lessonHint",
                     "lessonStart", "lessonList", "lessonOpenFile", "lessonAddFolder", "lessonForget",
                     "lessonCancel", "lessonResetProgress"), _LESSONS),
    # the lesson editor and everything in it (gui/lessons/editor/): a lesson never writes lessons
    **dict.fromkeys(("actionLessonEditor", "lessonEditor", "lessonEditorDock", "lessonEditorNew", "lessonEditorOpen",
                     "lessonEditorSave", "lessonEditorSaveAs", "lessonEditorFiles", "lessonEditorUndo",
                     "lessonEditorRedo", "lessonEditorTry", "lessonEditorCheck", "lessonEditorBack",
                     "lessonEditorSteps", "lessonEditorAddStep", "lessonEditorDuplicateStep", "lessonEditorDeleteStep",
                     "lessonEditorStepUp", "lessonEditorStepDown", "lessonEditorCaptureNetwork",
                     "lessonEditorCapture1d", "lessonEditorCapture2d", "lessonEditorClearState"), _LESSONS),
}


def known_names() -> set[str]:
    """Every name a lesson may use (in show.highlight, lock.targets; do.action takes the
    :data:`PRESSABLE` ones, show.tab the :data:`TAB_PAGES`)."""
    from backprop_studio.gui.views import VIEWS
    return ({name for name in VIEWS if name not in OUT_OF_REACH} | set(PRESSABLE) | set(POINTABLE)
            | set(INNER_NAMES))


def tab_pages() -> set[str]:
    return set(TAB_PAGES)


@cache
def targets() -> Targets:
    """The allowlist as the one rule reads it (:meth:`core.lessons.targets.Targets.problem`)."""
    return Targets.of(known_names(), TAB_PAGES, PRESSABLE, OUT_OF_REACH)
