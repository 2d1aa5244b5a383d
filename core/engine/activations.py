"""Activation functions, each written with its derivative beside it.

Every activation maps the layer's pre-activation ``v_in`` (shape ``(batch, units)``)
to its output ``v_out = f(v_in)``.  For the element-wise ones, ``derivative``
returns ``f'(v_in)`` with the same shape, and the error term of the layer is
``delta = dE/dv_out * f'(v_in)``.  Softmax is not element-wise: ``backward``
applies its full Jacobian instead.

The registry :data:`ACTIVATIONS` maps the stable names used in project files and menus to
the entries.  An entry is the whole idea: everything the app says or computes about the
activation is on it, and nothing elsewhere is keyed by its name.

- the maths: ``forward`` and ``derivative`` (vectorised), and :meth:`Activation.at` and
  :meth:`Activation.slope_at`, the same maths for one number in plain ``math``, which the
  "why this number?" explanations recompute with (a second implementation that shares no code
  with the vectorised one);
- the texts: ``formula`` and ``derivative_formula``, and how the explanation writes f(v_in) and
  f'(v_in) (:meth:`Activation.output_tokens`, :meth:`Activation.slope_tokens`, through
  :mod:`core.engine.written`; the default writes ``name(v_in)``);
- ``param``: the :class:`~core.engine.param_spec.ParamSpec` of its parameter (leaky ReLU's
  slope, ELU's alpha; None: it takes none), read by the project file and the layer;
- ``torch``: its ``torch.nn`` module (``{param!r}`` stands for the parameter) and
  ``torch_code``, any definition that module needs, for the exported script;
- :meth:`Activation.kernel`: f written into reused buffers, for the loss landscape's many
  forward passes (the default calls ``forward``);
- ``output_range``: the interval f maps into when it is bounded; the unit thumbnails colour by
  it (unbounded: by the largest |v_out|);
- ``can_die``: its units can die (output and slope both 0 for v_in <= 0, as ReLU's), which the
  diagnostics look for (:func:`core.training.metrics.dead_units`).

A test walks every entry (tests/core/test_registry_walk.py), so a new activation is complete
with its entry alone.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .param_spec import ParamSpec
from .written import Notation, Tokens, Valued

Array = NDArray[np.float64]
Terms = Sequence[Valued]
Written = tuple[Tokens, float, list[str]]    # tokens, value, notes
Slope = tuple[Tokens, list[str]]             # tokens, notes


@dataclass(frozen=True)
class Activation:
    """An activation ``f`` with its derivative ``f'`` and everything said about it.

    ``param`` is the spec of the parameter a (the slope of leaky_relu, the alpha of elu); the
    methods receive its value as ``param`` / ``a``, which other activations ignore.
    """

    name: str
    formula: str  # f in the article's notation, for explanations
    derivative_formula: str
    torch: str = field(kw_only=True)           # the torch.nn module; {param!r} is the parameter
    torch_code: str = field(default="", kw_only=True)    # what that module needs defined first
    elementwise: bool = field(default=True, kw_only=True)
    param: ParamSpec | None = field(default=None, kw_only=True)
    output_range: tuple[float, float] | None = field(default=None, kw_only=True)
    can_die: bool = field(default=False, kw_only=True)   # output and slope both 0 for every v_in <= 0

    @property
    def default_param(self) -> float:
        """The parameter a layer without its own ``param`` uses (0.01, ignored, when there is none)."""
        return float(self.param.default) if self.param is not None else 0.01

    def torch_module(self, param: float) -> str:
        """The torch module of this activation with parameter ``param``, as script text."""
        return self.torch.format(param=param)

    # -- the maths ---------------------------------------------------------------------------------
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        raise NotImplementedError

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:
        """f'(v_in), element-wise, shape like ``v_in``."""
        raise NotImplementedError

    def backward(self, v_in: Array, v_out: Array, dE_dv_out: Array, param: float = 0.01) -> Array:
        """delta = dE/dv_in from dE/dv_out (the chain rule through f)."""
        return dE_dv_out * self.derivative(v_in, v_out, param)

    def at(self, x: float, a: float) -> float:
        """f(x) for one number, in plain ``math`` (what the explanations recompute)."""
        raise NotImplementedError

    def slope_at(self, x: float, y: float, a: float) -> float:
        """f'(x) for one number, given y = f(x) (the explanations write it with v_out where they can)."""
        raise NotImplementedError

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        """f(v_in) for the landscape, v_in of shape (G, units, samples); an element-wise entry
        writes it into ``out`` (``tmp``: scratch of the same shape) and returns ``out``.

        A landscape pushes millions of activations through the network in chunks, and a fresh
        numpy temporary of a few hundred kilobytes is new, page-faulting memory: measured, the
        faults cost more than the arithmetic.  An entry may override this with the same
        floating-point operations as ``forward`` written into the buffers (bit-identical;
        tests/core/test_landscape.py checks).  This default calls ``forward``."""
        if not self.elementwise:       # across units: forward on the (G, samples, units) view
            return self.forward(v_in.transpose(0, 2, 1), param).transpose(0, 2, 1)
        np.copyto(out, self.forward(v_in, param))
        return out

    # -- how the explanations write it (w: core.explain.notation; terms: v_in, v_out) ------------
    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        """(tokens, value, notes) of f(v_in,j): ``vs`` holds the v_in terms f reads (the unit's
        own for an element-wise f, the whole layer's otherwise) and ``j`` is the unit's among them.
        This default writes ``name(v_in)`` with :meth:`at`."""
        v = vs[j]
        return [w.fn(f"{self.name}(", rf"\operatorname{{{self.name}}}("), v, w.RP], self.at(v.value, a), []

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        """(tokens, notes) of f'(v_in) given v_in and v_out (the value is :meth:`slope_at`'s).
        This default writes ``name′(v_in)``."""
        return [w.fn(f"{self.name}′(", rf"\operatorname{{{self.name}}}'("), v, w.RP], []


