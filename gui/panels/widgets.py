"""Small input widgets shared by the panels: a validated number field and a log slider."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QSlider, QVBoxLayout, QWidget

from backprop_studio.core.checks.number_text import parse_number


class NumberField(QLineEdit):
    """A text field for one finite number; ``committed`` fires with the value on Enter/focus-out.

    Bad text is refused with a message in the tooltip and a red frame; nothing changes.
    """

    committed = Signal(float)

    def __init__(self, value: float, minimum: float = -math.inf, maximum: float = math.inf,
                 tip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.minimum, self.maximum, self._tip = minimum, maximum, tip
        self.setToolTip(tip)
        self.set_value(value)
        self.editingFinished.connect(self._on_editing_finished)

    def set_value(self, value: float) -> None:
        self._value = value
        self.setText(f"{value:.6g}")
        self._mark_error(None)

    def value(self) -> float:
        return self._value

    def _mark_error(self, message: str | None) -> None:
        self.setStyleSheet("QLineEdit { border: 2px solid #d1461f; }" if message else "")
        self.setToolTip(f"{message}\n\n{self._tip}" if message else self._tip)
        self.error = message

    def _on_editing_finished(self) -> None:
        try:
            value = parse_number(self.text(), self.minimum, self.maximum)
        except ValueError as e:
            self._mark_error(str(e))
            return
        self._mark_error(None)
        if value != self._value:
            self._value = value
            self.committed.emit(value)


class LogSlider(QWidget):
    """A slider over [lo, hi] on a log scale with an exact text field beside it."""

    dragged = Signal(float)      # while the slider moves
    committed = Signal(float)    # the exact field, or the slider released

    STEPS = 1000

    def __init__(self, value: float, lo: float, hi: float, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lo, self.hi = math.log10(lo), math.log10(hi)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.STEPS)
        self.slider.setToolTip(tip + " (log scale)")
        self.field = NumberField(value, 0.0, math.inf, tip + " (type an exact value)")
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
        self.field.setStyleSheet("QLineEdit { color: #d1461f; }" if outside else "")
        if outside:
            self.field.setToolTip(f"{value:g} is beyond the slider's range ({10 ** self.lo:g} to "
                                  f"{10 ** self.hi:g}); it is used as typed.\n\n{self.field._tip}")
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
