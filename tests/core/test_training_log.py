"""The training log: one history per session, per step, trimmed when stepping back.

Norms and the path are checked against values computed here from the step records
(np.linalg.norm of each dE/dW and W; theta as the raveled parameters), not read back
from the log's own arithmetic.
"""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training import log as training_log
from backprop_studio.core.training.log import TrainingLog
from backprop_studio.core.training.session import Session, TrainingConfig


@pytest.fixture(params=["narrow", "wide"])
def recording(request, monkeypatch) -> str:
    """Run a test with the log's both ways of recording: rows buffered and folded in batches
    (narrow, the default for this small network) or norms and theta taken at each step (wide)."""
    if request.param == "wide":
        monkeypatch.setattr(training_log, "BUFFERED_NUMBERS", 0)
    return request.param


def session(shuffle: bool = True, batch: int = 2, test: bool = True) -> Session:
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(7, 2)), rng.uniform(size=(7, 1))
    data = Dataset(x, y, test_inputs=rng.normal(size=(3, 2)), test_targets=rng.uniform(size=(3, 1))) if test \
        else Dataset(x, y)
    cfg = TrainingConfig(batch_size=batch, shuffle=shuffle, seed=5, optimizer="adam",
                         optimizer_params={"learning_rate": 0.05})
    return Session(build([2, 3, 1], "tanh"), data, cfg)


def straight(steps: int) -> Session:
    s = session()
    s.run(steps=steps)
    return s


def assert_same_log(a: TrainingLog, b: TrainingLog) -> None:
    assert a.losses == b.losses and a.epochs == b.epochs
    for name in ("norms", "path", "test"):
        x, y = getattr(a, name), getattr(b, name)
        np.testing.assert_array_equal(x.steps, y.steps, err_msg=name)
        np.testing.assert_array_equal(x.rows, y.rows, err_msg=name)


def test_every_step_is_logged_with_independent_norms_and_theta(recording):
    s = session()
    thetas = [np.concatenate([p.ravel() for p in s.network.parameters()])]
    norms = []
    for _ in range(9):
        rec = s.step()
        thetas.append(np.concatenate([p.ravel() for p in rec.params_after]))
        norms.append([np.linalg.norm(g) for g in rec.dE_dW] + [np.linalg.norm(w) for w in rec.params_after[0::2]])
    log = s.log
    assert log.path.steps.tolist() == log.norms.steps.tolist() == list(range(10))
    np.testing.assert_allclose(log.path.rows, np.array(thetas), rtol=0, atol=0)
    np.testing.assert_allclose(log.norms.rows[1:], np.array(norms), rtol=1e-13)
    assert np.isnan(log.norms.rows[0, :2]).all()                  # no gradient at the start
    assert len(s.losses) == len(s.epochs) == 9 and s.losses is log.losses


def test_stepping_back_and_on_equals_a_log_recorded_straight(recording):
    s = session()
    s.run(steps=12)
    assert s.back_step() and s.back_step() and s.back_phase()     # to step 9, inside step 10
    assert s.go_to(5)
    assert len(s.losses) == 5 and s.log.path.steps[-1] == 5
    s.run(steps=7)
    assert_same_log(s.log, straight(12).log)


def test_reset_starts_a_new_log_and_test_loss_cadence():
    s = session()                                     # 3 test rows <= batch 2? no: k = 2
    assert training_log.test_loss_stride(3, 2) == 2 and training_log.test_loss_stride(3, 4) == 1
    assert training_log.test_loss_stride(1000, 1) == 1024
    s.run(steps=6)
    assert s.log.test.steps.tolist() == [0, 2, 4, 6]
    x, y = s.dataset.test_inputs, s._test_targets
    out = np.tanh(np.tanh(x @ s.network.W[0] + s.network.b[0]) @ s.network.W[1] + s.network.b[1])
    assert np.isclose(s.log.test.rows[-1, 0], np.mean(0.5 * np.sum((out - y) ** 2, axis=1)), rtol=1e-12)
    s.reset()
    assert s.losses == [] and s.log.path.steps.tolist() == [0] and s.log.test.steps.tolist() == [0]


def test_the_path_is_bounded_in_bytes_and_keeps_first_and_latest(monkeypatch, recording):
    from backprop_studio.core.training import log as log_module
    monkeypatch.setattr(log_module, "PATH_BYTES", 40 * (8 * 13 + 8))       # room for 40 points
    s = session(test=False)
    s.run(steps=500)
    path = s.log.path
    assert path.nbytes <= log_module.PATH_BYTES and path.steps[0] == 0 and path.steps[-1] == 500
    assert len(s.losses) == 500                                            # losses stay complete


def test_the_log_is_saved_with_the_project_and_loads_back(tmp_path, recording):
    from backprop_studio.core.files import project_file
    s = session()
    s.run(steps=9)
    before = s.log
    path = tmp_path / "p.json"
    path.write_text(project_file.dumps(s))
    loaded = project_file.load(path)
    assert loaded.losses == before.losses and loaded.epochs == before.epochs
    np.testing.assert_array_equal(loaded.log.path.steps, before.path.steps)
    np.testing.assert_allclose(loaded.log.path.rows, before.path.rows, rtol=1e-15)
    # the loaded position gets its test loss too (step 9 is off the every-2-steps cadence)
    assert loaded.log.test.steps.tolist() == before.test.steps.tolist() + [9]
    np.testing.assert_allclose(loaded.log.test.rows[:-1], before.test.rows, rtol=1e-15)
    assert loaded.log.test.rows[-1, 0] == pytest.approx(s.dataset_loss(test=True), rel=1e-12)
    np.testing.assert_array_equal(loaded.log.norms.steps, before.norms.steps)
    np.testing.assert_allclose(loaded.log.norms.rows, before.norms.rows, rtol=1e-15, equal_nan=True)


