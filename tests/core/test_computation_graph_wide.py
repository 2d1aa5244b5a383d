"""The computation graph at any width (issue 22 §1): collapsed layers, expansions, the item cap.

Every number is checked against something the engine did not compute: the scalar autodiff
written in tests/core/test_computation_graph.py (``micrograd``) on small random networks drawn
with tiny limits (so that every kind of collapsed node appears), and on a 784-128-10 network a
forward pass written here in numpy with central differences for the gradients.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.explain import Ref
from backprop_studio.core.explain.graph import MAX_ITEMS, Detail, build_graph, coarser, node_id_for, units_for
from backprop_studio.core.training.session import Session, TrainingConfig
from tests.core.test_computation_graph import CASES, close, micrograd, random_session


def _norm(values: list[float]) -> float:
    return math.sqrt(math.fsum(v * v for v in values))


def _unit_id(k: int, j: int) -> str:
    return f"x{j}" if k == 0 else f"vout{k}_{j}"


def check_against_micrograd(g, net, ref) -> None:
    """Every drawn node of ``g`` against micrograd's scalars ``ref``: ordinary nodes one to one,
    a Σ node as the sum of the products it folds, a layer node as the lengths of the vectors of
    the units it stands for; every chain rule sums to the recorded gradient."""
    for nid, node in g.nodes.items():
        if node.op == "layer":
            k = node.layer
            units = [j for j in range(net.sizes[k]) if _unit_id(k, j) not in g.nodes]
            assert len(units) == node.count > 0
            assert close(node.value, _norm([ref[_unit_id(k, j)].data for j in units])), nid
            assert close(node.grad, _norm([ref[_unit_id(k, j)].grad for j in units])), nid
        elif node.op == "group":
            k, j = node.unit
            folded = [i for i in range(net.sizes[k - 1]) if net.mask[k - 1][i, j] and f"mul{k}_{i}_{j}" not in g.nodes]
            assert len(folded) == node.count
            assert close(node.value, math.fsum(ref[f"mul{k}_{i}_{j}"].data for i in folded)), nid
            assert close(node.grad, ref[f"vin{k}_{j}"].grad), nid
        else:
            assert close(node.value, ref[nid].data), (nid, node.value, ref[nid].data)
            assert close(node.grad, ref[nid].grad), (nid, node.grad, ref[nid].grad)
        if node.chain_value is not None:        # also through the collapsed layers' shares
            assert close(node.chain_value, node.grad), (nid, node.chain)


@pytest.mark.parametrize("seed, loss, batch", CASES[::2])
@pytest.mark.parametrize("max_units, max_weights", [(1, 0), (2, 3), (0, 0)])
def test_collapsed_nodes_equal_micrograd(seed, loss, batch, max_units, max_weights):
    s = random_session(seed, loss, batch)
    rec = s.step()
    net = s.network
    rng = np.random.default_rng(seed)
    # a few units of each layer drawn on their own all the same
    expand = [(k, int(j)) for k in range(net.depth + 1) for j in rng.choice(net.sizes[k], 1)]
    for sample in range(batch):
        ref = micrograd(net, rec.params_before, rec.x[sample], rec.y[sample], loss)
        for chosen in ([], expand):
            g = build_graph(rec, net, loss, sample, expand=chosen, max_weights=max_weights, max_units=max_units)
            check_against_micrograd(g, net, ref)
            for k, j in chosen:
                assert _unit_id(k, j) in g.nodes
            if max_units == 0 and not chosen:      # every layer is one node: x → … → E
                assert [n.op for n in g.nodes.values()] == ["layer"] * (net.depth + 1) + ["loss"]


def test_a_focused_collapsed_graph_keeps_the_output_and_its_chain_rules():
    s = random_session(4, "cross_entropy", 1)
    rec = s.step()
    net = s.network
    ref = micrograd(net, rec.params_before, rec.x[0], rec.y[0], "cross_entropy")
    g = build_graph(rec, net, "cross_entropy", 0, focus=1, max_units=1, max_weights=0)
    assert {"term1", f"vout{net.depth}_1", "E"} <= set(g.nodes) and "term0" not in g.nodes
    check_against_micrograd(g, net, ref)


def test_consumers_are_indexed_once_and_equal_a_scan():
    s = random_session(2, "half_sse", 3)
    rec = s.step()
    for kw in ({}, {"max_units": 1, "max_weights": 0, "expand": [(1, 0)]}, {"focus": 0}):
        g = build_graph(rec, s.network, "half_sse", 1, **kw)
        everything = g._all
        for nid in everything:
            assert g.consumers(nid) == [n.id for n in everything.values() if nid in n.inputs]


def test_coarser_details_draw_fewer_items():
    net = build([5, 20, 3, 2], ["tanh", "relu", "identity"], seed=0)     # 6 weights into layer 3
    s = Session(net, Dataset(np.ones((2, 5)), np.zeros((2, 2))), TrainingConfig(batch_size=1))
    rec = s.step()
    details = [Detail()] + coarser(net)
    assert details == [Detail(12, 16), Detail(0, 16), Detail(0, 4), Detail(0, 2), Detail(0, 1)]
    items = [build_graph(rec, net, "half_sse", 0, max_weights=d.max_weights, max_units=d.max_units).items
             for d in details]
    assert items == sorted(items, reverse=True) and len(set(items)) == len(items)


# -- 784-128-10, checked by a forward pass written here ------------------------------------------
def forward_loss(W1, b1, W2, b2, x, y) -> float:
    """relu, softmax, cross-entropy for one sample, by numpy here."""
    h = np.maximum(W1.T @ x + b1, 0.0)
    z = W2.T @ h + b2
    z = z - z.max()
    p = np.exp(z) / np.exp(z).sum()
    return float(-(y * np.log(p)).sum())


@pytest.fixture(scope="module")
def mnist_like():
    rng = np.random.default_rng(0)
    x = rng.random((64, 784))
    y = np.eye(10)[rng.integers(0, 10, 64)]
    net = build([784, 128, 10], ["relu", "softmax"], seed=0)
    net.b = [rng.normal(size=128) * 0.1, rng.normal(size=10) * 0.1]
    s = Session(net, Dataset(x, y), TrainingConfig(loss="cross_entropy", optimizer="adam", batch_size=32))
    rec = s.step()
    return s, rec


def _difference(rec, sample, change) -> float:
    """Central difference of sample ``sample``'s loss for a change applied by ``change(arrays, h)``."""
    out = []
    for h in (1e-6, -1e-6):
        W1, b1, W2, b2 = (p.copy() for p in rec.params_before)
        x = rec.x[sample].copy()
        change({"W1": W1, "b1": b1, "x": x}, h)
        out.append(forward_loss(W1, b1, W2, b2, x, rec.y[sample]))
    return (out[0] - out[1]) / 2e-6


