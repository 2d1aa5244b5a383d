"""Shared test set-up: Qt runs headless, hypothesis never times out a slow example, garbage is
collected on the main thread between tests, and a hung test ends the run with every stack."""
from __future__ import annotations

import faulthandler
import os
import sys

# Set before any test module imports Qt; a real display is never needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Timing varies a lot on shared CI machines; example counts are set per test instead.
# On CI (CI=true) the examples are derandomized, so a run is repeatable: a failure there is a
# failure of the code, not of the draw.  Locally they vary, to keep finding new cases.
settings.register_profile("backprop-studio", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("backprop-studio")

# pytest-timeout (pyproject: timeout) needs the GIL to act, so it cannot end a deadlock in which
# a thread waits for the GIL.  faulthandler's watchdog is a C thread that needs no GIL: a test
# that runs longer than this prints every thread's stack and ends the process (exit code 1).
WATCHDOG_SECONDS = 300


@pytest.fixture(autouse=True)
def watchdog(request):
    marker = request.node.get_closest_marker("timeout")
    limit = max(WATCHDOG_SECONDS, (marker.args[0] + 60) if marker and marker.args else 0)
    faulthandler.dump_traceback_later(limit, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
    gc_guard = sys.modules.get("backprop_studio.gui.main_thread_gc")
    if gc_guard is not None and gc_guard.installed():
        gc_guard.collect_due()       # no event loop may have run: collect what the test left
