"""Safe parsing of typed expressions in x (and y), with exact derivatives.

A typed expression such as ``sin(x) + x^2/10`` is read by a hand-written tokenizer and a
recursive-descent parser into a small tree of :mod:`core.surfaces.expression_tree` nodes.  The text
never reaches ``eval``, ``exec``, ``compile`` or ``ast``: only the whitelisted grammar
below can be built, so nothing typed or loaded from a file can run code.

Grammar (``^`` and ``**`` both mean power; power binds tighter than unary minus and is
right-associative, so ``-x^2 = -(x^2)`` and ``2^3^2 = 2^9``)::

    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := ("-" | "+") unary | power
    power   := atom (("^" | "**") unary)?
    atom    := NUMBER | NAME | FUNCTION "(" sum ")" | "(" sum ")"

Numbers are ``3``, ``2.5``, ``.5``, ``1e-3``; names are the variables (x, y), the
constants ``pi`` and ``e``, and the functions of :data:`core.surfaces.expression_tree.FUNCTIONS`.

Derivatives are exact, by forward-mode automatic differentiation over numpy arrays: every
node returns its value together with its partial derivatives, each rule written beside the
node's value (see :mod:`core.surfaces.expression_tree`).  There are no finite differences.

Errors are :class:`ExpressionError` (an :class:`~core.checks.errors.InputError`):
``where`` is ``"expression, character N"`` (1-based), ``str()`` is one line, and
:attr:`ExpressionError.pointer` is the text with a caret line under the offending character.
"""
from __future__ import annotations

import keyword
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError

from .expression_tree import CONSTANTS, FUNCTIONS, Call, Negate, Node, Number, Power, Product, Sum, Variable

Array = NDArray[np.float64]

MAX_LENGTH = 500    # characters; longer text is refused before it is read
MAX_DEPTH = 40      # nested parentheses, function calls, unary signs and powers

_DIGITS = "0123456789"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
_REFUSED = {
    "[": "brackets [ ] are not allowed; use ( )",
    "]": "brackets [ ] are not allowed; use ( )",
    "{": "braces { } are not allowed; use ( )",
    "}": "braces { } are not allowed; use ( )",
    "'": "text in quotes is not allowed",
    '"': "text in quotes is not allowed",
    ",": "a comma is not allowed: every function takes one argument",
    "=": "'=' is not allowed: type only the right-hand side, e.g. x^2 + y^2",
    ";": "';' is not allowed: type one expression",
}


class ExpressionError(InputError):
    """A bad expression, pointing at the offending character.

    ``position`` is 0-based; ``where`` names it 1-based as ``expression, character N``.
    """

    def __init__(self, message: str, text: str, position: int) -> None:
        super().__init__(message, f"expression, character {position + 1}")
        self.text = text
        self.position = position

    @property
    def pointer(self) -> str:
        """Two lines: (a window of) the text, and a caret under the offending character."""
        start = max(0, self.position - 30)
        shown = self.text[start:start + 60]
        prefix = "..." if start else ""
        return f"{prefix}{shown}\n{' ' * (len(prefix) + self.position - start)}^"


@dataclass(frozen=True)
class Token:
    kind: str       # "number", "name", "op" or "end"
    text: str
    position: int   # 0-based index of the first character
    value: float = 0.0


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; raise :class:`ExpressionError` at the first bad character."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t":
            i += 1
        elif c in _DIGITS or (c == "." and i + 1 < n and text[i + 1] in _DIGITS):
            i = _read_number(text, i, tokens)
        elif c in _LETTERS:
            j = i
            while j < n and (text[j] in _LETTERS or text[j] in _DIGITS):
                j += 1
            _check_name(text, i, j)
            tokens.append(Token("name", text[i:j], i))
            i = j
        elif text.startswith("**", i):
            tokens.append(Token("op", "**", i))
            i += 2
        elif c in "+-*/^()":
            tokens.append(Token("op", c, i))
            i += 1
        elif c == "." and tokens and (tokens[-1].kind == "name" or tokens[-1].text == ")"):
            raise ExpressionError("attribute access (a.b) is not allowed", text, i)
        elif c in _REFUSED:
            raise ExpressionError(_REFUSED[c], text, i)
        else:
            shown = repr(c) if c.isprintable() else f"U+{ord(c):04X}"
            raise ExpressionError(f"unexpected character {shown}", text, i)
    tokens.append(Token("end", "", n))
    return tokens


