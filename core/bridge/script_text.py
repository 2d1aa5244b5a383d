"""The fixed parts of an exported PyTorch script (:mod:`core.bridge.torch_script` fills in the rest).

Each block is plain Python text that the generated script holds as it is; the names it uses
(``X``, ``Y``, ``model``, ``layers``, ``parameters``, ``optimizer``, ``learning_rate``, ``loss``,
``regularisation``, ``TRAINABLE``, ``BATCH``, ``SHUFFLE``, ``where``, ``PROJECT``,
``STATE_KEYS``, ``DIVERGED``, ``DIVERGED_IN_LAYER``) are defined by the generated blocks before them.
"""
from __future__ import annotations

HEADER = '''\
#!/usr/bin/env python3
"""{title}

A Backprop Studio project as a PyTorch script: the same network, data and training, in float64,
so that it computes the numbers the app computes (`backprop-studio export-torch FILE
-o {name} --verify N` checks that to 1e-9).  Exported at step {step}.

It needs PyTorch and numpy (pip install torch numpy; the smaller CPU-only build of torch:
pip install torch --index-url https://download.pytorch.org/whl/cpu).  Run it with:

    python {name} --steps N
        train N steps and print the loss E of each
    python {name} --steps N --json
        print {{"losses", "weights", "biases"}} as JSON (the final weights and biases)
    python {name} --steps N --save-project OUT.json
        also write the result as a project file that the app opens and trains on from there
    python {name} --help
        these options

Exit codes: 0 done, 2 bad input (or torch or numpy missing), 3 training diverged (the app's
message on stderr, nothing saved).  Everything is in this one file: the data below are written
one sample per line, wrapped at 100 characters.

Notation, as in the article and the app: layer 0 is the input, layer L the output;
v_in^(k) = W^(k-1->k)^T v_out^(k-1) + b^(k) and v_out^(k) = f(v_in^(k)); eta is the learning rate.
The app's W^(k->k+1) has one row per unit of layer k; torch stores its transpose, so
W^(k->k+1) = layers[k].weight.T and b^(k+1) = layers[k].bias.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import stat
import sys
import tempfile

NEEDS = {{"torch": "PyTorch: pip install torch (or, smaller, the CPU-only build: "
                  "pip install torch --index-url https://download.pytorch.org/whl/cpu)",
         "numpy": "numpy: pip install numpy"}}
try:
    import numpy as np
    import torch
    from torch import nn
except ModuleNotFoundError as missing:
    if missing.name not in NEEDS:
        raise
    print(f"this script needs {{NEEDS[missing.name]}}", file=sys.stderr)
    sys.exit(2)

torch.set_default_dtype(torch.float64)      # the app computes in float64
'''

BATCHES = '''
# -- the batch of each step: the app's one batch rule (core/training/batches.py) ----------------
# A step takes the next BATCH samples of the epoch's order, from `position` on.  At the start of
# an epoch a shuffled run draws a new order from its seeded generator (numpy's PCG64, the same
# draw the app makes), else the order is 0, 1, ..., n-1.  The last batch of an epoch may be smaller.
def next_batch(at: dict) -> tuple[np.ndarray, dict]:
    """(the sample indices of the step taken at `at`, where training stands after it)."""
    at = dict(at)
    if at["position"] == 0:
        if SHUFFLE:
            rng = np.random.default_rng()
            rng.bit_generator.state = at["rng"]
            at["order"] = rng.permutation(len(X))
            at["rng"] = rng.bit_generator.state
        else:
            at["order"] = np.arange(len(X))
    samples = at["order"][at["position"]:at["position"] + BATCH]
    at["position"] += len(samples)
    if at["position"] >= len(X):
        at["epoch"], at["position"] = at["epoch"] + 1, 0
    return samples, at
'''

