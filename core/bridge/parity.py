"""The proof that an exported script computes the app's numbers: run both, compare.

:func:`engine_result` takes N steps in the engine (as ``trace`` does), :func:`script_result`
runs the exported script with ``--steps N --json`` in a subprocess of this Python, and
:func:`worst_difference` is the largest difference between their losses, weights and biases
(absolute up to 1, relative above; infinite when they disagree on a length, a shape or which
layers have a bias).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import numpy as np

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.training.session import Session

TOLERANCE = 1e-9
"""The largest difference the parity check accepts (``export-torch --verify``)."""


def engine_result(session: Session, steps: int) -> dict[str, Any]:
    """{"losses", "weights", "biases"} after up to ``steps`` steps of ``session`` (it is trained):
    the batch loss of each step before its update, and the final parameters in the app's layout."""
    losses = []
    for _ in range(steps):
        rec = session.step()
        if rec is None:
            break
        assert rec.loss is not None, "a completed step has its loss"
        losses.append(rec.loss)
    net = session.network
    return {"losses": losses, "weights": [w.tolist() for w in net.W],
            "biases": [b.tolist() if layer.bias else None for b, layer in zip(net.b, net.layers[1:])]}


def script_result(path: str | os.PathLike[str], steps: int) -> dict[str, Any]:
    """What the script at ``path`` prints with ``--steps N --json`` (it is run with this Python)."""
    done = subprocess.run([sys.executable, os.fspath(path), "--steps", str(steps), "--json"],
                          capture_output=True, text=True, check=False)
    if done.returncode not in (0, 3):     # 3: training diverged, the JSON is still printed
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise InputError(f"the exported script failed (exit {done.returncode}): {last}", "--verify")
    try:
        result: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise InputError("the exported script printed no JSON", "--verify") from None
    return result


def worst_difference(a: dict[str, Any], b: dict[str, Any]) -> float:
    """The largest difference over the losses, every weight and every bias; inf when they do not
    match up.  Absolute for values up to 1 in size, relative above: |a - b| / max(1, |a|, |b|)
    (a loss of 1e6, or a run on its way to diverging, agrees to 1e-9 of its size, not of 1)."""
    pairs = [(a["losses"], b["losses"])]
    pairs += list(zip(a["weights"], b["weights"])) + list(zip(a["biases"], b["biases"]))
    if len(a["weights"]) != len(b["weights"]) or len(a["biases"]) != len(b["biases"]):
        return float("inf")
    worst = 0.0
    for x, y in pairs:
        if (x is None) != (y is None):
            return float("inf")
        if x is None:
            continue
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        if x.shape != y.shape:
            return float("inf")
        if x.size:
            scale = np.maximum(1.0, np.maximum(np.abs(x), np.abs(y)))
            worst = max(worst, float(np.max(np.abs(x - y) / scale)))
    return worst
