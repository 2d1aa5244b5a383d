"""What the debugger's tables show: their rows (sections and values) and columns, per structure.

Each layout function takes the step's :class:`core.explain.Context` and returns (key, column
headers, rows) for :meth:`gui.debugger.tables.RefTable.set_layout`; the key changes when the
layout would, so a table is laid out again only then.
"""
from __future__ import annotations

from backprop_studio.core.engine.naming import bias_vector_name, matrix_name, param_name
from backprop_studio.core.engine.optimizers import optimizer
from backprop_studio.core.explain import Context, Ref, state_array
from backprop_studio.gui.language import tr

from .tables import MAX_PARAM_ROWS, MAX_SAMPLES, MAX_UNITS, MEAN_DELTA, MEAN_GRADIENT, Row


def sample_page(batch: int, sample: int = 0) -> list[int]:
    """The samples whose columns are shown: the :data:`MAX_SAMPLES` around the current one
    (samples 1-8, 9-16, ... of the batch; 0-based here)."""
    start = min(sample, max(batch - 1, 0)) // MAX_SAMPLES * MAX_SAMPLES
    return list(range(start, min(start + MAX_SAMPLES, batch)))


def _not_shown(B: int, ss: list[int]) -> list[Row]:
    """The note under a table that shows only some samples of the batch."""
    if not ss or B <= len(ss):
        return []
    return [Row(tr("… samples {first}–{last} of {batch} shown: choose another sample with the sample box").format(
        first=ss[0] + 1, last=ss[-1] + 1, batch=B))]


def units_layout(ctx: Context, sample: int = 0) -> tuple[object, list[str], list[Row]]:
    """Rows = units (per layer); columns = v_in, v_out, f'(v_in), δ, grouped per sample (+ the
    mean δ over the batch); the samples around ``sample``, the current one (see :func:`sample_page`).

    Grouping by sample keeps the inputs x and targets y (shown in the v_out columns) near the
    left edge for a batch, instead of after every sample's v_in.
    """
    net, B = ctx.network, ctx.batch
    ss = sample_page(B, sample)
    tag = (lambda s: f" [{s + 1}]") if B > 1 else (lambda s: "")
    kinds = ["v_in", "v_out", "fprime", "delta"]
    names = {"v_in": "v_in", "v_out": "v_out", "fprime": "f′(v_in)", "delta": "δ"}
    slots = [(kind, s) for s in ss for kind in kinds]
    columns = [names[kind] + tag(s) for kind, s in slots] + ([tr(MEAN_DELTA)] if B > 1 else [])
    rows: list[Row] = []
    for k in range(net.depth + 1):
        layer = net.layers[k]
        n = min(layer.units, MAX_UNITS)
        if k == 0:
            rows.append(Row((tr("Layer 0: the inputs x = v_out^(0)  ({n} unit)") if layer.units == 1 else
                             tr("Layer 0: the inputs x = v_out^(0)  ({n} units)")).format(n=layer.units)))
        else:
            rows.append(Row(layer_heading(k, k == net.depth, layer.activation)))
        for j in range(n):
            refs: list[Ref | None] = []
            for kind, s in slots:
                if k == 0:
                    refs.append(Ref("x", 0, j, 0, s) if kind == "v_out" else None)
                else:
                    refs.append(Ref(kind, k, j, 0, s))
            if B > 1:
                refs.append(Ref("delta_mean", k, j) if k else None)
            rows.append(Row(f"x_{j + 1}" if k == 0 else tr("unit {n}").format(n=j + 1), refs))
        if layer.units > n:
            rows.append(Row(tr("… {n} more units of layer {k} not shown").format(n=layer.units - n, k=k)))
    outs = ctx.record.y.shape[1]
    rows.append(Row(tr("Targets y (as the loss sees them), in the v_out columns")))
    for j in range(min(outs, MAX_UNITS)):
        refs = [Ref("y", 0, j, 0, s) if kind == "v_out" else None for kind, s in slots]
        rows.append(Row(f"y_{j + 1}", refs + ([None] if B > 1 else [])))
    rows += _not_shown(B, ss)
    return ("units", tuple(net.sizes), B, ss[0]), columns, rows


