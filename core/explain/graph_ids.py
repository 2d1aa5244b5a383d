"""The ids of the computation graph's nodes, built here only.

The builder (:mod:`core.explain.graph_build`) names its nodes with these, and everything that
looks a node up (:func:`core.explain.graph.node_id_for`, the local rules, the graph view)
asks for the same id here.  Layers k and units j, i are 0-based as in the arrays (unit j is
the article's j+1); an id is plain ASCII and not shown to the user.

=================  ===================================================================
``x{i}``           input i (layer 0)
``vin{k}_{j}``     v_in of unit j of layer k: the sum of its weighted inputs and bias
``vout{k}_{j}``    v_out of unit j of layer k = f(v_in) (layer L: y_hat)
``w{k}_{i}_{j}``   the weight ``W[k][i, j]``, w_(i+1)(j+1)^(k+1)
``b{k}_{j}``       the bias ``b[k][j]``, b_(j+1)^(k+1)
``mul{k}_{i}_{j}`` the product w_ij^(k) v_out,i^(k-1) on its way into unit j of layer k
``sum{k}_{j}``     the part of unit j's sum that comes from collapsed units of layer k-1
``layer{k}``       the collapsed units of layer k, drawn as one node
``term{j}``        the loss term of output j
``E``              the loss
=================  ===================================================================
"""
from __future__ import annotations

LOSS = "E"


def unit_id(k: int, j: int) -> str:
    """The node of unit j's output in layer k: input ``x{j}`` for k = 0, else ``vout{k}_{j}``."""
    return f"x{j}" if k == 0 else f"vout{k}_{j}"


def v_in_id(k: int, j: int) -> str:
    """The sum node v_in of unit j of layer k (k >= 1)."""
    return f"vin{k}_{j}"


def param_id(k: int, i: int, j: int, bias: bool) -> str:
    """The node of ``W[k][i, j]``, or of ``b[k][j]`` when ``bias`` (``i`` unused)."""
    return f"b{k}_{j}" if bias else f"w{k}_{i}_{j}"


def product_id(k: int, i: int, j: int) -> str:
    """The product of weight ``W[k-1][i, j]`` and its source's output, into unit j of layer k."""
    return f"mul{k}_{i}_{j}"


def group_sum_id(k: int, j: int) -> str:
    """The sum over the collapsed sources (layer k-1) of unit j of layer k."""
    return f"sum{k}_{j}"


def layer_id(k: int) -> str:
    """The node standing for the collapsed units of layer k."""
    return f"layer{k}"


def term_id(j: int) -> str:
    """The loss term of output j."""
    return f"term{j}"
