"""The window always fits the screen (issue 15, section 2): maximised on a small screen, else
the remembered geometry clamped to the screen it opens on."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings

from backprop_studio.gui.window_geometry import fit_to_screen


@pytest.mark.parametrize("available", [(0, 0, 1366, 728), (0, 0, 1280, 690), (0, 0, 1440, 860),
                                       (0, 0, 1366, 768), (0, 0, 1280, 720)])
def test_a_small_screen_opens_maximised(available):
    assert fit_to_screen((100, 100, 1600, 1000), available) is None


@pytest.mark.parametrize("window, available, expected", [
    ((50, 40, 1500, 950), (0, 0, 1920, 1040), (50, 40, 1500, 950)),        # fits: unchanged
    ((100, 100, 2400, 1400), (0, 0, 1920, 1040), (0, 0, 1920, 1040)),     # too big: the whole screen
    ((900, 500, 1500, 950), (0, 0, 1920, 1040), (420, 90, 1500, 950)),    # runs off: moved back in
    ((-300, -50, 1500, 950), (0, 0, 1920, 1040), (0, 0, 1500, 950)),      # left of and above it
    ((2000, 100, 1600, 1000), (1920, 30, 2560, 1400), (2000, 100, 1600, 1000)),  # a second screen
    ((100, 100, 1600, 1000), (1920, 30, 2560, 1400), (1920, 100, 1600, 1000)),   # into its offset
    ((0, 0, 1600, 1200), (0, 25, 1500, 1000), (0, 25, 1500, 1000)),       # a top bar of 25 px
])
def test_a_big_screen_clamps_the_remembered_geometry(window, available, expected):
    assert fit_to_screen(window, available) == expected
    x, y, w, h = expected
    ax, ay, aw, ah = available
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def test_a_remembered_oversize_window_fits_the_offscreen_screen(qtbot, article_session, qapp):
    """The offscreen platform's one screen is 800x800: small, so the window opens maximised and
    within the screen's available geometry, though 1600x1000 was remembered."""
    from backprop_studio.gui.main_window import MainWindow

    available = qapp.primaryScreen().availableGeometry()
    assert available.width() < 1400           # what this test relies on
    settings = QSettings()
    probe = MainWindow(article_session, restore_settings=False)
    probe.setGeometry(QRect(200, 150, 1600, 1000))
    settings.setValue("window/geometry", probe.saveGeometry())
    probe.close()
    try:
        window = MainWindow(article_session)
        qtbot.addWidget(window)
        window.documents.autosave_timer.stop()
        window.show()
        qtbot.waitUntil(lambda: window.isMaximized())
        qtbot.waitUntil(lambda: available.contains(window.geometry()))
    finally:
        settings.remove("window/geometry")
