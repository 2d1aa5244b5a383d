"""The hyperparameters panel: learning rate, optimizer and its parameters, loss, batching,
schedule and initialisation.  Every change is an undoable edit applied between steps.

Each field takes its range, kind and tooltip from the setting's spec (the optimizer's registry
entry, the schedule's, the training configuration's): a value out of range is refused in the
field with the reason, shown under the panel's title, and never reaches the session.
"""
from __future__ import annotations

import copy
import dataclasses
import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.engine.initializers import SCHEMES
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.network import reinitialised
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.param_spec import SEED, ParamSpec
from backprop_studio.core.engine.regularisation import PARAMS as REGULARISATION
from backprop_studio.core.engine.schedules import SCHEDULES, schedule_specs
from backprop_studio.core.training.records import TRAINING_PARAMS
from backprop_studio.gui.accessible import name_form_fields

from .. import theme
from ..dialogs import ask_reset, training_has_moved
from ..language import tr
from ..number_inputs import LogSlider, NumberField
from ..studio import StudioSession

SPIN_MAX = 2 ** 31 - 1     # a QSpinBox holds a C int


def _label(spec: ParamSpec) -> str:
    """``beta1 β₁``: the name a file and the CLI use, with the formulas' symbol when both are short
    (a narrow dock leaves the fields little room beside initial_accumulator_value)."""
    short = spec.symbol and len(spec.symbol) <= 3 and len(spec.name) <= 12
    return f"{spec.name} {spec.symbol}" if short else spec.name


def _spin_box(spec: ParamSpec, tip: str = "") -> QSpinBox:
    """A whole-number box over the spec's range, as far as a QSpinBox reaches (and its tooltip says so)."""
    box = QSpinBox(minimum=int(spec.lo or 0), maximum=int(min(spec.hi or SPIN_MAX, SPIN_MAX)))
    short = "\n" + tr("This box goes up to {most}.").format(most=f"{SPIN_MAX:,}") \
        if (spec.hi or SPIN_MAX) > SPIN_MAX else ""
    box.setToolTip((f"{tip}\n{spec.rule_line()}" if tip else spec.tooltip()) + short)
    return box


def _change(key: str) -> str:
    """The undo text of an edit of the optimizer's setting ``key`` (its name as files write it)."""
    return tr("Change {setting}").format(setting=key)