def test_784_inputs_are_one_node_and_the_graph_is_small(mnist_like):
    s, rec = mnist_like
    g = build_graph(rec, s.network, "cross_entropy", 3)
    assert g.items <= MAX_ITEMS and len(g.nodes) < 80
    x = g.nodes["layer0"]
    assert (x.op, x.count, x.text) == ("layer", 784, "x_1…x_784[4]")
    assert g.layers == {0: 784, 1: 128}
    assert x.value == pytest.approx(np.linalg.norm(rec.x[3]), rel=1e-12)       # ‖x‖: what it shows
    assert "one node stands for 784 input(s) and 128 unit(s) of layer 1" in g.summary()
    assert sum(1 for a, _ in g.edges() if a == "layer0") == 1                    # one edge, not 784 × 128
    assert "local rule" not in g.nodes["layer0"].rule and "‖x‖" in g.nodes["layer0"].rule


def test_an_expanded_input_and_weight_of_a_wide_layer_have_the_right_gradients(mnist_like):
    s, rec = mnist_like
    ref = Ref("contrib", 0, 300, 5, 2)
    assert units_for(ref) == [(1, 5), (0, 300)]
    g = build_graph(rec, s.network, "cross_entropy", 2, expand=units_for(ref))
    w = g.nodes[node_id_for(ref, s.network)]
    assert w.id == "w0_300_5" and w.value == rec.params_before[0][300, 5]

    def nudge_w(a, h):
        a["W1"][300, 5] += h

    def nudge_x(a, h):
        a["x"][300] += h
    assert w.grad == pytest.approx(_difference(rec, 2, nudge_w), rel=1e-5, abs=1e-9)
    x = g.nodes["x300"]
    assert x.value == rec.x[2, 300]
    assert x.grad == pytest.approx(_difference(rec, 2, nudge_x), rel=1e-5, abs=1e-9)
    assert close(x.chain_value, x.grad)              # its own product plus the rest of layer 1
    assert g.layers == {0: 783, 1: 127} and g.nodes["sum1_5"].count == 783


def test_the_item_cap_keeps_the_latest_expansions_and_says_so(mnist_like):
    s, rec = mnist_like
    asked = [(1, j) for j in range(128)] + [(0, i) for i in range(200)]
    g = build_graph(rec, s.network, "cross_entropy", 0, expand=asked)
    assert g.items <= MAX_ITEMS
    assert g.left_out and g.left_out == asked[:len(g.left_out)]        # the earliest are given up
    assert "x199" in g.nodes and "vout1_0" not in g.nodes
    assert f"{len(g.left_out)} earlier expansion(s) not drawn" in g.summary()
