""""Why this number?": every recorded value of a training step as a formula with its numbers.

For a value of a :class:`~core.session.StepRecord` (named by a :class:`Ref`),
:func:`explain` returns an :class:`Explanation`: one or more :class:`Step` lines, each
written once as a list of tokens.  A token is an operator (:class:`Op`) or a
:class:`Term`, a symbol in the article's notation together with its value.  Rendering the
symbols gives the formula, rendering the values gives the same formula with the numbers
substituted, so the two always correspond term by term:

    δ_1^(1) = (w_11^(2) δ_1^(2)) f'(v_in,1^(1)) = (0.4000 × 0.1385) × 0.2413 = 0.01337

Each line's result is recomputed here from the substituted (full-precision) values, with
plain scalar arithmetic that shares no code with the engine, and compared with the
recorded number (:attr:`Explanation.matches`).

Notation: W^(k->k+1) has entries w_ij^(k+1) (row i = unit of layer k, column j = unit of
layer k+1); b_j^(k+1) is the bias of unit j of layer k+1; indices are shown 1-based.  A
batch position s (1-based) is shown as a suffix [s] when the batch has more than one
sample.  Renderers: :meth:`Explanation.text` (Unicode), :meth:`Explanation.html` (with
links ``ref:...`` on every term that was computed somewhere), and
:meth:`Explanation.latex_lines` (for the worked example).
"""
from __future__ import annotations

import html as _html
import math
from dataclasses import dataclass, field
from typing import Any, Union

import numpy as np

from .activations import ACTIVATIONS
from .losses import LOSSES
from .network import Network

REL_TOL = 1e-9     # the recomputed result must equal the recorded one to this relative error
ABS_TOL = 1e-12
MAX_TERMS = 12     # terms of a sum written out; the rest are summed into one term


