"""Reading numbers for the editor from the session, and printing them.

The values shown on the canvas and in the inspector all come from here, so the canvas,
the tooltip and the inspector agree.  A record's arrays are per sample (batch, units):
the editor shows the batch mean (for one sample, the sample itself).
"""
from __future__ import annotations

import math

import numpy as np

from backprop_studio.core.checks.number_text import parse_number
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.training.session import Session, StepRecord


def fmt(value: float | None, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, trailing zeros kept (``'#.4g'``).

    Significant digits, not decimals, like the debugger: an update of 0.00128 reads
    "0.001280", not "0.001".  The trailing zeros keep the stated precision visible and the
    numbers in a column the same width ("0.5000" above "0.4875").
    """
    if value is None:
        return "–"
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    return f"{v:#.{digits}g}"


def parse_value(text: str) -> float:
    """A typed parameter value: a finite decimal number, else ValueError with a clear message."""
    return parse_number(text)


def unit_values(core: Session, k: int, i: int) -> dict[str, float | None]:
    """v_in, v_out and delta of unit i of layer k from the record shown (batch means)."""
    rec = core.record
    out: dict[str, float | None] = {"v_in": None, "v_out": None, "delta": None}
    if rec is None:
        return out
    if k < len(rec.v_in):
        out["v_in"] = float(np.mean(rec.v_in[k][:, i]))
        out["v_out"] = float(np.mean(rec.v_out[k][:, i]))
    if k < len(rec.delta) and (delta := rec.delta[k]) is not None:
        out["delta"] = float(np.mean(delta[:, i]))
    return out


def unit_key(name: str, k: int, i: int) -> Ref:
    """The key (core/lessons/hiding.py) of what the editor prints as ``name`` (v_in, v_out or
    delta) of unit i of layer k: a batch mean, keyed as sample 1's value (its value for one
    sample); the input layer's values are the inputs x, given."""
    if k == 0:
        return Ref("x", 0, i)
    return Ref("delta_mean" if name == "delta" else name, k, i)


def gradient(core: Session, k: int, i: int, j: int) -> float | None:
    """dE/dW^(k->k+1)[i, j] of the record shown, or None before its backward phase."""
    rec = core.record
    if rec is None or k >= len(rec.dE_dW) or (dE_dW := rec.dE_dW[k]) is None:
        return None
    return float(dE_dW[i, j])


def bias_gradient(core: Session, k: int, j: int) -> float | None:
    """dE/db^(k)[j] (bias of layer k) of the record shown."""
    rec = core.record
    if rec is None or k - 1 >= len(rec.dE_db) or (dE_db := rec.dE_db[k - 1]) is None:
        return None
    return float(dE_db[j])


def last_update(core: Session, index: int, position: tuple[int, ...]
                ) -> tuple[float, float, float] | None:
    """(before, Delta p, after) of parameters()[index][position] in the last completed step."""
    rec: StepRecord | None = core.last
    if rec is None or rec.updates is None or rec.params_after is None:
        return None
    before = float(rec.params_before[index][position])
    after = float(rec.params_after[index][position])
    return before, after - before, after


def batch_note(core: Session) -> str:
    rec = core.record
    if rec is None or len(rec.samples) <= 1:
        return ""
    return f" (mean over a batch of {len(rec.samples)})"
