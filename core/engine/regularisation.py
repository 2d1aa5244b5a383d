"""L1 and L2 regularisation: a term of the loss, with its gradient beside it.

With rates lambda_1, lambda_2 >= 0 the error a step minimises is

    E = E_data + lambda_1 sum |w| + 1/2 lambda_2 sum w^2,

the sums over every weight w of every W^(k->k+1) that exists (a removed connection is not a
weight).  Its gradient adds, to each dE/dw,

    lambda_1 sign(w) + lambda_2 w            (sign(0) = 0: the subgradient at a kink).

Biases are not regularised: a bias only shifts a unit, and pulling it to 0 would bias the
fit without making the function any simpler (the usual choice, TensorFlow Playground's too).
Frozen weights are in the term (it is a function of all the weights) and get its gradient;
the update leaves them alone as it does their data gradient.

This is a term of the loss, seen by every optimizer through the gradient; the optimizers'
own ``weight_decay`` (torch's L2 added to the gradient, AdamW's decoupled decay) is separate
and unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError

from .param_spec import ParamSpec

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

FORMULA = "E = E_data + λ₁Σ|w| + ½λ₂Σw²"
GRADIENT_FORMULA = "∂E/∂w += λ₁ sign(w) + λ₂w"
NOTE = "Biases are not regularised."


@dataclass(frozen=True)
class Regularisation:
    """The rates ``l1`` (lambda_1) and ``l2`` (lambda_2); both 0 means no regularisation."""

    l1: float = 0.0
    l2: float = 0.0

    @property
    def active(self) -> bool:
        return self.l1 != 0.0 or self.l2 != 0.0

    def term(self, W: list[Array], mask: list[BoolArray]) -> float:
        """lambda_1 sum |w| + 1/2 lambda_2 sum w^2 over the existing weights of every layer."""
        if not self.active:
            return 0.0
        total = 0.0
        for w, m in zip(W, mask):
            w = np.where(m, w, 0.0)
            total += self.l1 * float(np.abs(w).sum()) + 0.5 * self.l2 * float((w * w).sum())
        return total

    def gradient(self, w: Array, mask: BoolArray) -> Array:
        """d(term)/dw = lambda_1 sign(w) + lambda_2 w for one W, shape of ``w``; 0 where removed."""
        return np.where(mask, self.l1 * np.sign(w) + self.l2 * w, 0.0)

    def to_json(self) -> dict[str, float]:
        return {"l1": self.l1, "l2": self.l2}


NONE = Regularisation()

PARAMS = (ParamSpec("l1", 0.0, lo=0.0, symbol="λ₁", meaning=f"L1 regularisation: {FORMULA}. {NOTE}"),
          ParamSpec("l2", 0.0, lo=0.0, symbol="λ₂", meaning=f"L2 regularisation: {FORMULA}. {NOTE}"))
"""The rates' specs (finite, >= 0), read by the panel, the configuration and the file reader."""


def check_regularisation(value: Any, path: str = "regularisation") -> Regularisation:
    """``{"l1": lambda_1, "l2": lambda_2}`` (either may be left out; finite, >= 0) as a
    Regularisation; InputError naming the JSON path of the first bad part."""
    if isinstance(value, Regularisation):
        value = value.to_json()
    v.obj(value, path, (), tuple(p.name for p in PARAMS))
    rates = []
    for spec in PARAMS:
        try:
            rates.append(float(spec.read(value.get(spec.name, spec.default))))
        except ValueError as e:
            raise InputError(str(e), v.join(path, spec.name)) from None
    return Regularisation(*rates)
