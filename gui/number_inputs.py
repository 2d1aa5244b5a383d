"""Small number inputs shared by the views (the panels, the loss surface): a validated number field
and a log slider."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QSlider, QVBoxLayout, QWidget

from backprop_studio.core.checks.number_text import parse_number
from backprop_studio.core.engine.param_spec import ParamSpec
from backprop_studio.gui import theme
from backprop_studio.gui.language import tr


class NumberField(QLineEdit):
    """A text field for one finite number; ``committed`` fires with the value on Enter/focus-out.

    With a ``spec`` (:class:`~core.engine.param_spec.ParamSpec`) the field takes its range, its
    kind (a whole number or not) and its tooltip from it, so it accepts exactly what the
    training configuration and the project file accept.  Bad text is refused with the reason
    (``beta1 must be >= 0 and < 1, got 1.5``) in the tooltip, a red frame and ``refused``;
    nothing is committed.
    """

    committed = Signal(float)
    refused = Signal(str)        # the reason, when typed text is not a value this field takes

    def __init__(self, value: float, minimum: float = -math.inf, maximum: float = math.inf,
                 tip: str = "", parent: QWidget | None = None, spec: ParamSpec | None = None) -> None:
        super().__init__(parent)
        self.minimum, self.maximum, self._tip = minimum, maximum, tip
        self.spec: ParamSpec | None = None
        self.error: str | None = None
        self.setToolTip(tip)
        if spec is not None:
            self.set_spec(spec)
        self.set_value(value)
        self.editingFinished.connect(self._on_editing_finished)

    def set_spec(self, spec: ParamSpec, tip: str | None = None) -> None:
        """Take range, kind and tooltip from ``spec`` (``tip``, when given, goes before its rule)."""
        self.spec = spec
        self.minimum = -math.inf if spec.lo is None else spec.lo
        self.maximum = math.inf if spec.hi is None else spec.hi
        self._tip = f"{tip}\n{spec.rule_line()}" if tip else spec.tooltip()
        self.setToolTip(self._tip)

    def set_value(self, value: float) -> None:
        self._value = value
        self.setText(number_text(value))
        self._mark_error(None)

    def value(self) -> float:
        return self._value

    def _mark_error(self, message: str | None) -> None:
        theme.keep_styled(self, lambda c: self.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {c['error']}; }}" if message else ""))
        self.setToolTip(f"{message}\n\n{self._tip}" if message else self._tip)
        self.error = message

    def read(self, text: str) -> float:
        """The number ``text`` stands for, by the spec when there is one; ValueError with the reason."""
        if self.spec is None:
            return parse_number(text, self.minimum, self.maximum)
        try:
            return float(self.spec.read_text(text))
        except ValueError as e:
            raise ValueError(f"{self.spec.name} {e}") from None

    def _on_editing_finished(self) -> None:
        try:
            value = self.read(self.text())
        except ValueError as e:
            self._mark_error(str(e))
            self.refused.emit(str(e))
            return
        self._mark_error(None)
        if value != self._value:
            self._value = value
            self.committed.emit(value)


def number_text(value: float) -> str:
    """``value`` in at most 6 significant digits when they give it back exactly, else in full:
    0.9999999 must not show as 1 (which a beta refuses)."""
    short = f"{value:.6g}"
    return short if float(short) == value else repr(float(value))


class LogSlider(QWidget):
    """A slider over [lo, hi] on a log scale with an exact text field beside it."""

    dragged = Signal(float)      # while the slider moves
    committed = Signal(float)    # the exact field, or the slider released

    STEPS = 1000

    def __init__(self, value: float, lo: float, hi: float, tip: str, parent: QWidget | None = None,
                 spec: ParamSpec | None = None) -> None:
        super().__init__(parent)
        self.lo, self.hi = math.log10(lo), math.log10(hi)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.STEPS)
        self.slider.setToolTip(tr("{tip} (log scale)").format(tip=tip))
        exact = tr("{tip} (type an exact value)").format(tip=tip)
        self.field = NumberField(value, 0.0, math.inf, exact)
        if spec is not None:
            self.field.set_spec(spec, exact)
        # the exact field on top, the slider full width below: legible in a narrow dock
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.field)
        layout.addWidget(self.slider)
        self.set_value(value)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.slider.sliderReleased.connect(lambda: self.committed.emit(self.field.value()))
        self.field.committed.connect(self._on_field_committed)

    def set_value(self, value: float) -> None:
        self.field.set_value(value)
        outside = value > 10 ** self.hi or 0 < value < 10 ** self.lo
        theme.keep_styled(self.field, lambda c: self.field.setStyleSheet(
            f"QLineEdit {{ color: {c['warning']}; }}" if outside else ""))
        if outside:
            beyond = tr("{value} is beyond the slider's range ({lo} to {hi}); it is used as typed.").format(
                value=f"{value:g}", lo=f"{10 ** self.lo:g}", hi=f"{10 ** self.hi:g}")
            self.field.setToolTip(f"{beyond}\n\n{self.field._tip}")
        pos = 0 if value <= 0 else (math.log10(value) - self.lo) / (self.hi - self.lo) * self.STEPS
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(min(max(pos, 0), self.STEPS))))
        self.slider.blockSignals(False)

    def _on_slider_value_changed(self, pos: int) -> None:
        value = float(f"{10 ** (self.lo + (self.hi - self.lo) * pos / self.STEPS):.3g}")
        self.field.set_value(value)
        if self.slider.isSliderDown():
            self.dragged.emit(value)
        else:
            self.committed.emit(value)

    def _on_field_committed(self, value: float) -> None:
        self.set_value(value)
        self.committed.emit(value)
