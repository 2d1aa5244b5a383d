"""The network: a layered feed-forward structure with its parameters beside it.

Layers are numbered as in the article: layer 0 is the input, layer L the output.
``W[k]`` is W^(k->k+1) with shape (units of layer k, units of layer k+1): row i is the
unit the weight comes from, column j the unit it goes to.  ``b[k]`` is the bias of
layer k+1, shape (units of layer k+1,); it stays 0 when that layer has no bias.

``mask[k]`` marks the connections that exist (a removed connection stays 0 and is never
updated); ``frozen_W[k]`` and ``frozen_b[k]`` mark parameters that keep their value
(their gradient is still computed and shown).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .activations import ACTIVATIONS

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def activation_problem(name: str, k: int, depth: int, units: int) -> str | None:
    """Why layer k (of 1..depth, with ``units`` units) cannot use activation ``name``; None if it can.

    The one home of the softmax rules, called by :meth:`Network.check`, the project-file
    reader and the editor: softmax normalises across its layer, so it belongs on the output
    layer only, and on one unit it is the constant e^z / e^z = 1, whose gradient is always 0.
    """
    if name != "softmax":
        return None
    if k != depth:
        return "softmax is only allowed on the output layer"
    if units == 1:
        return ("softmax on a single unit always outputs 1, so its gradient is always 0; "
                "use sigmoid for one output, or give the output layer 2 or more units")
    return None


@dataclass
class Layer:
    """One layer: its width, and for non-input layers its activation and bias."""

    units: int
    activation: str = "identity"
    bias: bool = True
    param: float | None = None  # the activation's parameter (its entry's ``param``); None: the default

    @property
    def activation_param(self) -> float:
        if self.param is not None:
            return self.param
        entry = ACTIVATIONS.get(self.activation)
        return entry.default_param if entry is not None else 0.01


@dataclass
class Network:
    layers: list[Layer]
    W: list[Array]
    b: list[Array]
    mask: list[BoolArray] = field(default_factory=list)
    frozen_W: list[BoolArray] = field(default_factory=list)
    frozen_b: list[BoolArray] = field(default_factory=list)

    def __post_init__(self) -> None:
        shapes = self.weight_shapes()
        if not self.mask:
            self.mask = [np.ones(s, dtype=bool) for s in shapes]
        if not self.frozen_W:
            self.frozen_W = [np.zeros(s, dtype=bool) for s in shapes]
        if not self.frozen_b:
            self.frozen_b = [np.zeros(s[1], dtype=bool) for s in shapes]
        self.check()

    # -- structure -------------------------------------------------------------------
    @property
    def depth(self) -> int:
        """L, the number of weight matrices (layers after the input)."""
        return len(self.layers) - 1

    @property
    def sizes(self) -> list[int]:
        return [layer.units for layer in self.layers]

    def weight_shapes(self) -> list[tuple[int, int]]:
        s = self.sizes
        return [(s[k], s[k + 1]) for k in range(len(s) - 1)]

    def check(self) -> None:
        """Raise ValueError when shapes, names or the mask invariant are broken."""
        if len(self.layers) < 2:
            raise ValueError("a network needs an input and an output layer")
        for k, layer in enumerate(self.layers):
            if layer.units < 1:
                raise ValueError(f"layer {k} needs at least one unit")
            if k > 0 and layer.activation not in ACTIVATIONS:
                raise ValueError(f"layer {k}: unknown activation {layer.activation!r}")
            problem = activation_problem(layer.activation, k, self.depth, layer.units) if k else None
            if problem:
                raise ValueError(f"layer {k}: {problem}")
        for name in ("W", "mask", "frozen_W"):
            arrays = getattr(self, name)
            if [a.shape for a in arrays] != self.weight_shapes():
                raise ValueError(f"{name}: shapes {[a.shape for a in arrays]} do not match "
                                 f"the layers {self.weight_shapes()}")
        for name in ("b", "frozen_b"):
            arrays = getattr(self, name)
            if [a.shape for a in arrays] != [(s[1],) for s in self.weight_shapes()]:
                raise ValueError(f"{name}: shapes do not match the layers")
        for k in range(self.depth):
            self.W[k] = np.where(self.mask[k], self.W[k], 0.0)
            if not self.layers[k + 1].bias:
                self.b[k] = np.zeros_like(self.b[k])

    # -- parameters --------------------------------------------------------------------
    def parameters(self) -> list[Array]:
        """[W^(0->1), b^(1), W^(1->2), b^(2), ...]: the order optimizers see."""
        return [p for k in range(self.depth) for p in (self.W[k], self.b[k])]

    def trainable(self) -> list[NDArray[np.float64]]:
        """1.0 where a parameter is updated, 0.0 where it is removed, frozen or an absent bias."""
        out = []
        for k in range(self.depth):
            out.append((self.mask[k] & ~self.frozen_W[k]).astype(np.float64))
            has_bias = self.layers[k + 1].bias
            out.append((~self.frozen_b[k] & has_bias).astype(np.float64))
        return out

    def set_parameters(self, params: list[Array]) -> None:
        for k in range(self.depth):
            self.W[k] = params[2 * k]
            self.b[k] = params[2 * k + 1]

    def copy(self) -> Network:
        return copy.deepcopy(self)

    def count_parameters(self) -> int:
        return sum(int(m.sum()) for m in self.mask) + sum(
            l.units for l in self.layers[1:] if l.bias)


def build(sizes: list[int], activations: list[str] | str = "sigmoid", bias: bool = True,
          init: str = "xavier_uniform", seed: int = 0, **init_args: float) -> Network:
    """A fully connected network, initialised from a seeded generator.

    >>> net = build([3, 2, 1], "sigmoid")
    >>> net.W[0].shape
    (3, 2)
    """
    from .initializers import initialise

    if isinstance(activations, str):
        activations = [activations] * (len(sizes) - 1)
    layers = [Layer(sizes[0])] + [Layer(n, a, bias) for n, a in zip(sizes[1:], activations)]
    shapes = [(sizes[k], sizes[k + 1]) for k in range(len(sizes) - 1)]
    W = initialise(shapes, init, np.random.default_rng(seed), **init_args)
    b = [np.zeros(s[1]) for s in shapes]
    return Network(layers, W, b)


def reinitialised(net: Network, scheme: str, seed: int, scale: float | None = None) -> Network:
    """A copy of ``net`` with new weights drawn from ``scheme`` with generator seed ``seed``.

    The one Re-initialise, for the session, the panel and the CLI: structure, masks and frozen
    flags are kept; removed connections stay exactly 0.0 and every bias starts at 0.0.
    """
    from .initializers import SCHEMES, initialise

    if scheme not in SCHEMES:
        raise ValueError(f"unknown initialisation scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")
    out = net.copy()
    W = initialise(out.weight_shapes(), scheme, np.random.default_rng(seed), scale)
    out.W = [np.where(m, w, 0.0) for w, m in zip(W, out.mask)]
    out.b = [np.zeros_like(b) for b in out.b]
    return out


def with_end_widths(net: Network, inputs: int, outputs: int, activation: str, scheme: str,
                    seed: int, scale: float | None = None) -> Network:
    """A copy of ``net`` with ``inputs`` input units and ``outputs`` output units of ``activation``.

    What a dataset of another width asks of the network.  Every weight, bias, removed
    connection and frozen flag is kept where the old and new shapes overlap (the first units
    of a layer keep theirs); the new weights are drawn from ``scheme`` with the generator of
    ``seed`` (the document's initialisation), new biases start at 0.  Hidden layers are untouched.
    """
    from .initializers import initialise

    out = net.copy()
    out.layers[0].units = inputs
    last = out.layers[-1]
    if last.activation != activation:
        last.activation, last.param = activation, None
    last.units = outputs
    drawn = initialise(out.weight_shapes(), scheme, np.random.default_rng(seed), scale)
    for k, shape in enumerate(out.weight_shapes()):
        r, c = (min(a, b) for a, b in zip(shape, net.W[k].shape))
        W, mask, frozen = drawn[k], np.ones(shape, bool), np.zeros(shape, bool)
        W[:r, :c], mask[:r, :c], frozen[:r, :c] = net.W[k][:r, :c], net.mask[k][:r, :c], net.frozen_W[k][:r, :c]
        b, frozen_b = np.zeros(shape[1]), np.zeros(shape[1], bool)
        b[:c], frozen_b[:c] = net.b[k][:c], net.frozen_b[k][:c]
        out.W[k], out.mask[k], out.frozen_W[k], out.b[k], out.frozen_b[k] = W, mask, frozen, b, frozen_b
    out.check()
    return out