def state_keys(ctx: Context) -> list[str]:
    """The optimizer state arrays that these settings actually use."""
    return optimizer(ctx.optimizer).state_used(ctx.hyper)


def params_layout(ctx: Context, sample: int = 0) -> tuple[object, list[str], list[Row]]:
    """Rows = w_ij^(k+1) and b_j^(k+1); columns: before, ∂E/∂w (for a batch: the mean of the
    samples' shares, as E is the mean loss), Δ, after, state,
    then each sample's share of the mean: the update's own columns come first, so they are never
    pushed out of sight by a batch's per-sample columns."""
    net, B = ctx.network, ctx.batch
    ss = sample_page(B, sample) if B > 1 else []
    keys = state_keys(ctx)
    columns = ([tr("before"), tr(MEAN_GRADIENT) if B > 1 else "∂E/∂w", tr("Δ (update)"), tr("after")]
               + [state_array(ctx, k).column for k in keys] + [f"∂E/∂w [{s + 1}]" for s in ss])
    rows: list[Row] = []
    removed = tr("removed connection")
    for k in range(net.depth):
        bias = net.layers[k + 1].bias
        heading = (tr("{W} and {b}: rows i = units of layer {k}, columns j = units of layer {next}") if bias else
                   tr("{W}: rows i = units of layer {k}, columns j = units of layer {next}"))
        rows.append(Row(heading.format(W=matrix_name(k), b=bias_vector_name(k), k=k, next=k + 1)))
        entries = [(i, j, False) for i in range(net.sizes[k]) for j in range(net.sizes[k + 1])]
        entries += [(0, j, True) for j in range(net.sizes[k + 1])] if bias else []
        for i, j, is_b in entries[:MAX_PARAM_ROWS]:
            def r(kind: str, s: int = 0, key: str = "", k: int = k, i: int = i, j: int = j,
                  is_b: bool = is_b) -> Ref:
                return Ref(kind, k, i, j, s, is_b, key)
            refs = ([r("param"), r("grad"), r("update"), r("after")] + [r("state", key=key) for key in keys]
                    + [r("contrib", s) for s in ss])
            label = param_name(k, i, j, is_b)
            tip = (removed if not is_b and not net.mask[k][i, j] else "")
            rows.append(Row(label, refs, tip))
        if len(entries) > MAX_PARAM_ROWS:
            rows.append(Row(tr("… {n} more parameters of {W} not shown").format(
                n=len(entries) - MAX_PARAM_ROWS, W=matrix_name(k))))
    rows += _not_shown(B, ss)
    key = ("params", tuple(net.sizes), tuple(l.bias for l in net.layers), B, tuple(keys), ss[:1])
    return key, columns, rows


def loss_layout(ctx: Context, sample: int = 0) -> tuple[object, list[str], list[Row]]:
    B = ctx.batch
    ss = sample_page(B, sample)
    rows = [Row(tr("Before the update"))]
    for s in ss:
        rows.append(Row(f"E [{s + 1}]" if B > 1 else "E", [Ref("loss", sample=s)]))
    if B > 1:
        rows.append(Row(tr("E: mean over the batch"), [Ref("batch_loss")]))
    rows += _not_shown(B, ss)
    rows += [Row(tr("After the update (same batch)")), Row("E′", [Ref("loss_after")])]
    return ("loss", B, ss[0]), [tr("value")], rows


def layer_heading(k: int, output: bool, activation: str) -> str:
    """The title of layer ``k`` >= 1 (its kind, its activation, its vectors), in the tables and
    the matrices tab alike."""
    line = (tr("Layer {k} (output, {activation}): v_in^({k}), v_out^({k}), δ^({k})") if output else
            tr("Layer {k} (hidden, {activation}): v_in^({k}), v_out^({k}), δ^({k})"))
    return line.format(k=k, activation=activation)
