"""A lesson's Markdown and math as Qt rich text: the subset, its HTML, and errors with positions."""
from __future__ import annotations

import pytest

from backprop_studio.core.lessons import MathError, render_markdown


def md(text: str) -> str:
    return render_markdown(text)


def test_sub_and_superscripts_with_groups():
    assert md("$v_{in}^{(1)}$") == "<p><i>v</i><sub><i>in</i></sub><sup>(1)</sup></p>"
    assert md("$x_i^2$") == "<p><i>x</i><sub><i>i</i></sub><sup>2</sup></p>"
    assert md("$w_{12}^{(k\\to k+1)}$") == ("<p><i>w</i><sub>12</sub><sup>(<i>k</i> \u2192 <i>k</i> + 1)</sup></p>")


def test_greek_letters_and_symbols():
    assert md("$\\eta \\delta \\varepsilon \\Delta$") == "<p><i>\u03b7</i><i>\u03b4</i><i>\u03b5</i>\u0394</p>"
    assert md("$a \\odot b \\approx c \\le d$") == ("<p><i>a</i> \u2299 <i>b</i> \u2248 <i>c</i> \u2264 <i>d</i></p>")
    assert md("$\\partial E$") == "<p>\u2202<i>E</i></p>"
    assert md("$\\hat{y}$") == "<p><i>y\u0302</i></p>"
    assert md("$f'(x)$") == "<p><i>f</i>\u2032(<i>x</i>)</p>"


def test_minus_signs_binary_and_unary():
    assert md("$a - b$") == "<p><i>a</i> \u2212 <i>b</i></p>"
    assert md("$-\\eta = -1$") == "<p>\u2212<i>\u03b7</i> = \u22121</p>"
    # after an opening bracket or a comma it negates too: (−1, −2), not ( − 1, − 2)
    assert md("$(-1, -2)$") == "<p>(\u22121,\u2009\u22122)</p>"
    assert md("$x_{-1} + [-a]$") == "<p><i>x</i><sub>\u22121</sub> + [\u2212<i>a</i>]</p>"


def test_inline_fractions_get_parentheses_only_where_needed():
    assert md("$\\frac{1}{2}$") == "<p>1/2</p>"
    assert md("$\\frac{\\partial E}{\\partial w}$") == "<p>\u2202<i>E</i>/\u2202<i>w</i></p>"
    assert md("$\\frac{a+b}{2}$") == "<p>(<i>a</i> + <i>b</i>)/2</p>"


def test_display_fractions_are_stacked_over_a_rule():
    html = md("$$E = \\frac{1}{2}(y - \\hat{y})^2$$")
    assert html.startswith('<table align="center"')
    assert 'border-bottom: 1px solid' in html and ">1</td>" in html and ">2</td>" in html
    assert html.count("<td") == 5        # "E =", the fraction cell (2 cells inside), the rest


def test_text_left_right_and_escapes():
    assert md("$\\text{if } x < 0$") == "<p>if <i>x</i> &lt; 0</p>"
    assert md("$\\left( a \\right)$") == "<p>(<i>a</i>)</p>"
    assert md("costs \\$5 and $x$") == "<p>costs $5 and <i>x</i></p>"


def test_blocks_headings_lists_notes_and_inline_markup():
    text = ("### Title\n\nA **bold** and *italic* `code` [link](https://example.com).\n\n"
            "- one\n- two\n\n1. first\n2. second\n\n> Note $x$")
    assert md(text).split("\n") == [
        "<h3>Title</h3>",
        '<p>A <b>bold</b> and <i>italic</i> <code>code</code> <a href="https://example.com">link</a>.</p>',
        "<ul><li>one</li><li>two</li></ul>",
        "<ol><li>first</li><li>second</li></ol>",
        '<table width="100%" cellpadding="6" cellspacing="0" bgcolor="#eef3fb"><tr><td>Note <i>x</i></td></tr></table>',
    ]


def test_html_in_the_text_is_shown_not_interpreted():
    assert md("<script>alert(1)</script> & $a<b$") == \
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <i>a</i> &lt; <i>b</i></p>"
    assert md("5 * 3 = 15") == "<p>5 * 3 = 15</p>"      # a lone * is not emphasis


@pytest.mark.parametrize("text,message", [
    ("$\\foo$", "line 1, column 2: unknown command \\foo"),
    ("ab\ncd $x_{1$", "line 2, column 7: unbalanced {: a group is never closed"),
    ("$x}$", "line 1, column 3: unbalanced }: nothing opened it"),
    ("price $5", "line 1, column 7: unbalanced $: inline math is never closed"),
    ("$x^$", "line 1, column 4: ^ needs an argument"),
    ("$\\hat{xy}$", "line 1, column 2: \\hat takes one letter"),
    ("$a & b$", "line 1, column 4: the character '&' is not part of the math subset"),
    ("$$x\n\nmore", "line 1, column 1: unbalanced $$: display math is never closed"),
    ("`code", "line 1, column 1: unbalanced `"),
    ("[x](javascript:alert(1))", "line 1, column 5: the link 'javascript:alert(1' is not a web address"),
    ("$\\frac{a}$", "line 1, column 10: \\frac needs an argument"),
])
def test_errors_name_the_line_and_column(text, message):
    with pytest.raises(MathError) as e:
        md(text)
    assert e.value.message.startswith(message), e.value.message


def test_a_prompt_shows_the_articles_names_with_sub_and_superscripts():
    from backprop_studio.core.lessons import render_prompt
    assert render_prompt("Δw_11^(2) = ?") == "Δw<sub>11</sub><sup>(2)</sup> = ?"
    assert render_prompt("v_in of hidden unit 1 = ?") == "v<sub>in</sub> of hidden unit 1 = ?"
    assert render_prompt("f'(x_0) = ?") == "f'(x<sub>0</sub>) = ?"
    assert render_prompt("x^2 < y_{k+1}") == "x<sup>2</sup> &lt; y<sub>k+1</sub>"
