"""The one rule of what an open question hides (core/lessons/hiding.py), case by case.

The expectations are the table of the module's docstring, written out by hand: a value and the
numbers it can be read off at once from (the same number, or one arithmetic step from a number
on show, downstream of it); never the numbers it is computed from.
"""
from __future__ import annotations

import pytest

from backprop_studio.core.explain import context_for
from backprop_studio.core.explain.graph import build_graph
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons import build_state, load_lesson
from backprop_studio.core.lessons.hiding import FunctionValue, Hover, Secrets, node_keys, secrets_at

L = 2    # the article's 3-2-1 network: layers 0, 1, 2


def hides(asked, shown) -> bool:
    return Secrets((asked,), L).hides(shown)


@pytest.mark.parametrize(("asked", "shown"), [
    (Ref("v_in", 1, 0), Ref("v_in", 1, 0)),
    (Ref("v_in", 1, 0), Ref("v_out", 1, 0)),                # f passes it through (linear, ReLU > 0)
    (Ref("v_in", 1, 0), Ref("weighted_sum", 1, 0)),         # v_in − b
    (Ref("v_out", 1, 1), Ref("product", 2, 1, 0)),          # w_21^(2) v_out,2^(1), ÷ w
    (Ref("v_out", 2, 0), Ref("dE_dv_out", 2, 0)),           # ∂E/∂ŷ = ŷ − y
    (Ref("loss"), Ref("batch_loss")),                       # the status bar's loss
    (Ref("loss"), Ref("loss_term", 0, 0)),                  # E = Σ_j E_j
    (Ref("batch_loss"), Ref("loss", sample=3)),
    (Ref("delta", 2, 0), Ref("delta_mean", 2, 0)),
    (Ref("delta", 2, 0), Ref("grad", 1, 1, 0)),             # ∂E/∂w_21^(2) = v_out,2^(1) δ_1^(2)
    (Ref("delta", 2, 0), Ref("grad", 1, 0, 0, bias=True)),  # ∂E/∂b_1^(2) = δ_1^(2)
    (Ref("delta", 2, 0), Ref("contrib", 1, 0, 0, 0)),
    (Ref("delta", 2, 0), Ref("dE_dv_out", 1, 1)),           # w_21 δ_1 for one unit
    (Ref("delta", 2, 0), Ref("dE_dv_out", 2, 0)),           # δ = ∂E/∂ŷ f'(v_in): equal where f' = 1
    (Ref("grad", 1, 1, 0), Ref("contrib", 1, 1, 0, 2)),
    (Ref("grad", 1, 1, 0), Ref("update", 1, 1, 0)),         # Δw = −η ∂E/∂w
    (Ref("update", 1, 0, 0), Ref("after", 1, 0, 0)),        # w + Δw
    (Ref("update", 1, 0, 0), Ref("weight", 1, 0, 0)),       # the editor's weight once updated
    (Ref("after", 1, 1, 0), Ref("update", 1, 1, 0)),
    (Ref("after", 0, 0, 1, bias=True), Ref("weight", 0, 0, 1, bias=True)),
])
def test_an_asked_value_hides_what_gives_it_back_at_once(asked, shown):
    assert hides(asked, shown)


@pytest.mark.parametrize(("asked", "shown"), [
    (Ref("v_in", 1, 0), Ref("v_in", 1, 1)),                 # another unit
    (Ref("v_in", 1, 0), Ref("v_in", 1, 0, 0, 1)),           # another sample
    (Ref("v_in", 1, 0), Ref("fprime", 1, 0)),               # f'(v_in) is not v_in
    (Ref("v_out", 1, 0), Ref("v_in", 1, 0)),                # what v_out is computed from stays
    (Ref("v_out", 2, 0), Ref("loss")),                      # E = ½(y − ŷ)²: not one step
    (Ref("loss"), Ref("v_out", 2, 0)),                      # (the "ŷ when E is asked":
    (Ref("loss"), Ref("loss_after")),                       #  ŷ is what E is computed from)
    (Ref("delta", 2, 0), Ref("grad", 0, 0, 0)),             # a layer further back
    (Ref("delta", 1, 0), Ref("grad", 0, 0, 1)),             # into another unit
    (Ref("delta", 2, 0), Ref("contrib", 1, 0, 0, 1)),       # another sample's share
    (Ref("delta", 2, 0), Ref("dE_dv_out", 2, 1)),           # another output's ∂E/∂ŷ
    (Ref("update", 1, 0, 0), Ref("grad", 1, 0, 0)),         # Δw is computed from ∂E/∂w
    (Ref("update", 1, 0, 0), Ref("param", 1, 0, 0)),        # the weight before the update
    (Ref("grad", 1, 1, 0), Ref("grad", 1, 0, 0)),
    (Ref("x", 0, 0), Ref("x", 0, 1)),
])
def test_an_asked_value_leaves_the_rest_on_show(asked, shown):
    assert not hides(asked, shown)


