"""Lessons from strangers: what a list costs, and what the compute budget buys.

- Listing a folder from the lessons' headers (``core.lessons.listing.entries_in``) against
  reading each whole (``lessons_in``, which builds every embedded project), on the shipped
  lessons and on one hostile lesson embedding three 10-million-parameter networks (issue 26
  §4: 2.1 s and 533 MB just to list it).
- The budget's unit: seconds per unit of work (a parameter meeting a sample in one training
  step, :mod:`core.lessons.budget`) for a tiny, a middling and a large network, and what
  :data:`~core.lessons.budget.MAX_STEP_WORK` therefore costs at most: the target is "seconds,
  not minutes" (under 15 s at the slowest rate measured, on a loaded machine); and what a step
  the app builds at once, on the GUI thread, costs at most (:data:`~core.lessons.budget.
  INLINE_BUILD_WORK`; a costlier one is built in a worker, with progress and Cancel): a few frames.
"""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons.budget import INLINE_BUILD_WORK, MAX_STEP_WORK, STEP_OVERHEAD, size_of
from backprop_studio.core.lessons.listing import entries_in
from backprop_studio.core.lessons.schema import lessons_in

from .timing import Row, fmt_time, interleaved, paired_ratio


def _big(units: tuple[int, ...]) -> dict:
    layers = [{"units": units[0]}] + [{"units": u, "activation": "sigmoid"} for u in units[1:]]
    return {"format": "backprop-studio", "version": 1, "network": {"layers": layers},
            "dataset": {"inputs": [[0.1] * units[0]], "targets": [[0.5] * units[-1]]}}


def listing_rows(repeats: int) -> list[Row]:
    rows = []
    shipped = interleaved({"headers": lambda: entries_in(LESSONS_DIR), "whole": lambda: lessons_in(LESSONS_DIR)},
                          repeats)
    ratio = paired_ratio(shipped["whole"], shipped["headers"])
    rows.append(Row(f"list the shipped lessons: headers {fmt_time(shipped['headers'].median)}",
                    f"whole/headers {ratio:.1f}x", "headers faster", ratio > 1))
    with tempfile.TemporaryDirectory() as folder:
        doc = json.loads((Path(__file__).parents[1] / "core" / "lessons_good" / "minimal.json").read_text())
        doc["projects"] = {k: _big((990, 10_000, 1)) for k in "pqr"}      # 3 x 9,920,001 parameters
        (Path(folder) / "big.json").write_text(json.dumps(doc))
        t0 = time.perf_counter()
        entries_in(folder)
        headers = time.perf_counter() - t0
        t0 = time.perf_counter()
        lessons_in(folder)
        whole = time.perf_counter() - t0
    rows.append(Row(f"list a lesson of 3 x 10M-parameter nets: headers {fmt_time(headers)}",
                    f"whole {fmt_time(whole)} ({whole / headers:.0f}x)", "headers < 50 ms", headers < 0.05))
    return rows


def budget_rows(steps: int) -> list[Row]:
    rows, slowest = [], 0.0
    for units, n in (((3, 2, 1), 1), ((2, 64, 64, 1), 64), ((10, 1000, 10), 100)):
        session = project_file.session_from(_big(units) | {
            "dataset": {"inputs": [[0.1 * (i % 5)] * units[0] for i in range(n)],
                        "targets": [[0.5] * units[-1] for _ in range(n)]}, "training": {"batch_size": 0}})
        size = size_of(session)
        session.step()
        t0 = time.perf_counter()
        session.run(steps=steps)
        per_unit = (time.perf_counter() - t0) / (steps * (size.parameters * size.batch + STEP_OVERHEAD))
        slowest = max(slowest, per_unit)
        rows.append(Row(f"budget unit, {'-'.join(map(str, units))} on {n}", f"{per_unit * 1e9:.1f} ns a unit", "",
                        None))
    worst = MAX_STEP_WORK * slowest
    rows.append(Row(f"a step at the budget ({MAX_STEP_WORK:.0e} units), slowest rate", fmt_time(worst), "< 15 s",
                    worst < 15))
    inline = INLINE_BUILD_WORK * slowest
    rows.append(Row(f"a step built on the GUI thread ({INLINE_BUILD_WORK:.0e} units), slowest rate",
                    fmt_time(inline), "< 50 ms", inline < 0.05))
    return rows


def run(quick: bool = False) -> list[Row]:
    return listing_rows(3 if quick else 10) + budget_rows(50 if quick else 300)
