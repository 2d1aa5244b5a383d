"""The run loop (gui/run_loop.py) on its own, the studio delegating to it, and the studio as the
only thing that steps (the --steps of a render included)."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.documents import EXAMPLES_DIR
from backprop_studio.gui.run_loop import RunLoop
from backprop_studio.gui.studio import StudioSession


def xor(lr: float = 0.5, activation: str = "tanh") -> Session:
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    y = np.array([[0], [1], [1], [0]], float)
    return Session(core.build([2, 3, 1], [activation, "identity"], seed=1), Dataset(x, y),
                   TrainingConfig(batch_size=1, optimizer_params={"learning_rate": lr}))


class Trainer:
    """What the loop is given: a session, a guarded train call, and 'tell the views'."""

    def __init__(self, session: Session, refuse_after: int | None = None) -> None:
        self.session, self.refuse_after, self.moves = session, refuse_after, 0

    def train(self, work) -> bool:
        if self.refuse_after is not None and self.session.step_count >= self.refuse_after:
            self.loop.stop()              # as the studio does when memory is short
            return False
        work()
        return True

    def moved(self) -> None:
        self.moves += 1


@pytest.fixture(autouse=True)
def no_chunk_deadline(monkeypatch):
    """A chunk stops at its step budget, never at its time budget: no clock decides a count here."""
    monkeypatch.setattr(RunLoop, "CHUNK_SECONDS", 3600.0)


def loop_of(trainer: Trainer) -> RunLoop:
    trainer.loop = RunLoop(lambda: trainer.session, trainer.train, trainer.moved)
    return trainer.loop


def test_a_run_of_n_steps_at_a_chosen_speed_takes_what_each_frame_owes(qapp):
    trainer = Trainer(xor())
    loop = loop_of(trainer)
    states, progress = [], []
    loop.state_changed.connect(states.append)
    loop.progressed.connect(lambda done, asked: progress.append((done, asked)))
    loop.steps_per_second = 10            # 10 steps/s at 33 frames/s: 10/33 of a step a frame
    loop.start(steps=4)                   # frames by hand: the timer fires only in an event loop
    for _ in range(7):
        loop.frame()
    # credit after frame f is 10 f / 33: whole steps at frames 4 (1.21) and 7 (2.12)
    assert trainer.session.step_count == 2 and [d for d, _ in progress] == [0, 0, 0, 1, 1, 1, 2]
    while loop.running:
        loop.frame()
    assert trainer.session.step_count == 4 and progress[-1] == (4, 4)
    assert states == [True, False] and not loop.running and trainer.moves == len(progress)


def test_the_watchable_speed_is_an_epoch_in_two_seconds_within_its_range(qapp):
    trainer = Trainer(xor())              # 4 samples, batch 1: 4 batches an epoch -> 2 steps/s, floor 3
    loop = loop_of(trainer)
    loop.steps_per_second = RunLoop.WATCHABLE
    assert loop.rate() == 3
    loop.start(fast=True)
    assert loop.rate() == 0               # Train N epochs: as fast as possible
    loop.stop()
    assert loop.rate() == 3


def test_a_refused_chunk_tells_the_views_and_the_trainer_decides_to_stop(qapp):
    trainer = Trainer(xor(), refuse_after=2)
    loop = loop_of(trainer)
    states, progress = [], []
    loop.state_changed.connect(states.append)
    loop.progressed.connect(lambda done, asked: progress.append(done))
    loop.start(steps=2)
    loop.frame()                          # as fast as possible: both steps in one chunk
    assert trainer.session.step_count == 2 and states == [True, False] and progress == [2]
    loop.start()
    loop.frame()                          # refused: no step, no progress, stopped, the views told
    assert trainer.session.step_count == 2 and progress == [2] and states == [True, False, True, False]
    assert trainer.moves == 2


def test_the_studio_delegates_run_mode_and_reports_through_its_own_signals(qtbot):
    studio = StudioSession(xor())
    states, progress = [], []
    studio.run_state_changed.connect(states.append)
    studio.run_progress.connect(lambda done, asked: progress.append((done, asked)))
    studio.steps_per_second = 0
    studio.start(steps=25)
    assert studio.running and studio.run_loop.running
    qtbot.waitUntil(lambda: not studio.running, timeout=20000)
    assert studio.session.step_count == 25 and states == [True, False] and progress[-1] == (25, 25)


def test_train_steps_is_the_studios_and_tells_the_views_once(qtbot):
    studio = StudioSession(xor())
    heard = []
    studio.step_taken.connect(lambda: heard.append(studio.session.step_count))
    studio.train_steps(7)
    assert heard == [7]
    reference = xor()
    for _ in range(7):
        reference.step()
    for a, b in zip(studio.session.network.parameters(), reference.network.parameters()):
        np.testing.assert_array_equal(a, b)


def test_train_steps_stops_at_divergence_and_says_so(qtbot):
    studio = StudioSession(xor(lr=1e3, activation="identity"))
    said = []
    studio.diverged.connect(said.append)
    studio.train_steps(50)
    assert studio.session.diverged is not None and said and studio.session.step_count < 50


def test_the_apps_steps_option_goes_through_the_studio(tmp_path):
    """gui/app.py used to step the core session and emit the studio's signals itself.  A real
    start (a --screenshot render, in its own process), with the studio's train_steps watched."""
    out = tmp_path / "shot.png"
    code = ("from backprop_studio.gui import app, studio; seen = []; real = studio.StudioSession.train_steps\n"
            "def watched(self, n):\n    real(self, n); seen.append((n, self.session.step_count))\n"
            "studio.StudioSession.train_steps = watched\n"
            f"code = app.main([{str(EXAMPLES_DIR / 'xor.json')!r}, '--steps', '3', '--screenshot', {str(out)!r}, "
            "'--size', '800x600'])\nprint(code, seen)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.stdout.splitlines()[-1:] == ["0 [(3, 3)]"], run.stderr
    assert out.stat().st_size > 0
