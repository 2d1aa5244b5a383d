"""Unsaved work: quitting with Discard ends the app, and training counts as a change.

The session's ``modified`` is the one answer: the title's ``*``, the Save/Discard/Cancel
question (close, New, Open) and the autosave all read it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import shiboken6
from PySide6.QtWidgets import QMessageBox

from backprop_studio.core.files import project_file
from backprop_studio.gui.documents import DEFAULT_EXAMPLE, EXAMPLES_DIR

REPO = Path(__file__).resolve().parents[2]

QUIT_DISCARD = """
import sys
from PySide6.QtWidgets import QMessageBox
from backprop_studio.gui import app, documents

def error_box(self):                # the excepthook's box: say so instead of waiting for a click
    print("ERROR BOX:", self.text(), flush=True)
    return 0

QMessageBox.exec = error_box
QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)

def user(self):                     # runs where the app offers recovery: after the window is up
    self.studio.edit_config("Change learning rate", learning_rate=0.3)    # change eta
    self.parent.actions_["actionQuit"].trigger()                            # Ctrl+Q, Discard

documents.Documents.offer_recovery = user
code = app.main([])
print("main returned", code, flush=True)
sys.exit(code)
"""


def test_quit_and_discard_ends_the_process_without_an_error(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", QUIT_DISCARD], env=env, cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "main returned 0" in result.stdout
    assert "ERROR BOX" not in result.stdout
    assert "already deleted" not in result.stderr and "Traceback" not in result.stderr


def test_a_session_that_outlives_its_window_calls_nothing_in_it(qtbot, article_session, monkeypatch):
    """At exit the window goes first; the session's undo stack then emits cleanChanged."""
    from backprop_studio.gui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: errors.append(exc[1]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = MainWindow(article_session)
    window.documents.autosave_timer.stop()
    article_session.edit_config("lr", learning_rate=0.3)
    assert window.close()
    shiboken6.delete(window)
    article_session.undo_stack.clear()          # what the session's destruction does
    assert errors == []


def train(studio, steps: int) -> None:
    for _ in range(steps):
        studio.step()


def test_training_marks_the_document_modified_and_close_asks(main_window, monkeypatch):
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    studio = main_window.studio
    assert not studio.modified and not main_window.isWindowModified()
    train(studio, 150)
    assert studio.undo_stack.isClean()          # training is not an edit...
    assert studio.modified and main_window.isWindowModified()     # ...but it is unsaved work
    main_window.show()
    assert not main_window.close()               # cancelled: the window and the training stay
    assert main_window.isVisible()
    main_window.documents.new()                  # New and Open ask as well
    assert not main_window.documents.open_path(EXAMPLES_DIR / "xor.json")
    assert asked == ["Unsaved changes"] * 3
    assert studio.session.step_count == 150 and studio.path is None


def test_a_run_marks_the_document_modified(main_window, qtbot):
    studio = main_window.studio
    main_window.controls.fastest.click()          # Run goes at the watchable speed by default
    with qtbot.waitSignal(studio.run_state_changed, timeout=60_000,
                          check_params_cb=lambda running: not running):
        studio.start(steps=150)
    assert studio.session.step_count == 150
    assert studio.modified and main_window.isWindowModified()


def test_save_then_back_to_the_saved_step_is_unmodified(main_window, tmp_path):
    studio = main_window.studio
    train(studio, 5)
    assert main_window.documents._save_to(tmp_path / "a.json")
    assert not studio.modified and not main_window.isWindowModified()
    train(studio, 3)
    studio.step_phase()
    assert studio.modified
    for _ in range(4):                           # the phase, then the three steps
        studio.back_step()
    assert studio.session.step_count == 5
    assert not studio.modified and not main_window.isWindowModified()   # exactly the saved point
    studio.reset()                              # the saved training is gone again
    assert studio.modified


def test_the_same_step_with_other_values_is_modified(main_window, tmp_path):
    """Step 5 trained with another learning rate is not the saved step 5."""
    studio = main_window.studio
    train(studio, 5)
    assert main_window.documents._save_to(tmp_path / "a.json")
    for _ in range(5):
        studio.back_step()
    studio.edit_config("lr", learning_rate=0.05)
    train(studio, 5)
    studio.undo_stack.undo()                    # the edit is undone, its training is not
    assert studio.undo_stack.isClean() and studio.session.step_count == 5
    assert studio.modified


def test_autosave_holds_the_training_and_recovery_continues_there(main_window, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_STUDIO_DATA", str(tmp_path))
    studio = main_window.studio
    main_window.documents.autosave()
    assert not list(tmp_path.glob("autosave-*.json"))     # nothing unsaved: nothing written
    train(studio, 150)
    trained = [p.copy() for p in studio.session.network.parameters()]
    main_window.documents.autosave()
    mine = tmp_path / f"autosave-{os.getpid()}.json"
    payload = json.loads(mine.read_text())
    assert payload["document"]["state"]["step"] == 150

    # as if this app had crashed: the autosave belongs to a process that has ended
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    orphan = tmp_path / f"autosave-{int(dead.stdout)}.json"
    mine.rename(orphan)
    studio.load(project_file.load(DEFAULT_EXAMPLE), None)     # a fresh start on the example
    assert studio.session.step_count == 0 and not studio.modified
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert main_window.documents.offer_recovery()
    core = studio.session
    assert core.step_count == 150
    assert all(np.array_equal(a, b) for a, b in zip(core.network.parameters(), trained))
    assert studio.modified and main_window.isWindowModified()
    # it goes on from there exactly as the original would have: step 151 of the example
    reference = project_file.load(DEFAULT_EXAMPLE)
    reference.run(steps=151)
    studio.step()
    assert core.step_count == 151
    assert all(np.array_equal(a, b) for a, b in zip(core.network.parameters(),
                                                    reference.network.parameters()))
