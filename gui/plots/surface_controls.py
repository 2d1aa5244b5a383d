"""Controls shared by the 1-D and 2-D function views: a function picker and an optimizer picker.

A typed expression is parsed by :func:`core.surfaces.functions.from_expression` (never eval); a bad
one is shown with its caret pointer under the field, and the previous function stays.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.surfaces.functions import OBJECTIVES, Objective, from_expression
from backprop_studio.core.surfaces.race_model import describe  # noqa: F401 - the label rule, also from here
from backprop_studio.gui import theme
from backprop_studio.gui.compact import FoldingLabel, fit_to_current_text
from backprop_studio.gui.language import QT_TR_NOOP, tr
from backprop_studio.gui.number_inputs import NumberField

TYPED = QT_TR_NOOP("typed expression…")   # the combo's last item (translated where shown)


class FunctionPicker(QWidget):
    """A combo of the shipped functions of ``dims`` variables plus a typed expression.

    Its widgets go into the page's own rows (:meth:`parts`), so that in a narrow dock the typed
    expression wraps onto a row of its own instead of being squeezed beside the combo box."""

    changed = Signal(object)         # the new Objective

    def __init__(self, dims: int, default: str, example: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dims = dims
        self.objective: Objective = OBJECTIVES[default]
        self.combo = QComboBox()
        for o in OBJECTIVES.values():
            if o.dims == dims:
                self.combo.addItem(o.title, o.name)
        self.combo.addItem(tr(TYPED), "")
        self.combo.setCurrentIndex(self.combo.findData(default))
        self.combo.setToolTip(tr("A shipped function (exact gradient written by hand), or type your own"))
        variables = "x" if dims == 1 else tr("x and y")
        self.expression = QLineEdit(example)
        self.expression.setPlaceholderText(tr("an expression in {variables}, e.g. {example}").format(
            variables=variables, example=example))
        self.expression.setToolTip(tr(
            "Type f({arguments}) with numbers, {variables}, + - * / ^, parentheses and "
            "sin cos tan exp log sqrt tanh abs sinh cosh atan sigmoid, pi, e.\n"
            "Write products with *: 2*x. Press Enter to use it. Gradients are exact (automatic differentiation)."
        ).format(arguments="x" if dims == 1 else "x, y", variables=variables))
        self.apply = QPushButton(tr("Use"))
        self.apply.setToolTip(tr("Parse the typed expression and show it"))
        self.formula = FoldingLabel(self.objective.formula)
        self.formula.setToolTip(tr("The function shown, and how its gradient is computed"))
        self.error = QLabel()
        self.error.setObjectName("expressionError")
        # monospace (the caret lines up under the character) at the text size: a family, no size
        theme.keep_styled(self.error, lambda c: self.error.setStyleSheet(
            f"QLabel {{ color: {c['error']}; font-family: monospace; }}"))
        self.error.setToolTip(tr("Why the typed expression cannot be used; the caret points at the character"))
        self.error.hide()
        fit_to_current_text(self.combo)
        self.expression.setMinimumWidth(self.expression.fontMetrics().horizontalAdvance(example) + 16)
        self.hide()        # a holder: its parts go into the page's rows one by one (:meth:`parts`)
        self.combo.currentIndexChanged.connect(self._on_combo_changed)
        self.expression.returnPressed.connect(self.use_expression)
        self.apply.clicked.connect(self.use_expression)
        self._on_combo_changed()

    def parts(self) -> tuple[QWidget, ...]:
        """The combo box, the expression field and Use, for a row that wraps between them."""
        return self.combo, self.expression, self.apply

    def _on_combo_changed(self) -> None:
        name = self.combo.currentData()
        typed = not name
        # the field only for a typed expression: beside a shipped function it took a narrow
        # dock's room to show a greyed-out example (its placeholder and tooltip teach the syntax)
        self.expression.setVisible(typed)
        self.apply.setVisible(typed)
        if typed:
            self.use_expression()
        else:
            self._set(OBJECTIVES[name])

    def use_expression(self) -> bool:
        """Parse the typed text; on success show it, else show the error and keep the function."""
        try:
            objective = from_expression(self.expression.text(), self.dims)
        except InputError as e:
            self.show_error(e)
            return False
        self._set(objective)
        return True

    def choose(self, name: str | None = None, expression: str | None = None) -> bool:
        """Show the shipped function ``name``, or the typed ``expression`` (as if typed and Used);
        False when the expression does not parse (the previous function stays)."""
        if name is not None:
            self.combo.setCurrentIndex(self.combo.findData(name))   # emits changed when it differs
            return True
        self.expression.setText(expression or "")
        if self.combo.currentData():
            self.combo.setCurrentIndex(self.combo.findData(""))     # parses the text
            return self.error.isHidden()
        return self.use_expression()

    def choice(self) -> str | dict[str, str]:
        """The function shown, as a lesson file names it: a shipped name or {"expression": text}."""
        return self.combo.currentData() or {"expression": self.expression.text()}

    def chosen(self) -> tuple[str | None, str | None]:
        """(shipped name, None) or (None, the typed text): what a function model takes."""
        name = self.combo.currentData()
        return (name, None) if name else (None, self.expression.text())

    def show_choice(self, function: str | None, expression: str | None, objective: Objective) -> None:
        """Show what the model shows, without ``changed``: the combo, the typed text, the formula."""
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(function or ""))
        self.combo.blockSignals(False)
        if function is None:
            self.expression.setText(expression or "")
        self.expression.setEnabled(function is None)
        self.apply.setEnabled(function is None)
        self.error.hide()
        self.objective = objective
        self.formula.setText(f"{objective.formula}    ({objective.gradient_formula})")

    def show_error(self, error: InputError) -> None:
        """Why a typed expression cannot be used, with the caret under the character."""
        pointer = getattr(error, "pointer", "")
        self.error.setText(f"{error}\n{pointer}" if pointer else str(error))
        self.error.show()

    def _set(self, objective: Objective) -> None:
        self.error.hide()
        self.error.clear()
        self.objective = objective
        self.formula.setText(f"{objective.formula}    ({objective.gradient_formula})")
        self.changed.emit(objective)


class OptimizerPicker(QWidget):
    """Optimizer, learning rate eta and (for SGD/RMSprop) momentum."""

    changed = Signal()

    def __init__(self, optimizer: str = "sgd", learning_rate: float = 0.01,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optimizer = QComboBox()
        self.optimizer.addItems(list(OPTIMIZERS))
        self.optimizer.setCurrentText(optimizer)
        self.optimizer.setToolTip(tr("The optimizer of the core engine that walks the function"))
        self.learning_rate = NumberField(learning_rate, 1e-8, 1e3,
                                         tr("Learning rate η: plain SGD steps x' = x − η ∇f(x)"))
        self.momentum = NumberField(0.0, 0.0, 0.999,
                                    tr("Momentum (SGD and RMSprop): 0 is none; 0.9 is typical"))
        self.momentum_label = QLabel(tr("momentum"))
        self.momentum_label.setToolTip(self.momentum.toolTip())
        eta = QLabel("η")
        eta.setToolTip(self.learning_rate.toolTip())
        fit_to_current_text(self.optimizer)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.addWidget(self.optimizer, 0, 0)
        grid.addWidget(eta, 0, 1)
        grid.addWidget(self.learning_rate, 0, 2)
        grid.addWidget(self.momentum_label, 0, 3)
        grid.addWidget(self.momentum, 0, 4)
        self.learning_rate.setMaximumWidth(80)
        self.momentum.setMaximumWidth(60)
        # squeezed below these, 0.01 would show as "1" and 0.9 as "9" (issue 16's lessons at 1366x768)
        self.learning_rate.setMinimumWidth(58)
        self.momentum.setMinimumWidth(42)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer_changed)
        self.learning_rate.committed.connect(lambda _v: self.changed.emit())
        self.momentum.committed.connect(lambda _v: self.changed.emit())
        self._on_optimizer_changed(emit=False)

    def _on_optimizer_changed(self, *_args: Any, emit: bool = True) -> None:
        self._other: dict[str, Any] = {}
        has_momentum = "momentum" in OPTIMIZERS[self.optimizer.currentText()].hyper({})
        self.momentum.setVisible(has_momentum)
        self.momentum_label.setVisible(has_momentum)
        if emit:
            self.changed.emit()

    def spec(self) -> tuple[str, dict[str, float]]:
        """(optimizer name, hyperparameters) as chosen."""
        name = self.optimizer.currentText()
        hyper = {**self._other, "learning_rate": self.learning_rate.value()}
        if self.momentum.value() and "momentum" in OPTIMIZERS[name].hyper({}):
            hyper["momentum"] = self.momentum.value()
        return name, hyper

    def show_spec(self, optimizer: str, hyper: dict[str, Any]) -> None:
        """Show ``optimizer`` with ``hyper`` as the model holds them, without ``changed``;
        hyperparameters without a field here (Adam's betas) are kept until another optimizer
        is chosen."""
        blocked = self.blockSignals(True)
        self.optimizer.setCurrentText(optimizer)
        self.learning_rate.set_value(float(hyper.get("learning_rate", self.learning_rate.value())))
        self.momentum.set_value(float(hyper.get("momentum", 0.0)))
        self.blockSignals(blocked)
        self._other = {k: v for k, v in hyper.items() if k not in ("learning_rate", "momentum")}

    def set_spec(self, optimizer: str, hyper: dict[str, Any]) -> None:
        """:meth:`show_spec`, then ``changed`` once (as if the user had chosen them)."""
        self.show_spec(optimizer, hyper)
        self.changed.emit()
