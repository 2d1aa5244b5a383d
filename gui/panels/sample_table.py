"""The dataset panel's Rows tab: the training samples in a table, one row per sample.

A table model over the dataset's arrays rather than a table of items: MNIST-sized data (784
inputs, hundreds of samples) would be some 400,000 items, seconds to build and every one a
Python object for the garbage collector to walk (a full collection took a fifth of a second
of CPU with them).  The model formats a cell only when the view paints it, so any number of
rows and columns costs what a screenful costs.  Typing in a cell reports the text
(:attr:`SampleModel.edited`); the panel turns it into one undoable edit of the dataset.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QTableView, QWidget

from backprop_studio.core.data.datasets import Dataset

Index = QModelIndex | QPersistentModelIndex


class SampleModel(QAbstractTableModel):
    """Rows = training samples; columns = the inputs x1..xn (before features), then the targets."""

    edited = Signal(int, int, str)      # row, column, the text typed into that cell

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros((0, 0))
        self.headers: list[str] = []

    def set_dataset(self, ds: Dataset) -> None:
        n_in, n_out = ds.raw_inputs.shape[1], ds.targets.shape[1]
        self.beginResetModel()
        self.values = np.hstack([ds.raw_inputs, ds.targets])
        self.headers = [f"x{i + 1}" for i in range(n_in)] + [f"y{j + 1}" if n_out > 1 else "y" for j in range(n_out)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names
        return 0 if parent.isValid() else self.values.shape[0]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.values.shape[1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and index.isValid():
            return f"{self.values[index.row(), index.column()]:.6g}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A typed value: reported by :attr:`edited`; the dataset (and so this model) changes
        only through the undoable edit the panel makes of it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.edited.emit(index.row(), index.column(), str(value))
        return True


class SampleTable(QTableView):
    """The view of a :class:`SampleModel`; ``selected_rows`` for Remove row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.samples = SampleModel(self)
        self.setModel(self.samples)
        self.horizontalHeader().setDefaultSectionSize(72)
        self.verticalHeader().setDefaultSectionSize(22)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectionModel().selectedIndexes()})