class HyperparametersPanel(QWidget):
    def __init__(self, studio: StudioSession) -> None:
        super().__init__()
        self.setObjectName("hyperparameters")
        self.studio = studio
        layout = QVBoxLayout(self)
        # the reason a typed value was refused, where it is seen without hovering
        self.problem = QLabel()
        self.problem.setObjectName("hyperparametersProblem")
        self.problem.setWordWrap(True)
        theme.keep_styled(self.problem, lambda c: self.problem.setStyleSheet(f"QLabel {{ color: {c['error']}; }}"))
        self.problem.hide()
        layout.addWidget(self.problem)
        form_box = QGroupBox(tr("Training"))
        form = QFormLayout(form_box)
        lr_spec = OPTIMIZERS[studio.session.config.optimizer].specs["learning_rate"]
        self.learning_rate = LogSlider(0.5, 1e-5, 10.0, tr("Learning rate η"), spec=lr_spec)
        self.learning_rate.setObjectName("learningRate")
        form.addRow(tr("Learning rate η"), self.learning_rate)
        self.optimizer = QComboBox()
        self.optimizer.addItems(list(OPTIMIZERS))
        for n, entry in enumerate(OPTIMIZERS.values()):       # each rule as its entry writes it
            self.optimizer.setItemData(n, entry.formula, Qt.ItemDataRole.ToolTipRole)
        self.optimizer.setToolTip(tr("The update rule (same rules and defaults as torch.optim)"))
        form.addRow(tr("Optimizer"), self.optimizer)
        self.optimizer_box = QWidget()
        self.optimizer_form = QFormLayout(self.optimizer_box)
        self.optimizer_form.setContentsMargins(12, 0, 0, 0)
        form.addRow(self.optimizer_box)
        self.weight_decay = NumberField(0.0, spec=OPTIMIZERS["sgd"].specs["weight_decay"])
        form.addRow(tr("Weight decay"), self.weight_decay)
        # a term of the loss, unlike weight_decay (the optimizer's own, decoupled in AdamW)
        l1_spec, l2_spec = REGULARISATION
        self.l1 = NumberField(0.0, spec=l1_spec)
        self.l1.setObjectName("regularisationL1")
        form.addRow("L1 λ₁", self.l1)
        self.l2 = NumberField(0.0, spec=l2_spec)
        self.l2.setObjectName("regularisationL2")
        form.addRow("L2 λ₂", self.l2)
        self.loss = QComboBox()
        self.loss.addItems(list(LOSSES))
        self.loss.setToolTip(tr("The loss E: half_sse is the article's E = 1/2 (y - ŷ)^2"))
        form.addRow(tr("Loss"), self.loss)
        self.batch_size = _spin_box(TRAINING_PARAMS["batch_size"])
        self.batch_size.setSpecialValueText(tr("full batch"))
        self.batch_size.setObjectName("batchSize")      # a lesson's reach control (core/lessons/reach.py)
        form.addRow(tr("Batch size"), self.batch_size)
        self.shuffle = QCheckBox(tr("Shuffle every epoch"))
        self.shuffle.setToolTip(TRAINING_PARAMS["shuffle"].tooltip())
        form.addRow(self.shuffle)
        self.seed = _spin_box(TRAINING_PARAMS["seed"], tr("Seed of the random generator that shuffles the samples"))
        form.addRow(tr("Seed"), self.seed)
        self.schedule = QComboBox()
        self.schedule.addItems(list(SCHEDULES))
        self.schedule.setToolTip(tr("How η changes over the training steps"))
        form.addRow(tr("Schedule"), self.schedule)
        self.schedule_box = QWidget()
        self.schedule_form = QFormLayout(self.schedule_box)
        self.schedule_form.setContentsMargins(12, 0, 0, 0)
        form.addRow(self.schedule_box)
        layout.addWidget(form_box)

        init_box = QGroupBox(tr("Initialisation"))
        init = QFormLayout(init_box)
        self.init_scheme = QComboBox()
        self.init_scheme.addItems(list(SCHEMES))
        self.init_scheme.setToolTip(tr("How Re-initialise draws new weights (biases start at 0)"))
        self.init_seed = _spin_box(SEED, tr("Seed for the new weights"))
        self.reinit = QPushButton(tr("Re-initialise"))
        self.reinit.setObjectName("reinitialise")
        self.reinit.setToolTip(tr("Draw new weights from the scheme and seed (undoable); training resets"))
        init.addRow(tr("Scheme"), self.init_scheme)
        init.addRow(tr("Seed"), self.init_seed)
        init.addRow(self.reinit)
        layout.addWidget(init_box)
        layout.addStretch(1)

        self._optimizer_fields: dict[str, QWidget] = {}
        self._schedule_fields: dict[str, NumberField] = {}
        self._connect()
        self._on_session_config_changed()

    def _connect(self) -> None:
        s = self.studio
        # one slider gesture is one undo step: edits merge while the gesture number is the same
        gestures = itertools.count()
        self._gesture = next(gestures)
        self.learning_rate.slider.sliderPressed.connect(lambda: setattr(self, "_gesture", next(gestures)))
        self.learning_rate.dragged.connect(lambda v: self._edit(tr("Change learning rate"), f"lr{self._gesture}",
                                                                learning_rate=v))
        self.learning_rate.committed.connect(lambda v: self._edit(tr("Change learning rate"), f"lr{self._gesture}",
                                                                  learning_rate=v))
        self.learning_rate.field.refused.connect(self._show_problem)
        for field in (self.weight_decay, self.l1, self.l2):
            field.refused.connect(self._show_problem)
        self.optimizer.activated.connect(self._on_optimizer_activated)
        self.weight_decay.committed.connect(lambda v: self._edit(tr("Change weight decay"), None, weight_decay=v))
        self.l1.committed.connect(lambda v: self._edit_regularisation(tr("Change L1 λ₁"), l1=v))
        self.l2.committed.connect(lambda v: self._edit_regularisation(tr("Change L2 λ₂"), l2=v))
        self.loss.activated.connect(lambda _i: self._edit(tr("Change loss"), None, loss=self.loss.currentText()))
        self.batch_size.editingFinished.connect(
            lambda: self._edit(tr("Change batch size"), None, batch_size=self.batch_size.value()))
        self.shuffle.toggled.connect(lambda on: self._edit(tr("Toggle shuffle"), None, shuffle=on))
        self.seed.editingFinished.connect(lambda: self._edit(tr("Change seed"), None, seed=self.seed.value()))
        self.schedule.activated.connect(self._on_schedule_activated)
        self.reinit.clicked.connect(self.reinitialise)
        s.config_changed.connect(self._on_session_config_changed)
        s.document_changed.connect(self._on_session_config_changed)

    # -- edits --------------------------------------------------------------------------------
    def _push(self, config, text: str) -> None:
        try:
            self.studio.push("config", config, text)
        except ValueError as e:
            self._refuse(str(e))

    def _refuse(self, message: str) -> None:
        """A change that does not fit: show the configuration as it is, and say why."""
        self._on_session_config_changed()
        self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        """Say why a value was not taken: in the panel, its tooltip and the window's status bar."""
        self.problem.setText(tr("Not changed: {reason}").format(reason=message))
        self.problem.show()
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(tr("Not changed: {reason}").format(reason=message), 10000)
        self.setToolTip(tr("Last change refused: {reason}").format(reason=message))

    def _edit(self, text: str, merge_key: str | None, **changes) -> None:
        config = self.studio.session.config
        current = {**config.optimizer_params, **{k: getattr(config, k) for k in
                                                 ("loss", "batch_size", "shuffle", "seed")}}
        if all(current.get(k) == v for k, v in changes.items()):
            return
        try:
            self.studio.edit_config(text, merge_key, **changes)
        except ValueError as e:
            self._refuse(str(e))

    def _edit_regularisation(self, text: str, **rate: float) -> None:
        old = self.studio.session.config.regularisation
        new = dataclasses.replace(old, **rate)
        if new == old:
            return
        try:
            self.studio.edit_config(text, None, regularisation=new)
        except ValueError as e:
            self._refuse(str(e))

    def _on_optimizer_activated(self, _index: int) -> None:
        name = self.optimizer.currentText()
        old = self.studio.session.config
        if name == old.optimizer:
            return
        config = copy.deepcopy(old)
        config.optimizer = name
        # keep eta, and the L2 weight decay when the new optimizer has one
        kept = {"learning_rate": old.eta, "weight_decay": old.hyper().get("weight_decay", 0.0)}
        config.optimizer_params = {k: v for k, v in kept.items() if k in OPTIMIZERS[name].defaults}
        self._push(config, tr("Use {optimizer}").format(optimizer=name))

    def _on_schedule_activated(self, _index: int) -> None:
        config = copy.deepcopy(self.studio.session.config)
        config.schedule = {"name": self.schedule.currentText()}
        self._push(config, tr("Change schedule"))

    def _edit_schedule(self, key: str, value: float) -> None:
        config = copy.deepcopy(self.studio.session.config)
        config.schedule = {**config.schedule, key: value}
        try:
            config.checked()
        except ValueError as e:
            self._schedule_fields[key]._mark_error(str(e))
            self._show_problem(str(e))
            return
        self._push(config, tr("Change schedule"))

    def reinitialise(self) -> None:
        """Draw new weights (undoable): the network keeps its structure and masks."""
        core = self.studio.session
        scheme, seed = self.init_scheme.currentText(), self.init_seed.value()
        text = tr("Re-initialise ({scheme}, seed {seed})").format(scheme=scheme, seed=seed)
        if training_has_moved(self.studio) and not ask_reset(self, tr("Re-initialising the weights")):
            return
        net = reinitialised(core.network, scheme, seed)
        self.studio.reinitialise(net, {"scheme": scheme, "seed": seed}, text)

    # -- following the session ------------------------------------------------------------------
    def _on_session_config_changed(self) -> None:
        core = self.studio.session
        config = core.config
        hp = config.hyper()
        self.problem.hide()
        specs = OPTIMIZERS[config.optimizer].specs
        self.learning_rate.field.set_spec(specs["learning_rate"], tr("Learning rate η (type an exact value)"))
        self.weight_decay.setEnabled("weight_decay" in specs)
        if "weight_decay" in specs:
            self.weight_decay.set_spec(specs["weight_decay"])
        for w in (self.optimizer, self.loss, self.batch_size, self.shuffle, self.seed, self.schedule,
                  self.init_scheme, self.init_seed):
            w.blockSignals(True)
        self.learning_rate.set_value(hp["learning_rate"])
        self.optimizer.setCurrentText(config.optimizer)
        self.weight_decay.set_value(hp.get("weight_decay", 0.0))
        self.l1.set_value(config.regularisation.l1)
        self.l2.set_value(config.regularisation.l2)
        self.loss.setCurrentText(config.loss)
        self.batch_size.setValue(config.batch_size)
        self.shuffle.setChecked(config.shuffle)
        self.seed.setValue(config.seed)
        self.schedule.setCurrentText(config.schedule.get("name", "constant"))
        self.init_scheme.setCurrentText(core.init.get("scheme", "xavier_uniform"))
        self.init_seed.setValue(int(core.init.get("seed", 0)))
        for w in (self.optimizer, self.loss, self.batch_size, self.shuffle, self.seed, self.schedule,
                  self.init_scheme, self.init_seed):
            w.blockSignals(False)
        self._rebuild_optimizer_fields(hp)
        self._rebuild_schedule_fields(config.schedule)

    def _rebuild_optimizer_fields(self, hp: dict) -> None:
        while self.optimizer_form.rowCount():
            self.optimizer_form.removeRow(0)
        self._optimizer_fields = {}
        specs = OPTIMIZERS[self.studio.session.config.optimizer].specs
        for key, value in hp.items():
            if key in ("learning_rate", "weight_decay"):
                continue
            spec = specs[key]
            w: QCheckBox | NumberField
            if spec.kind == "bool":
                w = QCheckBox()
                w.setChecked(value)
                w.setToolTip(spec.tooltip())
                w.toggled.connect(lambda on, k=key: self._edit(_change(k), None, **{k: on}))
            else:
                w = NumberField(float(value), spec=spec)
                w.committed.connect(lambda v, k=key: self._edit(_change(k), None, **{k: v}))
                w.refused.connect(self._show_problem)
            self.optimizer_form.addRow(_label(spec), w)
            self._optimizer_fields[key] = w
        name_form_fields(self.optimizer_box)

    def _rebuild_schedule_fields(self, schedule: dict) -> None:
        while self.schedule_form.rowCount():
            self.schedule_form.removeRow(0)
        self._schedule_fields = {}
        specs = schedule_specs(schedule["name"])
        for key, value in schedule.items():
            if key == "name":
                continue
            w = NumberField(float(value), spec=specs[key])
            w.committed.connect(lambda v, k=key: self._edit_schedule(k, v))
            w.refused.connect(self._show_problem)
            self.schedule_form.addRow(_label(specs[key]), w)
            self._schedule_fields[key] = w
        name_form_fields(self.schedule_box)
