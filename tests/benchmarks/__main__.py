"""Run every benchmark and print the table.  From the repository root:

    python -m tests.benchmarks            # the full suite, under a minute on 2 cores
    python -m tests.benchmarks --quick    # fewer repeats and steps, ~10 s: a smoke run

``--only engine,history`` runs some groups: every ``bench_NAME.py`` here is the group NAME (``bundle``
compares the standalone build's cold start with the installed app's, when dist/ has one).  The PyTorch
column needs the optional extra (``pip install -e '.[torch]'``); without it that column is
skipped.  Every figure is a ratio measured in the same run against a reference, because the
machines are shared and noisy: compare ratios across machines, not the absolute times.
"""
from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

from . import bench_engine
from .timing import Row, print_table

GROUPS = {   # group name -> its run(quick); every bench_NAME.py module of this folder, in file order
    path.stem.removeprefix("bench_"): importlib.import_module(f"{__package__}.{path.stem}").run
    for path in sorted(Path(__file__).parent.glob("bench_*.py"))
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    torch = bench_engine.import_torch()
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    return (f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, numpy {np.__version__} (OPENBLAS_NUM_THREADS {blas}), "
            f"torch {torch.__version__ if torch else 'not installed'} (1 thread)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a smoke run")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups out of {', '.join(GROUPS)}")
    args = parser.parse_args(argv)
    chosen = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = [g for g in chosen if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    # the engine rows first, whatever --only's order: a group that opens the app's window limits
    # BLAS to one thread for the rest of the process (gui/blas_threads.py), which would time the
    # engine's rows with one thread under a header that says numpy's default
    groups = sorted(dict.fromkeys(chosen), key=lambda g: (g != "engine", list(GROUPS).index(g)))
    print(f"machine: {machine()}")
    print(f"mode: {'quick' if args.quick else 'full'}\n")
    rows: list[Row] = []
    t0 = time.perf_counter()
    for group in groups:
        out = GROUPS[group](args.quick)
        rows += out if isinstance(out, list) else [out]
    print_table(rows)
    missed = sum(r.ok is False for r in rows)
    print(f"\n{sum(r.ok is True for r in rows)} PASS, {missed} MISS, "
          f"{sum(r.ok is None for r in rows)} without a verdict; {time.perf_counter() - t0:.0f} s")
    return 0  # a MISS is a finding to report, not a crash


if __name__ == "__main__":
    sys.exit(main())
