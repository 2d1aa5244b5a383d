"""The object names a lesson may point at: views, actions, tab pages and a few inner widgets.

``backprop-studio lessons check`` checks every name a lesson uses against :func:`known_names`
(core cannot import gui, so the launcher hands the names to the check).  Importing this
module loads no Qt; :func:`known_names` imports gui.views and gui.actions (PySide6 modules,
which load without a display; no QApplication is made).

:data:`INNER_NAMES` is written out: tests/gui/test_lesson_targets.py builds the main window and
asserts each is a child object of it, and each of :data:`TAB_PAGES` a page of a QTabWidget,
so this table cannot drift from the app.  A new view or panel adds its names here.
"""
from __future__ import annotations

# pages of a QTabWidget: a lesson's "show.tab" switches the tab widget to one of them
TAB_PAGES = ("functionView1d", "functionView2d", "networkLandscape", "matricesView",
             "gradientCheck", "trainingDiagnostics", "trainingMetrics", "outputMap")
# widgets inside the views that a lesson may highlight or lock
INNER_NAMES = TAB_PAGES + (
    "learningRate", "raceTable", "lossSurfaceTabs", "debuggerTabs", "debuggerExplanation", "exerciseMode",
    "exerciseAnswer", "stepReadout", "datasetPlot", "datasetTable", "generateDataset", "inputFeatures",
    "regularisationL1", "regularisationL2", "runSpeed", "runFastest", "trainingToolbar", "editorInspector",
    "landscapeInfo", "function1dStep", "function1dRun", "function1dReset", "function2dAddRun")


def known_names() -> set[str]:
    """Every name a lesson may use in show.highlight, show.tab, lock.targets and do.action."""
    from backprop_studio.gui.actions import ACTIONS
    from backprop_studio.gui.views import VIEWS
    return set(VIEWS) | {entry[0] for entry in ACTIONS} | set(INNER_NAMES)


def tab_pages() -> set[str]:
    return set(TAB_PAGES)
