"""Trained weights back from PyTorch: a ``state_dict`` of Linear layers as the app's parameters.

The file is first read without unpickling (:func:`core.bridge.pt_archive.scan`: the zip
directory and the pickle's opcodes), which bounds what it may hold and refuses every tensor that
is not a dense real floating one before anything is allocated.  Only then is it loaded with
``torch.load(path, weights_only=True, mmap=True)``, which unpickles tensors and plain containers
only and refuses anything else (a pickled custom class never runs); the loaded tensors are
checked again with torch's own properties before they are converted.  The
``state_dict`` is that of an ``nn.Sequential`` whose Linear layers are at some indices
(``"0.weight"``, ``"0.bias"``, ``"2.weight"``, ...: activations in between hold no parameters),
which is what an exported script's ``model.state_dict()`` gives.  The Linear layers in index
order are W^(0->1), W^(1->2), ...; torch's weight is the transpose of the app's W
(W^(k->k+1) = weight.T, shape (units of layer k, units of layer k+1)).

Every shape is checked, naming the key and both shapes; two keys that name the same layer
(``0.weight`` and ``00.weight``) are refused.  Torch is imported only when a file is read;
without it, :func:`read_state_dict` says so in one line.  No message ever suggests loading
with ``weights_only`` switched off.
"""
from __future__ import annotations

import os
import re
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.validation import describe
from backprop_studio.core.engine.naming import bias_vector_name, matrix_name
from backprop_studio.core.engine.network import Network

from . import pt_archive

Array = NDArray[np.float64]
_KEY = re.compile(r"([0-9]+)\.(weight|bias)")      # ASCII digits: int() also reads other scripts' digits
NEEDS_TORCH = "needs PyTorch, which is not installed (pip install torch, or the torch extra: pip install '.[torch]')"


def import_torch(what: str) -> Any:
    """The torch module; InputError "``what`` needs PyTorch ..." when it is not installed."""
    try:
        import torch
    except ImportError:
        raise InputError(f"{what} {NEEDS_TORCH}") from None
    return torch


def read_state_dict(path: str | os.PathLike[str]) -> dict[str, Array]:
    """The named arrays of a saved ``state_dict`` (float64); InputError for anything else.

    :func:`core.bridge.pt_archive.scan` refuses, before torch reads the file, anything over the
    budget and every tensor that is not dense, real and floating; the loaded tensors are checked
    again with torch's own properties (layout, dtype, device, shape) before they are converted.
    """
    torch = import_torch("importing PyTorch weights")
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise InputError("cannot read it: no such file")
    expected = pt_archive.scan(name)
    try:
        obj = torch.load(name, weights_only=True, map_location="cpu", mmap=True)
    except Exception as e:      # torch raises many kinds; its own message may suggest unsafe options
        raise InputError(f"not a PyTorch weights file (torch could not load it: {type(e).__name__})") from None
    if not isinstance(obj, dict) or set(obj) != set(expected) or not all(
            isinstance(t, torch.Tensor) for t in obj.values()):
        raise InputError("not a state_dict (torch loaded something other than the dict of tensors its "
                         "archive describes)")
    out = {}
    for key, t in obj.items():
        problem = _not_dense_real(t, torch)
        if problem or tuple(t.shape) != expected[key].size:
            raise InputError(f"{describe(key)}: {problem or 'not the shape its archive describes'}; "
                             f"{pt_archive.ACCEPTED}")
        out[key] = t.detach().to(torch.float64, copy=True).numpy()    # one copy: the file is mapped
    return out


def _not_dense_real(t: Any, torch: Any) -> str | None:
    """What makes a loaded tensor unusable here, or None for a dense real floating one on the CPU."""
    if t.layout != torch.strided:
        return f"a tensor of layout {t.layout}"
    if t.is_quantized or getattr(t, "is_nested", False):
        return "a quantized tensor" if t.is_quantized else "a nested tensor"
    if t.device.type != "cpu":
        return f"a tensor on the {t.device.type} device"
    if t.is_complex() or not t.is_floating_point():
        return f"a tensor of {t.dtype}"
    if type(t) is not torch.Tensor and type(t) is not torch.nn.Parameter:
        return "a tensor subclass"
    return None


def parameters_from(state: dict[str, Array], network: Network) -> list[Array]:
    """[W^(0->1), b^(1), W^(1->2), ...] of ``network``'s shapes from a state_dict.

    InputError names the key: a key that is not ``N.weight`` or ``N.bias``, a bias without its
    weight, the wrong number of Linear layers, a shape that differs (with both shapes), a bias
    for a layer without one (or none for a layer with one), a value that is not finite.
    """
    found: dict[int, dict[str, Array]] = {}
    named: dict[tuple[int, str], str] = {}
    for key, value in state.items():
        match = _KEY.fullmatch(key)
        if not match:
            raise InputError(f"unexpected key {describe(key)}: expected N.weight and N.bias of an nn.Sequential "
                             "of Linear layers")
        index, kind = int(match[1]), match[2]
        if (index, kind) in named:      # "0.weight" and "00.weight": which one is meant?
            raise InputError(f"the keys {describe(named[index, kind])} and {describe(key)} both name "
                             f"{index}.{kind}; keep one")
        named[index, kind] = key
        found.setdefault(index, {})[kind] = value
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
        weight = _checked(found[i]["weight"], f"{i}.weight", (fan_out, fan_in), f"{matrix_name(k, 'ascii')} transposed")
        has_bias = network.layers[k + 1].bias
        if has_bias and "bias" not in found[i]:
            raise InputError(f"{i}.bias is missing: layer {k + 1} has a bias in the project")
        if not has_bias and "bias" in found[i]:
            raise InputError(f"{i}.bias: layer {k + 1} has no bias in the project")
        bias = (_checked(found[i]["bias"], f"{i}.bias", (fan_out,), bias_vector_name(k, "ascii")) if has_bias
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
