"""A project as one self-contained PyTorch script that trains exactly as the app does.

:func:`export_script` writes the network as ``nn.Sequential`` (Linear layers and their
activations) in float64 with the exact weights and biases (``repr`` of a float round-trips),
the training samples after split, scaling and features with the targets as the loss sees them,
the batch rule with the seeded generator's state (so a shuffled order is drawn as the app draws
it), the loss written out as the engine computes it, the regularisation term, the optimizer as
the ``torch.optim`` class of the same name with the project's hyperparameters and state, and the
learning-rate schedule as a plain function of the step.  Removed connections get a zero gradient
(a hook) and, like frozen parameters, keep their value through the update (restored after
``optimizer.step()``), which is the engine's rule: the optimizer sees every gradient, the update
is applied where a parameter is trainable.

The script's command line and JSON output are described in docs/cli.md (``export-torch``).
Nothing here imports torch.
"""
from __future__ import annotations

import copy
import json
import os
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.atomic import NOT_REGULAR
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import spec_of
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.naming import bias_vector_name, matrix_name
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.schedules import SCHEDULE_ENTRIES
from backprop_studio.core.files import project_file
from backprop_studio.core.training.records import Divergence, Phase
from backprop_studio.core.training.session import Session

from . import script_text

Array = NDArray[Any]

CLIPPED = '''
def clipped(p: torch.Tensor, lo: float, hi: float | None) -> torch.Tensor:
    """p clipped to [lo, hi] inside the logarithms, as the app does; the gradient passes through
    unchanged, as the app's dE/dy_hat is the formula's at the clipped p."""
    return p + (p.clamp(lo, hi) - p).detach()
'''


def export_script(session_or_project: Session | str | os.PathLike[str]) -> str:
    """The PyTorch script of a session (or of the project file at a path), as text.

    It continues from where the session stands: its parameters, optimizer state, step,
    epoch, position and generator state.  A step in progress (some phases done) is not part
    of it: the script takes that step whole.
    """
    session = (session_or_project if isinstance(session_or_project, Session)
               else project_file.load(session_or_project))
    refuse_non_finite(session)
    title = docstring_title(str(session.meta.get("name") or "A Backprop Studio project"))
    parts = [script_text.HEADER.format(title=f"{title}: in PyTorch", step=session.step_count),
             _network(session), _data(session), script_text.BATCHES, _loss(session),
             _optimizer(session), _divergence(), script_text.TRAIN, _project(session), script_text.SAVE,
             script_text.MAIN]
    return "\n\n".join(p.strip("\n") for p in parts) + "\n"


MAX_TITLE = 120


def docstring_title(name: str) -> str:
    """A project's name as the first line of the script's docstring: one line of at most
    :data:`MAX_TITLE` characters, no quote or backslash that could end the docstring, and every
    character that is not printable (NUL and other controls, a lone surrogate, a line or paragraph
    separator) written as U+XXXX, so the script is valid Python and valid UTF-8 whatever the name."""
    text = " ".join(name.split()).replace("\\", "/").replace('"', "'")
    text = "".join(c if c.isprintable() and not "\ud800" <= c <= "\udfff" else f"U+{ord(c):04X}" for c in text)
    return text if len(text) <= MAX_TITLE else text[:MAX_TITLE - 3] + "..."


def refuse_non_finite(session: Session) -> None:
    """InputError naming the first value the script could not hold: a non-finite training input
    (a feature such as x1^2 can overflow), target, parameter or optimizer state."""
    named: list[tuple[str, str, Array]] = [("dataset", "the training inputs (after scaling and features)",
                                            session.dataset.inputs),
                                           ("dataset", "the training targets", session.targets)]
    for k, (w, b) in enumerate(zip(session.network.W, session.network.b)):
        named += [("network.weights", matrix_name(k, "ascii"), w), ("network.biases", bias_vector_name(k, "ascii"), b)]
    for key, value in session.opt_state.items():
        if isinstance(value, list):
            named += [("state.optimizer", f"the optimizer state {key} of parameter {i + 1}", np.asarray(a))
                      for i, a in enumerate(value)]
    for where, what, a in named:
        bad = np.argwhere(~np.isfinite(np.asarray(a, dtype=np.float64)))
        if len(bad):
            at = ", ".join(str(int(i) + 1) for i in bad[0])
            value = float(np.asarray(a, dtype=np.float64)[tuple(bad[0])])
            raise InputError(f"{what}: {value!r} at [{at}] is not finite; a script cannot train on it", where)


def _divergence() -> str:
    """The engine's message when a value becomes non-finite, as templates the script fills in."""
    def message(layer: str | None) -> str:
        return Divergence("{step}", Phase("{phase}"), layer, "{quantity}").message   # type: ignore[arg-type]

    return "\n".join([
        "# -- the app's message when a value becomes non-finite (training diverged): the script stops there --",
        f"DIVERGED = {message(None)!r}",
        f"DIVERGED_IN_LAYER = {message('{layer}')!r}"])