# -- what a value is ----------------------------------------------------------------------
@dataclass(frozen=True)
class Ref:
    """One recorded value.

    kind: x, y, v_in, v_out, delta, fprime, loss (per sample), batch_loss, loss_after,
    param (before the update), grad (batch mean), contrib (one sample's share of grad),
    update (Delta p), after, state (optimizer state after the step; ``key`` names it).
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
    def from_url(url: str) -> "Ref | None":
        """The Ref of a link made by :meth:`url`; None for anything else (never evaluated)."""
        if not url.startswith("ref:"):
            return None
        parts = url[4:].split("/")
        if len(parts) != 7 or not all(p.isdigit() for p in parts[1:6]):
            return None
        kind, layer, i, j, sample, bias, key = parts
        return Ref(kind, int(layer), int(i), int(j), int(sample), bias == "1", key)


# -- tokens --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Op:
    """Text written the same in the formula and the numbers; html/latex default to text."""

    text: str
    html: str | None = None
    latex: str | None = None

    def render(self, how: str) -> str:
        if how == "html":
            return self.html if self.html is not None else _html.escape(self.text)
        if how == "latex":
            return self.latex if self.latex is not None else self.text
        return self.text


@dataclass(frozen=True)
class Pair:
    """An operator written differently in the formula (``sym``) and the numbers (``num``)."""

    sym: Op
    num: Op


# base name -> (text, html, latex, tag written before the indices)
_BASES = {
    "w": ("w", "w", "w", ""), "b": ("b", "b", "b", ""), "x": ("x", "x", "x", ""),
    "y": ("y", "y", "y", ""), "yhat": ("ŷ", "ŷ", r"\hat{y}", ""),
    "v_in": ("v", "v", "v", "in"), "v_out": ("v", "v", "v", "out"),
    "delta": ("δ", "δ", r"\delta", ""), "E": ("E", "E", "E", ""), "eta": ("η", "η", r"\eta", ""),
    "g": ("g", "g", "g", ""), "u": ("u", "u", "u", ""), "m": ("m", "m", "m", ""),
    "v": ("v", "v", "v", ""), "vmax": ("v", "v", "v", "max"), "mhat": ("m̂", "m<sub>hat</sub>", r"\hat{m}", ""),
    "vhat": ("v̂", "v<sub>hat</sub>", r"\hat{v}", ""), "s": ("s", "s", "s", ""), "r": ("r", "r", "r", ""),
    "gbar": ("ḡ", "ḡ", r"\bar{g}", ""), "mu": ("μ", "μ", r"\mu", ""), "tau": ("τ", "τ", r"\tau", ""),
    "lambda": ("λ", "λ", r"\lambda", ""), "alpha": ("α", "α", r"\alpha", ""),
    "beta": ("β", "β", r"\beta", ""), "eps": ("ε", "ε", r"\epsilon", ""), "t": ("t", "t", "t", ""),
    "a": ("a", "a", "a", ""), "B": ("B", "B", "B", ""), "d": ("d", "d", "d", ""),
}


@dataclass(frozen=True)
class Sym:
    """A symbol in the article's notation, e.g. w_11^(2), v_in,1^(1), f'(v_in,1^(1)).

    ``idx``: subscripts (1-based unit numbers or words such as "t-1"); ``layer``: the
    superscript (k); ``sample``: the batch position suffix [s]; ``wrap``: "" | "fprime"
    (f'(.)) | "dE" (∂E/∂.) | "Delta" (Δ.); ``prime``: the value after the update (w').
    """

    base: str
    idx: tuple = ()
    layer: int | None = None
    sample: int | None = None
    wrap: str = ""
    prime: bool = False
    label: str | None = None   # free text instead of a base (e.g. "rest of the sum")

    def render(self, how: str) -> str:
        if self.label is not None:
            return _html.escape(self.label) if how == "html" else self.label
        text, html_, latex, tag = _BASES[self.base]
        base = {"text": text, "html": html_, "latex": latex}[how]
        if self.prime:
            base = base + "′" if how != "latex" else "{" + base + "'}"
        parts = [str(p) for p in self.idx]
        joiner = "" if all(len(p) == 1 for p in parts) and len(parts) > 1 else ","
        sub = joiner.join(parts)
        if tag:
            sub = tag + ("," + sub if sub else "")
        if how != "latex":
            sub = sub.replace("-", "−")
        sup = f"({self.layer})" if self.layer is not None else ""
        if how == "text":
            core = base + (f"_{sub}" if sub else "") + (f"^{sup}" if sup else "")
        elif how == "html":
            core = base + (f"<sub>{sub}</sub>" if sub else "") + (f"<sup>{sup}</sup>" if sup else "")
        else:
            core = base + (f"_{{{sub}}}" if sub else "") + (f"^{{{sup}}}" if sup else "")
        if self.sample is not None:
            core += f"[{self.sample}]"
        if self.wrap == "fprime":
            return f"f'({core})"
        if self.wrap == "dE":
            if how == "latex":
                return rf"\frac{{\partial E}}{{\partial {core}}}"
            return f"∂E/∂{core}"
        if self.wrap == "Delta":
            return (r"\Delta " if how == "latex" else "Δ") + core
        return core


@dataclass(frozen=True)
class Term:
    """A symbol with its value; ``ref`` names where the value was computed (for links)."""

    sym: Sym
    value: float
    ref: Ref | None = None
    shown: str | None = None   # how the value is written, when not fmt(value) (a count, t)


Token = Union[Op, Pair, Term]


def fmt(value: float) -> str:
    """Four significant digits, trailing zeros kept: 0.4000, 0.1385, 0.01337, -1.500e+05."""
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value == 0:
        return "0"
    return f"{value:#.4g}"


def _render(tokens: list[Token], how: str, numbers: bool, link: bool) -> str:
    out = []
    for n, tok in enumerate(tokens):
        if isinstance(tok, Op):
            out.append(tok.render(how))
        elif isinstance(tok, Pair):
            out.append((tok.num if numbers else tok.sym).render(how))
        elif numbers:
            s = tok.shown if tok.shown is not None else fmt(tok.value)
            if tok.value < 0 and n > 0:
                s = f"({s})"
            if link and how == "html" and tok.ref is not None:
                s = f'<a href="{tok.ref.url()}">{s}</a>'
            out.append(s)
        else:
            s = tok.sym.render(how)
            if link and how == "html" and tok.ref is not None:
                s = f'<a href="{tok.ref.url()}">{s}</a>'
            out.append(s)
    return "".join(out)


@dataclass
class Step:
    """lhs = formula = numbers = value."""

    lhs: Term
    tokens: list[Token]
    value: float

    def is_leaf(self) -> bool:
        return len(self.tokens) == 1 and isinstance(self.tokens[0], Term) and self.tokens[0].sym.label is None \
            and self.tokens[0].ref == self.lhs.ref

    def parts(self, how: str, link: bool = False) -> tuple[str, str, str, str]:
        """(lhs, formula, numbers, result) rendered for ``how`` in text, html or latex."""
        lhs = self.lhs.sym.render(how)
        return (lhs, _render(self.tokens, how, False, link), _render(self.tokens, how, True, link),
                fmt(self.value))

    def render(self, how: str, link: bool = False) -> str:
        lhs, formula, numbers, result = self.parts(how, link)
        if self.is_leaf():
            return f"{lhs} = {result}"
        if formula == numbers:
            return f"{lhs} = {formula} = {result}"
        return f"{lhs} = {formula} = {numbers} = {result}"


@dataclass
class Explanation:
    target: Ref
    title: str
    steps: list[Step]
    recorded: float | None
    notes: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.steps[0].value

    @property
    def matches(self) -> bool:
        """The recomputed result equals the recorded number (to rounding)."""
        if self.recorded is None:
            return True
        a, b = self.value, self.recorded
        if not (math.isfinite(a) and math.isfinite(b)):
            return a == b or (math.isnan(a) and math.isnan(b))
        return abs(a - b) <= ABS_TOL + REL_TOL * max(abs(a), abs(b))

    def text(self) -> str:
        lines = [self.title, self.steps[0].render("text")]
        if len(self.steps) > 1:
            lines.append("where")
            lines += ["  " + s.render("text") for s in self.steps[1:]]
        lines += self.notes
        return "\n".join(lines)

    def html(self) -> str:
        main = self.steps[0].render("html", link=True)
        rows = [f"<p><b>{_html.escape(self.title)}</b></p>", f"<p style='font-size:115%'>{main}</p>"]
        if len(self.steps) > 1:
            rows.append("<p>where</p><ul>" + "".join(
                f"<li>{s.render('html', link=True)}</li>" for s in self.steps[1:]) + "</ul>")
        for note in self.notes:
            rows.append(f"<p><i>{_html.escape(note)}</i></p>")
        if self.recorded is not None:
            if self.matches:
                rows.append(f"<p>✓ equals the recorded value {self.recorded:.10g}</p>")
            else:
                rows.append(f"<p style='color:#c00'>✗ differs from the recorded value "
                            f"{self.recorded:.10g} (please report this)</p>")
        return "\n".join(rows)


# -- the context: the record and what it was computed with ------------------------------------
@dataclass
class Context:
    """A step record with the network structure, loss and optimizer it was computed with."""

    record: Any                 # core.session.StepRecord
    network: Network
    loss: str
    optimizer: str
    hyper: dict[str, Any]

    @property
    def batch(self) -> int:
        return len(self.record.x)

    @property
    def depth(self) -> int:
        return self.network.depth

    def smp(self, s: int) -> int | None:
        return s + 1 if self.batch > 1 else None


def context_for(session: Any, record: Any = None) -> Context | None:
    """The context of ``record`` (default: the session's current record), or None."""
    record = record if record is not None else session.record
    if record is None:
        return None
    config = session.config
    log = getattr(session, "config_log", None)
    if log:
        earlier = [c for s, c in log if s <= record.step - 1]
        if earlier:
            config = earlier[-1]
    hyper = config.hyper()
    hyper["learning_rate"] = record.learning_rate
    return Context(record, session.network, config.loss, config.optimizer, hyper)


def loss_after(ctx: Context) -> float | None:
    """The loss of the same batch with the updated parameters (None before the update)."""
    rec = ctx.record
    if rec.params_after is None:
        return None
    from .forward import batch_loss
    net = ctx.network.copy()
    net.set_parameters([p.copy() for p in rec.params_after])
    with np.errstate(all="ignore"):
        return batch_loss(net, rec.x, rec.y, LOSSES[ctx.loss])


# -- recorded values -----------------------------------------------------------------------------
def param_index(ref: Ref) -> tuple[int, tuple[int, ...]]:
    """(index into parameters(), element index) of a parameter-like ref."""
    return 2 * ref.layer + int(ref.bias), ((ref.j,) if ref.bias else (ref.i, ref.j))


def value_of(ctx: Context, ref: Ref) -> float | None:
    """The recorded number ``ref`` names; None when it has not been computed yet."""
    r, k, i, s = ctx.record, ref.layer, ref.i, ref.sample
    kind = ref.kind
    if kind == "x":
        return float(r.x[s, i])
    if kind == "y":
        return float(r.y[s, i])
    if kind in ("v_in", "v_out"):
        arr = getattr(r, kind)
        return float(arr[k][s, i]) if k < len(arr) else None
    if kind == "delta":
        return None if r.delta[k] is None else float(r.delta[k][s, i])
    if kind == "delta_mean":
        return None if r.delta[k] is None else float(np.mean(r.delta[k][:, i]))
    if kind == "fprime":
        if k >= len(r.v_in):
            return None
        act = ctx.network.layers[k]
        d = ACTIVATIONS[act.activation].derivative(r.v_in[k][s:s + 1], r.v_out[k][s:s + 1], act.activation_param)
        return float(d[0, i])
    if kind == "loss":
        return None if r.losses is None else float(r.losses[s])
    if kind == "batch_loss":
        return r.loss
    if kind == "loss_after":
        return loss_after(ctx)
    p, idx = param_index(ref)
    if kind == "param":
        return float(r.params_before[p][idx])
    if kind == "grad":
        g = (r.dE_db if ref.bias else r.dE_dW)[k]
        return None if g is None else float(g[idx])
    if kind == "contrib":
        d = r.delta[k + 1]
        if d is None:
            return None
        if ref.bias:
            return float(d[s, ref.j]) if ctx.network.layers[k + 1].bias else 0.0
        return float(r.v_out[k][s, ref.i] * d[s, ref.j]) if ctx.network.mask[k][ref.i, ref.j] else 0.0
    if kind == "update":
        return None if r.updates is None else float(r.updates[p][idx])
    if kind == "after":
        return None if r.params_after is None else float(r.params_after[p][idx])
    if kind == "state":
        st = r.opt_state_after
        return None if st is None or ref.key not in st else float(st[ref.key][p][idx])
    raise ValueError(f"unknown value kind {ref.kind!r}")


# -- symbols of recorded values ------------------------------------------------------------------
def term(ctx: Context, ref: Ref) -> Term:
    """The symbol of ``ref`` in the article's notation, with its recorded value."""
    k, i, j, kind = ref.layer, ref.i, ref.j, ref.kind
    smp = ctx.smp(ref.sample)
    value = value_of(ctx, ref)
    value = float("nan") if value is None else value
    if kind == "x":
        return Term(Sym("x", (i + 1,), sample=smp), value, ref)
    if kind == "y":
        base = "y"
        idx = (i + 1,) if ctx.record.y.shape[1] > 1 else ()
        return Term(Sym(base, idx, sample=smp), value, ref)
    if kind in ("v_in", "v_out", "delta"):
        if kind == "v_out" and k == 0:
            return term(ctx, Ref("x", 0, i, 0, ref.sample))
        return Term(Sym(kind, (i + 1,), k, smp), value, ref)
    if kind == "fprime":
        return Term(Sym("v_in", (i + 1,), k, smp, wrap="fprime"), value, ref)
    if kind == "delta_mean":
        return Term(Sym("delta", (i + 1,), k, label=f"mean δ_{i + 1}^({k})"), value, ref)
    if kind == "loss":
        return Term(Sym("E", sample=smp), value, ref)
    if kind == "batch_loss":
        return Term(Sym("E", label="E (batch mean)" if ctx.batch > 1 else None), value, ref)
    if kind == "loss_after":
        return Term(Sym("E", prime=True), value, ref)
    base = "b" if ref.bias else "w"
    idx = (j + 1,) if ref.bias else (i + 1, j + 1)
    if kind == "param":
        return Term(Sym(base, idx, k + 1), value, ref)
    if kind == "grad":
        return Term(Sym(base, idx, k + 1, wrap="dE"), value, ref)
    if kind == "contrib":
        return Term(Sym(base, idx, k + 1, smp, wrap="dE"), value, ref)
    if kind == "update":
        return Term(Sym(base, idx, k + 1, wrap="Delta"), value, ref)
    if kind == "after":
        return Term(Sym(base, idx, k + 1, prime=True), value, ref)
    if kind == "state":
        return Term(Sym(_STATE_SYMBOL[ref.key], ("t",)), value, ref)
    raise ValueError(f"unknown value kind {kind!r}")


_STATE_SYMBOL = {"momentum_buffer": "u", "m": "m", "v": "v", "v_max": "vmax", "sum": "s",
                 "square_avg": "r", "grad_avg": "gbar"}
STATE_NAMES = {"momentum_buffer": "momentum buffer u (velocity)", "m": "first moment m",
               "v": "second moment v", "v_max": "max second moment v_max", "sum": "Adagrad sum s",
               "square_avg": "RMSprop square average r", "grad_avg": "RMSprop gradient average ḡ"}


def const(name: str, value: float, idx: tuple = ()) -> Term:
    return Term(Sym(name, idx), float(value))


def num(value: float) -> Term:
    """A plain number written the same in the formula and the numbers (whole numbers as such)."""
    text = str(int(value)) if float(value).is_integer() and abs(value) < 1e9 else fmt(value)
    return Term(Sym("x", label=text), float(value), shown=text)


# common operators
TIMES = Pair(Op(" "), Op(" × ", latex=r" \times "))
PLUS, MINUS, DIV = Op(" + "), Op(" − ", latex=" - "), Op(" / ")
LP, RP = Op("("), Op(")")
SQRT_L, SQRT_R = Op("√(", "√(", r"\sqrt{"), Op(")", ")", "}")
POW_L, POW_R = Op("^", "<sup>", "^{"), Op("", "</sup>", "}")
SQUARED = Op("²", "<sup>2</sup>", "^{2}")


NEG = Op("−", latex=r"-\,")
ONE, ZERO = Op("1"), Op("0")


def _fn(text: str, latex: str) -> Op:
    return Op(text, latex=latex)


def _sum_tokens(items: list[list[Token]], values: list[float]) -> tuple[list[Token], float]:
    """Items joined by +, at most MAX_TERMS written out; the rest summed into one term."""
    tokens: list[Token] = []
    for n, item in enumerate(items[:MAX_TERMS]):
        if n:
            tokens.append(PLUS)
        tokens += item
    if len(items) > MAX_TERMS:
        rest = math.fsum(values[MAX_TERMS:])
        tokens += [PLUS, Term(Sym("x", label=f"Σ(the other {len(items) - MAX_TERMS} terms)"), rest)]
    return tokens, math.fsum(values)


def _f64(f, *args) -> float:
    with np.errstate(all="ignore"):
        return float(f(*(np.float64(a) for a in args)))


def _yhat(ctx: Context, j: int, s: int) -> Term:
    t = term(ctx, Ref("v_out", ctx.depth, j, 0, s))
    idx = (j + 1,) if ctx.network.sizes[-1] > 1 else ()
    return Term(Sym("yhat", idx, sample=ctx.smp(s)), t.value, t.ref)


def _y(ctx: Context, j: int, s: int) -> Term:
    return term(ctx, Ref("y", 0, j, 0, s))


def _explanation(ctx: Context, ref: Ref, title: str, steps: list[Step], notes: list[str] | None = None) -> Explanation:
    return Explanation(ref, title, steps, value_of(ctx, ref), notes or [])


# -- leaves ------------------------------------------------------------------------------------
def _leaf(ctx: Context, ref: Ref) -> Explanation:
    t = term(ctx, ref)
    row = int(ctx.record.samples[ref.sample])
    k = ref.layer
    titles = {
        "x": f"Input {ref.i + 1} of training sample {row} (row {row} of the dataset)",
        "y": f"Target {ref.i + 1} of training sample {row}, as the loss sees it",
        "param": (f"The bias of unit {ref.j + 1} of layer {k + 1}" if ref.bias else
                  f"The weight from unit {ref.i + 1} of layer {k} to unit {ref.j + 1} of layer {k + 1}")
        + f", before the update of step {ctx.record.step}",
    }
    notes = []
    if ref.kind == "param":
        after = value_of(ctx, Ref("after", k, ref.i, ref.j, 0, ref.bias))
        if after is not None:
            notes.append(f"after the update: {fmt(after)}")
    return _explanation(ctx, ref, titles[ref.kind], [Step(t, [t], t.value)], notes)


# -- forward -----------------------------------------------------------------------------------
def _v_in(ctx: Context, ref: Ref) -> Explanation:
    k, j, s = ref.layer, ref.i, ref.sample
    net = ctx.network
    items, values = [], []
    for i in range(net.sizes[k - 1]):
        if not net.mask[k - 1][i, j]:
            continue
        w, v = term(ctx, Ref("param", k - 1, i, j)), term(ctx, Ref("v_out", k - 1, i, 0, s))
        items.append([w, TIMES, v])
        values.append(w.value * v.value)
    tokens, value = _sum_tokens(items, values)
    if net.layers[k].bias:
        b = term(ctx, Ref("param", k - 1, 0, j, bias=True))
        tokens = tokens + [PLUS, b] if tokens else [b]
        value += b.value
    if not tokens:
        tokens = [ZERO]
    notes = ["removed connections are left out"] if not net.mask[k - 1][:, j].all() else []
    title = f"Input to unit {j + 1} of layer {k}: v_in^({k}) = W^({k - 1}→{k})ᵀ v_out^({k - 1})" + (
        f" + b^({k})" if net.layers[k].bias else "")
    return _explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, value)], notes)


