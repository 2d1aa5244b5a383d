"""gui.workers.TaskRunner: results on the GUI thread, errors as messages, stale jobs dropped."""
from __future__ import annotations

import threading
import time

from backprop_studio.core.checks.errors import InputError
from backprop_studio.gui.workers import _LIVE, TaskRunner


def slow_square(x, *, should_stop, progress, seconds=0.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if should_stop():
            return None
        time.sleep(0.005)
    progress(1, 1)
    return x * x, threading.get_ident()


def refuse(*, should_stop, progress):
    raise InputError("bad number", "field")


def test_result_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(slow_square, 7)
    value, worker_thread = blocker.args[0]
    assert value == 49 and worker_thread != threading.get_ident()
    qtbot.waitUntil(lambda: not _LIVE, timeout=5000)


def test_input_errors_become_messages(qtbot):
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(refuse)
    assert blocker.args == ["field: bad number"]


def test_a_new_job_replaces_the_running_one(qtbot):
    runner = TaskRunner()
    results = []
    runner.finished.connect(results.append)
    runner.start(slow_square, 2, seconds=5.0)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(slow_square, 3)
    qtbot.wait(50)
    assert [r[0] for r in results] == [9]
    runner.shutdown()
    assert not runner.running


def test_shutdown_stops_and_waits(qtbot):
    runner = TaskRunner()
    runner.start(slow_square, 2, seconds=30.0)
    started = time.monotonic()
    runner.shutdown()
    assert time.monotonic() - started < 2.0
    assert not any(t.isRunning() for t in list(_LIVE))
