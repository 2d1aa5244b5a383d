"""The dataset panel: a generator, a CSV import or rows typed in a table, and a plot of the
data on which clicking adds a point of the chosen class.  Every change is one undoable edit;
data of another width adapt the network's input and output layers in the same edit."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.number_text import parse_number
from backprop_studio.core.checks.validation import MAX_SAMPLES
from backprop_studio.core.data.csv_import import read_header
from backprop_studio.core.data.datasets import Dataset, make_dataset, spec_of
from backprop_studio.core.data.edits import with_last_row_repeated, with_point, with_value, without_rows
from backprop_studio.core.data.features import FEATURES
from backprop_studio.core.data.features import LABELS as FEATURE_LABELS
from backprop_studio.core.data.generators import DATA_GENERATORS, DEFAULT_NOISE, GENERATORS, MULTICLASS
from backprop_studio.core.engine.edits import set_input_rows

from .. import theme
from ..dialogs import ask_reset, training_has_moved
from ..language import tr
from ..number_inputs import NumberField
from ..studio import StudioSession
from .sample_table import SampleTable


class DatasetPanel(QWidget):
    def __init__(self, studio: StudioSession) -> None:
        super().__init__()
        self.setObjectName("datasetPanel")
        self.studio = studio
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._generator_tab(), tr("Generate"))
        self.tabs.addTab(self._table_tab(), tr("Rows"))
        self.tabs.addTab(self._csv_tab(), tr("CSV"))
        layout.addWidget(self.tabs)
        layout.addWidget(self._features_box())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("datasetPlot")
        self.plot.setMinimumHeight(180)
        self.plot.setToolTip(tr("The training (filled) and test (hollow) samples, each class in its own "
                                "marker shape and colour; click to add a point of the class chosen below "
                                "(2-D inputs)"))
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.train_points = pg.ScatterPlotItem(size=8)
        self.test_points = pg.ScatterPlotItem(size=8, brush=None)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        layout.addWidget(self.plot, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Click adds class")))
        self.click_class = QSpinBox(minimum=0, maximum=9)
        self.click_class.setToolTip(tr("The target (class label) of points added by clicking on the plot"))
        row.addWidget(self.click_class)
        row.addStretch(1)
        layout.addLayout(row)
        studio.dataset_changed.connect(self.refresh)
        studio.document_changed.connect(self.refresh)
        theme.signals.changed.connect(self._restyle)
        self._restyle()
        self.refresh()

    # -- tabs -------------------------------------------------------------------------------
    def _generator_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.generator = QComboBox()
        self.generator.addItems(list(GENERATORS))
        self.generator.setToolTip(tr("A seeded generator: classification (xor … moons) or regression (sine … plane)"))
        self.generator.currentTextChanged.connect(self._on_generator_changed)
        self.samples = QSpinBox(minimum=1, maximum=MAX_SAMPLES, value=200)
        self.samples.setToolTip(tr("How many samples to draw"))
        self.noise = NumberField(0.1, 0.0, 100.0, tr("Standard deviation of the Gaussian noise"))
        self.classes = QSpinBox(minimum=2, maximum=10, value=3)
        self.classes.setToolTip(tr("Number of classes (gaussians and spiral); use a softmax output of that width"))
        self.data_seed = QSpinBox(minimum=0, maximum=2 ** 31 - 1)
        self.data_seed.setToolTip(tr("Seed of the generator: the same seed gives the same samples"))
        self.test_fraction = NumberField(0.0, 0.0, 0.95, tr("Share of the samples held out as a test set"))
        self.scaling = QComboBox()
        self.scaling.addItems(["none", "standardise"])
        self.scaling.setToolTip(tr("Standardise: each input column to mean 0 and standard deviation 1"))
        generate = QPushButton(tr("Generate"))
        generate.setObjectName("generateDataset")
        generate.setToolTip(tr("Replace the dataset with newly generated samples (undoable)"))
        generate.clicked.connect(self.generate)
        form.addRow(tr("Generator"), self.generator)
        form.addRow(tr("Samples"), self.samples)
        form.addRow(tr("Noise"), self.noise)
        form.addRow(tr("Classes"), self.classes)
        form.addRow(tr("Seed"), self.data_seed)
        form.addRow(tr("Test fraction"), self.test_fraction)
        form.addRow(tr("Scaling"), self.scaling)
        form.addRow(generate)
        self._on_generator_changed(self.generator.currentText())
        return tab

    def _table_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.table = SampleTable()
        self.table.setObjectName("datasetTable")
        self.table.setToolTip(tr("The training samples: edit a cell to change a value (undoable)"))
        self.table.samples.edited.connect(self._on_table_edited)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        add = QPushButton(tr("Add row"))
        add.setToolTip(tr("Append a copy of the last sample"))
        add.clicked.connect(self.add_row)
        remove = QPushButton(tr("Remove row"))
        remove.setToolTip(tr("Remove the selected sample(s)"))
        remove.clicked.connect(self.remove_rows)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout.addLayout(buttons)
        return tab

    def _csv_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        text = QLabel(tr("Import a CSV file with a header row, then choose the input and target columns."))
        text.setWordWrap(True)
        layout.addWidget(text)
        button = QPushButton(tr("Import CSV…"))
        button.setObjectName("importCsv")
        button.setToolTip(tr("Read samples from a CSV file; a bad row is reported with its line and nothing is loaded"))
        button.clicked.connect(self.import_csv_dialog)
        layout.addWidget(button)
        layout.addStretch(1)
        return tab

    def _features_box(self) -> QWidget:
        """One checkbox per input feature (TensorFlow Playground's extra inputs), 2-D data only."""
        box = QGroupBox(tr("Input features"))
        box.setObjectName("inputFeatures")
        box.setToolTip(tr("What the network's input units get, computed from x₁ and x₂ (2-D data only); "
                          "the input layer follows, one unit per feature"))
        grid = QGridLayout(box)       # rows of 4: the panel stays as narrow as the others
        self.feature_boxes: dict[str, QCheckBox] = {}
        for n, name in enumerate(FEATURES):
            check = QCheckBox(FEATURE_LABELS[name])
            check.setObjectName(f"feature_{name}")
            check.setToolTip(tr("Give the network the input {label} (feature {name})").format(
                label=FEATURE_LABELS[name], name=repr(name)))
            check.toggled.connect(lambda _on: self.set_features(self.checked_features()))
            self.feature_boxes[name] = check
            grid.addWidget(check, n // 4, n % 4)
        grid.setColumnStretch(4, 1)
        return box

    def checked_features(self) -> list[str]:
        return [name for name, check in self.feature_boxes.items() if check.isChecked()]

    def set_features(self, names: list[str]) -> bool:
        """Give the network the inputs ``names`` (in :data:`FEATURES` order): one undoable edit
        of the dataset's ``features`` and the input layer.  Features that stay keep their
        weights; new ones get new weights.  ["x1", "x2"] is the plain dataset."""
        core = self.studio.session
        ds = core.dataset
        old = ds.features or ["x1", "x2"]
        if not names or names == old or ds.raw_inputs.shape[1] != 2:
            self.refresh()            # at least one input: the last box stays checked
            return False
        if training_has_moved(self.studio) and not ask_reset(self, tr("Changing the input features")):
            self.refresh()
            return False
        spec = spec_of(ds)
        spec.pop("features", None)
        if names != ["x1", "x2"]:
            spec["features"] = names
        rows = [old.index(n) if n in old else None for n in names]
        try:
            dataset = make_dataset(spec, ds.source_dir)
            network = set_input_rows(core.network, rows, np.random.default_rng(len(names)))
            text = tr("Input features: {features}").format(features=", ".join(FEATURE_LABELS[n] for n in names))
            self.studio.edit_data_and_network(dataset, network, text)
        except ValueError as e:  # InputError is a ValueError
            QMessageBox.warning(self, tr("Input features not changed"), str(e))
            self.refresh()
            return False
        window = self.window()
        if hasattr(window, "statusBar"):
            note = tr("{change}: the input layer has {n} units now").format(change=text, n=len(names))
            window.statusBar().showMessage(note, 8000)
        return True

    # -- edits ------------------------------------------------------------------------------
    def _apply(self, spec: dict, text: str, base_dir: Path | None = None) -> bool:
        if training_has_moved(self.studio) and not ask_reset(self, tr("Changing the data")):
            self.refresh()
            return False
        try:
            self.studio.edit_dataset_adapting(make_dataset(spec, base_dir), text)
        except ValueError as e:  # InputError is a ValueError
            QMessageBox.warning(self, tr("Dataset not changed"), str(e))
            return False
        return True

    def generate(self) -> None:
        name = self.generator.currentText()
        spec = {"generator": name, "samples": self.samples.value(), "noise": self.noise.value(),
                "seed": self.data_seed.value()}
        if name in MULTICLASS:
            spec["classes"] = self.classes.value()
        if self.test_fraction.value() > 0:
            seed = self.data_seed.value() if self._split_seed is None else self._split_seed
            spec["split"] = {"test_fraction": self.test_fraction.value(), "seed": seed}
        if self.scaling.currentText() != "none":
            spec["scaling"] = self.scaling.currentText()
        features = self.studio.session.dataset.features
        if features and _width(name) == 2:   # new 2-D data keeps the network's input features
            spec["features"] = list(features)
        self._apply(spec, tr("Generate {generator} data").format(generator=name))

    def add_point(self, point: tuple[float, ...], target: float) -> None:
        self._apply(with_point(self.studio.session.dataset, point, target), tr("Add a point"))

    def add_row(self) -> None:
        self._apply(with_last_row_repeated(self.studio.session.dataset), tr("Add a row"))

    def remove_rows(self) -> None:
        rows = self.table.selected_rows()
        try:
            spec = without_rows(self.studio.session.dataset, rows)
        except ValueError as e:
            QMessageBox.information(self, tr("Remove rows"), str(e))
            return
        self._apply(spec, tr("Remove {n} row(s)").format(n=len(rows)))

    def _on_table_edited(self, row: int, column: int, text: str) -> None:
        try:
            spec = with_value(self.studio.session.dataset, row, column, parse_number(text))
        except ValueError as e:       # not a number (parse_number), or not a cell of the data
            QMessageBox.warning(self, tr("Sample not changed"), tr("Row {row}: {error}").format(row=row + 1, error=e))
            self.refresh()
            return
        self._apply(spec, tr("Edit a sample"))

    def import_csv_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import CSV"), str(Path.home()),
                                              tr("CSV files (*.csv)") + ";;" + tr("All files (*)"))
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path, inputs: list[str] | None = None, targets: list[str] | None = None) -> bool:
        """Import ``path``; asks for the columns unless they are given."""
        if inputs is None or targets is None:
            try:
                header = read_header(path)
            except InputError as e:
                QMessageBox.warning(self, tr("Cannot read CSV"), str(e))
                return False
            chosen = ColumnsDialog.ask(self, header, self.studio.session.network.sizes[0])
            if chosen is None:
                return False
            inputs, targets = chosen
        return self._apply({"csv": path.name, "inputs": inputs, "targets": targets},
                           tr("Import {file}").format(file=path.name), base_dir=path.parent)

    # -- following the session -----------------------------------------------------------------
    def _on_generator_changed(self, name: str) -> None:
        self.noise.set_value(DEFAULT_NOISE.get(name, 0.1))
        self.classes.setEnabled(name in MULTICLASS)

    _split_seed: int | None = None      # the split's own seed, from the document's spec

    def _show_generator_spec(self, spec: dict) -> None:
        """Set the Generate tab from a generated dataset's spec (so Generate reproduces it)."""
        widgets = (self.generator, self.samples, self.classes, self.data_seed, self.scaling)
        for w in widgets:
            w.blockSignals(True)
        self.generator.setCurrentText(spec["generator"])
        self.classes.setEnabled(spec["generator"] in MULTICLASS)
        self.samples.setValue(int(spec.get("samples", 200)))
        self.noise.set_value(float(spec.get("noise", DEFAULT_NOISE.get(spec["generator"], 0.1))))
        self.classes.setValue(int(spec.get("classes", 3)))
        self.data_seed.setValue(int(spec.get("seed", 0)))
        self.test_fraction.set_value(float(spec.get("split", {}).get("test_fraction", 0.0)))
        self._split_seed = spec.get("split", {}).get("seed")
        scaling = spec.get("scaling", "none")
        self.scaling.setCurrentText("none" if scaling == "none" else "standardise")
        for w in widgets:
            w.blockSignals(False)

    def refresh(self) -> None:
        ds = self.studio.session.dataset
        spec = ds.spec
        if "generator" in spec:
            self._show_generator_spec(spec)
            self.tabs.setCurrentIndex(0)
        elif "csv" in spec:
            self.tabs.setCurrentIndex(2)
        else:
            self.tabs.setCurrentIndex(1)
        kind = spec.get("generator") or ("CSV " + spec["csv"] if "csv" in spec else tr("typed rows"))
        self.summary.setText(tr("{train} training and {test} test samples, {inputs} input(s), {targets} target "
                                "column(s) — {kind}").format(train=len(ds), test=len(ds.test_inputs),
                                                            inputs=ds.inputs.shape[1], targets=ds.targets.shape[1],
                                                            kind=kind))
        self.table.samples.set_dataset(ds)
        self._draw(ds)
        self._show_features(ds)

    def _show_features(self, ds: Dataset) -> None:
        on = set(ds.features or ["x1", "x2"])
        for name, check in self.feature_boxes.items():
            check.blockSignals(True)
            check.setChecked(name in on)
            check.setEnabled(ds.raw_inputs.shape[1] == 2)
            check.blockSignals(False)

    def _draw(self, ds: Dataset) -> None:
        def labels(y: np.ndarray) -> np.ndarray:
            return y.argmax(axis=1) if y.shape[1] > 1 else np.rint(y[:, 0]).astype(int)

        x, tx = ds.raw_inputs, ds.raw_test_inputs
        if x.shape[1] >= 2:
            self.train_points.setData(x[:, 0], x[:, 1], **theme.class_points(labels(ds.targets), True))
            self.test_points.setData(tx[:, 0], tx[:, 1], **theme.class_points(labels(ds.test_targets), False))
            self.plot.setLabel("bottom", "x1")
            self.plot.setLabel("left", "x2")
        else:
            self.train_points.setData(x[:, 0], ds.targets[:, 0], **theme.value_points(True))
            self.test_points.setData(tx[:, 0], ds.test_targets[:, 0], **theme.value_points(False))
            self.plot.setLabel("bottom", "x")
            self.plot.setLabel("left", "y")
        self.plot.autoRange()

    def _restyle(self) -> None:
        theme.style_plot(self.plot)
        self._draw(self.studio.session.dataset)

    def _on_plot_clicked(self, event) -> None:
        ds = self.studio.session.dataset
        if ds.raw_inputs.shape[1] != 2 or event.button() != Qt.MouseButton.LeftButton:
            return
        p = self.plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.add_point((p.x(), p.y()), float(self.click_class.value()))


