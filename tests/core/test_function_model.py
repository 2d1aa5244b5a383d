"""The function views' models (core.surfaces.function_model, race_model), without Qt.

Numbers are worked by hand: gradient descent x' = x - eta f'(x) on f(x) = x^4 - 3x^2 + x
(f'(x) = 4x^3 - 6x + 1) and on Himmelblau's function (grad at (0, 0) = (-14, -22)).
"""
from __future__ import annotations

import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.surfaces.function_model import FUNCTION, PATH, PATHS, RUNS, STEP, Descent1D
from backprop_studio.core.surfaces.race_model import MAX_RUNS, Race, walk_race


def heard(model) -> list[str]:
    aspects: list[str] = []
    model.subscribe(aspects.append)
    return aspects


def by_hand_quartic(x: float, eta: float, steps: int) -> list[float]:
    xs = [x]
    for _ in range(steps):
        x = x - eta * (4 * x**3 - 6 * x + 1)
        xs.append(x)
    return xs


def test_the_1d_model_steps_along_the_hand_worked_path():
    model = Descent1D()
    aspects = heard(model)
    assert (model.function, model.start, model.optimizer, model.hyper, model.t) == (
        "quartic", 2.0, "sgd", {"learning_rate": 0.05}, 0)
    for _ in range(3):
        model.step()
    xs = by_hand_quartic(2.0, 0.05, 3)
    assert model.t == 3 and model.path.points[:4, 0].tolist() == pytest.approx(xs)
    assert model.path.steps >= 4                       # the step after t is there to draw
    model.go_to(40)                                    # the path grows by doubling
    assert model.t == 40 and model.path.points[40, 0] == pytest.approx(by_hand_quartic(2.0, 0.05, 40)[-1])
    assert aspects == [PATH] * 4
    model.go_to(40)
    assert aspects == [PATH] * 4                       # the same t: nothing to announce


def test_the_1d_model_keeps_t_for_a_new_optimizer_and_resets_it_for_a_new_start():
    model = Descent1D()
    model.go_to(5)
    model.set_optimizer("sgd", {"learning_rate": 0.01})
    assert model.t == 5 and model.path.points[5, 0] == pytest.approx(by_hand_quartic(2.0, 0.01, 5)[-1])
    model.set_start(-0.5)
    assert model.t == 0 and model.path.points[1, 0] == pytest.approx(by_hand_quartic(-0.5, 0.01, 1)[-1])
    assert model.state() == {"function": "quartic", "start": [-0.5], "optimizer": "sgd",
                             "hyper": {"learning_rate": 0.01}, "t": 0}


def test_a_bad_expression_changes_nothing_and_a_good_one_starts_over():
    model = Descent1D()
    model.go_to(3)
    aspects = heard(model)
    with pytest.raises(InputError, match="unknown name 'foo'"):
        model.set_function(None, "x^2 + foo")
    with pytest.raises(InputError, match="no shipped function 'himmelblau' of 1 variable"):
        model.set_function("himmelblau")
    assert (model.function, model.t, aspects) == ("quartic", 3, [])
    model.set_function(None, "x^2")
    assert model.choice == {"expression": "x^2"} and model.t == 0 and aspects == [FUNCTION]
    x0 = model.start
    model.step()
    assert model.path.points[1, 0] == pytest.approx(x0 - 0.05 * 2 * x0)
    model.set_function(None, "x^2")
    assert aspects == [FUNCTION, PATH]                 # the same function again: nothing


def test_a_lesson_shows_a_1d_state_in_one_change():
    model = Descent1D()
    aspects = heard(model)
    model.show(None, "x^2", 2.0, "sgd", {"learning_rate": 0.25}, t=2)
    assert aspects == [FUNCTION] and model.t == 2
    assert model.path.points[:3, 0].tolist() == [2.0, 1.0, 0.5]     # x' = x - 0.25 * 2x = x / 2


def walked(race: Race) -> None:
    """What the app's worker does: walk the race's job and hand the paths back."""
    job = race.job()
    assert race.set_paths(job, walk_race(job.objective, job.specs, job.steps,
                                         should_stop=lambda: False, progress=lambda *_: None))


def test_the_race_walks_its_runs_when_asked_and_drops_an_outdated_walk():
    race = Race()
    aspects = heard(race)
    assert not race.ready and [r.label for r in race.runs] == ["#1 sgd η=0.01"]
    walked(race)
    assert race.ready and aspects == [PATHS]
    assert race.runs[0].path.points[1].tolist() == pytest.approx([0.14, 0.22])   # (0,0) - 0.01 (-14, -22)
    old = race.job()
    race.add_run("sgd", {"learning_rate": 0.02})
    assert not race.ready and aspects[-1] == RUNS
    assert not race.set_paths(old, [None, None])       # walked for the race before the new run
    walked(race)
    assert race.runs[1].path.points[1].tolist() == pytest.approx([0.28, 0.44])


def test_the_last_run_is_the_one_configured_and_the_race_has_limits():
    race = Race()
    walked(race)
    race.add_run("sgd", {"learning_rate": 0.01})
    walked(race)
    first = race.runs[0].path
    race.configure_last("adam", {"learning_rate": 0.1})
    assert race.runs[0].path is first and race.runs[1].path is None            # the finished run keeps its own
    assert (race.runs[0].optimizer, race.runs[1].optimizer) == ("sgd", "adam")
    assert race.remove_run(5) == "the race keeps at least one run"
    assert race.remove_run(0) == "" and [r.number for r in race.runs] == [2]    # numbers stay
    assert race.remove_run(0) == "the race keeps at least one run"
    for _ in range(MAX_RUNS - 1):
        assert race.add_run("sgd", {"learning_rate": 0.01}) == ""
    assert race.add_run("sgd", {}) == f"at most {MAX_RUNS} runs race at once: remove one first"


def test_t_is_clamped_to_the_longest_path_and_a_lesson_race_keeps_its_starts():
    race = Race()
    race.show(None, "x^2 + y^2", [((1.0, 0.0), "sgd", {"learning_rate": 0.5}), (None, "sgd", {"learning_rate": 0.1})],
              steps=50)
    aspects = heard(race)
    race.set_t(30)
    assert aspects == [STEP]
    walked(race)
    # x' = x - 0.5 * 2x = 0 in one step: converged at step 1; the other run walks all 50
    assert race.runs[0].path.steps == 1 and race.runs[1].path.steps == 50 and race.t == 30
    assert race.state() == {"function": {"expression": "x^2 + y^2"}, "steps": 50,
                            "runs": [{"start": [1.0, 0.0], "optimizer": "sgd", "hyper": {"learning_rate": 0.5}},
                                     {"start": [1.5, 1.5], "optimizer": "sgd", "hyper": {"learning_rate": 0.1}}]}
    race.set_steps(20)
    walked(race)
    assert race.t == 20                                 # clamped to the new longest path
    race.set_start(-1.0, 2.0)
    assert race.t == 0 and all(r.start is None for r in race.runs)
