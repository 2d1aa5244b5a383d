"""The kinds of question (choose, predict, reach, order) and known mistakes, against hand values.

The network is the article's 3-2-1 example worked by hand (tests/core/test_lessons_values.py's
``H``: δ^(2) = (ŷ − y) ŷ (1 − ŷ) ≈ −0.1104, so its sign is "−"); the function views are gradient
descent on x² and x² + 10 y², whose steps are closed forms.  Nothing is compared with the
engine's own output: every expected answer is computed here.
"""
from __future__ import annotations

import math

import pytest

from backprop_studio.core.lessons import build_state, lesson_from_dict
from backprop_studio.core.lessons.mistakes import NotHere
from backprop_studio.core.lessons.model import Mistake
from backprop_studio.core.lessons.question_check import question_problems
from backprop_studio.core.lessons.question_kinds import (
    apply_then,
    judge,
    options,
    resolved,
    right_answer,
    shuffled,
    wrong_answer,
)
from backprop_studio.core.lessons.reach import chosen, solutions
from tests.core.test_lessons_values import ETA, H, X, Y

ARTICLE = "example:article_3_2_1"


def one(question: dict, state: dict, settings: dict | None = None, projects: dict | None = None):
    """(the question, its step's built state) of a one-step lesson."""
    step = {"title": "t", "text": "x", "state": state, "task": {"question": {"prompt": "?"} | question}}
    if settings:
        step["settings"] = settings
    doc = {"format": "backprop-studio-lesson", "version": 1, "id": "t", "title": "t", "summary": "s",
           "sections": ["Example"], "steps": [step]} | ({"projects": projects} if projects else {})
    lesson = lesson_from_dict(doc)
    return lesson.steps[0].task, build_state(lesson, 0)


def article(phase: str) -> dict:
    return {"project": ARTICLE, "after_phase": phase}


def parabola(start: float = 2.0, eta: float = 0.1, t: int = 0) -> dict:
    return {"function1d": {"function": "parabola", "start": [start], "hyper": {"learning_rate": eta}, "t": t}}


def bowl(start: tuple[float, float], eta: float = 0.01) -> dict:
    return {"function2d": {"function": {"expression": "x^2 + 10*y^2"}, "steps": 5,
                           "runs": [{"start": list(start), "hyper": {"learning_rate": eta}}]}}


DELTA2 = {"kind": "delta", "layer": 2, "unit": 1}


# -- choose ------------------------------------------------------------------------------------
@pytest.mark.parametrize("spec,phase,expected", [
    (DELTA2, "backward layer 2", "-" if H["delta2"] < 0 else "+"),
    ({"kind": "delta", "layer": 1, "unit": 2}, "backward layer 1", "+" if H["delta1_2"] > 0 else "-"),
    ({"kind": "v_in", "layer": 1, "unit": 2}, "forward layer 1", "+"),             # 0.55
])
def test_the_sign_is_the_hand_worked_values(spec, phase, expected):
    q, st = one({"kind": "choose", "choose": "sign", "value": spec}, article(phase))
    assert H["delta2"] == pytest.approx(-0.1104, abs=5e-5)               # the article's lesson 7
    assert right_answer(q, st) == expected
    assert [o.key for o in options(q, st)] == ["+", "-", "0"]


def test_which_weight_changes_most():
    updates = [{"kind": "update", "param": "w_11^(2)"}, {"kind": "update", "param": "w_21^(2)"}]
    by_hand = [abs(-ETA * H["v_out1_1"] * H["delta2"]), abs(-ETA * H["v_out1_2"] * H["delta2"])]
    q, st = one({"kind": "choose", "choose": "largest", "values": updates}, article("update"))
    assert right_answer(q, st) == str(by_hand.index(max(by_hand)) + 1) == "2"
    assert [o.label for o in options(q, st)] == ["Δw_11^(2)", "Δw_21^(2)"]
    q, st = one({"kind": "choose", "choose": "smallest", "values": updates}, article("update"))
    assert right_answer(q, st) == "1"
    grads = [{"kind": "grad", "param": "w_11^(2)"}, {"kind": "grad", "param": "w_21^(2)"}]   # both < 0
    q, st = one({"kind": "choose", "choose": "largest", "values": grads, "by": "value"}, article("update"))
    assert right_answer(q, st) == "1"                  # −0.0538 > −0.0700, though |−0.0700| is larger


