"""Binding soak test: thousands of live plot updates must not kill the interpreter.

PySide6-Essentials 6.12.0 with pyqtgraph 0.14.0 on Python 3.11 dies under exactly this
load with ``Fatal Python error: none_dealloc``: every repaint releases references to
None that the binding never took (about 160 per curve + image update here), and once
None's reference count reaches zero the interpreter aborts, after a few hundred updates.
That is why pyproject.toml pins PySide6.

Both tests watch the reference counts of None, True and False (``bool_dealloc`` is the
same fault on a bool) and fail with a message before the count can reach zero; any other
kind of crash under the soak still aborts the run, which CI cannot miss either.
On Python >= 3.12 these objects are immortal, so the count check is vacuous there.
"""
from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

SOAK_UPDATES = 1000   # 6.12.0 aborts after about a hundred (16,000 references at ~160 an update)
# A sound binding's counts drift by a few per update; the broken one loses ~160 per update
# and aborts at about 16,000, so this leaves room both ways.
MAX_LOST_REFERENCES = 1000
SINGLETONS = {"None": None, "True": True, "False": False}
FATAL_ERROR = {"None": "none_dealloc", "True": "bool_dealloc", "False": "bool_dealloc"}


def reference_counts() -> dict[str, int]:
    return {name: sys.getrefcount(obj) for name, obj in SINGLETONS.items()}


def reference_counts_at_rest() -> dict[str, int]:
    """:func:`reference_counts` once what earlier tests left behind is gone: their widgets
    deleted and their cycles collected.  Freed in the middle of a soak instead (by the
    main-thread collector), that garbage drops None's count by thousands at once, as the
    broken binding would: the test then failed after other GUI tests, whatever the binding."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return reference_counts()


def assert_references_kept(before: dict[str, int], updates: int) -> None:
    now = reference_counts()
    for name, count in before.items():
        lost = count - now[name]
        assert lost < MAX_LOST_REFERENCES, (
            f"the Qt binding released {lost} references to {name} it never took in {updates} "
            f"plot updates; this interpreter would abort with {FATAL_ERROR[name]}")


@dataclass
class LivePlot:
    widget: pg.PlotWidget
    curve: pg.PlotDataItem
    image: pg.ImageItem
    updates: int = 0

    def update(self) -> None:
        """One frame of a training session: a new loss curve and a changed surface."""
        i = self.updates
        x = np.linspace(0.0, 1.0, 200)
        self.curve.setData(x, np.sin(6.0 * x + 0.01 * i))
        grid = np.outer(np.cos(np.linspace(0.0, 3.0, 48) + 0.02 * i), np.linspace(0.0, 1.0, 48))
        if i % 10 == 0:
            self.image.setImage(grid)  # with autoLevels, as when the surface is recomputed
        else:
            self.image.setImage(grid, levels=(-1.0, 1.0))
        self.updates = i + 1


@pytest.fixture
def live_plot(qtbot) -> Iterator[LivePlot]:
    # Earlier tests' garbage goes first: the collector (on a timer, gui/main_thread_gc.py) would
    # otherwise free it during the soak, and the references it drops are not this test's.
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(320, 240)
    image, curve = pg.ImageItem(), pg.PlotDataItem()
    widget.addItem(image)
    widget.addItem(curve)
    widget.show()
    qtbot.waitExposed(widget)
    yield LivePlot(widget, curve, image)


def test_repaints_keep_their_references_to_none(live_plot: LivePlot) -> None:
    before = reference_counts_at_rest()
    for _ in range(30):
        live_plot.update()
        QApplication.processEvents()
    assert_references_kept(before, live_plot.updates)


def test_live_plot_updates_survive(live_plot: LivePlot) -> None:
    # Timer-driven updates interleave with the loop's own, as in a running session.
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(live_plot.update)
    timer.start()
    before = reference_counts_at_rest()
    try:
        # a count, not a time limit: a loaded machine takes longer but soaks just as much
        while live_plot.updates < SOAK_UPDATES:
            live_plot.update()
            QApplication.processEvents()
            if live_plot.updates % 8 == 0:
                assert_references_kept(before, live_plot.updates)
    finally:
        timer.stop()
    assert live_plot.curve.getData()[1].shape == (200,)
    assert live_plot.image.image.shape == (48, 48)
