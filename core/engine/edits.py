"""Structure edits as pure functions: each returns a NEW network, the input is never touched.

The editor (``gui/editor/``) builds the new :class:`core.engine.network.Network` with one of
these and hands it to ``studio.edit_network`` as one undoable command; the dataset panel uses
:func:`set_input_rows`.  They live in the engine, beside
:func:`~core.engine.network.with_end_widths`, so that a script can make the same edits.

Existing weights are kept wherever the shapes allow; new weights are drawn Xavier-uniform from
the generator passed in (the editor seeds it, so an edit is reproducible), new biases start at
0.  ``mask``, ``frozen_W`` and ``frozen_b`` are edited alongside so that the network's
invariants hold; which activation a layer may have is :func:`~core.engine.network.activation_problem`'s.

Ids follow the article: layer k = 0..L, ``W[k]`` is W^(k->k+1) (rows = units of layer k),
``b[k]`` the bias of layer k+1.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .activations import ACTIVATIONS
from .initializers import initialise
from .network import Layer, Network, activation_problem

Array = NDArray[np.float64]


def fresh_weights(shape: tuple[int, int], rng: np.random.Generator) -> Array:
    """New weights of an edit: Xavier-uniform (core.engine.initializers), small and symmetry-breaking."""
    return initialise([shape], "xavier_uniform", rng)[0]


def _check_hidden(net: Network, k: int, what: str) -> None:
    if not 0 < k < net.depth:
        raise ValueError(f"{what}: only hidden layers (1..{net.depth - 1}) can change width; "
                         "the input width is set by the dataset and the output width by the targets")


def _finish(net: Network) -> Network:
    net.check()
    return net


def hidden_activation_for(net: Network, k: int) -> str:
    """The activation a new hidden layer next to layer k gets: a hidden neighbour's; with none,
    the output's when a hidden layer may use it (:func:`activation_problem`: not softmax) and it
    is not the identity (two linear maps in a row are one), else sigmoid."""
    near: list[int] = [k, k - 1, k + 1, *range(1, net.depth)]
    for j in near:
        if 0 < j < net.depth:
            return net.layers[j].activation
    out = net.layers[-1].activation
    hidden = activation_problem(out, 1, net.depth + 1, net.sizes[-1]) is None   # as a hidden layer
    return out if hidden and out != "identity" else "sigmoid"


def insert_layer(net: Network, index: int, units: int, activation: str,
                 rng: np.random.Generator) -> Network:
    """Insert a hidden layer so that it becomes layer ``index`` (1..L).

    W^(index-1 -> index) is new; the new layer's outgoing matrix keeps the old
    W^(index-1 -> index) when the shapes agree (units equal to the layer before), else is new.
    """
    if not 1 <= index <= net.depth:
        raise ValueError(f"a new layer goes between the input and the output (index 1..{net.depth})")
    if units < 1:
        raise ValueError("a layer needs at least one unit")
    problem = activation_problem(activation, index, net.depth + 1, units)   # a hidden layer
    if problem:
        raise ValueError(problem)
    new = net.copy()
    k = index - 1                                   # old W[k] ran from layer k to old layer index
    n_prev, n_next = net.sizes[k], net.sizes[index]
    w_in = fresh_weights((n_prev, units), rng)
    keep = units == n_prev
    w_out = net.W[k].copy() if keep else fresh_weights((units, n_next), rng)
    new.layers.insert(index, Layer(units, activation, True))
    new.W[k:k + 1] = [w_in, w_out]
    new.mask[k:k + 1] = [np.ones((n_prev, units), bool), net.mask[k].copy() if keep
                         else np.ones((units, n_next), bool)]
    new.frozen_W[k:k + 1] = [np.zeros((n_prev, units), bool), net.frozen_W[k].copy() if keep
                             else np.zeros((units, n_next), bool)]
    new.b.insert(k, np.zeros(units))
    new.frozen_b.insert(k, np.zeros(units, bool))
    return _finish(new)


def remove_layer(net: Network, k: int) -> Network:
    """Remove hidden layer k; layer k-1 then connects straight to layer k+1.

    The new W^(k-1 -> k+1) keeps the removed layer's outgoing weights when its width equals
    the width of layer k-1, else it is the product W^(k-1->k) W^(k->k+1) (what the two
    matrices do together when f is the identity), so the rest of the network keeps its scale.
    """
    if not 0 < k < net.depth:
        raise ValueError("only a hidden layer can be removed: the input and output layers stay")
    new = net.copy()
    if net.sizes[k - 1] == net.sizes[k]:
        W, mask, frozen = net.W[k].copy(), net.mask[k].copy(), net.frozen_W[k].copy()
    else:
        W = net.W[k - 1] @ net.W[k]
        mask = np.ones(W.shape, bool)
        frozen = np.zeros(W.shape, bool)
    del new.layers[k]
    new.W[k - 1:k + 1] = [W]
    new.mask[k - 1:k + 1] = [mask]
    new.frozen_W[k - 1:k + 1] = [frozen]
    del new.b[k - 1], new.frozen_b[k - 1]           # the bias of layer k goes with it
    return _finish(new)


def set_units(net: Network, k: int, units: int, rng: np.random.Generator) -> Network:
    """Grow or shrink hidden layer k to ``units``: kept units keep their weights and bias."""
    _check_hidden(net, k, "set units")
    if units < 1:
        raise ValueError("a layer needs at least one unit")
    new = net.copy()
    old = net.sizes[k]
    new.layers[k].units = units
    keep = min(old, units)
    # incoming: columns of W[k-1]; outgoing: rows of W[k]
    w_in = fresh_weights((net.sizes[k - 1], units), rng)
    w_out = fresh_weights((units, net.sizes[k + 1]), rng)
    w_in[:, :keep], w_out[:keep] = net.W[k - 1][:, :keep], net.W[k][:keep]
    new.W[k - 1], new.W[k] = w_in, w_out
    for name, fill in (("mask", True), ("frozen_W", False)):
        a_in = np.full(w_in.shape, fill)
        a_out = np.full(w_out.shape, fill)
        a_in[:, :keep] = getattr(net, name)[k - 1][:, :keep]
        a_out[:keep] = getattr(net, name)[k][:keep]
        getattr(new, name)[k - 1], getattr(new, name)[k] = a_in, a_out
    b, fb = np.zeros(units), np.zeros(units, bool)
    b[:keep], fb[:keep] = net.b[k - 1][:keep], net.frozen_b[k - 1][:keep]
    new.b[k - 1], new.frozen_b[k - 1] = b, fb
    return _finish(new)


def set_input_rows(net: Network, rows: list[int | None], rng: np.random.Generator) -> Network:
    """A new input layer of ``len(rows)`` units: unit i keeps the outgoing weights (mask,
    frozen flags) of old input unit ``rows[i]``, or gets new weights where it is None.

    Input features use it: a feature that stays keeps its weights wherever it moves.
    """
    if not rows:
        raise ValueError("the input layer needs at least one unit")
    new = net.copy()
    new.layers[0].units = len(rows)
    n_next = net.sizes[1]
    W = fresh_weights((len(rows), n_next), rng)
    mask, frozen = np.ones(W.shape, bool), np.zeros(W.shape, bool)
    for i, old in enumerate(rows):
        if old is not None:
            W[i], mask[i], frozen[i] = net.W[0][old], net.mask[0][old], net.frozen_W[0][old]
    new.W[0], new.mask[0], new.frozen_W[0] = W, mask, frozen
    return _finish(new)


def add_neuron(net: Network, k: int, rng: np.random.Generator) -> Network:
    """One more unit at the end of hidden layer k (new weights drawn, bias 0)."""
    return set_units(net, k, net.sizes[k] + 1, rng)


def remove_neuron(net: Network, k: int, i: int) -> Network:
    """Remove unit i of hidden layer k with its incoming and outgoing connections and bias."""
    _check_hidden(net, k, "remove neuron")
    if net.sizes[k] == 1:
        raise ValueError(f"layer {k} has only one unit; remove the layer instead")
    if not 0 <= i < net.sizes[k]:
        raise ValueError(f"layer {k} has no unit {i}")
    new = net.copy()
    new.layers[k].units -= 1
    for name in ("W", "mask", "frozen_W"):
        arrays = getattr(new, name)
        arrays[k - 1] = np.delete(arrays[k - 1], i, axis=1)
        arrays[k] = np.delete(arrays[k], i, axis=0)
    new.b[k - 1] = np.delete(new.b[k - 1], i)
    new.frozen_b[k - 1] = np.delete(new.frozen_b[k - 1], i)
    return _finish(new)


def move_unit(net: Network, k: int, i: int, to: int) -> Network:
    """Move unit i of hidden layer k to position ``to``; the others keep their order.

    A hidden layer's units are interchangeable: permuting them with P, the incoming matrix
    becomes W^(k-1->k) P (its columns move), the outgoing one P^T W^(k->k+1) (its rows move)
    and b^(k) becomes P^T b^(k); masks and frozen flags move with their weights.  The network
    computes the same function (up to the order of a floating-point sum).
    """
    _check_hidden(net, k, "move unit")
    n = net.sizes[k]
    if not (0 <= i < n and 0 <= to < n):
        raise ValueError(f"layer {k} has units 1..{n}")
    order = list(range(n))
    order.insert(to, order.pop(i))                  # new position p holds old unit order[p]
    new = net.copy()
    for name in ("W", "mask", "frozen_W"):
        arrays = getattr(new, name)
        arrays[k - 1] = arrays[k - 1][:, order].copy()
        arrays[k] = arrays[k][order].copy()
    new.b[k - 1] = new.b[k - 1][order].copy()
    new.frozen_b[k - 1] = new.frozen_b[k - 1][order].copy()
    return _finish(new)


def set_activation(net: Network, k: int, name: str) -> Network:
    if k < 1 or k > net.depth:
        raise ValueError("the input layer has no activation")
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}")
    problem = activation_problem(name, k, net.depth, net.layers[k].units)
    if problem:
        raise ValueError(problem)
    new = net.copy()
    new.layers[k].activation = name
    new.layers[k].param = None
    return _finish(new)


def set_bias(net: Network, k: int, on: bool) -> Network:
    """Give layer k a bias (starting at 0) or take it away."""
    if k < 1 or k > net.depth:
        raise ValueError("the input layer has no bias")
    new = net.copy()
    new.layers[k].bias = on
    new.b[k - 1] = np.zeros(net.sizes[k])
    return _finish(new)


def set_connection(net: Network, k: int, i: int, j: int, present: bool,
                   rng: np.random.Generator) -> Network:
    """Remove W^(k->k+1)[i, j] (mask off, value 0) or restore it with a small drawn value."""
    new = net.copy()
    new.mask[k][i, j] = present
    if present and not net.mask[k][i, j]:
        a = np.sqrt(6.0 / sum(net.weight_shapes()[k]))
        new.W[k][i, j] = rng.uniform(-a, a)
    if not present:
        new.frozen_W[k][i, j] = False
    return _finish(new)


def set_weight_frozen(net: Network, k: int, i: int, j: int, frozen: bool) -> Network:
    if frozen and not net.mask[k][i, j]:
        raise ValueError("a removed connection cannot be frozen; restore it first")
    new = net.copy()
    new.frozen_W[k][i, j] = frozen
    return _finish(new)


def set_bias_frozen(net: Network, k: int, j: int, frozen: bool) -> Network:
    """Freeze the bias of unit j of layer k (stored in b[k-1])."""
    if not net.layers[k].bias and frozen:
        raise ValueError(f"layer {k} has no bias to freeze")
    new = net.copy()
    new.frozen_b[k - 1][j] = frozen
    return _finish(new)


def layer_frozen(net: Network, k: int) -> bool:
    """True when every present incoming weight and the bias of layer k are frozen."""
    w = net.frozen_W[k - 1][net.mask[k - 1]]
    b = net.frozen_b[k - 1] if net.layers[k].bias else np.ones(1, bool)
    return bool(w.all() and b.all())


def set_layer_frozen(net: Network, k: int, frozen: bool) -> Network:
    """Freeze or unfreeze layer k's parameters: W^(k-1->k) and b^(k)."""
    if k < 1 or k > net.depth:
        raise ValueError("the input layer has no parameters to freeze")
    new = net.copy()
    new.frozen_W[k - 1] = net.mask[k - 1] & frozen
    new.frozen_b[k - 1] = np.full(net.sizes[k], frozen and net.layers[k].bias)
    return _finish(new)


def initialised_parameters(net: Network, k: int, scheme: str, rng: np.random.Generator,
                           ) -> list[Array]:
    """parameters() with W^(k-1->k) drawn from ``scheme`` (removed and frozen entries kept)."""
    params = [p.copy() for p in net.parameters()]   # initialise() refuses an unknown scheme
    drawn = initialise([net.weight_shapes()[k - 1]], scheme, rng)[0]
    keep = net.frozen_W[k - 1] | ~net.mask[k - 1]
    params[2 * (k - 1)] = np.where(keep, params[2 * (k - 1)], drawn)
    return params
