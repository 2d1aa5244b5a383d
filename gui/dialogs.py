"""Questions several views ask the user."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from .language import tr

if TYPE_CHECKING:
    from .studio import StudioSession


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Say why something was not done (the document is left as it was)."""
    QMessageBox.warning(parent, title, message)


def ask_reset(parent: QWidget, what: str) -> bool:
    """True when the user agrees that ``what`` (an edit that restarts training) may go ahead."""
    answer = QMessageBox.question(
        parent, tr("Restart training?"),
        tr("{what} restarts training from the current values: the steps taken so far (and their "
           "history for stepping back) are dropped.\n\nContinue?").format(what=what),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def training_has_moved(studio: StudioSession) -> bool:
    """Steps taken, or a step in progress: something a restart would throw away."""
    core = studio.session
    return core.step_count > 0 or core.pending is not None
