"""Choosing data of another width adapts the network, as one undo step with a status note
(issue 15, section 1).  Before, Generate xor on the article's 3-input network was refused."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QPushButton


def generate(window, name: str, classes: int | None = None) -> None:
    panel = window.views["datasetPanel"]
    panel.generator.setCurrentText(name)
    if classes is not None:
        panel.classes.setValue(classes)
    panel.findChild(QPushButton, "generateDataset").click()


def test_generate_xor_on_the_article_network_adapts_the_input_layer(main_window):
    studio = main_window.studio
    before = [p.copy() for p in studio.session.network.parameters()]
    old_dataset = studio.session.dataset
    generate(main_window, "xor")
    core = studio.session
    assert core.network.sizes == [2, 2, 1]
    assert core.dataset.spec["generator"] == "xor"
    np.testing.assert_array_equal(core.network.W[0], before[0][:2])    # the kept inputs keep their weights
    np.testing.assert_array_equal(core.network.W[1], before[2])
    assert "input layer 3 → 2" in main_window.statusBar().currentMessage()
    assert "adapt the network" in studio.undo_stack.undoText()
    studio.undo_stack.undo()                                              # one Ctrl+Z undoes it all
    assert studio.session.network.sizes == [3, 2, 1]
    assert studio.session.dataset is not None and len(studio.session.dataset) == len(old_dataset)
    for p, q in zip(studio.session.network.parameters(), before):
        np.testing.assert_array_equal(p, q)
    studio.undo_stack.redo()
    assert studio.session.network.sizes == [2, 2, 1]


def test_generate_three_classes_adapts_the_output_layer_and_the_loss(main_window):
    studio = main_window.studio
    generate(main_window, "gaussians", classes=3)
    core = studio.session
    assert core.network.sizes == [2, 2, 3] and core.network.layers[-1].activation == "softmax"
    assert core.config.loss == "cross_entropy"
    message = main_window.statusBar().currentMessage()
    assert "output layer 1 sigmoid → 3 softmax" in message and "loss half_sse → cross_entropy" in message
    assert main_window.views["hyperparameters"].loss.currentText() == "cross_entropy"
    studio.step()                                                         # and it trains
    assert np.isfinite(core.losses[-1])
