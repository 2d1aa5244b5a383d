"""Fine stepping rows (issue 27 §3), offscreen, in the main window at 1366x768 with the Computation
Graph's tab on top, on 784-128-10 (bench_graph's session: ReLU, softmax, cross-entropy, batch 32):

- a tick: F11 with Fine Stepping on, inside backward layer 1 (1,664 ticks: ten contributions
  w·δ, ∂E/∂v_out and δ per hidden unit, then a gradient column per unit), measured until every
  view has redrawn and painted; against a Step Phase press in the same window and run (the
  phase's computation and the same redraws), taken in turns.  Target: a tick costs at most
  what a phase costs (ratio <= 1).
- figure: cutting the widest phase into ticks (``core.explain.fine.ticks``), in ms.
"""
from __future__ import annotations

import statistics
import time

from .bench_graph import _settle, _window, wide_session
from .timing import Row, fmt_time


def measure(repeats: int) -> dict[str, list[float]]:
    session = wide_session()
    app, window = _window(session)
    studio, docks = window.studio, window.docks
    docks["computationGraph"].raise_()
    out: dict[str, list[float]] = {"tick": [], "phase": []}
    try:
        for _ in range(repeats):
            studio.fine.set_enabled(False)
            session.reset()
            for _ in range(4):                  # to backward layer 2 done: the next phase is backward 1
                session.step_phase()
            studio.step_taken.emit()
            _settle(app)
            t0 = time.perf_counter()
            window.actions_["actionStepPhase"].trigger()      # a phase, coarse
            app.processEvents()
            out["phase"].append(time.perf_counter() - t0)
            studio.fine.set_enabled(True)
            studio.fine.cursor.retreat(session)     # backward layer 1 at its last tick but one ...
            for _ in range(800):
                studio.fine.cursor.retreat(session)    # ... then in the middle of its contributions
            _settle(app)
            t0 = time.perf_counter()
            window.actions_["actionStepPhase"].trigger()      # a tick
            app.processEvents()
            out["tick"].append(time.perf_counter() - t0)
    finally:
        studio.fine.set_enabled(False)
        studio.set_unmodified()
        window.close()
        window.deleteLater()
        app.processEvents()
    return out


def cut_figure(repeats: int) -> Row:
    from backprop_studio.core.explain import context_for
    from backprop_studio.core.explain.fine import ticks

    session = wide_session()
    for _ in range(5):
        rec = session.step_phase()
    ctx = context_for(session, rec)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        cut = ticks(ctx, rec.phases[4])
        times.append(time.perf_counter() - t0)
    return Row("fine: cutting backward layer 1 of 784-128-10 into ticks", f"{fmt_time(statistics.median(times))}; "
               f"{len(cut)} ticks", "figure", None)


def run(quick: bool = False) -> list[Row]:
    repeats = 3 if quick else 10
    found = measure(repeats)
    ratios = [t / p for t, p in zip(found["tick"], found["phase"])]
    ratio = statistics.median(ratios)
    return [Row("fine: an F11 tick / a Step Phase press, 784-128-10, graph on top",
                f"{ratio:.2f}x (tick {fmt_time(statistics.median(found['tick']))}, phase "
                f"{fmt_time(statistics.median(found['phase']))}; median of {repeats})", "<= 1.00x", ratio <= 1.0),
            cut_figure(repeats)]
