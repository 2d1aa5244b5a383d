"""Engine step: one full recorded training step against a bare numpy loop and PyTorch.

Three implementations of the same step (forward, the case's loss, backprop, one sgd update):

* ``engine``: ``Session.step()``, which also keeps every v_in, v_out, delta and gradient
  for the debugger, checks each quantity for divergence and snapshots the history;
* ``hand``: :class:`HandLoop`, the loop a person would write in numpy, recording nothing;
* ``torch``: :class:`TorchLoop`, ``torch.nn`` + ``torch.optim.SGD`` on the CPU, float64,
  one thread; skipped when torch is not importable.

The cases go from a network one steps through by hand (2-2-2, batch 1: the step's fixed cost
in Python) to an MNIST-sized one (784-128-10, batch 64: its cost per number, where recording
must not read or copy the 100,000 weights more than it has to).  numpy's BLAS keeps its own
thread count (``OPENBLAS_NUM_THREADS=1`` pins it to one, as torch is here).

Before timing, the three are run side by side for a few steps from the same weights and
must agree to 1e-10, so the figures compare the same maths.

Each figure is the best of many short blocks (2 ms), the implementations taking turns, and a
ratio is taken of the bests (as the measurements of issue 22 were): on a shared machine a
neighbour's burst makes a block slower, never faster, so the best block is the cost of the
code itself; a median of paired ratios swings with the machine's load.  With
``OPENBLAS_NUM_THREADS=1`` every implementation computes in this thread, and the blocks are
timed in this thread's CPU time (the rows say "CPU"), which a loaded machine inflates far
less than wall time.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

import numpy as np

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import Network, build
from backprop_studio.core.training.session import Session, TrainingConfig

from .timing import Row, fmt_time, interleaved

ETA = 0.1


@dataclass(frozen=True)
class Case:
    sizes: tuple[int, ...]
    activations: tuple[str, ...]
    batch: int
    samples: int
    hand_target: float          # engine time / hand-loop time must stay at or below this
    torch_target: float | None  # torch time / engine time must reach this; None: a figure
    loss: str = "half_sse"

    @property
    def label(self) -> str:
        return f"{'-'.join(map(str, self.sizes))}/b{self.batch}"


CASES = [
    Case((2, 2, 2), ("sigmoid", "sigmoid"), 1, 64, 1.6, 3.0),
    Case((2, 8, 8, 1), ("tanh", "tanh", "sigmoid"), 32, 256, 1.5, 3.0),
    Case((2, 16, 16, 16, 1), ("tanh", "tanh", "tanh", "sigmoid"), 256, 1024, 1.5, None),
    # MNIST-sized: 784 inputs, ReLU hidden units, a softmax over 10 classes, cross-entropy
    Case((784, 128, 10), ("relu", "softmax"), 64, 1024, 1.25, 1.5, "cross_entropy"),
]


def make_problem(case: Case, seed: int = 0) -> tuple[Network, Dataset]:
    """The case's network and data, generated from ``seed``: normal inputs; targets uniform in
    [0, 1] for half_sse, one-hot rows of random classes for cross_entropy."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(case.samples, case.sizes[0]))
    if case.loss == "cross_entropy":
        y = np.eye(case.sizes[-1])[rng.integers(0, case.sizes[-1], case.samples)]
    else:
        y = rng.uniform(size=(case.samples, case.sizes[-1]))
    return build(list(case.sizes), list(case.activations), seed=seed), Dataset(x, y)


def make_session(net: Network, data: Dataset, batch: int, loss: str = "half_sse") -> Session:
    config = TrainingConfig(loss=loss, optimizer="sgd",
                            optimizer_params={"learning_rate": ETA}, batch_size=batch)
    return Session(net.copy(), data, config)


# -- the hand-written loop -----------------------------------------------------------------
def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# f and f' written in terms of the output a = f(z), as a textbook loop does (softmax has no
# element-wise f': with cross-entropy its output delta is a - y, and it is only an output)
HAND_ACTIVATIONS = {
    "sigmoid": (_sigmoid, lambda a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda a: 1.0 - a * a),
    "relu": (lambda z: np.maximum(z, 0.0), lambda a: a > 0),
    "softmax": (_softmax, None),
}


class HandLoop:
    """Minimal numpy training loop, plain sgd, batches taken in order: half_sse, or a softmax
    output with cross-entropy (one-hot targets)."""

    def __init__(self, net: Network, data: Dataset, batch: int, loss: str = "half_sse") -> None:
        self.W = [w.copy() for w in net.W]
        self.b = [b.copy() for b in net.b]
        self.f = [HAND_ACTIVATIONS[layer.activation] for layer in net.layers[1:]]
        self.x, self.y, self.batch, self.pos = data.inputs, data.targets, batch, 0
        self.cross_entropy = loss == "cross_entropy"
        self.loss = 0.0

    def step(self) -> None:
        x = self.x[self.pos:self.pos + self.batch]
        y = self.y[self.pos:self.pos + self.batch]
        self.pos = (self.pos + self.batch) % len(self.x)
        a = [x]
        for W, b, (f, _) in zip(self.W, self.b, self.f):
            a.append(f(a[-1] @ W + b))
        if self.cross_entropy:
            self.loss = -float(np.mean(np.sum(y * np.log(a[-1]), axis=1)))
            delta = a[-1] - y
        else:
            self.loss = 0.5 * float(np.mean(np.sum((a[-1] - y) ** 2, axis=1)))
            delta = (a[-1] - y) * self.f[-1][1](a[-1])
        n = len(x)
        for k in range(len(self.W) - 1, -1, -1):
            dW = a[k].T @ delta / n
            db = delta.mean(axis=0)
            if k:
                delta = (delta @ self.W[k].T) * self.f[k - 1][1](a[k])
            self.W[k] -= ETA * dW
            self.b[k] -= ETA * db