# -- the generated parts ---------------------------------------------------------------------
def _literal(a: Array | list[Any], indent: str = "    ") -> str:
    """A Python literal of an array (floats as repr, which round-trips), one row per line."""
    rows = np.asarray(a).tolist() if not isinstance(a, list) else a
    if not rows or not isinstance(rows[0], list):
        return json.dumps(rows, allow_nan=False)
    return "[\n" + "".join(f"{indent}    {json.dumps(r, allow_nan=False)},\n" for r in rows) + f"{indent}]"


def _network(session: Session) -> str:
    net = session.network
    lines = ["# -- the network: layers[k] maps layer k to layer k+1 "
             "(torch's weight is the transpose of the app's W) --"]
    for name in dict.fromkeys(l.activation for l in net.layers[1:]):    # what their modules need defined
        if ACTIVATIONS[name].torch_code:
            lines.append(ACTIVATIONS[name].torch_code)
    lines.append("model = nn.Sequential(")
    for k, layer in enumerate(net.layers[1:], start=1):
        bias = "" if layer.bias else ", bias=False"
        b = f" + {bias_vector_name(k - 1, 'ascii')}" if layer.bias else ""
        lines.append(f"    nn.Linear({net.sizes[k - 1]}, {layer.units}{bias}),".ljust(40)
                     + f"# v_in^({k}) = {matrix_name(k - 1, 'ascii', True)} v_out^({k - 1}){b}")
        module = ACTIVATIONS[layer.activation].torch_module(layer.activation_param)
        out = "y_hat = " if k == net.depth else ""
        lines.append(f"    {module},".ljust(40) + f"# {out}v_out^({k}) = {layer.activation}(v_in^({k}))")
    lines.append(")")
    lines.append(f"layers = [model[{', model['.join(str(2 * k) + ']' for k in range(net.depth))}]"
                 "   # W^(k->k+1) = layers[k].weight.T, b^(k+1) = layers[k].bias")
    lines.append("\n# the parameters where the app stands, in its layout: W[k] = W^(k->k+1), one row per unit "
                 "of layer k;\n# b[k] = b^(k+1) (None: that layer has no bias)")
    lines.append("W = [\n" + "".join(f"    np.array({_literal(w, '    ')}),\n" for w in net.W) + "]")
    lines.append("b = [\n" + "".join(f"    np.array({_literal(bk)}),\n" if l.bias else "    None,\n"
                                     for bk, l in zip(net.b, net.layers[1:])) + "]")
    lines.append("with torch.no_grad():\n    for layer, W_k, b_k in zip(layers, W, b):\n"
                 "        layer.weight.copy_(torch.from_numpy(W_k.T))\n"
                 "        if b_k is not None:\n            layer.bias.copy_(torch.from_numpy(b_k))")
    lines.append("# in the order the app's optimizer sees them: W^(0->1), b^(1), W^(1->2), ...; None: no bias\n"
                 "app_parameters = [p for layer in layers for p in (layer.weight, layer.bias)]\n"
                 "parameters = [p for p in app_parameters if p is not None]\n"
                 f"SHAPES = {json.dumps([list(p.shape) for p in net.parameters()])}")
    lines.append(_fixed(session))
    return "\n".join(lines)


