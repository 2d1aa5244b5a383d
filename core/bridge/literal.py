"""Data as readable Python literals for an exported script: no line longer than :data:`WIDTH`.

A list of lists (a matrix, a dataset) has one row per line, one level deeper, so a dataset reads
one sample per line.  Any other value that fits on one line is written on one line
(``[0.5, -1.25]``); a longer list of numbers is packed into lines of at most :data:`WIDTH`
characters, and a longer dict puts each item on lines of its own.  So no line of an exported
script runs to megabytes, whatever the size of the data.

Numbers are written as ``repr`` writes them (it round-trips every float64 exactly), text as JSON
escapes it (ASCII only: every quote, backslash, control character and lone surrogate escaped),
which is a valid Python string literal with the same meaning.  ``True``, ``False`` and ``None``
are Python's.  A value that is not finite is refused (ValueError): the script could not hold it.
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np

WIDTH = 100      # characters per line, the indentation included
INDENT = "    "


def literal(value: Any, indent: str = "", width: int = WIDTH) -> str:
    """``value`` (numbers, text, booleans, None, lists, dicts and numpy arrays of them) as a Python
    literal whose first line starts after ``indent`` and whose other lines are indented from it."""
    lines = _lines(_plain(value), "", indent, width)
    return "\n".join(lines)[len(indent):]


def _plain(value: Any) -> Any:
    """numpy arrays and numbers as Python lists and numbers."""
    if isinstance(value, np.ndarray | np.generic):
        return value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _scalar(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float | str):
        return json.dumps(value, allow_nan=False)       # ValueError for nan and inf
    raise TypeError(f"cannot write a {type(value).__name__} as a literal")


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(str(k))}: {_flat(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _lines(value: Any, prefix: str, indent: str, width: int) -> list[str]:
    """The lines of ``prefix`` + ``value`` at ``indent``: one line when it fits, else wrapped."""
    flat = indent + prefix + _flat(value)
    rows = isinstance(value, list) and any(isinstance(v, list | dict) for v in value)
    if not rows and (len(flat) <= width or not isinstance(value, list | dict) or not value):
        return [flat]
    inner = indent + INDENT
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    lines = [indent + prefix + opening]
    if isinstance(value, list) and not any(isinstance(v, list | dict) for v in value):
        row = ""
        for text in (_scalar(v) + "," for v in value):      # numbers packed into full lines
            if row and len(inner) + len(row) + 1 + len(text) > width:
                lines.append(inner + row)
                row = ""
            row = f"{row} {text}" if row else text
        lines.append(inner + row)
    else:
        items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for key, item in items:
            head = "" if key is None else _scalar(str(key)) + ": "
            nested = _lines(item, head, inner, width)
            nested[-1] += ","
            lines += nested
    lines.append(indent + closing)
    return lines
