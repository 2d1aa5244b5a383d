"""Where ``Session.step()`` spends its time, for one of the engine benchmark's cases:

    python -m tests.benchmarks.profile_step [steps] [case] [--sections]

``case`` is a label of :data:`~tests.benchmarks.bench_engine.CASES` (default 2-8-8-1/b32; the
wide one is 784-128-10/b64).  Prints the cProfile table (by own time) of ``steps`` recorded
steps and, for comparison, of the same number of hand-loop steps.  cProfile inflates
Python-call-heavy code, so read the shares, not the absolute times; the timed ratios are in
``python -m tests.benchmarks``.

``--sections`` times the parts of a step instead (this thread's CPU time, run with
``OPENBLAS_NUM_THREADS=1``): each function the step calls (:data:`SECTIONS`) is wrapped in a
timer and its total per step printed.  A wrapper's own clock reads cost about a microsecond
per call, so a section of many calls reads high: compare sections between runs of the same
code, and confirm a change with the benchmark (or, for a 2-2-2 step, an instruction count
under valgrind, which a busy machine does not disturb).
"""
from __future__ import annotations

import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from typing import Any

from backprop_studio.core.training import phases, session

from .bench_engine import CASES, HandLoop, make_problem, make_session

SECTIONS = {   # module -> the functions of a step it holds, timed by --sections
    phases: ("layer_values", "delta_below", "gradients_of", "apply_updates", "all_finite"),
    session: ("begin_step", "whole_step"),        # the names the session calls them by
}
SESSION_METHODS = ("_begin_step", "_commit", "_next_batch", "_rules_for")


def profile(fn, steps: int, top: int) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(steps):
        fn()
    prof.disable()
    pstats.Stats(prof).strip_dirs().sort_stats("tottime").print_stats(top)


def _timed(fn: Callable[..., Any], name: str, totals: dict[str, int]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.thread_time_ns()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0) + time.thread_time_ns() - t0
    return timed


def sections(case, steps: int) -> None:
    """Per-step CPU time of each part of ``steps`` recorded steps (after 300 untimed ones)."""
    totals: dict[str, int] = {}
    saved = [(mod, name, getattr(mod, name)) for mod, names in SECTIONS.items() for name in names]
    saved += [(session.Session, name, getattr(session.Session, name)) for name in SESSION_METHODS]
    net, data = make_problem(case)
    s = make_session(net, data, case.batch, case.loss)
    try:
        for owner, name, fn in saved:
            setattr(owner, name, _timed(fn, name, totals))
        rules = s._rules_for(s.config)
        for owner, names in ((rules.loss, ("per_sample", "output_delta")), (rules.optimizer, ("step",))):
            for name in names:   # frozen registry entries: set on this instance only
                object.__setattr__(owner, name, _timed(getattr(owner, name), f"{type(owner).__name__}.{name}", totals))
        for _ in range(300):
            s.step()
        totals.clear()
        t0 = time.thread_time_ns()
        for _ in range(steps):
            s.step()
        whole = (time.thread_time_ns() - t0) / steps / 1000
    finally:
        for owner, name, fn in saved:
            setattr(owner, name, fn)
        for owner, names in ((rules.loss, ("per_sample", "output_delta")), (rules.optimizer, ("step",))):
            for name in names:
                object.__delattr__(owner, name)
    print(f"== Session.step(), {case.label}: CPU time per step of each part ({steps} steps)")
    for name, ns in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"{name:24s} {ns / steps / 1000:8.2f} us")
    print(f"{'the whole step':24s} {whole:8.2f} us  (with the timers' own cost)")


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--sections"]
    steps = int(args[0]) if args else 5000
    labels = {case.label: case for case in CASES}
    label = args[1] if len(args) > 1 else CASES[1].label
    if label not in labels:
        sys.exit(f"unknown case {label!r}; choose one of {', '.join(labels)}")
    case = labels[label]
    if "--sections" in sys.argv[1:]:
        sections(case, steps)
        return
    net, data = make_problem(case)
    print(f"== Session.step(), {case.label}, {steps} steps")
    profile(make_session(net, data, case.batch, case.loss).step, steps, 30)
    print(f"== hand loop, {case.label}, {steps} steps")
    profile(HandLoop(net, data, case.batch, case.loss).step, steps, 12)


if __name__ == "__main__":
    main()
