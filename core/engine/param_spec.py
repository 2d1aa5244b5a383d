"""One setting's specification: its name, default, kind, range, symbol and meaning.

Every value a user sets for training has one :class:`ParamSpec`, kept beside what it belongs
to: an optimizer's hyperparameters on its registry entry (``Optimizer.PARAMS``), a schedule's
in :mod:`core.engine.schedules`, the L1/L2 rates in :mod:`core.engine.regularisation`, the
batch size and seeds beside :class:`~core.training.records.TrainingConfig`.  The panel, the
training configuration, the project-file reader and the CLI all ask the spec, so whatever one
of them accepts the others accept too: a configuration training runs with can be saved and
opened again with the same values.

A spec checks one value and says what is wrong in words::

    >>> BETA1 = ParamSpec("beta1", 0.9, lo=0.0, hi=1.0, hi_open=True, symbol="β₁")
    >>> BETA1.problem(1.5)
    'must be >= 0 and < 1, got 1.5'
    >>> BETA1.message(1.5)
    'beta1 must be >= 0 and < 1, got 1.5'

bool is not a number here (``momentum=True`` is refused), a whole number of an ``int`` spec may
be written 3 or 3.0, and every number must be finite.  Messages use ASCII (``>=``) so that a
CLI writing them to any console or file never fails on the encoding.
"""
from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from backprop_studio.core.checks.number_text import parse_number
from backprop_studio.core.checks.validation import describe

Kind = Literal["float", "int", "bool"]
Value = float | int | bool


class ParamError(ValueError):
    """A value refused by its spec: ``key`` names the setting, ``reason`` says why.

    ``str()`` is ``"key: reason"``; callers that know a longer path (``optimizer.beta1``, a
    JSON path, ``--hyper``) put ``reason`` after it.
    """

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class ParamSpec:
    """What one setting may be.

    ``lo`` and ``hi`` bound a number (None: unbounded on that side); ``lo_open`` / ``hi_open``
    leave the bound itself out (beta1 in [0, 1): ``hi=1, hi_open=True``).  ``symbol`` is the
    setting's symbol in formulas (η, β₁, μ) and ``meaning`` a one-line explanation; the panel
    shows both.
    """

    name: str
    default: Value
    kind: Kind = "float"
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    symbol: str = ""
    meaning: str = ""

    def with_default(self, default: Value) -> ParamSpec:
        """The same rule with another default (AdamW's weight_decay is Adam's with 1e-2)."""
        return dataclasses.replace(self, default=default)

    # -- the rule in words ---------------------------------------------------------------------
    def range_text(self) -> str:
        """The range in words: ``>= 0 and < 1``, ``>= 1`` (empty for an unbounded number)."""
        parts = []
        if self.lo is not None:
            parts.append(f"{'>' if self.lo_open else '>='} {_number_text(self.lo)}")
        if self.hi is not None:
            parts.append(f"{'<' if self.hi_open else '<='} {_number_text(self.hi)}")
        return " and ".join(parts)

    def rule_text(self) -> str:
        """What the value must be: ``a number >= 0 and < 1``, ``a whole number >= 1``, ``true or false``."""
        if self.kind == "bool":
            return "true or false"
        what = "a whole number" if self.kind == "int" else "a number"
        return what + _space(self.range_text())

    def rule_line(self) -> str:
        """``beta1 is a number >= 0 and < 1 (default 0.9)``."""
        return f"{self.name} is {self.rule_text()} (default {_number_text(self.default)})"

    def tooltip(self) -> str:
        """The symbol, the meaning and the rule, for a field's tooltip."""
        head = f"{self.symbol}: {self.meaning}" if self.symbol and self.meaning else self.meaning or self.name
        return f"{head}\n{self.rule_line()}"

    # -- checking ------------------------------------------------------------------------------
    def read(self, value: Any) -> Value:
        """``value`` as this setting holds it (float, int or bool); ValueError with the reason."""
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            raise ValueError(f"must be true or false, got {describe(value)}")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"must be {self.rule_text()}, got {describe(value)}")
        try:
            x = float(value)
        except OverflowError:       # an int beyond the float range
            x = math.inf
        given: type = type(value)
        shown = value if given in (int, float) else x   # numpy's numbers: 1.5, not np.float64(1.5)
        if not math.isfinite(x):
            raise ValueError(f"must be a finite number{_space(self.range_text())}, got {describe(shown)}")
        if self.kind == "int":
            if isinstance(value, numbers.Integral):
                whole = int(value)
            elif x.is_integer():
                whole = int(x)
            else:
                raise ValueError(f"must be {self.rule_text()}, got {describe(shown)}")
            self._check_range(whole, shown)
            return whole
        self._check_range(x, shown)
        return x

    def _check_range(self, x: float, given: Any) -> None:
        below = self.lo is not None and (x < self.lo or (self.lo_open and x == self.lo))
        above = self.hi is not None and (x > self.hi or (self.hi_open and x == self.hi))
        if below or above:
            raise ValueError(f"must be {self.range_text()}, got {describe(given)}")

    def read_text(self, text: str) -> Value:
        """A typed value (the panel's field, a CLI's ``KEY=VALUE``): ``true``/``false`` for a bool,
        otherwise a finite number in the range; ValueError with the reason."""
        if self.kind == "bool":
            word = text.strip().lower()
            if word not in ("true", "false"):
                raise ValueError(f"must be true or false, got {describe(text.strip())}")
            return word == "true"
        try:
            number = parse_number(text)
        except ValueError as e:
            raise ValueError(f"must be {self.rule_text()}: {e}") from None
        return self.read(number)

    def problem(self, value: Any) -> str | None:
        """Why ``value`` cannot be this setting (None when it can)."""
        try:
            self.read(value)
        except ValueError as e:
            return str(e)
        return None

    def message(self, value: Any) -> str:
        """The one line to show for a refused value: ``beta1 must be >= 0 and < 1, got 1.5``."""
        return f"{self.name} {self.problem(value) or 'is fine'}"


def read_all(specs: Mapping[str, ParamSpec], given: Mapping[str, Any]) -> dict[str, Value]:
    """Each value of ``given`` read by the spec of its key; ParamError for an unknown key or the
    first refused value.  Keys not given are left out (the caller completes with defaults)."""
    out: dict[str, Value] = {}
    for key, value in given.items():
        if key not in specs:
            raise ParamError(key, f"unknown setting; known: {', '.join(specs)}")
        try:
            out[key] = specs[key].read(value)
        except ValueError as e:
            raise ParamError(key, str(e)) from None
    return out


def by_name(specs: Iterable[ParamSpec]) -> dict[str, ParamSpec]:
    return {spec.name: spec for spec in specs}


def _space(text: str) -> str:
    return f" {text}" if text else ""


def _number_text(x: Value) -> str:
    """A bound or default as people write it: 0, 1, 0.999, 1e-08, 1,000,000,000, true."""
    if isinstance(x, bool):
        return str(x).lower()
    if isinstance(x, int) or (isinstance(x, float) and x.is_integer() and abs(x) < 1e16):
        return f"{int(x):,}" if abs(x) >= 100_000 else str(int(x))
    return f"{x:g}"


SEED = ParamSpec("seed", 0, "int", 0, 2 ** 63 - 1,
                 meaning="seed of numpy's random generator (default_rng); a project file holds 0 to 2^63 - 1")
"""The one rule for a generator seed: the training order's and the initial weights'."""
