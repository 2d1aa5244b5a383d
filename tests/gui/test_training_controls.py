"""Run mode, run until, train N epochs with progress and Cancel."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from backprop_studio.core.files import project_file
from backprop_studio.gui.documents import EXAMPLES_DIR
from backprop_studio.gui.main_window import MainWindow
from backprop_studio.gui.studio import StudioSession


def xor_window(qtbot):
    window = MainWindow(StudioSession(project_file.load(EXAMPLES_DIR / "xor.json")), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    # the tests train: closing at the end must not ask to save
    qtbot.addWidget(window, before_close_func=lambda w: w.studio.set_unmodified())
    return window


def test_train_epochs_stops_at_the_end_of_the_epochs_and_reports_progress(qtbot, monkeypatch):
    window = xor_window(qtbot)
    s = window.studio
    core = s.session
    n, batch = len(core.dataset), core.config.batch_size
    for _ in range(3):                       # start mid-epoch
        s.step()
    progress = []
    s.run_progress.connect(lambda done, total: progress.append((done, total)))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2, True))
    window.actions_["actionTrainEpochs"].trigger()
    qtbot.waitUntil(lambda: not s.running, timeout=20_000)
    expected = -(-(n - 3 * batch) // batch) + -(-n // batch)   # the rest of this epoch, then one more
    assert core.step_count == 3 + expected
    assert core.epoch == 2 and core.position == 0
    assert progress[-1] == (expected, expected)


def test_cancel_keeps_the_steps_taken(qtbot):
    window = xor_window(qtbot)
    s = window.studio
    s.train_epochs(100_000)
    qtbot.waitUntil(lambda: s.session.step_count > 50, timeout=20_000)
    assert window.controls.cancel.isVisibleTo(window)
    window.controls.cancel.click()
    assert not s.running                   # the run timer, the only thing that steps, is stopped
    taken = s.session.step_count
    QApplication.processEvents()           # and whatever was already queued is handled
    assert s.session.step_count == taken > 50


def test_run_until_a_step(qtbot, monkeypatch):
    window = xor_window(qtbot)

    def accept(dialog):
        dialog.kind.setCurrentIndex(1)
        dialog.step.setValue(37)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", accept)
    window.controls.fastest.click()          # Run goes at the watchable speed by default
    window.actions_["actionRunUntil"].trigger()
    qtbot.waitUntil(lambda: not window.studio.running, timeout=20_000)
    assert window.studio.session.step_count == 37


def test_run_until_a_loss(qtbot, monkeypatch):
    window = xor_window(qtbot)

    def accept(dialog):
        dialog.kind.setCurrentIndex(0)
        dialog.loss.setValue(0.2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", accept)
    window.controls.fastest.click()          # Run goes at the watchable speed by default
    window.actions_["actionRunUntil"].trigger()
    qtbot.waitUntil(lambda: not window.studio.running, timeout=30_000)
    assert window.studio.session.dataset_loss() < 0.2
    window.studio.back_step()
    assert window.studio.session.dataset_loss() >= 0.2      # it stopped at the first step below


def test_status_bar_shows_where_training_stands(qtbot):
    window = xor_window(qtbot)
    window.studio.step()
    text = window.position_label.text()
    core = window.studio.session
    assert "epoch 1 · step 1 done" in text and "η 0.5" in text
    assert f"loss {core.losses[-1]:.6g}" in text
    window.studio.step_phase()
    assert "step 2 in progress · forward layer 1 done" in window.position_label.text()


def test_an_overflowing_schedule_stops_the_run_once_as_a_divergence(qtbot):
    # before: OverflowError from gamma ** t in every chunk, one error dialog per chunk, without end
    doc = json.loads((EXAMPLES_DIR / "xor.json").read_text())
    doc.setdefault("training", {})["schedule"] = {"name": "exponential", "gamma": 1e308}
    window = MainWindow(StudioSession(project_file.loads(json.dumps(doc))), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window)
    s = window.studio
    messages = []
    s.diverged.connect(messages.append)
    s.start()
    qtbot.waitUntil(lambda: not s.running, timeout=20_000)
    QApplication.processEvents()           # a chunk already queued would report again here
    assert len(messages) == 1 and "learning rate" in messages[0]
    assert s.session.diverged is not None and s.session.step_count == 2
    assert "learning rate" in window.statusBar().currentMessage()
    s.set_unmodified()         # trained, so unsaved: qtbot closes it without asking
