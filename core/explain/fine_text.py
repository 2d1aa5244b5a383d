"""The formula of a fine-stepping tick, with its numbers: what the views print beside the lit path.

A tick's line is written with the explanations' own formula lines wherever there is one
(:func:`core.explain.explain`: v_in, v_out, E, δ at the output, ∂E/∂w, Δp), so "why this number?"
and fine stepping print the same formula; the pieces the explanations do not name (a term w·v,
a contribution w·δ, the sum ∂E/∂v_out, δ of a hidden unit written as ∂E/∂v_out f') are written
here from the same symbols and recorded numbers:

    w_11^(2) δ_1^(2) = 0.7000 × (-0.1104) = -0.07728
    ∂E/∂v_out,1^(1) = w_11^(2) δ_1^(2) = 0.7000 × (-0.1104) = -0.07728
    δ_1^(1) = ∂E/∂v_out,1^(1) f'(v_in,1^(1)) = (-0.07728) × 0.2498 = -0.01930

:func:`keys` names every number a line prints (core/lessons/hiding.py's keys), so a view prints
the numbers only when a lesson hides none of them (and then the formula alone).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import explain
from .backward import dE_dyhat_step, output_form
from .context import Context, term
from .fine import Tick
from .forward_loss import fprime_step
from .notation import TIMES, Step, Sym, Term, Token, sum_tokens
from .refs import Ref


@dataclass(frozen=True)
class Line:
    """One formula line; ``bare``: a product written without a name (w x = 0.1 × 1 = 0.1)."""

    step: Step
    bare: bool = False

    def render(self, how: str = "text", numbers: bool = True) -> str:
        """The line in ``how`` (text or html); without ``numbers``: the formula alone."""
        lhs, formula, shown, result = self.step.parts(how)
        if not numbers:
            return formula if self.bare else f"{lhs} = {formula}"
        if self.bare:
            return f"{formula} = {shown} = {result}"
        return self.step.render(how)


def lines(ctx: Context, tick: Tick, sample: int = 0) -> list[Line]:
    """The tick's formula line first, then the lines of what it uses that no earlier tick showed
    (the slope f' beside v_out and δ, p' beside Δp)."""
    s, at, what = sample, tick.at, tick.what
    if what == "term":
        k, i, j = at
        w, v = term(ctx, Ref("param", k - 1, i, j)), term(ctx, Ref("v_out", k - 1, i, 0, s))
        return [Line(Step(Term(Sym("x", label="w·v"), tick.value, Ref("product", k, i, j, s)), [w, TIMES, v],
                          tick.value), bare=True)]
    if what == "contribution":
        k, j, m = at
        w, d = term(ctx, Ref("param", k, j, m)), term(ctx, Ref("delta", k + 1, m, 0, s))
        return [Line(Step(Term(Sym("x", label="w·δ"), tick.value), [w, TIMES, d], tick.value), bare=True)]
    if what in ("v_in", "v_out", "delta", "loss"):
        return _explained(ctx, tick, s)
    if what == "dE_dyhat":
        return [Line(dE_dyhat_step(ctx, at[1], s))]
    if what == "dE_dv_out":
        return [Line(_dE_dv_out(ctx, at[0], at[1], s, tick.value))]
    k, i, j = at
    kind = "grad" if what == "gradient" else "update"
    first = _first_param(ctx, k, j) if tick.whole else Ref(kind, k, i, j, bias=tick.bias)
    if first is None:
        return []
    out = [Line(explain(ctx, Ref(kind, first.layer, first.i, first.j, bias=first.bias)).steps[0])]
    if what == "update":
        out.append(Line(explain(ctx, Ref("after", first.layer, first.i, first.j, bias=first.bias)).steps[0]))
    return out


def _explained(ctx: Context, tick: Tick, s: int) -> list[Line]:
    """v_in, v_out (and f'), E and δ (and f') as "why this number?" writes them; a hidden unit's
    δ is written as ∂E/∂v_out f'(v_in), ∂E/∂v_out having been summed by the ticks before it."""
    what = tick.what
    if what == "loss":
        return [Line(explain(ctx, Ref("loss", sample=s)).steps[0])]
    k, j = tick.at
    fp = Line(fprime_step(ctx, k, j, s)[0])
    if what == "delta" and k < ctx.depth:
        g = Term(Sym("v_out", (j + 1,), k, ctx.smp(s), wrap="dE"), _dE_dv_out(ctx, k, j, s).value,
                 Ref("dE_dv_out", k, j, 0, s))
        lhs = term(ctx, Ref("delta", k, j, 0, s))
        return [Line(Step(lhs, [g, TIMES, fp.step.lhs], tick.value)), fp]
    steps = explain(ctx, Ref(what, k, j, 0, s)).steps
    if what == "v_in":
        return [Line(steps[0])]
    if what == "v_out":
        return [Line(steps[0]), fp]
    # δ at the output: ∂E/∂ŷ was the tick before it, so only f' follows (a fused loss has no f')
    return [Line(steps[0])] + ([fp] if output_form(ctx) == "chain" else [])


