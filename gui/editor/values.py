"""Reading numbers for the editor from the session, and printing them.

The values shown on the canvas and in the inspector all come from here, so the canvas,
the tooltip and the inspector agree.  A record's arrays are per sample (batch, units): the editor
shows those of the current sample (``studio.sample``, gui/shared_sample.py), the one the step
debugger and the computation graph show, so v_out = f(v_in) holds on the canvas.  Only ∂E/∂w,
∂E/∂b and the update are of the whole batch (the mean of the samples' shares), and say so.
"""
from __future__ import annotations

import math

from backprop_studio.core.checks.number_text import parse_number
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.training.session import Session, StepRecord
from backprop_studio.gui.shared_sample import mean_note

from ..language import tr


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


def batch_size(core: Session) -> int:
    """Samples in the batch of the record shown (1 before any step)."""
    rec = core.record
    return 1 if rec is None else len(rec.samples)


def unit_values(core: Session, k: int, i: int, s: int = 0) -> dict[str, float | None]:
    """v_in, v_out and delta of unit i of layer k for sample s of the record shown."""
    rec = core.record
    out: dict[str, float | None] = {"v_in": None, "v_out": None, "delta": None}
    if rec is None:
        return out
    s = min(s, len(rec.samples) - 1)
    if k < len(rec.v_in):
        out["v_in"] = float(rec.v_in[k][s, i])
        out["v_out"] = float(rec.v_out[k][s, i])
    if k < len(rec.delta) and (delta := rec.delta[k]) is not None:
        out["delta"] = float(delta[s, i])
    return out


def unit_key(name: str, k: int, i: int, s: int = 0) -> Ref:
    """The key (core/lessons/hiding.py) of what the editor prints as ``name`` (v_in, v_out or
    delta) of unit i of layer k for sample s: the debugger's key of the same number; the input
    layer's values are the inputs x, given."""
    if k == 0:
        return Ref("x", 0, i, 0, s)
    return Ref(name, k, i, 0, s)


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


def batch_note(core: Session, s: int = 0) -> str:
    """Which sample the values are of, and that the gradients are means (for a batch)."""
    rec = core.record
    if rec is None or len(rec.samples) <= 1:
        return ""
    s = min(s, len(rec.samples) - 1)
    return " · " + tr("v, δ: sample {s} of {n} (training sample {t}); ∂E/∂w, Δ: {mean}").format(
        s=s + 1, n=len(rec.samples), t=int(rec.samples[s]), mean=mean_note(len(rec.samples)))
