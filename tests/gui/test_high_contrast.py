"""View → Theme → High Contrast joins light and dark and recolours every view (issue 28 §4)."""
from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from backprop_studio.gui import palettes, theme
from backprop_studio.gui.contrast_style import HighContrastStyle

HC = palettes.HIGH_CONTRAST.colours


@pytest.fixture(autouse=True)
def back_to_light():
    """Each test leaves the light theme on and no saved choice behind (as it found them)."""
    yield
    theme.apply_theme(None, "light", save=False)
    QSettings().remove("theme")


def test_high_contrast_recolours_every_view_and_is_remembered(main_window, qtbot):
    w = main_window
    w.show()
    w.studio.step_phase()                                  # forward layer 1: lit in the highlight colour
    action = w.actions_["actionThemeHighContrast"]
    assert action.isCheckable() and any(action in m.actions() for m in w.menuBar().findChildren(QMenu))
    action.trigger()
    assert QSettings().value("theme") == "high_contrast" and action.isChecked()
    assert not w.actions_["actionThemeDark"].isChecked()
    # widgets: the palette, and every control outlined by the style
    pal = QApplication.instance().palette()
    assert pal.color(QPalette.ColorRole.Window).name() == "#000000"
    assert pal.color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert isinstance(QApplication.instance().style(), HighContrastStyle)
    # plots
    plot = w.views["lossCurve"].findChildren(pg.PlotWidget)[0]
    assert plot.backgroundBrush().color().name() == HC["background"]
    # the editor: background, a weight in the theme's sign colour, drawn thicker, lit in yellow
    scene = w.views["networkEditor"].network_scene
    assert scene.backgroundBrush().color().name() == HC["background"]
    W = w.studio.session.network.W[0]
    line = scene.connections[(0, 0, 0)]
    strongest = scene.connections.layers[0].levels          # |w| shades blend towards the background
    assert line.layer.palette[bool(W[0, 0] >= 0)][strongest] == QColor(HC["positive" if W[0, 0] >= 0 else "negative"])
    assert line.width == pytest.approx(palettes.HIGH_CONTRAST.line_scale * (0.6 + 4.4 * line.layer.level[0, 0]
                                                                             / line.layer.levels))
    assert scene.neurons[(1, 0)].highlight == QColor(HC["highlight"])
    # the computation graph
    graph = w.views["computationGraph"]
    graph.refresh()
    assert graph.canvas.backgroundBrush().color().name() == HC["background"]
    # and back
    w.actions_["actionThemeLight"].trigger()
    assert not isinstance(QApplication.instance().style(), HighContrastStyle)
    assert scene.backgroundBrush().color().name() == palettes.LIGHT.colours["background"]


def test_an_unknown_theme_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown theme 'neon'"):
        theme.apply_theme(None, "neon")


def test_a_saved_choice_that_is_no_theme_falls_back_to_the_system(qapp):
    QSettings().setValue("theme", "neon")
    theme.apply_theme(None)
    assert theme.saved_choice() == "system" and theme.current().name in ("light", "dark")
