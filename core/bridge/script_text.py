"""The fixed parts of an exported PyTorch script (:mod:`core.bridge.torch_script` fills in the rest).

Each block is plain Python text that the generated script holds as it is; the names it uses
(``X``, ``Y``, ``model``, ``layers``, ``parameters``, ``optimizer``, ``learning_rate``, ``loss``,
``regularisation``, ``TRAINABLE``, ``BATCH``, ``SHUFFLE``, ``where``, ``PROJECT_JSON``,
``STATE_KEYS``) are defined by the generated blocks before them.
"""
from __future__ import annotations

HEADER = '''\
#!/usr/bin/env python3
"""{title}

A Backprop Studio project as a PyTorch script: the same network, data and training, in float64,
so that it computes the numbers the app computes (`backprop-studio export-torch FILE -o model.py
--verify N` checks that to 1e-9).  It needs only torch and numpy.  Exported at step {step}.

    python model.py --steps N                       train N steps, print the loss E of each
    python model.py --steps N --json                print {{"losses", "weights", "biases"}} as JSON
    python model.py --steps N --save-project OUT.json
                                                    write the result as a project file the app opens

Notation, as in the article and the app: layer 0 is the input, layer L the output;
v_in^(k) = W^(k-1->k)^T v_out^(k-1) + b^(k) and v_out^(k) = f(v_in^(k)); eta is the learning rate.
The app's W^(k->k+1) has one row per unit of layer k; torch stores its transpose, so
W^(k->k+1) = layers[k].weight.T and b^(k+1) = layers[k].bias.
"""
from __future__ import annotations

import argparse
import json
import math
import sys

import numpy as np
import torch
from torch import nn

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
def forward(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(v_in^(L), v_out^(L) = y_hat) for a batch x of shape (batch, units of layer 0)."""
    v_in = model[:-1](x)                # every layer up to the output's activation
    return v_in, model[-1](v_in)


def train_step() -> float | None:
    """One step: forward, E, backward (autograd: every dE/dW and dE/db), the update.

    Returns E of the batch before the update (what the app's loss curve and `trace` show), or
    None when a value is not finite (the app stops there too: training diverged).
    """
    global where
    samples, after = next_batch(where)
    x, y = X[samples], Y[samples]
    for group in optimizer.param_groups:
        group["lr"] = learning_rate(where["step"])      # eta of this step, after the schedule
    optimizer.zero_grad()
    v_in, y_hat = forward(x)
    E = loss(y, y_hat, v_in).mean()     # the batch's E: the mean of the samples' losses
    (E + regularisation()).backward()
    before = [p.detach().clone() for p in parameters]
    optimizer.step()                    # theta <- theta + Delta theta, by the optimizer's rule
    with torch.no_grad():
        for p, old, trainable in zip(parameters, before, TRAINABLE):
            if trainable is not None:   # removed connections and frozen parameters keep their value
                p.copy_(torch.where(trainable, p, old))
        if not (math.isfinite(E.item()) and all(bool(torch.isfinite(p).all()) for p in parameters)):
            for p, old in zip(parameters, before):
                p.copy_(old)
            return None
    where = dict(after, step=where["step"] + 1, t=where["t"] + 1)
    return E.item()


def app_layout() -> tuple[list, list]:
    """(weights, biases) as the app writes them: W^(k->k+1) = layers[k].weight.T; None: no bias."""
    weights = [layer.weight.detach().T.tolist() for layer in layers]
    biases = [None if layer.bias is None else layer.bias.detach().tolist() for layer in layers]
    return weights, biases


def train(steps: int) -> dict:
    """Take `steps` steps (fewer if training diverges): the losses, epochs and final parameters."""
    losses, epochs = [], []
    for _ in range(steps):
        epoch = where["epoch"]
        E = train_step()
        if E is None:
            break
        losses.append(E)
        epochs.append(epoch)
    weights, biases = app_layout()
    return {"losses": losses, "epochs": epochs, "weights": weights, "biases": biases,
            "diverged": len(losses) < steps}
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


def save_project(path: str, result: dict) -> None:
    """Write the project the app exported, with the trained parameters and training state."""
    doc = json.loads(PROJECT_JSON)
    doc["network"]["weights"], doc["network"]["biases"] = result["weights"], result["biases"]
    state = doc["state"]
    state.pop("log", None)              # the app rebuilds its plots' series from here on
    state.update(step=where["step"], epoch=where["epoch"], position=where["position"],
                 order=np.asarray(where["order"]).tolist(), rng=where["rng"], optimizer=optimizer_state(),
                 losses=state["losses"] + result["losses"], epochs=state["epochs"] + result["epochs"])
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\\n")
'''

MAIN = '''
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, required=True, metavar="N", help="training steps to take")
    parser.add_argument("--json", action="store_true", help="print losses, weights and biases as JSON")
    parser.add_argument("--save-project", metavar="OUT.json", help="write the result as a project file")
    args = parser.parse_args(argv)
    if args.steps < 0:
        parser.error("--steps must be >= 0")
    first = where["step"] + 1
    result = train(args.steps)
    if args.json:
        print(json.dumps({k: result[k] for k in ("losses", "weights", "biases")}))
    else:
        for t, E in enumerate(result["losses"], start=first):
            print(f"step {t}: E = {E!r}")
    if result["diverged"]:
        print(f"training diverged at step {first + len(result['losses'])}: a value is not finite",
              file=sys.stderr)
        return 3
    if args.save_project:
        save_project(args.save_project, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''
