"""Training that behaves as a person expects (issue 15, section 3): the run goes on through a
change of settings, the test-loss curve survives it, Run starts at a speed a learner can
follow, and Train N Epochs runs as fast as possible whatever the Speed box says."""
from __future__ import annotations

import copy

import numpy as np
from PySide6.QtWidgets import QApplication, QInputDialog

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import build
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.documents import DEFAULT_EXAMPLE, EXAMPLES_DIR
from backprop_studio.gui.main_window import MainWindow
from backprop_studio.gui.plots.loss_curve import LossCurve
from backprop_studio.gui.studio import StudioSession
from backprop_studio.gui.training_controls import WATCHABLE


def window_on(qtbot, example: str) -> MainWindow:
    window = MainWindow(StudioSession(project_file.load(EXAMPLES_DIR / example)), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window, before_close_func=lambda w: w.studio.set_unmodified())
    return window


def test_the_run_goes_on_through_changes_of_eta_optimizer_batch_size_and_schedule(qtbot):
    window = window_on(qtbot, "xor.json")
    s = window.studio
    window.controls.fastest.click()
    s.start()
    qtbot.waitUntil(lambda: s.session.step_count > 5, timeout=20_000)
    s.edit_config("Change learning rate", learning_rate=0.1)
    assert s.running
    at = s.session.step_count
    qtbot.waitUntil(lambda: s.session.step_count > at + 5, timeout=20_000)
    # the steps after the change were taken with the new eta
    first, config = s.session.config_log[-1]
    assert first == at and config.eta == 0.1
    for change in ({"optimizer": "adam", "optimizer_params": {"learning_rate": 0.01}},
                   {"batch_size": 5}, {"schedule": {"name": "step"}}):
        config = copy.deepcopy(s.session.config)
        for key, value in change.items():
            setattr(config, key, value)
        s.push("config", config, "Change a setting")
        assert s.running, change
    s.undo_stack.undo()                      # undoing a setting does not stop it either
    assert s.running
    s.stop()


def test_a_change_of_loss_keeps_the_test_loss_curve(qtbot):
    window = window_on(qtbot, "moons.json")     # has a test set
    window.resize(1600, 1000)
    window.show()
    s = window.studio
    curve = window.findChildren(LossCurve)[0]
    for _ in range(30):
        s.step()
    assert len(s.session.log.test) == 31
    s.edit_config("Change loss", loss="half_sse")
    QApplication.processEvents()                # a redraw it queued has run
    assert len(s.session.log.test) == 31        # before: 1 (the curve vanished, its legend stayed)
    x, _y = curve.test_curve.getData()
    assert x is not None and len(x) == 31
    s.step()
    assert len(s.session.log.test) == 32


def test_run_starts_at_a_watchable_speed(qtbot):
    window = window_on(qtbot, "xor.json")
    s = window.studio
    assert window.controls.speed.currentData() == WATCHABLE == s.steps_per_second
    # xor: 100 samples in batches of 10, so an epoch in 2 s is 5 steps/s
    assert s.run_rate() == 5
    s.start()
    s.run_loop.timer.stop()                      # drive the frames by hand: no clock involved
    for _ in range(66):                          # two seconds' worth of frames at 33 per second
        s.run_loop.frame()
    assert 1 <= s.session.step_count <= 10       # before: as fast as possible, hundreds


def test_the_watchable_speed_rule():
    studio = StudioSession(project_file.load(DEFAULT_EXAMPLE))    # the article's single sample
    studio.steps_per_second = StudioSession.WATCHABLE
    assert studio.run_rate() == 3                                  # the floor: a few steps a second
    x = np.random.default_rng(0).normal(size=(10_000, 2))
    big = Session(build([2, 3, 1], ["tanh", "identity"], seed=0), Dataset(x, x[:, :1]),
                  TrainingConfig(batch_size=1))
    studio.load(big, None)
    assert studio.run_rate() == 300                                # the cap
    studio.steps_per_second = 30
    assert studio.run_rate() == 30                                 # a chosen speed is kept


def test_train_epochs_runs_as_fast_as_possible_whatever_the_speed_box_says(qtbot, monkeypatch):
    window = window_on(qtbot, "xor.json")
    s = window.studio
    window.controls.speed.setCurrentIndex(window.controls.speed.findData(1))    # 1 step/s
    assert s.steps_per_second == 1
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (30, True))
    window.actions_["actionTrainEpochs"].trigger()
    assert s.run_rate() == 0
    qtbot.waitUntil(lambda: not s.running, timeout=30_000)    # 300 steps: 5 minutes at 1 step/s
    assert s.session.step_count == 300
    s.start()
    assert s.run_rate() == 1                                   # Run keeps the chosen speed
    s.stop()