def _v_out(ctx: Context, ref: Ref) -> Explanation:
    k, j, s = ref.layer, ref.i, ref.sample
    layer = ctx.network.layers[k]
    name, a = layer.activation, layer.activation_param
    v = term(ctx, Ref("v_in", k, j, 0, s))
    x = v.value
    notes = [f"{name}: {ACTIVATIONS[name].formula}"]
    if name == "identity":
        tokens, value = [v], x
    elif name == "sigmoid":
        tokens = [_fn("1 / (1 + exp(−", r"1 / (1 + \exp(-\,"), v, Op("))")]
        value = _f64(lambda z: 1 / (1 + np.exp(-z)) if z >= 0 else np.exp(z) / (1 + np.exp(z)), x)
    elif name == "tanh":
        tokens, value = [_fn("tanh(", r"\tanh("), v, RP], math.tanh(x)
    elif name == "relu":
        tokens, value = [_fn("max(0, ", r"\max(0, "), v, RP], max(0.0, x)
    elif name == "leaky_relu":
        tokens, value = ([v], x) if x > 0 else ([const("a", a), TIMES, v], a * x)
        notes.append(f"a = {a:g}; here v_in {'> 0' if x > 0 else '≤ 0'}")
    elif name == "softplus":
        tokens, value = [_fn("ln(1 + exp(", r"\ln(1 + \exp("), v, Op("))")], _f64(np.logaddexp, 0.0, x)
    elif name == "elu":
        if x > 0:
            tokens, value = [v], x
        else:
            tokens = [const("alpha", a), TIMES, LP, _fn("exp(", r"\exp("), v, RP, MINUS, ONE, RP]
            value = a * math.expm1(x)
        notes.append(f"α = {a:g}; here v_in {'> 0' if x > 0 else '≤ 0'}")
    elif name == "softmax":
        n = ctx.network.sizes[k]
        vs = [term(ctx, Ref("v_in", k, i, 0, s)) for i in range(n)]
        exp_ = _fn("exp(", r"\exp(")
        denom, _ = _sum_tokens([[exp_, t, RP] for t in vs], [0.0] * n)
        tokens = [exp_, v, RP, DIV, LP] + denom + [RP]
        z = np.array([t.value for t in vs])
        e = np.exp(z - z.max())
        value = float(e[j] / e.sum())
    else:  # a new activation without an explanation yet
        raise ValueError(f"no explanation for activation {name!r}")
    title = f"Output of unit {j + 1} of layer {k}: v_out = f(v_in)"
    return _explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, value)], notes)