# -- PyTorch -------------------------------------------------------------------------------
def import_torch():
    """torch with one thread, or None when it is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return torch


class TorchLoop:
    """The same step the idiomatic PyTorch way: nn.Sequential, optim.SGD, float64, CPU; a
    softmax output with cross-entropy is ``F.cross_entropy`` on the logits (one-hot targets)."""

    def __init__(self, torch, net: Network, data: Dataset, batch: int, loss: str = "half_sse") -> None:
        nn = torch.nn
        mods = []
        for k, layer in enumerate(net.layers[1:]):
            lin = nn.Linear(*net.W[k].shape, dtype=torch.float64)
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(net.W[k].T.copy()))
                lin.bias.copy_(torch.from_numpy(net.b[k]))
            mods.append(lin)
            if layer.activation != "softmax":     # cross_entropy applies it
                mods.append({"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU}[layer.activation]())
        self.torch, self.model = torch, nn.Sequential(*mods)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=ETA)
        self.x, self.y = torch.from_numpy(data.inputs), torch.from_numpy(data.targets)
        self.batch, self.pos, self.loss = batch, 0, 0.0
        self.cross_entropy = loss == "cross_entropy"

    def step(self) -> None:
        x = self.x[self.pos:self.pos + self.batch]
        y = self.y[self.pos:self.pos + self.batch]
        self.pos = (self.pos + self.batch) % len(self.x)
        self.opt.zero_grad()
        if self.cross_entropy:
            loss = self.torch.nn.functional.cross_entropy(self.model(x), y)
        else:
            loss = 0.5 * ((self.model(x) - y) ** 2).sum(dim=1).mean()
        loss.backward()
        self.opt.step()
        self.loss = loss.item()

    def weights(self) -> list[np.ndarray]:
        return [m.weight.detach().numpy().T for m in self.model if hasattr(m, "weight")]


def check_same_maths(case: Case, torch) -> None:
    """Raise AssertionError unless engine, hand loop and torch agree after a few steps."""
    net, data = make_problem(case)
    session, hand = make_session(net, data, case.batch, case.loss), HandLoop(net, data, case.batch, case.loss)
    loops = [hand] + ([TorchLoop(torch, net, data, case.batch, case.loss)] if torch else [])
    for _ in range(5):
        rec = session.step()
        for loop in loops:
            loop.step()
            assert abs(loop.loss - rec.loss) < 1e-10, (case.label, type(loop).__name__)
    for k, W in enumerate(session.network.W):
        np.testing.assert_allclose(hand.W[k], W, rtol=0, atol=1e-10)
        if torch:
            np.testing.assert_allclose(loops[1].weights()[k], W, rtol=0, atol=1e-10)


def bench_case(case: Case, repeats: int, block_s: float, torch) -> list[Row]:
    check_same_maths(case, torch)
    net, data = make_problem(case)
    fns = {"engine": make_session(net, data, case.batch, case.loss).step,
           "hand": HandLoop(net, data, case.batch, case.loss).step}
    if torch:
        fns["torch"] = TorchLoop(torch, net, data, case.batch, case.loss).step
    one_thread = os.environ.get("OPENBLAS_NUM_THREADS") == "1"
    t = interleaved(fns, repeats, block_s, time.thread_time if one_thread else time.perf_counter)
    cpu = " CPU" if one_thread else ""
    ratio = t["engine"].best / t["hand"].best
    rows = [Row(f"step {case.label}: engine / hand loop",
                f"{ratio:.2f}x  ({fmt_time(t['engine'].best)} vs {fmt_time(t['hand'].best)}{cpu})",
                f"<= {case.hand_target:g}x", ratio <= case.hand_target)]
    name = f"step {case.label}: PyTorch / engine"
    target = f">= {case.torch_target:g}x" if case.torch_target else "figure"
    if torch:
        speedup = t["torch"].best / t["engine"].best
        ok = speedup >= case.torch_target if case.torch_target else None
        rows.append(Row(name, f"{speedup:.2f}x  (torch {fmt_time(t['torch'].best)}{cpu})", target, ok))
    else:
        rows.append(Row(name, "skipped: torch not installed", target, None))
    return rows


def run(quick: bool = False) -> list[Row]:
    torch = import_torch()
    repeats, block_s = (8, 0.002) if quick else (100, 0.002)
    rows: list[Row] = []
    for case in CASES:
        rows += bench_case(case, repeats, block_s, torch)
    return rows
