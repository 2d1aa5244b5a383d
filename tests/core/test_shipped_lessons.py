"""The eight shipped lessons (resources/lessons/): they exist, they cover the article, and every
number their prose states (that is not a question, whose answer the engine computes) is true.

Each claim is recomputed here headlessly: by hand (scalar arithmetic) for the article's example,
with :func:`core.surfaces.descent.descend` for the function views, and by training the lesson's
own embedded projects with the engine for lesson 8.  When a lesson's text changes a number,
change it here too: the test names the lesson and the claim.
"""
from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.files.project_file import load, loads
from backprop_studio.core.surfaces.descent import descend
from backprop_studio.core.surfaces.functions import OBJECTIVES

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "resources" / "lessons"
EXAMPLES = ROOT / "resources" / "examples"
RACE_TOLERANCE = 1e-6     # gui/plots/race.py's TOLERANCE: when the race table says "converged"


def lessons() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(LESSONS.glob("*.json"))}


def lesson(prefix: str) -> dict:
    (name,) = [n for n in lessons() if n.startswith(prefix)]
    return lessons()[name]


def english(text: str | dict) -> str:
    """A text as the file writes it, in English: a string, or the "en" of a text per language."""
    return text["en"] if isinstance(text, dict) else text


def text_of(obj: dict, language: str | None = None) -> str:
    """Every piece of prose in a lesson (prompts and the feedback on mistakes too), joined (to
    check that a claim is still stated): the English, or with ``language`` that language's text
    of every field written in it."""
    def pick(text: str | dict) -> str:
        return text.get(language, "") if isinstance(text, dict) and language else english(text)

    parts = [pick(obj["title"]), pick(obj["summary"])]
    for step in obj["steps"]:
        parts += [pick(step["title"]), pick(step["text"]), pick(step.get("explanation", ""))]
        parts += [pick(h) for h in step.get("hints", [])]
        question = step.get("task", {}).get("question", {})
        parts += [pick(question.get("prompt", ""))] + [pick(m["feedback"]) for m in question.get("mistakes", [])]
    return "\n".join(parts)


def embedded(obj: dict, name: str):
    return loads(json.dumps(obj["projects"][name]))


def path(function: str, start, lr: float, steps: int = 300, optimizer: str = "sgd", tolerance=0.0, **hyper):
    return descend(OBJECTIVES[function], optimizer, {"learning_rate": lr, **hyper}, start, steps,
                   tolerance=tolerance)


# -- the set of lessons ------------------------------------------------------------------------
def test_twelve_lessons_in_order_with_unique_ids():
    names = list(lessons())
    assert [n[:3] for n in names] == [f"{i:02d}-" for i in range(1, 13)]
    ids = [obj["id"] for obj in lessons().values()]
    assert len(set(ids)) == 12
    for obj in lessons().values():
        assert obj["format"] == "backprop-studio-lesson" and obj["version"] == 1
        assert 5 <= len(obj["steps"]) <= 12, obj["id"]


# the article's sections each lesson of issue 16 must cover
COVERS = {
    "01": {"Univariate case"},
    "02": {"Multivariate case"},
    "03": {"Multivariate case"},            # where the article defines the learning rate
    "04": {"Gradient descent in neural networks"},
    "05": {"Backpropagation"},
    "06": {"Example", "Forward pass"},
    "07": {"Backpropagation", "Example"},
    "08": {"Backpropagation"},
    "09": {"Gradient descent in neural networks"},       # issue 27 §5: loss over data, mini-batches
    "10": {"Backpropagation"},                           # issue 27 §5: BP1-BP4
    "11": {"Backpropagation"},                           # issue 27 §5: checking a gradient by hand
    "12": {"Multivariate case"},                         # issue 27 §5: momentum per direction
}


@pytest.mark.parametrize("prefix", sorted(COVERS))
def test_each_lesson_covers_its_article_sections(prefix):
    assert COVERS[prefix] <= set(lesson(prefix)["sections"])