def _fprime_step(ctx: Context, k: int, j: int, s: int) -> tuple[Step, list[str]]:
    layer = ctx.network.layers[k]
    name, a = layer.activation, layer.activation_param
    v, o = term(ctx, Ref("v_in", k, j, 0, s)), term(ctx, Ref("v_out", k, j, 0, s))
    lhs = term(ctx, Ref("fprime", k, j, 0, s))
    x, y = v.value, o.value
    notes = [f"{name}: {ACTIVATIONS[name].derivative_formula}"]
    if name == "identity":
        tokens, value = [ONE], 1.0
    elif name in ("sigmoid", "softmax"):
        tokens, value = [o, TIMES, LP, ONE, MINUS, o, RP], y * (1.0 - y)
        if name == "softmax":
            notes.append("the diagonal of the softmax Jacobian")
    elif name == "tanh":
        tokens, value = [ONE, MINUS, o, SQUARED], 1.0 - y * y
    elif name == "relu":
        tokens, value = ([ONE], 1.0) if x > 0 else ([ZERO], 0.0)
        notes.append(f"here v_in {'> 0' if x > 0 else '≤ 0'}")
    elif name == "leaky_relu":
        tokens, value = ([ONE], 1.0) if x > 0 else ([const("a", a)], a)
        notes.append(f"here v_in {'> 0' if x > 0 else '≤ 0'}")
    elif name == "softplus":
        tokens = [_fn("1 / (1 + exp(−", r"1 / (1 + \exp(-\,"), v, Op("))")]
        value = _f64(lambda z: 1 / (1 + np.exp(-z)) if z >= 0 else np.exp(z) / (1 + np.exp(z)), x)
    elif name == "elu":
        tokens, value = ([ONE], 1.0) if x > 0 else ([o, PLUS, const("alpha", a)], y + a)
        notes.append(f"here v_in {'> 0' if x > 0 else '≤ 0'}")
    else:
        raise ValueError(f"no explanation for activation {name!r}")
    return Step(lhs, tokens, value), notes


