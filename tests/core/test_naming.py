"""The article's parameter names (core/engine/naming.py) against hand-written strings."""
from __future__ import annotations

import pytest

from backprop_studio.core.engine import naming


@pytest.mark.parametrize("form, expected", [
    ("text", "w_44^(2)"), ("unicode", "w₄₄⁽²⁾"), ("html", "w<sub>44</sub><sup>(2)</sup>"),
    ("latex", "w_{44}^{(2)}")])
def test_a_weight_is_named_one_based_row_then_column_layer_above(form, expected):
    # W[1] is W^(1->2); its entry [3, 3] joins unit 4 of layer 1 to unit 4 of layer 2
    assert naming.weight_name(1, 3, 3, form) == expected


@pytest.mark.parametrize("form, expected", [
    ("text", "b_2^(1)"), ("unicode", "b₂⁽¹⁾"), ("html", "b<sub>2</sub><sup>(1)</sup>"), ("latex", "b_{2}^{(1)}")])
def test_a_bias_is_named_by_its_unit_and_layer(form, expected):
    assert naming.bias_name(0, 1, form) == expected      # b[0][1]: unit 2 of layer 1


def test_two_digit_indices_get_a_comma_and_one_digit_ones_do_not():
    assert naming.weight_name(0, 2, 11) == "w_3,12^(1)"
    assert naming.weight_name(0, 0, 9, "unicode") == "w₁,₁₀⁽¹⁾"
    assert naming.weight_name(0, 8, 1) == "w_92^(1)"
    assert naming.param_name(2, 5, 0, True) == "b_1^(3)"
    assert naming.matrix_name(0) == "W^(0→1)"


def test_core_ids_round_trip_and_name_themselves():
    assert naming.param_id(1, 2, 0) == "W1[2,0]" and naming.param_id(0, 1) == "b0[1]"
    assert naming.parse_param_id("W1[2,0]") == (1, 2, 0, False)
    assert naming.parse_param_id("b0[1]") == (0, 0, 1, True)
    assert naming.parse_param_id("W1[2]") is None and naming.parse_param_id("loss") is None
    assert naming.id_name("W1[2,0]", "unicode") == "w₃₁⁽²⁾"
    assert naming.id_name("b0[1]", "html") == "b<sub>2</sub><sup>(1)</sup>"
    assert naming.id_name("direction 1") == "direction 1"


def test_an_unknown_form_is_refused():
    with pytest.raises(ValueError, match="unknown name form"):
        naming.weight_name(0, 0, 0, "rtf")


def test_text_form_names_become_rich_text_with_sub_and_superscripts():
    from backprop_studio.core.engine.naming import html_of_text
    assert html_of_text("v_in,1^(2) = w_11^(2)·v_out,1^(1) + b_1^(2)") == (
        "v<sub>in,1</sub><sup>(2)</sup> = w<sub>11</sub><sup>(2)</sup>·v<sub>out,1</sub><sup>(1)</sup>"
        " + b<sub>1</sub><sup>(2)</sup>")
    assert html_of_text("a < b & c") == "a &lt; b &amp; c"      # everything else is escaped
    assert html_of_text("1 / (1 + e^-x)") == "1 / (1 + e<sup>-x</sup>)"
    # the names the app writes in text form come back as its html form
    from backprop_studio.core.engine.naming import param_name
    for k, i, j, bias in [(0, 0, 1, False), (1, 2, 11, False), (2, 0, 3, True)]:
        assert html_of_text(param_name(k, i, j, bias, "text")) == param_name(k, i, j, bias, "html")


@pytest.mark.parametrize("text, expected", [
    ("w_11^(2) = 0.4", "w₁₁⁽²⁾ = 0.4"),                     # by hand, from the article's w_11^(2)
    ("v_in,1^(2)", "vᵢₙ,₁⁽²⁾"),
    ("∂E/∂v_out,2^(1) = -0.05", "∂E/∂vₒᵤₜ,₂⁽¹⁾ = -0.05"),
    ("x^2 + y_{k+1}", "x² + yₖ₊₁"),
    ("x_Q", "x_Q"),                                        # no small Q: kept as written
    ("W^(1→2)", "W^(1→2)"),                                # no small arrow
])
def test_text_names_read_as_unicode(text, expected):
    from backprop_studio.core.engine.naming import unicode_of_text
    assert unicode_of_text(text) == expected
    # the same name the editor speaks, built by the one naming rule
    if text.startswith("w_11^(2)"):
        assert expected.startswith(naming.weight_name(0, 0, 0, "unicode")[:-3] + "⁽²⁾")
