"""Strict readers for parsed JSON values, each naming the JSON path of what is wrong.

Every function takes the value and its path (``network.weights[1]``) and either returns the
value in the type the engine wants or raises :class:`~core.checks.errors.InputError` whose
``where`` is that path.  Sizes are checked *before* anything is allocated, and messages
never print a whole (possibly huge or deeply nested) value: :func:`describe` shows a short
summary instead.
"""
from __future__ import annotations

import math
import os
import stat
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .errors import InputError

Array = NDArray[np.float64]

MAX_LAYERS = 100            # layers, the input layer included
MAX_UNITS = 100_000         # units in one layer
MAX_PARAMETERS = 10_000_000  # weights and biases together (80 MB of float64)
MAX_SAMPLES = 100_000       # rows of a dataset
MAX_COLUMNS = 1_000         # input or target columns of a dataset
MAX_NESTING = 32            # depth of free-form objects such as "view"


def read_regular_file(path: str | os.PathLike[str], max_bytes: int, where: str) -> bytes:
    """The bytes of the regular file ``path``, refused up front when it is too big or not a file.

    A FIFO, a device or a folder raises InputError ("is not a regular file") instead of being
    waited on: the file is opened without blocking and checked with ``fstat`` before it is
    read.  A file over ``max_bytes`` is refused before it is read.  OSError when it cannot be
    opened at all.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe or a device"
        raise InputError(f"{os.fspath(path)} is not a regular file (it is {kind})", where)
    with os.fdopen(fd, "rb") as f:
        if info.st_size > max_bytes:
            raise InputError(f"the file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes", where)
        return f.read(max_bytes + 1)


def describe(value: Any) -> str:
    """A short, safe description of a JSON value for an error message."""
    if isinstance(value, bool) or value is None:
        return "null" if value is None else str(value).lower()
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 24 else text[:20] + "..."
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37]) + "..."
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def join(path: str, key: str | int) -> str:
    """The path of a member: ``join("network", "weights")``, ``join("x", 1)`` -> ``x[1]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def obj(value: Any, path: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """A JSON object with exactly the ``required`` keys and some of the ``optional`` ones."""
    if not isinstance(value, dict):
        raise InputError(f"expected an object, got {describe(value)}", path)
    allowed = set(required) | set(optional)   # a set: a free-form object may have many keys
    for key in value:
        if key not in allowed:
            known = ", ".join(required + optional)
            raise InputError(f"unknown key {describe(key)}; known keys: {known}", path)
    for key in required:
        if key not in value:
            raise InputError(f"missing key {key!r}", path)
    return value


def boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"expected true or false, got {describe(value)}", path)
    return value


def string(value: Any, path: str, choices: tuple[str, ...] | None = None) -> str:
    if not isinstance(value, str):
        raise InputError(f"expected a string, got {describe(value)}", path)
    if choices is not None and value not in choices:
        raise InputError(f"unknown name {describe(value)}; choose one of {', '.join(choices)}", path)
    return value


def integer(value: Any, path: str, lo: int | None = None, hi: int | None = None,
            what: str = "") -> int:
    """A whole number in [lo, hi]; ``what`` names the limit in the message (e.g. "units")."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"expected a whole number, got {describe(value)}", path)
    if lo is not None and value < lo:
        raise InputError(f"must be at least {lo}, got {describe(value)}", path)
    if hi is not None and value > hi:
        limit = f"the limit is {hi:,} {what}".rstrip()
        raise InputError(f"{describe(value)} is too large; {limit}", path)
    return value


def number(value: Any, path: str, lo: float | None = None, hi: float | None = None,
           lo_open: bool = False, hi_open: bool = False) -> float:
    """A finite number in the given range (open ends when ``lo_open`` / ``hi_open``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"expected a number, got {describe(value)}", path)
    try:
        x = float(value)
    except OverflowError:
        raise InputError(f"{describe(value)} is too large for a float", path) from None
    if not math.isfinite(x):
        raise InputError(f"expected a finite number, got {describe(value)}", path)
    if lo is not None and (x < lo or (lo_open and x == lo)):
        raise InputError(f"must be {'>' if lo_open else '>='} {lo}, got {describe(value)}", path)
    if hi is not None and (x > hi or (hi_open and x == hi)):
        raise InputError(f"must be {'<' if hi_open else '<='} {hi}, got {describe(value)}", path)
    return x