def _fprime(ctx: Context, ref: Ref) -> Explanation:
    step, notes = _fprime_step(ctx, ref.layer, ref.i, ref.sample)
    return _explanation(ctx, ref, f"Slope of the activation of unit {ref.i + 1} in layer {ref.layer}",
                        [step], notes)


# -- the loss ----------------------------------------------------------------------------------
def _loss_tokens(ctx: Context, s: int) -> tuple[list[Token], float, list[str]]:
    n = ctx.network.sizes[-1]
    L = ctx.depth
    out = ctx.network.layers[-1].activation
    ys, yh = [_y(ctx, j, s) for j in range(n)], [_yhat(ctx, j, s) for j in range(n)]
    vs = [term(ctx, Ref("v_in", L, j, 0, s)) for j in range(n)]
    loss = ctx.loss
    if loss in ("half_sse", "mse"):
        items = [[LP, y, MINUS, h, RP, SQUARED] for y, h in zip(ys, yh)]
        body, total = _sum_tokens(items, [(y.value - h.value) ** 2 for y, h in zip(ys, yh)])
        if loss == "half_sse":
            return [_fn("1/2 (", r"\frac{1}{2} (")] + body + [RP], 0.5 * total, []
        return [LP] + body + [RP, DIV, num(n)], total / n, []
    if loss == "bce" and out == "sigmoid":
        items = [[_fn("ln(1 + exp(", r"\ln(1 + \exp("), v, Op("))"), MINUS, y, TIMES, v] for y, v in zip(ys, vs)]
        vals = [_f64(np.logaddexp, 0.0, v.value) - y.value * v.value for y, v in zip(ys, vs)]
        body, total = _sum_tokens(items, vals)
        return body, total, ["= −Σ_j [y_j ln ŷ_j + (1 − y_j) ln(1 − ŷ_j)], written with the logit "
                             "v_in = ln(ŷ / (1 − ŷ)) so that it stays finite for any v_in"]
    if loss == "bce":
        p = [min(max(h.value, 1e-12), 1 - 1e-12) for h in yh]
        items = [[y, TIMES, _fn("ln(", r"\ln("), h, RP, PLUS, LP, ONE, MINUS, y, RP, TIMES,
                  _fn("ln(1 − ", r"\ln(1 - "), h, RP] for y, h in zip(ys, yh)]
        vals = [y.value * math.log(q) + (1 - y.value) * math.log(1 - q) for y, q in zip(ys, p)]
        body, total = _sum_tokens(items, vals)
        return [NEG, LP] + body + [RP], -total, ["ŷ is clipped to [1e-12, 1 − 1e-12] inside the logarithms"]
    if loss == "cross_entropy" and out == "softmax":
        exp_ = _fn("exp(", r"\exp(")
        lse_items = [[exp_, v, RP] for v in vs]
        z = np.array([v.value for v in vs])
        lse = float(z.max() + np.log(np.sum(np.exp(z - z.max()))))
        lse_tokens, _ = _sum_tokens(lse_items, [0.0] * n)
        ysum_tokens, ysum = _sum_tokens([[y] for y in ys], [y.value for y in ys])
        yv_tokens, yv = _sum_tokens([[y, TIMES, v] for y, v in zip(ys, vs)], [y.value * v.value for y, v in zip(ys, vs)])
        tokens = [_fn("ln(", r"\ln(")] + lse_tokens + [RP, TIMES, LP] + ysum_tokens + [RP, MINUS, LP] + yv_tokens + [RP]
        return tokens, lse * ysum - yv, ["= −Σ_j y_j ln ŷ_j with ŷ = softmax(v_in), written with the logits "
                                         "so that it stays finite for any v_in"]
    if loss == "cross_entropy":
        items = [[y, TIMES, _fn("ln(", r"\ln("), h, RP] for y, h in zip(ys, yh)]
        vals = [y.value * math.log(max(h.value, 1e-12)) for y, h in zip(ys, yh)]
        body, total = _sum_tokens(items, vals)
        return [NEG, LP] + body + [RP], -total, ["ŷ is clipped to at least 1e-12 inside the logarithm"]
    raise ValueError(f"no explanation for loss {loss!r}")


def _loss(ctx: Context, ref: Ref) -> Explanation:
    tokens, value, notes = _loss_tokens(ctx, ref.sample)
    title = f"The loss of training sample {int(ctx.record.samples[ref.sample])} ({ctx.loss}: {LOSSES[ctx.loss].formula})"
    return _explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, value)], notes)


def _batch_loss(ctx: Context, ref: Ref) -> Explanation:
    if ctx.batch == 1:
        e = _loss(ctx, Ref("loss"))
        e.target, e.recorded = ref, value_of(ctx, ref)
        return e
    items = [[term(ctx, Ref("loss", sample=s))] for s in range(ctx.batch)]
    body, total = _sum_tokens(items, [float(v) for v in ctx.record.losses])
    steps = [Step(term(ctx, ref), [LP] + body + [RP, DIV, num(ctx.batch)], total / ctx.batch)]
    return _explanation(ctx, ref, "The loss of the batch: the mean of the samples' losses", steps)


def _loss_after(ctx: Context, ref: Ref) -> Explanation:
    t = term(ctx, ref)
    before = ctx.record.loss
    notes = ["a forward pass of the same batch with the updated parameters w′ and b′"]
    if before is not None and math.isfinite(t.value):
        notes.append(f"change: E′ − E = {fmt(t.value - before)}")
    return _explanation(ctx, ref, "The loss of the same batch after the update", [Step(t, [t], t.value)], notes)


# -- backward ----------------------------------------------------------------------------------
def _dE_dyhat(ctx: Context, j: int, s: int) -> Step:
    y, h = _y(ctx, j, s), _yhat(ctx, j, s)
    lhs = Term(Sym("yhat", h.sym.idx, sample=h.sym.sample, wrap="dE"), 0.0)
    if ctx.loss == "half_sse":
        tokens, value = [h, MINUS, y], h.value - y.value
    elif ctx.loss == "mse":
        n = ctx.network.sizes[-1]
        tokens, value = [Op("2"), TIMES, LP, h, MINUS, y, RP, DIV, num(n)], 2.0 * (h.value - y.value) / n
    elif ctx.loss == "bce":
        p = min(max(h.value, 1e-12), 1 - 1e-12)
        tokens = [LP, h, MINUS, y, RP, DIV, LP, h, TIMES, LP, ONE, MINUS, h, RP, RP]
        value = (p - y.value) / (p * (1.0 - p))
    elif ctx.loss == "cross_entropy":
        tokens, value = [NEG, y, DIV, h], -y.value / max(h.value, 1e-12)
    else:
        raise ValueError(f"no explanation for loss {ctx.loss!r}")
    return Step(Term(lhs.sym, value), tokens, value)


