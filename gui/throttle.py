"""The one redraw throttle of the views (plots, the network editor, the step debugger).

While training runs, a view is asked to redraw after every step, far more often than anyone
can see: :class:`Throttle` calls its callback at most once per interval then, and always once
more at the end of an interval, so the last state is drawn.  When training is not running
every request is drawn at once (each manual step shows).  A view that is slow to draw (a big
network) can let the interval grow with its own drawing time (``cost_factor``).  ``later``
coalesces a burst of signals (an edit emits several) into one request on the next turn of
the event loop.

While training runs, the redraws that are due wait in one queue and are drawn one per turn
of the event loop (:class:`FrameQueue`), never inside the turn that trained: every view
becomes due in the same turn (they all follow ``step_taken``), and drawn together there they
would add up to one long freeze (on 784-128-10 under load: a chunk of steps plus five
redraws, 150-230 ms).  One at a time, each turn is a chunk of steps or one redraw, and the
keyboard and mouse are served between them.

Lives in ``gui/`` itself so that gui/plots, gui/editor and gui/debugger share it without
importing each other.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer


class FrameQueue(QObject):
    """The redraws due while training runs, called one per turn of the event loop.

    A zero-interval timer fires once per turn, after the turn that started it: each call
    starts it again for the next redraw, so no two redraws share a turn.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: list[Throttle] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def add(self, throttle: Throttle) -> None:
        if throttle not in self._queue:
            self._queue.append(throttle)
        if not self._timer.isActive():
            self._timer.start()

    def discard(self, throttle: Throttle) -> None:
        if throttle in self._queue:
            self._queue.remove(throttle)

    def __contains__(self, throttle: object) -> bool:
        return throttle in self._queue

    def _on_timer_timeout(self) -> None:
        while self._queue:
            throttle = self._queue.pop(0)
            if shiboken6.isValid(throttle):       # its view may have gone meanwhile
                throttle.now()
                break
        if self._queue:
            self._timer.start()


_frames: FrameQueue | None = None


def frames() -> FrameQueue:
    """The application's one :class:`FrameQueue` (owned by the application object)."""
    global _frames
    if _frames is None or not shiboken6.isValid(_frames):
        _frames = FrameQueue(QCoreApplication.instance())
    return _frames


class Throttle(QObject):
    """Call ``callback`` at most once per ``interval`` seconds while running.

    Parameters
    ----------
    interval : float
        Seconds between calls while running.
    callback : callable
        What to call (a redraw).
    parent : QObject, optional
        Owns the timers.
    cost_factor : float
        When > 0, the interval grows to ``cost_factor`` times the callback's last duration
        when that is longer (a slow redraw gets proportionally more time between redraws).
    running : callable, optional
        Whether training runs, for :meth:`request` and :meth:`later` without an argument.
    """

    def __init__(self, interval: float, callback: Callable[[], None], parent: QObject | None = None,
                 cost_factor: float = 0.0, running: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.interval = interval
        self.cost_factor = cost_factor
        self._wait = interval
        self._callback = callback
        self._running = running or (lambda: False)
        self._was_running = False         # what the last request was told
        self._last = -math.inf
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.request)

    def request(self, running: bool | None = None) -> None:
        """Not running: call now.  Running: queue the call for a turn of its own once the
        interval has passed (:class:`FrameQueue`), or start waiting for its end."""
        self._soon.stop()
        running = self._running() if running is None else running
        self._was_running = running
        wait = self._last + self._wait - time.perf_counter()
        if not running:
            self.now()
        elif wait <= 0:
            frames().add(self)
        elif not self._timer.isActive():
            self._timer.start(max(1, int(wait * 1000)))

    def later(self) -> None:
        """:meth:`request` on the next turn of the event loop (many signals, one call)."""
        self._soon.start()

    def pending(self) -> bool:
        return self._timer.isActive() or self._soon.isActive() or self in frames()

    def cancel(self) -> None:
        """Forget any pending call."""
        self._timer.stop()
        self._soon.stop()
        frames().discard(self)

    def _on_timer_timeout(self) -> None:
        """The interval is over: the last request is drawn (in a turn of its own while running)."""
        if self._was_running:
            frames().add(self)
        else:
            self.now()

    def now(self) -> None:
        """Call at once (a pending call is dropped) and time the call."""
        self.cancel()
        started = time.perf_counter()
        self._callback()
        self._last = time.perf_counter()
        if self.cost_factor:
            self._wait = max(self.interval, self.cost_factor * (self._last - started))
