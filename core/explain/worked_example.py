"""One training step as a worked example, like a textbook page: Markdown with LaTeX, or HTML.

The document shows the network (in words and as a picture, :mod:`.worked_figure`), the inputs
and targets, the parameters, the full forward pass, the loss, every delta, every gradient,
every update and every updated parameter, each line written as
``symbol = formula = numbers = result`` (see :mod:`core.explain`).  In the Markdown every
line is two math spans: ``$lhs = formula$ $= numbers = result$`` (a value given directly is
``$symbol = value$``), so a script can check each number; a frozen parameter's lines end in
"(frozen: not updated)".

A batch of more than one sample is written compactly by default: the per-sample lines of the
first sample, then the batch means (loss, gradients), whose sums show the other samples'
numbers.  ``full=True`` writes every sample's lines.

The HTML is self-contained (no scripts, no network): sub- and superscripts are HTML and the
picture is inlined.  The Markdown references the picture as an SVG file written beside it.
"""
from __future__ import annotations

import html as _html
import re
from pathlib import Path

from backprop_studio.core.checks.atomic import check_target, write_atomically
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.naming import bias_vector_name, matrix_name
from backprop_studio.core.explain import Context, Explanation, Ref, Step, explain, fmt, param_index, param_refs, refs_of

from .worked_figure import network_svg

MAX_LINES = 4000   # a bigger step is not a page anyone reads; export a smaller network
FROZEN = "frozen: not updated"


# -- math in the headings and the notes: LaTeX for Markdown, HTML for the page ---------------------
def _m(how: str, latex: str, html: str) -> str:
    """A piece of math: ``$latex$`` in Markdown, ``html`` (already escaped) in HTML."""
    return f"${latex}$" if how == "latex" else html


def _W(how: str, k: int | str) -> str:
    """W^(k→k+1); ``k`` is a layer number, or the letter k."""
    return _m(how, matrix_name(k, "latex"), matrix_name(k, "html"))


def _b(how: str, k: int) -> str:
    """b^(k), the biases of layer k."""
    return _m(how, bias_vector_name(k - 1, "latex"), bias_vector_name(k - 1, "html"))


def _delta(how: str, k: int) -> str:
    return _m(how, rf"\delta^{{({k})}}", f"δ<sup>({k})</sup>")


# the loss registry's plain formulas (one source of truth) written as LaTeX
_LATEX = [(r"\by_hat_(\w)", r"\\hat{y}_\1"), (r"\b1/2 ", r"\\frac{1}{2} "), (r"\b1/n ", r"\\frac{1}{n} "),
          (r"\bsum_(\w)", r"\\sum_\1"), (r"\blog\b", r"\\log"), (r"\[", r"\\left["), (r"\]", r"\\right]")]


def latex_formula(text: str) -> str:
    r"""A registry formula such as ``E = -sum_j y_j log y_hat_j`` as LaTeX: ``E = -\sum_j y_j \log \hat{y}_j``."""
    for pattern, repl in _LATEX:
        text = re.sub(pattern, repl, text)
    return text


# -- the content ---------------------------------------------------------------------------------
def _sections(ctx: Context, how: str, full: bool) -> list[tuple[str, list[Step]]]:
    """(heading, steps) in reading order; each step appears once.  Unless ``full``, only the
    first sample's per-sample lines are written (the batch means still sum over every sample)."""
    rec, net, L = ctx.record, ctx.network, ctx.network.depth
    seen: set[str] = set()
    samples = range(ctx.batch if full else 1)

    def steps(refs: list[Ref]) -> list[Step]:
        out = []
        for ref in refs:
            e: Explanation = explain(ctx, ref)
            for step in e.steps[1:] + e.steps[:1]:   # what a line uses comes before it
                key = step.render("latex")
                own = step.lhs.ref
                if key not in seen and (full or own is None or own.sample == 0):
                    seen.add(key)
                    out.append(step)
        return out

    inputs = [Ref("x", 0, i, 0, s) for s in samples for i in range(net.sizes[0])]
    targets = [Ref("y", 0, j, 0, s) for s in samples for j in range(rec.y.shape[1])]
    params = [r for k in range(L) for r in param_refs(ctx, k, "param")]
    out = [("The inputs and targets", steps(inputs + targets)),
           ("The parameters before the update", steps(params))]
    forward = [r for r in refs_of(ctx, "forward") if r.sample in samples]
    for k in range(1, L + 1):
        out.append((f"Forward pass, layer {k}", steps([r for r in forward if r.layer == k])))
    out.append(("The loss", steps([r for r in refs_of(ctx, "loss") if r.kind != "loss" or r.sample in samples])))
    for k in range(L, 0, -1):
        deltas = [Ref("delta", k, j, 0, s) for s in samples for j in range(net.sizes[k])]
        out.append((f"Backward pass, layer {k}: the error terms {_delta(how, k)}", steps(deltas)))
        out.append((f"Gradients of {_W(how, k - 1)}" + (f" and {_b(how, k)}" if net.layers[k].bias else ""),
                    steps(param_refs(ctx, k - 1, "grad"))))
    for k in range(L):
        out.append((f"Update of {_W(how, k)}" + (f" and {_b(how, k + 1)}" if net.layers[k + 1].bias else ""),
                    steps(param_refs(ctx, k, "update") + param_refs(ctx, k, "after"))))
    out.append(("The loss after the update", steps([Ref("loss_after")])))
    return out


