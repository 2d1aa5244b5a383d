"""One training step as a worked example, like a textbook page: Markdown with LaTeX, or HTML.

The document shows the network, the inputs and targets, the parameters, the full forward
pass, the loss, every delta, every gradient, every update and every updated parameter,
each line written as ``symbol = formula = numbers = result`` (see :mod:`core.explain`).
In the Markdown every line is two math spans: ``$lhs = formula$ $= numbers = result$``
(a value given directly is ``$symbol = value$``), so a script can check each number.

The HTML is self-contained (no scripts, no network): sub- and superscripts are HTML.
"""
from __future__ import annotations

import html as _html
from pathlib import Path

from core.engine.losses import LOSSES
from core.explain import Context, Explanation, Ref, Step, explain, fmt, param_refs, refs_of

MAX_LINES = 4000   # a bigger step is not a page anyone reads; export a smaller network


def _sections(ctx: Context) -> list[tuple[str, list[Step]]]:
    """(heading, steps) in reading order; each step appears once."""
    rec, net, L = ctx.record, ctx.network, ctx.network.depth
    seen: set[str] = set()

    def steps(refs: list[Ref]) -> list[Step]:
        out = []
        for ref in refs:
            e: Explanation = explain(ctx, ref)
            for step in e.steps[1:] + e.steps[:1]:   # what a line uses comes before it
                key = step.render("latex")
                if key not in seen:
                    seen.add(key)
                    out.append(step)
        return out

    B = ctx.batch
    inputs = [Ref("x", 0, i, 0, s) for s in range(B) for i in range(net.sizes[0])]
    targets = [Ref("y", 0, j, 0, s) for s in range(B) for j in range(rec.y.shape[1])]
    params = [r for k in range(L) for r in param_refs(ctx, k, "param")]
    out = [("The inputs and targets", steps(inputs + targets)),
           ("The parameters before the update", steps(params))]
    forward = refs_of(ctx, "forward")
    for k in range(1, L + 1):
        out.append((f"Forward pass, layer {k}", steps([r for r in forward if r.layer == k])))
    out.append(("The loss", steps(refs_of(ctx, "loss"))))
    for k in range(L, 0, -1):
        deltas = [Ref("delta", k, j, 0, s) for s in range(B) for j in range(net.sizes[k])]
        out.append((f"Backward pass, layer {k}: the error terms δ^({k})", steps(deltas)))
        out.append((f"Gradients of W^({k - 1}→{k})" + (f" and b^({k})" if net.layers[k].bias else ""),
                    steps(param_refs(ctx, k - 1, "grad"))))
    for k in range(L):
        out.append((f"Update of W^({k}→{k + 1})" + (f" and b^({k + 1})" if net.layers[k + 1].bias else ""),
                    steps(param_refs(ctx, k, "update") + param_refs(ctx, k, "after"))))
    out.append(("The loss after the update", steps([Ref("loss_after")])))
    return out


def _check(ctx: Context) -> None:
    rec = ctx.record
    if rec is None or not rec.complete:
        raise ValueError("there is no complete training step to export: take a step first "
                         "(F10), or finish the one in progress")
    net = ctx.network
    lines = ctx.batch * sum(net.sizes[1:]) * 3 + 3 * net.count_parameters()
    if lines > MAX_LINES:
        raise ValueError(f"this step would need about {lines:,} lines (more than {MAX_LINES:,}): "
                         "export a smaller network or a smaller batch")


def _about(ctx: Context) -> list[tuple[str, str]]:
    """(label, plain text) lines describing the network and the training settings."""
    net, rec = ctx.network, ctx.record
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
    rows = [("Network", " → ".join(str(s) for s in net.sizes) + "; " + "; ".join(layers)),
            ("Loss", f"{ctx.loss}: {LOSSES[ctx.loss].formula}"),
            ("Optimizer", f"{ctx.optimizer}, learning rate η = {fmt(rec.learning_rate)}" + (f" ({hp})" if hp else "")),
            ("Batch", f"training sample(s) {', '.join(str(int(s)) for s in rec.samples)} "
                      f"(rows of the training set, counted from 0; epoch {rec.epoch + 1}, "
                      f"step {rec.step}, counted from 1)")]
    if removed or frozen:
        rows.append(("Note", f"{removed} removed connection(s) and {frozen} frozen parameter(s)"))
    rows.append(("Conventions", "W^(k→k+1) has rows = units of layer k and columns = units of layer k+1; "
                 "its entries are w_ij^(k+1). δ = ∂E/∂v_in; the update is p′ = p + Δp. "
                 "Numbers are rounded to 4 significant digits; every result is computed from the "
                 "unrounded values."))
    return rows


def markdown(ctx: Context) -> str:
    """The worked example as Markdown with LaTeX in ``$...$``."""
    _check(ctx)
    out = [f"# Worked example: training step {ctx.record.step}", ""]
    out += [f"- **{label}:** {text}" for label, text in _about(ctx)]
    for heading, steps in _sections(ctx):
        out += ["", f"## {heading}", ""]
        for step in steps:
            lhs, formula, numbers, result = step.parts("latex")
            if step.is_leaf():
                out.append(f"- ${lhs} = {result}$")
            elif formula == numbers:
                out.append(f"- ${lhs} = {formula}$ $= {result}$")
            else:
                out.append(f"- ${lhs} = {formula}$ $= {numbers} = {result}$")
    out.append("")
    return "\n".join(out)


_CSS = """body{font-family:Georgia,'Times New Roman',serif;max-width:60em;margin:2em auto;padding:0 1em;
line-height:1.6;color:#202020;background:#fff}h1,h2{font-family:Helvetica,Arial,sans-serif}
h2{border-bottom:1px solid #ccc;margin-top:1.6em}.f{margin:.2em 0 .2em 1.5em}.n{color:#1f4fa0}
table{border-collapse:collapse}td{padding:.1em .8em .1em 0;vertical-align:top}"""


def html_document(ctx: Context) -> str:
    """The worked example as one self-contained HTML page."""
    _check(ctx)
    title = f"Worked example: training step {ctx.record.step}"
    out = ["<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
           f"<title>{_html.escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_html.escape(title)}</h1><table>"]
    out += [f"<tr><td><b>{_html.escape(a)}</b></td><td>{_html.escape(b)}</td></tr>" for a, b in _about(ctx)]
    out.append("</table>")
    for heading, steps in _sections(ctx):
        out.append(f"<h2>{_html.escape(heading)}</h2>")
        for step in steps:
            lhs, formula, numbers, result = step.parts("html")
            if step.is_leaf():
                line = f"{lhs} = <span class='n'>{result}</span>"
            elif formula == numbers:
                line = f"{lhs} = {formula} = <span class='n'>{result}</span>"
            else:
                line = f"{lhs} = {formula} = <span class='n'>{numbers} = {result}</span>"
            out.append(f"<p class='f'>{line}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def export(ctx: Context, path: str | Path) -> Path:
    """Write the worked example to ``path``: Markdown for .md, HTML for .html/.htm."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        text = markdown(ctx)
    elif suffix in (".html", ".htm"):
        text = html_document(ctx)
    else:
        raise ValueError(f"unknown format {path.suffix!r}: use .md (Markdown with LaTeX) or .html")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
