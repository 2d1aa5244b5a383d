"""Learning-rate schedules: eta_t for the training step t = 0, 1, 2, ... (counted in steps).

- ``constant``:    eta_t = eta
- ``step``:        eta_t = eta * gamma^floor(t / step_size)
- ``exponential``: eta_t = eta * gamma^t
- ``cosine``:      eta_t = eta_min + (eta - eta_min) (1 + cos(pi min(t, t_max) / t_max)) / 2

Each schedule is one entry of :data:`SCHEDULE_ENTRIES` (:class:`Schedule`: its rule, its
formula, its parameters and its form in the exported PyTorch script).
Each parameter has one :class:`~core.engine.param_spec.ParamSpec` (:data:`SCHEDULE_PARAMS`),
read by the panel, the training configuration and the project-file reader: gamma > 0 and
finite (below 1 the rate decays, above 1 it grows); step_size a whole number >= 1 (as
torch's StepLR: the rate changes every step_size steps); t_max > 0; eta_min >= 0.  A growing
rate can overflow: :func:`learning_rate` then returns inf and the session stops the step as
diverged, naming the learning rate.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .param_spec import ParamError, ParamSpec, by_name, read_all

GAMMA = ParamSpec("gamma", 0.5, lo=0.0, lo_open=True, symbol="γ",
                  meaning="the decay factor (below 1 the rate decays, above 1 it grows)")


@dataclass(frozen=True)
class Schedule:
    """A registry entry: one schedule's rule with everything said about it.

    ``params``: its parameters' specs, in the order the panel and the project file list them;
    ``formula``: the rule in one line; ``torch``: the body of the exported script's
    ``learning_rate(t)``, a Python statement of ``t`` and ``ETA`` (the base rate η) in which
    ``{key!r}`` stands for each parameter (``{key}`` for a whole number).
    """

    name: str
    formula: str
    params: tuple[ParamSpec, ...] = ()
    torch: str = field(default="return ETA", kw_only=True)

    def rate(self, eta: float, hp: Mapping[str, Any], t: int) -> float:
        """eta_t for training step t (0-based); inf when it overflows."""
        raise NotImplementedError

    def torch_body(self, hp: Mapping[str, Any]) -> str:
        """``torch`` with this schedule's parameters ``hp`` filled in."""
        return self.torch.format(**{p.name: int(hp[p.name]) if p.kind == "int" else hp[p.name]
                                    for p in self.params})


class _Constant(Schedule):
    def rate(self, eta: float, hp: Mapping[str, Any], t: int) -> float:
        return eta


def _power(eta: float, gamma: float, n: int) -> float:
    """eta gamma^n; inf when it overflows (gamma > 1 for long enough: the session reports a divergence)."""
    try:
        return eta * gamma ** n
    except OverflowError:
        return math.inf


class _Step(Schedule):
    def rate(self, eta: float, hp: Mapping[str, Any], t: int) -> float:
        return _power(eta, hp["gamma"], t // int(hp["step_size"]))


class _Exponential(Schedule):
    def rate(self, eta: float, hp: Mapping[str, Any], t: int) -> float:
        return _power(eta, hp["gamma"], t)


class _Cosine(Schedule):
    def rate(self, eta: float, hp: Mapping[str, Any], t: int) -> float:
        T: float = hp["t_max"]
        lo: float = hp["eta_min"]
        return lo + (eta - lo) * (1.0 + math.cos(math.pi * min(t, T) / T)) / 2.0


_OVERFLOW = "\n    except OverflowError:\n        return math.inf"
SCHEDULE_ENTRIES: dict[str, Schedule] = {s.name: s for s in (
    _Constant("constant", "constant: eta_t = eta"),
    _Step("step", "step: eta_t = eta gamma^floor(t / step_size)",
          (ParamSpec("step_size", 100, "int", lo=1, symbol="step_size",
                     meaning="multiply η by γ every this many steps"), GAMMA),
          torch="try:\n        return ETA * {gamma!r} ** (t // {step_size})" + _OVERFLOW),
    _Exponential("exponential", "exponential: eta_t = eta gamma^t", (GAMMA.with_default(0.999),),
                 torch="try:\n        return ETA * {gamma!r} ** t" + _OVERFLOW),
    _Cosine("cosine", "cosine: eta_t = eta_min + (eta - eta_min) (1 + cos(pi min(t, t_max) / t_max)) / 2",
            (ParamSpec("t_max", 1000, lo=0.0, lo_open=True, symbol="T_max",
                       meaning="steps over which η falls along a cosine"),
             ParamSpec("eta_min", 0.0, lo=0.0, symbol="η_min", meaning="the lowest η of the cosine")),
            torch="return {eta_min!r} + (ETA - {eta_min!r}) * (1.0 + math.cos(math.pi * min(t, {t_max!r}) / "
                  "{t_max!r})) / 2.0"),
)}
"""The schedules by the names project files use."""

SCHEDULE_PARAMS: dict[str, tuple[ParamSpec, ...]] = {name: s.params for name, s in SCHEDULE_ENTRIES.items()}
"""Each schedule's parameters, in the order the panel and the project file list them."""

SCHEDULES: dict[str, dict[str, float]] = {name: {p.name: p.default for p in specs}
                                          for name, specs in SCHEDULE_PARAMS.items()}
"""Each schedule's defaults (read from :data:`SCHEDULE_PARAMS`)."""


def schedule_specs(name: str) -> Mapping[str, ParamSpec]:
    """The specs of schedule ``name``'s parameters by name (a known name)."""
    return by_name(SCHEDULE_PARAMS[name])


def problem(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be the schedule parameter ``key`` (None when it can)."""
    spec = next(p for specs in SCHEDULE_PARAMS.values() for p in specs if p.name == key)   # a known key
    return spec.problem(value)


def checked_schedule(schedule: Mapping[str, Any]) -> dict[str, Any]:
    """The schedule completed with defaults, each value read by its spec.

    ValueError for a schedule that is not ``{"name": ..., ...}`` or an unknown name;
    :class:`ParamError` (key, reason) for a parameter it does not have or a value out of range.
    """
    if not isinstance(schedule, Mapping):
        raise ValueError(f"expected {{\"name\": ...}} with the schedule's parameters, got {schedule!r:.40}")
    name = schedule.get("name", "constant")
    if not isinstance(name, str) or name not in SCHEDULES:
        raise ValueError(f"unknown schedule {name!r:.40}; choose one of {', '.join(SCHEDULES)}")
    given = {k: x for k, x in schedule.items() if k != "name"}
    try:
        read = read_all(schedule_specs(name), given)
    except ParamError as e:
        if e.key not in schedule_specs(name):
            raise ParamError(e.key, f"schedule {name!r} has no parameter {e.key!r}") from None
        raise
    return {"name": name, **SCHEDULES[name], **read}


def check_schedule(schedule: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`checked_schedule` with messages that name the key (``schedule.gamma: must be > 0, got -0.5``)."""
    try:
        return checked_schedule(schedule)
    except ParamError as e:
        raise ValueError(f"schedule.{e.key}: {e.reason}") from None


def learning_rate(eta: float, schedule: Mapping[str, Any], t: int) -> float:
    """eta_t for training step t (0-based) under ``schedule``; inf when it overflows."""
    name = schedule.get("name", "constant")
    if name not in SCHEDULE_ENTRIES:
        raise ValueError(f"unknown schedule {name!r}")
    return SCHEDULE_ENTRIES[name].rate(eta, schedule, t)
