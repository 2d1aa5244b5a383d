"""core.training.thinned_series: a per-step record that stays within its bytes and spreads evenly."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_studio.core.training.thinned_series import ThinnedSeries


def test_a_million_steps_stay_within_the_bytes_and_keep_the_first_and_latest():
    s = ThinnedSeries(2, max_bytes=24 * 1000)      # 1,000 rows of (step, 2 floats)
    for start in range(0, 1_000_000, 10_000):       # in chunks, as a run reports them
        steps = np.arange(start, start + 10_000)
        s.extend(steps, np.c_[steps, -steps])
        assert s.nbytes <= 24 * 1000 and len(s) <= 1000
    assert s.steps[0] == 0 and s.steps[-1] == 999_999
    assert np.array_equal(s.rows[:, 0], s.steps) and np.array_equal(s.rows[:, 1], -s.steps)
    gaps = np.diff(s.steps[:-1])
    assert len(s) > 400 and gaps.max() == gaps.min() == s.stride   # evenly spread


def test_one_by_one_equals_in_chunks_and_cutting_goes_back():
    a, b = ThinnedSeries(1, 8 * 16 * 10), ThinnedSeries(1, 8 * 16 * 10)
    for i in range(500):
        a.append(i, [i * 0.5])
    b.extend(np.arange(500), np.arange(500)[:, None] * 0.5)
    assert np.array_equal(a.steps, b.steps) and np.array_equal(a.rows, b.rows)
    g = a.generation
    a.cut_after(250)
    assert a.steps[-1] <= 250 and a.generation > g
    a.append(251, [1.0])
    assert a.steps[-1] == 251 and a.rows[-1, 0] == 1.0


def test_rows_bigger_than_the_budget_keep_the_first_and_the_latest():
    s = ThinnedSeries(1000, max_bytes=100)
    for i in range(50):
        s.append(i, np.full(1000, i))
    assert list(s.steps) == [0, 49] and s.rows[1, 0] == 49


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=300), st.integers(2, 40))
def test_any_step_pattern_keeps_the_bound_first_and_latest(gaps, rows):
    s = ThinnedSeries(1, rows * 16)
    steps = np.cumsum([0] + gaps)
    for step in steps:
        s.append(int(step), [float(step)])
        assert len(s) <= rows and s.steps[0] == 0 and s.steps[-1] == step
        assert np.all(np.diff(s.steps) > 0) and np.array_equal(s.rows[:, 0], s.steps)
