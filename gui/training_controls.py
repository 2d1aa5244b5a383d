"""The training controls: step actions, run/pause with a speed control, run until, progress."""
from __future__ import annotations

import time

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStatusBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from .fine_stepping import SPEEDS as FINE_SPEEDS
from .language import QT_TR_NOOP, tr
from .studio import StudioSession

WATCHABLE = StudioSession.WATCHABLE   # an epoch in about 2 s (StudioSession.run_rate)
# (the Speed box's item, marked for translation: translated where the box is filled; its value)
SPEEDS = [(QT_TR_NOOP("Watchable"), WATCHABLE), (QT_TR_NOOP("1 step/s"), 1), (QT_TR_NOOP("5 steps/s"), 5),
          (QT_TR_NOOP("30 steps/s"), 30), (QT_TR_NOOP("300 steps/s"), 300), (QT_TR_NOOP("As fast as possible"), 0)]
DEFAULT_SPEED = WATCHABLE
"""Run starts at a speed a learner can follow; Train N Epochs always runs as fast as possible."""


class RunUntilDialog(QDialog):
    """Ask for a stop condition: a loss threshold, a step count, or divergence only."""

    def __init__(self, parent, step: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Run until"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItems([tr("the training loss is below"), tr("the step count reaches"), tr("training diverges")])
        self.kind.setToolTip(tr("Which condition stops the run (divergence always stops it)"))
        self.loss = QDoubleSpinBox(decimals=6, minimum=0.0, maximum=1e9, value=0.01)
        self.loss.setToolTip(tr("Stop when the loss over the whole training set falls below this value"))
        self.step = QSpinBox(minimum=step + 1, maximum=10_000_000, value=step + 1000)
        self.step.setToolTip(tr("Stop when this training step has been taken"))
        form.addRow(tr("Run until"), self.kind)
        form.addRow(tr("Loss"), self.loss)
        form.addRow(tr("Step"), self.step)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class TrainingControls:
    """The Train menu's actions, the run speed, and the run's progress bar with Cancel.

    Takes what it uses: the studio it drives, the actions it answers, the widget that owns its
    dialogs, and the status bar that shows the progress.
    """

    def __init__(self, studio: StudioSession, actions: dict[str, QAction], parent: QWidget,
                 status_bar: QStatusBar) -> None:
        self.studio, self.parent, self._run_pause = studio, parent, actions["actionRunPause"]
        s, a = studio, actions
        a["actionStepPhase"].triggered.connect(lambda: s.fine.step_phase())     # a tick in fine stepping
        a["actionStepTraining"].triggered.connect(lambda: s.step())
        a["actionStepEpoch"].triggered.connect(lambda: s.step_epoch())
        a["actionRunPause"].triggered.connect(lambda: s.toggle_run())
        a["actionRunUntil"].triggered.connect(self.run_until)
        a["actionTrainEpochs"].triggered.connect(self.train_epochs_dialog)
        a["actionStepBack"].triggered.connect(lambda: s.back_step())
        a["actionStepBackPhase"].triggered.connect(lambda: s.fine.back_phase())
        a["actionResetTraining"].triggered.connect(lambda: s.reset())
        self.speed = QComboBox()
        self.speed.setObjectName("runSpeed")
        self.speed.setAccessibleName(tr("Run speed"))
        self.speed.setToolTip(tr("How fast Run trains: steps per second.  Watchable: an epoch in about "
                                 "2 s (3 to 300 steps/s).  Train N Epochs always runs as fast as possible."))
        for text, value in SPEEDS:
            self.speed.addItem(tr(text), value)
        self.speed.currentIndexChanged.connect(
            lambda _i: setattr(s, "steps_per_second", self.speed.currentData()))
        self.speed.setCurrentIndex(self.speed.findData(DEFAULT_SPEED))
        s.steps_per_second = DEFAULT_SPEED
        self.fastest = QToolButton()
        self.fastest.setObjectName("runFastest")
        self.fastest.setText(tr("Fastest"))
        self.fastest.setToolTip(tr("Run as fast as possible (the Speed box's last choice)"))
        self.fastest.clicked.connect(lambda: self.speed.setCurrentIndex(self.speed.findData(0)))
        self._build_fine(a)
        self.progress = QProgressBar()
        self.progress.setObjectName("runProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setToolTip(tr("Progress of the run, with the estimated time left"))
        self.progress.hide()
        self.cancel = QPushButton(tr("Cancel"))
        self.cancel.setToolTip(tr("Stop the run; the steps taken so far are kept"))
        self.cancel.clicked.connect(s.stop)
        self.cancel.hide()
        status_bar.addWidget(self.progress)
        status_bar.addWidget(self.cancel)
        self._started = 0.0
        s.run_state_changed.connect(self._on_session_run_state_changed)
        s.run_progress.connect(self._on_session_run_progress)

    def _build_fine(self, a: dict[str, QAction]) -> None:
        """Fine stepping's switch, play/pause and speed (ticks per second), all following ``studio.fine``."""
        fine, self._fine_action, self._play_fine = self.studio.fine, a["actionFineStepping"], a["actionPlayFine"]
        a["actionFineStepping"].toggled.connect(fine.set_enabled)
        a["actionPlayFine"].triggered.connect(lambda: fine.toggle_play())
        self.fine_speed = QComboBox()
        self.fine_speed.setObjectName("fineSpeed")
        self.fine_speed.setAccessibleName(tr("Fine stepping speed"))
        self.fine_speed.setToolTip(tr("How fast Play Fine Steps reveals the units: ticks per second"))
        for tps in FINE_SPEEDS:
            speed = tr("{n} tick/s") if tps == 1 else tr("{n} ticks/s")
            self.fine_speed.addItem(speed.format(n=f"{tps:g}"), tps)
        self.fine_speed.setCurrentIndex(self.fine_speed.findData(fine.ticks_per_second))
        self.fine_speed.currentIndexChanged.connect(lambda _i: fine.set_speed(self.fine_speed.currentData()))
        fine.enabled_changed.connect(self._on_fine_enabled_changed)
        fine.playing_changed.connect(self._on_fine_playing_changed)

    def add_to_toolbar(self, toolbar: QToolBar) -> None:
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(tr(" Speed ")))
        toolbar.addWidget(self.speed)
        toolbar.addWidget(self.fastest)
        toolbar.addSeparator()
        toolbar.addAction(self._fine_action)
        toolbar.addAction(self._play_fine)
        toolbar.addWidget(self.fine_speed)

    def _on_fine_enabled_changed(self, on: bool) -> None:
        if self._fine_action.isChecked() != on:
            self._fine_action.setChecked(on)

    def _on_fine_playing_changed(self, playing: bool) -> None:
        self._play_fine.setText(tr("Pause Fine Steps") if playing else tr("Play Fine Steps"))

    def run_until(self) -> None:
        s = self.studio
        dialog = RunUntilDialog(self.parent, s.session.step_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind = dialog.kind.currentIndex()
        if kind == 0:
            s.start(until_loss=dialog.loss.value())
        elif kind == 1:
            s.start(until_step=dialog.step.value())
        else:
            s.start()

    def train_epochs_dialog(self) -> None:
        epochs, ok = QInputDialog.getInt(self.parent, tr("Train epochs"), tr("Epochs to train:"), 10, 1, 1_000_000)
        if ok:
            self.studio.train_epochs(epochs)

    def _on_session_run_state_changed(self, running: bool) -> None:
        a = self._run_pause
        a.setText(tr("Pause") if running else tr("&Run / Pause"))
        self._started = time.perf_counter()
        if not running:
            self.progress.hide()
            self.cancel.hide()

    def _on_session_run_progress(self, done: int, total: int) -> None:
        if not total:
            return
        self.progress.show()
        self.cancel.show()
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        elapsed = time.perf_counter() - self._started
        left = elapsed / max(done, 1) * (total - done)
        self.progress.setFormat(tr("%p%  ({seconds} s left)").format(seconds=f"{left:.0f}"))