def _sigmoid(x: float) -> float:
    """1 / (1 + e^-x) for one number, written so that exp never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _side(v: Valued) -> str:
    return f"here v_in {'> 0' if v.value > 0 else '≤ 0'}"


class _Identity(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return v_in.copy()

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1
        return np.ones_like(v_in)

    def at(self, x: float, a: float) -> float:
        return x

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        np.copyto(out, v_in)
        return out

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        return [vs[j]], self.at(vs[j].value, a), []

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [w.ONE], []


class _Sigmoid(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        # e = exp(-|x|) never overflows: 1 / (1 + e) for x >= 0, e / (1 + e) for x < 0.
        # (Bit-identical to the two masked branches it replaces, and ~4x faster.)
        e = np.exp(-np.abs(v_in))
        return np.where(v_in >= 0, 1.0, e) / (1.0 + e)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = f(x) (1 - f(x))
        return v_out * (1.0 - v_out)

    def at(self, x: float, a: float) -> float:
        return _sigmoid(x)

    def slope_at(self, x: float, y: float, a: float) -> float:
        return y * (1.0 - y)

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        # as forward: e = exp(-|x|); 1 / (1 + e) for x >= 0, e / (1 + e) for x < 0
        np.abs(v_in, out=tmp)
        np.negative(tmp, out=tmp)
        np.exp(tmp, out=tmp)
        np.add(tmp, 1.0, out=out)
        np.divide(tmp, out, out=tmp)
        np.divide(1.0, out, out=out)
        np.copyto(out, tmp, where=v_in < 0)
        return out

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        return [w.fn("1 / (1 + exp(−", r"1 / (1 + \exp(-\,"), vs[j], w.Op("))")], self.at(vs[j].value, a), []

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [o, w.TIMES, w.LP, w.ONE, w.MINUS, o, w.RP], []


class _Tanh(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.tanh(v_in)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1 - f(x)^2
        return 1.0 - v_out * v_out

    def at(self, x: float, a: float) -> float:
        return math.tanh(x)

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0 - y * y

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        return np.tanh(v_in, out=out)

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        return [w.fn("tanh(", r"\tanh("), vs[j], w.RP], self.at(vs[j].value, a), []

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [w.ONE, w.MINUS, o, w.SQUARED], []


class _Relu(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.maximum(v_in, 0.0)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1 if x > 0 else 0
        return (v_in > 0).astype(np.float64)

    def at(self, x: float, a: float) -> float:
        return max(0.0, x)

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0 if x > 0 else 0.0

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        return np.maximum(v_in, 0.0, out=out)

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        return [w.fn("max(0, ", r"\max(0, "), vs[j], w.RP], self.at(vs[j].value, a), []

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [w.ONE] if v.value > 0 else [w.ZERO], [_side(v)]


class _LeakyRelu(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.where(v_in > 0, v_in, param * v_in)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1 if x > 0 else slope
        return np.where(v_in > 0, 1.0, param)

    def at(self, x: float, a: float) -> float:
        return x if x > 0 else a * x

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0 if x > 0 else a

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        np.multiply(param, v_in, out=out)
        np.copyto(out, v_in, where=v_in > 0)
        return out

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        v = vs[j]
        tokens = [v] if v.value > 0 else [w.const("a", a), w.TIMES, v]
        return tokens, self.at(v.value, a), [f"a = {a:g}; {_side(v)}"]

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [w.ONE] if v.value > 0 else [w.const("a", a)], [_side(v)]


class _Softplus(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.logaddexp(0.0, v_in)  # log(1 + e^x), stable

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = sigmoid(x)
        return SIGMOID.forward(v_in)

    def at(self, x: float, a: float) -> float:
        return max(x, 0.0) + math.log1p(math.exp(-abs(x)))   # log(1 + e^x) without overflow

    def slope_at(self, x: float, y: float, a: float) -> float:
        return _sigmoid(x)

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        return np.logaddexp(0.0, v_in, out=out)

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        return [w.fn("ln(1 + exp(", r"\ln(1 + \exp("), vs[j], w.Op("))")], self.at(vs[j].value, a), []

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [w.fn("1 / (1 + exp(−", r"1 / (1 + \exp(-\,"), v, w.Op("))")], []


class _Elu(Activation):
    def forward(self, v_in: Array, param: float = 1.0) -> Array:
        return np.where(v_in > 0, v_in, param * np.expm1(np.minimum(v_in, 0.0)))

    def derivative(self, v_in: Array, v_out: Array, param: float = 1.0) -> Array:
        # f'(x) = 1 if x > 0 else f(x) + alpha
        return np.where(v_in > 0, 1.0, v_out + param)

    def at(self, x: float, a: float) -> float:
        return x if x > 0 else a * math.expm1(x)

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0 if x > 0 else y + a

    def kernel(self, v_in: Array, param: float, out: Array, tmp: Array) -> Array:
        np.minimum(v_in, 0.0, out=tmp)
        np.expm1(tmp, out=tmp)
        np.multiply(param, tmp, out=out)
        np.copyto(out, v_in, where=v_in > 0)
        return out

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:
        v = vs[j]
        tokens = [v] if v.value > 0 else [w.const("alpha", a), w.TIMES, w.LP, w.fn("exp(", r"\exp("), v, w.RP,
                                          w.MINUS, w.ONE, w.RP]
        return tokens, self.at(v.value, a), [f"α = {a:g}; {_side(v)}"]

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [w.ONE] if v.value > 0 else [o, w.PLUS, w.const("alpha", a)], [_side(v)]


class _Softmax(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        z = v_in - v_in.max(axis=-1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:
        """The diagonal of the Jacobian, f_j (1 - f_j); ``backward`` uses the full one."""
        return v_out * (1.0 - v_out)

    def backward(self, v_in: Array, v_out: Array, dE_dv_out: Array, param: float = 0.01) -> Array:
        # delta_j = sum_i dE/dv_out_i * dv_out_i/dv_in_j = f_j (g_j - sum_i g_i f_i)
        inner = np.sum(dE_dv_out * v_out, axis=-1, keepdims=True)
        return v_out * (dE_dv_out - inner)

    def at(self, x: float, a: float) -> float:
        raise ValueError("softmax is not element-wise: it needs its whole layer")

    def slope_at(self, x: float, y: float, a: float) -> float:  # the diagonal of the Jacobian
        return y * (1.0 - y)

    def output_tokens(self, w: Notation, vs: Terms, j: int, a: float) -> Written:    # exp(v_in,j) / Σ_i exp(v_in,i)
        exp_ = w.fn("exp(", r"\exp(")
        denom, _ = w.sum_tokens([[exp_, t, w.RP] for t in vs], [0.0] * len(vs))
        z = np.array([t.value for t in vs])
        e = np.exp(z - z.max())
        return [exp_, vs[j], w.RP, w.DIV, w.LP] + denom + [w.RP], float(e[j] / e.sum()), []

    def slope_tokens(self, w: Notation, v: Valued, o: Valued, a: float) -> Slope:
        return [o, w.TIMES, w.LP, w.ONE, w.MINUS, o, w.RP], ["the diagonal of the softmax Jacobian"]


_SOFTPLUS_MODULE = '''
class Softplus(nn.Module):
    """f(x) = log(1 + e^x), written as logaddexp(0, x) as the app does (finite for every x;
    nn.Softplus switches to f(x) = x above x = 20, which differs by up to 2e-9)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.logaddexp(torch.zeros_like(x), x)