def _delta_out(ctx: Context, ref: Ref) -> Explanation:
    L, j, s = ctx.depth, ref.i, ref.sample
    out = ctx.network.layers[-1].activation
    loss = LOSSES[ctx.loss]
    lhs = term(ctx, ref)
    title = f"Error term of output unit {j + 1}: δ^({L}) = ∂E/∂v_in^({L})"
    if loss.fused_with(ACTIVATIONS[out]):
        y, h = _y(ctx, j, s), _yhat(ctx, j, s)
        note = f"{out} output with {ctx.loss}: the slope f' cancels against the loss's denominator, δ = ŷ − y"
        total = sum(_y(ctx, i, s).value for i in range(ctx.network.sizes[-1]))
        if ctx.loss == "cross_entropy" and total != 1.0:
            # targets that do not sum to 1: dE/dv_in,j = ŷ_j Σ_i y_i − y_j
            sigma = Term(Sym("y", label="Σ_i y_i"), total)
            note += "; here the targets do not sum to 1, so δ = ŷ Σ_i y_i − y"
            return _explanation(ctx, ref, title, [Step(lhs, [h, TIMES, sigma, MINUS, y],
                                                       h.value * total - y.value)], [note])
        return _explanation(ctx, ref, title, [Step(lhs, [h, MINUS, y], h.value - y.value)], [note])
    if out == "softmax":
        n = ctx.network.sizes[-1]
        gs = [_dE_dyhat(ctx, i, s) for i in range(n)]
        hs = [_yhat(ctx, i, s) for i in range(n)]
        hj = hs[j]
        items = [[g.lhs, TIMES, h, TIMES, LP, ONE if i == j else ZERO, MINUS, hj, RP]
                 for i, (g, h) in enumerate(zip(gs, hs))]
        vals = [g.value * h.value * ((1.0 if i == j else 0.0) - hj.value) for i, (g, h) in enumerate(zip(gs, hs))]
        tokens, value = _sum_tokens(items, vals)
        note = ("softmax is not element-wise: δ_j = Σ_i ∂E/∂ŷ_i · ∂ŷ_i/∂v_in,j with the Jacobian "
                "∂ŷ_i/∂v_in,j = ŷ_i (1[i=j] − ŷ_j)")
        return _explanation(ctx, ref, title, [Step(lhs, tokens, value)] + gs[:MAX_TERMS], [note])
    g = _dE_dyhat(ctx, j, s)
    fp, notes = _fprime_step(ctx, L, j, s)
    tokens = [g.lhs, TIMES, fp.lhs]
    return _explanation(ctx, ref, title, [Step(lhs, tokens, g.value * fp.value), g, fp],
                        [f"{ctx.loss}: {loss.gradient_formula}"] + notes)


def _delta_hidden(ctx: Context, ref: Ref) -> Explanation:
    k, j, s = ref.layer, ref.i, ref.sample
    net = ctx.network
    items, vals = [], []
    for m in range(net.sizes[k + 1]):
        if not net.mask[k][j, m]:
            continue
        w, d = term(ctx, Ref("param", k, j, m)), term(ctx, Ref("delta", k + 1, m, 0, s))
        items.append([w, TIMES, d])
        vals.append(w.value * d.value)
    body, back = _sum_tokens(items, vals)
    fp, notes = _fprime_step(ctx, k, j, s)
    tokens = [LP] + (body or [ZERO]) + [RP, TIMES, fp.lhs]
    title = f"Error term of unit {j + 1} in layer {k}: δ^({k}) = (W^({k}→{k + 1}) δ^({k + 1})) f'(v_in^({k}))"
    return _explanation(ctx, ref, title, [Step(term(ctx, ref), tokens, back * fp.value), fp], notes)


def _delta(ctx: Context, ref: Ref) -> Explanation:
    return _delta_out(ctx, ref) if ref.layer == ctx.depth else _delta_hidden(ctx, ref)


def _delta_mean(ctx: Context, ref: Ref) -> Explanation:
    items = [[term(ctx, Ref("delta", ref.layer, ref.i, 0, s))] for s in range(ctx.batch)]
    body, total = _sum_tokens(items, [float(v) for v in ctx.record.delta[ref.layer][:, ref.i]])
    step = Step(term(ctx, ref), [LP] + body + [RP, DIV, num(ctx.batch)], total / ctx.batch)
    return _explanation(ctx, ref, "The mean error term over the batch (what the bias gradient uses)", [step])


def _contrib_step(ctx: Context, ref: Ref) -> Step:
    k, s = ref.layer, ref.sample
    lhs = term(ctx, Ref("contrib", k, ref.i, ref.j, s, ref.bias))
    d = term(ctx, Ref("delta", k + 1, ref.j, 0, s))
    if ref.bias:
        if not ctx.network.layers[k + 1].bias:
            return Step(lhs, [ZERO], 0.0)
        return Step(lhs, [d], d.value)
    if not ctx.network.mask[k][ref.i, ref.j]:
        return Step(lhs, [ZERO], 0.0)
    v = term(ctx, Ref("v_out", k, ref.i, 0, s))
    return Step(lhs, [v, TIMES, d], v.value * d.value)


def _grad(ctx: Context, ref: Ref) -> Explanation:
    k = ref.layer
    lhs = term(ctx, ref)
    what = f"b_{ref.j + 1}^({k + 1})" if ref.bias else f"w_{ref.i + 1}{ref.j + 1}^({k + 1})"
    title = f"Gradient of the loss with respect to {what}"
    notes = []
    if ref.bias and not ctx.network.layers[k + 1].bias:
        return _explanation(ctx, ref, title, [Step(lhs, [ZERO], 0.0)], [f"layer {k + 1} has no bias"])
    if not ref.bias and not ctx.network.mask[k][ref.i, ref.j]:
        return _explanation(ctx, ref, title, [Step(lhs, [ZERO], 0.0)], ["a removed connection"])
    if ctx.batch == 1:
        c = _contrib_step(ctx, Ref("contrib", k, ref.i, ref.j, 0, ref.bias))
        notes.append("∂E/∂b_j = δ_j" if ref.bias else "∂E/∂w_ij^(k+1) = v_out,i^(k) δ_j^(k+1)")
        return _explanation(ctx, ref, title, [Step(lhs, c.tokens, c.value)], notes)
    cs = [_contrib_step(ctx, Ref("contrib", k, ref.i, ref.j, s, ref.bias)) for s in range(ctx.batch)]
    body, total = _sum_tokens([[c.lhs] for c in cs], [c.value for c in cs])
    notes.append(f"the mean over the batch of {ctx.batch} samples: this is what the update uses")
    steps = [Step(lhs, [LP] + body + [RP, DIV, num(ctx.batch)], total / ctx.batch)] + cs[:MAX_TERMS]
    return _explanation(ctx, ref, title, steps, notes)


