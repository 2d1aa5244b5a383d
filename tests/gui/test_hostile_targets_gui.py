"""The app's writers and its PyTorch import with hostile targets and files (issue 22 §6).

Every writer of the app (Save, autosave, Save Lesson, picture and plot export, the worked
example, the PyTorch script) goes through the one atomic writer, which refuses a FIFO, a
device, a socket or a folder: the user reads one line saying so, and the FIFO is still a FIFO.
The import of PyTorch weights refuses tensors that are not dense and real in one dialog line
instead of an "Unexpected error" with a traceback, and changes nothing.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from backprop_studio.core.checks.atomic import NOT_REGULAR
from backprop_studio.gui import documents
from backprop_studio.gui.debugger.export import export_worked_example_dialog
from backprop_studio.gui.plot_export import export_plot, plots_in
from tests.fifos import fifo_maker


@pytest.fixture
def fifo():
    """Makes FIFOs with a reader (tests/fifos.py): a write into one is seen, never waited on."""
    yield from fifo_maker()


def untouched(drained) -> bool:
    return drained.still_a_fifo() and drained.written() == b""


def warnings_to(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(f"{title}: {text}"))
    return said


def test_save_refuses_a_fifo_and_keeps_the_document_modified(main_window, tmp_path, monkeypatch, fifo):
    drained = fifo(tmp_path / "p.json")
    target = drained.path
    errors: list[str] = []
    monkeypatch.setattr(documents, "show_error", lambda parent, title, text: errors.append(text))
    main_window.studio.edit_config("lr", learning_rate=0.3)
    assert not main_window.documents._save_to(target)
    assert len(errors) == 1 and f"{target}: {NOT_REGULAR}" in errors[0]
    assert untouched(drained) and main_window.isWindowModified()
    assert os.listdir(tmp_path) == ["p.json"]


def test_autosave_refuses_a_fifo_in_its_place(main_window, tmp_path, monkeypatch, fifo):
    monkeypatch.setenv("BACKPROP_STUDIO_DATA", str(tmp_path))
    drained = fifo(documents.autosave_path())
    target = drained.path
    notes: list[str] = []
    main_window.studio.note.connect(notes.append)
    main_window.studio.edit_config("lr", learning_rate=0.3)
    main_window.documents.autosave()
    assert notes == [f"Autosave failed: {target}: {NOT_REGULAR}"]
    assert untouched(drained)


def test_the_pytorch_script_export_refuses_a_fifo(main_window, tmp_path, monkeypatch, fifo):
    drained = fifo(tmp_path / "model.py")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(drained.path), ""))
    said = warnings_to(monkeypatch)
    main_window.actions_["actionExportTorch"].trigger()
    assert len(said) == 1 and NOT_REGULAR in said[0]
    assert untouched(drained)


def test_plot_export_refuses_a_fifo(main_window, tmp_path, fifo):
    main_window.studio.step()
    main_window.show()
    items = plots_in(main_window.views["lossCurve"])
    for suffix in (".png", ".svg"):
        drained = fifo(tmp_path / f"plot{suffix}")
        with pytest.raises(OSError, match="not a regular file"):
            export_plot(items[0], drained.path)
        assert untouched(drained)


def test_the_worked_example_refuses_a_fifo_for_its_picture_before_writing_the_text(main_window, tmp_path,
                                                                                  monkeypatch, fifo):
    main_window.studio.step()
    drained = fifo(tmp_path / "step.svg")            # the picture a Markdown export writes beside it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "step.md"), ""))
    said = warnings_to(monkeypatch)
    assert export_worked_example_dialog(main_window, main_window.studio) is None
    assert len(said) == 1 and NOT_REGULAR in said[0]
    assert untouched(drained) and not (tmp_path / "step.md").exists()


def test_save_lesson_refuses_a_fifo(main_window, tmp_path, fifo):
    from backprop_studio.gui.lessons.recorder import LessonRecorder

    recorder = LessonRecorder(main_window)
    recorder.capture("A step", "text")
    doc = recorder.draft.document("my-lesson", "t", "s", ["Example"])
    drained = fifo(tmp_path / "lesson.json")
    with pytest.raises(OSError, match="not a regular file"):
        recorder.write(drained.path, doc)
    assert untouched(drained)


@pytest.mark.parametrize("kind, words", [("sparse", "a sparse tensor"), ("complex", "complex numbers")])
def test_importing_weights_that_are_not_dense_and_real_says_so_in_one_line(main_window, tmp_path, monkeypatch,
                                                                           kind, words):
    torch = pytest.importorskip("torch")
    studio = main_window.studio
    old = [w.copy() for w in studio.session.network.W]
    W0 = torch.zeros(2, 3, dtype=torch.float64)
    weight = W0.to_sparse() if kind == "sparse" else W0 + 1j
    torch.save({"0.weight": weight, "2.weight": torch.zeros(1, 2, dtype=torch.float64)}, tmp_path / "w.pt")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "w.pt"), ""))
    said = warnings_to(monkeypatch)
    main_window.actions_["actionImportTorch"].trigger()
    assert len(said) == 1 and words in said[0] and "\n" not in said[0].split("\n\n")[-1]
    assert all(np.array_equal(a, b) for a, b in zip(studio.session.network.W, old))
    assert studio.undo_stack.count() == 0


def test_recovery_refuses_a_fifo_in_an_autosaves_place(main_window, tmp_path, monkeypatch):
    """Reading too: an orphaned "autosave" that is a FIFO is refused at once, never waited on (before,
    reading it waited for a writer; here a writer thread makes the old behaviour fail, not hang)."""
    monkeypatch.setenv("BACKPROP_STUDIO_DATA", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    orphan = tmp_path / f"autosave-{int(dead.stdout)}.json"
    os.mkfifo(orphan)
    writer = threading.Thread(target=lambda: os.close(os.open(orphan, os.O_WRONLY)), daemon=True)
    writer.start()                      # blocks until someone opens the FIFO for reading
    errors: list[str] = []
    monkeypatch.setattr(documents, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert not main_window.documents.offer_recovery()
    assert len(errors) == 1 and "not a regular file" in errors[0]
    reader = os.open(orphan, os.O_RDONLY | os.O_NONBLOCK)      # a reader: the writer's open returns
    writer.join()
    os.close(reader)
