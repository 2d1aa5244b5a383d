"""A resize reaches a fixed point (issue 25, item 6).

Under the offscreen platform at its default screen, ``backprop-studio --lesson 5:1`` never
returned to an idle event loop: the network editor's resizeEvent fitted the network, the fit
changed the scene's size, the scroll bars came and went, the viewport was resized again, and
round it went (``resizeEvent → fit_to_view → scrollContentsBy → _place_overlay``).

Each test opens the window with the lesson panel open, as ``--lesson 5:1`` does, then turns the
event loop one pass at a time and counts the editor's resize events in each pass.  A layout
settles in a few passes; a handler that never settles resizes in every one.  No clock: a fixed
number of passes, each of which handles what was queued before it.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from backprop_studio.core.files import project_file
from backprop_studio.gui.app import find_lesson

PASSES = 60          # far more than a layout needs to settle (it takes under 10)
QUIET = 5            # passes in a row without a resize: settled
RUNAWAY = 1000       # resizes in one test: a loop (the app's own passes take a few dozen)


class ResizeCounter(QObject):
    """Counts resize events; past :data:`RUNAWAY` it swallows them, so a loop that never leaves
    one pass of the event loop (the scroll bars' resizes are sent at once) ends in a failure
    instead of a hang."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.count += 1
            return self.count > RUNAWAY
        return False


def _passes_until_quiet(editor) -> int | None:
    """The pass after which the editor and its viewport were resized no more (None: never)."""
    counter = ResizeCounter()
    editor.installEventFilter(counter)
    editor.viewport().installEventFilter(counter)
    quiet = 0
    try:
        for n in range(PASSES):
            before = counter.count
            QCoreApplication.processEvents()
            quiet = quiet + 1 if counter.count == before else 0
            if quiet >= QUIET and counter.count <= RUNAWAY:
                return n
        return None
    finally:
        editor.removeEventFilter(counter)
        editor.viewport().removeEventFilter(counter)


def _open(qtbot, size: tuple[int, int] | None, lesson: str):
    """The window as ``backprop-studio --lesson ...`` opens it (``size`` None: the platform's
    default screen, where the window opens maximised)."""
    from backprop_studio.gui.app import _open_lesson
    from backprop_studio.gui.documents import DEFAULT_EXAMPLE
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    window = MainWindow(StudioSession(project_file.load(DEFAULT_EXAMPLE)), restore_settings=size is None)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    for _ in range(5):
        QCoreApplication.processEvents()      # the default layout first, as the app does
    _open_lesson(window, *find_lesson(lesson))
    return window


@pytest.mark.parametrize("size", [None, (800, 600), (1024, 600), (1280, 720), (1366, 768), (1600, 1000)])
@pytest.mark.parametrize("lesson", ["5:1", "1:3", "6:2"])
def test_the_window_settles_with_a_lesson_open(qtbot, size, lesson):
    window = _open(qtbot, size, lesson)
    try:
        assert _passes_until_quiet(window.views["networkEditor"]) is not None, \
            f"the network editor is still being resized after {PASSES} passes of the event loop"
    finally:
        window.views["lessonPanel"].leave()
        window.studio.set_unmodified()
        window.close()


@pytest.mark.parametrize("height", range(180, 420, 7))
def test_the_editor_settles_at_any_height(qtbot, height):
    """The editor alone, at heights a dock layout may give it: each one settles."""
    from backprop_studio.gui.documents import DEFAULT_EXAMPLE
    from backprop_studio.gui.editor.view import NetworkEditor
    from backprop_studio.gui.studio import StudioSession

    editor = NetworkEditor(StudioSession(project_file.load(DEFAULT_EXAMPLE)))
    qtbot.addWidget(editor)
    editor.resize(560, height)
    editor.show()
    assert _passes_until_quiet(editor) is not None
    editor.resize(561, height + 3)
    assert _passes_until_quiet(editor) is not None


def test_a_fit_does_not_depend_on_the_fit_before(qtbot):
    """Fitted in a viewport 68 pixels high (a dock being arranged), then in a full-size one, the
    network is drawn at the scale a fresh fit of the full-size view gives (it was a fifth of it:
    the labels' size from the tiny fit carried over), and fitting again changes nothing."""
    from backprop_studio.gui.documents import DEFAULT_EXAMPLE
    from backprop_studio.gui.editor.view import NetworkEditor
    from backprop_studio.gui.studio import StudioSession

    def editor_at(*sizes):
        editor = NetworkEditor(StudioSession(project_file.load(DEFAULT_EXAMPLE)))
        qtbot.addWidget(editor)
        editor.show()
        for size in sizes:
            editor.resize(*size)
            assert _passes_until_quiet(editor) is not None
        return editor

    fresh = editor_at((600, 310)).transform().m11()
    after_a_tiny_fit = editor_at((600, 70), (600, 310))
    assert after_a_tiny_fit.transform().m11() == pytest.approx(fresh, rel=0.01)
    after_a_tiny_fit.fit_to_view()
    assert after_a_tiny_fit.transform().m11() == pytest.approx(fresh, rel=0.01)
    assert fresh > 0.5                   # the article's 3-2-1 network, not a thumbnail of it
