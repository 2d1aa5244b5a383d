"""Bounded memory in the app: a long run of a large network keeps every per-step store in bytes."""
from __future__ import annotations

import tracemalloc

import numpy as np

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import build
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.commands import part_bytes
from backprop_studio.gui.plots import diagnostics, loss_curve, surface_trajectory
from backprop_studio.gui.plots.diagnostics import Diagnostics
from backprop_studio.gui.plots.loss_curve import LossCurve
from backprop_studio.gui.plots.surface_network import NetworkLandscape
from backprop_studio.gui.studio import StudioSession

MiB = 2 ** 20
STORES = 64 * MiB + surface_trajectory.MAX_BYTES + diagnostics.MAX_BYTES + loss_curve.MAX_BYTES \
    + loss_curve.TEST_MAX_BYTES     # 117 MiB: the history and the views' records together


def test_a_long_run_of_a_784_64_10_network_keeps_every_store_in_bytes(qtbot):
    """Before: 600 steps grew traced memory by 357 MiB (history ~130 MB, trajectory 407 KB a point)."""
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(500, 784)), rng.uniform(size=(500, 10)))
    core = Session(build([784, 64, 10], "sigmoid", seed=1), data,
                   TrainingConfig(optimizer="adam", batch_size=32, shuffle=True))
    studio = StudioSession(core)
    views = [LossCurve(studio), Diagnostics(studio), NetworkLandscape(studio)]
    for view in views:
        qtbot.addWidget(view)
    recorder = views[2].recorder
    studio.step()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(400):
            studio.step()        # each step is one redraw's worth of recording, as in run mode
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert core.history.own_nbytes() <= 64 * MiB
    assert recorder.nbytes <= surface_trajectory.MAX_BYTES and recorder.steps[0] == 0
    assert recorder.steps[-1] == core.step_count == 401
    assert grown <= STORES, f"grew by {grown / MiB:.0f} MiB"


def _big_session(sizes=(1000, 2000, 10)) -> StudioSession:
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(4, sizes[0])), rng.uniform(size=(4, sizes[-1])))
    return StudioSession(Session(build(list(sizes), "sigmoid", seed=1), data, TrainingConfig()))


def test_a_typed_weight_on_a_large_network_keeps_two_numbers_and_undoes_exactly():
    """Before, the command deep-copied every parameter twice (2 x 16 MB here, 2 x 80 MB at the limit)."""
    studio = _big_session()
    before = [p.copy() for p in studio.session.network.parameters()]
    studio.edit_parameter(0, (3, 5), 0.75, "set a weight")
    command = studio.undo_stack.command(0)
    assert part_bytes([v for k, v in vars(command).items() if k != "part"]) == 0   # the part: a reference
    assert studio.undo_bytes() == 0
    after = [p.copy() for p in studio.session.network.parameters()]
    assert after[0][3, 5] == 0.75
    studio.undo_stack.undo()
    assert all(np.array_equal(p, q) for p, q in zip(studio.session.network.parameters(), before))
    studio.undo_stack.redo()
    assert all(np.array_equal(p, q) for p, q in zip(studio.session.network.parameters(), after))


def test_the_undo_stack_keeps_its_copies_under_its_limit(monkeypatch):
    studio = _big_session((100, 200, 10))
    size = part_bytes(studio.session.network.parameters())
    monkeypatch.setattr("backprop_studio.gui.studio.UNDO_MAX_BYTES", 5 * size)
    notes = []
    studio.note.connect(notes.append)
    for i in range(10):        # each "restore values" edit keeps two copies of every parameter
        studio.push("params", [p + i for p in studio.session.network.parameters()], f"values {i}")
        assert studio.undo_bytes() <= 5 * size
    assert notes and "undo history was dropped" in notes[-1] and not studio.undo_stack.isClean()
    studio.undo_stack.undo()
    assert studio.session.network.b[0][0] == 0 + sum(range(9))
    monkeypatch.setattr("backprop_studio.gui.studio.UNDO_MAX_BYTES", size)
    studio.push("params", [p + 1 for p in studio.session.network.parameters()], "too big")
    assert "too big: done without undo" in notes[-1]
    assert not studio.undo_stack.canUndo() and not studio.undo_stack.isClean()
    assert studio.session.network.b[0][0] == 1 + sum(range(9))


def test_a_step_too_big_for_memory_is_a_note_not_a_crash(qtbot, monkeypatch):
    studio = _big_session((100, 200, 10))
    notes = []
    studio.note.connect(notes.append)
    monkeypatch.setattr("backprop_studio.core.checks.memory.MAX_WORK_BYTES", 1000)
    studio.step()
    assert studio.session.step_count == 0 and "the limit is 0 GiB" in notes[-1]
    monkeypatch.setattr("backprop_studio.core.checks.memory.MAX_WORK_BYTES", 2 ** 40)

    def no_memory():
        raise MemoryError("Unable to allocate 7.28 TiB for an array")

    monkeypatch.setattr(studio.session, "run", lambda **_kw: no_memory())
    studio.start()
    qtbot.waitUntil(lambda: not studio.running, timeout=10_000)
    assert notes[-1] == "Out of memory: training stopped"
