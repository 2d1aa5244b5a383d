"""Project files: versioned JSON, the contract between the GUI, the CLI and users.

``load``/``loads`` read a file into a ready :class:`~core.training.session.Session`; ``dumps``/``save``
write one, with the trained parameters, the optimizer state and the position in training,
so that loading what was saved and training on gives bit-identical numbers (floats are
written with ``repr``, which round-trips).  ``save`` is atomic (:mod:`core.checks.atomic`: a
temporary file in the same folder, then ``os.replace``; on any failure the original file is
untouched) and refuses a target that is not a regular file.

Reading is strict.  Anything wrong (a wrong type or shape, a non-finite number, an unknown
name or key, an unknown or newer version, an absurd size, deep nesting, a truncated file,
invalid UTF-8) raises :class:`~core.checks.errors.InputError` whose ``where`` is the JSON path
(``network.weights[1]: expected 2x1, got 2x3``), or ``document`` for a file that is not
JSON at all.  No other exception type leaves :func:`load` or :func:`loads`, and nothing is
half-loaded.  Pickle is never used.  The format is described in docs/project-file.md.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.atomic import check_target, write_atomically
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.paths import Folder
from backprop_studio.core.data.datasets import make_dataset, spec_of
from backprop_studio.core.training.session import Session, TrainingConfig

from .project_schema import read_config, read_log, read_network, read_state

FORMAT = "backprop-studio"
VERSION = 1
MAX_FILE_BYTES = 64 * 2 ** 20
_KEYS = ("format", "version", "network", "dataset")
_OPTIONAL = ("loss", "optimizer", "regularisation", "training", "state", "name", "description", "view")
_META = ("name", "description", "view")


# -- reading -------------------------------------------------------------------------------
def load(path: str | os.PathLike[str], folder: Folder | None = None) -> Session:
    """The session a project file describes; a CSV dataset is found relative to the file
    (``folder``: see :func:`session_from`)."""
    try:
        data = v.read_regular_file(path, MAX_FILE_BYTES, "document")
    except OSError as e:
        raise InputError(f"cannot read {os.fspath(path)!r}: {e.strerror or e}", "document") from None
    return loads(data, Path(path).resolve().parent, folder)


def loads(text: str | bytes, base_dir: str | os.PathLike[str] | None = None,
          folder: Folder | None = None) -> Session:
    """The session a project document describes (``base_dir``: where CSV paths start)."""
    return session_from(parse_json(text), base_dir, folder)


def parse_json(text: str | bytes) -> Any:
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys, bounded size and nesting."""
    if len(text) > MAX_FILE_BYTES:
        raise InputError(f"the document is over the limit of {MAX_FILE_BYTES:,} bytes", "document")
    if isinstance(text, (bytes, bytearray)):
        raw = bytes(text)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[:e.start].count(b"\n") + 1
            raise InputError(f"not valid UTF-8 text (byte 0x{raw[e.start]:02x} on line {line}): "
                             "not a Backprop Studio project", "document") from None
    if not text.strip():
        raise InputError("the file is empty", "document")
    prescan(text)
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as e:
        early = e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string")
        reason = "the file ends too early (truncated?)" if early else e.msg
        raise InputError(f"not valid JSON: {reason} (line {e.lineno} column {e.colno})", "document") from None
    except RecursionError:
        raise InputError("nested too deeply to be a project file", "document") from None
    except InputError:      # NaN or Infinity, refused by _refuse_constant (an InputError is a ValueError)
        raise
    except ValueError:      # Python refuses integers of more than 4,300 digits
        raise InputError("not a usable JSON value: a number with more than 4,300 digits", "document") from None


MAX_CONTAINERS = 2_000_000
"""Lists and objects in one document.  Each costs 60-230 bytes once built, against 2 or 3
characters of text: without this a 64 MiB file of empty lists took 1.7-2.8 GB to read."""
MAX_VALUES = 8_000_000
# the deepest a real project goes is about 6 (state.optimizer_state.m[k][row][column]); free-form
# objects such as "view" may nest MAX_NESTING (32) levels below their key
MAX_DEPTH = 48
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
"""Values in one document (a number costs up to 32 bytes once built, against 4 characters)."""


