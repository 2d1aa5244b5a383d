"""File → New offers starting points; examples open as unsaved copies under their own name
(issue 15, section 1)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog

from backprop_studio.gui.documents import DEFAULT_EXAMPLE, EXAMPLES_DIR
from backprop_studio.gui.new_document import STARTS, NewDocumentDialog

# (label, units per layer, inputs shape, targets shape, loss): written out, not read from the files
EXPECTED = [
    ("2-D classification", [2, 4, 1], (100, 2), (100, 1), "bce"),
    ("1-D regression", [1, 8, 1], (100, 1), (100, 1), "half_sse"),
    ("The article's example", [3, 2, 1], (1, 3), (1, 1), "half_sse"),
]


def choose_in_the_dialog(monkeypatch, row: int | None) -> list[NewDocumentDialog]:
    """The New dialog answers as a user would: picks ``row`` and presses Create (None: Cancel)."""
    shown = []

    def answer(dialog):
        shown.append(dialog.objectName())
        if row is None:
            return QDialog.DialogCode.Rejected
        dialog.choose(row)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDocumentDialog, "exec", answer)
    return shown


def test_the_starts_are_the_three_labels_in_order():
    assert [label for _path, label in STARTS] == [e[0] for e in EXPECTED]


@pytest.mark.parametrize("row", range(len(EXPECTED)))
def test_new_from_each_start_has_its_shapes_and_trains(main_window, monkeypatch, row):
    _label, units, x_shape, y_shape, loss = EXPECTED[row]
    main_window.documents.open_path(EXAMPLES_DIR / "spiral.json")        # something else first
    shown = choose_in_the_dialog(monkeypatch, row)
    main_window.actions_["actionNew"].trigger()
    assert shown == ["newDocumentDialog"]
    core = main_window.studio.session
    assert [layer.units for layer in core.network.layers] == units
    assert core.dataset.inputs.shape == x_shape and core.targets.shape == y_shape
    assert core.config.loss == loss
    assert main_window.studio.path is None and main_window.windowTitle().startswith("Untitled[*]")
    main_window.actions_["actionStepTraining"].trigger()
    assert core.step_count == 1 and np.isfinite(core.losses[-1])


def test_the_2d_start_learns_xor_when_run(main_window, monkeypatch):
    """What a learner sees after pressing Run for a few seconds: 100 epochs classify xor."""
    choose_in_the_dialog(monkeypatch, 0)
    main_window.actions_["actionNew"].trigger()
    core = main_window.studio.session
    core.run(steps=1000)                       # 100 epochs of 10 batches
    predicted = core.predict(core.dataset.inputs)[:, 0] > 0.5
    assert np.mean(predicted == (core.dataset.targets[:, 0] > 0.5)) >= 0.95


def test_the_1d_start_fits_the_sine_when_run(main_window, monkeypatch):
    choose_in_the_dialog(monkeypatch, 1)
    main_window.actions_["actionNew"].trigger()
    core = main_window.studio.session
    x, y = core.dataset.inputs[:, 0], core.dataset.targets[:, 0]
    assert np.max(np.abs(y - np.sin(x))) < 0.3          # the data are sin(x) plus a little noise
    before = core.dataset_loss()
    core.run(steps=700)                        # 100 epochs of 7 batches
    assert core.dataset_loss() < 0.1 * before


def test_enter_chooses_the_articles_example(qtbot):
    dialog = NewDocumentDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.chosen == DEFAULT_EXAMPLE
    assert "One sample" in dialog.details.text()        # the file's own description


def test_cancel_keeps_the_open_document(main_window, monkeypatch):
    before = main_window.studio.session
    choose_in_the_dialog(monkeypatch, None)
    main_window.actions_["actionNew"].trigger()
    assert main_window.studio.session is before


def test_an_example_opens_under_its_name_and_save_asks_for_a_path(main_window, monkeypatch, tmp_path):
    shipped = EXAMPLES_DIR / "xor.json"
    original = shipped.read_bytes()
    [action] = [a for a in main_window.documents.examples_menu.actions() if a.text() == "xor"]
    action.trigger()
    assert main_window.windowTitle().startswith("xor (example)[*]")
    assert main_window.studio.path is None and not main_window.studio.modified
    asked = []

    def save_as(parent, caption, start, filters):
        asked.append(caption)
        return str(tmp_path / "mine"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    main_window.actions_["actionSave"].trigger()
    assert asked == ["Save project"]
    assert (tmp_path / "mine.json").is_file() and shipped.read_bytes() == original
    assert main_window.windowTitle().startswith("mine.json[*]")
    main_window.studio.load(main_window.studio.session, None)       # opened again without a file...
    assert main_window.windowTitle().startswith("Untitled[*]")      # ...no longer named as the example
