"""FIFOs for the tests of hostile targets, each with a reader for the test's duration.

A writer that opens a FIFO with no reader waits forever; with :class:`DrainedFifo` it never
waits, and whatever it writes is collected, so a test can assert that a refused write put
nothing into the pipe, and the same test fails (instead of hanging) on code that writes there.
"""
from __future__ import annotations

import os
import select
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


class DrainedFifo:
    """A FIFO at ``path`` and a background reader that collects what is written into it."""

    def __init__(self, path: Path) -> None:
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(path)
        self.path = path
        self._fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self._data = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._fd], [], [], 0.05)   # wakes up to see _stop
            if not ready:
                continue
            try:
                chunk = os.read(self._fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:       # the writer closed it: nothing more will come
                return
            self._data += chunk

    def written(self) -> bytes:
        """Stop reading; what was written into the FIFO (a refusal writes nothing)."""
        self._stop.set()
        self._thread.join()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        return bytes(self._data)

    def still_a_fifo(self) -> bool:
        return stat.S_ISFIFO(os.lstat(self.path).st_mode)


def fifo_maker() -> Iterator[Callable[[Path], DrainedFifo]]:
    """The body of a ``fifo`` fixture: makes drained FIFOs and stops their readers afterwards."""
    made: list[DrainedFifo] = []

    def make(path: Path) -> DrainedFifo:
        made.append(DrainedFifo(path))
        return made[-1]

    yield make
    for fifo in made:
        fifo.written()