'''

IDENTITY = _Identity("identity", "f(x) = x", "f'(x) = 1", torch="nn.Identity()")
SIGMOID = _Sigmoid("sigmoid", "f(x) = 1 / (1 + e^-x)", "f'(x) = f(x) (1 - f(x))", torch="nn.Sigmoid()",
                   output_range=(0.0, 1.0))
TANH = _Tanh("tanh", "f(x) = tanh(x)", "f'(x) = 1 - f(x)^2", torch="nn.Tanh()", output_range=(-1.0, 1.0))
RELU = _Relu("relu", "f(x) = max(0, x)", "f'(x) = 1 if x > 0 else 0", torch="nn.ReLU()", can_die=True)
LEAKY_RELU = _LeakyRelu("leaky_relu", "f(x) = x if x > 0 else a x", "f'(x) = 1 if x > 0 else a",
                        torch="nn.LeakyReLU({param!r})",
                        param=ParamSpec("param", 0.01, lo=0.0, hi=1e6, symbol="a",
                                        meaning="the slope of leaky_relu for v_in <= 0"))
SOFTPLUS = _Softplus("softplus", "f(x) = log(1 + e^x)", "f'(x) = 1 / (1 + e^-x)", torch="Softplus()",
                     torch_code=_SOFTPLUS_MODULE)
ELU = _Elu("elu", "f(x) = x if x > 0 else a (e^x - 1)", "f'(x) = 1 if x > 0 else f(x) + a",
           torch="nn.ELU(alpha={param!r})",
           param=ParamSpec("param", 1.0, lo=0.0, hi=1e6, symbol="α",
                           meaning="the scale of elu for v_in <= 0: f(x) = α (e^x − 1)"))
SOFTMAX = _Softmax("softmax", "f(x)_j = e^x_j / sum_i e^x_i", "df_i/dx_j = f_i (1[i=j] - f_j)",
                   torch="nn.Softmax(dim=1)", elementwise=False, output_range=(0.0, 1.0))

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in
                                      (IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTPLUS, ELU, SOFTMAX)}
DEFAULT_PARAM = {name: float(a.param.default) for name, a in ACTIVATIONS.items() if a.param is not None}
"""The default parameter of each activation that takes one (read from the entries' ``param``)."""
