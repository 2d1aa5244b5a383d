"""Compute a slow function in a worker thread, with progress and cancel, and get the result
back on the GUI thread.

A :class:`TaskRunner` runs one job at a time::

    runner = TaskRunner()
    runner.progressed.connect(bar.setValue)       # (done, total), at most ~20 times a second
    runner.finished.connect(self._on_result)      # the function's return value
    runner.failed.connect(self._on_error)         # a one-line message
    runner.cancelled.connect(...)
    runner.start(fn, arg, key=value)              # fn(arg, key=value, should_stop=..., progress=...)

``fn`` runs in a :class:`QThread` and must poll ``should_stop()`` (and may call
``progress(done, total)``); both are passed as keyword arguments, which is the convention
of :mod:`core.surfaces.landscape`.  Starting a new job cancels the one running: its result, if it
still comes, is dropped.  Whatever ``fn`` reads must not change while it runs (pass copies).

Threads are never destroyed while running, which is what Qt warns about as "QThread:
Destroyed while thread is still running" (and then aborts):

* a job's thread has no Qt parent; the module keeps it alive in ``_LIVE`` until it ended;
* :meth:`TaskRunner.shutdown` cancels and waits for the runner's jobs; owners call it when
  they close (``LossSurface`` does so on its ``destroyed`` signal and in ``shutdown()``);
* :func:`shutdown_all` does the same for every job and runs on
  ``QCoreApplication.aboutToQuit``, so quitting during a computation waits for the current
  chunk (milliseconds) and never hangs on a whole grid;
* it runs once more at interpreter exit (``atexit``, before Python tears down its modules),
  for a job started after the last window closed: under load a stress run ended with
  "QThread: Destroyed while thread is still running" without it.
"""
from __future__ import annotations

import atexit
import itertools
import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from backprop_studio.core.checks.errors import InputError

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05     # seconds between progress signals (the GUI need not hear more)
WAIT_MS = 10_000             # how long shutdown waits for a job's current chunk at most

_LIVE: set[_JobThread] = set()
_ids = itertools.count(1)
_quit_hooked = False


class _JobThread(QThread):
    """One job: calls ``fn`` in the thread and reports by signals (queued to the GUI thread)."""

    progressed = Signal(int, int, int)     # job id, done, total
    succeeded = Signal(int, object)        # job id, result
    failed = Signal(int, str)              # job id, message

    def __init__(self, job_id: int, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()       # no parent: see the module docstring
        self.job_id = job_id
        self.stop_event = threading.Event()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._last_progress = 0.0

    def should_stop(self) -> bool:
        return self.stop_event.is_set()

    def report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            self.progressed.emit(self.job_id, int(done), int(total))

    def run(self) -> None:  # noqa: D401 - Qt's name
        try:
            result = self._fn(*self._args, should_stop=self.should_stop, progress=self.report,
                              **self._kwargs)
        except InputError as e:
            self.failed.emit(self.job_id, str(e))
        except Exception as e:  # noqa: BLE001 - a worker must report, never die silently
            log.error("background job failed\n%s", traceback.format_exc())
            self.failed.emit(self.job_id, f"{type(e).__name__}: {e}")
        else:
            self.succeeded.emit(self.job_id, result)


def _hook_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(shutdown_all)
        atexit.register(shutdown_all)
        _quit_hooked = True


def _stop_and_wait(threads: list[_JobThread]) -> None:
    threads = [t for t in threads if shiboken6.isValid(t)]   # at interpreter exit Qt may have gone first
    for thread in threads:
        thread.stop_event.set()
    deadline = time.monotonic() + WAIT_MS / 1000
    for thread in threads:
        left = max(1, int((deadline - time.monotonic()) * 1000))
        if thread.wait(left):
            _LIVE.discard(thread)
        else:  # keep the reference: destroying it now would abort the process
            # a log line, not the interface's text: log() keeps it out of the translation check
            log.log(logging.WARNING, "a background job did not stop within %d ms", WAIT_MS)


def shutdown_all() -> None:
    """Cancel every running job and wait for each to end (connected to aboutToQuit)."""
    _stop_and_wait(list(_LIVE))


class TaskRunner(QObject):
    """Runs one function at a time in a worker thread; see the module docstring."""

    progressed = Signal(int, int)          # done, total
    finished = Signal(object)              # the result of the current job
    failed = Signal(str)
    cancelled = Signal()
    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads: list[_JobThread] = []
        self._current: _JobThread | None = None
        _hook_quit()

    @property
    def running(self) -> bool:
        return self._current is not None

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
        """Run ``fn(*args, **kwargs, should_stop=..., progress=...)``; returns the job id."""
        was_running = self.running
        if self._current is not None:
            self._current.stop_event.set()
        thread = _JobThread(next(_ids), fn, args, kwargs)
        thread.progressed.connect(self._on_thread_progressed)
        thread.succeeded.connect(self._on_thread_succeeded)
        thread.failed.connect(self._on_thread_failed)
        thread.finished.connect(self._on_thread_finished)
        _LIVE.add(thread)
        self._threads.append(thread)
        self._current = thread
        thread.start()
        if not was_running:
            self.running_changed.emit(True)
        return thread.job_id

    def cancel(self) -> None:
        """Ask the current job to stop; ``cancelled`` follows when it has."""
        if self._current is not None:
            self._current.stop_event.set()

    def forget(self) -> None:
        """Cancel the current job and drop whatever it still reports, without ``cancelled``:
        for a job whose input is gone (another document was opened).  Its thread ends as a
        cancelled one does."""
        if self._current is not None:
            self._current.stop_event.set()
            self._end()

    def shutdown(self) -> None:
        """Cancel every job of this runner and wait until their threads have ended."""
        self._current = None
        _stop_and_wait(self._threads)
        self._threads = [t for t in self._threads if t in _LIVE]

    # -- results arrive here, on the GUI thread -------------------------------------------
    def _is_current(self, job_id: int) -> bool:
        return self._current is not None and self._current.job_id == job_id

    def _on_thread_progressed(self, job_id: int, done: int, total: int) -> None:
        if self._is_current(job_id):
            self.progressed.emit(done, total)

    def _on_thread_succeeded(self, job_id: int, result: object) -> None:
        if self._is_current(job_id):
            cancelled = self._current is not None and self._current.should_stop()
            self._end()
            self.cancelled.emit() if cancelled else self.finished.emit(result)

    def _on_thread_failed(self, job_id: int, message: str) -> None:
        if self._is_current(job_id):
            cancelled = self._current is not None and self._current.should_stop()
            self._end()
            self.cancelled.emit() if cancelled else self.failed.emit(message)

    def _end(self) -> None:
        self._current = None
        self.running_changed.emit(False)

    def _on_thread_finished(self) -> None:
        # The thread emits ``finished`` just before it really ends: wait for that, then let
        # it go on the next turn of the event loop (never inside its own signal).
        done = [t for t in self._threads if t.isFinished() or not t.isRunning()]
        for thread in done:
            thread.wait()
            self._threads.remove(thread)
            QTimer.singleShot(0, lambda t=thread: _LIVE.discard(t))