@pytest.mark.parametrize("start,eta,expected", [(2.0, 0.1, "left"), (-2.0, 0.1, "right"),
                                                 (2.0, 1.5, "left"), (0.0, 0.1, "stays")])
def test_which_way_x_moves_on_the_parabola(start, eta, expected):
    # x_1 = x_0 − η 2 x_0: left of a positive start whatever η, right of a negative one
    q, st = one({"kind": "choose", "choose": "direction", "view": "function1d"}, parabola(start, eta))
    assert right_answer(q, st) == expected


@pytest.mark.parametrize("start,expected", [((1.0, 1.0), "down"), ((1.0, 0.1), "down-left"),
                                            ((-1.0, 0.01), "right"), ((-1.0, -0.1), "up-right")])
def test_which_way_x_moves_on_the_2d_plot(start, expected):
    # the step is −η ∇f = −0.01 (2x, 20y): its angle picks one of eight directions
    q, st = one({"kind": "choose", "choose": "direction", "view": "function2d", "t": 0}, bowl(start))
    assert right_answer(q, st) == expected
    assert question_problems(q, st, "q") == []


def test_a_step_on_the_border_of_two_directions_is_refused():
    # the step (−0.02, −20·0.01·y): at y = 0.1·tan(22.5°) it points at −157.5°, between left and down-left
    y = 0.1 * math.tan(math.radians(22.5))
    q, st = one({"kind": "choose", "choose": "direction", "view": "function2d", "t": 0}, bowl((1.0, y)))
    problems = question_problems(q, st, "q")
    assert len(problems) == 1 and problems[0].startswith("q.t: the step points at -158°, between two")


def test_a_tie_for_the_largest_is_refused():
    # one sample: its loss E and the batch's loss are one number
    q, st = one({"kind": "choose", "choose": "largest", "values": [{"kind": "loss"}, {"kind": "batch_loss"}]},
                article("loss"))
    assert question_problems(q, st, "q") == [
        f"q.values: two values tie for the largest ({0.5 * (Y - H['y_hat']) ** 2:.6g}): the choice has no one "
        "right option"]


# -- predict -----------------------------------------------------------------------------------
def test_a_predicted_point_is_judged_after_the_step():
    # parabola from 2 with η = 0.25: x_1 = 2 − 0.25·4 = 1; the plot is 6 wide, a click within 0.3 is right
    q, st = one({"kind": "predict", "predict": "point", "view": "function1d"}, parabola(2.0, 0.25))
    q = resolved(q, st)
    apply_then(q, st)
    assert st.function1d.t == 1
    assert right_answer(q, st) == (1.0,)
    assert judge(q, (1.25,), st).right and not judge(q, (1.4,), st).right


def test_a_predicted_number_after_step_phase():
    # after the loss, Step Phase computes δ^(2); the prediction is judged on it
    q, st = one({"kind": "predict", "predict": "number", "value": DELTA2, "then": "actionStepPhase"}, article("loss"))
    assert question_problems(q, st, "q") == []          # (does the action in st)
    assert right_answer(q, st) == pytest.approx(H["delta2"])
    assert judge(q, H["delta2"] * 1.004, st).right


def test_a_predicted_number_without_its_action_is_not_computed_yet():
    q, st = one({"kind": "predict", "predict": "number", "value": DELTA2}, article("loss"))
    assert question_problems(q, st, "q") == [
        "q.value: delta is not computed yet at this position (after the phase loss of step 1)"]


