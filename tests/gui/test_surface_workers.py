"""gui.workers.TaskRunner: results on the GUI thread, errors as messages, stale jobs dropped."""
from __future__ import annotations

import threading

from backprop_studio.core.checks.errors import InputError
from backprop_studio.gui.workers import _LIVE, TaskRunner


def square(x, *, should_stop, progress):
    progress(1, 1)
    return x * x, threading.get_ident()


def refuse(*, should_stop, progress):
    raise InputError("bad number", "field")


def test_result_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(square, 7)
    value, worker_thread = blocker.args[0]
    assert value == 49 and worker_thread != threading.get_ident()
    qtbot.waitUntil(lambda: not _LIVE, timeout=5000)


def test_input_errors_become_messages(qtbot):
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(refuse)
    assert blocker.args == ["field: bad number"]


def until_stopped(entered, *, should_stop, progress):
    """A job with no end of its own: it runs until it is asked to stop (polling, as a
    landscape does between chunks) and says so."""
    entered.set()
    while not should_stop():
        entered.wait(0.001)     # the worker's own pace, not a wait of the test
    return "stopped when asked"


def test_a_new_job_replaces_the_running_one(qtbot):
    runner = TaskRunner()
    results = []
    runner.finished.connect(results.append)
    entered = threading.Event()
    runner.start(until_stopped, entered)
    assert entered.wait(10)                    # the first job is under way in its thread
    first = runner._threads[0]
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(square, 3)
    # the stale job reports "stopped when asked" through the same queued signals; once its
    # thread's own ``finished`` has been handled (the runner then drops it), they have all
    # been delivered, so a result that was going to leak through would be in ``results``
    qtbot.waitUntil(lambda: first not in runner._threads, timeout=10_000)
    assert [r[0] for r in results] == [9]
    runner.shutdown()
    assert not runner.running


def test_shutdown_stops_and_waits(qtbot):
    """shutdown() asks the job to stop and returns once its thread has ended: it neither
    leaves the thread running nor waits for the job to end on its own (this one never would).
    How long it takes is the benchmark row "workers: shutdown of a running job"."""
    runner = TaskRunner()
    entered = threading.Event()
    runner.start(until_stopped, entered)
    assert entered.wait(10)
    (thread,) = runner._threads
    runner.shutdown()
    assert thread.isFinished() and thread.stop_event.is_set()
    assert not runner.running and not any(t.isRunning() for t in list(_LIVE))
