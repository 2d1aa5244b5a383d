"""The app shell: undo/redo of every kind of edit, documents, saving, recovery, drop, screenshot."""
from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.files import project_file
from backprop_studio.gui import documents
from backprop_studio.gui.documents import EXAMPLES_DIR

REPO = Path(__file__).resolve().parents[2]


def snapshot(core):
    """The document as plain values, to compare before/after."""
    net = core.network
    return {"sizes": net.sizes, "acts": [l.activation for l in net.layers],
            "bias": [l.bias for l in net.layers],
            "params": [p.tolist() for p in net.parameters()],
            "mask": [m.tolist() for m in net.mask],
            "config": {**copy.deepcopy(core.config.__dict__), "optimizer_params": core.config.hyper()},
            "inputs": core.dataset.inputs.tolist(), "targets": core.dataset.targets.tolist()}


def test_every_kind_of_edit_undoes_and_redoes(main_window):
    s = main_window.studio
    before = snapshot(s.session)
    net = s.session.network.copy()
    net.layers[1].activation = "tanh"
    s.edit_network(net, "tanh hidden")
    s.edit_parameter(0, (1, 0), 0.75, "type w")
    s.edit_config("lr", learning_rate=0.125)
    s.edit_config("batch", batch_size=0)
    s.edit_dataset(Dataset(np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]]), np.array([[1.0], [0.0]])), "rows")
    after = snapshot(s.session)
    assert after["acts"][1] == "tanh"
    assert after["params"][0][1][0] == 0.75
    assert after["config"]["optimizer_params"]["learning_rate"] == 0.125
    assert after["config"]["batch_size"] == 0
    assert len(after["inputs"]) == 2
    assert main_window.isWindowModified()
    for _ in range(5):
        s.undo_stack.undo()
    assert snapshot(s.session) == before
    assert not main_window.isWindowModified()
    for _ in range(5):
        s.undo_stack.redo()
    assert snapshot(s.session) == after


def test_undo_actions_follow_the_stack(main_window):
    s = main_window.studio
    undo = main_window.actions_["actionUndo"]
    assert not undo.isEnabled()
    s.edit_config("lr", learning_rate=0.25)
    assert undo.isEnabled()
    undo.trigger()
    assert s.session.config.eta == 0.5
    main_window.actions_["actionRedo"].trigger()
    assert s.session.config.eta == 0.25


def test_open_save_reopen_gives_the_same_session(main_window, tmp_path):
    s = main_window.studio
    for _ in range(3):
        s.step()
    path = tmp_path / "trained.json"
    assert main_window.documents._save_to(path)
    assert s.path == path and "trained.json" in main_window.windowTitle()
    reopened = project_file.load(path)
    assert snapshot(reopened) == snapshot(s.session)
    assert reopened.step_count == 3
    # training goes on with identical numbers
    a, b = s.session.step(), reopened.step()
    assert a.loss == b.loss
    for p, q in zip(s.session.network.parameters(), reopened.network.parameters()):
        np.testing.assert_array_equal(p, q)


def full_disk(*args, **kwargs):
    """What a full disk does to the atomic writer's flush (core.checks.atomic)."""
    raise OSError(28, "No space left on device")


def read_only_folder(*args, **kwargs):
    """What a read-only folder does to the temporary file (root ignores modes, so it is simulated)."""
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize("target, failing, reason",
                         [("backprop_studio.core.checks.atomic.os.fsync", full_disk, "No space left on device"),
                          ("backprop_studio.core.checks.atomic.tempfile.mkstemp", read_only_folder,
                           "Permission denied")],
                         ids=["disk-full", "read-only-folder"])
def test_failed_save_leaves_the_original_intact(main_window, tmp_path, monkeypatch, target, failing, reason):
    path = tmp_path / "keep.json"
    original = (EXAMPLES_DIR / "xor.json").read_bytes()
    path.write_bytes(original)
    errors = []
    monkeypatch.setattr(documents, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(target, failing)
    main_window.studio.edit_config("lr", learning_rate=0.3)
    assert not main_window.documents._save_to(path)
    assert path.read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == ["keep.json"]      # no temporary file left behind
    assert errors and reason in errors[0]
    assert main_window.isWindowModified()


def test_save_into_a_missing_folder_says_why(main_window, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(documents, "show_error", lambda parent, title, text: errors.append(text))
    assert not main_window.documents._save_to(tmp_path / "no" / "such" / "dir.json")
    assert errors and "dir.json" in errors[0]


def test_unsaved_changes_prompt_on_close(main_window, monkeypatch):
    asked = []

    def question(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    main_window.studio.edit_config("lr", learning_rate=0.3)
    main_window.show()
    assert not main_window.close()       # cancelled: the window stays
    assert asked == ["Unsaved changes"]
    assert main_window.isVisible()


def test_bad_file_leaves_the_document_unchanged(main_window, tmp_path, monkeypatch):
    bad = tmp_path / "bad.json"
    text = json.loads((EXAMPLES_DIR / "xor.json").read_text())
    text["network"]["layers"][1]["activation"] = "sigmoidd"
    bad.write_text(json.dumps(text))
    errors = []
    monkeypatch.setattr(documents, "show_error", lambda parent, title, msg: errors.append(msg))
    before = snapshot(main_window.studio.session)
    assert not main_window.documents.open_path(bad)
    assert snapshot(main_window.studio.session) == before
    assert "network.layers[1].activation" in errors[0]


BAD_TEST_LABELS = {"format": "backprop-studio", "version": 1,
                   "network": {"layers": [{"units": 2}, {"units": 3, "activation": "softmax"}]},
                   "loss": "cross_entropy",
                   "dataset": {"inputs": [[0, 0], [1, 1]], "targets": [0, 2],
                               "test_inputs": [[0.5, 0.5], [1, 0]], "test_targets": [1, 5]}}


def test_bad_test_targets_are_refused_on_open(main_window, tmp_path, monkeypatch):
    # before: the file opened and the output map raised IndexError on every redraw
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BAD_TEST_LABELS))
    errors = []
    monkeypatch.setattr(documents, "show_error", lambda parent, title, msg: errors.append(msg))
    before = snapshot(main_window.studio.session)
    assert not main_window.documents.open_path(bad)
    assert snapshot(main_window.studio.session) == before
    assert "dataset.test_targets[1]" in errors[0] and "integers in 0..2" in errors[0]


def test_bad_test_targets_on_the_command_line_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BAD_TEST_LABELS))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", str(bad), "--screenshot",
                             str(tmp_path / "x.png")], env=env, cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "dataset.test_targets[1]" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_dropping_a_file_opens_it(main_window):
    path = EXAMPLES_DIR / "xor.json"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    main_window.dropEvent(event)
    assert main_window.studio.path == path
    assert main_window.studio.session.network.sizes[0] == 2