def test_the_sections_are_the_articles_headings():
    article = (ROOT.parent.parent / "shared" / "reference" / "gradient-descent-and-backpropagation.md")
    if not article.exists():
        article = Path("/work/shared/reference/gradient-descent-and-backpropagation.md")
    headings = {line.lstrip("#").strip() for line in article.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")}
    for obj in lessons().values():
        assert set(obj["sections"]) <= headings, obj["id"]


QUESTION_KEYS = {"kind", "value", "values", "prompt", "mistakes", "choose", "by", "view", "t", "run", "tolerance",
                 "predict", "then", "control", "until", "order"}


def test_questions_have_hints_and_explanations_and_no_stored_answers():
    for obj in lessons().values():
        for i, step in enumerate(obj["steps"]):
            if "question" in step.get("task", {}):
                assert step.get("hints") and step.get("explanation"), (obj["id"], i)
                assert "state" in step, (obj["id"], i)
                question = step["task"]["question"]   # what is asked, never its answer
                assert set(question) <= QUESTION_KEYS and "prompt" in question, (obj["id"], i)


def test_the_lessons_ask_every_kind_of_question_and_keep_the_teaching_rules():
    """Issue 27 §2: the rules a test can check (lessons check --rules: the share of plain
    arithmetic, a concept question per lesson, hints that lead, known mistakes); and every kind of
    question is asked somewhere, so the learner test (tests/gui/test_lessons_complete.py) answers
    each kind."""
    from backprop_studio.core.lessons import check_lessons
    assert check_lessons([LESSONS], rules=True) == []          # None: no object names to check here
    kinds = {step["task"]["question"].get("kind", "number") for obj in lessons().values()
             for step in obj["steps"] if "question" in step.get("task", {})}
    assert kinds == {"number", "choose", "predict", "reach", "order"}
    for obj in lessons().values():
        asked = [step["task"]["question"] for step in obj["steps"] if "question" in step.get("task", {})]
        numbers = [q for q in asked if q.get("kind", "number") == "number"]
        assert 3 * len(numbers) <= len(asked), obj["id"]                 # at most a third arithmetic
        assert any(q.get("kind") in ("choose", "predict", "order") for q in asked), obj["id"]


# -- lesson 1: the quartic f = x^4 - 3x^2 + x from x_0 = 2 --------------------------------------
def quartic(x: float) -> float:
    return x ** 4 - 3 * x ** 2 + x


def test_lesson1_tangent_prediction_and_minima():
    text = text_of(lesson("01"))
    # f(2) = 6, f'(2) = 21, tangent's prediction 6 + (-1.05)(21) = -16.05
    assert quartic(2.0) == 6.0 and 4 * 8 - 12 + 1 == 21
    assert math.isclose(6 + (-1.05) * 21, -16.05)
    assert "-16.05" in text and "-0.943" in text
    assert round(quartic(0.95), 3) == -0.943                            # "the truth: f(0.95) ≈ -0.943"
    assert math.isclose(4 * 0.95 ** 3, 3.4295) and 0.95 ** 3 == pytest.approx(0.857375)
    assert math.isclose(4 * 0.95 ** 3 - 6 * 0.95 + 1, -1.2705) and "-1.2705" in text   # f'(x_1), worked out
    p = path("quartic", [2.0], 0.05, 400)
    assert p.points[-1, 0] == pytest.approx(1.1309, abs=1e-4)          # "settles at x ≈ 1.1309"
    assert abs(p.gradients[-1, 0]) < 1e-6


def test_lesson1_too_small_too_large_diverging():
    slow = path("quartic", [2.0], 0.001, 20)
    assert slow.points[20, 0] == pytest.approx(1.70, abs=0.005)        # "only crept ... to about 1.70"
    jump = path("quartic", [2.0], 0.1, 400)
    assert jump.points[1, 0] == pytest.approx(-0.1)
    assert jump.points[-1, 0] == pytest.approx(-1.3008, abs=1e-4)      # "settles at x ≈ -1.3008"
    wild = path("quartic", [2.0], 0.2, 40)
    assert wild.points[1, 0] == pytest.approx(-2.2)                    # "overshoots to x_1 = -2.2"
    assert wild.reason == "diverged" and wild.diverged_at == 4         # "by step 4"
    assert abs(wild.points[4, 0]) > 1000                               # "thousands of units away"


# -- lesson 2: Himmelblau -----------------------------------------------------------------------
def test_lesson2_two_starts_reach_two_minima():
    a = path("himmelblau", [-1.0, 0.0], 0.01, 300, tolerance=RACE_TOLERANCE)
    b = path("himmelblau", [1.0, 0.0], 0.01, 300, tolerance=RACE_TOLERANCE)
    assert a.reason == b.reason == "converged"
    assert a.end == pytest.approx([-2.805, 3.131], abs=1e-3)
    assert b.end == pytest.approx([3.0, 2.0], abs=1e-4)
    # "from (-1, 0), where df/dx_1 = +24 pushes left"; gradient at the origin (-14, -22)
    assert a.gradients[0] == pytest.approx([24.0, -20.0])
    o = path("himmelblau", [0.0, 0.0], 0.01, 1)
    assert o.gradients[0] == pytest.approx([-14.0, -22.0])
    assert o.points[1] == pytest.approx([0.14, 0.22])
    assert path("himmelblau", [1.0, 0.0], 0.01, 1).gradients[0] == pytest.approx([-52.0, -20.0])   # "-40 - 12 = -52"


# -- lesson 3: the learning rate -----------------------------------------------------------------
def test_lesson3_the_bowl_x_squared():
    assert path("parabola", [2.5], 0.1, 20).points[20, 0] == pytest.approx(0.029, abs=5e-4)
    bounce = path("parabola", [2.5], 1.0, 50)
    assert bounce.reason == "steps" and set(np.abs(bounce.points[:, 0])) == {2.5}
    fast = path("parabola", [2.5], 1.5, 40)
    assert fast.reason == "diverged" and fast.diverged_at == 16          # "divergence at step 16"
    for eta in (0.3, 0.7, 0.99):                                         # converge below 1 ...
        assert abs(path("parabola", [2.5], eta, 3000).points[-1, 0]) < 1e-6
    assert path("parabola", [2.5], 1.05, 1000).reason == "diverged"     # ... diverge above


def test_lesson3_the_elongated_bowl_and_the_race():
    start = [-2.5, 1.0]
    stable = path("elongated_bowl", start, 0.09, 300, tolerance=RACE_TOLERANCE)
    assert stable.reason == "converged" and 75 <= stable.steps <= 85    # "about 80 steps"
    assert path("elongated_bowl", start, 0.11, 300).reason == "diverged"
    sgd = path("elongated_bowl", start, 0.01, 300, tolerance=RACE_TOLERANCE)
    assert sgd.losses[100] == pytest.approx(0.11, abs=0.005)           # "f ≈ 0.11 after 100 steps"
    assert sgd.points[100, 0] == pytest.approx(-0.33, abs=0.005)
    assert sgd.reason == "steps"                                        # not converged in 300
    mom = path("elongated_bowl", start, 0.01, 300, momentum=0.9)
    adam = path("elongated_bowl", start, 0.1, 300, optimizer="adam")
    assert 1e-4 < mom.losses[100] < 3e-4                                # "near 2e-4"
    assert 5e-5 < adam.losses[100] < 2e-4                               # "near 1e-4"
    for run in (mom, adam):                                             # "both reach the minimum within 300"
        assert descend(OBJECTIVES["elongated_bowl"], run.optimizer, run.hyper, start, 300,
                       RACE_TOLERANCE).reason == "converged"


# -- lessons 4, 6, 7: the article's example, by hand -----------------------------------------------
def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def article_by_hand() -> dict[str, float]:
    x, w01, w12, y, eta = [1.0, 0.5, -0.5], [[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]], [0.7, -0.2], 1.0, 0.5
    h = {"vin1": [sum(w01[i][j] * x[i] for i in range(3)) for j in range(2)]}
    h["vout1"] = [sigmoid(v) for v in h["vin1"]]
    h["vin2"] = w12[0] * h["vout1"][0] + w12[1] * h["vout1"][1]
    h["yhat"] = sigmoid(h["vin2"])
    h["E"] = 0.5 * (y - h["yhat"]) ** 2
    h["fp2"] = h["yhat"] * (1 - h["yhat"])
    h["d2"] = (h["yhat"] - y) * h["fp2"]
    h["fp1"] = [v * (1 - v) for v in h["vout1"]]
    h["d1"] = [w12[j] * h["d2"] * h["fp1"][j] for j in range(2)]
    h["g2"] = [h["vout1"][i] * h["d2"] for i in range(2)]
    w01n = [[w01[i][j] - eta * x[i] * h["d1"][j] for j in range(2)] for i in range(3)]
    w12n = [w12[i] - eta * h["g2"][i] for i in range(2)]
    vout = [sigmoid(sum(w01n[i][j] * x[i] for i in range(3))) for j in range(2)]
    h["E_after"] = 0.5 * (y - sigmoid(w12n[0] * vout[0] + w12n[1] * vout[1])) ** 2
    return h


def test_the_article_project_is_the_one_the_lessons_describe():
    p = json.loads((EXAMPLES / "article_3_2_1.json").read_text())
    assert p["network"]["weights"] == [[[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]], [[0.7], [-0.2]]]
    assert p["dataset"] == {"inputs": [[1.0, 0.5, -0.5]], "targets": [[1.0]]}
    assert p["optimizer"]["learning_rate"] == 0.5


def test_lessons_4_6_7_numbers_in_the_prose():
    h = article_by_hand()
    r4 = lambda v, n=4: round(v, n)  # noqa: E731 - the rounding the prose uses
    assert r4(h["yhat"]) == 0.5534 and r4(1 - h["yhat"]) == 0.4466
    assert r4(h["fp2"]) == 0.2471 and r4(h["vout1"][0]) == 0.4875 and r4(h["vout1"][1]) == 0.6341
    assert r4(h["d2"]) == -0.1104 and r4(h["g2"][0], 5) == -0.05381 and r4(h["g2"][1], 5) == -0.06999
    assert r4(h["fp1"][0]) == 0.2498 and r4(h["fp1"][1]) == 0.2320
    assert r4(h["d1"][0], 5) == -0.0193 and r4(h["vin2"]) == 0.2144
    assert r4(math.exp(0.05)) == 1.0513 and r4(math.exp(-0.55)) == 0.5769 and r4(math.exp(-0.2144)) == 0.8070
    assert r4(0.7 * h["vout1"][0]) == 0.3413 and r4(0.2 * h["vout1"][1]) == 0.1268
    assert r4(-0.5 * h["g2"][0]) == 0.0269 and r4(-0.5 * h["g2"][1]) == 0.0350
    assert round(h["d1"][1], 6) == 0.005122 and round(0.5 * h["d1"][0], 6) == -0.009652   # lesson 7's worked answers
    assert r4(-0.2 - 0.5 * h["g2"][1]) == -0.1650 and r4(-0.5 * h["g2"][0]) == 0.0269
    assert r4(0.1 - 0.5 * 1.0 * h["d1"][0]) == 0.1097 and r4(1 - h["vout1"][0]) == 0.5125   # w_11^(1) after; f'(-0.05)
    assert r4(h["E"]) == 0.0997 and r4(h["E_after"]) == 0.0956            # "from about 0.0997 to about 0.0956"
    # the app agrees with the hand computation (trace's final loss is the same quantity)
    s = load(EXAMPLES / "article_3_2_1.json")
    s.step()
    assert s.dataset_loss() == pytest.approx(h["E_after"], rel=1e-12)


def steps_to_loss_below(session, level: float) -> tuple[int, int]:
    """(steps until the loss after the update is below ``level``, steps until the batch loss a
    step reports -- the loss before its update, what the loss curve plots -- is below it)."""
    losses = session.run(steps=200).losses
    first_batch = next(i + 1 for i, v in enumerate(losses) if v < level)
    return first_batch - 1, first_batch          # one sample / the full batch: the same losses


def test_lesson4_about_eighteen_steps_to_a_loss_below_0_05():
    after, reported = steps_to_loss_below(load(EXAMPLES / "article_3_2_1.json"), 0.05)
    s = load(EXAMPLES / "article_3_2_1.json")
    s.run(until_loss=0.05, steps=100)
    assert s.step_count == after == 17 and reported == 18                 # "about 18 steps"
    assert "about 18 steps" in text_of(lesson("04"))


def test_lesson4_the_sine_slice_along_the_output_weights_is_a_bowl_with_its_bottom_in_sight():
    """Along w_11^(2), w_21^(2) (the landscape's default axes) y_hat is linear, so E is a
    quadratic: its minimum solves 2x2 normal equations, worked out here with numpy alone."""
    assert "100 samples" in text_of(lesson("04")) and "after 500 training steps" in text_of(lesson("04"))
    s = load(EXAMPLES / "sine.json")
    assert len(s.dataset) == 100
    s.run(steps=500)
    (w1, w2), (b1, b2) = s.network.W, s.network.b
    x, y = np.asarray(s.dataset.inputs, dtype=float), np.asarray(s.dataset.targets, dtype=float)[:, 0]
    h = np.tanh(x @ w1 + b1)
    rest = h[:, 2:] @ w2[2:, 0] + b2[0]                 # the output without the two chosen weights
    a = h[:, :2]
    best = np.linalg.solve(a.T @ a, a.T @ (y - rest))
    assert np.all(np.linalg.eigvalsh(a.T @ a) > 0)       # a bowl, not a trough
    assert np.all(np.abs(best - w2[:2, 0]) < 0.1)        # near the centre of the default span of 1


# -- lesson 5: the ReLU network, by hand ---------------------------------------------------------
def test_lesson5_network_numbers_by_hand():
    p = lesson("05")["projects"]["relu"]
    (w1, w2, w3), x, y = p["network"]["weights"], p["dataset"]["inputs"][0], p["dataset"]["targets"][0][0]
    relu = lambda v: max(v, 0.0)  # noqa: E731
    vin1 = [sum(w1[i][j] * x[i] for i in range(2)) for j in range(2)]
    assert vin1 == [2.0, 0.5]                                            # "v_in^(1) = (2, 0.5)"
    vin2 = [sum(w2[i][j] * relu(vin1[i]) for i in range(2)) for j in range(2)]
    assert vin2 == [1.5, -1.5]                                           # "v_in = -1.5 < 0"
    yhat = sum(w3[i][0] * relu(vin2[i]) for i in range(2))
    assert yhat == 0.75
    d3 = yhat - y
    assert d3 == -0.25 and "$\\delta^{(3)} = -0.25$" in text_of(lesson("05"))   # stated in step 3
    d2 = [w3[j][0] * d3 * (1.0 if vin2[j] > 0 else 0.0) for j in range(2)]
    assert d2 == [-0.125, 0.0]
    d1 = [sum(w2[i][j] * d2[j] for j in range(2)) * (1.0 if vin1[i] > 0 else 0.0) for i in range(2)]
    assert d1 == [-0.0625, -0.125] and x[1] * d1[0] == -0.125
    # and the engine agrees
    rec = embedded(lesson("05"), "relu").step()
    assert [float(rec.delta[k][0, j]) for k in (1, 2) for j in (0, 1)] == [-0.0625, -0.125, -0.125, 0.0]


# -- lesson 8: deep sigmoid, overfitting, XOR ---------------------------------------------------------
def first_step_gradient_norms(session) -> np.ndarray:
    session.step()
    norms = session.log.norms
    return norms.rows[-1, :norms.width // 2]


def first_step_gradients(session) -> list[float]:
    """dE/dw_11^(k) for k = 1..5 at the first step, each by central differences on the batch loss
    (independent of the engine's backward pass)."""
    out = []
    for k in range(len(session.network.W)):
        w = session.network.W[k]
        keep, eps = w[0, 0], 1e-6
        w[0, 0] = keep + eps
        up = session.dataset_loss()
        w[0, 0] = keep - eps
        down = session.dataset_loss()
        w[0, 0] = keep
        out.append((up - down) / (2 * eps))
    return out


def test_lesson8_vanishing_gradients_in_the_deep_sigmoid_network():
    obj = lesson("08")
    text = text_of(obj)
    sig = embedded(obj, "deep_sigmoid")
    assert len(sig.dataset) == 50                                        # "on 50 samples"
    g = first_step_gradients(sig)
    assert round(g[0], 4) == 0.0019 and round(g[2], 3) == -0.010 and round(g[4], 2) == -0.36
    assert round(abs(g[4] / g[0]), -1) == 190                           # "about 190 times less"
    assert abs(g[0]) < abs(g[2]) < abs(g[4])                             # the question: the smallest
    norms = first_step_gradient_norms(sig)
    assert np.all(np.diff(norms) > 0)                                    # shrinking toward the input
    assert round(norms[0], 4) == 0.0033 and round(norms[-1], 2) == 1.10
    assert round(norms[-1] / norms[0], -1) == 330                        # "about 330 times smaller"
    result = sig.run(steps=19)
    late = sig.log.norms.rows[-1, :sig.log.norms.width // 2]             # the norms of step 20
    assert round(late[0], 4) == 0.0027 and round(late[-1], 4) == 0.0044
    assert round(result.losses[-1], 3) == 0.232                          # "sticks at about 0.232"
    flat = 0.5 * np.mean((sig.dataset.targets - sig.dataset.targets.mean()) ** 2)
    assert flat == pytest.approx(result.losses[-1], rel=0.01)            # "the loss of a flat line"
    for claim in ("0.0033", "1.10", "0.0044", "0.0027", "0.232", "190", "330", "0.036"):
        assert claim in text, claim
    tanh = embedded(obj, "deep_tanh")
    t = first_step_gradients(tanh)
    assert round(t[0], 2) == 0.27 and round(t[4], 2) == -0.20 and abs(t[0]) > abs(t[4])
    assert round(tanh.run(steps=20).losses[-1], 3) == 0.036                # "about 0.036" at step 20


def test_lesson8_overfitting_and_l2():
    obj = lesson("08")
    plain, l2 = embedded(obj, "overfit"), embedded(obj, "overfit_l2")
    assert len(plain.dataset) == 15 and len(plain.dataset.test_inputs) == 15
    plain.run(steps=300)
    test_300 = plain.dataset_loss(test=True)
    plain.run(steps=1700)
    assert plain.dataset_loss() == pytest.approx(0.003, abs=0.001)      # "falls to about 0.003"
    assert plain.dataset_loss() < 0.5 * 0.3 ** 2
    assert test_300 == pytest.approx(0.044, abs=0.002)                  # "about 0.044 at step 300"
    assert plain.dataset_loss(test=True) == pytest.approx(0.058, abs=0.002)   # "about 0.058 at 2000"
    l2.run(steps=2000)
    assert l2.dataset_loss() == pytest.approx(0.028, abs=0.002)         # "stays near 0.028"
    assert l2.dataset_loss(test=True) == pytest.approx(0.042, abs=0.002)  # "about 0.042"
    assert l2.dataset_loss(test=True) < plain.dataset_loss(test=True)
    weights = sum(a * b for a, b in zip(plain.network.sizes, plain.network.sizes[1:]))
    assert weights > 1000                                               # "over a thousand weights"


def test_lesson8_xor_needs_a_hidden_layer():
    obj = lesson("08")
    linear = embedded(obj, "xor_linear")
    source = json.loads((EXAMPLES / "xor.json").read_text())
    assert obj["projects"]["xor_linear"]["dataset"] == source["dataset"]   # the same data
    result = linear.run(steps=3000)
    assert min(result.losses) > 0.69                                  # "does not go below 0.69"
    assert result.losses[499] == pytest.approx(math.log(2), abs=0.002)    # "stopped at about 0.693"
    hidden = copy.deepcopy(source)
    hidden["training"]["batch_size"] = "full"                          # the step's settings
    after, reported = steps_to_loss_below(loads(json.dumps(hidden)), 0.05)
    assert (after, reported) == (25, 26)                              # "about 25 steps"


# -- lesson 9: loss over data, mini-batches (issue 27 §5) ------------------------------------------
def test_lesson9_the_mean_loss_and_the_noisy_sample_by_hand():
    obj = lesson("09")
    text = text_of(obj)
    p = obj["projects"]["four"]
    x = [r[0] for r in p["dataset"]["inputs"]]
    y = [r[0] for r in p["dataset"]["targets"]]
    (((w,),),), ((b,),) = p["network"]["weights"], p["network"]["biases"]
    assert (x, y, w, b) == ([1, 2, 3, 4], [2, 1, 5, 4], 1.0, 0.0)        # as the text states them
    miss = [w * xs + b - ys for xs, ys in zip(x, y)]
    assert miss == [-1, 1, -2, 0]
    losses = [0.5 * m ** 2 for m in miss]
    assert losses == [0.5, 0.5, 2, 0] and max(range(4), key=losses.__getitem__) == 2   # sample 3
    assert sum(losses) / 4 == 0.75
    grad = sum(xs * m for xs, m in zip(x, miss)) / 4
    assert grad == -1.25 and x[1] * miss[1] == 2                          # sample 2 points the other way
    assert w - p["optimizer"]["learning_rate"] * grad == pytest.approx(1.125)
    assert sum(miss) / 4 == -0.5                                          # dE/db, BP3's mean of the deltas
    for claim in ("0.5, 0.5, 2, 0", "0.75", "-1.25", "+2", "1.125", "-0.5"):
        assert claim in text, claim


def test_lesson9_batches_epochs_and_the_two_paths():
    obj = lesson("09")
    text = text_of(obj)
    p = obj["projects"]["line"]
    n = len(p["dataset"]["inputs"])
    assert n == 16 and [math.ceil(n / b) for b in (1, 2, 3, 16)] == [16, 8, 6, 1]
    x = np.array(p["dataset"]["inputs"])[:, 0]
    y = np.array(p["dataset"]["targets"])[:, 0]
    best = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    assert np.round(best, 2) == pytest.approx([1.98, 0.93])              # the bowl's bottom
    loss = lambda w, b: 0.5 * np.mean((w * x + b - y) ** 2)  # noqa: E731
    w, b = p["network"]["weights"][0][0][0], p["network"]["biases"][0][0]
    assert round(loss(w, b), 3) == 0.540
    for _ in range(30):                                                   # full batch, by hand
        e = w * x + b - y
        w, b = w - 0.2 * np.mean(e * x), b - 0.2 * np.mean(e)
    assert round(loss(w, b), 3) == 0.081 == round(loss(*best), 3)         # at the bottom
    full = copy.deepcopy(p)
    full["training"]["batch_size"] = "full"
    engine = loads(json.dumps(full))
    engine.run(steps=30)
    assert (float(engine.network.W[0][0, 0]), float(engine.network.b[0][0])) == pytest.approx((w, b))
    # batch size 1, shuffled: the order is the engine's; the loss of where it ends is recomputed here
    single = embedded(obj, "line")
    single.run(steps=30)
    assert 30 / 16 < 2 and round(loss(float(single.network.W[0][0, 0]), float(single.network.b[0][0])), 3) == 0.094
    for claim in ("1.98", "0.93", "0.540", "0.081", "0.094"):
        assert claim in text, claim


# -- lesson 10: BP1-BP4 and the saturated output (issue 27 §5) ---------------------------------------
def saturated_by_hand(loss: str, updates: int) -> float:
    """y_hat after ``updates`` steps of eta = 1 on the 1-1-1 sigmoid network, by hand."""
    w1, b1, w2, b2 = 0.5, 0.0, 6.0, 1.0
    for _ in range(updates):
        h = sigmoid(w1 + b1)
        yh = sigmoid(w2 * h + b2)
        d2 = yh * yh * (1 - yh) if loss == "half_sse" else yh           # BP1 for y = 0
        d1 = w2 * d2 * h * (1 - h)                                       # BP2
        w2, b2, w1, b1 = w2 - h * d2, b2 - d2, w1 - d1, b1 - d1          # BP4, BP3 (x = 1)
    return sigmoid(w2 * sigmoid(w1 + b1) + b2)


def test_lesson10_the_four_equations_by_hand():
    obj = lesson("10")
    text = text_of(obj)
    net = obj["projects"]["saturated"]["network"]
    assert net["weights"] == [[[0.5]], [[6.0]]] and net["biases"] == [[0.0], [1.0]]
    h = sigmoid(0.5)
    yh = sigmoid(6 * h + 1)
    fp1, fp2 = h * (1 - h), yh * (1 - yh)
    d2 = yh * fp2                                                                      # BP1, y = 0
    d1 = 6 * d2 * fp1                                                                  # BP2
    assert round(yh, 5) == 0.99129 and round(yh, 3) == 0.991 and round(h, 3) == 0.622
    assert round(1 - h, 3) == 0.378 and round(fp1, 3) == 0.235 and round(6 * fp1, 2) == 1.41
    assert round(d1, 5) == 0.01207 and d1 > d2
    assert round(h * d2, 5) == 0.00533 and h * d2 < d2                                  # BP4 against BP3
    assert round(1 - yh, 5) == 0.00871 and round(fp2, 4) == 0.0086 and round(d2, 5) == 0.00856
    assert yh > d2 * 100                                                               # "over a hundred times"
    assert round(saturated_by_hand("bce", 10), 2) == 0.10
    assert round(saturated_by_hand("half_sse", 10), 3) == 0.984
    assert saturated_by_hand("half_sse", 29) > 0.5 > saturated_by_hand("half_sse", 30)  # "takes 30 steps"
    for claim in ("0.99129", "0.622", "0.378", "0.235", "1.41", "0.01207", "0.00533", "0.00856", "0.00871",
                  "0.10", "0.984", "30 steps"):
        assert claim in text, claim
    # the engine agrees (cross-entropy's fused delta, the lesson's last step)
    p = copy.deepcopy(obj["projects"]["saturated"])
    p["loss"] = "bce"
    s = loads(json.dumps(p))
    s.run(steps=10)
    assert s.step().v_out[-1][0, 0] == pytest.approx(saturated_by_hand("bce", 10), rel=1e-9)


# -- lesson 11: checking a gradient by hand (issue 27 §5) ---------------------------------------------
def article_loss(w11_2: float) -> float:
    """E of the article's example with w_11^(2) set, the forward pass by hand."""
    x, w01 = [1.0, 0.5, -0.5], [[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]]
    h = [sigmoid(sum(w01[i][j] * x[i] for i in range(3))) for j in range(2)]
    return 0.5 * (1.0 - sigmoid(w11_2 * h[0] - 0.2 * h[1])) ** 2


def test_lesson11_the_nudges_and_the_central_difference():
    text = text_of(lesson("11"))
    e0, up, down = article_loss(0.7), article_loss(0.71), article_loss(0.69)
    assert (round(e0, 7), round(up, 7), round(down, 7)) == (0.0997250, 0.0991878, 0.1002640)
    assert round(0.0991878 - 0.1002640, 7) == -0.0010762
    central = (0.0991878 - 0.1002640) / 0.02                       # from the printed numbers
    assert round(central, 5) == -0.05381
    h = article_by_hand()
    assert round(h["g2"][0], 7) == -0.0538086                       # backprop's, by the chain rule
    assert abs(central - h["g2"][0]) < 0.005 * abs(h["g2"][0])      # right by the answer rule
    one_sided = (up - e0) / 0.01
    assert round(one_sided, 5) == -0.05372 and round(abs(one_sided - h["g2"][0]), 5) == 0.00009
    assert abs((up - down) / 0.02 - h["g2"][0]) < 1e-7                # "under 10^-7"
    # which nudge matters most: -0.0700 (w_21^(2)) against 0.5 times the hidden deltas
    grads = {"w_21^(2)": h["g2"][1], "w_21^(1)": 0.5 * h["d1"][0], "w_22^(1)": 0.5 * h["d1"][1]}
    assert max(grads, key=lambda k: abs(grads[k])) == "w_21^(2)"
    assert (round(h["g2"][1], 4), round(h["d1"][0], 4), round(h["d1"][1], 4)) == (-0.0700, -0.0193, 0.0051)
    assert (round(grads["w_21^(1)"], 4), round(grads["w_22^(1)"], 4)) == (-0.0097, 0.0026)
    assert round(h["d2"], 3) == -0.110 and abs(h["d2"]) > 5 * max(abs(d) for d in h["d1"])   # "over five times"
    assert 784 * 128 + 128 + 128 * 10 + 10 == 101_770 and 2 * 101_770 == 203_540
    for claim in ("0.0997250", "0.0991878", "0.1002640", "-0.0010762", "-0.05381", "-0.0538086", "-0.05372",
                  "0.00009", "-0.0700", "-0.0193", "0.0051", "-0.0097", "0.0026", "101{,}770", "203{,}540"):
        assert claim in text, claim


def test_lesson11_the_apps_gradient_check_agrees_on_the_article_network():
    from backprop_studio.core.engine.gradcheck import gradient_check
    from backprop_studio.core.engine.losses import LOSSES
    s = load(EXAMPLES / "article_3_2_1.json")
    result = gradient_check(s.network, np.asarray(s.dataset.inputs, float), np.asarray(s.dataset.targets, float),
                            LOSSES["half_sse"])
    assert result.worst < 1e-5                                       # "far better than" the flag, 1e-5


# -- lesson 12: momentum per direction (issue 27 §5) ---------------------------------------------------
def test_lesson12_each_direction_by_hand():
    text = text_of(lesson("12"))
    eta = 0.09
    assert round(1 - 20 * eta, 2) == -0.8 and round(1 - 2 * eta, 2) == 0.82        # the two factors
    x1, x2 = -2.5 * (1 - 2 * eta) ** 20, 1.0 * (1 - 20 * eta) ** 20
    assert round(x1, 3) == -0.047 and round(x2, 3) == 0.012 and abs(x1) > abs(x2)
    plain = path("elongated_bowl", [-2.5, 1.0], eta, 300, tolerance=RACE_TOLERANCE)
    assert plain.points[1, 1] == pytest.approx(-0.8) and plain.points[20] == pytest.approx([x1, x2])
    # the steep direction alone, 10 x^2 from 1: |f'(x_10)| = 20 |1 - 20 eta|^10 <= 1e-3
    edge = (1e-3 / 20) ** 0.1
    low, high = (1 - edge) / 20, (1 + edge) / 20
    assert (round(low, 3), round(high, 3)) == (0.031, 0.069) and 2 / 20 == 0.1
    mom = path("elongated_bowl", [-2.5, 1.0], 0.1, 300, tolerance=RACE_TOLERANCE, momentum=0.3)
    assert round(float(plain.losses[10]), 2) == 0.23 and round(float(mom.losses[10]), 4) == 0.0016
    assert (plain.reason, plain.steps, mom.reason, mom.steps) == ("converged", 79, "converged", 33)
    assert round(2 * 1.3 / 20, 2) == 0.13 and 2 * 1.5 / 20 == pytest.approx(0.15)
    kappa = 20 / 2
    assert round((kappa ** 0.5 - 1) / (kappa ** 0.5 + 1), 2) == 0.52 and round((kappa - 1) / (kappa + 1), 2) == 0.82
    on_edge = path("elongated_bowl", [-2.5, 1.0], 0.15, 300, tolerance=RACE_TOLERANCE, momentum=0.5)
    assert on_edge.reason == "steps" and 1 < on_edge.losses[-1] < 100     # neither settles nor runs away
    for claim in ("0.82", "-0.8", "0.047", "0.012", "0.031", "0.069", "0.0016", "0.23", "33 steps", "79",
                  "0.13", "0.52", "0.15"):
        assert claim in text, claim


def test_lesson4_step1_hides_the_loss_step2_asks_for():
    """Issue 27 §4, L4.1: the status bar showed "loss 0.099725" one step before L4.2 asks for E."""
    from backprop_studio.core.explain.refs import Ref
    from backprop_studio.core.lessons import build_state, load_lesson
    from backprop_studio.core.lessons.hiding import secrets_at
    les = load_lesson(next(LESSONS.glob("04-*.json")))
    assert les.steps[1].task.value.kind == "loss"
    assert secrets_at(les, 0, set(), build_state(les, 0).session).hides(Ref("loss"))
    assert not secrets_at(les, 0, {1}, build_state(les, 0).session).hides(Ref("loss"))   # once answered


# -- translations ------------------------------------------------------------------------------
MATH = re.compile(r"\$\$.*?\$\$|\$.*?\$", re.S)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def texts_in(obj: dict) -> list[tuple[str, str | dict]]:
    """(where, text) for every learner-visible text of a lesson but its sections (which name the
    article's headings, in the article's language)."""
    out: list[tuple[str, str | dict]] = [("title", obj["title"]), ("summary", obj["summary"])]
    for i, step in enumerate(obj["steps"]):
        out += [(f"steps[{i}].{k}", step[k]) for k in ("title", "text", "explanation") if k in step]
        out += [(f"steps[{i}].hints[{k}]", h) for k, h in enumerate(step.get("hints", []))]
        question = step.get("task", {}).get("question", {})
        out += [(f"steps[{i}].prompt", question["prompt"])] if "prompt" in question else []
        out += [(f"steps[{i}].mistakes[{k}]", m["feedback"]) for k, m in enumerate(question.get("mistakes", []))]
        out += [(f"steps[{i}].lock.why", step["lock"]["why"])] if "lock" in step else []
    return out


def test_lesson_1_is_written_in_spanish_throughout():
    missing = [where for where, text in texts_in(lesson("01")) if not (isinstance(text, dict) and "es" in text)]
    assert missing == []


def test_every_translation_keeps_the_english_maths_and_numbers():
    """A translation changes the words only: each formula ($...$) is the English one, character
    for character, in the same order, and the prose states the same numbers (the English ones are
    checked against the engine above)."""
    for obj in lessons().values():
        for where, text in texts_in(obj):
            if not isinstance(text, dict):
                continue
            en = text["en"]
            for code, other in text.items():
                assert MATH.findall(other) == MATH.findall(en), (obj["id"], where, code)
                numbers = lambda s: sorted(NUMBER.findall(MATH.sub(" ", s)))  # noqa: E731
                assert numbers(other) == numbers(en), (obj["id"], where, code)
