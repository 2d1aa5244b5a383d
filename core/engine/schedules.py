"""Learning-rate schedules: eta_t for the training step t = 0, 1, 2, ... (counted in steps).

- ``constant``:    eta_t = eta
- ``step``:        eta_t = eta * gamma^floor(t / step_size)
- ``exponential``: eta_t = eta * gamma^t
- ``cosine``:      eta_t = eta_min + (eta - eta_min) (1 + cos(pi min(t, t_max) / t_max)) / 2

Ranges (:func:`problem`, the one place they are checked): gamma > 0 and finite (below 1 the
rate decays, above 1 it grows); step_size >= 1; t_max > 0; eta_min >= 0.  A growing rate
can overflow: :func:`learning_rate` then returns inf and the session stops the step as
diverged, naming the learning rate.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

SCHEDULES: dict[str, dict[str, float]] = {
    "constant": {},
    "step": {"step_size": 100, "gamma": 0.5},
    "exponential": {"gamma": 0.999},
    "cosine": {"t_max": 1000, "eta_min": 0.0},
}


_RULES: dict[str, tuple[Callable[[float], bool], str]] = {
    "gamma": (lambda x: x > 0, "must be > 0 (any finite factor; below 1 the rate decays, above 1 it grows)"),
    "step_size": (lambda x: x >= 1, "must be at least 1"),
    "t_max": (lambda x: x > 0, "must be > 0"),
    "eta_min": (lambda x: x >= 0, "must be >= 0"),
}


def problem(key: str, value: float) -> str | None:
    """Why ``value`` cannot be the schedule parameter ``key`` (None when it can)."""
    ok, reason = _RULES[key]
    return None if ok(value) else f"{reason}, got {value!r}"


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
        reason = problem(key, float(value))
        if reason:
            raise ValueError(f"schedule.{key}: {reason}")
        out[key] = float(value)
    return out


def learning_rate(eta: float, schedule: dict[str, Any], t: int) -> float:
    """eta_t for training step t (0-based) under ``schedule``; inf when it overflows."""
    name = schedule.get("name", "constant")
    if name == "constant":
        return eta
    if name in ("step", "exponential"):
        n = t // int(schedule["step_size"]) if name == "step" else t
        gamma: float = schedule["gamma"]
        try:
            return eta * gamma ** n
        except OverflowError:   # gamma > 1 for long enough: the session reports a divergence
            return math.inf
    if name == "cosine":
        T: float = schedule["t_max"]
        lo: float = schedule["eta_min"]
        return lo + (eta - lo) * (1.0 + math.cos(math.pi * min(t, T) / T)) / 2.0
    raise ValueError(f"unknown schedule {name!r}")
