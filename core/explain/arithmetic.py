"""How many digits a formula line's numbers need for its arithmetic to hold as printed.

A line of "why this number?" substitutes the values into the formula and prints the result:
``f'(v_in,1^(1)[1]) = 1 − 0.99996777² = 6.446e-05``.  With every value rounded to four
significant digits that line read ``1 − 1.000² = 6.446e-05``, which is false as printed: the
result is computed from the unrounded values, and subtracting nearly equal numbers (here
1 − v_out²) magnifies their rounding.  :func:`digits_needed` finds the fewest significant digits
(at least :data:`MIN_DIGITS`) for which the printed numbers, put through the printed formula,
give the printed result to its shown precision; :mod:`.notation` prints the line's numbers with
that many digits.

:func:`evaluate` computes a line from its tokens: the operators' text (``" × "``, ``" − "``,
``"²"``, ``"1 / (1 + exp(−"``, ``"max(0, "`` ...) read by a small parser, and each term's value
as printed.  Lines it cannot read (a loss written as a function call such as ``bce(y, ŷ)``) raise
:class:`Unreadable` and keep :data:`MIN_DIGITS`, as do lines no number of digits makes hold
(a logarithm of an output the loss clips to 1e-12).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

MIN_DIGITS = 4      # significant digits of a value when its line needs no more
MAX_DIGITS = 17     # enough to print any float64 exactly

_LEXEME = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_]\w*)\(|(?P<op>[-−+×/^²(),;√]))")
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "exp": math.exp, "ln": math.log, "tanh": math.tanh, "max": max,
    "sign": lambda v: 0.0 if v == 0 else math.copysign(1.0, v),
}


class Unreadable(ValueError):
    """The line's formula is not plain arithmetic this module reads (or it fails to compute)."""


def rounded(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits, as it is printed."""
    return float(f"{value:.{digits - 1}e}") if math.isfinite(value) and value != 0 else value


def lexemes(parts: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The lexemes of a line given as ("text", operator text) and ("number", value) parts:
    ("number", value), ("name", function) or ("op", symbol); juxtaposition stays implicit."""
    out: list[tuple[str, Any]] = []
    for kind, value in parts:
        if kind == "number":
            out.append(("number", float(value)))
            continue
        text, at = str(value), 0
        while at < len(text):
            m = _LEXEME.match(text, at)
            if m is None:
                if text[at:].strip():
                    raise Unreadable(f"cannot read {text[at:]!r}")
                break
            at = m.end()
            if m["number"]:
                out.append(("number", float(m["number"])))
            elif m["name"]:
                out.append(("name", m["name"]))
            else:
                out.append(("op", "-" if m["op"] == "−" else m["op"]))
    return out


class _Parser:
    """expr := product (("+" | "-") product)*;  product := unary (("×" | "/" | juxtaposition) unary)*;
    unary := "-" unary | power;  power := atom "²"* ("^" unary)?;
    atom := number | name "(" expr ("," expr)* ")" | "(" expr ")" | "√" "(" expr ")"."""

    def __init__(self, items: list[tuple[str, Any]]) -> None:
        self.items, self.at = items, 0

    def peek(self) -> tuple[str, Any] | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self, op: str | None = None) -> tuple[str, Any]:
        item = self.peek()
        if item is None or (op is not None and item != ("op", op)):
            raise Unreadable(f"expected {op or 'more'} at lexeme {self.at}")
        self.at += 1
        return item

    def is_op(self, *ops: str) -> bool:
        item = self.peek()
        return item is not None and item[0] == "op" and item[1] in ops

    def expr(self) -> float:
        value = self.product()
        while self.is_op("+", "-"):
            sign = self.take()[1]
            right = self.product()
            value = value + right if sign == "+" else value - right
        return value

    def product(self) -> float:
        value = self.unary()
        while True:
            if self.is_op("×", "/"):
                op = self.take()[1]
                right = self.unary()
                value = value * right if op == "×" else value / right
            elif (item := self.peek()) is not None and (item[0] != "op" or self.is_op("(", "√")):
                value *= self.unary()          # juxtaposition: "1/2 (y − ŷ)²"
            else:
                return value

    def unary(self) -> float:
        if self.is_op("-"):
            self.take()
            return -self.unary()
        return self.power()

    def power(self) -> float:
        value = self.atom()
        while self.is_op("²"):
            self.take()
            value = value * value
        if self.is_op("^"):
            self.take()
            value = value ** self.unary()
        return value

    def atom(self) -> float:
        kind, value = self.take()
        if kind == "number":
            return float(value)
        if kind == "name":
            if value not in _FUNCTIONS:
                raise Unreadable(f"unknown function {value!r}")
            args = [self.expr()]
            while self.is_op(","):
                self.take()
                args.append(self.expr())
            self.take(")")
            return float(_FUNCTIONS[value](*args))
        if value == "√":
            self.take("(")
            inner = self.expr()
            self.take(")")
            return math.sqrt(inner)
        if value == "(":
            inner = self.expr()
            self.take(")")
            return inner
        raise Unreadable(f"unexpected {value!r}")


def evaluate(parts: Sequence[tuple[str, Any]]) -> float:
    """The value of a line given as ("text", operator text) and ("number", value) parts.

    Raises
    ------
    Unreadable
        When the text is not arithmetic of the kind explanations write.
    ArithmeticError
        When it fails to compute (a logarithm of 0, an overflow): with more digits it may not.
    """
    parser = _Parser(lexemes(parts))
    try:
        value = parser.expr()
    except Unreadable:
        raise
    except ValueError as e:          # math's domain errors: log(0), sqrt(-1e-20)
        raise ArithmeticError(str(e)) from e
    if parser.peek() is not None:
        raise Unreadable(f"unread lexemes from {parser.at}")
    return value


def holds(printed: float, result: float, fmt: Callable[[float], str]) -> bool:
    """``printed`` (the line recomputed from its printed numbers) prints as ``result`` does."""
    if result == 0:
        return printed == 0 or abs(printed) < 1e-300
    return math.isfinite(printed) and fmt(printed) == fmt(result)


def digits_needed(parts_at: Callable[[int], Sequence[tuple[str, Any]]], result: float,
                  fmt: Callable[[float], str]) -> int:
    """The fewest significant digits (from :data:`MIN_DIGITS` to :data:`MAX_DIGITS`) for which
    the line ``parts_at(digits)`` (its numbers rounded to ``digits``) gives ``result`` as
    ``fmt`` prints it; :data:`MIN_DIGITS` when no number of digits does, or the line cannot
    be read."""
    if not math.isfinite(result):
        return MIN_DIGITS
    for digits in range(MIN_DIGITS, MAX_DIGITS + 1):
        try:
            if holds(evaluate(parts_at(digits)), result, fmt):
                return digits
        except Unreadable:
            return MIN_DIGITS
        except ArithmeticError:      # ln(1 − 1.000): ŷ printed as 1 needs more of its digits
            continue
    return MIN_DIGITS
