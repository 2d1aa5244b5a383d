"""Python's cyclic garbage collector runs on the main (GUI) thread only.

Why
---
CPython starts a collection on whichever thread happens to allocate when the allocation
counters pass their thresholds.  A worker thread computing numpy arrays (a landscape, a
race, a gradient check) therefore collects *every* unreachable cycle in the process,
including Qt wrappers (a dropped widget, menu or plot item caught in a reference cycle).
Their ``QObject`` destructors then run on the worker: Qt objects must die on the thread
they live on, and ``~QObject`` takes a Qt lock and then waits for the GIL while the main
thread holds the GIL and waits for that lock.  The result is a deadlock or a segmentation
fault (``tests/gui/stress_gc.py`` reproduces both without this module).

What
----
:func:`install` switches automatic collection off and collects from a main-thread
``QTimer`` instead, by generation, as CPython would: generation 0 when enough objects were
allocated, generation 1 every ``threshold1`` of those, a full collection every
``threshold2`` of those.  A tick costs a ``gc.get_count()`` when there is nothing to do.

Chosen over worker *processes* because the jobs stay as they are (cancellable by a flag,
progress by signal, results handed over without copying), and because the rule then holds
for every thread in the process, including threads a library starts.  It applies to the app
(:func:`gui.app.main` and every :class:`~gui.main_window.MainWindow`) and to the test suite
(``tests/gui/conftest.py``) alike.  ``core/`` is untouched: a script or the CLI without Qt
keeps Python's normal collector, as it creates no Qt objects.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 100          # how often the main thread checks whether a collection is due

_timer: QTimer | None = None
_gen0_runs = 0             # generation-0 collections since the last generation-1 one
_gen1_runs = 0             # generation-1 collections since the last full one


def installed() -> bool:
    """True while collection is kept on the main thread."""
    return _timer is not None and not gc.isenabled()


def install(app: QObject | None = None) -> None:
    """Collect garbage only on the main thread, from a timer owned by the application.

    Idempotent; call it on the main thread once a ``QCoreApplication`` exists.
    """
    global _timer
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("main_thread_gc.install() needs a QCoreApplication")
    gc.disable()
    if _timer is not None:
        return
    _timer = QTimer(app)
    _timer.setObjectName("mainThreadGarbageCollector")
    _timer.setInterval(INTERVAL_MS)
    _timer.timeout.connect(collect_due)
    _timer.start()
    app.destroyed.connect(_forget)


def _forget() -> None:
    global _timer
    _timer = None


def collect_due() -> int | None:
    """Run the collection CPython would have run by now; the generation collected, or None.

    Must be called on the main thread (the timer does; tests call it between tests).
    """
    global _gen0_runs, _gen1_runs
    threshold0, threshold1, threshold2 = gc.get_threshold()
    if gc.get_count()[0] <= threshold0:
        return None
    generation = 0
    _gen0_runs += 1
    if _gen0_runs >= threshold1:
        generation, _gen0_runs = 1, 0
        _gen1_runs += 1
        if _gen1_runs >= threshold2:
            generation, _gen1_runs = 2, 0
    gc.collect(generation)
    return generation
