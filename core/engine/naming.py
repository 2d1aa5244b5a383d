"""The article's names of the parameters: w_ij^(k) and b_j^(k), 1-based, in one place.

``W[k]`` is W^(k->k+1) (row i = unit of layer k, column j = unit of layer k+1), so its
entry ``W[k][i, j]`` (0-based) is the article's w_(i+1)(j+1)^(k+1): the weight from unit
i+1 of layer k into unit j+1 of layer k+1.  ``b[k][j]`` is b_(j+1)^(k+1), the bias of
unit j+1 of layer k+1.  The two subscripts are written side by side (w_34) unless one of
them has two digits, when a comma separates them (w_3,12).

Every user-visible name of a parameter comes from here, in the form its medium needs:

- ``"text"``:    w_34^(2)                      (tables, explanations, undo texts, dialogs)
- ``"unicode"``: w₃₄⁽²⁾                        (lists and labels that cannot do markup)
- ``"html"``:    w<sub>34</sub><sup>(2)</sup>   (rich text, plot axes)
- ``"latex"``:   w_{34}^{(2)}                  (the worked example)
- ``"ascii"``:   w_34^(2), W^(1->2)             (the command line's output, error messages, the
                                                exported script: plain ASCII)

The matrices and bias vectors are named here too: :func:`matrix_name` is W^(k→k+1) (the arrow
of each form: → in text, Unicode and HTML, ``\to`` in LaTeX, ``->`` in ASCII) and
:func:`bias_vector_name` b^(k+1).  The landscape's core ids ``W0[2,3]`` / ``b1[0]`` (0-based,
what the CLI takes) are built and read here too.  Nothing else builds these names: a test
(tests/core/test_one_naming.py) reads the source for hand-built ones.
"""
from __future__ import annotations

import html
import re

FORMS = ("text", "unicode", "html", "latex", "ascii")
ARROWS = {"text": "→", "unicode": "→", "html": "→", "latex": "\\to ", "ascii": "->"}
"""The arrow of W^(k→k+1) in each form."""
_TRANSPOSED = {"text": "ᵀ", "unicode": "ᵀ", "ascii": "^T"}   # after the name; html, latex: in the superscript
_SUB = str.maketrans("0123456789,()-", "₀₁₂₃₄₅₆₇₈₉,₍₎₋")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
_ID = re.compile(r"^\s*([Wb])(\d+)\[\s*(\d+)\s*(?:,\s*(\d+)\s*)?\]\s*$")
_TEXT_SUB = re.compile(r"_(?:\{([^{}]*)\}|([A-Za-z0-9,]+))")
_TEXT_SUP = re.compile(r"\^(?:\{([^{}]*)\}|(\([^()]*\))|(-?[A-Za-z0-9]))")


def join_indices(parts: list[str]) -> str:
    """Subscripts joined: side by side when each is one character (w_34), else by commas (w_3,12)."""
    return ("" if all(len(p) == 1 for p in parts) and len(parts) > 1 else ",").join(parts)


def script(base: str, sub: str, sup: str, form: str) -> str:
    """``base`` with subscript ``sub`` and superscript ``sup`` (either may be empty) in ``form``."""
    if form in ("text", "ascii"):
        return base + (f"_{sub}" if sub else "") + (f"^{sup}" if sup else "")
    if form == "unicode":
        return base + sub.translate(_SUB) + sup.translate(_SUP)
    if form == "html":
        return base + (f"<sub>{sub}</sub>" if sub else "") + (f"<sup>{sup}</sup>" if sup else "")
    if form == "latex":
        return base + (f"_{{{sub}}}" if sub else "") + (f"^{{{sup}}}" if sup else "")
    raise ValueError(f"unknown name form {form!r}; choose one of {', '.join(FORMS)}")


def param_indices(k: int, i: int, j: int, bias: bool) -> tuple[str, tuple[int, ...], int]:
    """(letter, 1-based subscripts, layer) of ``W[k][i, j]`` or ``b[k][j]``: the convention itself."""
    return ("b", (j + 1,), k + 1) if bias else ("w", (i + 1, j + 1), k + 1)