def f1(kind, t, **kw):
    return FunctionValue("function1d", kind, t, **kw)


def f2(kind, t, **kw):
    return FunctionValue("function2d", kind, t, **kw)


@pytest.mark.parametrize(("asked", "shown", "hidden"), [
    (f1("x", 1, coordinate=1), f1("x", 1), True),           # the readout's x_t at t = 1
    (f1("x", 1, coordinate=1), f1("step", 0), True),        # x_1 = x_0 + ε_0
    (f1("x", 1, coordinate=1), f1("gradient", 1), True),    # f'(x_1) = 2 x_1 on a parabola
    (f1("x", 1, coordinate=1), f1("f", 1), True),
    (f1("x", 1, coordinate=1), f1("gradient", 0), False),   # what x_1 is computed from
    (f1("x", 1, coordinate=1), f1("x", 2), False),
    (f1("gradient", 0, coordinate=1), f1("step", 0), True),  # ε_0 = −η f'(x_0)
    (f1("gradient", 0, coordinate=1), f1("x", 1), False),
    (f1("gradient", 0, coordinate=1), f1("f", 0), False),
    (f1("f", 2, coordinate=1), f1("f", 2), True),           # also "the true value" at t = 1
    (f2("gradient", 0, coordinate=1), f2("gradient", 0, coordinate=2), False),
    (f2("gradient", 0, coordinate=1), f2("gradient", 0), True),     # |∇f|, printed whole
    (f2("x", 1, coordinate=2), f2("x", 1, coordinate=1), False),
    (f2("f", 100, run=1), f2("f", 80, run=1, last=True), True),     # a path that stopped at 80
    (f2("f", 50, run=1), f2("f", 80, run=1, last=True), False),
    (f2("f", 100, run=1), f2("f", 100, run=2), False),              # another run
    (f2("x", 1, coordinate=1), f1("x", 1), False),                  # another view
    (f2("x", 1, coordinate=1), Hover("function2d"), True),          # the pointer may be on it
    (f2("x", 1, coordinate=1), Hover("function1d"), False),
    (Ref("v_out", 2, 0), Hover("output"), True),
    (Ref("v_out", 1, 0), Hover("output"), False),
    (Ref("loss"), Hover("loss"), True),
    (Ref("v_out", 2, 0), f1("x", 1), False),
])
def test_function_values_and_hover_readouts(asked, shown, hidden):
    assert hides(asked, shown) is hidden


# -- which questions hide, on the shipped lessons -----------------------------------------------------
def lesson(name: str):
    return load_lesson(next(LESSONS_DIR.glob(f"*-{name}.json")))


def secrets(name: str, step: int, done=()):
    """What step ``step`` (1-based, as the panel numbers them) hides, in its headless state."""
    les = lesson(name)
    return secrets_at(les, step - 1, {d - 1 for d in done}, build_state(les, step - 1).session)


def test_lesson_1s_first_step_hides_what_steps_2_to_4_ask():
    # step 2 f'(x_0), step 3 x_1, step 4 f'(x_1): one descent (η = 0.05); step 7 has η = 0.1
    assert set(secrets("univariate", 1).asked) == {f1("gradient", 0, coordinate=1), f1("x", 1, coordinate=1),
                                                    f1("gradient", 1, coordinate=1)}
    assert set(secrets("univariate", 1, done=(2, 3)).asked) == {f1("gradient", 1, coordinate=1)}
    assert secrets("univariate", 4, done=(2, 3, 4)).asked == ()          # answered: shown again
    assert secrets("univariate", 5).asked == ()                          # step 7: another descent