def prescan(text: str) -> None:
    """Refuse, before any object is built, a document with too many lists and objects or values.

    Counting brackets and commas is a pass in C; brackets and commas inside strings count
    too, so the counts (and the depth) are upper bounds.  The nesting depth is measured on the
    brackets alone (at most 2 x MAX_CONTAINERS of them), before the parser recurses into
    it; free-form objects are held to :data:`core.checks.validation.MAX_NESTING` when they are read.
    Together these keep reading a 64 MiB file under about 600 MB.
    """
    containers = text.count("[") + text.count("{")
    if containers > MAX_CONTAINERS:
        raise InputError(f"{containers:,} lists and objects is too many for a project file; "
                         f"the limit is {MAX_CONTAINERS:,}", "document")
    brackets = np.frombuffer(_NOT_BRACKETS.sub("", text).encode("ascii"), np.uint8)
    depth = int(np.cumsum(np.where((brackets == ord("[")) | (brackets == ord("{")), 1, -1)).max(initial=0))
    if depth > MAX_DEPTH:
        raise InputError(f"lists and objects nested {depth:,} deep is too deep for a project file; "
                         f"the limit is {MAX_DEPTH}", "document")
    values = text.count(",") + 1
    if values > MAX_VALUES:
        raise InputError(f"about {values:,} values is too many for a project file; "
                         f"the limit is {MAX_VALUES:,}", "document")


def _refuse_constant(name: str) -> Any:
    raise InputError(f"{name} is not a number a project file may hold; only finite numbers are allowed",
                     "document")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"the key {v.describe(key)} appears twice in one object", "document")
        out[key] = value
    return out


def check_version(doc: Any) -> None:
    """Refuse anything that is not a backprop-studio document of a version this program reads."""
    if not isinstance(doc, dict):
        raise InputError(f"expected a project object, got {v.describe(doc)}", "document")
    if doc.get("format") != FORMAT:
        raise InputError(f"expected \"{FORMAT}\"; this is not a Backprop Studio project", "format")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(f"expected a version number, got {v.describe(version)}", "version")
    if version > VERSION:
        raise InputError(f"version {version} is newer than this program reads (version {VERSION}); "
                         "update Backprop Studio to open it", "version")
    if version < 1:
        raise InputError(f"unknown version {version}; this program reads version {VERSION}", "version")


def session_from(doc: Any, base_dir: str | os.PathLike[str] | None = None,
                 folder: Folder | None = None) -> Session:
    """A session from a parsed document; InputError naming the JSON path when it is invalid.

    ``folder``: for a project from someone else (one a lesson embeds or names), the folder its
    CSV dataset must stay inside, and its messages never quote that file
    (:class:`core.checks.paths.Folder`); None for the user's own project.
    """
    check_version(doc)
    v.obj(doc, "document", _KEYS, _OPTIONAL)
    meta = {k: v.plain(doc[k], k) for k in _META if k in doc}
    for key in ("name", "description"):
        if key in meta:
            v.string(meta[key], key)
    if "view" in meta:
        v.obj(meta["view"], "view", (), tuple(meta["view"]))
    network, init = read_network(doc["network"])
    config = read_config(doc)
    dataset = make_dataset(doc["dataset"], base_dir, "dataset", folder)
    try:
        session = Session(network, dataset, config, init)
    except InputError as e:  # a test target the loss cannot use (where: test_targets[i] or split)
        raise InputError(e.message, v.join("dataset", e.where or "")) from None
    except ValueError as e:  # the dataset's columns do not fit the network or the loss
        message = str(e)
        if message.startswith("loss: "):
            raise InputError(message[len("loss: "):], "loss") from None
        raise InputError(message, "dataset") from None
    session.meta = meta
    if "state" in doc:
        state, losses, epochs, initial = read_state(doc["state"], "state", network, config, len(dataset))
        log = read_log(doc["state"]["log"], "state.log", network, state.step) if "log" in doc["state"] else None
        session.restore_state(state, losses, epochs, initial, log)
    return session


