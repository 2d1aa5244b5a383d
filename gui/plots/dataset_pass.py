"""A pass of the network over the whole dataset, done where it fits: in place or in a worker.

The Metrics tab (accuracy, the confusion matrix) and the Diagnostics tab (dead ReLU units)
need the network's output on every training (and test) sample, at most ten times a second
while training runs.  That costs samples x weights multiply-adds: nothing on xor, but 60,000
samples through 784-128-10 is some 6 billion, a second or more on the main thread.

:class:`DatasetPass` runs ``fn(network, dataset)`` (plain numpy, no Qt) in place when it is
at most :data:`IN_PLACE_WORK` multiply-adds (a few milliseconds: the view shows the result at
once, as every small network always did), else in a worker thread (:mod:`gui.workers`) on a
copy of the network, and :attr:`DatasetPass.done` hands the result over when it arrives.
While a pass is under way a newer request waits for it (only the latest one), so passes
longer than the redraw interval still finish and the view follows as fast as they come.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import Network
from backprop_studio.gui.workers import TaskRunner

IN_PLACE_WORK = 4_000_000
"""Multiply-adds a pass may cost on the main thread (about 2 to 5 ms); more go to a worker."""


def pass_work(network: Network, rows: int) -> int:
    """The multiply-adds of a forward pass of ``rows`` samples: rows x the weights."""
    return rows * sum(W.size for W in network.W)


def _in_worker(fn: Callable[[Network, Dataset], Any], network: Network, dataset: Dataset,
               should_stop: Callable[[], bool], progress: Callable[[int, int], None]) -> Any:
    return fn(network, dataset)


class DatasetPass(QObject):
    """``fn(network, dataset)`` for the studio's current network and dataset; see the module
    docstring.  Connect :attr:`done`; call :meth:`request`."""

    done = Signal(object)        # fn's result
    failed = Signal(str)         # a one-line message (a worker's exception)

    def __init__(self, fn: Callable[[Network, Dataset], Any], rows: Callable[[Dataset], int],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._rows = rows
        self._waiting: tuple[Network, Dataset] | None = None
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._start_waiting)

    def in_place(self, network: Network, dataset: Dataset) -> bool:
        return pass_work(network, self._rows(dataset)) <= IN_PLACE_WORK

    def request(self, network: Network, dataset: Dataset) -> None:
        """Run the pass for this network and dataset (now, or in a worker when it is big)."""
        if self.in_place(network, dataset):
            self.runner.forget()                       # an older, bigger pass is out of date
            self._waiting = None
            self.done.emit(self._fn(network, dataset))
            return
        self._waiting = (network.copy(), dataset)      # the session's arrays move on meanwhile
        if not self.runner.running:
            self._start_waiting()

    def forget(self) -> None:
        """Drop the pass under way and the one waiting (another document was opened)."""
        self._waiting = None
        self.runner.forget()

    def shutdown(self) -> None:
        self._waiting = None
        self.runner.shutdown()

    def _start_waiting(self) -> None:
        if self._waiting is not None:
            network, dataset = self._waiting
            self._waiting = None
            self.runner.start(_in_worker, self._fn, network, dataset)

    def _on_runner_finished(self, result: Any) -> None:
        self.done.emit(result)
        self._start_waiting()

    def _on_runner_failed(self, message: str) -> None:
        self.failed.emit(message)
        self._start_waiting()
