"""The timeline is an object with declared state that the session has (not a mixin)."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.training.history import TrainingState
from backprop_studio.core.training.records import TrainingConfig
from backprop_studio.core.training.session import Session
from backprop_studio.core.training.timeline import Timeline

from .test_session import xor_session


def state_at(step: int) -> TrainingState:
    return TrainingState([np.zeros(2)], {"t": 0}, {}, step, 0, 0, np.arange(2))


def test_the_timeline_declares_its_state() -> None:
    timeline = Timeline(state_at(0), TrainingConfig())
    assert not hasattr(timeline, "__dict__")
    with pytest.raises(AttributeError):
        timeline.step_count = 3
    assert set(Timeline.__slots__) == {"history", "configs"}


def test_the_session_has_a_timeline_and_declares_every_attribute() -> None:
    assert not issubclass(Session, Timeline)
    s = xor_session()
    declared = set(Session.__annotations__)
    s.run(steps=5)
    s.step_phase()
    s.back_phase()
    s.back_phase()
    s.set_config(TrainingConfig(optimizer="sgd", batch_size=1))
    s.run(steps=3)
    s.go_to(2)
    s.back_step()
    s.set_parameters([p + 0.1 for p in s.network.parameters()])
    s.reinitialise(seed=4)
    assert isinstance(s.timeline, Timeline) and s.history is s.timeline.history
    assert set(vars(s)) <= declared, set(vars(s)) - declared


def test_rewind_restores_the_nearest_snapshot_and_retakes_each_step_with_its_config() -> None:
    first, second = TrainingConfig(batch_size=1), TrainingConfig(batch_size=2)
    timeline = Timeline(state_at(0), first)
    at = [0]

    def take_step(config: TrainingConfig) -> None:
        taken.append((at[0], config.batch_size))
        at[0] += 1
        timeline.record(state_at(at[0]))

    taken: list[tuple[int, int]] = []
    for _ in range(3):
        take_step(first)
    timeline.config_changed(3, second)
    for _ in range(3):
        take_step(second)
    assert timeline.config_at(2).batch_size == 1 and timeline.config_at(3).batch_size == 2
    timeline.history.truncate_after(0)        # only the start is left: every step is retaken
    taken.clear()
    restored: list[int] = []

    def restore(s: TrainingState) -> None:
        restored.append(s.step)
        at[0] = s.step

    stepped_with = timeline.rewind(4, second, restore, take_step)
    assert restored == [0] and taken == [(0, 1), (1, 1), (2, 1), (3, 2)]
    assert stepped_with.batch_size == 2 and [s for s, _ in timeline.configs] == [0, 3]
