"""Where ``Session.step()`` spends its time, for one of the engine benchmark's cases:

    python -m tests.benchmarks.profile_step [steps] [case]

``case`` is a label of :data:`~tests.benchmarks.bench_engine.CASES` (default 2-8-8-1/b32; the
wide one is 784-128-10/b64).  Prints the cProfile table (by own time) of ``steps`` recorded
steps and, for comparison, of the same number of hand-loop steps.  cProfile inflates
Python-call-heavy code, so read the shares, not the absolute times; the timed ratios are in
``python -m tests.benchmarks``.
"""
from __future__ import annotations

import cProfile
import pstats
import sys

from .bench_engine import CASES, HandLoop, make_problem, make_session


def profile(fn, steps: int, top: int) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(steps):
        fn()
    prof.disable()
    pstats.Stats(prof).strip_dirs().sort_stats("tottime").print_stats(top)


def main() -> None:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    labels = {case.label: case for case in CASES}
    label = sys.argv[2] if len(sys.argv) > 2 else CASES[1].label
    if label not in labels:
        sys.exit(f"unknown case {label!r}; choose one of {', '.join(labels)}")
    case = labels[label]
    net, data = make_problem(case)
    print(f"== Session.step(), {case.label}, {steps} steps")
    profile(make_session(net, data, case.batch, case.loss).step, steps, 30)
    print(f"== hand loop, {case.label}, {steps} steps")
    profile(HandLoop(net, data, case.batch, case.loss).step, steps, 12)


if __name__ == "__main__":
    main()
