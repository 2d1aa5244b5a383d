"""Which phase of a training step computes which value: the one rule every view reads.

A step runs its phases in the order of :func:`core.training.records.phases_of`: forward
layer 1..L, the loss, backward layer L..1, the update.  Each recorded value (a :class:`Ref`)
becomes known in exactly one of them:

    v_in, v_out, f'(v_in) of layer k        forward layer k
    E[s], the batch loss E                  loss
    δ^(k) (and its batch mean)              backward layer k
    ∂E/∂W^(k->k+1), ∂E/∂b^(k+1) (and a      backward layer k+1: δ^(k+1) is what they need
      sample's share of them)
    Δp, p after, optimizer state, E after   update
    x, y, the parameters before the step    none: known before the step starts

The Step Debugger marks the values the last phase computed ("new"), the computation graph
lights its nodes up phase by phase, and exercise mode hides the new values: all read
:func:`phase_of`, so they agree on every value.
"""
from __future__ import annotations

from backprop_studio.core.training.records import Phase, phases_of

from .refs import Ref

_BY_KIND = {"v_in": "forward", "v_out": "forward", "fprime": "forward",
            "loss": "loss", "batch_loss": "loss",
            "delta": "backward", "delta_mean": "backward", "grad": "backward", "contrib": "backward",
            "update": "update", "after": "update", "state": "update", "loss_after": "update"}


def phase_of(ref: Ref) -> Phase | None:
    """The phase of a training step that computes ``ref``; None for a value known before the
    step starts (an input, a target, a parameter before the update, and v_in/v_out of layer 0,
    which are the input x)."""
    kind = _BY_KIND.get(ref.kind)
    if kind is None:
        return None
    if kind == "forward":
        return Phase("forward", ref.layer) if ref.layer > 0 else None
    if kind == "backward":     # a parameter's layer is the k of W^(k->k+1): backward k+1 computes it
        return Phase("backward", ref.layer if ref.kind.startswith("delta") else ref.layer + 1)
    return Phase(kind)


def is_new(ref: Ref, last: Phase | None) -> bool:
    """Whether ``last``, the phase done most recently (None: no phase yet), computed ``ref``."""
    return last is not None and phase_of(ref) == last


def phase_number(phase: Phase | None, depth: int) -> int:
    """How many phases of a step of a ``depth``-layer network are done once ``phase`` is: its
    1-based place in the step (``StepRecord.phases_done`` right after it); 0 for None."""
    return 0 if phase is None else phases_of(depth).index(phase) + 1


def newly_known(number: int, phases_done: int) -> bool:
    """:func:`is_new` counted in phases: the value that becomes known after ``number`` phases is
    new when exactly that many are done (and at least one is)."""
    return 0 < phases_done == number