def _fixed(session: Session) -> str:
    """The hooks that keep removed connections at 0, and which entries the update may change."""
    net = session.network
    lines = []
    masked = [k for k in range(net.depth) if not net.mask[k].all()]
    if masked:
        lines.append("\n# removed connections (the app's mask, 1 = the connection exists; torch's layout): "
                     "their gradient is 0")
        lines.append("MASK = {\n" + "".join(f"    {k}: torch.tensor({_literal(net.mask[k].T.astype(int), '    ')},"
                                            " dtype=torch.bool),\n" for k in masked) + "}")
        lines.append("for k, mask in MASK.items():\n"
                     "    layers[k].weight.register_hook(lambda g, mask=mask: g * mask)")
    trainable = [t for i, t in enumerate(net.trainable()) if i % 2 == 0 or net.layers[i // 2 + 1].bias]
    lines.append("\n# per parameter: True where the update changes an entry; False for a removed connection "
                 "or a\n# frozen parameter (the optimizer still sees its gradient, as in the app); "
                 "None: every entry")
    items = ["None" if t.all() else f"torch.tensor({_literal((t.T if t.ndim == 2 else t).astype(int), '    ')},"
             " dtype=torch.bool)" for t in trainable]
    lines.append("TRAINABLE = [\n" + "".join(f"    {item},\n" for item in items) + "]")
    return "\n".join(lines)


def _data(session: Session) -> str:
    cfg = session.config
    epoch, position, order, rng = session.epoch, session.position, session.order, session.rng_state
    return "\n".join([
        "# -- the data: the training samples after the project's split, scaling and features, and the",
        "# targets as the loss sees them (class labels as one-hot rows for cross-entropy) --",
        f"X = torch.tensor({_literal(session.dataset.inputs, '')})",
        f"Y = torch.tensor({_literal(session.targets, '')})",
        f"BATCH = {cfg.effective_batch(len(session.dataset))}".ljust(40)
        + ("# the whole training set in each step" if cfg.batch_size == 0 else "# samples per step"),
        f"SHUFFLE = {cfg.shuffle}",
        "# where training stands: the app's step count, the optimizer's t, the epoch, the position in the",
        "# epoch's order and the state of the generator that draws each epoch's order",
        f"where = {{\"step\": {session.step_count}, \"t\": {int(session.opt_state['t'])}, \"epoch\": {epoch}, "
        f"\"position\": {position},",
        f"         \"order\": np.array({json.dumps(np.asarray(order).tolist())}),",
        f"         \"rng\": {json.dumps(rng)}}}"])


def _loss(session: Session) -> str:
    entry = LOSSES[session.config.loss]
    form = entry.torch_form(entry.fused_with(ACTIVATIONS[session.network.layers[-1].activation]))
    lines = ["# -- the loss E of each sample; the batch's E is their mean --"]
    if form.clip:
        lines.append(CLIPPED)
    lines.append("def loss(y: torch.Tensor, y_hat: torch.Tensor, z: torch.Tensor) -> torch.Tensor:")
    lines.append(f'    """{session.config.loss}: {form.text}; shape (batch,)."""')
    if form.clip:
        lines.append(f"    p = {form.clip}")
    lines.append(f"    return {form.code}")
    reg = session.config.regularisation
    lines.append("\n\ndef regularisation() -> torch.Tensor | float:")
    if reg.active:
        lines.append('    """lambda_1 sum |w| + 1/2 lambda_2 sum w^2 over every weight (biases are not regularised);\n'
                     '    it adds lambda_1 sign(w) + lambda_2 w to each dE/dw.  Not part of the E the app reports."""')
        lines.append(f"    return sum({reg.l1!r} * layer.weight.abs().sum() + 0.5 * {reg.l2!r} * "
                     "(layer.weight * layer.weight).sum()\n               for layer in layers)")
    else:
        lines.append('    """The project has no L1/L2 regularisation."""\n    return 0.0')
    return "\n".join(lines)


def _optimizer(session: Session) -> str:
    cfg = session.config
    entry = OPTIMIZERS[cfg.optimizer]
    hp = cfg.hyper()
    cls, args = entry.torch, entry.torch_arguments(hp)
    schedule = SCHEDULE_ENTRIES[cfg.schedule["name"]]
    body = schedule.torch_body(cfg.schedule)
    keys = {key: s.torch for key, s in entry.STATE.items()}
    state = {key: [] if not session.opt_state[key] else [a.tolist() for a in session.opt_state[key]]
             for key in keys}
    return "\n".join([
        f"# -- the update: torch.optim.{cls}, whose rule the app's {cfg.optimizer!r} follows:",
        f"# {entry.formula}",
        f"optimizer = torch.optim.{cls}(parameters, {', '.join(args)})",
        f"ETA = {hp['learning_rate']!r}".ljust(40) + "# eta, the base of the schedule",
        "\n\ndef learning_rate(t: int) -> float:",
        f'    """eta_t for the app\'s step t (0-based), {schedule.formula}."""',
        f"    {body}",
        "\n\n# the optimizer's state where the app stopped, in the app's layout (one array per parameter:",
        "# W^(0->1), b^(1), W^(1->2), ...; [] = none yet), and torch's name for each",
        f"STATE_KEYS = {json.dumps(keys)}",
        f"STATE = {json.dumps(state)}",
        "for i, p in enumerate(app_parameters):",
        "    if p is None:",
        "        continue",
        *([] if not entry.TORCH_COUNTS_STEPS else
          ["    optimizer.state[p][\"step\"] = torch.tensor(float(where[\"t\"]))   # the optimizer's step count t"]),
        "    for key, torch_key in STATE_KEYS.items():",
        "        if STATE[key]:",
        "            a = torch.tensor(STATE[key][i])",
        "            optimizer.state[p][torch_key] = a.T.contiguous() if a.ndim == 2 else a"])


def _project(session: Session) -> str:
    """The project document the script patches when it saves (a CSV dataset written inline)."""
    doc = project_file.to_document(session)
    if "csv" in session.dataset.spec:
        inline = copy.copy(session.dataset)
        inline.spec = {}
        doc["dataset"] = spec_of(inline)
    net = session.network
    doc.setdefault("state", {"losses": [], "epochs": [], "initial": {
        "weights": [w.tolist() for w in net.W],
        "biases": [bk.tolist() if l.bias else None for bk, l in zip(net.b, net.layers[1:])]}})
    return ("# the project as the app exported it: --save-project writes it back with the new parameters "
            "and state\nPROJECT_JSON = " + repr(json.dumps(doc, allow_nan=False))
            + f"\nNOT_REGULAR = {NOT_REGULAR!r}   # saving never replaces a device, FIFO, socket or folder")