def _name(k: int, i: int, j: int, bias: bool, form: str) -> str:
    letter, idx, layer = param_indices(k, i, j, bias)
    return script(letter, join_indices([str(n) for n in idx]), f"({layer})", form)


def weight_name(k: int, i: int, j: int, form: str = "text") -> str:
    """The article's name of ``W[k][i, j]`` (0-based): w_(i+1)(j+1)^(k+1)."""
    return _name(k, i, j, False, form)


def bias_name(k: int, j: int, form: str = "text") -> str:
    """The article's name of ``b[k][j]`` (0-based, the bias of layer k+1): b_(j+1)^(k+1)."""
    return _name(k, 0, j, True, form)


def param_name(k: int, i: int, j: int, bias: bool, form: str = "text") -> str:
    """:func:`bias_name` (``i`` unused) or :func:`weight_name`."""
    return bias_name(k, j, form) if bias else weight_name(k, i, j, form)


def matrix_name(k: int | str, form: str = "text", transposed: bool = False) -> str:
    """W^(k→k+1), the matrix ``W[k]`` (one row per unit of layer k); W^(k→k+1)ᵀ when ``transposed``.

    ``k`` is a layer number, or a letter for the general matrix: ``matrix_name("k")`` is
    W^(k→k+1).  ``matrix_name(0, "ascii", True)`` is ``W^(0->1)^T``;
    ``matrix_name(1, "latex")`` is ``W^{(1\\to 2)}``.
    """
    if form not in ARROWS:
        script("W", "", "", form)                        # refuses the unknown form
    nxt = k + 1 if isinstance(k, int) else f"{k}+1"
    sup = f"({k}{ARROWS[form]}{nxt})"
    if not transposed:
        return script("W", "", sup, form)
    if form in _TRANSPOSED:
        return script("W", "", sup, form) + _TRANSPOSED[form]
    return script("W", "", sup + "T", form)


def bias_vector_name(k: int, form: str = "text") -> str:
    """b^(k+1), the vector ``b[k]``: the biases of layer k+1 (``b[k][j]`` is :func:`bias_name`)."""
    return script("b", "", f"({k + 1})", form)


def incoming_weight_name(k: int, j: int, form: str = "text", source: str = "i") -> str:
    """w_(source)(j+1)^(k+1): the weight of ``W[k]`` from a unit ``source`` of layer k (a letter,
    as in a sum over i) into unit j+1 of layer k+1, e.g. w_i2^(1)."""
    return script("w", join_indices([source, str(j + 1)]), f"({k + 1})", form)


def array_id(k: int, bias: bool = False) -> str:
    """The core id of a whole array: ``W{k}`` for ``W[k]``, ``b{k}`` for ``b[k]``."""
    return f"{'b' if bias else 'W'}{k}"


def param_id(k: int, i: int, j: int | None = None) -> str:
    """The core id: ``W{k}[i,j]`` for ``W[k][i, j]``, ``b{k}[i]`` for ``b[k][i]`` (j None)."""
    return f"{array_id(k, True)}[{i}]" if j is None else f"{array_id(k)}[{i},{j}]"


def split_param_id(text: str) -> tuple[bool, int, tuple[int, ...]] | None:
    """(bias, k, indices) of text shaped like a core id, whatever the number of indices
    (``" W0[1, 2] "`` -> (False, 0, (1, 2)); ``"b1[0,3]"`` -> (True, 1, (0, 3))); None otherwise.
    Spaces around the parts are allowed, as a command line may have them."""
    m = _ID.match(text)
    if m is None:
        return None
    kind, k, i, j = m.groups()
    return kind == "b", int(k), (int(i),) if j is None else (int(i), int(j))


