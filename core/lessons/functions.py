"""The function views of a lesson: reading their specs and walking them with the engine.

A 1-D spec is an objective (a shipped name or a typed expression), a start, an optimizer with
its hyperparameters and the step ``t`` the view shows; a 2-D spec is an objective and a list
of runs (the race).  The paths are :func:`core.surfaces.descent.descend`'s, the numbers the
views draw.  Hyperparameters are checked by the project file's rule
(:func:`core.files.project_schema.check_optimizer`).
"""
from __future__ import annotations

import dataclasses
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.files.project_schema import check_optimizer
from backprop_studio.core.surfaces.descent import DescentPath, descend
from backprop_studio.core.surfaces.function_model import objective_named
from backprop_studio.core.surfaces.functions import OBJECTIVES, Objective, from_expression

from .model import Function1D, Function2D, Run

MAX_T = 10_000          # steps a function view may be asked to walk
MAX_RUNS = 12
CONVERGED = 1e-3        # |f'(x_t)| at most this: the descent has converged ("converges_within")


def read_objective(value: Any, path: str, dims: int) -> tuple[str | None, str | None]:
    """(name, None) for a shipped objective of ``dims`` coordinates, (None, text) for an expression."""
    if isinstance(value, dict):
        v.obj(value, path, ("expression",))
        text = v.string(value["expression"], v.join(path, "expression"))
        try:
            from_expression(text, dims)
        except InputError as e:
            raise InputError(str(e), v.join(path, "expression")) from None
        return None, text
    names = tuple(n for n, o in OBJECTIVES.items() if o.dims == dims)
    return v.string(value, path, names), None


def objective_of(spec: Function1D | Function2D) -> Objective:
    """The objective a spec names, by the function views' rule (core.surfaces.function_model)."""
    return objective_named(spec.function, spec.expression, 1 if isinstance(spec, Function1D) else 2)


def _optimizer(value: dict[str, Any], path: str) -> tuple[str, dict[str, Any]]:
    name = v.string(value.get("optimizer", "sgd"), v.join(path, "optimizer"), tuple(OPTIMIZERS))
    hyper = value.get("hyper", {})
    v.obj(hyper, v.join(path, "hyper"), (), tuple(OPTIMIZERS[name].defaults))
    return name, check_optimizer(name, hyper, v.join(path, "hyper"))


def _start(value: Any, path: str, dims: int) -> tuple[float, ...]:
    return tuple(float(x) for x in v.vector(value, path, dims))


def read_function1d(value: Any, path: str) -> Function1D:
    v.obj(value, path, ("function",), ("start", "optimizer", "hyper", "t"))
    function, expression = read_objective(value["function"], v.join(path, "function"), 1)
    name, hyper = _optimizer(value, path)
    start = _start(value["start"], v.join(path, "start"), 1) if "start" in value else None
    return Function1D(function, expression, start, name, hyper,
                      v.integer(value.get("t", 0), v.join(path, "t"), 0, MAX_T, "steps"))


def read_run(value: Any, path: str) -> Run:
    v.obj(value, path, (), ("start", "optimizer", "hyper"))
    name, hyper = _optimizer(value, path)
    start = _start(value["start"], v.join(path, "start"), 2) if "start" in value else None
    return Run(start, name, hyper)  # type: ignore[arg-type]


def read_function2d(value: Any, path: str) -> Function2D:
    v.obj(value, path, ("function",), ("runs", "steps"))
    function, expression = read_objective(value["function"], v.join(path, "function"), 2)
    runs = value.get("runs", [{}])
    if not isinstance(runs, list) or not 1 <= len(runs) <= MAX_RUNS:
        raise InputError(f"expected a list of 1 to {MAX_RUNS} runs, got {v.describe(runs)}", v.join(path, "runs"))
    return Function2D(function, expression, tuple(read_run(r, v.join(v.join(path, "runs"), i))
                                                  for i, r in enumerate(runs)),
                      v.integer(value.get("steps", 100), v.join(path, "steps"), 0, MAX_T, "steps"))