def _dE_dv_out(ctx: Context, k: int, j: int, s: int, value: float | None = None) -> Step:
    """∂E/∂v_out,j^(k) = Σ_m w_jm^(k+1) δ_m^(k+1) of sample s."""
    net = ctx.network
    items: list[list[Token]] = []
    values: list[float] = []
    for m in range(net.sizes[k + 1]):
        if net.mask[k][j, m]:
            w, d = term(ctx, Ref("param", k, j, m)), term(ctx, Ref("delta", k + 1, m, 0, s))
            items.append([w, TIMES, d])
            values.append(w.value * d.value)
    tokens, total = sum_tokens(items, values)
    lhs = Term(Sym("v_out", (j + 1,), k, ctx.smp(s), wrap="dE"), total if value is None else value,
               Ref("dE_dv_out", k, j, 0, s))
    return Step(lhs, tokens or [Term(Sym("x", label="0"), 0.0)], lhs.value)


def _first_param(ctx: Context, k: int, j: int) -> Ref | None:
    """The first parameter into unit j of layer k+1 (a whole column's tick shows its line)."""
    net = ctx.network
    for i in range(net.sizes[k]):
        if net.mask[k][i, j]:
            return Ref("param", k, i, j)
    return Ref("param", k, 0, j, bias=True) if net.layers[k + 1].bias else None


def note(ctx: Context, tick: Tick) -> str:
    """What a whole column's tick stands for ('' for any other tick)."""
    if not tick.whole:
        return ""
    k, _i, j = tick.at
    n = int(ctx.network.mask[k][:, j].sum()) + int(ctx.network.layers[k + 1].bias)
    what = "gradients" if tick.what == "gradient" else "updates"
    return f"and so on for the {n} {what} into unit {j + 1} of layer {k + 1}"


def keys(ctx: Context, tick: Tick, sample: int = 0) -> list[Ref]:
    """Every number the tick prints, as core/lessons/hiding.py keys it: its own value and each
    term of its lines (a view prints the numbers only when none of them is hidden)."""
    out = value_keys(tick, sample)
    for line in lines(ctx, tick, sample):
        step = line.step
        out += [t.ref for t in [step.lhs, *step.tokens] if isinstance(t, Term) and t.ref is not None]
    return out


def value_keys(tick: Tick, sample: int = 0) -> list[Ref]:
    """The keys of the number the tick shows on its unit or edge (``value``, ``edge_value``)."""
    s, at, what = sample, tick.at, tick.what
    if what == "term":
        return [Ref("product", at[0], at[1], at[2], s)]
    if what == "contribution":
        k, j, m = at
        # w δ_m gives δ_m back (÷ w); with one successor it is ∂E/∂v_out,j itself
        return [Ref("delta", k + 1, m, 0, s), Ref("dE_dv_out", k, j, 0, s)]
    if what == "loss":
        return [Ref("loss", sample=s)]
    if what in ("v_in", "v_out", "delta"):
        k, j = at
        extra = [Ref("product", k, e[1], j, s) for e in tick.edges] if what == "v_in" and tick.edge_value is not None \
            else []
        return [Ref(what, k, j, 0, s)] + extra
    if what in ("dE_dyhat", "dE_dv_out"):
        k, j = at
        extra = [Ref("delta", k + 1, e[2], 0, s) for e in tick.edges] if tick.edge_value is not None else []
        return [Ref("dE_dv_out", k, j, 0, s)] + extra
    k, i, j = at
    kind = "grad" if what == "gradient" else "update"
    if tick.whole:
        return []                       # a whole column prints no number of its own
    return [Ref(kind, k, i, j, bias=tick.bias)]