# -- order -------------------------------------------------------------------------------------
PHASES = ("forward layer 1", "forward layer 2", "loss", "backward layer 2", "backward layer 1", "update")


def test_the_phases_in_order_and_shuffled():
    q, st = one({"kind": "order", "order": "phases"}, article("loss"))
    assert right_answer(q, st) == PHASES
    mixed = shuffled(st, "lesson/3")
    assert sorted(mixed) == sorted(PHASES) and mixed != PHASES
    assert shuffled(st, "lesson/3") == mixed                 # seeded: the same every time
    assert judge(q, PHASES, st).right and not judge(q, mixed, st).right


def test_order_mistakes():
    q, st = one({"kind": "order", "order": "phases", "mistakes": [
        {"rule": "backward_ascending", "feedback": "The error flows from the output."},
        {"rule": "update_before_backward", "feedback": "Every gradient first."}]}, article("loss"))
    ascending = PHASES[:3] + ("backward layer 1", "backward layer 2", "update")
    early = PHASES[:3] + ("update", "backward layer 2", "backward layer 1")
    assert judge(q, ascending, st).mistake == Mistake("backward_ascending", "The error flows from the output.")
    assert judge(q, early, st).mistake.rule == "update_before_backward"
    assert judge(q, tuple(reversed(PHASES)), st).mistake is None


# -- reach -------------------------------------------------------------------------------------
def test_reach_a_learning_rate_that_converges_within_10_steps():
    # x_t = (1 − 2η)^t 2 on x²: |f'(x_10)| = 4 |1 − 2η|^10 <= 1e-3  <=>  |1 − 2η| <= (2.5e-4)^(1/10)
    bound = (1e-3 / 4) ** 0.1
    q, st = one({"kind": "reach", "control": "function1dLearningRate",
                 "until": {"function1d": {"converges_within": 10}}}, parabola(2.0, 0.05))
    found = solutions(q, st)
    assert found == [0.3, 0.4, 0.5, 0.6, 0.7]
    assert all(abs(1 - 2 * eta) <= bound for eta in found) and abs(1 - 2 * 0.25) > bound
    assert chosen(found) == 0.5
    assert question_problems(q, st, "q") == []


def test_reach_a_batch_size_so_an_epoch_is_8_steps():
    doc = {"format": "backprop-studio", "version": 1,
           "network": {"layers": [{"units": 1}, {"units": 1, "activation": "identity"}]},
           "loss": "half_sse", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "training": {"batch_size": 1, "shuffle": False, "seed": 0},
           "dataset": {"inputs": [[float(i)] for i in range(15)], "targets": [[0.0]] * 15}}
    q, st = one({"kind": "reach", "control": "batchSize", "until": {"epoch_steps": 8}},
                {"project": "embedded:p"}, projects={"p": doc})
    assert solutions(q, st) == [b for b in range(1, 16) if math.ceil(15 / b) == 8] == [2]
    q, st = one({"kind": "reach", "control": "batchSize", "until": {"epoch_steps": 15}},
                {"project": "embedded:p"}, projects={"p": doc})
    assert question_problems(q, st, "q") == ["q.until: the condition holds already in the step's state: the "
                                             "learner would have nothing to do"]


# -- mistakes ----------------------------------------------------------------------------------
def _wrong(rule: str, spec: dict, phase: str) -> float:
    q, st = one({"value": spec}, article(phase))
    return wrong_answer(q, rule, st)


