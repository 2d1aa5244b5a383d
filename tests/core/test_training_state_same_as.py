"""TrainingState.same_as: the rule behind "training since the last save" (the GUI's modified flag)."""
from __future__ import annotations

from pathlib import Path

from backprop_studio.core.files import project_file

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "xor.json"


def test_a_state_reached_again_by_stepping_back_is_the_same():
    s = project_file.load(EXAMPLE)
    s.run(steps=12)
    saved = s.state()
    s.run(steps=5)
    assert not s.state().same_as(saved)
    for _ in range(5):
        s.back_step()
    assert s.state().same_as(saved)


def test_the_same_step_reached_another_way_is_not_the_same():
    s = project_file.load(EXAMPLE)
    s.run(steps=12)
    saved = s.state()
    s.reset()
    config = s.config
    config.optimizer_params["learning_rate"] = config.optimizer_params["learning_rate"] * 2
    s.set_config(config)
    s.run(steps=12)
    assert s.step_count == saved.step
    assert not s.state().same_as(saved)


def test_a_saved_and_reloaded_state_is_the_same(tmp_path):
    s = project_file.load(EXAMPLE)
    s.run(steps=7)
    project_file.save(s, tmp_path / "a.json")
    assert project_file.load(tmp_path / "a.json").state().same_as(s.state())