# -- writing -------------------------------------------------------------------------------
def to_document(session: Session, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The project document of ``session`` (plain JSON values), to be saved at ``path``."""
    net, cfg = session.network, session.config
    layers: list[dict[str, Any]] = [{"units": net.layers[0].units}]
    for layer in net.layers[1:]:
        spec = {"units": layer.units, "activation": layer.activation, "bias": layer.bias}
        layers.append(spec | ({"param": layer.param} if layer.param is not None else {}))
    network: dict[str, Any] = {"layers": layers, "weights": [w.tolist() for w in net.W],
                               "biases": _biases(net.b, net.layers), "init": dict(session.init)}
    if not all(m.all() for m in net.mask):
        network["mask"] = [m.astype(int).tolist() for m in net.mask]
    if any(f.any() for f in net.frozen_W + net.frozen_b):
        network["frozen"] = {"weights": [f.astype(int).tolist() for f in net.frozen_W],
                             "biases": [f.astype(int).tolist() for f in net.frozen_b]}
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    doc |= {k: session.meta[k] for k in ("name", "description") if k in session.meta}
    config = config_document(cfg)
    doc |= {"network": network, **{k: config[k] for k in ("loss", "optimizer", "training")},
            "dataset": spec_of(session.dataset, None if path is None else Path(path).parent)}
    if "regularisation" in config:
        doc["regularisation"] = config["regularisation"]
    if session.step_count or _differs(session.initial_params, net.parameters()):
        doc["state"] = _state(session)
    if "view" in session.meta:
        doc["view"] = session.meta["view"]
    return doc


def config_document(cfg: TrainingConfig) -> dict[str, Any]:
    """The keys of a project file that hold ``cfg``: loss, optimizer, training (with the schedule)
    and, when it is on, regularisation (left out when off: files without it stay as they were)."""
    doc: dict[str, Any] = {"loss": cfg.loss, "optimizer": {"name": cfg.optimizer, **cfg.hyper()},
                           "training": {"batch_size": cfg.batch_size, "shuffle": cfg.shuffle, "seed": cfg.seed,
                                        "schedule": dict(cfg.schedule)}}
    if cfg.regularisation.active:
        doc["regularisation"] = cfg.regularisation.to_json()
    return doc


def _biases(b: list[Any], layers: list[Any]) -> list[Any]:
    return [bias.tolist() if layer.bias else None for bias, layer in zip(b, layers[1:])]


def _differs(a: list[Any], b: list[Any]) -> bool:
    return any(x.shape != y.shape or (x != y).any() for x, y in zip(a, b))


def _state(session: Session) -> dict[str, Any]:
    opt = {k: (val if k == "t" else [a.tolist() for a in val]) for k, val in session.opt_state.items()}
    W0, b0 = session.initial_params[0::2], session.initial_params[1::2]
    return {"step": session.step_count, "epoch": session.epoch, "position": session.position,
            "order": session.order.tolist(), "rng": session.rng_state, "optimizer": opt,
            "losses": list(session.losses), "epochs": list(session.epochs), "log": session.log.to_json(),
            "initial": {"weights": [w.tolist() for w in W0],
                        "biases": _biases(b0, session.network.layers)}}


def dumps(session: Session, path: str | os.PathLike[str] | None = None) -> str:
    """The project file text of ``session``: indented, with lists of numbers kept on one line.

    ``path`` is where it will be saved: a CSV dataset's path is written relative to it.
    """
    return _format(to_document(session, path), "") + "\n"


def _format(value: Any, indent: str) -> str:
    compact = json.dumps(value, allow_nan=False, separators=(", ", ": "))
    if len(compact) + len(indent) <= 96:
        return compact
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k)}: {_format(x, inner)}" for k, x in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(x, (list, dict)) for x in value):
        if all(isinstance(x, list) and not any(isinstance(y, (list, dict)) for y in x) for x in value):
            return "[" + ", ".join(_format(x, inner) for x in value) + "]"   # a matrix on one line
        return "[\n" + ",\n".join(inner + _format(x, inner) for x in value) + "\n" + indent + "]"
    return compact


def save(session: Session, path: str | os.PathLike[str]) -> None:
    """Write ``session`` to ``path`` atomically (:func:`core.checks.atomic.write_atomically`);
    on failure the old file is left as it was.

    Raises OSError when the folder cannot be written, and its subclass
    :class:`~core.checks.atomic.NotARegularFile` for a device, FIFO, socket or folder.
    """
    # a CSV dataset's path is written relative to the file itself, as load() resolves links too
    write_atomically(path, dumps(session, check_target(path)))