def _contrib(ctx: Context, ref: Ref) -> Explanation:
    step = _contrib_step(ctx, ref)
    row = int(ctx.record.samples[ref.sample])
    return _explanation(ctx, ref, f"Training sample {row}'s share of the gradient (before the batch mean)", [step])


# -- the update: how the optimizer turned the gradient into Δ --------------------------------------
class _Update:
    """Builds the chain of steps from ∂E/∂p to Δp for one parameter entry."""

    def __init__(self, ctx: Context, ref: Ref) -> None:
        self.ctx, self.ref = ctx, ref
        self.p, self.idx = param_index(ref)
        self.hp = ctx.hyper
        self.t = int(ctx.record.opt_state_after["t"])
        self.steps: list[Step] = []
        self.notes: list[str] = []
        self.g = term(ctx, Ref("grad", ref.layer, ref.i, ref.j, 0, ref.bias))
        self.w = term(ctx, Ref("param", ref.layer, ref.i, ref.j, 0, ref.bias))
        self.eta = const("eta", self.hp["learning_rate"])

    def prev(self, key: str) -> Term:
        return Term(Sym(_STATE_SYMBOL[key], ("t-1",)),
                    float(self.ctx.record.opt_state_before[key][self.p][self.idx]))

    def new(self, key: str, tokens: list[Token], value: float) -> Term:
        """Record the step key_t = tokens; return key_t as a term (its value as recomputed here)."""
        r = self.ref
        lhs = term(self.ctx, Ref("state", r.layer, r.i, r.j, 0, r.bias, key))
        self.steps.append(Step(lhs, tokens, value))
        return Term(lhs.sym, value, lhs.ref)

    def helper(self, sym: Sym, tokens: list[Token], value: float) -> Term:
        self.steps.append(Step(Term(sym, value), tokens, value))
        return Term(sym, value)

    def decayed_gradient(self) -> Term:
        """g′ = g + λ p (L2 weight decay added to the gradient, as torch does)."""
        wd = self.hp.get("weight_decay", 0.0)
        if not wd:
            return self.g
        return self.helper(Sym("g", prime=True), [self.g, PLUS, const("lambda", wd), TIMES, self.w],
                           self.g.value + wd * self.w.value)

    def sgd(self) -> tuple[list[Token], float]:
        hp, g = self.hp, self.decayed_gradient()
        mu, damp = hp["momentum"], hp["dampening"]
        if not mu:
            self.notes.append("plain gradient descent: Δ = −η ∂E/∂p")
            return [NEG, self.eta, TIMES, g], -self.eta.value * g.value
        mu_t = const("mu", mu)
        if self.t == 1:
            u = self.new("momentum_buffer", [g], g.value)
            self.notes.append("the first step starts the momentum buffer u (velocity) at the gradient")
        elif damp:
            tau = const("tau", damp)
            u = self.new("momentum_buffer", [mu_t, TIMES, self.prev("momentum_buffer"), PLUS, LP, ONE, MINUS,
                                             tau, RP, TIMES, g],
                         mu * self.prev("momentum_buffer").value + (1.0 - damp) * g.value)
        else:
            u = self.new("momentum_buffer", [mu_t, TIMES, self.prev("momentum_buffer"), PLUS, g],
                         mu * self.prev("momentum_buffer").value + g.value)
        if hp["nesterov"]:
            self.notes.append("Nesterov momentum: the step looks ahead by μ u")
            return [NEG, self.eta, TIMES, LP, g, PLUS, mu_t, TIMES, u, RP], -self.eta.value * (g.value + mu * u.value)
        self.notes.append("momentum: the step follows the velocity u, not the raw gradient")
        return [NEG, self.eta, TIMES, u], -self.eta.value * u.value

    def adagrad(self) -> tuple[list[Token], float]:
        hp, g = self.hp, self.decayed_gradient()
        eta = self.eta
        if hp["lr_decay"]:
            eta = self.helper(Sym("eta", ("t",)), [self.eta, DIV, LP, ONE, PLUS, LP, Term(Sym("t"), float(self.t), shown=str(self.t)), MINUS,
                                                   ONE, RP, TIMES, const("lambda", hp["lr_decay"], ("d",)), RP],
                              self.eta.value / (1.0 + (self.t - 1) * hp["lr_decay"]))
        s = self.new("sum", [self.prev("sum"), PLUS, g, SQUARED], self.prev("sum").value + g.value ** 2)
        eps = const("eps", hp["eps"])
        self.notes.append("Adagrad divides by the root of the sum of all squared gradients so far")
        return ([NEG, eta, TIMES, g, DIV, LP, SQRT_L, s, SQRT_R, PLUS, eps, RP],
                -eta.value * g.value / (math.sqrt(s.value) + hp["eps"]))

    def rmsprop(self) -> tuple[list[Token], float]:
        hp, g = self.hp, self.decayed_gradient()
        a, eps = const("alpha", hp["alpha"]), const("eps", hp["eps"])
        r = self.new("square_avg", [a, TIMES, self.prev("square_avg"), PLUS, LP, ONE, MINUS, a, RP, TIMES, g, SQUARED],
                     hp["alpha"] * self.prev("square_avg").value + (1.0 - hp["alpha"]) * g.value ** 2)
        if hp["centered"]:
            gb = self.new("grad_avg", [a, TIMES, self.prev("grad_avg"), PLUS, LP, ONE, MINUS, a, RP, TIMES, g],
                          hp["alpha"] * self.prev("grad_avg").value + (1.0 - hp["alpha"]) * g.value)
            d = self.helper(Sym("d"), [SQRT_L, r, MINUS, gb, SQUARED, SQRT_R, PLUS, eps],
                            math.sqrt(r.value - gb.value ** 2) + hp["eps"])
        else:
            d = self.helper(Sym("d"), [SQRT_L, r, SQRT_R, PLUS, eps], math.sqrt(r.value) + hp["eps"])
        self.notes.append("RMSprop divides by the root of a running average r of squared gradients")
        if hp["momentum"] > 0:
            mu = const("mu", hp["momentum"])
            u = self.new("momentum_buffer", [mu, TIMES, self.prev("momentum_buffer"), PLUS, g, DIV, d],
                         hp["momentum"] * self.prev("momentum_buffer").value + g.value / d.value)
            return [NEG, self.eta, TIMES, u], -self.eta.value * u.value
        return [NEG, self.eta, TIMES, g, DIV, d], -self.eta.value * g.value / d.value

    def adam(self, decoupled: bool) -> tuple[list[Token], float]:
        hp = self.hp
        g = self.g if decoupled else self.decayed_gradient()
        b1, b2 = const("beta", hp["beta1"], (1,)), const("beta", hp["beta2"], (2,))
        t = Term(Sym("t"), float(self.t), shown=str(self.t))
        m = self.new("m", [b1, TIMES, self.prev("m"), PLUS, LP, ONE, MINUS, b1, RP, TIMES, g],
                     hp["beta1"] * self.prev("m").value + (1.0 - hp["beta1"]) * g.value)
        v = self.new("v", [b2, TIMES, self.prev("v"), PLUS, LP, ONE, MINUS, b2, RP, TIMES, g, SQUARED],
                     hp["beta2"] * self.prev("v").value + (1.0 - hp["beta2"]) * g.value ** 2)
        if hp["amsgrad"]:
            v = self.new("v_max", [_fn("max(", r"\max("), self.prev("v_max"), Op(", "), v, RP],
                         max(self.prev("v_max").value, v.value))
        mhat = self.helper(Sym("mhat"), [m, DIV, LP, ONE, MINUS, b1, POW_L, t, POW_R, RP],
                           m.value / (1.0 - hp["beta1"] ** self.t))
        vhat = self.helper(Sym("vhat"), [v, DIV, LP, ONE, MINUS, b2, POW_L, t, POW_R, RP],
                           v.value / (1.0 - hp["beta2"] ** self.t))
        eps = const("eps", hp["eps"])
        tokens = [NEG, self.eta, TIMES, mhat, DIV, LP, SQRT_L, vhat, SQRT_R, PLUS, eps, RP]
        value = -self.eta.value * mhat.value / (math.sqrt(vhat.value) + hp["eps"])
        self.notes.append("m and v are running averages of the gradient and its square; m̂ and v̂ "
                          "correct their bias towards 0 in the first steps")
        if decoupled and hp["weight_decay"]:
            lam = const("lambda", hp["weight_decay"])
            tokens += [MINUS, self.eta, TIMES, lam, TIMES, self.w]
            value -= self.eta.value * hp["weight_decay"] * self.w.value
            self.notes.append("AdamW: the weight decay −η λ p is applied directly, not added to the gradient")
        return tokens, value

    def explanation(self) -> Explanation:
        name = self.ctx.optimizer
        if name == "sgd":
            tokens, value = self.sgd()
        elif name == "adagrad":
            tokens, value = self.adagrad()
        elif name == "rmsprop":
            tokens, value = self.rmsprop()
        elif name in ("adam", "adamw"):
            tokens, value = self.adam(name == "adamw")
        else:
            raise ValueError(f"no explanation for optimizer {name!r}")
        ref = self.ref
        main = Step(term(self.ctx, Ref("update", ref.layer, ref.i, ref.j, 0, ref.bias)), tokens, value)
        if not self.ctx.network.trainable()[self.p][self.idx]:
            self.notes.append("this parameter is frozen, removed or an absent bias: Δ is computed but not applied")
        title = f"The update of step {self.ctx.record.step} by {name} (η = {fmt(self.eta.value)}, t = {self.t})"
        return Explanation(ref, title, [main] + self.steps, value_of(self.ctx, ref), self.notes)