def _width(generator: str) -> int:
    """How many input columns ``generator`` makes (its entry's ``dims``)."""
    return DATA_GENERATORS[generator].dims


class ColumnsDialog(QDialog):
    """Choose the input and target columns of a CSV file."""

    def __init__(self, parent: QWidget, header: list[str], n_inputs: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Choose columns"))
        form = QFormLayout(self)
        self.inputs, self.targets = QListWidget(), QListWidget()
        self.inputs.setToolTip(tr("The input columns (the network has {n} input unit(s))").format(n=n_inputs))
        self.targets.setToolTip(tr("The target columns"))
        for i, name in enumerate(header):
            for lst, on in ((self.inputs, i < n_inputs), (self.targets, i == len(header) - 1)):
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                lst.addItem(item)
        form.addRow(tr("Inputs"), self.inputs)
        form.addRow(tr("Targets"), self.targets)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[list[str], list[str]]:
        def checked(lst: QListWidget) -> list[str]:
            return [lst.item(i).text() for i in range(lst.count())
                    if lst.item(i).checkState() == Qt.CheckState.Checked]
        return checked(self.inputs), checked(self.targets)

    @classmethod
    def ask(cls, parent: QWidget, header: list[str], n_inputs: int) -> tuple[list[str], list[str]] | None:
        dialog = cls(parent, header, n_inputs)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
