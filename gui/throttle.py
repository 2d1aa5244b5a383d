"""The one redraw throttle of the views (plots, the network editor, the step debugger).

While training runs, a view is asked to redraw after every step, far more often than anyone
can see: :class:`Throttle` calls its callback at most once per interval then, and always once
more at the end of an interval, so the last state is drawn.  When training is not running
every request is drawn at once (each manual step shows).  A view that is slow to draw (a big
network) can let the interval grow with its own drawing time (``cost_factor``).  ``later``
coalesces a burst of signals (an edit emits several) into one request on the next turn of
the event loop.

Lives in ``gui/`` itself so that gui/plots, gui/editor and gui/debugger share it without
importing each other.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


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
        self._last = -math.inf
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.request)

    def request(self, running: bool | None = None) -> None:
        """Call now when not running or when the interval has passed, else once at its end."""
        self._soon.stop()
        running = self._running() if running is None else running
        wait = self._last + self._wait - time.perf_counter()
        if not running or wait <= 0:
            self.now()
        elif not self._timer.isActive():
            self._timer.start(max(1, int(wait * 1000)))

    def later(self) -> None:
        """:meth:`request` on the next turn of the event loop (many signals, one call)."""
        self._soon.start()

    def pending(self) -> bool:
        return self._timer.isActive() or self._soon.isActive()

    def cancel(self) -> None:
        """Forget any pending call."""
        self._timer.stop()
        self._soon.stop()

    def now(self) -> None:
        """Call at once (a pending call is dropped) and time the call."""
        self.cancel()
        started = time.perf_counter()
        self._callback()
        self._last = time.perf_counter()
        if self.cost_factor:
            self._wait = max(self.interval, self.cost_factor * (self._last - started))