TRAIN = '''
# -- one training step, as the app takes it -------------------------------------------------------
def forward(x: torch.Tensor) -> tuple[list, list]:
    """([v_in^(1), ..., v_in^(L)], [v_out^(1), ..., v_out^(L)]) for a batch x of shape (batch, units of
    layer 0), layer by layer; v_out^(L) = y_hat."""
    v_ins, v_outs, v_out = [], [], x
    for k, layer in enumerate(layers):
        v_in = layer(v_out)             # v_in^(k+1) = W^(k->k+1)^T v_out^(k) + b^(k+1)
        v_out = model[2 * k + 1](v_in)  # v_out^(k+1) = f(v_in^(k+1))
        v_ins.append(v_in)
        v_outs.append(v_out)
    return v_ins, v_outs


class Diverged(Exception):
    """A value became non-finite; the message is the app's, naming the step, quantity, layer and phase."""


def finite(value) -> bool:
    return bool(torch.isfinite(torch.as_tensor(value)).all())


def first_non_finite(step: int, eta: float, v_in: list, v_out: list, E: torch.Tensor, R, batch: int) -> str:
    """The app's message for the first non-finite value of a step, in the order of its phases
    (forward layer 1..L, loss, backward layer L..1, update), named as the app names it."""
    L = len(layers)
    checks = [(f"forward layer {k}", k, name, a) for k in range(1, L + 1)
              for name, a in (("v_in", v_in[k - 1]), ("v_out", v_out[k - 1]))]
    checks += [("loss", None, "the loss E", E), ("loss", None, "the regularisation term", R)]
    for k in range(L, 0, -1):           # delta per sample, as the app's (autograd's is of the batch mean)
        layer = layers[k - 1]
        checks += [(f"backward layer {k}", k, "delta", v_in[k - 1].grad * batch),
                   (f"backward layer {k}", k, "dE/dW", layer.weight.grad)]
        if layer.bias is not None:
            checks.append((f"backward layer {k}", k, "dE/db", layer.bias.grad))
    checks.append(("update", None, "the learning rate (from the schedule)", eta))
    checks += [("update", i // 2 + 1, "the updated W" if i % 2 == 0 else "the updated b", p)
               for i, p in enumerate(app_parameters) if p is not None]
    checks += [("update", i // 2 + 1, f"the optimizer state {key}", optimizer.state[p][torch_key])
               for key, torch_key in STATE_KEYS.items() for i, p in enumerate(app_parameters)
               if p is not None and optimizer.state[p].get(torch_key) is not None]
    for phase, layer, quantity, value in checks:
        if not finite(value):
            return (DIVERGED if layer is None else DIVERGED_IN_LAYER).format(
                step=step, quantity=quantity, layer=layer, phase=phase)
    return DIVERGED.format(step=step, quantity="a value", phase="update")


def train_step() -> float:
    """One step: forward, E, backward (autograd: every delta, dE/dW and dE/db), the update.

    Returns E of the batch before the update (what the app's loss curve and `trace` show).  As the
    app does, it checks v_in, E, the regularisation term, eta, the updated parameters and the
    optimizer's state; when one is not finite it puts the parameters back and raises Diverged,
    naming the first non-finite value in the order of the step's phases.
    """
    global where
    samples, after = next_batch(where)
    x, y = X[samples], Y[samples]
    step, eta = where["step"] + 1, learning_rate(where["step"])
    optimizer.zero_grad()
    v_in, v_out = forward(x)
    for v in v_in:
        v.retain_grad()                 # delta^(k) = dE/dv_in^(k)
    E_samples = loss(y, v_out[-1], v_in[-1])
    R = regularisation()
    E = E_samples.mean()                # the batch's E: the mean of the samples' losses
    (E + R).backward()
    before = [p.detach().clone() for p in parameters]
    if math.isfinite(eta):
        for group in optimizer.param_groups:
            group["lr"] = eta           # eta of this step, after the schedule
        optimizer.step()                # theta <- theta + Delta theta, by the optimizer's rule
    with torch.no_grad():
        for p, old, trainable in zip(parameters, before, TRAINABLE):
            if trainable is not None:   # removed connections and frozen parameters keep their value
                p.copy_(torch.where(trainable, p, old))
        state = [a for p in parameters for a in optimizer.state[p].values() if torch.is_tensor(a) and a.ndim]
        if not finite(torch.cat([torch.as_tensor(a).reshape(-1) for a in (eta, E_samples, R, *v_in,
                                                                           *parameters, *state)])):
            message = first_non_finite(step, eta, v_in, v_out, E_samples, R, len(samples))
            for p, old in zip(parameters, before):
                p.copy_(old)
            raise Diverged(message)
    where = dict(after, step=step, t=where["t"] + 1)
    return E.item()


def app_layout() -> tuple[list, list]:
    """(weights, biases) as the app writes them: W^(k->k+1) = layers[k].weight.T; None: no bias."""
    weights = [layer.weight.detach().T.tolist() for layer in layers]
    biases = [None if layer.bias is None else layer.bias.detach().tolist() for layer in layers]
    return weights, biases


def train(steps: int) -> dict:
    """Take `steps` steps (fewer if training diverges): the losses, epochs and final parameters;
    "diverged" is the app's message when training diverged (else None)."""
    losses, epochs, diverged = [], [], None
    for _ in range(steps):
        epoch = where["epoch"]
        try:
            E = train_step()
        except Diverged as e:
            diverged = str(e)
            break
        losses.append(E)
        epochs.append(epoch)
    weights, biases = app_layout()
    return {"losses": losses, "epochs": epochs, "weights": weights, "biases": biases, "diverged": diverged}
'''

