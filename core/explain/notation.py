"""The article's notation as data: symbols, terms, formula lines and their rendering.

A formula line (:class:`Step`) is written once as a list of tokens.  A token is an
operator (:class:`Op`, or a :class:`Pair` written differently in the formula and the
numbers) or a :class:`Term`, a symbol (:class:`Sym`) together with its value.  Rendering
the symbols gives the formula, rendering the values gives the same formula with the
numbers substituted, so the two always correspond term by term.  Every token renders to
``"text"`` (Unicode), ``"html"`` or ``"latex"``.
"""
from __future__ import annotations

import html as _html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from backprop_studio.core.engine.naming import join_indices, script

from .refs import Ref

REL_TOL = 1e-9     # the recomputed result must equal the recorded one to this relative error
ABS_TOL = 1e-12
MAX_TERMS = 12     # terms of a sum written out; the rest are summed into one term


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
            if how == "latex" and " " in self.label:   # words, not a product of symbols
                return r"\text{" + self.label + "}"
            return _html.escape(self.label) if how == "html" else self.label
        # a base the table does not know (a new registry entry's symbol) is written as itself
        text, html_, latex, tag = _BASES.get(self.base, (self.base, _html.escape(self.base), self.base, ""))
        base = {"text": text, "html": html_, "latex": latex}[how]
        if self.prime:
            base = base + "′" if how != "latex" else "{" + base + "'}"
        sub = join_indices([str(p) for p in self.idx])
        if tag:
            sub = tag + ("," + sub if sub else "")
        if how != "latex":
            sub = sub.replace("-", "−")
        core = script(base, sub, f"({self.layer})" if self.layer is not None else "", how)
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


Token = Op | Pair | Term


def fmt(value: float) -> str:
    """Four significant digits, trailing zeros kept: 0.4000, 0.1385, 0.01337, -1.500e+05."""
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value == 0:
        return "0"
    return f"{value:#.4g}"


def _render(tokens: list[Token], how: str, numbers: bool, link: bool) -> str:
    """The symbols (or, with ``numbers``, the values) of ``tokens``; a negative value is
    parenthesised unless it opens the line or follows an opening bracket (``tanh(-0.27)``,
    never ``tanh((-0.27))``); with ``link``, HTML terms link to their ref."""
    out: list[str] = []
    for tok in tokens:
        if isinstance(tok, Op):
            out.append(tok.render(how))
        elif isinstance(tok, Pair):
            out.append((tok.num if numbers else tok.sym).render(how))
        else:
            if numbers:
                s = tok.shown if tok.shown is not None else fmt(tok.value)
                if tok.value < 0 and out and not out[-1].endswith(("(", "{", "[")):
                    s = f"({s})"
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
        """A value given directly (its only token is itself): written ``lhs = value``."""
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
    """The explanation of one recorded value: ``steps[0]`` computes it, the other steps
    compute what it uses; ``recorded`` is the engine's number (None when there is none)."""

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


# -- building blocks of formulas -----------------------------------------------------------
def const(name: str, value: float, idx: tuple = ()) -> Term:
    """A named constant such as η, μ or β_1, written as its symbol in the formula."""
    return Term(Sym(name, idx), float(value))


def num(value: float) -> Term:
    """A plain number written the same in the formula and the numbers (whole numbers as such)."""
    text = str(int(value)) if float(value).is_integer() and abs(value) < 1e9 else fmt(value)
    return Term(Sym("x", label=text), float(value), shown=text)


def label(text: str, value: float, base: str = "x") -> Term:
    """A term written as free text, e.g. "Σ_i y_i" or "Σ(the other 3 terms)", with its value."""
    return Term(Sym(base, label=text), value)


# common operators: a product is juxtaposition in the formula and × in the numbers
TIMES = Pair(Op(" "), Op(" × ", latex=r" \times "))
PLUS, MINUS, DIV = Op(" + "), Op(" − ", latex=" - "), Op(" / ")
LP, RP = Op("("), Op(")")
SQRT_L, SQRT_R = Op("√(", "√(", r"\sqrt{"), Op(")", ")", "}")
POW_L, POW_R = Op("^", "<sup>", "^{"), Op("", "</sup>", "}")
SQUARED = Op("²", "<sup>2</sup>", "^{2}")
NEG = Op("−", latex=r"-\,")
ONE, ZERO = Op("1"), Op("0")


def fn(text: str, latex: str) -> Op:
    """A function's opening, e.g. ``fn("exp(", r"\\exp(")``; HTML is written as the text."""
    return Op(text, latex=latex)


def sum_tokens(items: Sequence[Sequence[Token]], values: list[float]) -> tuple[list[Token], float]:
    """Items joined by +, at most MAX_TERMS written out; the rest summed into one term."""
    tokens: list[Token] = []
    for n, item in enumerate(items[:MAX_TERMS]):
        if n:
            tokens.append(PLUS)
        tokens += item
    if len(items) > MAX_TERMS:
        rest = math.fsum(values[MAX_TERMS:])
        tokens += [PLUS, label(f"Σ(the other {len(items) - MAX_TERMS} terms)", rest)]
    return tokens, math.fsum(values)

