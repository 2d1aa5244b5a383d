"""The sample of the batch the views show: one choice, shared by every view.

A training step with a batch of B samples computes v_in, v_out, f'(v_in) and δ once per sample;
only the gradients ∂E/∂w (and the update) are of the whole batch: the mean of the samples'
shares, as E is the mean of their losses.  A view that prints a unit's values prints those of one
sample, the *current sample*, kept here on the studio (``studio.sample``): the network editor's
overlays, the step debugger's highlighted columns and the computation graph all show the same
sample, and a :class:`SampleChooser` in any of them changes it for all.  (Printing a mean of
v_in beside a mean of v_out would show v_out ≠ f(v_in).)  Choosing a value of a sample in the
debugger or the graph makes that sample the current one.

The sample is a position in the batch (0-based here, "sample 1 of 10" on screen), not a row of
the dataset: the step's batch says which row it is.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSpinBox, QWidget

from .language import tr


class SharedSample(QObject):
    """The current sample: a position in the batch of the step shown (0-based)."""

    changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._value = 0

    @property
    def value(self) -> int:
        return self._value

    def set(self, sample: int) -> None:
        """Make ``sample`` the current one (emits :attr:`changed` when it changes)."""
        sample = max(int(sample), 0)
        if sample != self._value:
            self._value = sample
            self.changed.emit(sample)

    def within(self, batch: int) -> int:
        """The current sample in a batch of ``batch`` samples (the last when the batch is smaller)."""
        return min(self._value, max(batch - 1, 0))


def mean_note(batch: int) -> str:
    """What a view says beside a number that is a mean over the batch ('' for a single sample)."""
    return tr("mean over the batch of {n}").format(n=batch) if batch > 1 else ""


class SampleChooser(QSpinBox):
    """"sample 3 of 10": chooses the current sample for every view.  Hidden for a single sample;
    the view it sits in says how large the batch is (:meth:`set_batch`)."""

    def __init__(self, sample: SharedSample, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setPrefix(tr("sample "))
        self.setMinimum(1)
        self.setKeyboardTracking(False)
        self.setToolTip(tr("The sample of the batch whose v_in, v_out, f′ and δ are shown: the network editor, "
                           "the step debugger and the computation graph show the same one.\n"
                           "∂E/∂w and the update are of the whole batch: the mean of the samples' shares."))
        self._sample = sample
        self._batch = 1
        self.setVisible(False)
        self.valueChanged.connect(self._on_value_changed)
        sample.changed.connect(self._on_sample_changed)

    def set_batch(self, batch: int) -> None:
        """Follow a step whose batch has ``batch`` samples."""
        self._batch = max(int(batch), 1)
        self.blockSignals(True)
        self.setMaximum(self._batch)
        self.setSuffix(tr(" of {n}").format(n=self._batch))
        self.setValue(self._sample.within(self._batch) + 1)
        self.blockSignals(False)
        wanted = self._batch > 1
        if self.isHidden() == wanted:        # (setVisible on a shown widget would re-layout)
            self.setVisible(wanted)

    def _on_value_changed(self, value: int) -> None:
        self._sample.set(value - 1)

    def _on_sample_changed(self, sample: int) -> None:
        shown = min(sample, self._batch - 1) + 1
        if self.value() != shown:
            self.blockSignals(True)
            self.setValue(shown)
            self.blockSignals(False)
