"""Learning-rate schedules: eta_t for the training step t = 0, 1, 2, ... (counted in steps).

- ``constant``:    eta_t = eta
- ``step``:        eta_t = eta * gamma^floor(t / step_size)
- ``exponential``: eta_t = eta * gamma^t
- ``cosine``:      eta_t = eta_min + (eta - eta_min) (1 + cos(pi min(t, t_max) / t_max)) / 2
"""
from __future__ import annotations

import math
from typing import Any

SCHEDULES: dict[str, dict[str, float]] = {
    "constant": {},
    "step": {"step_size": 100, "gamma": 0.5},
    "exponential": {"gamma": 0.999},
    "cosine": {"t_max": 1000, "eta_min": 0.0},
}


def check_schedule(schedule: dict[str, Any]) -> dict[str, Any]:
    """The schedule completed with defaults; ValueError names anything wrong."""
    name = schedule.get("name", "constant")
    if name not in SCHEDULES:
        raise ValueError(f"unknown schedule {name!r}; choose one of {', '.join(SCHEDULES)}")
    out: dict[str, Any] = {"name": name, **SCHEDULES[name]}
    for key, value in schedule.items():
        if key == "name":
            continue
        if key not in SCHEDULES[name]:
            raise ValueError(f"schedule {name!r} has no parameter {key!r}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"schedule.{key}: expected a finite number, got {value!r}")
        out[key] = float(value)
    if name == "step" and out["step_size"] < 1:
        raise ValueError("schedule.step_size: must be at least 1")
    if name == "cosine" and out["t_max"] <= 0:
        raise ValueError("schedule.t_max: must be positive")
    return out


def learning_rate(eta: float, schedule: dict[str, Any], t: int) -> float:
    """eta_t for training step t (0-based) under ``schedule``."""
    name = schedule.get("name", "constant")
    if name == "constant":
        return eta
    if name == "step":
        return eta * schedule["gamma"] ** (t // int(schedule["step_size"]))
    if name == "exponential":
        return eta * schedule["gamma"] ** t
    if name == "cosine":
        T, lo = schedule["t_max"], schedule["eta_min"]
        return lo + (eta - lo) * (1.0 + math.cos(math.pi * min(t, T) / T)) / 2.0
    raise ValueError(f"unknown schedule {name!r}")