SAVE = '''
# -- back to Backprop Studio: the project file, with the training state so the app goes on ---------
def optimizer_state() -> dict:
    """The optimizer's state in the app's layout: one array per parameter (W^(0->1), b^(1), ...)."""
    out = {"t": where["t"]}
    for key, torch_key in STATE_KEYS.items():
        now = [None if p is None else optimizer.state[p].get(torch_key) for p in app_parameters]
        if not STATE[key] and all(a is None for a in now):
            out[key] = []               # no state yet (SGD's momentum buffer before any momentum)
            continue
        # a parameter torch does not have (an absent bias) keeps the value it was exported with
        out[key] = [(a.T if a.ndim == 2 else a).tolist() if a is not None
                    else STATE[key][i] if STATE[key] else np.zeros(SHAPES[i]).tolist()
                    for i, a in enumerate(now)]
    return out


def writable(path: str) -> str:
    """The file `path` names (links followed); OSError when it exists and is not a regular file:
    saving replaces the target, and a device, FIFO or socket must never be replaced."""
    target = os.path.realpath(path)
    if os.path.exists(target) and not stat.S_ISREG(os.stat(target).st_mode):
        raise OSError(f"{path}: {NOT_REGULAR}")
    return target


def save_project(path: str, result: dict) -> None:
    """Write the project the app exported, with the trained parameters and training state,
    atomically (a temporary file beside it, then os.replace): never a partial file."""
    doc = json.loads(json.dumps(PROJECT))   # a deep copy: PROJECT stays as exported
    doc["network"]["weights"], doc["network"]["biases"] = result["weights"], result["biases"]
    state = doc["state"]
    state.update(step=where["step"], epoch=where["epoch"], position=where["position"],
                 order=np.asarray(where["order"]).tolist(), rng=where["rng"], optimizer=optimizer_state(),
                 losses=state["losses"] + result["losses"], epochs=state["epochs"] + result["epochs"])
    target = writable(path)
    fd, tmp = tempfile.mkstemp(prefix=".project.", suffix=".tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
            f.write("\\n")
        writable(path)                  # once more, right before the replace
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
'''

MAIN = '''
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\\n\\nNotation")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, required=True, metavar="N", help="training steps to take")
    parser.add_argument("--json", action="store_true", help="print losses, weights and biases as JSON")
    parser.add_argument("--save-project", metavar="OUT.json", help="write the result as a project file")
    args = parser.parse_args(argv)
    if args.steps < 0:
        parser.error("--steps must be >= 0")
    try:
        if args.save_project:
            writable(args.save_project)     # refused before training, not after
    except OSError as e:
        print(e, file=sys.stderr)
        return 2
    first = where["step"] + 1
    result = train(args.steps)
    if args.json:
        print(json.dumps({k: result[k] for k in ("losses", "weights", "biases")}))
    else:
        for t, E in enumerate(result["losses"], start=first):
            print(f"step {t}: E = {E!r}")
    if result["diverged"]:
        print(result["diverged"], file=sys.stderr)     # the app's message; nothing is saved
        return 3
    if args.save_project:
        try:
            save_project(args.save_project, result)
        except OSError as e:
            print(e if e.filename is None else f"{args.save_project}: {e.strerror}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''
