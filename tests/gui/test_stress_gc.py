"""Qt objects die on the main thread, whatever a background job allocates (gui/main_thread_gc.py)."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.gui import main_thread_gc

REPO = Path(__file__).resolve().parents[2]
STRESS_SECONDS = 20


def test_the_suite_collects_on_the_main_thread_only(qapp):
    assert main_thread_gc.installed()
    assert not gc.isenabled()


def test_a_cycle_dropped_while_a_worker_allocates_is_collected_on_the_main_thread(qapp):
    died_on: list[int] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            died_on.append(threading.get_ident())

    Cycle()                                  # garbage that only the cyclic collector frees

    results = []

    def allocate() -> None:                  # what a landscape or race job does: containers,
        results.append([(np.zeros(2), [i], {"i": i}) for i in range(20_000)])   # handed over

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert died_on == [], "the worker thread ran the cyclic garbage collector"
    assert main_thread_gc.collect_due() is not None      # the timer's job, on the main thread
    assert died_on == [threading.get_ident()]


def test_collections_follow_the_generation_thresholds(qapp):
    threshold0, threshold1, threshold2 = gc.get_threshold()
    gc.collect()
    main_thread_gc._gen0_runs = main_thread_gc._gen1_runs = 0
    assert main_thread_gc.collect_due() is None          # nothing allocated since
    generations, kept = [], []
    for _ in range(threshold1 * threshold2):
        kept.append([[] for _ in range(threshold0 + 1)])  # enough new objects for a young collection
        generations.append(main_thread_gc.collect_due())
    assert generations.count(2) == 1 and generations[-1] == 2
    assert generations.count(1) == threshold2 - 1
    assert generations.count(0) == threshold1 * threshold2 - threshold2


@pytest.mark.timeout(STRESS_SECONDS + 150)
def test_stress_qt_garbage_in_cycles_while_background_jobs_run(tmp_path):
    """Before main_thread_gc this crashed within seconds (segfault in ~QObject on a worker,
    or a deadlock between a Qt lock and the GIL): see tests/gui/stress_gc.py --no-guard."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKPROP_STUDIO_DATA=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    try:
        done = subprocess.run([sys.executable, str(REPO / "tests" / "gui" / "stress_gc.py"), str(STRESS_SECONDS)],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=STRESS_SECONDS + 120)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"the stress run hung (a deadlock?); its output:\n{e.stderr}")
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-4000:]}"
    assert "survived" in done.stdout
    assert "automatic collection off" in done.stdout
