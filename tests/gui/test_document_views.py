"""Opening another document: no view shows anything of the previous one.

Document A is the article's 3-2-1 example (trained a little); document B is xor.json.
"""
from __future__ import annotations

from backprop_studio.gui.debugger import gradcheck
from backprop_studio.gui.documents import EXAMPLES_DIR

B = EXAMPLES_DIR / "xor.json"


def open_b(window) -> None:
    window.studio.set_unmodified()          # A's training is dropped without a question
    assert window.documents.open_path(B)


def train(studio, steps: int) -> None:
    for _ in range(steps):
        studio.step()


def test_the_gradient_check_result_goes_with_its_document(main_window):
    train(main_window.studio, 7)
    view = main_window.views["stepDebugger"].gradcheck
    main_window.views["stepDebugger"].run_gradient_check()
    assert "step 7" in view.summary.text() and view.table.rowCount() > 0
    open_b(main_window)
    assert view.result is None and view.table.rowCount() == 0
    assert view.summary.text() == "Not run yet."


def test_a_gradient_check_still_running_for_the_old_document_is_dropped(main_window, qtbot, monkeypatch):
    monkeypatch.setattr(gradcheck, "SYNC_WORK", 0)          # every check runs in its thread
    train(main_window.studio, 7)
    view = main_window.views["stepDebugger"].gradcheck
    view.run()
    thread = view._thread
    assert thread is not None
    open_b(main_window)
    thread.join()
    # the old check has ended: its result could reach the view only through the poll, which
    # opening B stopped; one more tick of it (run here, not waited for) must find nothing
    assert not view._poll.isActive()
    view._on_poll_timeout()
    assert view.result is None and view.summary.text() == "Not run yet."
    assert view.button.isEnabled()                           # B can be checked at once


def test_the_landscape_shows_nothing_of_the_previous_document(main_window, qtbot):
    landscape = main_window.views["lossSurface"].network
    train(main_window.studio, 5)
    landscape.compute()
    qtbot.waitUntil(lambda: landscape.landscape is not None and not landscape.runner.running,
                    timeout=30_000)
    assert landscape.heatmap.image.image is not None and landscape.info.text()
    open_b(main_window)
    assert landscape.landscape is None
    assert landscape.heatmap.image.image is None and landscape.heatmap.values.size == 0
    assert landscape.info.text() == ""
    # a landscape that cannot be computed for B (PCA needs a trajectory) says why beside nothing
    landscape.mode.setCurrentIndex(landscape.mode.findData("pca"))
    with qtbot.waitSignal(landscape.runner.failed, timeout=30_000):
        landscape.compute()
    assert "3 points" in landscape.info.text() and landscape.heatmap.image.image is None


def test_a_landscape_still_computing_for_the_old_document_is_dropped(main_window, qtbot):
    landscape = main_window.views["lossSurface"].network
    landscape.grid.setValue(landscape.grid.maximum())       # long enough to be under way
    landscape.compute()
    assert landscape.runner.running
    open_b(main_window)
    assert not landscape.runner.running
    # the runner lets a thread go when its ``finished`` signal arrives, the last signal the
    # thread sends (queued in order after its result): once none is left, all were delivered
    qtbot.waitUntil(lambda: not landscape.runner._threads, timeout=60_000)
    assert landscape.landscape is None and landscape.heatmap.image.image is None
    assert "cancelled" not in landscape.info.text()


def test_the_other_views_show_the_new_document(main_window):
    studio = main_window.studio
    train(studio, 20)
    open_b(main_window)
    core = studio.session
    assert core.step_count == 0
    loss_curve = main_window.views["lossCurve"]
    assert len(loss_curve.curve_data()[1]) == 0
    debugger = main_window.views["stepDebugger"]
    debugger.refresh()
    # the first step of the new document (its samples may include a 20: the shuffled batch)
    assert "<b>step 1</b>" in debugger.position.text() and "step 21" not in debugger.position.text()
    assert main_window.windowTitle().startswith("xor.json")
    assert not main_window.isWindowModified()