def _frozen(ctx: Context, step: Step) -> bool:
    """The line computes the update or the new value of a parameter that training leaves alone."""
    ref = step.lhs.ref
    if ref is None or ref.kind not in ("update", "after"):
        return False
    p, idx = param_index(ref)
    return not bool(ctx.network.trainable()[p][idx])


def _check(ctx: Context, full: bool) -> None:
    rec = ctx.record
    if rec is None or not rec.complete:
        raise ValueError("there is no complete training step to export: take a step first "
                         "(F10), or finish the one in progress")
    net = ctx.network
    samples = ctx.batch if full else 1
    lines = samples * sum(net.sizes[1:]) * 3 + 4 * net.count_parameters()
    if lines > MAX_LINES:
        raise ValueError(f"this step would need about {lines:,} lines (more than {MAX_LINES:,}): "
                         "export a smaller network" + (" or a smaller batch" if full else ""))


def _about(ctx: Context, how: str, full: bool) -> list[tuple[str, str]]:
    """(label, text) lines describing the network and the training settings; the text is
    Markdown with LaTeX (``how="latex"``) or escaped HTML."""
    net, rec = ctx.network, ctx.record
    esc = (lambda t: t) if how == "latex" else _html.escape
    layers = []
    for k, layer in enumerate(net.layers):
        if k == 0:
            layers.append(f"layer 0: {layer.units} input(s)")
        else:
            layers.append(f"layer {k}: {layer.units} unit(s), {layer.activation}, "
                          f"{'with' if layer.bias else 'no'} bias")
    hp = ", ".join(f"{k} = {v}" for k, v in ctx.hyper.items() if k != "learning_rate")
    removed = sum(int((~m).sum()) for m in net.mask)
    frozen = sum(int(f.sum()) for f in net.frozen_W) + sum(int(f.sum()) for f in net.frozen_b)
    formula = LOSSES[ctx.loss].formula
    rows = [("Network", esc(" → ".join(str(s) for s in net.sizes) + "; " + "; ".join(layers))),
            ("Loss", f"{ctx.loss}: " + _m(how, latex_formula(formula), esc(formula))),
            ("Optimizer", f"{ctx.optimizer}, learning rate " + _m(how, rf"\eta = {fmt(rec.learning_rate)}",
                                                                 f"η = {fmt(rec.learning_rate)}")
             + esc(f" ({hp})" if hp else "")),
            ("Batch", f"training sample(s) {', '.join(str(int(s)) for s in rec.samples)} "
                      f"(rows of the training set, counted from 0; epoch {rec.epoch + 1}, "
                      f"step {rec.step}, counted from 1)")]
    if ctx.batch > 1 and not full:
        rows.append(("Samples", f"the per-sample lines are written for sample 1 (training row "
                     f"{int(rec.samples[0])}); samples 2 to {ctx.batch} go through the same lines, and "
                     "their numbers appear in the batch means"))
    if removed or frozen:
        rows.append(("Note", f"{removed} removed connection(s) and {frozen} frozen parameter(s)"))
    entries = _m(how, "w_{ij}^{(k+1)}", "w<sub>ij</sub><sup>(k+1)</sup>")
    delta = _m(how, r"\delta = \partial E / \partial v_{in}", "δ = ∂E/∂v<sub>in</sub>")
    update = _m(how, r"p' = p + \Delta p", "p′ = p + Δp")
    rows.append(("Conventions", f"{_W(how, 'k')} has rows = units of layer k and columns = units of "
                 f"layer k+1; its entries are {entries}. {delta}; the update is {update}. "
                 "Numbers are rounded to 4 significant digits; every result is computed from the "
                 "unrounded values."))
    return rows


