"""GUI test set-up: settings and autosaves go to a throw-away folder, never the user's."""
from __future__ import annotations

import os
import tempfile

_home = tempfile.mkdtemp(prefix="bps-test-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_home, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_home, "data")
os.environ["BACKPROP_STUDIO_DATA"] = os.path.join(_home, "appdata")

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402

QCoreApplication.setOrganizationName("BackpropStudioTests")
QCoreApplication.setApplicationName("Backprop Studio Tests")


@pytest.fixture
def article_session():
    """A StudioSession on the article's 3-2-1 example."""
    from core import project_file
    from gui.documents import DEFAULT_EXAMPLE
    from gui.session import StudioSession

    return StudioSession(project_file.load(DEFAULT_EXAMPLE))


@pytest.fixture
def main_window(qtbot, article_session, monkeypatch):
    """The main window on the article's example; closing never prompts."""
    from gui.main_window import MainWindow

    window = MainWindow(article_session)
    qtbot.addWidget(window)
    window.documents.autosave_timer.stop()
    yield window
    article_session.undo_stack.setClean()
