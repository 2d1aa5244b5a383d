"""Shared test set-up: Qt runs headless, and hypothesis never times out a slow example."""
from __future__ import annotations

import os

# Set before any test module imports Qt; a real display is never needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings  # noqa: E402

# Timing varies a lot on shared CI machines; example counts are set per test instead.
# On CI (CI=true) the examples are derandomized, so a run is repeatable: a failure there is a
# failure of the code, not of the draw.  Locally they vary, to keep finding new cases.
settings.register_profile("backprop-studio", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("backprop-studio")
