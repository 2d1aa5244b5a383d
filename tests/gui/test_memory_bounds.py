"""Bounded memory in the app: a long run of a large network keeps every per-step store in bytes."""
from __future__ import annotations

import tracemalloc

import numpy as np

from core.datasets import Dataset
from core.network import build
from core.session import Session, TrainingConfig
from gui.plots import diagnostics, loss_curve, surface_trajectory
from gui.plots.diagnostics import Diagnostics
from gui.plots.loss_curve import LossCurve
from gui.plots.surface_network import NetworkLandscape
from gui.session import StudioSession

MiB = 2 ** 20
STORES = 64 * MiB + surface_trajectory.MAX_BYTES + diagnostics.MAX_BYTES + loss_curve.MAX_BYTES \
    + loss_curve.TEST_MAX_BYTES     # 117 MiB: the history and the views' records together


def test_a_long_run_of_a_784_64_10_network_keeps_every_store_in_bytes(qtbot):
    """Before: 600 steps grew the history by ~130 MB and the trajectory by ~245 MB (407 KB a point)."""
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(500, 784)), rng.uniform(size=(500, 10)))
    core = Session(build([784, 64, 10], "sigmoid", seed=1), data,
                   TrainingConfig(optimizer="adam", batch_size=32, shuffle=True))
    session = StudioSession(core)
    views = [LossCurve(session), Diagnostics(session), NetworkLandscape(session)]
    for view in views:
        qtbot.addWidget(view)
    recorder = views[2].recorder
    session.step()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(600):
            session.step()        # each step is one redraw's worth of recording, as in run mode
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert core.history.own_nbytes() <= 64 * MiB
    assert recorder.nbytes <= surface_trajectory.MAX_BYTES and recorder.steps[0] == 0
    assert recorder.steps[-1] == core.step_count == 601
    assert grown <= STORES, f"grew by {grown / MiB:.0f} MiB"
