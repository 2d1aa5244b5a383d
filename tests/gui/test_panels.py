"""The hyperparameters and dataset panels: every change is one undoable edit of the session."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.panels.dataset import DatasetPanel
from backprop_studio.gui.panels.hyperparameters import HyperparametersPanel
from backprop_studio.gui.studio import StudioSession


@pytest.fixture
def xor_session():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    y = np.array([[0], [1], [1], [0]], float)
    return StudioSession(Session(core.build([2, 3, 1], ["tanh", "sigmoid"], seed=1), Dataset(x, y),
                                 TrainingConfig()))


def test_learning_rate_field_is_validated_and_undoable(qtbot, xor_session):
    panel = HyperparametersPanel(xor_session)
    qtbot.addWidget(panel)
    field = panel.learning_rate.field
    field.setText("0.125")
    field.editingFinished.emit()
    assert xor_session.session.config.eta == 0.125
    field.setText("nan")
    field.editingFinished.emit()
    assert xor_session.session.config.eta == 0.125
    assert "not a finite number" in field.error
    field.setText("fast")
    field.editingFinished.emit()
    assert "'fast' is not a number" in field.error
    xor_session.undo_stack.undo()
    assert xor_session.session.config.eta == 0.5
    assert panel.learning_rate.field.text() == "0.5"


def test_a_slider_drag_is_one_undo_step(qtbot, xor_session):
    panel = HyperparametersPanel(xor_session)
    qtbot.addWidget(panel)
    slider = panel.learning_rate.slider
    slider.sliderPressed.emit()
    slider.setSliderDown(True)
    for pos in (100, 300, 600):
        slider.setValue(pos)
    slider.setSliderDown(False)
    assert xor_session.undo_stack.count() == 1
    expected = float(f"{10 ** (-5 + 6 * 600 / 1000):.3g}")   # 1e-5 .. 10 on a log scale
    assert xor_session.session.config.eta == expected
    xor_session.undo_stack.undo()
    assert xor_session.session.config.eta == 0.5


def test_optimizer_change_shows_its_own_parameters(qtbot, xor_session):
    panel = HyperparametersPanel(xor_session)
    qtbot.addWidget(panel)
    panel.optimizer.setCurrentText("adam")
    panel.optimizer.activated.emit(panel.optimizer.currentIndex())
    assert xor_session.session.config.optimizer == "adam"
    assert {"beta1", "beta2", "eps", "amsgrad"} <= set(panel._optimizer_fields)
    beta1 = panel._optimizer_fields["beta1"]
    beta1.setText("0.8")
    beta1.editingFinished.emit()
    assert xor_session.session.config.hyper()["beta1"] == 0.8
    xor_session.undo_stack.undo()
    xor_session.undo_stack.undo()
    assert xor_session.session.config.optimizer == "sgd"


def test_batch_size_and_reinitialise(qtbot, xor_session):
    panel = HyperparametersPanel(xor_session)
    qtbot.addWidget(panel)
    panel.batch_size.setValue(0)
    panel.batch_size.editingFinished.emit()
    assert xor_session.session.config.batch_size == 0
    before = [w.copy() for w in xor_session.session.network.W]
    panel.init_scheme.setCurrentText("he_normal")
    panel.init_seed.setValue(7)
    panel.reinit.click()
    rng = np.random.default_rng(7)                       # he_normal drawn independently
    expected = [rng.normal(0, np.sqrt(2 / 2), (2, 3)), rng.normal(0, np.sqrt(2 / 3), (3, 1))]
    for w, e in zip(xor_session.session.network.W, expected):
        np.testing.assert_allclose(w, e)
    assert xor_session.session.init == {"scheme": "he_normal", "seed": 7}
    xor_session.undo_stack.undo()                        # one step: the weights and the scheme
    for w, b in zip(xor_session.session.network.W, before):
        np.testing.assert_array_equal(w, b)
    assert xor_session.session.init == {"scheme": "xavier_uniform", "seed": 0}
    assert panel.init_scheme.currentText() == "xavier_uniform"


def test_generate_dataset_and_undo(qtbot, xor_session):
    panel = DatasetPanel(xor_session)
    qtbot.addWidget(panel)
    panel.generator.setCurrentText("moons")
    panel.samples.setValue(50)
    panel.generate()
    assert len(xor_session.session.dataset) == 50
    assert xor_session.session.dataset.spec["generator"] == "moons"
    assert panel.table.samples.rowCount() == 50
    xor_session.undo_stack.undo()
    assert len(xor_session.session.dataset) == 4


def test_table_edit_and_bad_cell(qtbot, xor_session, monkeypatch):
    panel = DatasetPanel(xor_session)
    qtbot.addWidget(panel)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    cell = panel.table.samples.index
    panel.table.samples.setData(cell(1, 2), "0.25")          # what typing into the cell does
    assert xor_session.session.dataset.targets[1, 0] == 0.25
    panel.table.samples.setData(cell(0, 0), "1e400")
    assert "not a finite number" in warnings[0]
    assert xor_session.session.dataset.inputs[0, 0] == 0.0
    xor_session.undo_stack.undo()
    assert xor_session.session.dataset.targets[1, 0] == 1.0


def test_adding_a_point_by_value_a_bad_csv_and_a_wider_one(qtbot, xor_session, tmp_path, monkeypatch):
    panel = DatasetPanel(xor_session)
    qtbot.addWidget(panel)
    panel.add_point((0.5, -0.25), 1.0)
    ds = xor_session.session.dataset
    assert len(ds) == 5 and ds.inputs[-1].tolist() == [0.5, -0.25] and ds.targets[-1, 0] == 1.0
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    bad = tmp_path / "d.csv"
    bad.write_text("a,b,y\n1,2,0\n3,x,1\n")
    assert not panel.import_csv(bad, ["a", "b"], ["y"])
    assert "line 3" in warnings[0]
    assert len(xor_session.session.dataset) == 5
    wide = tmp_path / "w.csv"
    wide.write_text("a,b,c,y\n1,2,3,0\n")
    assert panel.import_csv(wide, ["a", "b", "c"], ["y"])      # a wider CSV adapts the network
    assert xor_session.session.network.sizes[0] == 3 and len(warnings) == 1


def test_the_generate_tab_shows_the_documents_generator(qtbot, xor_session):
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.documents import EXAMPLES_DIR

    panel = DatasetPanel(xor_session)
    qtbot.addWidget(panel)
    assert panel.tabs.currentIndex() == 1            # typed rows: the Rows tab
    xor_session.load(project_file.load(EXAMPLES_DIR / "moons.json"), None)
    spec = xor_session.session.dataset.spec
    assert panel.tabs.currentIndex() == 0
    assert panel.generator.currentText() == "moons" == spec["generator"]
    assert panel.samples.value() == spec["samples"] and panel.noise.value() == spec["noise"]
    panel.generate()                                  # Generate reproduces the same data
    np.testing.assert_array_equal(xor_session.session.dataset.inputs,
                                  project_file.load(EXAMPLES_DIR / "moons.json").dataset.inputs)


def test_a_learning_rate_beyond_the_slider_is_marked(qtbot, xor_session):
    panel = HyperparametersPanel(xor_session)
    qtbot.addWidget(panel)
    xor_session.edit_config("lr", learning_rate=1e6)
    assert "beyond the slider" in panel.learning_rate.field.toolTip()
    xor_session.undo_stack.undo()
    assert "beyond the slider" not in panel.learning_rate.field.toolTip()


def test_changing_data_or_weights_after_training_asks_first(qtbot, xor_session, monkeypatch):
    import backprop_studio.gui.panels.dataset as dataset_module
    import backprop_studio.gui.panels.hyperparameters as hyper_module
    data, hyper = DatasetPanel(xor_session), HyperparametersPanel(xor_session)
    qtbot.addWidget(data)
    qtbot.addWidget(hyper)
    for _ in range(5):
        xor_session.step()
    asked = []
    for module in (dataset_module, hyper_module):
        monkeypatch.setattr(module, "ask_reset", lambda parent, what: asked.append(what) or False)
    data.add_point((0.5, 0.5), 1.0)
    hyper.reinit.click()
    assert asked == ["Changing the data", "Re-initialising the weights"]
    assert xor_session.session.step_count == 5 and len(xor_session.session.dataset) == 4   # nothing changed
    for module in (dataset_module, hyper_module):
        monkeypatch.setattr(module, "ask_reset", lambda parent, what: True)
    data.add_point((0.5, 0.5), 1.0)
    assert xor_session.session.step_count == 0 and len(xor_session.session.dataset) == 5


def test_a_loss_that_does_not_fit_the_data_is_refused_with_a_reason(qtbot, monkeypatch):
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.documents import EXAMPLES_DIR

    studio = StudioSession(project_file.load(EXAMPLES_DIR / "sine.json"))   # targets in [-1, 1]
    panel = HyperparametersPanel(studio)
    qtbot.addWidget(panel)
    panel.loss.setCurrentText("bce")
    panel.loss.activated.emit(panel.loss.currentIndex())
    assert studio.session.config.loss == "half_sse" and studio.undo_stack.count() == 0
    assert "between 0 and 1" in panel.toolTip()
    assert panel.loss.currentText() == "half_sse"          # the panel shows what is in force


def test_reinitialise_from_the_panel_is_the_sessions_reinitialise(qtbot, xor_session):
    """One Re-initialise (core.engine.network.reinitialised): the panel and the session draw the
    same parameters, and removed connections are exactly +0.0."""
    core = xor_session.session
    net = core.network.copy()
    net.mask[0][:] = False
    net.mask[0][0, 0] = True
    net.W[0] = np.where(net.mask[0], net.W[0], 0.0)
    xor_session.edit_network(net, "remove connections")
    panel = HyperparametersPanel(xor_session)
    qtbot.addWidget(panel)
    panel.init_seed.setValue(3)
    panel.reinit.click()
    from_panel = [p.copy() for p in core.network.parameters()]
    core.reinitialise(seed=3)
    for a, b in zip(from_panel, core.network.parameters()):
        np.testing.assert_array_equal(a, b)
        assert not np.signbit(a[a == 0]).any()


def test_regularisation_fields_are_one_undoable_edit_each_and_shown_in_the_debugger(qtbot, xor_session):
    from backprop_studio.core.engine.regularisation import Regularisation
    from backprop_studio.gui.debugger.panel import StepDebugger
    panel = HyperparametersPanel(xor_session)
    debugger = StepDebugger(xor_session)
    qtbot.addWidget(panel)
    qtbot.addWidget(debugger)
    debugger.show()
    panel.l1.setText("0.01")
    panel.l1.editingFinished.emit()
    panel.l2.setText("-1")
    panel.l2.editingFinished.emit()
    assert panel.l2.error and xor_session.undo_stack.count() == 1     # refused, nothing pushed
    panel.l2.setText("0.1")
    panel.l2.editingFinished.emit()
    assert xor_session.session.config.regularisation == Regularisation(0.01, 0.1)
    assert xor_session.undo_stack.count() == 2
    xor_session.step()
    w = np.concatenate([W.ravel() for W in xor_session.session.last.params_before[0::2]])
    term = 0.01 * np.abs(w).sum() + 0.05 * (w * w).sum()
    assert xor_session.session.last.loss_regularisation == pytest.approx(term, rel=1e-12)
    assert "λ₁Σ|w| + ½λ₂Σw²" in debugger.loss.text() and f"{term:.6g}" in debugger.loss.text()
    assert "biases are not regularised" in debugger.loss.text()
    xor_session.undo_stack.undo()
    assert xor_session.session.config.regularisation == Regularisation(0.01, 0.0)
    assert panel.l2.text() == "0"


def test_input_features_are_one_undoable_edit_that_resizes_the_input_layer(qtbot, xor_session, monkeypatch):
    from backprop_studio.gui.editor.view import NetworkEditor
    panel = DatasetPanel(xor_session)
    editor = NetworkEditor(xor_session)
    qtbot.addWidget(panel)
    qtbot.addWidget(editor)
    editor.show()
    core_session = xor_session.session
    W_before = core_session.network.W[0].copy()
    panel.feature_boxes["x1*x2"].setChecked(True)           # one click
    assert core_session.dataset.features == ["x1", "x2", "x1*x2"]
    assert core_session.network.sizes[0] == 3 and xor_session.undo_stack.count() == 1
    assert np.array_equal(core_session.network.W[0][:2], W_before)    # x1, x2 keep their weights
    x = core_session.dataset.raw_inputs
    assert np.array_equal(core_session.dataset.inputs[:, 2], x[:, 0] * x[:, 1])
    labels = editor.network_scene.unit_labels
    assert [labels[(0, i)].text().splitlines()[0] for i in range(3)] == ["x₁", "x₂", "x₁x₂"]
    panel.feature_boxes["x1"].setChecked(False)             # x2, x1*x2: x2's row moves up
    assert core_session.dataset.features == ["x2", "x1*x2"]
    assert np.array_equal(core_session.network.W[0][0], W_before[1])
    xor_session.step()                                      # trains on the features
    xor_session.undo_stack.undo()
    xor_session.undo_stack.undo()
    assert core_session.dataset.features == [] and core_session.network.sizes[0] == 2
    assert panel.feature_boxes["x1"].isChecked() and not panel.feature_boxes["x1*x2"].isChecked()
    assert (0, 2) not in editor.network_scene.unit_labels
    # the last input cannot be unchecked
    panel.feature_boxes["x2"].setChecked(False)
    assert core_session.dataset.features == ["x1"] and core_session.network.sizes[0] == 1
    panel.feature_boxes["x1"].setChecked(False)
    assert core_session.dataset.features == ["x1"] and panel.feature_boxes["x1"].isChecked()


def test_removing_selected_rows_is_one_undoable_edit(qtbot, xor_session, monkeypatch):
    panel = DatasetPanel(xor_session)
    qtbot.addWidget(panel)
    before = xor_session.session.dataset.raw_inputs.copy()
    selection = panel.table.selectionModel()
    for row in (1, 3):
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        selection.select(panel.table.model().index(row, 0), flags)
    panel.remove_rows()
    np.testing.assert_array_equal(xor_session.session.dataset.raw_inputs, before[[0, 2]])
    xor_session.undo_stack.undo()
    np.testing.assert_array_equal(xor_session.session.dataset.raw_inputs, before)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    panel.table.clearSelection()
    panel.remove_rows()                       # nothing selected: one line, nothing changed
    assert told == ["Select the rows to remove; at least one sample must stay."]
    assert xor_session.undo_stack.index() == 0
