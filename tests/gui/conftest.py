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


@pytest.fixture(scope="session", autouse=True)
def collect_garbage_on_the_main_thread(qapp):
    """As the app does (gui/main_thread_gc.py): a test's worker threads never run the collector."""
    from backprop_studio.gui import main_thread_gc

    main_thread_gc.install(qapp)
    yield


@pytest.fixture
def article_session():
    """A StudioSession on the article's 3-2-1 example."""
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.documents import DEFAULT_EXAMPLE
    from backprop_studio.gui.studio import StudioSession

    return StudioSession(project_file.load(DEFAULT_EXAMPLE))


@pytest.fixture
def main_window(qtbot, article_session, monkeypatch):
    """The main window on the article's example; closing at the end never prompts (the
    document's edits and training count as saved)."""
    from backprop_studio.gui.main_window import MainWindow

    window = MainWindow(article_session)
    window.documents.autosave_timer.stop()
    yield window
    window.studio.set_unmodified()
    window.close()
    window.deleteLater()


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal dialog would wait forever for a click: any unexpected one fails the test instead.

    Tests that expect a dialog replace these again with their own answers.
    """
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3] if len(args) > 1 else args}")

    for name in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    for name in ("getText", "getDouble", "getInt", "getItem"):
        monkeypatch.setattr(QInputDialog, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture(autouse=True)
def no_background_jobs_outlive_a_test():
    """Every worker thread a test started ends with the test, as the app ends them on close
    (MainWindow.closeEvent, aboutToQuit): a job still running while the next test's garbage
    is collected could touch a deleted Qt object."""
    yield
    from backprop_studio.gui.workers import shutdown_all

    shutdown_all()


# a fixture for the lesson tests (defined beside their helpers)
from tests.gui.lessons_helpers import clean_library, editor, lesson_window  # noqa: E402,F401
from tests.gui.translation_helpers import spanish  # noqa: E402,F401
