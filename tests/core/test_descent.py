"""Descent paths: steps against hand-computed iterates, tangent lines, stop conditions."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.surfaces.descent import descend
from backprop_studio.core.surfaces.functions import OBJECTIVES, from_expression

PARABOLA = OBJECTIVES["parabola"]


def test_sgd_on_the_parabola_follows_the_hand_iterates():
    # x' = x - eta 2x = (1 - 2 eta) x: with eta = 0.1 and x0 = 2.5, x_t = 2.5 * 0.8^t
    path = descend(PARABOLA, "sgd", {"learning_rate": 0.1}, start=[2.5], steps=10)
    t = np.arange(11)
    np.testing.assert_allclose(path.points[:, 0], 2.5 * 0.8 ** t, rtol=1e-14)
    np.testing.assert_allclose(path.losses, (2.5 * 0.8 ** t) ** 2, rtol=1e-14)
    np.testing.assert_allclose(path.gradients[:, 0], 5.0 * 0.8 ** t, rtol=1e-14)
    assert path.reason == "steps" and path.steps == 10
    assert [s["t"] for s in path.states] == list(range(11))


def test_tangent_line_and_the_step_taken():
    path = descend(PARABOLA, "sgd", {"learning_rate": 0.1}, start=[2.5], steps=3)
    # eps_0 = -0.5; f(x0) + eps f'(x0) = 6.25 - 0.5 * 5 = 3.75, while f(x1) = 4.0
    np.testing.assert_allclose(path.steps_taken[:, 0], [-0.5, -0.4, -0.32])
    assert path.predicted_losses()[0] == pytest.approx(3.75)
    assert path.losses[1] == pytest.approx(4.0)
    np.testing.assert_allclose(path.tangent(0, np.array([0.0, 2.5, 3.0])), [-6.25, 6.25, 8.75])


def test_momentum_matches_hand_iterates():
    # torch SGD momentum 0.9, eta 0.1: buf1 = g0 = 5, x1 = 2.5 - 0.5 = 2.0;
    # g1 = 4, buf2 = 0.9*5 + 4 = 8.5, x2 = 2.0 - 0.85 = 1.15
    path = descend(PARABOLA, "sgd", {"learning_rate": 0.1, "momentum": 0.9}, start=[2.5], steps=2)
    np.testing.assert_allclose(path.points[:, 0], [2.5, 2.0, 1.15])
    np.testing.assert_allclose(path.states[2]["momentum_buffer"][0], [8.5])


def test_two_dimensional_paths_record_state_per_step():
    path = descend(OBJECTIVES["round_bowl"], "adam", {"learning_rate": 0.1}, start=[1.0, -1.0], steps=5)
    assert path.points.shape == (6, 2) and path.gradients.shape == (6, 2)
    # Adam's first step is -eta sign(g) (m_hat / sqrt(v_hat) = g / |g|)
    np.testing.assert_allclose(path.points[1], [0.9, -0.9], atol=1e-7)
    assert len(path.states) == 6 and path.states[5]["t"] == 5


def test_converges_at_the_gradient_tolerance():
    path = descend(PARABOLA, "sgd", {"learning_rate": 0.5}, start=[1.0], steps=100)
    assert path.reason == "converged" and path.steps == 1 and path.end[0] == 0.0


def test_divergence_to_huge_values_names_the_step():
    # eta = 1.5: x_t = 2.5 (-2)^t; f = 6.25 * 4^t exceeds 1e10 first at t = 16
    path = descend(PARABOLA, "sgd", {"learning_rate": 1.5}, start=[2.5], steps=100)
    assert path.reason == "diverged" and path.diverged_at == 16
    assert "step 16" in path.message
    assert path.points[-1, 0] == 2.5 * (-2.0) ** 16


def test_non_finite_values_stop_before_being_recorded():
    path = descend(from_expression("log(x)"), "sgd", {"learning_rate": 1.0}, start=[0.5], steps=10)
    assert path.reason == "diverged" and path.diverged_at == 1
    assert path.points.shape == (1, 1) and np.isfinite(path.losses).all()


def test_many_starts_and_the_default_start():
    path = descend(OBJECTIVES["rosenbrock"], "sgd", {"learning_rate": 1e-4}, steps=1)
    np.testing.assert_array_equal(path.start, OBJECTIVES["rosenbrock"].start)


@pytest.mark.parametrize("kwargs, where", [
    ({"optimizer": "newton"}, "optimizer"),
    ({"hyper": {"speed": 1}}, "optimizer"),
    ({"hyper": {"learning_rate": -1.0}}, "optimizer.learning_rate"),
    ({"start": [1.0, 2.0]}, "start"),
    ({"steps": -1}, "steps"),
])
def test_bad_arguments_are_input_errors(kwargs, where):
    with pytest.raises(InputError) as info:
        descend(PARABOLA, **kwargs)
    assert info.value.where == where