def _numbers(row: list[Any], path: str) -> None:
    for j, v in enumerate(row):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise InputError(f"expected a number, got {describe(v)}", join(path, j))


def _finite_array(rows: list[Any], path: str) -> Array:
    """``rows`` (numbers, or rows of numbers) as float64; InputError at the first non-finite one."""
    try:
        a = np.array(rows, dtype=np.float64)
        if np.isfinite(a).all():
            return a
    except OverflowError:  # an integer too large for a float
        pass
    for i, v in enumerate(rows):
        for j, x in (enumerate(v) if isinstance(v, list) else [(None, v)]):
            if not _finite_scalar(x):
                where = join(path, i) if j is None else join(join(path, i), j)
                raise InputError(f"expected a finite number, got {describe(x)}", where)
    raise InputError("expected finite numbers", path)  # pragma: no cover - unreachable


def _finite_scalar(v: Any) -> bool:
    try:
        return math.isfinite(float(v))
    except OverflowError:
        return False


def vector(value: Any, path: str, length: int | None = None) -> Array:
    """A list of finite numbers, of ``length`` entries when given."""
    if not isinstance(value, list):
        raise InputError(f"expected a list of numbers, got {describe(value)}", path)
    if length is not None and len(value) != length:
        raise InputError(f"expected {length} numbers, got {len(value)}", path)
    _numbers(value, path)
    return _finite_array(value, path)


def matrix(value: Any, path: str, shape: tuple[int, int] | None = None,
           max_rows: int | None = None) -> Array:
    """A list of rows of finite numbers; ``shape`` (rows, columns) is enforced when given.

    The message for a wrong shape reads ``expected 2x1, got 2x3``.
    """
    if not isinstance(value, list):
        raise InputError(f"expected a list of rows, got {describe(value)}", path)
    if max_rows is not None and len(value) > max_rows:
        raise InputError(f"{len(value):,} rows is too many; the limit is {max_rows:,} rows", path)
    for i, row in enumerate(value):
        if not isinstance(row, list):
            raise InputError(f"expected a row (a list of numbers), got {describe(row)}", join(path, i))
    widths = {len(row) for row in value}
    cols = len(value[0]) if value else (shape[1] if shape else 0)
    if len(widths) > 1:
        i = next(i for i, row in enumerate(value) if len(row) != cols)
        raise InputError(f"expected {cols} numbers like the first row, got {len(value[i])}", join(path, i))
    if shape is not None and (len(value), cols) != tuple(shape):
        raise InputError(f"expected {shape[0]}x{shape[1]}, got {len(value)}x{cols}", path)
    for i, row in enumerate(value):
        _numbers(row, join(path, i))
    a = _finite_array(value, path) if value else np.empty((0, cols))
    return a.reshape(len(value), cols)


def flags(value: Any, path: str, shape: tuple[int, ...]) -> NDArray[np.bool_]:
    """A 0/1 (or true/false) array of ``shape``; a single true/false fills the whole array."""
    if isinstance(value, bool):
        return np.full(shape, value)
    a = vector(value, path, shape[0]) if len(shape) == 1 else matrix(value, path, (shape[0], shape[1]))
    if not np.all((a == 0) | (a == 1)):
        raise InputError("expected only 0 and 1 (or true/false)", path)
    return a.astype(bool)


def plain(value: Any, path: str, depth: int = 0) -> Any:
    """A free-form JSON value (for keys the engine does not read): finite, not too deep."""
    if depth > MAX_NESTING:
        raise InputError(f"nested too deeply; the limit is {MAX_NESTING} levels", path)
    if isinstance(value, dict):
        for k, v in value.items():
            plain(v, join(path, k), depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            plain(v, join(path, i), depth + 1)
    elif isinstance(value, float) and not math.isfinite(value):
        raise InputError("expected a finite number", path)
    return value
