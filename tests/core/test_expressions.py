"""The expression parser: grammar, exact derivatives against hand formulas, refusals, fuzz."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.surfaces import expressions
from backprop_studio.core.surfaces.expression_tree import FUNCTIONS
from backprop_studio.core.surfaces.expressions import MAX_DEPTH, MAX_LENGTH, ExpressionError, parse, tokenize

X = np.array([-1.7, -0.3, 0.4, 1.2, 2.5])
Y = np.array([0.6, -1.1, 2.0, 0.3, -0.8])


def value(text, x=2.0, y=3.0):
    return float(parse(text).value(x, y))


@pytest.mark.parametrize("text, expected", [
    ("1 + 2*3", 7.0), ("(1 + 2)*3", 9.0), ("-x^2", -4.0), ("(-x)^2", 4.0), ("2^3^2", 512.0),
    ("2**3**2", 512.0), ("x ^ -1", 0.5), ("1e-3*1000", 1.0), (".5 + 2.", 2.5), ("2E2", 200.0),
    ("8/4/2", 1.0), ("1 - 2 - 3", -4.0), ("--x", 2.0), ("+x", 2.0), ("x*y - y/x", 4.5),
    ("pi", np.pi), ("e", np.e), ("e^1", np.e), ("2*e", 2 * np.e), ("sqrt(x*8)", 4.0),
])
def test_grammar_and_precedence(text, expected):
    assert value(text) == pytest.approx(expected, rel=1e-15)


def test_evaluation_is_vectorised_over_grids():
    X2, Y2 = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(0, 2, 3))
    f, (fx, fy) = parse("x^2 + 3*y").value_and_gradient(X2, Y2)
    assert f.shape == fx.shape == fy.shape == (3, 4)
    np.testing.assert_array_equal(f, X2 ** 2 + 3 * Y2)
    np.testing.assert_array_equal(fx, 2 * X2)
    np.testing.assert_array_equal(fy, np.full((3, 4), 3.0))
    c, (cx, cy) = parse("pi").value_and_gradient(X2, Y2)   # a constant still fills the grid
    assert c.shape == (3, 4) and not cx.any() and not cy.any()


# Each row: expression, f(x, y), df/dx, df/dy -- derived by hand, written with numpy.
HAND = [
    ("sin(x) + x^2/10", lambda x, y: np.sin(x) + x ** 2 / 10, lambda x, y: np.cos(x) + x / 5, None),
    ("exp(-(x^2 + y^2))", lambda x, y: np.exp(-(x * x + y * y)),
     lambda x, y: -2 * x * np.exp(-(x * x + y * y)), lambda x, y: -2 * y * np.exp(-(x * x + y * y))),
    ("x/y", lambda x, y: x / y, lambda x, y: 1 / y, lambda x, y: -x / y ** 2),
    ("x*y^3 - 2*x", lambda x, y: x * y ** 3 - 2 * x, lambda x, y: y ** 3 - 2, lambda x, y: 3 * x * y ** 2),
    ("2^x", lambda x, y: 2.0 ** x, lambda x, y: np.log(2) * 2.0 ** x, None),
    ("abs(x)^y", lambda x, y: np.abs(x) ** y, lambda x, y: y * np.abs(x) ** (y - 1) * np.sign(x),
     lambda x, y: np.abs(x) ** y * np.log(np.abs(x))),
    ("tan(x/2)", lambda x, y: np.tan(x / 2), lambda x, y: 0.5 / np.cos(x / 2) ** 2, None),
    ("log(1 + x^2)", lambda x, y: np.log(1 + x * x), lambda x, y: 2 * x / (1 + x * x), None),
    ("sqrt(1 + y^2)", lambda x, y: np.sqrt(1 + y * y), None, lambda x, y: y / np.sqrt(1 + y * y)),
    ("tanh(x*y)", lambda x, y: np.tanh(x * y), lambda x, y: y / np.cosh(x * y) ** 2,
     lambda x, y: x / np.cosh(x * y) ** 2),
    ("sinh(x) - cosh(y)", lambda x, y: np.sinh(x) - np.cosh(y), lambda x, y: np.cosh(x),
     lambda x, y: -np.sinh(y)),
    ("arctan(3*x) + atan(y)", lambda x, y: np.arctan(3 * x) + np.arctan(y),
     lambda x, y: 3 / (1 + 9 * x * x), lambda x, y: 1 / (1 + y * y)),
    ("sigmoid(x - y)", lambda x, y: 1 / (1 + np.exp(y - x)),
     lambda x, y: np.exp(y - x) / (1 + np.exp(y - x)) ** 2,
     lambda x, y: -np.exp(y - x) / (1 + np.exp(y - x)) ** 2),
    ("cos(pi*x)*ln(e*2)", lambda x, y: np.cos(np.pi * x) * np.log(2 * np.e),
     lambda x, y: -np.pi * np.sin(np.pi * x) * np.log(2 * np.e), None),
]


@pytest.mark.parametrize("text, f, fx, fy", HAND, ids=[h[0] for h in HAND])
def test_derivatives_equal_hand_formulas(text, f, fx, fy):
    got, (gx, gy) = parse(text).value_and_gradient(X, Y)
    zero = lambda x, y: np.zeros_like(x)  # noqa: E731
    np.testing.assert_allclose(got, f(X, Y), rtol=1e-13)
    np.testing.assert_allclose(gx, (fx or zero)(X, Y), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(gy, (fy or zero)(X, Y), rtol=1e-12, atol=1e-14)


def test_every_function_is_covered_by_a_hand_formula():
    used = {name for text, *_ in HAND for name in re.findall(r"[a-z]+(?=\()", text)}
    assert set(FUNCTIONS) - {"exp"} <= used | {"ln"}


def test_a_one_variable_expression_and_the_text_round_trip():
    expr = parse("-(x - 1)^2 * 3 / x + 2^-x", ("x",))
    again = parse(str(expr), ("x",))
    np.testing.assert_array_equal(again.value(X), expr.value(X))
    assert expr.uses == {"x"}


REFUSED = [
    ("__import__('os')", "names starting with '_'", 1),
    ("x.__class__", "attribute access", 2),
    ("(1).real", "attribute access", 4),
    ("lambda x: x", "'lambda' is not allowed", 1),
    ("[x for x in y]", "brackets", 1),
    ("(x for x in y)", "'for' is not allowed", 4),
    ("sum(x for x in (1, 2))", "'for' is not allowed", 7),
    ("{x: 1}", "braces", 1),
    ("foo(x)", "'foo' is not a function", 1),
    ("x + bar", "unknown name 'bar'", 5),
    ("open('f')", "text in quotes", 6),
    ("open(x)", "'open' is not a function", 1),
    ("import os", "'import' is not allowed", 1),
    ("x; y", "';' is not allowed", 2),
    ("x = 1", "'=' is not allowed", 3),
    ("2x", "missing operator before 'x'", 2),
    ("sin x", "sin needs parentheses", 1),
    ("sin(x, y)", "comma", 6),
    ("x +", "ends too soon", 4),
    ("(x", "never closed", 1),
    ("x)", "unmatched ')'", 2),
    ("()", "empty parentheses", 2),
    ("", "empty", 1),
    ("1..2", "one decimal point", 3),
    ("1e999", "too large", 1),
    ("x @ y", "unexpected character '@'", 3),
    ("x\x00", "U+0000", 2),
]


@pytest.mark.parametrize("text, fragment, position", REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_point_at_the_offending_character(text, fragment, position):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    err = info.value
    assert isinstance(err, InputError)
    assert fragment in err.message
    assert err.where == f"expression, character {position}"
    assert "\n" not in str(err)                      # one line for the CLI
    text_line, caret_line = err.pointer.split("\n")
    assert caret_line.index("^") == position - 1 and text_line == text


def test_y_is_refused_in_a_one_variable_expression():
    with pytest.raises(ExpressionError, match="use only x"):
        parse("x + y", ("x",))


@pytest.mark.parametrize("text, limit", [("x+" * 400 + "x", f"limit {MAX_LENGTH}"),
                                         ("(" * 5000 + "x" + ")" * 5000, f"limit {MAX_LENGTH}"),
                                         ("(" * 100 + "x" + ")" * 100, f"limit {MAX_DEPTH}"),
                                         ("-" * 200 + "x", f"limit {MAX_DEPTH}"),
                                         ("x^" * 100 + "x", f"limit {MAX_DEPTH}"),
                                         ("sin(" * 60 + "x" + ")" * 60, f"limit {MAX_DEPTH}")])
def test_long_or_deep_input_is_refused_at_the_limit_naming_it(text, limit, monkeypatch):
    """Refused before the work grows with the text: a text over MAX_LENGTH is never tokenised,
    and a deep one is refused at the level that crosses MAX_DEPTH, not after reading it all.
    (How long a refusal takes is the benchmark row "expressions: refusing ...".)"""
    tokenised = []
    monkeypatch.setattr(expressions, "tokenize", lambda t: tokenised.append(t) or tokenize(t))
    with pytest.raises(ExpressionError, match=limit) as refused:
        parse(text)
    if len(text) > MAX_LENGTH:
        assert tokenised == [] and refused.value.position == MAX_LENGTH
    else:
        levels_read = sum(text[:refused.value.position].count(c) for c in "(-^")
        assert tokenised == [text] and levels_read == MAX_DEPTH + 1


def test_a_long_flat_sum_within_the_limit_evaluates():
    text = "+".join(["x*y"] * 120)     # 479 characters, flat: no deep recursion
    f, (fx, fy) = parse(text).value_and_gradient(2.0, 3.0)
    assert (f, fx, fy) == (720.0, 360.0, 240.0)


def test_the_parser_source_never_evaluates_text():
    root = Path(__file__).resolve().parents[2] / "core" / "surfaces"
    for name in ("expressions.py", "expression_tree.py"):
        source = (root / name).read_text()
        for forbidden in ("eval(", "exec(", "compile(", "import ast", "__import__", "getattr("):
            assert forbidden not in source, (name, forbidden)


TOKENS = ["x", "y", "1", "2.5", "1e-3", "+", "-", "*", "/", "^", "**", "(", ")", "sin", "log",
          "sqrt", "exp", "pi", "e", " ", ".", ",", "_", "__import__", "lambda", "[", "'", "a"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_fuzz_random_text_raises_only_input_error(text):
    try:
        expr = parse(text)
    except InputError:
        return
    f, grad = expr.value_and_gradient(X, Y)
    assert f.shape == X.shape and len(grad) == 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30))
def test_fuzz_token_soup_raises_only_input_error_and_evaluates_quietly(parts):
    try:
        expr = parse("".join(parts))
    except InputError:
        return
    with np.errstate(all="raise"):               # evaluation silences its own warnings
        f, grad = expr.value_and_gradient(X, Y)
    assert f.shape == grad[0].shape == grad[1].shape == X.shape
