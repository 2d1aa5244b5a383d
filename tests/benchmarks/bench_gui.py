"""GUI rows, offscreen (QT_QPA_PLATFORM=offscreen).  PENDING: the GUI is being written.

Each row is a function returning a :class:`Row`, like every other benchmark: fill in the
measurement and return ``Row(name, value, target, ok)``.  Until then each returns a
placeholder whose value is "pending".
"""
from __future__ import annotations

from .timing import Row


def fps_and_latency(quick: bool = False) -> list[Row]:
    """PENDING: train xor with every view visible; frames per second and the worst
    event-loop latency (e.g. a 1 ms QTimer whose lateness is recorded)."""
    return [Row("gui: fps training xor, all views", "pending", ">= 30 fps", None),
            Row("gui: worst event-loop latency, same run", "pending", "<= 100 ms", None)]


def run_mode_rate(quick: bool = False) -> Row:
    """PENDING: sample-steps per second in run mode (steps x batch size / wall time)."""
    return Row("gui: sample-steps per second in run mode", "pending", ">= 2,000 /s", None)


def cold_start(quick: bool = False) -> Row:
    """PENDING: wall time from launching ``python -m gui`` in a fresh process until the main
    window is shown (the child prints a marker from its first showEvent and exits)."""
    return Row("gui: cold start to a shown window (own process)", "pending", "< 2 s", None)


def run(quick: bool = False) -> list[Row]:
    return fps_and_latency(quick) + [run_mode_rate(quick), cold_start(quick)]
