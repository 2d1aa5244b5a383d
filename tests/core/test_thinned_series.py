"""core.training.thinned_series: a per-step record that stays within its bytes and spreads evenly."""
from __future__ import annotations

import numpy as np
import pytest
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


def test_what_a_reader_gets_is_read_only():
    """The series is the log's own record: a view that reads it cannot change it."""
    s = ThinnedSeries(2, 24 * 100)
    s.extend(np.arange(5), np.ones((5, 2)))
    with pytest.raises(ValueError, match="read-only"):
        s.rows[0, 0] = 5.0
    with pytest.raises(ValueError, match="read-only"):
        s.steps[0] = 3
    s.append(5, [2.0, 2.0])                    # the series itself still writes
    assert s.rows[-1].tolist() == [2.0, 2.0] and s.steps[-1] == 5


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["append", "parts", "extend", "cut", "read"]),
                          st.integers(1, 9)), min_size=1, max_size=120),
       st.integers(2, 12))
def test_rows_handed_over_as_parts_are_the_rows_appended_in_full(ops, capacity):
    """append_parts copies a row only when the series keeps it, or when it is read: whatever
    happens in between (more rows, thinning, cuts, reads), the series holds exactly what a
    series given every row in full holds, at the same generation."""
    width = 3
    lazy, full = ThinnedSeries(width, capacity * (8 * width + 8)), ThinnedSeries(width, capacity * (8 * width + 8))
    step = 0
    for op, k in ops:
        if op == "cut":
            step = max(0, step - k)
            lazy.cut_after(step)
            full.cut_after(step)
        elif op == "read":
            assert np.array_equal(lazy.rows, full.rows)
        elif op == "extend":
            steps = step + 1 + np.arange(k)
            rows = steps[:, None] * np.array([1.0, 1.0, -0.5])
            lazy.extend(steps, rows)
            full.extend(steps, rows)
            step = int(steps[-1])
        else:
            step += k
            parts = [np.full(2, float(step)), np.array([-0.5 * step])]   # read-only, as a step's
            for p in parts:
                p.flags.writeable = False
            if op == "parts":
                lazy.append_parts(step, parts)
            else:
                lazy.append(step, np.concatenate(parts))
            full.append(step, np.concatenate(parts))
        assert lazy.generation == full.generation and len(lazy) == len(full) <= capacity
        assert np.array_equal(lazy.steps, full.steps)
    assert np.array_equal(lazy.rows, full.rows)
    assert np.array_equal(full.rows[:, 0], full.steps) and np.array_equal(full.rows[:, 2], -0.5 * full.steps)


def test_one_row_at_a_time_is_the_rule_of_extend():
    """append is extend of one row: the same rows, the same stride, whatever the chunks."""
    rng = np.random.default_rng(4)
    steps = np.cumsum(rng.integers(1, 4, size=3000))
    rows = rng.normal(size=(3000, 2))
    a, b = ThinnedSeries(2, 24 * 100), ThinnedSeries(2, 24 * 100)
    for step, row in zip(steps, rows):
        a.append(int(step), row)
    for chunk in np.array_split(np.arange(3000), 37):
        b.extend(steps[chunk], rows[chunk])
    assert a.stride == b.stride and np.array_equal(a.steps, b.steps) and np.array_equal(a.rows, b.rows)


@pytest.mark.parametrize("width", [1, 3, 40_000])     # 40,000 floats: a row wider than a block moved at once
def test_thinning_keeps_each_row_with_its_step(width):
    """Thinning moves the kept rows down in place, block by block (a wide row alone): each kept
    row is still the one appended at its step, worked out here from the rule by hand."""
    s = ThinnedSeries(width, 10 * (8 * width + 8))          # 10 rows
    for step in range(100):
        s.append(step, np.full(width, float(step)))
    assert s.stride == 16                                   # 10 rows -> 16 steps a bucket by step 99
    assert list(s.steps) == [0, 16, 32, 48, 64, 80, 96, 99]
    for step, row in zip(s.steps, s.rows):
        assert np.all(row == step)