CHILD = """
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
QCoreApplication.setOrganizationName("BackpropStudioTests")
QCoreApplication.setApplicationName("Backprop Studio Tests")
app = QApplication([])
from backprop_studio.core.files import project_file
from backprop_studio.gui.documents import DEFAULT_EXAMPLE
from backprop_studio.gui.main_window import MainWindow
from backprop_studio.gui.studio import StudioSession
session = StudioSession(project_file.load(DEFAULT_EXAMPLE))
window = MainWindow(session)
window.show()
session.edit_parameter(0, (0, 1), -0.625, "type a weight")
session.edit_config("lr", learning_rate=0.0625)
print("edited", flush=True)
app.exec()             # in the middle of work: the parent kills us
"""


def autosaved_session(path: Path):
    """The session an autosave file holds, or None while there is none (it is written
    atomically, so a file that exists is complete)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return project_file.loads(json.dumps(payload["document"]), EXAMPLES_DIR)


def holds_both_edits(path: Path) -> bool:
    core = autosaved_session(path)
    return core is not None and core.network.W[0][0, 1] == -0.625 and core.config.eta == 0.0625


def test_recovery_after_sigkill(main_window, qtbot, tmp_path, monkeypatch):
    env = dict(os.environ, BACKPROP_STUDIO_DATA=str(tmp_path), BACKPROP_STUDIO_AUTOSAVE_MS="100",
               QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout.readline().strip() == "edited"
        autosave = tmp_path / f"autosave-{child.pid}.json"
        qtbot.waitUntil(lambda: holds_both_edits(autosave), timeout=60_000)   # an autosave after both edits
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    monkeypatch.setenv("BACKPROP_STUDIO_DATA", str(tmp_path))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert main_window.documents.offer_recovery()
    assert not autosave.exists()            # taken over by this app
    core = main_window.studio.session
    assert core.network.W[0][0, 1] == -0.625
    assert core.config.eta == 0.0625
    assert main_window.isWindowModified()


def test_screenshot_option_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", "--steps", "2",
                             "--screenshot", str(out), "--size", "1200x800"],
                            env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_bad_file_on_the_command_line_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", str(bad), "--screenshot",
                             str(tmp_path / "x.png")], env=env, cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_running_apps_autosave_is_not_offered(main_window, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_STUDIO_DATA", str(tmp_path))
    alive = tmp_path / f"autosave-{os.getppid()}.json"     # pytest's parent process is running
    alive.write_text("{}")
    assert documents.orphaned_autosaves() == []
    assert not main_window.documents.offer_recovery()
    assert alive.exists()


CLOSE_WHILE_RUNNING = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
QCoreApplication.setOrganizationName("BackpropStudioTests")
app = QApplication([])
# the run is unsaved work: closing asks, and this user discards it
QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
from backprop_studio.core.files import project_file
from backprop_studio.gui.documents import EXAMPLES_DIR
from backprop_studio.gui.main_window import MainWindow
from backprop_studio.gui.studio import StudioSession
window = MainWindow(StudioSession(project_file.load(EXAMPLES_DIR / "xor.json")), restore_settings=False)
window.persist_settings = False
window.show()
window.docks["lossSurface"].raise_()       # a landscape computes in a worker thread
window.studio.start()
QTimer.singleShot(1500, window.close)       # closed in the middle of a run and a computation
QTimer.singleShot(1600, app.quit)
app.exec()
print("running after close:", window.studio.running, flush=True)
"""


def test_closing_the_window_during_a_run_stops_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", CLOSE_WHILE_RUNNING], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "running after close: False" in result.stdout
    assert "QThread" not in result.stderr and "Traceback" not in result.stderr