def _line(ctx: Context, step: Step, how: str) -> str:
    """One formula line: ``$lhs = formula$ $= numbers = result$`` in Markdown, HTML otherwise."""
    lhs, formula, numbers, result = step.parts(how)
    if how == "latex":
        if step.is_leaf():
            line = f"${lhs} = {result}$"
        elif numbers in (formula, result):   # nothing to substitute, or nothing computed
            line = f"${lhs} = {formula}$ $= {result}$"
        else:
            line = f"${lhs} = {formula}$ $= {numbers} = {result}$"
    elif step.is_leaf():
        line = f"{lhs} = <span class='n'>{result}</span>"
    elif numbers in (formula, result):
        line = f"{lhs} = {formula} = <span class='n'>{result}</span>"
    else:
        line = f"{lhs} = {formula} = <span class='n'>{numbers} = {result}</span>"
    return line + (f" ({FROZEN})" if _frozen(ctx, step) else "")


def figure_name(path: str | Path) -> str:
    """The file name of the picture written beside the Markdown ``path``: ``step.md`` -> ``step.svg``."""
    return Path(path).stem + ".svg"


def markdown(ctx: Context, full: bool = False, figure: str | None = None) -> str:
    """The worked example as Markdown with LaTeX in ``$...$``; ``figure`` is the picture's file name."""
    _check(ctx, full)
    out = [f"# Worked example: training step {ctx.record.step}", ""]
    out += [f"- **{label}:** {text}" for label, text in _about(ctx, "latex", full)]
    if figure:
        out += ["", f"![The network with the values of {'sample 1' if ctx.batch > 1 else 'this step'}]({figure})"]
    for heading, steps in _sections(ctx, "latex", full):
        out += ["", f"## {heading}", ""]
        out += [f"- {_line(ctx, step, 'latex')}" for step in steps]
    out.append("")
    return "\n".join(out)


_CSS = """body{font-family:Georgia,'Times New Roman',serif;max-width:60em;margin:2em auto;padding:0 1em;
line-height:1.6;color:#202020;background:#fff}h1,h2{font-family:Helvetica,Arial,sans-serif}
h2{border-bottom:1px solid #ccc;margin-top:1.6em}.f{margin:.2em 0 .2em 1.5em}.n{color:#1f4fa0}
table{border-collapse:collapse}td{padding:.1em .8em .1em 0;vertical-align:top}svg{max-width:100%;height:auto}"""


def html_document(ctx: Context, full: bool = False) -> str:
    """The worked example as one self-contained HTML page, the picture inlined."""
    _check(ctx, full)
    title = f"Worked example: training step {ctx.record.step}"
    out = ["<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
           f"<title>{_html.escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_html.escape(title)}</h1><table>"]
    out += [f"<tr><td><b>{_html.escape(a)}</b></td><td>{b}</td></tr>" for a, b in _about(ctx, "html", full)]
    out.append("</table>")
    out.append("<figure>" + network_svg(ctx, standalone=False) + "</figure>")
    for heading, steps in _sections(ctx, "html", full):
        out.append(f"<h2>{heading}</h2>")
        out += [f"<p class='f'>{_line(ctx, step, 'html')}</p>" for step in steps]
    out.append("</body></html>")
    return "\n".join(out)


def export(ctx: Context, path: str | Path, full: bool = False) -> Path:
    """Write the worked example to ``path``: Markdown for .md (with the picture beside it,
    :func:`figure_name`), HTML for .html/.htm.  ``full`` writes every sample of a batch.

    Each file is written atomically, and both are checked before either is written: a target
    that is not a regular file raises :class:`core.checks.atomic.NotARegularFile` (an OSError)."""
    path = Path(path)
    markdown_file = path.suffix.lower() in (".md", ".markdown")
    if not markdown_file and path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"unknown format {path.suffix!r}: use .md (Markdown with LaTeX) or .html")
    figure = path.with_name(figure_name(path))
    check_target(path)
    if markdown_file:
        check_target(figure)
    text = markdown(ctx, full, figure.name) if markdown_file else html_document(ctx, full)
    if markdown_file:
        write_atomically(figure, network_svg(ctx))
    write_atomically(path, text)
    return path
