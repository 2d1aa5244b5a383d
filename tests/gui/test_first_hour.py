"""The issue's done-when: from File → New to a trained xor classifier, using only what a user has
(the menus, the visible buttons and the dataset panel), and the decision boundary separates the
classes as the plot's own readout reports it."""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QToolButton

from backprop_studio.gui.new_document import STARTS, NewDocumentDialog


def test_from_file_new_to_a_trained_xor_classifier(qtbot, main_window, monkeypatch):
    window = main_window
    window.resize(1366, 768)
    window.show()
    row = [label for _path, label in STARTS].index("2-D classification")

    def pick(dialog: NewDocumentDialog) -> QDialog.DialogCode:   # the user picks a start and presses Create
        dialog.choose(row)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDocumentDialog, "exec", pick)
    window.actions_["actionNew"].trigger()                       # File → New
    # the dataset panel: fresh xor data, 200 samples
    window.docks["datasetPanel"].raise_()
    panel = window.views["datasetPanel"]
    panel.generator.setCurrentText("xor")
    panel.samples.setValue(200)
    panel.data_seed.setValue(3)
    qtbot.mouseClick(panel.findChild(QPushButton, "generateDataset"), Qt.MouseButton.LeftButton)
    studio = window.studio
    assert len(studio.session.dataset) == 200 and studio.session.step_count == 0
    # the toolbar: as fast as possible, then Run; Run again to pause once the metrics say so
    fastest = window.findChild(QToolButton, "runFastest") or window.findChild(QPushButton, "runFastest")
    qtbot.mouseClick(fastest, Qt.MouseButton.LeftButton)
    window.actions_["actionRunPause"].trigger()
    assert studio.running
    boundary = window.views["decisionBoundary"]
    metrics = boundary.metrics
    boundary.tabs.setCurrentWidget(metrics)                      # the user opens the Metrics tab

    def accuracy() -> float:
        found = re.search(r"= ([\d.]+) %", metrics.train_label.text())
        return float(found.group(1)) if found else 0.0

    qtbot.waitUntil(lambda: accuracy() >= 97.0, timeout=120_000)    # a few seconds on an idle machine
    window.actions_["actionRunPause"].trigger()
    assert not studio.running
    # the decision boundary is drawn, and the hover readout puts every sample on its class's side
    boundary.tabs.setCurrentWidget(boundary.output)              # back to the plot
    output = boundary.output
    output.refresh()
    assert len(output.boundary.xData) > 0
    data = studio.session.dataset
    sides = []
    for (x, y), label in zip(data.raw_inputs, data.targets[:, 0]):
        y_hat = float(output.readout_at(float(x), float(y)).rsplit("y_hat = ", 1)[1])
        sides.append((y_hat > 0.5) == (label > 0.5))
    assert np.mean(sides) >= 0.97
