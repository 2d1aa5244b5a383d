"""File → Export PyTorch Script… and File → Import PyTorch Weights…, through the window's actions."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox


def warnings_to(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(f"{title}: {text}"))
    return said


def test_export_writes_the_script_of_the_open_document(main_window, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "article"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    main_window.studio.step()                  # the script goes on from where the app stands
    main_window.actions_["actionExportTorch"].trigger()
    text = (tmp_path / "article.py").read_text()
    assert "torch.optim.SGD(parameters, lr=0.5" in text and '"step": 1' in text


def test_export_into_a_missing_folder_says_why(main_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "m.py"), ""))
    said = warnings_to(monkeypatch)
    main_window.actions_["actionExportTorch"].trigger()
    assert len(said) == 1 and "Could not write the PyTorch script" in said[0]


def save_weights(path: Path, W0: np.ndarray, W1: np.ndarray) -> None:
    torch = pytest.importorskip("torch")
    torch.save({"0.weight": torch.tensor(W0.T), "2.weight": torch.tensor(W1.T)}, path)   # the article has no biases


def test_import_is_one_undoable_edit(main_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    studio = main_window.studio
    old = [w.copy() for w in studio.session.network.W]
    new = [np.arange(6.0).reshape(3, 2) / 10, np.array([[0.25], [-0.5]])]
    save_weights(tmp_path / "w.pt", *new)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "w.pt"), ""))
    main_window.actions_["actionImportTorch"].trigger()
    assert all(np.array_equal(a, b) for a, b in zip(studio.session.network.W, new))
    assert studio.undo_stack.count() == 1
    main_window.actions_["actionUndo"].trigger()
    assert all(np.array_equal(a, b) for a, b in zip(studio.session.network.W, old))


def test_import_of_the_wrong_shape_names_the_key_and_changes_nothing(main_window, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    studio = main_window.studio
    old = [w.copy() for w in studio.session.network.W]
    save_weights(tmp_path / "w.pt", np.zeros((2, 3)), np.zeros((2, 1)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "w.pt"), ""))
    said = warnings_to(monkeypatch)
    main_window.actions_["actionImportTorch"].trigger()
    assert len(said) == 1 and "0.weight" in said[0] and "(2, 3)" in said[0] and "(3, 2)" in said[0]
    assert all(np.array_equal(a, b) for a, b in zip(studio.session.network.W, old))
    assert studio.undo_stack.count() == 0


def test_import_without_torch_says_it_is_needed(main_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "w.pt").write_bytes(b"weights")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "w.pt"), ""))
    monkeypatch.setitem(sys.modules, "torch", None)
    said = warnings_to(monkeypatch)
    main_window.actions_["actionImportTorch"].trigger()
    assert len(said) == 1 and "needs PyTorch" in said[0]


def test_the_bridge_is_under_file_export_and_file_import(main_window) -> None:
    """The issue's menu paths: File → Export → PyTorch script…, File → Import → PyTorch weights…."""
    from PySide6.QtWidgets import QMenu

    file_menu = next(m.menu() for m in main_window.menuBar().actions() if m.text() == "&File")
    export = file_menu.findChild(QMenu, "menuExport")
    import_ = file_menu.findChild(QMenu, "menuImport")
    assert export is not None and import_ is not None
    assert main_window.actions_["actionExportTorch"] in export.actions()
    assert main_window.actions_["actionImportTorch"] in import_.actions()
    assert main_window.actions_["actionExportTorch"] not in file_menu.actions()
