"""Lesson values, states and conditions against numbers worked out independently.

The network values are the article's 3-2-1 example (resources/examples/article_3_2_1.json)
worked by hand, one scalar formula a line; the function views' values are closed forms
(x_t of gradient descent on x^2) and finite differences.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.naming import param_name, parse_param_name
from backprop_studio.core.explain.answers import answer_ok
from backprop_studio.core.lessons import (
    Condition,
    Live,
    Settings,
    Value,
    apply_settings,
    build_state,
    condition_met,
    lesson_from_dict,
    load_lesson,
    states,
    value,
)
from backprop_studio.core.lessons.functions import path_1d

GOOD = Path(__file__).parent / "lessons_good" / "minimal.json"

# the example file's numbers
X = [1.0, 0.5, -0.5]
W01 = [[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]]     # row i: input unit i+1; column j: hidden unit j+1
W12 = [0.7, -0.2]
Y, ETA = 1.0, 0.5


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def by_hand() -> dict[str, float]:
    h: dict[str, float] = {}
    for j in range(2):
        h[f"v_in1_{j + 1}"] = sum(W01[i][j] * X[i] for i in range(3))
        h[f"v_out1_{j + 1}"] = sig(h[f"v_in1_{j + 1}"])
    h["v_in2"] = W12[0] * h["v_out1_1"] + W12[1] * h["v_out1_2"]
    h["y_hat"] = sig(h["v_in2"])
    h["E"] = 0.5 * (Y - h["y_hat"]) ** 2
    h["delta2"] = (h["y_hat"] - Y) * h["y_hat"] * (1 - h["y_hat"])
    for j in range(2):
        out = h[f"v_out1_{j + 1}"]
        h[f"fprime1_{j + 1}"] = out * (1 - out)
        h[f"delta1_{j + 1}"] = W12[j] * h["delta2"] * out * (1 - out)
    return h


H = by_hand()


def test_the_hand_values_are_the_articles_numbers():
    assert H["v_in1_1"] == pytest.approx(-0.05) and H["v_in1_2"] == pytest.approx(0.55)


def lesson(state: dict, settings: dict | None = None) -> object:
    step = {"title": "t", "text": "x", "state": state} | ({"settings": settings} if settings else {})
    return lesson_from_dict({"format": "backprop-studio-lesson", "version": 1, "id": "t", "title": "t",
                             "summary": "s", "sections": ["Example"], "steps": [step]})


def at(after_phase: str | None = None, step: int = 0, settings: dict | None = None):
    state = {"project": "example:article_3_2_1", "step": step}
    if after_phase:
        state["after_phase"] = after_phase
    return build_state(lesson(state, settings), 0).session


@pytest.mark.parametrize("spec,phase,expected", [
    (Value("v_in", 1, 1), "forward layer 1", H["v_in1_1"]),
    (Value("v_in", 1, 2), "forward layer 1", H["v_in1_2"]),
    (Value("v_out", 1, 2), "forward layer 1", H["v_out1_2"]),
    (Value("v_out", 0, 3), "forward layer 1", X[2]),
    (Value("x", unit=2), "forward layer 1", X[1]),
    (Value("fprime", 1, 1), "forward layer 1", H["fprime1_1"]),
    (Value("v_in", 2, 1), "forward layer 2", H["v_in2"]),
    (Value("y_hat", unit=1), "forward layer 2", H["y_hat"]),
    (Value("loss"), "loss", H["E"]),
    (Value("batch_loss"), "loss", H["E"]),
    (Value("delta", 2, 1), "backward layer 2", H["delta2"]),
    (Value("delta", 1, 2), "backward layer 1", H["delta1_2"]),
    (Value("grad", param="w_21^(2)"), "backward layer 2", H["v_out1_2"] * H["delta2"]),
    (Value("grad", param="w_12^(1)"), "backward layer 1", X[0] * H["delta1_2"]),
    (Value("grad", param="w_31^(1)"), "backward layer 1", X[2] * H["delta1_1"]),
    (Value("param", param="w_31^(1)"), "backward layer 1", W01[2][0]),
    (Value("update", param="w_11^(2)"), "update", -ETA * H["v_out1_1"] * H["delta2"]),
    (Value("after", param="w_22^(1)"), "update", W01[1][1] - ETA * X[1] * H["delta1_2"]),
])
def test_network_values_are_the_hand_worked_numbers(spec, phase, expected):
    assert value(spec, at(phase)) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_settings_apply_before_the_phases_of_the_state():
    # eta = 2 instead of 0.5: the update of the step in view uses the lesson's learning rate
    session = at("update", settings={"optimizer": {"learning_rate": 2.0}})
    assert value(Value("update", param="w_11^(2)"), session) == pytest.approx(-2.0 * H["v_out1_1"] * H["delta2"])


def test_values_that_do_not_exist_yet_or_at_all_are_named():
    with pytest.raises(InputError, match="no training step has started") as e:
        value(Value("v_in", 1, 1), at())
    with pytest.raises(InputError, match="sample 2 does not exist: the batch has 1 sample") as e:
        value(Value("loss", sample=2), at("loss"))
    assert e.value.where == "value.sample"
    with pytest.raises(InputError, match="layer 3 does not exist: the network has layers 0 to 2"):
        value(Value("v_out", 3, 1), at("loss"))
    with pytest.raises(InputError, match="b_1\\^\\(1\\) does not exist: layer 1 has no biases"):
        value(Value("grad", param="b_1^(1)"), at("update"))


def test_settings_on_a_step_in_progress_keep_its_position():
    state = build_state(lesson({"project": "example:article_3_2_1", "after_phase": "backward layer 2"}), 0)
    apply_settings(state, Settings({"optimizer": {"learning_rate": 0.1}}))
    session = state.session
    assert session.pending.phases_done == 4 and session.config.eta == 0.1
    assert value(Value("delta", 2, 1), session) == pytest.approx(H["delta2"])


def test_a_step_without_a_state_keeps_the_previous_one():
    built = [(i, s.session.pending.phases_done if s.session.pending else 0, s.function1d is not None)
             for i, s in states(load_lesson(GOOD))]
    assert built == [(0, 1, False), (1, 1, False), (2, 1, True)]
    assert build_state(load_lesson(GOOD), 1).session.pending.phases_done == 1


# -- the function views --------------------------------------------------------------------------
def function1d(fn: object = "parabola", start: float = 2.0, eta: float = 0.1, t: int = 0, **more):
    spec = {"function": fn, "start": [start], "optimizer": "sgd", "hyper": {"learning_rate": eta}, "t": t}
    return build_state(lesson({"function1d": spec | more}), 0).function1d


@pytest.mark.parametrize("eta,t", [(0.1, 1), (0.1, 3), (0.4, 2), (0.75, 4)])
def test_descent_on_x_squared_is_the_closed_form(eta, t):
    # x_{t+1} = x_t - eta 2 x_t  =>  x_t = x_0 (1 - 2 eta)^t
    view = function1d(eta=eta)
    x_t = 2.0 * (1 - 2 * eta) ** t
    assert value(Value("x", view="function1d", t=t), function1d=view) == pytest.approx(x_t, rel=1e-12)
    assert value(Value("f", view="function1d", t=t), function1d=view) == pytest.approx(x_t ** 2, rel=1e-12)
    assert value(Value("gradient", view="function1d", t=t), function1d=view) == pytest.approx(2 * x_t, rel=1e-12)


def test_a_typed_expression_and_the_views_own_t():
    # f = x^2 - 2x: x_1 = x_0 - eta (2 x_0 - 2)
    view = function1d({"expression": "x^2 - 2*x"}, start=3.0, eta=0.25, t=1)
    assert value(Value("x", view="function1d"), function1d=view) == pytest.approx(3.0 - 0.25 * 4.0)


def test_the_quartics_gradient_is_its_finite_difference():
    view = function1d("quartic", start=1.7, eta=0.01, t=2)
    x = value(Value("x", view="function1d"), function1d=view)

    def f(z: float) -> float:
        return z ** 4 - 3 * z ** 2 + z
    h = 1e-6
    assert value(Value("gradient", view="function1d"), function1d=view) == pytest.approx(
        (f(x + h) - f(x - h)) / (2 * h), rel=1e-6)


def test_race_runs_are_numbered_from_one():
    spec = {"function": "round_bowl", "steps": 5,
            "runs": [{"start": [1.0, -2.0], "optimizer": "sgd", "hyper": {"learning_rate": 0.1}},
                     {"start": [-1.0, 1.0], "optimizer": "sgd", "hyper": {"learning_rate": 0.25}}]}
    view = build_state(lesson({"function2d": spec}), 0).function2d
    # f = x^2 + y^2: each coordinate shrinks by (1 - 2 eta) per step
    assert value(Value("x", view="function2d", coordinate=2), function2d=view) == pytest.approx(-2.0 * 0.8 ** 5)
    assert value(Value("x", view="function2d", run=2, t=1), function2d=view) == pytest.approx(-0.5)
    with pytest.raises(InputError, match="run 3 does not exist"):
        value(Value("f", view="function2d", run=3), function2d=view)


def test_a_settings_overlay_changes_only_its_keys():
    state = build_state(load_lesson(GOOD), 2)
    assert state.function1d.hyper == {"learning_rate": 0.25} and state.function1d.start == (2.0,)
    apply_settings(state, Settings(function1d={"t": 3}))
    assert state.function1d.t == 3 and state.function1d.hyper == {"learning_rate": 0.25}
    with pytest.raises(InputError) as e:
        apply_settings(state, Settings(function1d={"hyper": {"learning_rate": -1}}))
    assert e.value.where == "settings.function1d.hyper.learning_rate"


# -- conditions ----------------------------------------------------------------------------------
def test_reached_compares_training_positions():
    cond = Condition("reached", (0, "backward layer 1"))
    session = at("forward layer 1")
    seen = []
    for _ in range(6):
        seen.append(condition_met(cond, Live(session)))
        session.step_phase()
    assert seen == [False, False, False, False, True, True]   # after backward layer 1, then after update
    assert condition_met(Condition("reached", (1, None)), Live(session))
    assert not condition_met(Condition("reached", (0, "backward layer 9")), Live(session))


def test_training_conditions():
    session = at(step=3)
    assert condition_met(Condition("steps_at_least", 3), Live(session))
    assert not condition_met(Condition("steps_at_least", 4), Live(session))
    latest = session.losses[-1]
    assert condition_met(Condition("loss_below", latest + 1e-9), Live(session))
    assert not condition_met(Condition("loss_below", latest), Live(session))
    assert condition_met(Condition("diverged", False), Live(session))
    assert not condition_met(Condition("steps_at_least", 0), Live(None))


def test_diverged_after_a_learning_rate_too_large():
    state = build_state(lesson({"project": "start:regression_1d"},
                               {"optimizer": {"name": "sgd", "learning_rate": 50}}), 0)
    session = state.session
    assert not condition_met(Condition("diverged", True), Live(session))
    session.run(steps=300)
    assert condition_met(Condition("diverged", True), Live(session))


def test_function_view_conditions_and_all():
    # eta = 1.5 on x^2: x_t = 2 (-2)^t leaves the limit 1e10 after 33 steps: diverged
    wild = path_1d(function1d(eta=1.5), 200)
    calm = path_1d(function1d(eta=0.1), 200)
    assert wild.reason == "diverged" and calm.reason != "diverged"
    both = Condition("all", parts=(Condition("function1d.diverged", True), Condition("function1d.t_at_least", 5)))
    assert condition_met(both, Live(function1d_t=5, function1d_path=wild))
    assert not condition_met(both, Live(function1d_t=4, function1d_path=wild))
    assert not condition_met(both, Live(function1d_t=9, function1d_path=calm))
    assert condition_met(Condition("function2d.runs_at_least", 3), Live(function2d_runs=3))
    assert not condition_met(Condition("function2d.runs_at_least", 3), Live(function2d_runs=2))


# -- the answer rule and the article's names -------------------------------------------------------
def test_answers_are_checked_by_the_exercise_rule():
    assert answer_ok("-0.05", H["v_in1_1"]) and answer_ok(" −0.0500 ", H["v_in1_1"])
    assert answer_ok("0.1974", 0.19737532) and not answer_ok("0.19", 0.19737532)
    assert not answer_ok("0", 2.5e-4)          # a small gradient is not 0
    with pytest.raises(ValueError, match="is not a number"):
        answer_ok("about 5", 5.0)


@pytest.mark.parametrize("text,expected", [
    ("w_12^(1)", (0, 0, 1, False)), ("w_21^(2)", (1, 1, 0, False)), ("b_2^(1)", (0, 0, 1, True)),
    ("w_3,12^(2)", (1, 2, 11, False)), ("w_{12}^{(1)}", (0, 0, 1, False)), ("b_10^(3)", (2, 0, 9, True)),
])
def test_parse_param_name_reads_the_articles_names(text, expected):
    assert parse_param_name(text) == expected


@pytest.mark.parametrize("text", ["w_123^(1)", "w_1^(1)", "w_01^(1)", "w_12^(0)", "b_1,2^(1)", "W0[0,1]",
                                  "w_12", "v_12^(1)", ""])
def test_parse_param_name_refuses_what_is_not_a_name(text):
    assert parse_param_name(text) is None


def test_parse_param_name_inverts_param_name():
    for k in range(3):
        for i in range(12):
            for j in range(12):
                assert parse_param_name(param_name(k, i, j, False)) == (k, i, j, False)
            assert parse_param_name(param_name(k, 0, i, True)) == (k, 0, i, True)
