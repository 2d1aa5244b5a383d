"""Bounded memory: the step-back history keeps its 64 MiB for every network size."""
from __future__ import annotations

import numpy as np

from core.datasets import Dataset
from core.history import History
from core.network import build
from core.session import Session, TrainingConfig
from core.validation import MAX_PARAMETERS

from .test_session import assert_same, snapshot

MiB = 2 ** 20


def _session(sizes: list[int], samples: int, optimizer: str = "adam", batch: int = 1) -> Session:
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(samples, sizes[0])), rng.uniform(size=(samples, sizes[-1])))
    config = TrainingConfig(optimizer=optimizer, optimizer_params={"learning_rate": 1e-3},
                            batch_size=batch, shuffle=True, seed=2)
    return Session(build(sizes, "sigmoid", seed=1), data, config)


def test_a_784_300_10_adam_history_stays_under_64_mib_and_steps_back_exactly():
    """One state is 5.7 MB (3 x 238,510 float64): before, 300 steps kept 100 of them (570 MB)."""
    s = _session([784, 300, 10], 50)
    kept = {}
    for step in range(1, 301):
        s.step()
        if step in (299, 296, 290, 180, 1):
            kept[step] = snapshot(s)
        assert s.history.own_nbytes() <= 64 * MiB
    assert s.history.nbytes() <= 64 * MiB + s.state().nbytes()
    for step in (299, 296, 290, 180, 1):       # the dense tail, then recomputed from the grid
        assert s.go_to(step)
        assert_same(snapshot(s), kept[step])
        assert s.history.own_nbytes() <= 64 * MiB


def test_back_step_is_exact_when_only_a_few_states_fit():
    s = _session([5, 7, 2], 9)
    s.history = History(budget=3 * s.state().nbytes())
    s.history.configure(s.state().nbytes())
    s.history.add(s.state(), pin=True)
    trail = [snapshot(s)]
    for _ in range(40):
        s.step()
        trail.append(snapshot(s))
        assert s.history.own_nbytes() <= s.history.budget
    while s.back_step():
        assert_same(snapshot(s), trail[s.step_count])
    assert s.step_count < 40


def test_pinned_edits_count_against_the_budget_too():
    s = _session([20, 30, 3], 9)
    state = s.state().nbytes()
    s.history = History(budget=10 * state)
    s.history.configure(state)
    for _ in range(50):        # 50 typed values: each pins a whole state
        s.step()
        s.set_parameters([p + 1e-3 for p in s.network.parameters()])
        assert s.history.own_nbytes() <= s.history.budget
    edited = snapshot(s)
    s.step()
    assert s.back_step()
    assert_same(snapshot(s), edited)


def test_the_largest_network_the_format_allows_keeps_the_bound():
    """~10 million parameters with Adam: one state is 240 MB, so only the current one is kept."""
    sizes = [990, 10_000, 1]
    assert 9_900_000 < 990 * 10_000 + 10_000 + 10_001 <= MAX_PARAMETERS
    s = _session(sizes, 4)
    for _ in range(6):
        s.step()
        assert s.history.own_nbytes() <= 64 * MiB
    assert len(s.history.states) == 1 and not s.can_step_back
