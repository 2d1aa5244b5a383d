"""Datasets: the training and test samples a session learns from, and the specs they come from.

A dataset spec is the ``"dataset"`` object of a project file, in one of three kinds:

- inline:    ``{"inputs": [[...], ...], "targets": [[...], ...]}`` (optionally ``test_inputs``,
  ``test_targets``), as in the article's single example;
- generator: ``{"generator": "xor", "samples": 200, "noise": 0.1, "seed": 0}`` (see
  :mod:`core.data.generators`; ``classes`` for gaussians and spiral);
- CSV:       ``{"csv": "data.csv", "inputs": ["x1", "x2"], "targets": ["y"]}``, the path
  relative to the project file (see :mod:`core.data.csv_import`); in a project from a lesson
  it must stay inside the lesson's folder (:class:`core.checks.paths.Folder`).

Any kind may add

- ``"split": {"test_fraction": 0.2, "seed": 0}``: a seeded permutation puts
  round(fraction n) samples in the test set (at least one sample stays for training);
- ``"scaling": "none" | "standardise"``: standardising maps each input column to
  x' = (x - mean) / std with mean and std of the *training* samples (std 0 counts as 1).
  The mean and std are written back into the spec
  (``{"method": "standardise", "mean": [...], "std": [...]}``) so that loading the file
  again gives bit-identical inputs;
- ``"features": ["x1", "x2", "x1^2", ...]``: the inputs the network gets, computed from the two
  columns of a 2-D dataset after scaling (see :mod:`core.data.features`).

:func:`make_dataset` turns a spec into a :class:`Dataset`; bad specs raise
:class:`~core.checks.errors.InputError` naming the JSON path (``dataset.samples``).
"""
from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.paths import Folder

from .csv_import import read_csv
from .features import check_features, feature_map
from .generators import DATA_GENERATORS, MULTICLASS

Array = NDArray[np.float64]

_COMMON = ("split", "scaling", "features")
_INLINE = ("inputs", "targets", "test_inputs", "test_targets")


@dataclass(init=False)
class Dataset:
    """Training samples (and optional test samples), one row per sample.

    ``inputs`` has shape (n, units of layer 0), ``targets`` shape (n, outputs) or (n, 1)
    with class labels.  ``test_inputs`` and ``test_targets`` have 0 rows when no test set
    was given.  ``spec`` is the project-file description it was made from (empty when the
    arrays were made in code; :func:`spec_of` then writes them inline).

    ``features`` (empty: none) names the network's inputs as functions of the two given input
    columns (:mod:`core.data.features`): ``inputs`` and ``test_inputs`` are then the mapped
    columns, and ``raw_inputs`` and ``raw_test_inputs`` the two columns they were made from
    (which the data plots draw).  Without features the raw inputs are the inputs.
    """

    inputs: Array
    targets: Array
    test_inputs: Array
    test_targets: Array
    spec: dict[str, Any]
    source_dir: Path | None     # the folder a CSV path in ``spec`` is relative to
    features: list[str]
    raw_inputs: Array
    raw_test_inputs: Array

    # written out (not generated) so that the test arrays may be left out yet are always arrays
    def __init__(self, inputs: ArrayLike, targets: ArrayLike, test_inputs: ArrayLike | None = None,
                 test_targets: ArrayLike | None = None, spec: dict[str, Any] | None = None,
                 source_dir: Path | None = None, features: list[str] | None = None) -> None:
        self.inputs = np.atleast_2d(np.asarray(inputs, dtype=np.float64))
        t = np.asarray(targets, dtype=np.float64)
        self.targets = t[:, None] if t.ndim == 1 else t
        if test_inputs is None or test_targets is None:
            self.test_inputs = np.empty((0, self.inputs.shape[1]))
            self.test_targets = np.empty((0, self.targets.shape[1]))
        else:
            self.test_inputs = np.asarray(test_inputs, dtype=np.float64).reshape(-1, self.inputs.shape[1])
            tt = np.asarray(test_targets, dtype=np.float64)
            self.test_targets = tt[:, None] if tt.ndim == 1 else tt
        self.spec = {} if spec is None else spec
        self.source_dir = source_dir
        if len(self.inputs) != len(self.targets):
            raise ValueError(f"{len(self.inputs)} input rows but {len(self.targets)} target rows")
        if len(self.test_inputs) != len(self.test_targets):
            raise ValueError(f"{len(self.test_inputs)} test input rows but {len(self.test_targets)} test target rows")
        self.raw_inputs, self.raw_test_inputs = self.inputs, self.test_inputs
        self.features = list(features or [])
        if self.features:
            self.features = check_features(self.features, "dataset.features", self.inputs.shape[1])
            self.inputs = feature_map(self.raw_inputs, self.features)
            self.test_inputs = feature_map(self.raw_test_inputs, self.features)

    def network_inputs(self, raw: Array) -> Array:
        """The network's inputs for raw points, shape (n, columns): the feature map, if any."""
        return feature_map(raw, self.features) if self.features else raw

    def __len__(self) -> int:
        return len(self.inputs)


