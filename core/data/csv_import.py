"""CSV import: a header row, then one sample per line; inputs and targets chosen by column name.

Nothing is half-loaded: the whole file is read and checked before a :class:`Dataset` exists,
and the first problem raises :class:`~core.checks.errors.InputError` with ``where`` like
``data.csv line 7`` and a reason.  Oversized files are refused before they are read, with
the limit named.  Values are plain decimal numbers (``-1.5``, ``2e-3``); ``nan``, ``inf``,
``1_000`` and empty cells are refused.

Messages quote the header and the cell at fault, which helps a user fix their own file.  A
file named by someone else's document (a lesson's dataset) is read with ``quote=False``: its
messages name the line and the column the document asked for, never what the file holds.
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.validation import MAX_COLUMNS, MAX_SAMPLES, MAX_UNITS, read_regular_file

Array = NDArray[np.float64]

MAX_CSV_BYTES = 16 * 2 ** 20
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def read_csv(path: str | os.PathLike[str], inputs: list[str], targets: list[str],
             name: str | None = None, quote: bool = True) -> tuple[Array, Array]:
    """(inputs, targets) of shapes (n, len(inputs)) and (n, len(targets)) from a CSV file.

    ``name`` is how the file is called in messages (default: its file name); ``quote`` False
    keeps the file's contents out of the messages (see the module docstring).
    """
    name = name or Path(path).name
    return parse_csv(_read(path, name), inputs, targets, name, quote)


def read_header(path: str | os.PathLike[str], name: str | None = None) -> list[str]:
    """The column names of a CSV file, checked as :func:`read_csv` checks them (for a chooser)."""
    name = name or Path(path).name
    reader = csv.reader(io.StringIO(_decode(_read(path, name), name), newline=""), strict=True)
    try:
        return list(_header(next(reader, None), name))
    except csv.Error as e:
        raise InputError(f"malformed CSV: {e}", f"{name} line 1") from None


def _read(path: str | os.PathLike[str], name: str) -> bytes:
    """The file's bytes: a regular file within the size limit (a FIFO is refused, not waited on)."""
    try:
        return read_regular_file(path, MAX_CSV_BYTES, name)
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror or e}", name) from None


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_CSV_BYTES:
        raise InputError(f"the file is over the limit of {MAX_CSV_BYTES:,} bytes", name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[e.start]:02x})", f"{name} line {line}") from None


def _header(header: list[str] | None, name: str, quote: bool = True) -> dict[str, int]:
    """Column name -> index, in time linear in the number of columns (a set, not count())."""
    if not header or not any(h.strip() for h in header):
        raise InputError("no header row: the first line must name the columns", f"{name} line 1")
    if len(header) > MAX_UNITS:
        raise InputError(f"{len(header):,} columns is too many; the limit is {MAX_UNITS:,} "
                         "(the most units a layer may have)", f"{name} line 1")
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        h = h.strip()
        if h in index:
            shown = repr(h) if quote else f"of column {i + 1}"
            raise InputError(f"the column name {shown} appears twice", f"{name} line 1")
        index[h] = i
    return index


def _columns(header: dict[str, int], wanted: list[str], role: str, name: str, quote: bool = True) -> list[int]:
    if not wanted:
        raise InputError(f"choose at least one {role} column", name)
    if len(wanted) > MAX_COLUMNS:
        raise InputError(f"{len(wanted):,} {role} columns; the limit is {MAX_COLUMNS:,}", name)
    out = []
    for col in wanted:
        if col not in header:
            if not quote:
                raise InputError(f"no {role} column named {col!r} in the header", f"{name} line 1")
            shown = ", ".join(repr(h) for h in list(header)[:20])
            raise InputError(f"no {role} column named {col!r}; the header has {shown}", f"{name} line 1")
        out.append(header[col])
    return out


def parse_csv(data: bytes | str, inputs: list[str], targets: list[str],
              name: str = "data.csv", quote: bool = True) -> tuple[Array, Array]:
    """Parse CSV text (see :func:`read_csv`)."""
    text = _decode(data, name) if isinstance(data, bytes) else data
    if len(text) > MAX_CSV_BYTES:
        raise InputError(f"the text is over the limit of {MAX_CSV_BYTES:,} characters", name)
    if "\0" in text:
        line = text[:text.index("\0")].count("\n") + 1
        raise InputError("a NUL character: this is not a text file", f"{name} line {line}")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        index = _header(next(reader, None), name, quote)
        header = list(index)
        in_cols = _columns(index, inputs, "input", name, quote)
        out_cols = _columns(index, targets, "target", name, quote)
        x_rows: list[list[float]] = []
        y_rows: list[list[float]] = []
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue  # blank lines (a trailing newline) are not samples
            if len(x_rows) >= MAX_SAMPLES:
                raise InputError(f"more than {MAX_SAMPLES:,} rows; the limit is {MAX_SAMPLES:,} samples",
                                 f"{name} line {line}")
            if len(row) != len(header):
                raise InputError(f"expected {len(header)} fields like the header, got {len(row)}",
                                 f"{name} line {line}")
            x_rows.append([_value(row[c], header[c], name, line, quote) for c in in_cols])
            y_rows.append([_value(row[c], header[c], name, line, quote) for c in out_cols])
    except csv.Error as e:
        raise InputError(f"malformed CSV: {e}", f"{name} line {reader.line_num}") from None
    if not x_rows:
        raise InputError("no data rows after the header", name)
    return np.array(x_rows, dtype=np.float64), np.array(y_rows, dtype=np.float64)


def _value(cell: str, column: str, name: str, line: int, quote: bool = True) -> float:
    text = cell.strip()
    if not _NUMBER.fullmatch(text):
        shown = repr(text) if len(text) <= 30 else repr(text[:27]) + "..."
        reason = "an empty cell" if not text else shown if quote else "something else"
        raise InputError(f"column {column!r}: expected a number, got {reason}", f"{name} line {line}")
    value = float(text)
    if not np.isfinite(value):
        shown = text[:30] if quote else "the value"
        raise InputError(f"column {column!r}: {shown} is too large for a float", f"{name} line {line}")
    return value
