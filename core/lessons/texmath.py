"""A small TeX subset for lesson math, written as Qt rich text (HTML that QTextBrowser shows).

Why not MathJax, KaTeX or matplotlib's mathtext: the first two need a web engine (a large
dependency and a second renderer in a desktop app); mathtext would draw pictures that do not
follow the text size, the palette or copy-and-paste.  The lessons' maths is the article's
notation -- sub- and superscripts, Greek letters, a few operators and fractions -- and Qt's
rich text draws that legibly with real text: ``v_{in}^{(1)}`` becomes
``<i>v</i><sub><i>in</i></sub><sup>(1)</sup>``.  Everything is parsed here, nothing is
evaluated, and anything outside the subset is an error with its position, so ``lessons check``
finds it before a learner does.

The subset (docs/lesson-file.md lists it for authors):

- ``x_i``, ``x^2``, ``x_{ij}^{(k)}``: a sub- or superscript takes one token or a ``{}`` group;
- Greek letters ``\\alpha`` .. ``\\omega`` (with ``\\varepsilon``, ``\\vartheta``, ``\\varphi``) and
  the capitals ``\\Gamma`` .. ``\\Omega``;
- symbols ``\\partial \\nabla \\odot \\cdot \\times \\to \\approx \\le \\ge \\ne \\sum \\prime``
  (and ``\\leq \\geq \\neq \\infty \\pm \\ldots \\cdots \\in \\rightarrow``), the functions
  ``\\sin \\cos \\exp \\log \\ln \\tanh \\max \\min``;
- ``\\hat{y}`` (one letter), ``\\frac{a}{b}``, ``\\text{words}``, ``\\left( .. \\right)``, the
  spaces ``\\,`` ``\\;`` ``\\quad`` and the escaped ``\\{ \\} \\$ \\%``.

Nesting (a ``{}`` group, or the argument of ``_``, ``^``, ``\\hat`` or ``\\frac`` inside another)
is at most :data:`MAX_DEPTH` deep: the parser recurses once per level, and a formula of a
stranger's (``\\frac\\frac\\frac...`` 330 times) must be one clear error, not a RecursionError.

Inline, ``\\frac{a}{b}`` is written a/b with parentheses around a part of more than one
symbol; in display math a fraction at the top level is stacked over a rule (a small table).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from backprop_studio.core.checks.errors import InputError

GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3F5),
    ("varepsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7), ("theta", 0x3B8), ("vartheta", 0x3D1),
    ("iota", 0x3B9), ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC), ("nu", 0x3BD), ("xi", 0x3BE),
    ("omicron", 0x3BF), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4),
    ("upsilon", 0x3C5), ("phi", 0x3D5), ("varphi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8),
    ("omega", 0x3C9), ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B),
    ("Xi", 0x39E), ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Upsilon", 0x3A5), ("Phi", 0x3A6),
    ("Psi", 0x3A8), ("Omega", 0x3A9))}
# symbols drawn with space around them (operators and relations) and without
OPERATORS = {"odot": "\u2299", "cdot": "\u00b7", "times": "\u00d7", "to": "\u2192", "rightarrow": "\u2192",
             "approx": "\u2248", "le": "\u2264", "leq": "\u2264", "ge": "\u2265", "geq": "\u2265",
             "ne": "\u2260", "neq": "\u2260", "pm": "\u00b1", "in": "\u2208"}
SYMBOLS = {"partial": "\u2202", "nabla": "\u2207", "sum": "\u2211", "prime": "\u2032", "infty": "\u221e",
           "ldots": "\u2026", "cdots": "\u22ef"}
FUNCTIONS = ("sin", "cos", "exp", "log", "ln", "tanh", "max", "min")
SPACES = {",": "\u2009", ";": "\u2002", "quad": "\u2003", " ": " "}
ESCAPED = {"{": "{", "}": "}", "$": "$", "%": "%", "_": "_", "#": "#", "&": "&amp;"}
DELIMITERS = {"(": "(", ")": ")", "[": "[", "]": "]", "|": "|", ".": "", "\\{": "{", "\\}": "}"}
PLAIN = set("0123456789.,;:()[]|/!?")
SPACED = {"+": "+", "-": "\u2212", "=": "=", "<": "&lt;", ">": "&gt;"}
COMBINING_HAT = "\u0302"
MAX_DEPTH = 12     # nested groups and arguments; the article's deepest formula needs 3


class MathError(InputError):
    """A formula outside the subset; ``offset`` is the 0-based position in the lesson text."""

    def __init__(self, message: str, offset: int, where: str | None = None) -> None:
        super().__init__(message, where)
        self.offset = offset


@dataclass
class Piece:
    """Rendered math: its HTML and how many symbols it shows (to decide a fraction's parentheses)."""

    html: str
    symbols: int = 1


class _Parser:
    def __init__(self, text: str, offset: int) -> None:
        self.s, self.i, self.base = text, 0, offset
        self.depth = 0

    def deeper(self, start: int) -> None:
        """One level of nesting more (undone by the caller); a clear error past MAX_DEPTH."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"maths nested deeper than {MAX_DEPTH} levels (groups and arguments "
                             "inside each other)", start)

    def error(self, message: str, at: int | None = None) -> MathError:
        return MathError(message, self.base + (self.i if at is None else at))

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def command(self) -> str:
        """The command after a backslash at ``self.i`` (letters, or one other character)."""
        j = self.i + 1
        while j < len(self.s) and self.s[j].isalpha():
            j += 1
        if j == self.i + 1:
            j = min(j + 1, len(self.s))
        name = self.s[self.i + 1:j]
        self.i = j
        return name

    def sequence(self, in_group: bool, stacked: bool = False) -> list[Piece]:
        """Pieces up to the end (or the ``}`` closing a group, consumed by the caller)."""
        out: list[Piece] = []
        while self.i < len(self.s):
            c = self.peek()
            if c == "}":
                if in_group:
                    return out
                raise self.error("unbalanced }: nothing opened it")
            if c.isspace():
                self.i += 1
                continue
            if c in "_^":
                start = self.i
                self.i += 1
                if not out:
                    raise self.error(f"{c} needs something before it to attach to", start)
                arg = self.argument(c)
                tag = "sub" if c == "_" else "sup"
                out[-1] = Piece(f"{out[-1].html}<{tag}>{arg.html}</{tag}>", out[-1].symbols)
                continue
            if c == "-" and (not out or out[-1].html.endswith((" ", "\u2009", "(", "[", "|", "{"))):
                self.i += 1          # a unary minus: no space between it and what it negates
                out.append(Piece(SPACED["-"], 0))
                continue
            piece = self.atom(stacked and not in_group)
            if c == "," and not in_group:
                piece = Piece(",\u2009", 0)   # a thin space after a comma, as TeX sets it
            out.append(piece)
        return out      # a group left open is reported by group(), at its {

    def argument(self, what: str) -> Piece:
        """One token or a {} group (the argument of _, ^ or a command): one level deeper."""
        while self.peek().isspace():
            self.i += 1
        if not self.peek():
            raise self.error(f"{what} needs an argument")
        if self.peek() == "}":
            raise self.error(f"{what} needs an argument before }}")
        self.deeper(self.i)
        try:
            return self.group(nested=False) if self.peek() == "{" else self.atom(False)
        finally:
            self.depth -= 1

    def group(self, nested: bool = True) -> Piece:
        """A {} group; ``nested`` False when it is an argument (already counted a level)."""
        start = self.i
        if nested:
            self.deeper(start)
        self.i += 1
        pieces = self.sequence(True)
        if self.peek() != "}":
            raise self.error("unbalanced {: a group is never closed", start)
        self.i += 1
        if nested:
            self.depth -= 1
        return join(pieces)

    def atom(self, stacked: bool) -> Piece:
        c, start = self.peek(), self.i
        if c == "{":
            return self.group()
        if c == "\\":
            return self.control(start, stacked)
        if c.isalpha():
            j = self.i
            while j < len(self.s) and self.s[j].isalpha():
                j += 1
            word, self.i = self.s[self.i:j], j
            return Piece(f"<i>{html.escape(word)}</i>", len(word))
        self.i += 1
        if c in SPACED:
            return Piece(f" {SPACED[c]} ", 0)
        if c == "'":
            return Piece("\u2032", 0)
        if c.isdigit() or c == ".":
            j = self.i
            while j < len(self.s) and (self.s[j].isdigit() or self.s[j] == "."):
                j += 1
            number, self.i = self.s[start:j], j
            return Piece(number)
        if c in PLAIN:
            return Piece(html.escape(c), 0 if c in "()[]|" else 1)
        raise self.error(f"the character {c!r} is not part of the math subset (write \\{c} for a literal one)"
                         if c in "#%&$" else f"the character {c!r} is not part of the math subset", start)

    def control(self, start: int, stacked: bool) -> Piece:
        name = self.command()
        if name in GREEK:
            return Piece(f"<i>{GREEK[name]}</i>" if name[0].islower() else GREEK[name])
        if name in OPERATORS:
            return Piece(f" {OPERATORS[name]} ", 0)
        if name in SYMBOLS:
            return Piece(SYMBOLS[name], 0 if name in ("prime", "partial") else 1)
        if name in FUNCTIONS:
            return Piece(name + "\u2009")
        if name in SPACES:
            return Piece(SPACES[name], 0)
        if name in ESCAPED:
            return Piece(ESCAPED[name])
        if name == "text":
            return self.text(start)
        if name == "hat":
            arg = self.argument("\\hat")
            if arg.symbols != 1 or not arg.html.startswith("<i>") or arg.html.count("<") != 2:
                raise self.error("\\hat takes one letter, e.g. \\hat{y}", start)
            return Piece(arg.html.replace("</i>", COMBINING_HAT + "</i>"))
        if name == "frac":
            num, den = self.argument("\\frac"), self.argument("\\frac")
            return stacked_fraction(num, den) if stacked else inline_fraction(num, den)
        if name in ("left", "right"):
            return self.delimiter(name, start)
        if not name:
            raise self.error("a \\ at the end of the formula", start)
        raise self.error(f"unknown command \\{name}", start)

    def text(self, start: int) -> Piece:
        if self.peek() != "{":
            raise self.error("\\text needs {words}", start)
        end = self.s.find("}", self.i)
        if end < 0:
            raise self.error("unbalanced {: \\text{ is never closed", self.i)
        words = self.s[self.i + 1:end]
        self.i = end + 1
        return Piece(html.escape(words), 2)

    def delimiter(self, name: str, start: int) -> Piece:
        for token, shown in DELIMITERS.items():
            if self.s.startswith(token, self.i):
                self.i += len(token)
                return Piece(html.escape(shown), 0)
        raise self.error(f"\\{name} needs a delimiter: ( ) [ ] | . \\{{ or \\}}", start)


def join(pieces: list[Piece]) -> Piece:
    return Piece("".join(p.html for p in pieces), sum(p.symbols for p in pieces))


def _wrapped(p: Piece) -> str:
    return p.html if p.symbols <= 1 else f"({p.html})"


def inline_fraction(num: Piece, den: Piece) -> Piece:
    """a/b, with parentheses around a numerator or denominator of more than one symbol."""
    return Piece(f"{_wrapped(num)}/{_wrapped(den)}", 3)


STACK = ('<table cellspacing="0" cellpadding="0" style="display: inline">'
         '<tr><td align="center" style="border-bottom: 1px solid; padding: 0 3px">{num}</td></tr>'
         '<tr><td align="center" style="padding: 0 3px">{den}</td></tr></table>')


def stacked_fraction(num: Piece, den: Piece) -> Piece:
    """The numerator over a rule over the denominator (display math only: a table is a block)."""
    return Piece("\x00" + STACK.format(num=num.html, den=den.html) + "\x00", 3)


def math_html(tex: str, offset: int = 0, display: bool = False) -> str:
    """The rich-text HTML of the formula ``tex``; MathError (with the position ``offset`` + i of
    the fault in the lesson text) when it is outside the subset.

    Display math is a centred one-row table: runs of symbols in cells, each top-level fraction
    in its own cell, stacked.
    """
    pieces = _Parser(tex, offset).sequence(False, stacked=display)
    rendered = join(pieces).html
    if not display:
        return rendered
    cells = [c for c in rendered.split("\x00") if c.strip()]
    row = "".join(f'<td valign="middle">{c}</td>' for c in cells)
    return f'<table align="center" cellspacing="0" cellpadding="2"><tr>{row}</tr></table>'
