"""Trained weights back from PyTorch: a ``state_dict`` of Linear layers as the app's parameters.

The file is read with ``torch.load(path, weights_only=True)``, which unpickles tensors and
plain containers only and refuses anything else (a pickled custom class never runs).  The
``state_dict`` is that of an ``nn.Sequential`` whose Linear layers are at some indices
(``"0.weight"``, ``"0.bias"``, ``"2.weight"``, ...: activations in between hold no parameters),
which is what an exported script's ``model.state_dict()`` gives.  The Linear layers in index
order are W^(0->1), W^(1->2), ...; torch's weight is the transpose of the app's W
(W^(k->k+1) = weight.T, shape (units of layer k, units of layer k+1)).

Every shape is checked, naming the key and both shapes.  Torch is imported only when a file
is read; without it, :func:`read_state_dict` says so in one line.
"""
from __future__ import annotations

import os
import pickle
import re
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.network import Network

Array = NDArray[np.float64]
_KEY = re.compile(r"(\d+)\.(weight|bias)")
NEEDS_TORCH = "needs PyTorch, which is not installed (pip install torch, or the torch extra: pip install '.[torch]')"


def import_torch(what: str) -> Any:
    """The torch module; InputError "``what`` needs PyTorch ..." when it is not installed."""
    try:
        import torch
    except ImportError:
        raise InputError(f"{what} {NEEDS_TORCH}") from None
    return torch


def read_state_dict(path: str | os.PathLike[str]) -> dict[str, Array]:
    """The named arrays of a saved ``state_dict`` (float64); InputError for anything else."""
    torch = import_torch("importing PyTorch weights")
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise InputError("cannot read it: no such file")
    try:
        obj = torch.load(name, weights_only=True, map_location="cpu")
    except pickle.UnpicklingError as e:      # torch's weights-only unpickler said no
        reason = _unpickler_reason(str(e))
        if "global" in reason.lower():
            raise InputError("refused: it holds Python objects other than tensors, which "
                             f"torch.load(weights_only=True) never loads ({reason})") from None
        raise InputError(f"not a PyTorch weights file ({reason})") from None
    except Exception as e:      # torch raises many kinds for a file that is not one of its own
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise InputError(f"not a PyTorch weights file ({first})") from None
    if not isinstance(obj, dict) or not obj or not all(
            isinstance(k, str) and isinstance(t, torch.Tensor) for k, t in obj.items()):
        raise InputError(f"not a state_dict (expected a dict of named tensors, "
                         f"got {_describe(obj, torch)})")
    return {k: t.detach().to(torch.float64).cpu().numpy() for k, t in obj.items()}


def _unpickler_reason(message: str) -> str:
    """The reason in torch's long weights-only message ("Unsupported global: GLOBAL x.Y was not ...")."""
    match = re.search(r"WeightsUnpickler error:\s*(.+?)(?:\. |\.?\n|$)", message)
    return " ".join(match[1].split()) if match else "the unpickler refused it"


def _describe(obj: Any, torch: Any) -> str:
    if isinstance(obj, dict):
        odd = next(((k, t) for k, t in obj.items() if not (isinstance(k, str) and isinstance(t, torch.Tensor))),
                    None)
        return "an empty dict" if odd is None else f"a dict whose entry {odd[0]!r} is {type(odd[1]).__name__}"
    return f"a {type(obj).__name__}"


def parameters_from(state: dict[str, Array], network: Network) -> list[Array]:
    """[W^(0->1), b^(1), W^(1->2), ...] of ``network``'s shapes from a state_dict.

    InputError names the key: a key that is not ``N.weight`` or ``N.bias``, a bias without its
    weight, the wrong number of Linear layers, a shape that differs (with both shapes), a bias
    for a layer without one (or none for a layer with one), a value that is not finite.
    """
    found: dict[int, dict[str, Array]] = {}
    for key, value in state.items():
        match = _KEY.fullmatch(key)
        if not match:
            raise InputError(f"unexpected key {key!r}: expected N.weight and N.bias of an nn.Sequential "
                             "of Linear layers")
        found.setdefault(int(match[1]), {})[match[2]] = value
    for i, entry in found.items():
        if "weight" not in entry:
            raise InputError(f"{i}.bias has no {i}.weight beside it")
    indices = sorted(found)
    if len(indices) != network.depth:
        raise InputError(f"{len(indices)} Linear layer(s) ({', '.join(f'{i}.weight' for i in indices)}), but the "
                         f"project's network has {network.depth} weight matrices")
    params: list[Array] = []
    for k, i in enumerate(indices):
        fan_in, fan_out = network.sizes[k], network.sizes[k + 1]
        weight = _checked(found[i]["weight"], f"{i}.weight", (fan_out, fan_in), f"W^({k}->{k + 1}) transposed")
        has_bias = network.layers[k + 1].bias
        if has_bias and "bias" not in found[i]:
            raise InputError(f"{i}.bias is missing: layer {k + 1} has a bias in the project")
        if not has_bias and "bias" in found[i]:
            raise InputError(f"{i}.bias: layer {k + 1} has no bias in the project")
        bias = (_checked(found[i]["bias"], f"{i}.bias", (fan_out,), f"b^({k + 1})") if has_bias
                else np.zeros(fan_out))
        params += [weight.T.copy(), bias]
    return params


def _checked(a: Array, key: str, shape: tuple[int, ...], what: str) -> Array:
    if a.shape != shape:
        raise InputError(f"{key}: expected shape {_shape(shape)} ({what}), got {_shape(a.shape)}")
    if not np.all(np.isfinite(a)):
        raise InputError(f"{key}: holds a value that is not finite")
    return np.array(a, dtype=np.float64)


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ")"


def load_weights(path: str | os.PathLike[str], network: Network) -> list[Array]:
    """The parameters in ``path`` for ``network``: :func:`read_state_dict`, then :func:`parameters_from`.

    Removed connections stay removed: the value a file holds for one is dropped (set to 0) when
    the parameters are set (:meth:`core.training.session.Session.set_parameters`)."""
    return parameters_from(read_state_dict(path), network)