def test_the_wrong_numbers_of_known_mistakes_are_the_hand_worked_slips():
    y_hat, v_in2 = H["y_hat"], H["v_in2"]
    grad = {"kind": "grad", "param": "w_21^(1)"}
    assert _wrong("sign", DELTA2, "backward layer 2") == pytest.approx(-H["delta2"])
    assert _wrong("no_fprime", DELTA2, "backward layer 2") == pytest.approx(y_hat - Y)
    assert _wrong("no_half", DELTA2, "backward layer 2") == pytest.approx(2 * H["delta2"])
    assert _wrong("fprime_from_v_in", DELTA2, "backward layer 2") == pytest.approx((y_hat - Y) * v_in2 * (1 - v_in2))
    assert _wrong("transpose", grad, "backward layer 1") == pytest.approx(X[0] * H["delta1_2"])    # ∂E/∂w_12
    assert _wrong("no_fprime", grad, "backward layer 1") == pytest.approx(X[1] * H["delta1_1"] / H["fprime1_1"])
    update = {"kind": "update", "param": "w_11^(2)"}
    assert _wrong("no_eta", update, "update") == pytest.approx(-H["v_out1_1"] * H["delta2"])
    after = {"kind": "after", "param": "w_21^(2)"}
    assert _wrong("no_eta", after, "update") == pytest.approx(-0.2 - H["v_out1_2"] * H["delta2"])
    assert _wrong("sign", after, "update") == pytest.approx(-0.2 + ETA * H["v_out1_2"] * H["delta2"])


def test_function_view_slips():
    # parabola from 2, η = 0.1: x_1 = 1.6; uphill 2.4; without η 2 − 4 = −2
    q, st = one({"value": {"kind": "x", "view": "function1d", "t": 1}}, parabola(2.0, 0.1))
    assert wrong_answer(q, "sign", st) == pytest.approx(2.4)
    assert wrong_answer(q, "no_eta", st) == pytest.approx(-2.0)


def test_a_wrong_answer_that_makes_a_known_mistake_gets_its_feedback():
    q, st = one({"value": DELTA2, "mistakes": [{"rule": "sign", "feedback": "E = ½(y − ŷ)²: δ = (ŷ − y) f′."},
                                               {"rule": "no_fprime", "feedback": "Times f′(v_in)."}]},
                article("backward layer 2"))
    assert judge(q, -H["delta2"], st).mistake.rule == "sign"
    assert judge(q, round(H["y_hat"] - Y, 4), st).mistake.rule == "no_fprime"   # typed ŷ − y = −0.4466
    verdict = judge(q, 0.3, st)
    assert not verdict.right and verdict.mistake is None
    assert judge(q, H["delta2"], st).right


def test_a_sign_choice_with_the_sign_mistake():
    q, st = one({"kind": "choose", "choose": "sign", "value": DELTA2,
                 "mistakes": [{"rule": "sign", "feedback": "E = ½(y − ŷ)²."}]}, article("backward layer 2"))
    assert judge(q, "+", st).mistake.rule == "sign"
    assert judge(q, "0", st).mistake is None


def test_a_mistake_that_does_not_apply_here_is_a_problem_of_the_lesson():
    q, st = one({"value": {"kind": "v_in", "layer": 1, "unit": 1},
                 "mistakes": [{"rule": "no_bias", "feedback": "Add b."}]}, article("forward layer 1"))
    assert question_problems(q, st, "q") == [
        "q.mistakes[0].rule: no_bias (v_in without the bias b_j) gives no wrong answer here: layer 1 has no biases"]
    q, st = one({"value": {"kind": "update", "param": "w_11^(2)"}, "mistakes": [{"rule": "no_eta", "feedback": "η"}]},
                article("update"), settings={"optimizer": {"momentum": 0.9}})
    with pytest.raises(NotHere, match="with momentum the step is not"):
        wrong_answer(q, "no_eta", st)


def test_a_mistake_that_gives_the_right_answer_is_a_problem_of_the_lesson():
    # x_0 = 0: the step uphill from 0 is still 0
    q, st = one({"value": {"kind": "gradient", "view": "function1d", "t": 0},
                 "mistakes": [{"rule": "sign", "feedback": "Downhill."}]}, parabola(0.0))
    assert question_problems(q, st, "q") == [
        "q.mistakes[0].rule: sign gives the right answer here, so its feedback would never be shown"]
