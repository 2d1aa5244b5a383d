"""The kinds of VALUE a lesson may ask for: one registry entry per kind, the whole of each.

A lesson names a number, never states it (docs/lesson-file.md, "VALUE"): ``{"kind": "delta",
"layer": 1, "unit": 2}``.  Each kind's entry says everything about it:

- which keys it takes (:meth:`ValueKind.read`, for the lesson reader, :mod:`core.lessons.schema`);
- where the engine keeps its number: the Step Debugger's :class:`~core.explain.refs.Ref`
  (:meth:`NetworkKind.ref`: a lesson's ŷ is the debugger's v_out of the output layer, which is
  also how a question about it is hidden, :mod:`core.lessons.hiding`), or the series of a descent
  path (:meth:`FunctionKind.pick`);
- the other way, how the debugger's selected cell is written as a VALUE (:meth:`NetworkKind.spec_of`,
  for recording a lesson, :mod:`core.lessons.record`);
- its row in docs/lesson-file.md (``keys``, ``meaning`` and an ``example``; a test checks the
  document has it, and that a lesson asking for the example passes ``lessons check``).

Network kinds come in four forms, one class each (a unit of a layer; an input, target or output;
a parameter; the loss), and function-view kinds in one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.naming import matrix_name, param_name, parse_param_name
from backprop_studio.core.explain.refs import Ref

from .model import VIEWS, Value

MAX_POSITION = 100_000             # training steps (and descent steps) a lesson may name
SAMPLE = ("sample",)


def read_sample(value: dict[str, Any], path: str) -> int:
    return v.integer(value.get("sample", 1), v.join(path, "sample"), 1, v.MAX_SAMPLES)


@dataclass(frozen=True)
class ValueKind:
    """One kind of VALUE: ``name`` is its ``kind``; ``keys`` its docs row's keys column,
    ``meaning`` its number column and ``example`` a VALUE of it (on the article's 3-2-1 network
    or a 1-D descent), which the tests read, check and compute."""

    name: str
    keys: str
    meaning: str
    example: dict[str, Any]

    def read(self, value: dict[str, Any], path: str) -> Value:
        """The VALUE ``value`` (a dict with this ``kind``) read strictly; InputError naming the key."""
        raise NotImplementedError


# -- network values --------------------------------------------------------------------------------
@dataclass(frozen=True)
class NetworkKind(ValueKind):
    """A number of the network's step record, read through the debugger's :class:`Ref`."""

    def ref(self, spec: Value, ctx: Any, sizes: list[int], where: str) -> Ref:
        """The debugger's Ref of ``spec`` in a network of layer ``sizes`` (the lesson's 1-based
        units turned 0-based); InputError at ``where`` for a unit or weight that is not there."""
        raise NotImplementedError

    def spec_of(self, ref: Ref) -> dict[str, Any] | None:
        """The VALUE (as the file spells it) naming the debugger's ``ref`` of this kind; None when
        a lesson cannot name it this way."""
        return None


def _unit(unit: int | None, n: int, what: str, where: str) -> None:
    assert unit is not None
    if unit > n:
        raise InputError(f"unit {unit} does not exist in {what} (it has {n} unit{'s' if n != 1 else ''})",
                         f"{where}.unit")


def _with_sample(spec: dict[str, Any], ref: Ref) -> dict[str, Any]:
    return spec | ({"sample": ref.sample + 1} if ref.sample else {})


@dataclass(frozen=True)
class UnitKind(NetworkKind):
    """A value of one unit of a layer (v_in, v_out, δ, f′): ``layer`` and ``unit``.

    ``no_layer0``: why layer 0 has none (empty: it has one, as v_out^(0) = x)."""

    no_layer0: str = ""

    def read(self, value: dict[str, Any], path: str) -> Value:
        v.obj(value, path, ("kind", "layer", "unit"), SAMPLE)
        layer = v.integer(value["layer"], v.join(path, "layer"), 0, v.MAX_LAYERS)
        if layer == 0 and self.no_layer0:
            raise InputError(self.no_layer0, v.join(path, "layer"))
        unit = v.integer(value["unit"], v.join(path, "unit"), 1, v.MAX_UNITS)
        return Value(self.name, layer, unit, read_sample(value, path))

    def ref(self, spec: Value, ctx: Any, sizes: list[int], where: str) -> Ref:
        k, L = spec.layer, len(sizes) - 1
        assert k is not None
        if k > L:
            raise InputError(f"layer {k} does not exist: the network has layers 0 to {L}", f"{where}.layer")
        _unit(spec.unit, sizes[k], f"layer {k}", where)
        assert spec.unit is not None
        return Ref(self.name, k, spec.unit - 1, 0, spec.sample - 1)

    def spec_of(self, ref: Ref) -> dict[str, Any] | None:
        return _with_sample({"kind": self.name, "layer": ref.layer, "unit": ref.i + 1}, ref)


@dataclass(frozen=True)
class EndKind(NetworkKind):
    """An input, a target or an output of the sample: ``unit``.  ``units`` says which:
    ``"inputs"`` (layer 0), ``"targets"`` (the loss's columns) or ``"outputs"`` (the output layer,
    whose value is the debugger's v_out^(L))."""

    units: str = "inputs"

    def read(self, value: dict[str, Any], path: str) -> Value:
        v.obj(value, path, ("kind", "unit"), SAMPLE)
        unit = v.integer(value["unit"], v.join(path, "unit"), 1, v.MAX_UNITS)
        return Value(self.name, None, unit, read_sample(value, path))

    def ref(self, spec: Value, ctx: Any, sizes: list[int], where: str) -> Ref:
        assert spec.unit is not None
        n = {"inputs": sizes[0], "targets": ctx.record.y.shape[1], "outputs": sizes[-1]}[self.units]
        _unit(spec.unit, n, "the output layer" if self.units == "outputs" else self.name, where)
        if self.units == "outputs":
            return Ref("v_out", len(sizes) - 1, spec.unit - 1, 0, spec.sample - 1)
        return Ref(self.name, 0, spec.unit - 1, 0, spec.sample - 1)

    def spec_of(self, ref: Ref) -> dict[str, Any] | None:
        return None if self.units == "outputs" else _with_sample({"kind": self.name, "unit": ref.i + 1}, ref)


@dataclass(frozen=True)
class ParamKind(NetworkKind):
    """A value of one weight or bias, named as the app writes it: ``param`` (``"w_12^(1)"``)."""

    def read(self, value: dict[str, Any], path: str) -> Value:
        v.obj(value, path, ("kind", "param"), SAMPLE)
        if parse_param_name(v.string(value["param"], v.join(path, "param"))) is None:
            raise InputError(f"{v.describe(value['param'])} is not a parameter name; write w_ij^(k) "
                             "(e.g. w_12^(1)) or b_j^(k)", v.join(path, "param"))
        return Value(self.name, param=value["param"].strip(), sample=read_sample(value, path))

    def ref(self, spec: Value, ctx: Any, sizes: list[int], where: str) -> Ref:
        assert spec.param is not None
        parsed = parse_param_name(spec.param)
        if parsed is None:
            raise InputError(f"{spec.param!r} is not a parameter name", f"{where}.param")
        k, i, j, bias = parsed
        at, L = f"{where}.param", len(sizes) - 1
        if k >= L:
            raise InputError(f"{spec.param} does not exist: the parameters are in layers 1 to {L}", at)
        if bias:
            if j >= sizes[k + 1]:
                raise InputError(f"{spec.param} does not exist: layer {k + 1} has {sizes[k + 1]} units", at)
            if not ctx.network.layers[k + 1].bias:
                raise InputError(f"{spec.param} does not exist: layer {k + 1} has no biases", at)
        else:
            if i >= sizes[k] or j >= sizes[k + 1]:
                raise InputError(f"{spec.param} does not exist: {matrix_name(k, 'ascii')} is {sizes[k]}x{sizes[k + 1]}",
                                 at)
            if not ctx.network.mask[k][i, j]:
                raise InputError(f"{spec.param} was removed from this network", at)
        return Ref(self.name, k, i, j, spec.sample - 1, bias)

    def spec_of(self, ref: Ref) -> dict[str, Any] | None:
        return {"kind": self.name, "param": param_name(ref.layer, ref.i, ref.j, ref.bias)}


@dataclass(frozen=True)
class LossKind(NetworkKind):
    """The loss: of one sample (``per_sample``) or of the batch."""

    per_sample: bool = True

    def read(self, value: dict[str, Any], path: str) -> Value:
        v.obj(value, path, ("kind",), SAMPLE if self.per_sample else ())
        return Value(self.name, sample=read_sample(value, path))

    def ref(self, spec: Value, ctx: Any, sizes: list[int], where: str) -> Ref:
        return Ref(self.name, sample=spec.sample - 1)

    def spec_of(self, ref: Ref) -> dict[str, Any] | None:
        return _with_sample({"kind": self.name}, ref) if self.per_sample else {"kind": self.name}


_UNIT_KEYS = "`layer` (the article's k), `unit` (1-based)"
_PARAM_KEYS = "`param`: `\"w_12^(1)\"` or `\"b_2^(1)\"`"
NETWORK_VALUES: dict[str, NetworkKind] = {k.name: k for k in (
    UnitKind("v_in", _UNIT_KEYS, "v_in^(k) of that unit", {"kind": "v_in", "layer": 1, "unit": 2},
             "layer 0 is the input layer: it has no v_in"),
    UnitKind("v_out", _UNIT_KEYS, "v_out^(k) of that unit (v_out^(0) is the input x)",
             {"kind": "v_out", "layer": 2, "unit": 1}),
    UnitKind("delta", _UNIT_KEYS, "δ^(k) of that unit. There is no δ^(0): the inputs are data.",
             {"kind": "delta", "layer": 1, "unit": 1},
             "there is no delta^(0): the inputs are data, not computed, so no error term is propagated to them"),
    UnitKind("fprime", _UNIT_KEYS, "f′(v_in^(k)) of that unit", {"kind": "fprime", "layer": 1, "unit": 2},
             "layer 0 is the input layer: it has no v_in"),
    EndKind("x", "`unit`", "the input of the sample", {"kind": "x", "unit": 3}, units="inputs"),
    EndKind("y", "`unit`", "the target of the sample, as the loss sees it", {"kind": "y", "unit": 1},
            units="targets"),
    EndKind("y_hat", "`unit`", "ŷ, the v_out of the output layer", {"kind": "y_hat", "unit": 1},
            units="outputs"),
    LossKind("loss", "", "E of the sample", {"kind": "loss", "sample": 1}),
    LossKind("batch_loss", "", "E of the batch (the mean of the samples' E)", {"kind": "batch_loss"},
             per_sample=False),
    ParamKind("param", _PARAM_KEYS, "the parameter before the update", {"kind": "param", "param": "w_12^(1)"}),
    ParamKind("grad", _PARAM_KEYS, "∂E/∂p (the batch mean)", {"kind": "grad", "param": "w_21^(2)"}),
    ParamKind("update", _PARAM_KEYS, "Δp, the optimizer's update", {"kind": "update", "param": "w_22^(1)"}),
    ParamKind("after", _PARAM_KEYS, "the parameter after the update", {"kind": "after", "param": "w_31^(1)"}),
)}
"""The kinds of a network VALUE, by the ``kind`` a lesson writes."""


# -- function-view values ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FunctionKind(ValueKind):
    """A number of a function view's descent path at step t: ``series`` is the path's array it is
    read from (``points``, ``losses`` or ``gradients``); a point or gradient takes a ``coordinate``."""

    series: str = "points"

    def read(self, value: dict[str, Any], path: str) -> Value:
        view = v.string(value["view"], v.join(path, "view"), VIEWS)
        coordinate = self.series != "losses"
        optional = ("t",) + (("coordinate",) if coordinate else ()) + (("run",) if view == "function2d" else ())
        v.obj(value, path, ("kind", "view"), optional)
        t = v.integer(value["t"], v.join(path, "t"), 0, MAX_POSITION) if "t" in value else None
        dims = 1 if view == "function1d" else 2
        return Value(self.name, view=view, t=t,
                     coordinate=v.integer(value.get("coordinate", 1), v.join(path, "coordinate"), 1, dims),
                     run=v.integer(value.get("run", 1), v.join(path, "run"), 1, 100))

    def pick(self, path: Any, spec: Value, t: int) -> float:
        """The number at step ``t`` of a :class:`~core.surfaces.descent.DescentPath`."""
        rows = getattr(path, self.series)
        return float(rows[t]) if self.series == "losses" else float(rows[t][spec.coordinate - 1])


_FUNCTION_KEYS = ("`view`: `\"function1d\"` or `\"function2d\"`; `t` (default: the view's own); "
                  "`coordinate` 1 or 2 (`x`, `gradient`); `run` (2-D, 1-based)")
FUNCTION_VALUES: dict[str, FunctionKind] = {k.name: k for k in (
    FunctionKind("x", _FUNCTION_KEYS, "x_t of the descent path", {"kind": "x", "view": "function1d", "t": 1},
                 series="points"),
    FunctionKind("f", _FUNCTION_KEYS, "f(x_t) of the descent path", {"kind": "f", "view": "function1d", "t": 2},
                 series="losses"),
    FunctionKind("gradient", _FUNCTION_KEYS, "∇f(x_t) of the descent path",
                 {"kind": "gradient", "view": "function1d", "t": 0, "coordinate": 1}, series="gradients"),
)}
"""The kinds of a function-view VALUE (one with a ``view``), by ``kind``."""


def read_value(value: Any, path: str) -> Value:
    """A VALUE: which number, never the number itself; its kind's entry reads the rest."""
    if not isinstance(value, dict) or "kind" not in value:
        v.obj(value, path, ("kind",))
    if "view" in value:
        v.string(value["view"], v.join(path, "view"), VIEWS)
    kinds: dict[str, Any] = FUNCTION_VALUES if "view" in value else NETWORK_VALUES
    kind = v.string(value["kind"], v.join(path, "kind"), tuple(kinds))
    entry: ValueKind = kinds[kind]
    return entry.read(value, path)