def _check_name(text: str, i: int, j: int) -> None:
    """Refuse dunders and Python keywords as soon as they are read, before anything else."""
    word = text[i:j]
    if word.startswith("_"):
        raise ExpressionError("names starting with '_' are not allowed", text, i)
    if keyword.iskeyword(word) or keyword.issoftkeyword(word):
        raise ExpressionError(f"'{word}' is not allowed: only maths expressions can be typed", text, i)


def _read_number(text: str, i: int, tokens: list[Token]) -> int:
    """Read digits[.digits][e[+-]digits] from ``i``; append the token; return the next index."""
    n, start = len(text), i
    while i < n and text[i] in _DIGITS:
        i += 1
    if i < n and text[i] == ".":
        i += 1
        while i < n and text[i] in _DIGITS:
            i += 1
    if i < n and text[i] in "eE" and _exponent_follows(text, i):
        i += 2 if text[i + 1] in "+-" else 1
        while i < n and text[i] in _DIGITS:
            i += 1
    lexeme = text[start:i]
    if i < n and text[i] == ".":
        raise ExpressionError("a number has at most one decimal point", text, i)
    value = float(lexeme)   # a validated ASCII lexeme: digits, '.', 'e', sign
    if not np.isfinite(value):
        raise ExpressionError(f"the number {lexeme} is too large", text, start)
    tokens.append(Token("number", lexeme, start, value))
    return i


def _exponent_follows(text: str, i: int) -> bool:
    """True when text[i] is 'e'/'E' followed by digits, optionally signed: 1e-3, 2E5."""
    j = i + 1
    if j < len(text) and text[j] in "+-":
        j += 1
    return j < len(text) and text[j] in _DIGITS