def test_lesson_6_hides_the_whole_forward_pass_until_each_value_is_asked():
    asked = set(secrets("forward-pass", 2).asked)
    assert asked == {Ref("v_in", 1, 0), Ref("v_in", 1, 1), Ref("v_out", 1, 0), Ref("v_out", 1, 1),
                     Ref("v_in", 2, 0), Ref("v_out", 2, 0), Ref("loss")}
    assert set(secrets("forward-pass", 8, done=range(1, 8)).asked) == {Ref("loss")}
    assert Ref("loss") in secrets("forward-pass", 1).asked               # the status bar's E
    assert secrets("forward-pass", 9, done=range(1, 9)).asked == ()


def test_an_asked_relu_output_hides_its_v_in_a_sigmoid_output_does_not():
    # lesson 5: ŷ = ReLU(v_in^(3)) = v_in^(3) = 0.75 (the same number); lesson 6: ŷ = σ(0.2144)
    assert secrets("backpropagation", 1).hides(Ref("v_in", 3, 0))
    assert not secrets("forward-pass", 7, done=range(1, 7)).hides(Ref("v_in", 2, 0))


def test_the_graphs_nodes_are_keyed_by_what_they_print():
    state = build_state(lesson("backward-pass"), 4)            # after backward layer 1
    ctx = context_for(state.session)
    g = build_graph(ctx.record, ctx.network, ctx.loss)
    keys = {node_id: node_keys(node, 0) for node_id, node in g.nodes.items()}
    assert keys["x0"] == (Ref("x", 0, 0), Ref("dE_dv_out", 0, 0))
    assert keys["w1_1_0"] == (Ref("param", 1, 1, 0), Ref("grad", 1, 1, 0))
    assert keys["mul2_1_0"] == (Ref("product", 2, 1, 0), Ref("delta", 2, 0))   # ∂E/∂(w·v) = δ
    assert keys["vin1_1"] == (Ref("v_in", 1, 1), Ref("delta", 1, 1))
    assert keys["vout1_0"] == (Ref("v_out", 1, 0), Ref("dE_dv_out", 1, 0))
    assert keys["term0"] == (Ref("loss_term", 0, 0), None) and keys["E"] == (Ref("loss"), None)


# -- the kinds of question (issue 27) -----------------------------------------------------------------
def _one(question: dict, state: dict):
    from backprop_studio.core.lessons import lesson_from_dict
    step = {"title": "t", "text": "x", "state": state, "task": {"question": {"prompt": "?"} | question}}
    les = lesson_from_dict({"format": "backprop-studio-lesson", "version": 1, "id": "t", "title": "t",
                            "summary": "s", "sections": ["Example"], "steps": [step]})
    return secrets_at(les, 0, set(), build_state(les, 0).session)


ARTICLE = {"project": "example:article_3_2_1", "after_phase": "update"}


def test_an_open_choice_hides_what_it_asks_about():
    sign = _one({"kind": "choose", "choose": "sign", "value": {"kind": "delta", "layer": 2, "unit": 1}}, ARTICLE)
    assert sign.asked == (Ref("delta", 2, 0),)
    largest = _one({"kind": "choose", "choose": "largest", "values": [
        {"kind": "update", "param": "w_11^(2)"}, {"kind": "update", "param": "w_21^(2)"}]}, ARTICLE)
    assert largest.asked == (Ref("update", 1, 0, 0), Ref("update", 1, 1, 0))   # both: comparing them is the task
    order = _one({"kind": "order", "order": "phases"}, ARTICLE)
    assert order.asked == ()


def test_a_direction_or_a_predicted_point_hides_x_t_plus_1_whole():
    # the 1-D view at t = 3: where x goes is x_4 (and the step ε_3 that gives it at once)
    view = {"function1d": {"function": "parabola", "start": [2.0], "t": 3}}
    for question in ({"kind": "choose", "choose": "direction", "view": "function1d"},
                     {"kind": "predict", "predict": "point", "view": "function1d"}):
        secrets_now = _one(question, view)
        assert secrets_now.asked == (FunctionValue("function1d", "x", 4, coordinate=0),)
        assert secrets_now.hides(FunctionValue("function1d", "step", 3))
        assert not secrets_now.hides(FunctionValue("function1d", "gradient", 3))   # what one reasons from
    race = {"function2d": {"function": "round_bowl", "runs": [{}, {}], "steps": 10}}
    secrets_now = _one({"kind": "choose", "choose": "direction", "view": "function2d", "t": 5, "run": 2}, race)
    assert secrets_now.asked == (FunctionValue("function2d", "x", 6, run=2, coordinate=0),)
    assert secrets_now.hides(FunctionValue("function2d", "x", 6, run=2, coordinate=2))
