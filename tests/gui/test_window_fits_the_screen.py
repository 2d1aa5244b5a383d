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


@pytest.mark.parametrize("saved_version, restored", [(-1, False), (0, True)])
def test_a_layout_saved_for_an_older_arrangement_is_not_restored(qtbot, article_session, saved_version,
                                                                 restored):
    """A dock layout saved under an older :data:`LAYOUT_VERSION` (3: the bottom row 300 pixels
    high at 1366x768, too low for the loss surface's pages) is dropped for the default
    arrangement; one saved under the current version comes back (here: the Loss Surface raised
    over the loss curve, which the default arrangement never does)."""
    from PySide6.QtCore import QCoreApplication

    from backprop_studio.gui.main_window import LAYOUT_VERSION, MainWindow

    def shown(restore: bool) -> MainWindow:
        window = MainWindow(article_session, restore_settings=restore)
        window.persist_settings = False
        window.documents.autosave_timer.stop()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.docks["lossCurve"].isVisible())
        for _ in range(5):
            QCoreApplication.processEvents()     # reset_layout runs once the window is shown
        return window

    def in_view(window: MainWindow, name: str) -> bool:
        return not window.docks[name].visibleRegion().isEmpty()

    settings = QSettings()
    probe = shown(False)
    assert in_view(probe, "lossCurve") and not in_view(probe, "lossSurface")   # the default
    probe.docks["lossSurface"].raise_()
    settings.setValue("window/state", probe.saveState(LAYOUT_VERSION + saved_version))
    probe.close()
    try:
        window = shown(True)
        assert in_view(window, "lossSurface") is restored
        assert in_view(window, "lossCurve") is not restored
        window.close()
    finally:
        settings.remove("window/state")
