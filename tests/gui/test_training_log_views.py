"""Views read the session's training log: run in chunks, the GUI sees every step, as the CLI.

The GUI trains in timer chunks (one ``step_taken`` per chunk); before the log, the norm and
trajectory recorders sampled once per chunk, so the loss surface's PCA plane was computed from
a few chunk ends while ``surface --mode pca`` used every step.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.cli.main import main
from backprop_studio.core.files import project_file
from backprop_studio.core.surfaces.landscape import pca_plane, session_data
from backprop_studio.gui.plots.diagnostics import Diagnostics
from backprop_studio.gui.plots.loss_curve import LossCurve
from backprop_studio.gui.plots.surface_network import NetworkLandscape
from backprop_studio.gui.studio import StudioSession

ROOT = Path(__file__).resolve().parents[2]
XOR = ROOT / "resources" / "examples" / "xor.json"
STEPS = 60


@pytest.fixture
def trained(qtbot):
    """xor trained STEPS steps in run mode (timer chunks), with the three views open."""
    studio = StudioSession(project_file.load(XOR))
    views = [NetworkLandscape(studio), Diagnostics(studio), LossCurve(studio)]
    for view in views:
        qtbot.addWidget(view)
    studio.start(steps=STEPS)
    qtbot.waitUntil(lambda: not studio.running, timeout=20000)
    assert studio.session.step_count == STEPS
    return studio, views


def test_run_mode_views_see_every_step(trained):
    studio, (landscape, diagnostics, curve) = trained
    assert landscape.recorder.steps == list(range(STEPS + 1))
    assert diagnostics.recorder.steps.tolist() == list(range(STEPS + 1))
    rec = studio.session.last
    np.testing.assert_allclose(diagnostics.recorder.gradient[-1], [np.linalg.norm(g) for g in rec.dE_dW])
    assert curve.train.steps.tolist() == list(range(1, STEPS + 1))


def test_gui_and_cli_compute_the_same_pca_plane(trained, tmp_path, capsys):
    studio, (landscape, _diagnostics, _curve) = trained
    out = tmp_path / "pca.npz"
    assert main(["surface", str(XOR), "--mode", "pca", "--train-steps", str(STEPS), "--grid", "11",
                 "--out", str(out)]) == 0
    capsys.readouterr()
    cli = np.load(out)
    net, x, y, loss = session_data(studio.session)
    gui = pca_plane(net, x, y, loss, landscape.recorder.matrix(), grid=11)
    np.testing.assert_array_equal(gui.center, cli["center"])
    np.testing.assert_allclose(gui.directions, cli["directions"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(gui.path, cli["path"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(gui.values, cli["values"], rtol=1e-12)
