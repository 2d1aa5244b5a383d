"""The main window's contracts: stable object names, tooltips on every control, the error dialog."""
from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMessageBox,
    QSlider,
    QTabBar,
)

VIEWS = ["networkEditor", "stepDebugger", "lossSurface", "lossCurve", "decisionBoundary",
         "hyperparameters", "datasetPanel"]
ACTIONS = ["actionStepPhase", "actionStepTraining", "actionStepEpoch", "actionRunPause", "actionStepBack",
           "actionResetTraining", "actionUndo", "actionRedo", "actionOpen", "actionSave"]


def test_views_docks_and_actions_have_their_stable_names(main_window):
    for name in VIEWS:
        assert main_window.findChild(object, name) is not None, name
    for name in VIEWS[1:]:
        assert isinstance(main_window.findChild(QDockWidget, f"{name}Dock"), QDockWidget)
    assert main_window.centralWidget().objectName() == "networkEditor"
    for name in ACTIONS:
        action = main_window.findChild(object, name)
        assert action is not None and action.toolTip(), name


def test_shortcuts_follow_debugger_habits(main_window):
    keys = {name: main_window.actions_[name].shortcut().toString() for name in main_window.actions_}
    assert keys["actionRunPause"] == "F5"
    assert keys["actionStepTraining"] == "F10"
    assert keys["actionStepPhase"] == "F11"
    assert keys["actionStepEpoch"] == "Shift+F11"
    assert keys["actionStepBack"] == "F9"


def test_every_control_has_a_tooltip(main_window):
    main_window.show()
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QSlider)
    missing = []
    controls = [w for kind in kinds for w in main_window.findChildren(kind)]
    assert len(controls) > 50           # the panels' controls are really there
    for widget in controls:
        if isinstance(widget.parent(), (QTabBar, QAbstractSpinBox, QComboBox)) or widget.inherits("QDockWidget"):
            continue  # parts of a composite control (the spin box's line edit, the tab bar's scroll buttons)
        if type(widget).__name__ in ("QDockWidgetTitleButton", "QToolBarExtension"):
            continue
        if widget.objectName().startswith("qt_"):
            continue
        text = widget.toolTip() or (widget.defaultAction().toolTip() if hasattr(widget, "defaultAction")
                                    and widget.defaultAction() else "")
        if not text:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"{getattr(widget, 'text', lambda: '')()!r} in {type(widget.parent()).__name__}")
    assert not missing, "\n".join(missing)


def test_an_unexpected_error_shows_a_dialog_and_the_app_goes_on(main_window, monkeypatch, qapp):
    from backprop_studio.gui.app import install_excepthook

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    main_window.show()
    install_excepthook(qapp)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown and "boom" in shown[0][0] and "RuntimeError" in shown[0][1]
    main_window.studio.step()          # the app goes on
    assert main_window.studio.session.step_count == 1


def test_theme_choice_is_applied_to_plots_and_remembered(main_window, qapp):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPalette

    from backprop_studio.gui import theme

    curve = main_window.views["lossCurve"]
    plot = curve.findChildren(pg.PlotWidget)[0]
    main_window.actions_["actionThemeDark"].trigger()
    assert QSettings().value("theme") == "dark" and theme.is_dark()
    assert plot.backgroundBrush().color().name() == theme.DARK["background"]
    qapp.processEvents()
    window_colour = main_window.palette().color(QPalette.ColorRole.Window).lightness()
    assert window_colour < 100
    main_window.actions_["actionThemeLight"].trigger()
    assert QSettings().value("theme") == "light" and not theme.is_dark()
    assert plot.backgroundBrush().color().name() == theme.LIGHT["background"]
    main_window.actions_["actionThemeSystem"].trigger()
    assert QSettings().value("theme") == "system"
    assert main_window.actions_["actionThemeSystem"].isChecked()


def test_a_dock_behind_a_tab_rests_until_its_tab_is_raised(main_window, qtbot):
    main_window.show()
    qtbot.waitUntil(lambda: not main_window.views["lossSurface"].isVisible())
    assert main_window.views["lossCurve"].isVisible()      # the tab in front
    main_window.docks["lossSurface"].raise_()
    qtbot.waitUntil(lambda: main_window.views["lossSurface"].isVisible())
    qtbot.waitUntil(lambda: not main_window.views["lossCurve"].isVisible())
