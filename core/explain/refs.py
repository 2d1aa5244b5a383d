"""Naming the recorded values of a training step: :class:`Ref`, and :func:`refs_of` a phase."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # only for annotations: context.py imports this module
    from .context import Context


@dataclass(frozen=True)
class Ref:
    """One recorded value.

    kind: x, y, v_in, v_out, delta, delta_mean (mean δ over the batch), fprime, loss (per
    sample), batch_loss, loss_after, param (before the update), grad (batch mean), contrib
    (one sample's share of grad), update (Delta p), after, state (optimizer state after the
    step; ``key`` names it).
    ``layer``: k for unit values; for parameters the k of W^(k->k+1) and b^(k+1).
    ``i``: unit (unit values) or row; ``j``: column (or the unit of a bias); 0-based.
    """

    kind: str
    layer: int = 0
    i: int = 0
    j: int = 0
    sample: int = 0
    bias: bool = False
    key: str = ""

    def url(self) -> str:
        return (f"ref:{self.kind}/{self.layer}/{self.i}/{self.j}/{self.sample}/"
                f"{int(self.bias)}/{self.key}")

    @staticmethod
    def from_url(url: str) -> Ref | None:
        """The Ref of a link made by :meth:`url`; None for anything else (never evaluated)."""
        if not url.startswith("ref:"):
            return None
        parts = url[4:].split("/")
        if len(parts) != 7 or not all(p.isdigit() for p in parts[1:6]):
            return None
        kind, layer, i, j, sample, bias, key = parts
        return Ref(kind, int(layer), int(i), int(j), int(sample), bias == "1", key)


def param_index(ref: Ref) -> tuple[int, tuple[int, ...]]:
    """(index into parameters(), element index) of a parameter-like ref."""
    return 2 * ref.layer + int(ref.bias), ((ref.j,) if ref.bias else (ref.i, ref.j))


def refs_of(ctx: Context, phase: str) -> list[Ref]:
    """Every value computed in ``phase`` (forward, loss, backward, update), in the order of the
    worked example: forward layer by layer, then the loss, backward from the output, the update."""
    net, B, out = ctx.network, ctx.batch, []
    L = net.depth
    if phase == "forward":
        for s in range(B):
            for k in range(1, L + 1):
                for j in range(net.sizes[k]):
                    out += [Ref("v_in", k, j, 0, s), Ref("v_out", k, j, 0, s)]
    elif phase == "loss":
        out = [Ref("loss", sample=s) for s in range(B)] + ([Ref("batch_loss")] if B > 1 else [])
    elif phase == "backward":
        for k in range(L, 0, -1):
            for s in range(B):
                out += [Ref("delta", k, j, 0, s) for j in range(net.sizes[k])]
            out += param_refs(ctx, k - 1, "grad")
    elif phase == "update":
        for k in range(L):
            out += param_refs(ctx, k, "update") + param_refs(ctx, k, "after")
    return out


def param_refs(ctx: Context, k: int, kind: str) -> list[Ref]:
    """Refs of ``kind`` for every present weight of W^(k->k+1), then every bias of layer k+1."""
    net = ctx.network
    refs = [Ref(kind, k, i, j) for i in range(net.sizes[k]) for j in range(net.sizes[k + 1])
            if net.mask[k][i, j]]
    if net.layers[k + 1].bias:
        refs += [Ref(kind, k, 0, j, bias=True) for j in range(net.sizes[k + 1])]
    return refs