def _update(ctx: Context, ref: Ref) -> Explanation:
    return _Update(ctx, ref).explanation()


def _state(ctx: Context, ref: Ref) -> Explanation:
    e = _Update(ctx, Ref("update", ref.layer, ref.i, ref.j, 0, ref.bias)).explanation()
    mine = [s for s in e.steps if s.lhs.ref == ref]
    if not mine:
        t = term(ctx, ref)
        mine = [Step(t, [t], t.value)]
        e.notes.insert(0, f"{STATE_NAMES.get(ref.key, ref.key)} is not changed by this optimizer's settings")
    rest = [s for s in e.steps if s is not mine[0]]
    return Explanation(ref, f"Optimizer state: {STATE_NAMES.get(ref.key, ref.key)}", mine[:1] + rest,
                       value_of(ctx, ref), e.notes)


def _after(ctx: Context, ref: Ref) -> Explanation:
    k, p_idx = ref.layer, param_index(ref)
    w = term(ctx, Ref("param", k, ref.i, ref.j, 0, ref.bias))
    d = term(ctx, Ref("update", k, ref.i, ref.j, 0, ref.bias))
    lhs = term(ctx, ref)
    if ctx.network.trainable()[p_idx[0]][p_idx[1]]:
        return _explanation(ctx, ref, "The parameter after the update: p′ = p + Δp",
                            [Step(lhs, [w, PLUS, d], w.value + d.value)])
    return _explanation(ctx, ref, "The parameter after the update", [Step(lhs, [w], w.value)],
                        ["frozen, removed or an absent bias: it keeps its value"])


_RULES = {"x": _leaf, "y": _leaf, "param": _leaf, "v_in": _v_in, "v_out": _v_out, "fprime": _fprime,
          "loss": _loss, "batch_loss": _batch_loss, "loss_after": _loss_after, "delta": _delta,
          "delta_mean": _delta_mean,
          "grad": _grad, "contrib": _contrib, "update": _update, "state": _state, "after": _after}


def explain(ctx: Context, ref: Ref) -> Explanation:
    """The formula behind the recorded value ``ref``, with its numbers.

    Raises ValueError when the value has not been computed yet in this step.
    """
    if ref.kind not in _RULES:
        raise ValueError(f"unknown value kind {ref.kind!r}")
    if ref.kind == "v_out" and ref.layer == 0:
        ref = Ref("x", 0, ref.i, 0, ref.sample)
    if ref.kind == "v_in" and ref.layer == 0:
        ref = Ref("x", 0, ref.i, 0, ref.sample)
    if value_of(ctx, ref) is None:
        raise ValueError("this value has not been computed yet in this step")
    return _RULES[ref.kind](ctx, ref)


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
            out += _param_refs(ctx, k - 1, "grad")
    elif phase == "update":
        for k in range(L):
            out += _param_refs(ctx, k, "update") + _param_refs(ctx, k, "after")
    return out


def _param_refs(ctx: Context, k: int, kind: str) -> list[Ref]:
    net = ctx.network
    refs = [Ref(kind, k, i, j) for i in range(net.sizes[k]) for j in range(net.sizes[k + 1])
            if net.mask[k][i, j]]
    if net.layers[k + 1].bias:
        refs += [Ref(kind, k, 0, j, bias=True) for j in range(net.sizes[k + 1])]
    return refs
