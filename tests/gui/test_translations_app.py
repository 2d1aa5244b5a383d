"""The main window's own texts read Spanish once the Spanish catalogue is installed (issue 28 §5).

The ast check of test_translations.py sees literals handed to Qt; it cannot see the tables built
at import (the action table, the dock titles, the run speeds, the starting points), whose texts
are marked with QT_TR_NOOP and must be translated where they are shown.  Here the part ``app``'s
committed .ts is compiled to a throw-away .qm and installed before a window is built: what the
window shows is compared with Spanish written out in the test (not read from the catalogue), and
the English comes back once the catalogue is removed.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDockWidget

ROOT = Path(__file__).resolve().parents[2]


def _window(studio):
    from backprop_studio.gui.main_window import MainWindow

    window = MainWindow(studio)
    window.documents.autosave_timer.stop()
    return window


def _close(window) -> None:
    window.studio.set_unmodified()
    window.close()
    window.deleteLater()


def test_the_window_reads_spanish_with_the_spanish_catalogue(qtbot, article_session, spanish):
    window = _window(article_session)
    try:
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus[:5] == ["&Archivo", "&Editar", "&Ver", "E&ntrenar", "Ay&uda"]
        a = window.actions_
        assert a["actionOpen"].text() == "&Abrir…"                       # the action table (QT_TR_NOOP)
        assert a["actionStepTraining"].toolTip().startswith("Un paso de entrenamiento")
        assert a["actionUndo"].text() == "&Deshacer"                      # UndoLabels' verb
        dock = window.findChild(QDockWidget, "stepDebuggerDock")
        assert dock.windowTitle() == "Depurador de pasos"                 # gui/views.py's titles
        assert dock.toggleViewAction().text() == "Depurador de pasos"     # and View's entry for it
        speed = window.findChild(QComboBox, "runSpeed")
        assert [speed.itemText(i) for i in range(2)] == ["Observable", "1 paso/s"]
        assert window.windowTitle() == "Sin título[*] — Backprop Studio"
    finally:
        _close(window)


def test_the_help_sheet_and_the_starting_points_read_spanish(qtbot, article_session, spanish):
    from backprop_studio.gui.help import shortcut_rows
    from backprop_studio.gui.new_document import NewDocumentDialog

    window = _window(article_session)
    try:
        tips = [tip for _keys, tip in shortcut_rows(window)]
        assert "Deshacer la última edición" in tips                        # from the actions
        assert "Editor de la red: ajustar la red a la vista" in tips       # EDITOR_KEYS (QT_TR_NOOP)
        dialog = NewDocumentDialog(window)
        qtbot.addWidget(dialog)
        assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
            "Clasificación 2-D", "Regresión 1-D", "El ejemplo del artículo"]
    finally:
        _close(window)


def test_english_without_a_catalogue(qtbot, article_session):
    """No translator installed (as in every other test): the texts are the English of the code."""
    window = _window(article_session)
    try:
        assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Edit"]
        assert window.findChild(QDockWidget, "stepDebuggerDock").windowTitle() == "Step Debugger"
        assert window.findChild(QComboBox, "runSpeed").itemText(0) == "Watchable"
    finally:
        _close(window)