def make_dataset(spec: Any, base_dir: str | os.PathLike[str] | None = None, path: str = "dataset",
                 folder: Folder | None = None) -> Dataset:
    """The :class:`Dataset` a spec describes; its ``spec`` is completed (defaults, scaling stats).

    Parameters
    ----------
    spec : dict
        The ``"dataset"`` object of a project file (see the module docstring).
    base_dir : path, optional
        Where a CSV path is relative to (the project file's folder); default the working folder.
    path : str
        The JSON path of ``spec``, used in error messages.
    folder : Folder, optional
        For a project from someone else (a lesson's): the folder a CSV path must stay inside;
        its messages then never quote the file.  None for the user's own project.
    """
    if isinstance(spec, dict) and "generator" in spec:
        v.obj(spec, path, ("generator",), ("samples", "noise", "seed", "classes") + _COMMON)
        x, y, out = _generated(spec, path)
        tx = ty = None
    elif isinstance(spec, dict) and "csv" in spec:
        v.obj(spec, path, ("csv", "inputs", "targets"), _COMMON)
        x, y, out = _from_csv(spec, base_dir, path, folder)
        tx = ty = None
    else:
        v.obj(spec, path, ("inputs", "targets"), _INLINE[2:] + _COMMON)
        x, y, tx, ty = _inline(spec, path)
        out = copy.deepcopy({k: spec[k] for k in spec if k not in _COMMON})
    if "split" in spec:
        if tx is not None:
            raise InputError("give either test_inputs/test_targets or a split, not both", v.join(path, "split"))
        x, y, tx, ty, out["split"] = _split(x, y, spec["split"], v.join(path, "split"))
    scaling = spec.get("scaling", "none")
    stats, out["scaling"] = _scaling(x, scaling, v.join(path, "scaling"))
    if stats is not None:
        mean, std = stats
        with np.errstate(all="ignore"):
            x = (x - mean) / std
            tx = None if tx is None else (tx - mean) / std
        if not (np.isfinite(x).all() and (tx is None or np.isfinite(tx).all())):
            raise InputError("standardising gave a non-finite input; the values are too large",
                             v.join(path, "scaling"))
    if out["scaling"] == "none" and "scaling" not in spec:
        del out["scaling"]
    features = []
    if "features" in spec:
        features = out["features"] = check_features(spec["features"], v.join(path, "features"), x.shape[1])
    source = Path(base_dir or ".").resolve() if "csv" in out else None
    return Dataset(x, y, tx, ty, out, source, features)


def spec_of(dataset: Dataset, to_dir: str | Path | None = None) -> dict[str, Any]:
    """The project-file spec of ``dataset``: its own spec, or its arrays written inline.

    ``to_dir`` is the folder the spec will be saved in: a CSV path is rewritten relative to it.
    """
    if dataset.spec:
        spec = copy.deepcopy(dataset.spec)
        if "csv" in spec and to_dir is not None and dataset.source_dir is not None:
            spec["csv"] = os.path.relpath(dataset.source_dir / spec["csv"], Path(to_dir).resolve())
        return spec
    return inline_spec(dataset)


def inline_spec(dataset: Dataset) -> dict[str, Any]:
    """``dataset`` written out as an inline spec: its samples (after any scaling, before the
    feature map), test samples and features, so the spec needs no file and no generator.
    A lesson embeds a project's data this way (it may not point at a file of the user's)."""
    out: dict[str, Any] = {"inputs": dataset.raw_inputs.tolist(), "targets": dataset.targets.tolist()}
    if len(dataset.test_inputs):
        out["test_inputs"] = dataset.raw_test_inputs.tolist()
        out["test_targets"] = dataset.test_targets.tolist()
    if dataset.features:
        out["features"] = list(dataset.features)
    return out


def _generated(spec: dict[str, Any], path: str) -> tuple[Array, Array, dict[str, Any]]:
    name = v.string(spec["generator"], v.join(path, "generator"), tuple(DATA_GENERATORS))
    entry = DATA_GENERATORS[name]
    n = v.integer(spec.get("samples", 200), v.join(path, "samples"), 1, v.MAX_SAMPLES, "samples")
    noise = v.number(spec.get("noise", entry.noise), v.join(path, "noise"), 0.0, 100.0)
    seed = v.integer(spec.get("seed", 0), v.join(path, "seed"), 0, 2 ** 63 - 1)
    out: dict[str, Any] = {"generator": name, "samples": n, "noise": noise, "seed": seed}
    classes = 2
    if "classes" in spec:
        if not entry.classes:
            raise InputError(f"the {name} generator has no classes option "
                             f"(only {', '.join(MULTICLASS)})", v.join(path, "classes"))
        classes = out["classes"] = v.integer(spec["classes"], v.join(path, "classes"), 2, 10, "classes")
    x, y = entry.make(n, noise, np.random.default_rng(seed), classes)
    return x, y, out


