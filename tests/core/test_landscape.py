"""Loss landscapes: grid values equal single forward passes, direction normalisation, PCA
against a trajectory worked by hand, cancel and progress, and speed."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.forward import batch_loss
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.network import Layer, Network, build
from backprop_studio.core.surfaces.landscape import (
    line,
    parameter_slice,
    pca_directions,
    pca_plane,
    random_directions,
    random_plane,
)
from backprop_studio.core.surfaces.landscape_grid import evaluate, flatten, parameter_index, unflatten


def problem(sizes=(2, 4, 3, 1), acts="tanh", loss="half_sse", seed=0, n=30):
    rng = np.random.default_rng(seed)
    net = build(list(sizes), acts, seed=seed)
    x = rng.normal(size=(n, sizes[0]))
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    else:
        y = (rng.random((n, sizes[-1])) > 0.5).astype(float)
    return net, x, y, LOSSES[loss]


def single_pass(net, theta, x, y, loss):
    """The reference: one ordinary forward pass at the flat parameters theta."""
    work = net.copy()
    work.set_parameters(unflatten(theta, net))
    return batch_loss(work, x, y, loss)


def assert_grid_matches(net, x, y, loss, land, samples=6):
    rng = np.random.default_rng(3)
    shape = land.values.shape
    for _ in range(samples):
        idx = tuple(rng.integers(0, s) for s in shape)
        coords = [land.axes[k][idx[-1 - k]] for k in range(len(land.axes))]
        expected = single_pass(net, land.theta(coords), x, y, loss)
        assert land.values[idx] == pytest.approx(expected, rel=1e-12, abs=1e-15)


CASES = [((2, 4, 3, 1), "tanh", "half_sse"), ((2, 4, 1), "sigmoid", "bce"),
         ((3, 5, 3), ["relu", "softmax"], "cross_entropy"), ((2, 3, 2), ["leaky_relu", "elu"], "mse"),
         ((2, 3, 1), ["softplus", "identity"], "half_sse")]


@pytest.mark.parametrize("sizes, acts, loss", CASES)
def test_every_mode_equals_single_forward_passes(sizes, acts, loss):
    net, x, y, L = problem(sizes, acts, loss)
    initial = [p.copy() for p in net.parameters()]
    net.set_parameters([p + 0.3 for p in net.parameters()])
    for land in (parameter_slice(net, x, y, L, "W0[1,0]", "b0[1]", grid=9, span=0.7),
                 random_plane(net, x, y, L, grid=9, normalisation="layer"),
                 random_plane(net, x, y, L, grid=9, normalisation="filter"),
                 line(net, x, y, L, initial, grid=9)):
        assert_grid_matches(net, x, y, L, land)
    traj = [flatten(initial) + t * np.sin(np.arange(len(flatten(initial))) * (t + 1)) * 0.1
            for t in range(5)]
    assert_grid_matches(net, x, y, L, pca_plane(net, x, y, L, traj, grid=9))


def test_removed_connection_and_missing_bias_are_respected():
    layers = [Layer(2), Layer(3, "tanh", bias=False), Layer(1, "sigmoid")]
    rng = np.random.default_rng(0)
    net = Network(layers, [rng.normal(size=(2, 3)), rng.normal(size=(3, 1))],
                  [np.zeros(3), np.zeros(1)])
    net.mask[0][1, 2] = False
    net.check()
    x, y = rng.normal(size=(10, 2)), rng.random((10, 1))
    land = random_plane(net, x, y, "half_sse", grid=5, normalisation="none")
    d = [unflatten(row, net) for row in land.directions]
    assert all(di[0][1, 2] == 0 and not di[1].any() for di in d)
    assert_grid_matches(net, x, y, LOSSES["half_sse"], land)
    with pytest.raises(InputError, match="removed connection"):
        parameter_slice(net, x, y, "half_sse", "W0[1,2]", "W1[0,0]")
    with pytest.raises(InputError, match="no bias"):
        parameter_slice(net, x, y, "half_sse", "b0[0]", "W1[0,0]")


def test_parameter_names_and_the_slice_axes():
    net, x, y, L = problem()
    assert parameter_index(net, "W1[3,2]") == (2, 3 * 3 + 2)
    assert parameter_index(net, "b2[0]") == (5, 0)
    assert parameter_index(net, (0, 5)) == (0, 5)
    for bad in ("W0[2,0]", "W3[0,0]", "b0[9]", "W0[1]", "x[0]", (7, 0)):
        with pytest.raises(InputError):
            parameter_index(net, bad)
    w = net.W[0][1, 0]
    traj = [net.parameters(), [p * 2 for p in net.parameters()]]
    land = parameter_slice(net, x, y, L, "W0[1,0]", "W1[0,0]", grid=5, span=1.0, trajectory=traj)
    np.testing.assert_allclose(land.axes[0], w + np.linspace(-1, 1, 5))
    assert land.labels == ["W0[1,0]", "W1[0,0]"]
    np.testing.assert_array_equal(land.path, [[w, net.W[1][0, 0]], [2 * w, 2 * net.W[1][0, 0]]])
    assert land.path_losses[0] == pytest.approx(batch_loss(net, x, y, L), rel=1e-12)
    # the current parameters sit at the centre of the grid
    assert land.values[2, 2] == pytest.approx(batch_loss(net, x, y, L), rel=1e-12)


def test_filter_normalisation_matches_each_unit_to_its_weights():
    net, *_ = problem(sizes=(3, 5, 4, 2))
    for seed in (0, 1):
        for d in random_directions(net, seed, "filter"):
            parts = unflatten(d, net)
            for k in range(net.depth):
                # column j of W^(k->k+1): the incoming weights of unit j of layer k+1
                np.testing.assert_allclose(np.linalg.norm(parts[2 * k], axis=0),
                                           np.linalg.norm(net.W[k], axis=0), rtol=1e-12)
                assert not parts[2 * k + 1].any()      # bias directions are 0
    for d in random_directions(net, 0, "layer"):
        parts = unflatten(d, net)
        for k in range(net.depth):
            assert np.linalg.norm(parts[2 * k]) == pytest.approx(np.linalg.norm(net.W[k]))
    a, b = random_directions(net, 4), random_directions(net, 4)
    np.testing.assert_array_equal(a, b)                           # seeded
    assert not np.array_equal(a, random_directions(net, 5))


def test_pca_of_a_trajectory_known_by_hand():
    # mean 0; squared extents 8 along e1, 2 along e2 and 0.5 along e3: total 10.5
    traj = np.array([[2, 0, 0], [-2, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 0.5], [0, 0, -0.5]], float)
    directions, share = pca_directions(traj)
    np.testing.assert_allclose(share, [8 / 10.5, 2 / 10.5], rtol=1e-12)
    np.testing.assert_allclose(np.abs(directions), [[1, 0, 0], [0, 1, 0]], atol=1e-12)
    # through a 2-1 network (P = 3): centred at the last point, path projected onto the plane
    net = build([2, 1], "identity", seed=0)
    x, y = np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([[1.0], [0.0]])
    land = pca_plane(net, x, y, "half_sse", traj, grid=5)
    np.testing.assert_allclose(land.explained_variance, [8 / 10.5, 2 / 10.5])
    np.testing.assert_array_equal(land.center, traj[-1])
    expected = (traj - traj[-1])[:, :2] * np.sign(np.diag(directions[:, :2]))
    np.testing.assert_allclose(land.path, expected, atol=1e-12)
    assert land.axes[0][-1] == pytest.approx(1.2 * 2.0) and land.axes[1][-1] == pytest.approx(1.2 * 1.0)
    with pytest.raises(InputError, match="one line"):
        pca_directions(np.array([[0.0, 0, 0], [1, 1, 1], [2, 2, 2]]))


def test_line_passes_through_initial_and_current_parameters():
    net, x, y, L = problem()
    initial = [p.copy() for p in net.parameters()]
    before = batch_loss(net, x, y, L)
    net.set_parameters([p - 0.2 for p in net.parameters()])
    land = line(net, x, y, L, initial, grid=9, span=0.5)           # t = -0.5, -0.25, ..., 1.5
    assert land.values[np.argmin(np.abs(land.axes[0]))] == pytest.approx(before, rel=1e-12)
    assert land.values[np.argmin(np.abs(land.axes[0] - 1))] == pytest.approx(batch_loss(net, x, y, L), rel=1e-12)
    with pytest.raises(InputError, match="train first"):
        line(net, x, y, L, net.parameters())


def test_random_plane_projects_a_trajectory_lying_in_it():
    net, x, y, L = problem()
    land = random_plane(net, x, y, L, grid=5, seed=2)
    coords = np.array([[0.0, 0.0], [0.3, -0.2], [-1.0, 0.5]])
    land2 = random_plane(net, x, y, L, grid=5, seed=2, trajectory=[land.theta(c) for c in coords])
    np.testing.assert_allclose(land2.path, coords, atol=1e-10)
    np.testing.assert_allclose(land.project([land.theta(c) for c in coords]), coords, atol=1e-10)
    sliced = parameter_slice(net, x, y, L, "W0[1,0]", "W1[0,0]", grid=5)
    moved = [p + 0.5 for p in net.parameters()]
    np.testing.assert_array_equal(sliced.project([moved]), [[moved[0][1, 0], moved[2][0, 0]]])


def test_a_recorded_path_is_read_as_the_array_it_is():
    """The training log keeps the path as one (m, P) array (read-only): it projects as its rows
    given one by one do, a wrong width is refused, and pca's centre is not the caller's row."""
    net, x, y, L = problem()
    land = random_plane(net, x, y, L, grid=5, seed=2)
    coords = np.array([[0.0, 0.0], [0.3, -0.2], [-1.0, 0.5], [2.0, 1.5]])
    path = np.stack([land.theta(c) for c in coords])
    path.flags.writeable = False
    np.testing.assert_allclose(land.project(path), coords, atol=1e-10)
    sliced = parameter_slice(net, x, y, L, "W0[1,0]", "W1[0,0]", grid=5, trajectory=path)
    flat = flatten(net.parameters()).size
    w0 = net.sizes[0] * net.sizes[1]          # W1[0,0] is the first entry after W0 and b0
    np.testing.assert_array_equal(sliced.path, path[:, [1 * net.sizes[1] + 0, w0 + net.sizes[1]]])
    with pytest.raises(InputError, match=f"needs {flat} parameters"):
        land.project(path[:, :-1])
    with pytest.raises(InputError, match="parameters"):
        land.project(np.empty((0, flat)))
    traj = np.array([[2, 0, 0], [-2, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 0.5], [0, 0, -0.5]], float)
    plane = pca_plane(build([2, 1], "identity", seed=0), np.ones((2, 2)), np.ones((2, 1)), "half_sse",
                      traj, grid=3)
    traj[-1] = 99.0
    np.testing.assert_array_equal(plane.center, [0, 0, -0.5])


def test_cancel_and_progress():
    net, x, y, L = problem(n=50)
    center = flatten(net.parameters())
    directions = random_directions(net, 0)
    coords = np.random.default_rng(0).normal(size=(400, 2))
    seen = []
    values, cancelled = evaluate(net, x, y, L, center, directions, coords, chunk=37, workers=2,
                                 progress=lambda done, total: seen.append((done, total)))
    assert not cancelled and np.isfinite(values).all()
    assert seen == [(min(400, 37 * (i + 1)), 400) for i in range(11)]
    calls = []
    values, cancelled = evaluate(net, x, y, L, center, directions, coords, chunk=37, workers=1,
                                 should_stop=lambda: len(calls) >= 3,
                                 progress=lambda done, total: calls.append(done))
    assert cancelled and calls == [37, 74, 111]
    assert np.isfinite(values[:111]).all() and np.isnan(values[-37:]).all()
    land = random_plane(net, x, y, L, grid=41, should_stop=lambda: True)
    assert land.cancelled and np.isnan(land.values).all()


def test_kernels_are_bit_identical_to_the_activations():
    rng = np.random.default_rng(0)
    v = np.concatenate([rng.normal(size=2000) * s for s in (1e-8, 1, 30, 800)]
                       + [np.array([0.0, -0.0, 745.2, -745.2, 1e308, -1e308])])
    for name, entry in ACTIVATIONS.items():
        if not entry.elementwise:
            continue
        out, tmp = np.empty_like(v), np.empty_like(v)
        with np.errstate(all="ignore"):
            got = entry.kernel(v, 0.2, out, tmp)
            assert got is out, name
            np.testing.assert_array_equal(out, entry.forward(v, 0.2), err_msg=name)


def test_bad_input_is_refused():
    net, x, y, L = problem()
    with pytest.raises(InputError, match="grid"):
        random_plane(net, x, y, L, grid=10_000)
    with pytest.raises(InputError, match="normalisation"):
        random_plane(net, x, y, L, normalisation="batch")
    with pytest.raises(InputError, match="do not fit"):
        random_plane(net, x[:, :1], y, L)
    with pytest.raises(InputError, match="different"):
        parameter_slice(net, x, y, L, "W0[0,0]", (0, 0))


def test_batched_grid_equals_a_loop_of_forward_passes_in_every_chunking():
    """The speed is a benchmark (tests/benchmarks/bench_landscape.py); here only the values:
    however the grid is cut into chunks, and with one or two workers, it equals single passes."""
    net, x, y, L = problem((2, 8, 8, 1), ["tanh", "tanh", "sigmoid"], n=200)
    center, directions = flatten(net.parameters()), random_directions(net, 0)
    coords = np.random.default_rng(0).normal(size=(300, 2))
    slow = [single_pass(net, center + c @ directions, x, y, L) for c in coords]
    for chunk, workers in ((None, 1), (7, 1), (64, 2), (1000, 2)):
        fast, cancelled = evaluate(net, x, y, L, center, directions, coords, chunk=chunk, workers=workers)
        assert not cancelled
        np.testing.assert_allclose(fast, slow, rtol=1e-12)
