"""Timing helpers shared by the benchmarks: interleaved repeats, rows and the table.

A benchmark is a function returning one :class:`Row` or a list of them.  ``ok`` is True
(PASS), False (MISS) or None (a figure with no target, a skipped column or a pending row).
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


class Row(NamedTuple):
    name: str
    value: str
    target: str
    ok: bool | None


@dataclass
class Timings:
    """Seconds per call of one implementation, one sample per interleaved repeat."""

    per_call: list[float]

    @property
    def best(self) -> float:
        return min(self.per_call)

    @property
    def median(self) -> float:
        return statistics.median(self.per_call)


def _calls_per_block(fn: Callable[[], object], block_s: float,
                     clock: Callable[[], float] = time.perf_counter) -> int:
    """How many calls of ``fn`` fill about ``block_s`` seconds (after a warm-up call)."""
    fn()
    n = 1
    while True:
        t0 = clock()
        for _ in range(n):
            fn()
        dt = clock() - t0
        if dt >= block_s / 4 or n >= 1 << 20:
            return max(1, int(n * block_s / max(dt, 1e-9)))
        n *= 2


def interleaved(fns: dict[str, Callable[[], object]], repeats: int,
                block_s: float = 0.005, clock: Callable[[], float] = time.perf_counter) -> dict[str, Timings]:
    """Time each function in blocks, the implementations taking turns within every repeat.

    Interleaving means a burst of noise from a neighbour on the machine hits every
    implementation about equally, so ratios taken per repeat (see :func:`paired_ratio`) are
    far steadier than absolute times.  The order rotates each repeat so no implementation
    always runs right after another.  ``clock`` is wall time; ``time.thread_time`` counts only
    this thread's CPU time, which waiting for a busy machine does not inflate (right only when
    all the work runs in this thread: numpy's BLAS and torch with one thread).
    """
    counts = {name: _calls_per_block(fn, block_s, clock) for name, fn in fns.items()}
    names = list(fns)
    out = {name: Timings([]) for name in names}
    for r in range(repeats):
        for name in names[r % len(names):] + names[:r % len(names)]:
            fn, n = fns[name], counts[name]
            t0 = clock()
            for _ in range(n):
                fn()
            out[name].per_call.append((clock() - t0) / n)
    return out


def paired_ratio(a: Timings, b: Timings) -> float:
    """The median over repeats of a/b, each pair measured side by side."""
    return statistics.median(x / y for x, y in zip(a.per_call, b.per_call))


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def verdict(ok: bool | None, value: str) -> str:
    if ok is None:
        return "pending" if value == "pending" else "-"
    return "PASS" if ok else "MISS"


def print_table(rows: list[Row]) -> None:
    head = ("benchmark", "measured", "target", "result")
    cells = [head] + [(r.name, r.value, r.target, verdict(r.ok, r.value)) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for i, c in enumerate(cells):
        print("  ".join(s.ljust(w) for s, w in zip(c, widths)).rstrip())
        if i == 0:
            print(line)
    print(line)
