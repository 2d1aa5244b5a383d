"""Classification metrics (accuracy, confusion matrix) or regression fit numbers, kept live.

The network's outputs on the whole training and test sets come from a
:class:`~.dataset_pass.DatasetPass`: in place for a small network or dataset, in a worker
thread for a big one (784-128-10 on thousands of samples), so the window never waits for them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.forward import predict
from backprop_studio.core.engine.network import Network
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.training.metrics import (
    Task,
    accuracy,
    confusion_matrix,
    predicted_classes,
    r_squared,
    task_of,
    true_classes,
)
from backprop_studio.gui import theme
from backprop_studio.gui.language import tr
from backprop_studio.gui.throttle import Throttle

from .dataset_pass import DatasetPass

if TYPE_CHECKING:
    from ..studio import StudioSession


@dataclass
class Outputs:
    """The network's outputs y_hat on the training and the test inputs of ``dataset``."""

    dataset: Dataset
    task: Task
    y_hat: np.ndarray
    test_y_hat: np.ndarray


def outputs_on(net: Network, ds: Dataset) -> Outputs:
    """One forward pass over every training and test sample (plain numpy: runs in a worker too)."""
    with np.errstate(all="ignore"):
        return Outputs(ds, task_of(ds.targets, net.sizes[-1]), predict(net, ds.inputs), predict(net, ds.test_inputs))


def accuracy_text(true: np.ndarray, predicted: np.ndarray) -> str:
    if len(true) == 0:
        return tr("no samples")
    right = int(np.sum(true == predicted))
    return f"{right} / {len(true)} = {100 * accuracy(true, predicted):.1f} %"


class MetricsView(QWidget):
    """Accuracy on the training and test sets and a confusion matrix; R^2 for regression."""

    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingMetrics")
        self.studio = studio
        self._throttle = Throttle(0.1, self.refresh, self)
        self.train_label = QLabel()
        self.train_label.setToolTip(tr("Training samples whose predicted class is their class"))
        self.test_label = QLabel()
        self.test_label.setToolTip(tr("Test samples whose predicted class is their class"))
        for label in (self.train_label, self.test_label):
            label.setWordWrap(True)          # R² and the mean squared error: two lines in a narrow dock
        self.which = QComboBox()
        # the items end the title's sentence ("... on the training set"): a translation may word them shorter
        self.which.addItems([tr("training set", "the confusion matrix on the"),
                             tr("test set", "the confusion matrix on the")])
        self.which.setToolTip(tr("The samples the confusion matrix counts"))
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setToolTip(tr("Confusion matrix: row = true class, column = predicted class; "
                                 "the diagonal counts the correct predictions"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix_title = QLabel(tr("Confusion matrix (rows: true class, columns: predicted class) on the"))
        self.matrix_title.setWordWrap(True)       # a 300-pixel dock at 1366x768: wrapped, not cut
        theme.signals.changed.connect(self._on_theme_changed)
        row = QHBoxLayout()
        row.addWidget(self.matrix_title, 1)
        row.addWidget(self.which, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.train_label)
        layout.addWidget(self.test_label)
        layout.addWidget(self.rule)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.outputs: Outputs | None = None       # the latest pass, shown
        self._pass = DatasetPass(outputs_on, lambda ds: len(ds) + len(ds.test_inputs), self)
        self._pass.done.connect(self._show)
        self._pass.failed.connect(self.train_label.setText)
        studio.document_changed.connect(self._pass.forget)
        self.which.currentIndexChanged.connect(lambda _i: self.outputs is not None and self._show(self.outputs))
        for signal in (studio.step_taken, studio.dataset_changed, studio.network_changed,
                       studio.config_changed, studio.run_state_changed, studio.hidden.changed):
            signal.connect(self._on_session_changed)

    def _on_session_changed(self, *_args) -> None:
        if self.isVisible():
            self._throttle.request(self.studio.running)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        core = self.studio.session
        self._pass.request(core.network, core.dataset)

    def _show(self, out: Outputs) -> None:
        self.outputs = out
        ds, task = out.dataset, out.task
        for widget in (self.which, self.table, self.matrix_title):
            widget.setVisible(task.is_classification)
        if not task.is_classification:
            self._show_regression(ds, out.y_hat, out.test_y_hat)
            return
        true, pred = true_classes(ds.targets, task), predicted_classes(out.y_hat, task)
        test_true, test_pred = true_classes(ds.test_targets, task), predicted_classes(out.test_y_hat, task)
        self.train_label.setText(tr("Training accuracy: {accuracy}").format(accuracy=accuracy_text(true, pred)))
        self.test_label.setText(tr("Test accuracy: {accuracy}").format(accuracy=accuracy_text(test_true, test_pred)))
        if out.y_hat.shape[1] > 1:
            self.rule.setText(tr("Predicted class: the output with the largest value."))
        else:
            assert task.labels is not None, "a classification task has its labels"
            lo, hi = task.labels[0], task.labels[-1]
            self.rule.setText(tr("Predicted class: {hi} when y_hat >= {middle}, else {lo}.").format(
                hi=f"{hi:g}", middle=f"{(lo + hi) / 2:g}", lo=f"{lo:g}"))
        if self.which.currentIndex() == 1:
            true, pred = test_true, test_pred
        self._show_matrix(confusion_matrix(true, pred, task.classes), task)

    def _show_regression(self, ds, y_hat: np.ndarray, test_y_hat: np.ndarray) -> None:
        def fit(y, y_hat):
            if len(y) == 0:
                return tr("no samples")
            mse = float(np.mean((y - y_hat) ** 2))
            return tr("R² = {r2}, mean squared error {mse}").format(r2=f"{r_squared(y, y_hat):.4f}", mse=f"{mse:.4g}")
        # the training set's error at the current parameters is the loss a full-batch step
        # computes (2E for ½(y − ŷ)²): hidden while a question asks for the loss
        self.train_label.setText(tr("Training fit: {fit}").format(
            fit=self.studio.hidden.text(Ref("batch_loss"), fit(ds.targets, y_hat))))
        self.test_label.setText(tr("Test fit: {fit}").format(fit=fit(ds.test_targets, test_y_hat)))
        self.rule.setText(tr("Regression targets (not class labels): R² = 1 - SS_res / SS_tot; "
                             "1 is a perfect fit, 0 no better than the mean."))

    def _on_theme_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def _show_matrix(self, matrix: np.ndarray, task) -> None:
        self.matrix = matrix
        n = len(matrix)
        if self.table.rowCount() != n:
            names = ([f"{v:g}" for v in task.labels] if task.labels is not None and n == 2
                     else [str(c) for c in range(n)])
            self.table.setRowCount(n)
            self.table.setColumnCount(n)
            self.table.setVerticalHeaderLabels([tr("true {label}").format(label=s) for s in names])
            self.table.setHorizontalHeaderLabels([tr("predicted {label}").format(label=s) for s in names])
            for i in range(n):
                for j in range(n):
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.table.setItem(i, j, item)
        for i in range(n):       # the diagonal (right answers) in each class's colour, faintly
            colour = QColor(theme.class_colour(i))
            colour.setAlpha(theme.current().tint_alpha)
            diagonal = self.table.item(i, i)
            if diagonal is not None:
                diagonal.setBackground(QBrush(colour))
        for i in range(n):
            for j in range(n):
                cell = self.table.item(i, j)
                assert cell is not None, "every cell was given its item above"
                if cell.text() != str(matrix[i, j]):
                    cell.setText(str(matrix[i, j]))
