"""Shipped objectives: values and exact gradients against hand-derived numbers and formulas,
and known minima reached by descent."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.surfaces.descent import descend, descend_many
from backprop_studio.core.surfaces.expressions import parse
from backprop_studio.core.surfaces.functions import OBJECTIVES, from_expression, objective

# Worked by hand: (function, point, f, gradient).
HAND_POINTS = [
    ("parabola", (3.0,), 9.0, (6.0,)),
    ("quartic", (2.0,), 6.0, (21.0,)),                      # 16 - 12 + 2; 32 - 12 + 1
    ("sin_parabola", (0.0,), 0.0, (1.0,)),
    ("sin_parabola", (np.pi,), np.pi ** 2 / 10, (-1 + np.pi / 5,)),
    ("round_bowl", (1.0, -2.0), 5.0, (2.0, -4.0)),
    ("elongated_bowl", (1.0, -2.0), 41.0, (2.0, -40.0)),
    ("saddle", (1.0, -2.0), -3.0, (2.0, 4.0)),
    ("rosenbrock", (0.0, 0.0), 1.0, (-2.0, 0.0)),
    ("rosenbrock", (-1.0, 1.0), 4.0, (-4.0, 0.0)),
    ("rosenbrock", (1.0, 2.0), 100.0, (-400.0, 200.0)),
    ("himmelblau", (0.0, 0.0), 170.0, (-14.0, -22.0)),      # 121 + 49; 2(-7); 2(-11)
    ("himmelblau", (-1.5, 2.0), 65.8125, (31.5, -49.5)),
    ("beale", (0.0, 0.0), 14.203125, (-12.75, 0.0)),        # 1.5^2 + 2.25^2 + 2.625^2
    ("beale", (3.0, 0.5), 0.0, (0.0, 0.0)),
    ("rastrigin", (0.0, 0.0), 0.0, (0.0, 0.0)),
    ("rastrigin", (0.25, 0.0), 10.0625, (0.5 + 20 * np.pi, 0.0)),
]


@pytest.mark.parametrize("name, point, f, grad", HAND_POINTS)
def test_values_and_gradients_at_hand_worked_points(name, point, f, grad):
    value, gradient = OBJECTIVES[name].value_and_gradient(np.array(point))
    assert value == pytest.approx(f, abs=1e-12)
    np.testing.assert_allclose(gradient, grad, atol=1e-12)


# The formulas as typed text: the parser's automatic differentiation is an independent
# implementation of the same derivatives.
FORMULAS = {
    "parabola": "x^2", "quartic": "x^4 - 3*x^2 + x", "sin_parabola": "sin(x) + x^2/10",
    "round_bowl": "x^2 + y^2", "elongated_bowl": "x^2 + 10*y^2", "saddle": "x^2 - y^2",
    "rosenbrock": "(1 - x)^2 + 100*(y - x^2)^2",
    "himmelblau": "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    "beale": "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    "rastrigin": "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
}


def test_every_shipped_function_is_checked():
    assert set(FORMULAS) == set(OBJECTIVES)
    assert {name for name, *_ in HAND_POINTS} == set(OBJECTIVES)


@pytest.mark.parametrize("name", sorted(OBJECTIVES))
def test_gradient_equals_automatic_differentiation_and_central_differences(name):
    obj = OBJECTIVES[name]
    rng = np.random.default_rng(1)
    lo, hi = np.array(obj.ranges).T
    points = lo + (hi - lo) * rng.random((25, obj.dims))
    f, grad = obj.value_and_gradient(points)
    expr = parse(FORMULAS[name], ("x", "y")[:obj.dims])
    f_ad, grad_ad = expr.value_and_gradient(*points.T)
    np.testing.assert_allclose(f, f_ad, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(grad, np.stack(grad_ad, axis=-1), rtol=1e-11, atol=1e-9)
    h = 1e-6
    for i in range(obj.dims):
        e = np.zeros(obj.dims)
        e[i] = h
        central = (obj.value(points + e) - obj.value(points - e)) / (2 * h)
        np.testing.assert_allclose(grad[:, i], central, rtol=1e-6, atol=1e-4)


@pytest.mark.parametrize("name", sorted(OBJECTIVES))
def test_known_minima_have_zero_gradient_and_start_is_in_range(name):
    obj = OBJECTIVES[name]
    for m in obj.minima:
        assert np.linalg.norm(obj.gradient(np.array(m))) < 1e-4
    for (lo, hi), s in zip(obj.ranges, obj.start):
        assert lo <= s <= hi


def test_grid_rows_are_y():
    axes, F = OBJECTIVES["saddle"].grid(5)
    assert F.shape == (5, 5)
    assert F[0, 2] == pytest.approx(0.0 - 9.0)     # x = 0, y = -3
    assert F[2, 0] == pytest.approx(9.0)           # x = -3, y = 0
    (xs,), f1 = OBJECTIVES["parabola"].grid(7)
    np.testing.assert_allclose(f1, xs ** 2)


def test_rosenbrock_minimum_is_reached_by_adam():
    path = descend(OBJECTIVES["rosenbrock"], "adam", {"learning_rate": 0.05}, steps=6000,
                   tolerance=1e-6)
    assert path.reason == "converged"
    np.testing.assert_allclose(path.end, [1.0, 1.0], atol=1e-5)


def test_all_four_himmelblau_minima_from_four_starts():
    starts = [(4.0, 4.0), (-4.0, 4.0), (-4.0, -4.0), (4.0, -4.0)]
    paths = descend_many(OBJECTIVES["himmelblau"], starts, "sgd", {"learning_rate": 0.01},
                         steps=2000, tolerance=1e-9)
    expected = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    for path, minimum in zip(paths, expected):
        assert path.reason == "converged"
        np.testing.assert_allclose(path.end, minimum, atol=1e-5)
        assert path.losses[-1] < 1e-12


def test_from_expression_infers_dimensions():
    one = from_expression("x^2 - 2*x")
    two = from_expression("x*y")
    flat = from_expression("x^2", dims=2)
    assert (one.dims, two.dims, flat.dims) == (1, 2, 2)
    f, g = two.value_and_gradient(np.array([[2.0, 3.0]]))
    assert f[0] == 6.0 and list(g[0]) == [3.0, 2.0]
    assert list(flat.gradient(np.array([1.0, 5.0]))) == [2.0, 0.0]
    with pytest.raises(InputError, match="use only x"):
        from_expression("x*y", dims=1)


def test_unknown_function_lists_the_names():
    with pytest.raises(InputError, match="rosenbrock"):
        objective("banana")
