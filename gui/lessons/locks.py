"""Controls a lesson step locks: disabled, with the reason in their tooltip, restored after.

A target is an object name: a view or any widget (``networkEditor``, ``hyperparameters``,
``exerciseMode``) or an action (``actionResetTraining``).  Disabling a view disables every
control in it.  :meth:`Locks.release` gives each target back its own enabled state and tooltip;
it runs on the next step and when the lesson is left.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from backprop_studio.gui.views import VIEWS

from ..language import QT_TR_NOOP, tr
from .safe_text import tooltip

LOCK_PREFIX = str(QT_TR_NOOP("Locked by the lesson: "))   # shown through tr()


def find_target(window: QMainWindow, name: str) -> QWidget | QAction | None:
    """The widget or action called ``name`` in ``window`` (None when there is none)."""
    actions = getattr(window, "actions_", {})
    if name in actions:
        return actions[name]
    return window.findChild(QWidget, name) or window.findChild(QAction, name)


@dataclass
class _Held:
    target: QWidget | QAction
    enabled: bool
    tooltip: str
    status_tip: str


class Locks:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self._held: list[_Held] = []

    @property
    def locked(self) -> list[str]:
        return [h.target.objectName() for h in self._held]

    @property
    def labels(self) -> list[str]:
        """The locked targets as the user knows them: a view's title, an action's menu text."""
        out = []
        for held in self._held:
            name, target = held.target.objectName(), held.target
            if name in VIEWS:
                out.append(tr(VIEWS[name][2]))
            elif isinstance(target, QAction):
                out.append(target.text().replace("&", "").rstrip("…"))
            else:
                out.append(name)
        return out

    def lock(self, names: list[str] | tuple[str, ...], why: str) -> list[str]:
        """Disable the targets, each telling ``why`` in its tooltip; returns names not found."""
        self.release()
        return self.add(names, why)

    def add(self, names: list[str] | tuple[str, ...], why: str) -> list[str]:
        """Disable more targets (those held already stay as they are); returns names not found."""
        missing = []
        for name in names:
            target = find_target(self.window, name)
            if target is None:
                missing.append(name)
                continue
            if any(h.target is target for h in self._held):
                continue
            status = target.statusTip() if isinstance(target, QAction) else ""
            self._held.append(_Held(target, target.isEnabled(), target.toolTip(), status))
            target.setEnabled(False)
            target.setToolTip(tooltip(tr(LOCK_PREFIX) + why))       # the lesson's words, escaped
            if isinstance(target, QAction):
                target.setStatusTip(tr(LOCK_PREFIX) + why)              # a status tip is plain text
        return missing

    def release(self) -> None:
        """Every locked target as it was before the lock."""
        for held in reversed(self._held):
            try:
                held.target.setEnabled(held.enabled)
                held.target.setToolTip(held.tooltip)
                if isinstance(held.target, QAction):
                    held.target.setStatusTip(held.status_tip)
            except RuntimeError:        # the widget went with its window
                pass
        self._held = []