def parse_param_id(text: str) -> tuple[int, int, int, bool] | None:
    """(k, i, j, bias) of a core id (a bias has i = 0 and j its unit); None when it is not one
    (a weight needs two indices, a bias one)."""
    parts = split_param_id(text)
    if parts is None:
        return None
    bias, k, idx = parts
    if bias:
        return (k, 0, idx[0], True) if len(idx) == 1 else None
    return (k, idx[0], idx[1], False) if len(idx) == 2 else None


def id_name(text: str, form: str = "text") -> str:
    """The article's name of a core id (``W0[1,0]`` -> w_21^(1)); other text is returned as it is."""
    parts = parse_param_id(text)
    return text if parts is None else param_name(*parts, form=form)


_NAME = re.compile(r"^\s*([wb])_\{?(\d+)(?:,?(\d+))?\}?\^\{?\((\d+)\)\}?\s*$")


def parse_param_name(text: str) -> tuple[int, int, int, bool] | None:
    """(k, i, j, bias) of an article name in text form, 0-based as :func:`param_name` takes them:
    the inverse of ``param_name(k, i, j, bias, "text")``.

    ``"w_12^(1)"`` -> (0, 0, 1, False): W[0][0, 1], from unit 1 of layer 0 into unit 2 of
    layer 1.  ``"w_3,12^(2)"`` -> (1, 2, 11, False).  ``"b_2^(1)"`` -> (0, 0, 1, True).  The
    LaTeX braces (``w_{12}^{(1)}``) are accepted too.  None when ``text`` is not such a name, or
    an index or the layer is 0 (names are 1-based).  Two digits side by side are two indices;
    longer runs without a comma are ambiguous and refused (None).
    """
    m = _NAME.match(text)
    if m is None:
        return None
    letter, first, second, layer = m.groups()
    k = int(layer) - 1
    if letter == "b":
        if second is not None or k < 0 or int(first) < 1:
            return None
        return k, 0, int(first) - 1, True
    if second is None:          # w_12 without a comma: one digit each
        if len(first) != 2:
            return None
        first, second = first[0], first[1]
    elif "," not in text and len(first) + len(second) != 2:
        return None
    i, j = int(first) - 1, int(second) - 1
    if k < 0 or i < 0 or j < 0:
        return None
    return k, i, j, False


def html_of_text(text: str) -> str:
    """Plain text holding names in the ``"text"`` form (``w_11^(2)``, ``v_in,1^(2)``, ``x^2``,
    ``y_{k+1}``) as rich text with real sub- and superscripts; everything else is escaped."""
    out = html.escape(text, quote=False)
    out = _TEXT_SUB.sub(lambda m: f"<sub>{m.group(1) if m.group(1) is not None else m.group(2)}</sub>", out)
    return _TEXT_SUP.sub(lambda m: f"<sup>{next(g for g in m.groups() if g is not None)}</sup>", out)


_SUB_ALL = str.maketrans("0123456789,()-+=aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉,₍₎₋₊₌ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_SUP_ALL = str.maketrans("0123456789()-+=Tabcdefghijklmnoprstuvwxyz",
                         "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻⁺⁼ᵀᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ")


def unicode_of_text(text: str) -> str:
    """Plain text holding names in the ``"text"`` form as Unicode (``w_11^(2)`` -> w₁₁⁽²⁾,
    ``v_in,1^(2)`` -> vᵢₙ,₁⁽²⁾): what a screen reader says and a label without markup shows.
    A sub- or superscript with a character Unicode has no small form of stays as it is."""
    def sub(m: re.Match[str]) -> str:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        small = inner.translate(_SUB_ALL)
        return small if all(c != o or c == "," for c, o in zip(small, inner)) else m.group(0)

    def sup(m: re.Match[str]) -> str:
        inner = next(g for g in m.groups() if g is not None)
        if inner.startswith("{"):
            inner = inner[1:-1]
        small = inner.translate(_SUP_ALL)
        return small if all(c != o for c, o in zip(small, inner)) else m.group(0)

    return _TEXT_SUP.sub(sup, _TEXT_SUB.sub(sub, text))
