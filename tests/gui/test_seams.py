"""Documents and TrainingControls take what they use, so each can be tested without a window."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from backprop_studio.core.files import project_file
from backprop_studio.gui.actions import create_actions
from backprop_studio.gui.documents import EXAMPLES_DIR, Documents
from backprop_studio.gui.studio import StudioSession
from backprop_studio.gui.training_controls import TrainingControls


def test_documents_alone_open_train_and_save(qtbot, article_session, tmp_path, monkeypatch):
    owner = QWidget()
    qtbot.addWidget(owner)
    docs = Documents(article_session, create_actions(owner), owner)
    docs.autosave_timer.stop()
    assert docs.open_path(EXAMPLES_DIR / "xor.json")
    assert article_session.session.network.sizes[0] == 2
    article_session.step()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Cancel)
    assert not docs.maybe_save() and asked == ["Unsaved changes"]
    assert docs._save_to(tmp_path / "xor.json")
    saved = json.loads((tmp_path / "xor.json").read_text())
    assert saved["state"]["step"] == 1
    assert docs.maybe_save()                      # saved: nothing to ask


def test_a_failed_autosave_is_a_note_for_the_status_bar(qtbot, article_session, monkeypatch):
    owner = QWidget()
    qtbot.addWidget(owner)
    docs = Documents(article_session, create_actions(owner), owner)
    docs.autosave_timer.stop()
    notes = []
    article_session.note.connect(notes.append)
    article_session.step()
    monkeypatch.setattr("backprop_studio.gui.documents.write_atomically",
                        lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    docs.autosave()
    assert notes == ["Autosave failed: disk full"]


def test_training_controls_alone_run_and_show_progress(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    studio = StudioSession(project_file.load(EXAMPLES_DIR / "xor.json"))
    actions = create_actions(owner)
    bar = QStatusBar(owner)
    controls = TrainingControls(studio, actions, owner, bar)
    actions["actionStepTraining"].trigger()
    assert studio.session.step_count == 1
    studio.train_epochs(2)
    assert actions["actionRunPause"].text() == "Pause"
    qtbot.waitUntil(lambda: not studio.running, timeout=20_000)
    assert studio.session.epoch >= 2
    assert controls.progress.parent() is bar