def _from_csv(spec: dict[str, Any], base_dir: str | os.PathLike[str] | None,
              path: str, folder: Folder | None = None) -> tuple[Array, Array, dict[str, Any]]:
    file = v.string(spec["csv"], v.join(path, "csv"))
    columns = {}
    for role in ("inputs", "targets"):
        names = spec[role]
        where = v.join(path, role)
        if not isinstance(names, list) or not names:
            raise InputError(f"expected a list of column names, got {v.describe(names)}", where)
        if len(names) > v.MAX_COLUMNS:
            raise InputError(f"{len(names):,} columns; the limit is {v.MAX_COLUMNS:,}", where)
        columns[role] = [v.string(c, v.join(where, i)) for i, c in enumerate(names)]
    if folder is not None:       # someone else's project: the folder rule, and no quoting
        full = folder.file(file, v.join(path, "csv"), None if base_dir is None else Path(base_dir))
    else:
        full = Path(base_dir or ".") / file
    try:
        x, y = read_csv(full, columns["inputs"], columns["targets"], name=file, quote=folder is None)
    except InputError as e:
        raise InputError(str(e), v.join(path, "csv")) from None
    return x, y, {"csv": file, **columns}


def _inline(spec: dict[str, Any], path: str) -> tuple[Array, Array, Array | None, Array | None]:
    arrays: dict[str, Array] = {}
    for key in _INLINE:
        if key not in spec:
            continue
        value, where = spec[key], v.join(path, key)
        if isinstance(value, list) and value and not isinstance(value[0], list) and "targets" in key:
            value = [[t] for t in value]    # a flat list of targets is one column
        if isinstance(value, list) and value and isinstance(value[0], list) and len(value[0]) > v.MAX_COLUMNS:
            raise InputError(f"{len(value[0]):,} columns; the limit is {v.MAX_COLUMNS:,}", where)
        arrays[key] = v.matrix(value, where, max_rows=v.MAX_SAMPLES)
    x, y = arrays["inputs"], arrays["targets"]
    if len(x) == 0 or x.shape[1] == 0:
        raise InputError("expected at least one sample with at least one input", v.join(path, "inputs"))
    if y.shape != (len(x), y.shape[1]) or y.shape[1] == 0:
        raise InputError(f"expected {len(x)} rows of targets like the inputs, got {len(y)}", v.join(path, "targets"))
    tx, ty = arrays.get("test_inputs"), arrays.get("test_targets")
    if (tx is None) != (ty is None):
        raise InputError("test_inputs and test_targets go together", path)
    if tx is not None and ty is not None:
        if tx.shape[1] != x.shape[1] and len(tx):
            raise InputError(f"expected {x.shape[1]} columns like the inputs, got {tx.shape[1]}",
                             v.join(path, "test_inputs"))
        if len(ty) != len(tx) or (len(ty) and ty.shape[1] != y.shape[1]):
            raise InputError(f"expected {len(tx)}x{y.shape[1]}, got {len(ty)}x{ty.shape[1]}",
                             v.join(path, "test_targets"))
    return x, y, tx, ty


def _split(x: Array, y: Array, split: Any, path: str) -> tuple[Array, Array, Array, Array, dict[str, Any]]:
    v.obj(split, path, ("test_fraction",), ("seed",))
    fraction = v.number(split["test_fraction"], v.join(path, "test_fraction"), 0.0, 1.0, hi_open=True)
    seed = v.integer(split.get("seed", 0), v.join(path, "seed"), 0, 2 ** 63 - 1)
    n = len(x)
    n_test = min(int(round(fraction * n)), n - 1)
    perm = np.random.default_rng(seed).permutation(n)
    test, train = np.sort(perm[:n_test]), np.sort(perm[n_test:])
    return x[train], y[train], x[test], y[test], {"test_fraction": fraction, "seed": seed}


def _scaling(x: Array, scaling: Any, path: str) -> tuple[tuple[Array, Array] | None, Any]:
    """((mean, std), the spec to store); (None, "none") for no scaling."""
    if scaling == "none":
        return None, "none"
    if scaling == "standardise":
        with np.errstate(all="ignore"):
            mean, std = x.mean(axis=0), x.std(axis=0)
        if not (np.isfinite(mean).all() and np.isfinite(std).all()):
            raise InputError("the inputs are too large to standardise", path)
        std = np.where(std > 0, std, 1.0)
    elif isinstance(scaling, dict):
        v.obj(scaling, path, ("method", "mean", "std"))
        v.string(scaling["method"], v.join(path, "method"), ("standardise",))
        mean = v.vector(scaling["mean"], v.join(path, "mean"), x.shape[1])
        std = v.vector(scaling["std"], v.join(path, "std"), x.shape[1])
        if not np.all(std > 0):
            raise InputError("every std must be positive", v.join(path, "std"))
    else:
        raise InputError(f"expected \"none\", \"standardise\" or a stored scaling object, "
                         f"got {v.describe(scaling)}", path)
    return (mean, std), {"method": "standardise", "mean": mean.tolist(), "std": std.tolist()}