class _Parser:
    def __init__(self, text: str, variables: tuple[str, ...]) -> None:
        self.text = text
        self.variables = variables
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    # -- helpers ---------------------------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.i]

    def error(self, message: str, token: Token | None = None) -> ExpressionError:
        return ExpressionError(message, self.text, (token or self.token).position)

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def at(self, *ops: str) -> bool:
        return self.token.kind == "op" and self.token.text in ops

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the expression is nested too deeply (limit {MAX_DEPTH} levels)")

    # -- grammar ---------------------------------------------------------------------------
    def parse(self) -> Node:
        if self.token.kind == "end":
            raise self.error("the expression is empty")
        node = self.sum()
        if self.token.kind != "end":
            raise self.error(self._unexpected_after())
        return node

    def _unexpected_after(self) -> str:
        tok = self.token
        if tok.text == ")":
            return "unmatched ')'"
        if tok.text == "(":
            return "missing operator before '(' (write 2*(x+1), not 2(x+1))"
        return f"missing operator before '{tok.text}' (write 2*x, not 2x)"

    def sum(self) -> Node:
        terms = [(1.0, self.product())]
        while self.at("+", "-"):
            sign = 1.0 if self.take().text == "+" else -1.0
            terms.append((sign, self.product()))
        return terms[0][1] if len(terms) == 1 else Sum(tuple(terms))

    def product(self) -> Node:
        factors = [("*", self.unary())]
        while self.at("*", "/"):
            op = self.take().text
            factors.append((op, self.unary()))
        return factors[0][1] if len(factors) == 1 else Product(tuple(factors))

    def unary(self) -> Node:
        if self.at("-", "+"):
            op = self.take().text
            self.enter()
            operand = self.unary()
            self.depth -= 1
            return Negate(operand) if op == "-" else operand
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.at("^", "**"):
            self.take()
            self.enter()
            exponent = self.unary()
            self.depth -= 1
            return Power(base, exponent)
        return base

    def atom(self) -> Node:
        tok = self.token
        if tok.kind == "number":
            self.take()
            return Number(tok.value)
        if tok.kind == "name":
            return self.name()
        if self.at("("):
            self.take()
            node = self.group()
            return node
        if tok.kind == "end":
            raise self.error("the expression ends too soon: a value is missing")
        if tok.text == ")":
            raise self.error("a value is missing before ')'" if self.depth else "unmatched ')'")
        raise self.error(f"a value is missing before '{tok.text}'")

    def group(self) -> Node:
        """The inside of ( ... ), after the '(' has been taken; takes the ')'."""
        opening = self.tokens[self.i - 1]
        self.enter()
        if self.at(")"):
            raise self.error("empty parentheses")
        node = self.sum()
        if not self.at(")"):
            if self.token.kind == "end":
                raise self.error("'(' is never closed", opening)
            raise self.error(self._unexpected_after())
        self.take()
        self.depth -= 1
        return node

    def name(self) -> Node:
        tok = self.take()
        word = tok.text
        if word in FUNCTIONS:
            if not self.at("("):
                raise self.error(f"{word} needs parentheses: {word}(x)", tok)
            self.take()
            return Call(word, self.group())
        if self.at("("):
            raise self.error(f"'{word}' is not a function", tok)
        if word in self.variables:
            return Variable(word, self.variables.index(word))
        if word in CONSTANTS:
            return Number(CONSTANTS[word], word)
        if word in ("x", "y"):
            raise self.error(f"'{word}' is not allowed here: use only {', '.join(self.variables)}", tok)
        raise self.error(f"unknown name '{word}'; known: {', '.join(self.variables)}, pi, e, "
                         f"{', '.join(FUNCTIONS)}", tok)


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its text, tree and the variables it may use (in order)."""

    text: str
    tree: Node
    variables: tuple[str, ...]

    def __str__(self) -> str:
        return str(self.tree)

    @property
    def uses(self) -> frozenset[str]:
        """The variables that appear in the expression."""
        return frozenset(self.variables[i] for i in self.tree.variable_indices())

    def value(self, *coords: Array | float) -> Array:
        """f(x[, y]), vectorised: the coordinates broadcast together."""
        return self.value_and_gradient(*coords)[0]

    def value_and_gradient(self, *coords: Array | float) -> tuple[Array, list[Array]]:
        """f and [df/dx(, df/dy)], each of the broadcast shape of the coordinates.

        Non-finite results (log of a negative number, overflow) come out as nan/inf,
        without warnings; the caller decides what divergence means.
        """
        if len(coords) != len(self.variables):
            raise ValueError(f"expected {len(self.variables)} coordinate(s), got {len(coords)}")
        arrays = [np.asarray(c, dtype=np.float64) for c in coords]
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
        with np.errstate(all="ignore"):
            value, tangents = self.tree.evaluate(arrays)
            f = np.broadcast_to(np.asarray(value, dtype=np.float64), shape).copy()
            grad = [np.zeros(shape) if t is None else np.broadcast_to(t, shape).astype(np.float64)
                    for t in tangents]
        return f, grad


def parse(text: str, variables: tuple[str, ...] = ("x", "y")) -> Expression:
    """Parse ``text`` into an :class:`Expression` in the given variables.

    >>> parse("x^2 + 3*y").value_and_gradient(1.0, 2.0)[1]
    [array(2.), array(3.)]
    """
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}", "expression")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is too long ({len(text)} characters; "
                              f"limit {MAX_LENGTH})", text, MAX_LENGTH)
    return Expression(text, _Parser(text, tuple(variables)).parse(), tuple(variables))
