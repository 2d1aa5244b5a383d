"""One way from a request to a landscape (issue 24 §2): ``surface`` on the command line and the
Loss Surface view both go through ``core.surfaces.landscape_job``.

A grid point is checked against the session's own loss with the two parameters set (one
forward pass over the data, not the batched grid), the defaults against the documented
numbers, and the CLI's file against the job's values for the same request.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main
from backprop_studio.core.files import project_file
from backprop_studio.core.surfaces.landscape_job import MAX_SPAN, LandscapeRequest, check_span, landscape_job

XOR = Path(__file__).resolve().parents[2] / "resources" / "examples" / "xor.json"


def test_a_params_grid_point_is_the_loss_with_those_two_parameters_set():
    session = project_file.load(XOR)
    w, b = session.network.W[0][0, 1], session.network.b[0][1]
    land = landscape_job(session, LandscapeRequest("params", "W0[0,1]", "b0[1]", grid=5, span=2.0))()
    assert land.labels == ["W0[0,1]", "b0[1]"]
    np.testing.assert_allclose(land.axes[0], w + np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), rtol=1e-15)
    params = [p.copy() for p in session.network.parameters()]
    params[0][0, 1], params[1][1] = w + 1.0, b - 2.0          # axes[0][3], axes[1][0]
    session.set_parameters(params)
    assert math.isclose(land.values[0, 3], session.dataset_loss(), rel_tol=1e-12)


@pytest.mark.parametrize("mode, shape", [("line", (101,)), ("random", (51, 51))])
def test_the_default_grid_is_101_points_for_the_line_and_51_per_axis_otherwise(mode, shape):
    session = project_file.load(XOR)
    session.run(steps=3)                      # the line needs parameters that moved
    assert landscape_job(session, LandscapeRequest(mode))().values.shape == shape


def test_the_job_works_on_copies():
    """Training may go on while the job runs in a worker thread: it reads none of the session's arrays."""
    session = project_file.load(XOR)
    job = landscape_job(session, LandscapeRequest("params", "W0[0,0]", "W0[1,0]", grid=3))
    before = job().values
    session.run(steps=20)
    np.testing.assert_array_equal(job().values, before)


@pytest.mark.parametrize("span", [0.0, -1.0, float("nan"), float("inf"), 2 * MAX_SPAN])
def test_a_span_outside_its_range_is_refused_naming_the_place(span):
    with pytest.raises(InputError) as e:
        check_span(span, "--span")
    assert e.value.where == "--span"
    with pytest.raises(InputError):
        landscape_job(project_file.load(XOR), LandscapeRequest("random", span=span))


def test_an_unknown_mode_is_refused():
    with pytest.raises(InputError, match="unknown mode"):
        landscape_job(project_file.load(XOR), LandscapeRequest("spiral"))


@pytest.mark.parametrize("argv, request_", [
    (["--mode", "params", "--params", "W0[0,1]", "b0[1]", "--grid", "7", "--span", "2"],
     LandscapeRequest("params", "W0[0,1]", "b0[1]", grid=7, span=2.0)),
    (["--mode", "random", "--seed", "4", "--normalisation", "layer", "--grid", "6"],
     LandscapeRequest("random", seed=4, normalisation="layer", grid=6)),
])
def test_the_cli_writes_the_jobs_landscape(argv, request_, tmp_path, capsys):
    out = tmp_path / "s.npz"
    assert main(["surface", str(XOR), *argv, "--out", str(out)]) == 0
    capsys.readouterr()
    with np.load(out) as f:
        written = f["values"]
    np.testing.assert_array_equal(written, landscape_job(project_file.load(XOR), request_)().values)