def test_a_bad_saved_log_is_refused_naming_its_path(tmp_path):
    import json

    from backprop_studio.core.checks.errors import InputError
    from backprop_studio.core.files import project_file
    s = session()
    s.run(steps=3)
    doc = json.loads(project_file.dumps(s))
    doc["state"]["log"]["path"]["rows"][0] = [1.0, 2.0]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="expected 2 numbers like the first row, got 13") as e:
        project_file.load(path)
    assert "state.log.path.rows" in str(e.value)
    doc["state"]["log"]["path"]["rows"][0] = doc["state"]["log"]["path"]["rows"][1]
    doc["state"]["log"]["test"]["steps"] = [0, 9]
    path.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="increasing whole numbers from 0 to 3"):
        project_file.load(path)


def wide_session() -> Session:
    """64-40-3: theta and the weight gradients are 5,403 numbers, over BUFFERED_NUMBERS."""
    rng = np.random.default_rng(2)
    data = Dataset(rng.normal(size=(40, 64)), rng.uniform(size=(40, 3)))
    cfg = TrainingConfig(batch_size=8, shuffle=True, seed=1, optimizer="sgd",
                         optimizer_params={"learning_rate": 0.1, "momentum": 0.9})
    return Session(build([64, 40, 3], ["relu", "sigmoid"], seed=3), data, cfg)


def test_a_wide_network_logs_the_norms_numpy_computes_and_a_bounded_evenly_thinned_path(monkeypatch):
    monkeypatch.setattr(training_log, "PATH_BYTES", 12 * (8 * 2723 + 8))      # room for 12 points
    s = wide_session()
    assert s.log.size + 2680 > training_log.BUFFERED_NUMBERS
    thetas = {0: np.concatenate([p.ravel() for p in s.network.parameters()])}
    norms = {}
    for step in range(1, 101):
        rec = s.step()
        thetas[step] = np.concatenate([p.ravel() for p in rec.params_after])
        norms[step] = [np.linalg.norm(g) for g in rec.dE_dW] + [np.linalg.norm(w) for w in rec.params_after[0::2]]
    log = s.log
    assert log.norms.steps.tolist() == list(range(101))
    np.testing.assert_array_equal(log.norms.rows[1:], [norms[t] for t in range(1, 101)])   # bit for bit
    path = log.path
    assert path.nbytes <= training_log.PATH_BYTES and path.steps[0] == 0 and path.steps[-1] == 100
    assert len(set(np.diff(path.steps[:-1]))) == 1                              # evenly spread
    np.testing.assert_array_equal(path.rows, [thetas[t] for t in path.steps])


def test_a_wide_network_steps_back_to_the_log_it_had(monkeypatch):
    monkeypatch.setattr(training_log, "PATH_BYTES", 12 * (8 * 2723 + 8))
    s = wide_session()
    s.run(steps=60)
    for _ in range(3):
        assert s.back_step()
    s.back_phase()
    assert s.go_to(41)
    s.run(steps=19)
    straight_run = wide_session()
    straight_run.run(steps=60)
    assert_same_log(s.log, straight_run.log)


def test_both_ways_of_recording_keep_the_same_path_and_norms(monkeypatch):
    narrow = session()
    narrow.run(steps=30)
    monkeypatch.setattr(training_log, "BUFFERED_NUMBERS", 0)
    wide = session()
    wide.run(steps=30)
    np.testing.assert_array_equal(narrow.log.path.steps, wide.log.path.steps)
    np.testing.assert_array_equal(narrow.log.path.rows, wide.log.path.rows)
    np.testing.assert_array_equal(narrow.log.norms.steps, wide.log.norms.steps)
    np.testing.assert_allclose(narrow.log.norms.rows, wide.log.norms.rows, rtol=1e-14, equal_nan=True)


def test_the_loss_curve_series_follows_the_losses_through_steps_back_and_a_reset():
    s = session()
    s.run(steps=6)
    losses, epochs = list(s.losses), list(s.epochs)       # 7 samples, batch 2: 4 steps an epoch
    assert epochs == [0, 0, 0, 0, 1, 1]
    curve = s.log.curve
    assert curve.steps.tolist() == [1, 2, 3, 4, 5, 6] and curve.rows.tolist() == [list(r) for r in zip(losses, epochs)]
    assert s.go_to(3)
    assert s.log.curve.steps.tolist() == [1, 2, 3] and s.log.curve.rows[:, 0].tolist() == losses[:3]
    s.config.optimizer_params["learning_rate"] = 0.5        # another history from step 3 on
    s.run(steps=2)
    assert s.log.curve.rows[:, 0].tolist() == s.losses and s.losses[4] != losses[4]   # E before step 5
    s.reset()
    assert len(s.log.curve) == 0


def test_the_loss_curve_series_is_bounded_in_bytes_and_thinned_evenly(monkeypatch):
    monkeypatch.setattr(training_log, "CURVE_BYTES", 16 * (8 * 2 + 8))       # room for 16 points
    s = session(test=False)
    s.run(steps=100)
    curve = s.log.curve
    assert curve.nbytes <= 16 * (8 * 2 + 8) and len(s.losses) == 100
    steps = curve.steps.tolist()
    assert steps[0] == 1 and steps[-1] == 100 and len(steps) <= 16
    stride = curve.stride
    assert stride > 1 and all(b - a == stride for a, b in zip(steps[1:-2], steps[2:-1]))   # evenly spread
    assert curve.rows[:, 0].tolist() == [s.losses[t - 1] for t in steps]
