"""The computation graph's every value and gradient against an independent scalar autodiff.

``Value`` below is micrograd's idea written out in this test: each operation records its
inputs and a closure that applies the chain rule, and ``backward`` walks the graph in
reverse topological order.  It shares no code with the engine.  On random small networks
(every activation, biases on and off, removed connections, batches of 1 and 3, every loss)
each node of :func:`core.explain.graph.build_graph` must equal the matching Value to ~1e-12,
and the parameter nodes of a batch of one must be the step's recorded dE_dW / dE_db.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.explain import Ref
from backprop_studio.core.explain.graph import build_graph, node_id_for
from backprop_studio.core.training.session import Session, TrainingConfig


# -- micrograd, written here -----------------------------------------------------------------
class Value:
    def __init__(self, data: float, children: tuple = (), backward=None) -> None:
        self.data, self.grad, self._prev, self._backward = float(data), 0.0, children, backward

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def back():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = back
        return out

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def back():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = back
        return out

    __rmul__ = __mul__

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other if isinstance(other, Value) else Value(-other))

    def __rsub__(self, other):
        return Value(other) + (-self)

    def unary(self, f: float, df: float) -> Value:
        out = Value(f, (self,))

        def back():
            self.grad += df * out.grad
        out._backward = back
        return out

    def exp(self):
        e = math.exp(self.data)
        return self.unary(e, e)

    def log(self):
        return self.unary(math.log(self.data), 1.0 / self.data)

    def recip(self):
        return self.unary(1.0 / self.data, -1.0 / self.data ** 2)

    def __truediv__(self, other):
        return self * (other.recip() if isinstance(other, Value) else 1.0 / other)

    def backward(self) -> None:
        order, seen = [], set()

        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for c in v._prev:
                    visit(c)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            if v._backward:
                v._backward()


def activate(name: str, x: Value, a: float) -> Value:
    z = x.data
    if name == "identity":
        return x.unary(z, 1.0)
    if name == "sigmoid":
        return (1.0 + (-x).exp()).recip()
    if name == "tanh":
        t = math.tanh(z)
        return x.unary(t, 1.0 - t * t)
    if name == "relu":
        return x.unary(max(z, 0.0), 1.0 if z > 0 else 0.0)
    if name == "leaky_relu":
        return x.unary(z if z > 0 else a * z, 1.0 if z > 0 else a)
    if name == "softplus":
        return (1.0 + x.exp()).log()
    if name == "elu":
        return x.unary(z, 1.0) if z > 0 else a * (x.exp() - 1.0)
    raise ValueError(name)


def loss_terms(loss: str, y: list[float], h: list[Value]) -> list[Value]:
    n = len(y)
    if loss == "half_sse":
        return [0.5 * (yj - hj) * (yj - hj) for yj, hj in zip(y, h)]
    if loss == "mse":
        return [(yj - hj) * (yj - hj) / n for yj, hj in zip(y, h)]
    if loss == "bce":
        return [-(yj * hj.log() + (1.0 - yj) * (1.0 - hj).log()) for yj, hj in zip(y, h)]
    return [-(yj * hj.log()) for yj, hj in zip(y, h)]        # cross_entropy


def micrograd(net, params, x, y, loss):
    """Every scalar of one sample's E, by name of the graph's node ids, after backward()."""
    v = {}
    prev = []
    for i, xi in enumerate(x):
        v[f"x{i}"] = Value(xi)
        prev.append(v[f"x{i}"])
    W, b = params[0::2], params[1::2]
    for k in range(1, net.depth + 1):
        layer, vin = net.layers[k], []
        for j in range(net.sizes[k]):
            total = None
            for i in range(net.sizes[k - 1]):
                if net.mask[k - 1][i, j]:
                    w = v[f"w{k - 1}_{i}_{j}"] = Value(W[k - 1][i, j])
                    p = v[f"mul{k}_{i}_{j}"] = w * prev[i]
                    total = p if total is None else total + p
            if layer.bias:
                bj = v[f"b{k - 1}_{j}"] = Value(b[k - 1][j])
                total = bj if total is None else total + bj
            v[f"vin{k}_{j}"] = total if total is not None else Value(0.0)
            vin.append(v[f"vin{k}_{j}"])
        if layer.activation == "softmax":
            exps = [z.exp() for z in vin]
            denominator = exps[0]
            for e in exps[1:]:
                denominator = denominator + e
            outs = [e / denominator for e in exps]
        else:
            outs = [activate(layer.activation, z, layer.activation_param) for z in vin]
        for j, o in enumerate(outs):
            v[f"vout{k}_{j}"] = o
        prev = outs
    terms = loss_terms(loss, list(y), prev)
    E = terms[0]
    for t in terms[1:]:
        E = E + t
    for j, t in enumerate(terms):
        v[f"term{j}"] = t
    v["E"] = E
    E.backward()
    return v


# -- random networks -------------------------------------------------------------------------
HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu"]
OUTPUTS = {"half_sse": ["identity", "sigmoid", "tanh", "softmax"], "mse": ["identity", "tanh", "softmax"],
           "bce": ["sigmoid", "softmax"], "cross_entropy": ["softmax", "sigmoid"]}


def random_session(seed: int, loss: str, batch: int) -> Session:
    rng = np.random.default_rng(seed)
    depth = int(rng.integers(1, 4))
    out_act = OUTPUTS[loss][seed % len(OUTPUTS[loss])]
    sizes = [int(rng.integers(1, 4))] + [int(rng.integers(1, 5)) for _ in range(depth - 1)]
    sizes.append(int(rng.integers(2 if out_act == "softmax" or loss == "cross_entropy" else 1, 4)))
    acts = [HIDDEN[int(rng.integers(len(HIDDEN)))] for _ in range(depth - 1)] + [out_act]
    net = build(sizes, acts, seed=seed)
    for k in range(depth):
        net.layers[k + 1].bias = bool(rng.random() < 0.7)
        net.b[k] = rng.normal(size=sizes[k + 1]) * 0.5 if net.layers[k + 1].bias else net.b[k]
        net.W[k] = rng.normal(size=net.W[k].shape)
        net.mask[k] = rng.random(net.W[k].shape) < 0.8
        if net.layers[k + 1].activation == "elu":
            net.layers[k + 1].param = 0.7
    net.check()
    x = rng.normal(size=(5, sizes[0]))
    if loss in ("bce", "cross_entropy"):
        y = rng.uniform(0.05, 0.95, size=(5, sizes[-1])) if out_act == "sigmoid" else \
            np.eye(sizes[-1])[rng.integers(0, sizes[-1], 5)]
    else:
        y = rng.normal(size=(5, sizes[-1]))
    return Session(net, Dataset(x, y), TrainingConfig(loss=loss, batch_size=batch,
                                                      optimizer_params={"learning_rate": 0.1}))


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-12 + 1e-10 * abs(b)


CASES = [(seed, loss, batch) for loss in OUTPUTS for seed in range(6) for batch in (1, 3)]


@pytest.mark.parametrize("seed, loss, batch", CASES)
def test_every_node_equals_micrograd(seed, loss, batch):
    s = random_session(seed, loss, batch)
    rec = s.step()
    net = s.network
    for sample in range(batch):
        g = build_graph(rec, net, loss, sample)
        ref = micrograd(net, rec.params_before, rec.x[sample], rec.y[sample], loss)
        assert set(g.nodes) == set(ref)
        for nid, node in g.nodes.items():
            assert close(node.value, ref[nid].data), (nid, node.value, ref[nid].data)
            assert close(node.grad, ref[nid].grad), (nid, node.grad, ref[nid].grad)
            if node.chain_value is not None:   # the recorded gradient obeys the chain rule
                assert close(node.chain_value, node.grad), (nid, node.chain)
    # the step's gradient is the mean of the samples' shares (dE_dW is recorded, not recomputed)
    shares = [build_graph(rec, net, loss, sm) for sm in range(batch)]
    for k in range(net.depth):
        for i, j in zip(*np.nonzero(net.mask[k])):
            mean = math.fsum(g.nodes[f"w{k}_{i}_{j}"].grad for g in shares) / batch
            assert close(mean, rec.dE_dW[k][i, j])
            if batch == 1:
                assert shares[0].nodes[f"w{k}_{i}_{j}"].grad == rec.dE_dW[k][i, j]
        if net.layers[k + 1].bias and batch == 1:
            for j in range(net.sizes[k + 1]):
                assert shares[0].nodes[f"b{k}_{j}"].grad == rec.dE_db[k][j]


def test_loss_terms_sum_to_the_loss():
    rng = np.random.default_rng(0)
    from backprop_studio.core.engine.activations import ACTIVATIONS
    for name, loss in LOSSES.items():
        for act in ("identity", "sigmoid", "softmax"):
            v_in = rng.normal(size=(4, 3))
            a = ACTIVATIONS[act]
            y_hat = a.forward(v_in)
            y = np.eye(3)[[0, 2, 1, 0]] if name in ("bce", "cross_entropy") else rng.normal(size=(4, 3))
            assert np.allclose(loss.terms(y, y_hat, v_in, a).sum(axis=1), loss.per_sample(y, y_hat, v_in, a),
                               rtol=1e-12, atol=1e-14)


def test_phases_light_the_graph_up_in_order():
    """Each number appears exactly in its phase; stepping back empties it again."""
    s = random_session(3, "half_sse", 2)
    net = s.network
    seen = []
    while True:
        rec = s.step_phase()
        g = build_graph(rec, net, "half_sse", 1)
        for node in g.nodes.values():
            assert (node.value is not None) == (rec.phases_done >= node.value_phase), node.id
            assert (node.grad is not None) == (rec.phases_done >= node.grad_phase), node.id
        seen.append(sum(n.grad is not None for n in g.nodes.values()))
        if rec.complete:
            break
    L = net.depth
    assert seen[:L] == [0] * L                 # forward phases: no gradient yet
    assert seen == sorted(seen) and seen[-1] == len(g.nodes)
    s.back_phase()      # back into the step before its update: every gradient is still there
    s.back_phase()      # before backward layer 1: its gradients (and the inputs') are gone
    g = build_graph(s.pending, net, "half_sse", 1)
    assert all(n.grad is None for n in g.nodes.values() if n.grad_phase > s.pending.phases_done)
    assert any(n.grad is None for n in g.nodes.values())


def test_article_example_by_hand():
    """The 3-2-1 example: E and every ∂E/∂w equal the hand-worked numbers."""
    from backprop_studio.core.files.project_file import load
    from tests.core.test_article_example import X, Y, by_hand
    s = load("resources/examples/article_3_2_1.json")
    rec = s.step()
    assert rec.x[0].tolist() == X and rec.y[0, 0] == Y
    g = build_graph(rec, s.network, s.config.loss, 0)
    h = by_hand(rec.params_before[0].tolist(), rec.params_before[2].tolist())   # the file's weights
    assert math.isclose(g.nodes["E"].value, h["E"], rel_tol=1e-12)
    for i in range(3):
        for j in range(2):
            assert math.isclose(g.nodes[f"w0_{i}_{j}"].grad, h[f"dW01_{i + 1}{j + 1}"], rel_tol=1e-12)
    for i in range(2):
        assert math.isclose(g.nodes[f"w1_{i}_0"].grad, h[f"dW12_{i + 1}"], rel_tol=1e-12)
    assert g.nodes["w0_0_0"].text == "w_11^(1)" and g.nodes["vin1_0"].text == "v_in,1^(1)"
    assert g.nodes["vout2_0"].text == "ŷ" and g.collapsed == [] and g.summary() == ""
    # the local rule and the chain rule, with numbers
    sig = g.nodes["vout1_0"]
    assert "f(x) (1 - f(x))" in sig.rule
    assert g.nodes["mul1_0_0"].rule.count("∂(a·b)/∂a = b") == 1
    assert g.nodes["vin1_0"].chain.startswith("∂E/∂v_in,1^(1) = ∂E/∂v_out,1^(1) · ∂v_out,1^(1)/∂v_in,1^(1) = ")


def test_wide_layers_collapse_and_expand():
    net = build([3, 6, 2], ["tanh", "identity"], seed=1)
    s = Session(net, Dataset(np.ones((2, 3)), np.zeros((2, 2))), TrainingConfig(batch_size=1))
    rec = s.step()
    g = build_graph(rec, net, "half_sse", 0, max_weights=12)
    assert g.collapsed == [(1, j) for j in range(6)]        # 18 weights into layer 1; 12 into layer 2
    assert "6 unit(s) of layer(s) 1 collapsed" in g.summary()
    assert "w0_0_0" not in g.nodes and g.nodes["sum1_0"].op == "group"
    assert math.isclose(g.nodes["sum1_0"].value, rec.v_in[1][0, 0] - rec.params_before[1][0], abs_tol=1e-12)
    e = build_graph(rec, net, "half_sse", 0, expand=[(1, 2)])
    assert (1, 2) not in e.collapsed and e.nodes["w0_1_2"].grad == rec.dE_dW[0][1, 2]
    f = build_graph(rec, net, "half_sse", 0, focus=1)
    assert "term0" not in f.nodes and "vout2_0" not in f.nodes and "term1" in f.nodes
    assert "only output 2's path" in f.summary()


def test_debugger_refs_find_their_nodes():
    net = build([2, 2, 1], "sigmoid")
    assert node_id_for(Ref("grad", 1, 1, 0), net) == "w1_1_0"
    assert node_id_for(Ref("contrib", 0, 0, 1, 2, bias=True), net) == "b0_1"
    assert node_id_for(Ref("delta", 1, 1), net) == "vin1_1"
    assert node_id_for(Ref("v_out", 0, 1), net) == "x1"
    assert node_id_for(Ref("batch_loss"), net) == "E"


def test_bad_sample_or_focus_is_refused():
    net = build([2, 2, 1], "sigmoid")
    s = Session(net, Dataset(np.ones((2, 2)), np.zeros((2, 1))), TrainingConfig(batch_size=2))
    rec = s.step()
    with pytest.raises(ValueError, match="sample 3 is not in this batch of 2"):
        build_graph(rec, net, "half_sse", 2)
    with pytest.raises(ValueError, match="output 2 does not exist"):
        build_graph(rec, net, "half_sse", 0, focus=1)
