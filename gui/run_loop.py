"""Run mode: training continues in chunks on a main-thread timer, the window stays live.

Every frame (:data:`RunLoop.FRAME_SECONDS`, a little over 30 a second) the loop trains one
chunk: as many steps as fit in :data:`RunLoop.CHUNK_SECONDS`, or, at a chosen speed, the
steps that speed owes by now (a credit of fractional steps is carried from frame to frame).
After the chunk the studio tells the views (``step_taken``); the views that are due redraw
each in a turn of the event loop of their own (:mod:`gui.throttle`), never in the turn that
trained, so a key press waits at most for one chunk or one redraw.

The loop only decides *how much* to train and *when to stop*; the studio does the training
(its memory check and error handling) and tells the views.  It is given these as callables,
so it neither knows nor imports the studio.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from backprop_studio.core.training.records import RunResult
from backprop_studio.core.training.session import Session


class RunLoop(QObject):
    """Trains ``session()`` in chunks while running; see the module docstring.

    ``train(work)`` does ``work`` (a call of the session) with the studio's checks and returns
    False when it refused or failed (it stops the loop then); ``moved()`` tells the views.
    """

    state_changed = Signal(bool)      # running or not
    progressed = Signal(int, int)     # steps done, steps asked (0 when open-ended)

    FRAME_SECONDS = 1 / 33            # a frame while running: a little over 30 per second
    CHUNK_SECONDS = 0.012             # compute budget per chunk: leaves time to redraw at 30 fps
    WATCHABLE = -1                    # steps_per_second meaning "a speed a learner can follow"
    EPOCH_SECONDS = 2.0               # the watchable speed: an epoch in about this long ...
    WATCHABLE_RANGE = (3, 300)        # ... but never slower or faster than these steps/s

    def __init__(self, session: Callable[[], Session], train: Callable[[Callable[[], Any]], bool],
                 moved: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._train, self._moved = session, train, moved
        self.steps_per_second: float = 0     # 0: as fast as possible; WATCHABLE: see rate()
        self._fast = False            # this run ignores steps_per_second (Train N Epochs)
        self.timer = QTimer(self)
        self.timer.setInterval(int(self.FRAME_SECONDS * 1000))
        self.timer.timeout.connect(self.frame)
        self._target: dict[str, Any] = {}
        self._done = 0
        self._credit = 0.0

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def rate(self) -> float:
        """Steps per second of the run under way (0: as fast as possible).

        The watchable speed lets a learner follow the network, the debugger and the curve: an
        epoch takes about EPOCH_SECONDS, within WATCHABLE_RANGE steps per second (5 steps/s on
        the xor example's 10 batches, 3 on the article's single sample).
        """
        if self._fast or self.steps_per_second != self.WATCHABLE:
            return 0 if self._fast else self.steps_per_second
        core = self._session()
        batches = core.batches_per_epoch()
        low, high = self.WATCHABLE_RANGE
        return min(max(batches / self.EPOCH_SECONDS, low), high)

    def start(self, steps: int | None = None, until_loss: float | None = None,
              until_step: int | None = None, until: Any = None, fast: bool = False) -> None:
        """Train until stopped, a condition holds (as :meth:`Session.run` takes them) or training
        diverges; at :meth:`rate`, or as fast as possible when ``fast``.  Starting while running
        replaces the target and counts progress afresh."""
        self._fast = fast
        self._target = {"steps": steps, "until_loss": until_loss, "until_step": until_step, "until": until}
        self._done = 0
        self._credit = 0.0
        if not self.running:
            self.timer.start()
            self.state_changed.emit(True)

    def stop(self) -> None:
        self._fast = False
        if self.running:
            self.timer.stop()
            self.state_changed.emit(False)

    def frame(self) -> None:
        """One frame: train a chunk, report progress, stop when the target is reached, and tell
        the views (the timer calls it; a test may call it by hand)."""
        t = self._target
        deadline = time.perf_counter() + self.CHUNK_SECONDS
        budget = self._budget(t["steps"])
        results: list[RunResult] = []
        if not self._train(lambda: results.append(self._session().run(
                steps=budget, until_loss=t["until_loss"], until_step=t["until_step"], until=t["until"],
                should_stop=lambda: time.perf_counter() > deadline))):
            self._moved()
            return
        result = results[0]
        self._done += result.steps
        self.progressed.emit(self._done, t["steps"] or 0)
        if result.reason in ("loss", "step", "until", "diverged") or (
                t["steps"] is not None and self._done >= t["steps"]):
            self.stop()
        self._moved()

    def _budget(self, steps: int | None) -> int | None:
        """The steps this frame may take (None: as many as the chunk's time allows)."""
        budget = None
        rate = self.rate()
        if rate:
            self._credit += rate * self.FRAME_SECONDS
            budget = int(self._credit)
            self._credit -= budget
        if steps is not None:
            left = steps - self._done
            budget = left if budget is None else min(budget, left)
        return budget