def read_overlay(value: Any, path: str, dims: int) -> dict[str, Any]:
    """A settings overlay for a function view: some keys of its state, each checked as there."""
    keys = ("function", "start", "optimizer", "hyper", "t") if dims == 1 else ("function", "runs", "steps")
    v.obj(value, path, (), keys)
    if not value:
        raise InputError("an empty overlay changes nothing; leave it out", path)
    probe = {"function": value.get("function", "parabola" if dims == 1 else "round_bowl"),
             **{k: x for k, x in value.items() if k != "function"}}
    if dims == 1 and "hyper" in value and "optimizer" not in value:
        # the optimizer comes from the state: check against the first optimizer that has these keys
        hyper = v.obj(value["hyper"], v.join(path, "hyper"), (),
                      tuple(dict.fromkeys(k for o in OPTIMIZERS.values() for k in o.defaults)))
        fitting = [n for n, o in OPTIMIZERS.items() if set(hyper) <= set(o.defaults)]
        if not fitting:
            raise InputError(f"no optimizer takes all of {', '.join(hyper)}", v.join(path, "hyper"))
        probe["optimizer"] = fitting[0]
    (read_function1d if dims == 1 else read_function2d)(probe, path)
    return dict(value)


def overlaid(spec: Function1D | Function2D | None, overlay: dict[str, Any], path: str
             ) -> Function1D | Function2D:
    """``spec`` with the ``overlay`` keys merged in (hyper merged key by key), checked again."""
    dims = 2 if "runs" in overlay or "steps" in overlay or isinstance(spec, Function2D) else 1
    if spec is None:
        raise InputError(f"there is no {'2' if dims == 2 else '1'}-D function view to change: "
                         f"load one with a state first", path)
    if isinstance(spec, Function1D):
        doc: dict[str, Any] = {"function": _function_json(spec), "optimizer": spec.optimizer,
                               "hyper": dict(spec.hyper), "t": spec.t}
        if spec.start is not None:
            doc["start"] = list(spec.start)
        if "optimizer" in overlay and overlay["optimizer"] != spec.optimizer:
            doc["hyper"] = {}
        doc |= {k: x for k, x in overlay.items() if k != "hyper"}
        doc["hyper"] = {**_given(doc["hyper"], doc["optimizer"]), **overlay.get("hyper", {})}
        return read_function1d(doc, path)
    doc = {"function": _function_json(spec), "steps": spec.steps,
           "runs": [{"optimizer": r.optimizer, "hyper": dict(r.hyper)}
                    | ({"start": list(r.start)} if r.start is not None else {}) for r in spec.runs]}
    return read_function2d(doc | overlay, path)


def _given(hyper: dict[str, Any], optimizer: str) -> dict[str, Any]:
    known = OPTIMIZERS[optimizer].defaults if optimizer in OPTIMIZERS else {}
    return {k: x for k, x in hyper.items() if k in known}


def _function_json(spec: Function1D | Function2D) -> Any:
    return spec.function if spec.expression is None else {"expression": spec.expression}


def path_1d(spec: Function1D, steps: int | None = None) -> DescentPath:
    """The 1-D view's path, walked ``steps`` steps (default: to the view's ``t``)."""
    return descend(objective_of(spec), spec.optimizer, spec.hyper, spec.start,
                   spec.t if steps is None else steps)


def paths_2d(spec: Function2D) -> list[DescentPath]:
    """The race: one path per run, ``spec.steps`` steps each."""
    obj = objective_of(spec)
    return [descend(obj, r.optimizer, r.hyper, r.start, spec.steps) for r in spec.runs]


def with_t(spec: Function1D, t: int) -> Function1D:
    return dataclasses.replace(spec, t=t)


def converges_within(spec: Function1D, steps: int) -> bool:
    """Whether the 1-D descent from the view's start, with its optimizer, reaches a point where
    |f'(x_t)| <= :data:`CONVERGED` within ``steps`` steps (t <= steps)."""
    path = descend(objective_of(spec), spec.optimizer, spec.hyper, spec.start, steps, tolerance=CONVERGED)
    if path.reason == "converged":
        return True
    return path.reason == "steps" and bool(abs(path.gradients[-1][0]) <= CONVERGED)


def diverges_within(spec: Function1D, steps: int) -> bool:
    """Whether the 1-D descent from the view's start leaves the finite numbers (or runs past
    10^10) within ``steps`` steps."""
    path = descend(objective_of(spec), spec.optimizer, spec.hyper, spec.start, steps, tolerance=0.0)
    return path.reason == "diverged"
