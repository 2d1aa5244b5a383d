"""Learning-rate schedules, checked against values worked by hand."""
from __future__ import annotations

import math

import pytest

from backprop_studio.core.engine.schedules import check_schedule, learning_rate


@pytest.mark.parametrize("schedule, t, expected", [
    ({"name": "constant"}, 0, 0.5),
    ({"name": "constant"}, 12345, 0.5),
    ({"name": "step", "step_size": 10, "gamma": 0.5}, 0, 0.5),
    ({"name": "step", "step_size": 10, "gamma": 0.5}, 9, 0.5),
    ({"name": "step", "step_size": 10, "gamma": 0.5}, 10, 0.25),
    ({"name": "step", "step_size": 10, "gamma": 0.5}, 25, 0.125),
    ({"name": "exponential", "gamma": 0.9}, 0, 0.5),
    ({"name": "exponential", "gamma": 0.9}, 2, 0.405),          # 0.5 * 0.81
    ({"name": "cosine", "t_max": 10, "eta_min": 0.1}, 0, 0.5),
    ({"name": "cosine", "t_max": 10, "eta_min": 0.1}, 5, 0.3),   # 0.1 + 0.4 * (1 + 0) / 2
    ({"name": "cosine", "t_max": 10, "eta_min": 0.1}, 10, 0.1),
    ({"name": "cosine", "t_max": 10, "eta_min": 0.1}, 30, 0.1),  # stays at eta_min after t_max
    ({"name": "cosine", "t_max": 4, "eta_min": 0.0}, 1, 0.5 * (1 + math.sqrt(0.5)) / 2),
])
def test_schedule_values(schedule, t, expected):
    assert learning_rate(0.5, check_schedule(schedule), t) == pytest.approx(expected, rel=1e-12)


def test_defaults_are_filled_in():
    assert check_schedule({"name": "step"}) == {"name": "step", "step_size": 100, "gamma": 0.5}
    assert check_schedule({}) == {"name": "constant"}


@pytest.mark.parametrize("schedule", [
    {"name": "warmup"}, {"name": "step", "gama": 0.5}, {"name": "step", "step_size": 0},
    {"name": "cosine", "t_max": 0}, {"name": "exponential", "gamma": float("nan")},
    {"name": "exponential", "gamma": "0.9"},
])
def test_bad_schedules_are_refused(schedule):
    with pytest.raises(ValueError):
        check_schedule(schedule)
