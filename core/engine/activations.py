"""Activation functions, each written with its derivative beside it.

Every activation maps the layer's pre-activation ``v_in`` (shape ``(batch, units)``)
to its output ``v_out = f(v_in)``.  For the element-wise ones, ``derivative``
returns ``f'(v_in)`` with the same shape, and the error term of the layer is
``delta = dE/dv_out * f'(v_in)``.  Softmax is not element-wise: ``backward``
applies its full Jacobian instead.

The registry :data:`ACTIVATIONS` maps the stable names used in project files and
menus to the objects.  Each entry carries its teaching beside its maths: ``formula`` and
``derivative_formula`` (the texts the explanations show), and :meth:`Activation.at` and
:meth:`Activation.slope_at`, the same maths for one number in plain ``math``: the
"why this number?" explanations recompute with these, a second implementation that shares
no code with the vectorised ``forward``/``derivative``.  A test walks every entry and checks
the two against each other and against finite differences, so a new activation is complete
with its entry alone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Activation:
    """An activation ``f`` with its derivative ``f'``.

    ``param`` is the slope of leaky_relu or the alpha of elu; other activations ignore it.
    """

    name: str
    formula: str  # f in the article's notation, for explanations
    derivative_formula: str
    elementwise: bool = True

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


def _sigmoid(x: float) -> float:
    """1 / (1 + e^-x) for one number, written so that exp never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class _Identity(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return v_in.copy()

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1
        return np.ones_like(v_in)

    def at(self, x: float, a: float) -> float:
        return x

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0


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


class _Tanh(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.tanh(v_in)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1 - f(x)^2
        return 1.0 - v_out * v_out

    def at(self, x: float, a: float) -> float:
        return math.tanh(x)

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0 - y * y


class _Relu(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.maximum(v_in, 0.0)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1 if x > 0 else 0
        return (v_in > 0).astype(np.float64)

    def at(self, x: float, a: float) -> float:
        return max(0.0, x)

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0 if x > 0 else 0.0


class _LeakyRelu(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.where(v_in > 0, v_in, param * v_in)

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = 1 if x > 0 else slope
        return np.where(v_in > 0, 1.0, param)

    def at(self, x: float, a: float) -> float:
        return x if x > 0 else a * x

    def slope_at(self, x: float, y: float, a: float) -> float:
        return 1.0 if x > 0 else a


class _Softplus(Activation):
    def forward(self, v_in: Array, param: float = 0.01) -> Array:
        return np.logaddexp(0.0, v_in)  # log(1 + e^x), stable

    def derivative(self, v_in: Array, v_out: Array, param: float = 0.01) -> Array:  # f'(x) = sigmoid(x)
        return SIGMOID.forward(v_in)

    def at(self, x: float, a: float) -> float:
        return max(x, 0.0) + math.log1p(math.exp(-abs(x)))   # log(1 + e^x) without overflow

    def slope_at(self, x: float, y: float, a: float) -> float:
        return _sigmoid(x)


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


IDENTITY = _Identity("identity", "f(x) = x", "f'(x) = 1")
SIGMOID = _Sigmoid("sigmoid", "f(x) = 1 / (1 + e^-x)", "f'(x) = f(x) (1 - f(x))")
TANH = _Tanh("tanh", "f(x) = tanh(x)", "f'(x) = 1 - f(x)^2")
RELU = _Relu("relu", "f(x) = max(0, x)", "f'(x) = 1 if x > 0 else 0")
LEAKY_RELU = _LeakyRelu("leaky_relu", "f(x) = x if x > 0 else a x", "f'(x) = 1 if x > 0 else a")
SOFTPLUS = _Softplus("softplus", "f(x) = log(1 + e^x)", "f'(x) = 1 / (1 + e^-x)")
ELU = _Elu("elu", "f(x) = x if x > 0 else a (e^x - 1)", "f'(x) = 1 if x > 0 else f(x) + a")
SOFTMAX = _Softmax("softmax", "f(x)_j = e^x_j / sum_i e^x_i", "df_i/dx_j = f_i (1[i=j] - f_j)",
                   elementwise=False)

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in
                                      (IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTPLUS, ELU, SOFTMAX)}
DEFAULT_PARAM = {"leaky_relu": 0.01, "elu": 1.0}
