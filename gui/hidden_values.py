"""``studio.hidden``: may a view print this number now?  The one place every view asks.

Two things hide numbers, and both are decided here:

- a lesson's open question (and the later questions about the same computation):
  :class:`core.lessons.hiding.Secrets`, set by the Lessons panel; the rule of what counts as the
  same value (an asked v_in hides v_out of its unit, an asked E the status bar's loss, ...) is
  written down and tested in core/lessons/hiding.py;
- exercise mode (the Step Debugger's check box): every computed network value (not the inputs x,
  the targets y and the parameters, :data:`~core.lessons.hiding.GIVEN_KINDS`).  The debugger and
  the computation graph run exercise mode themselves, revealing one value at a time as the
  learner answers: they pass ``exercise_here=True`` and apply their own per-value rule.

A view keys what it prints (a :class:`~core.explain.refs.Ref`, a
:class:`~core.lessons.hiding.FunctionValue` or a :class:`~core.lessons.hiding.Hover`), calls
:meth:`HiddenValues.text` (one call per printed number) and redraws on :attr:`changed`.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.lessons.hiding import GIVEN_KINDS, NOTHING, SHOWN_INSTEAD, Key, Secrets

__all__ = ["SHOWN_INSTEAD", "HiddenValues"]


class HiddenValues(QObject):
    changed = Signal()          # what is hidden changed: views redraw their numbers

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.secrets: Secrets = NOTHING
        self.exercise = False

    def set_secrets(self, secrets: Secrets) -> None:
        """What a lesson hides now (:func:`core.lessons.hiding.secrets_at`; NOTHING: nothing)."""
        if secrets != self.secrets:
            self.secrets = secrets
            self.changed.emit()

    def set_exercise(self, on: bool) -> None:
        if on != self.exercise:
            self.exercise = on
            self.changed.emit()

    @property
    def asking(self) -> bool:
        """A lesson keeps some value hidden now (views may say so beside a "?")."""
        return bool(self.secrets.asked)

    def hides(self, key: Key, exercise_here: bool = False) -> bool:
        """Whether the number ``key`` names must not be printed now.  ``exercise_here``: the
        caller hides exercise mode's values itself, value by value (the debugger, the graph)."""
        if self.secrets.hides(key):
            return True
        return (self.exercise and not exercise_here and isinstance(key, Ref)
                and key.kind not in GIVEN_KINDS)

    def text(self, key: Key, shown: str, exercise_here: bool = False) -> str:
        """``shown``, or :data:`SHOWN_INSTEAD` while ``key`` is hidden."""
        return SHOWN_INSTEAD if self.hides(key, exercise_here) else shown
