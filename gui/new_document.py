"""File → New: a small dialog of starting points.

The starting points are project files (resources/starts/, and the article's example that the app
has always opened); the dialog lists them with the name and description each file carries, so a
new starting point is a new file and a row in :data:`STARTS`, never a code branch.  The article's
example is the default choice: New then Enter opens what New always opened.
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from backprop_studio.core.files.resources import EXAMPLES_DIR, STARTS_DIR

from .language import QT_TR_NOOP, tr

ARTICLE_EXAMPLE = EXAMPLES_DIR / "article_3_2_1.json"

# (project file, label in the list: English, translated where listed); the last is the default choice
STARTS: list[tuple[Path, str]] = [
    (STARTS_DIR / "classification_2d.json", QT_TR_NOOP("2-D classification")),
    (STARTS_DIR / "regression_1d.json", QT_TR_NOOP("1-D regression")),
    (ARTICLE_EXAMPLE, QT_TR_NOOP("The article's example")),
]
DEFAULT_START = len(STARTS) - 1


def describe(path: Path) -> str:
    """The file's own description (its ``description`` key), or '' when it has none."""
    try:
        return str(json.loads(path.read_text(encoding="utf-8")).get("description", ""))
    except (OSError, ValueError, AttributeError):
        return ""


class NewDocumentDialog(QDialog):
    """Pick a starting point; :attr:`chosen` is its project file once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newDocumentDialog")
        self.setWindowTitle(tr("New document"))
        self.list = QListWidget()
        self.list.setObjectName("newDocumentStarts")
        self.list.setToolTip(tr("Where the new document starts: a network, its data and its training settings"))
        for path, label in STARTS:
            item = QListWidgetItem(tr(label))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(describe(path))
            self.list.addItem(item)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(64)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.itemDoubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(tr("Start a new, untitled document here"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(tr("Keep the open document"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Start from:")))
        layout.addWidget(self.list)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.list.setCurrentRow(DEFAULT_START)
        self.list.setFocus()
        self.resize(480, 320)

    def choose(self, row: int) -> None:
        self.list.setCurrentRow(row)

    @property
    def chosen(self) -> Path:
        return Path(self.list.currentItem().data(Qt.ItemDataRole.UserRole))

    def _on_list_current_row_changed(self, row: int) -> None:
        self.details.setText(describe(STARTS[row][0]) if row >= 0 else "")


def choose_start(parent: QWidget | None) -> Path | None:
    """Ask for a starting point: its project file, or None when the user cancelled."""
    dialog = NewDocumentDialog(parent)
    try:
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
