"""The one redraw throttle (gui/throttle.py), and that every view uses it."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from backprop_studio.gui import throttle
from backprop_studio.gui.throttle import Throttle


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand: what happens "within the interval" no longer
    depends on how fast this machine runs the test.  ``clock.now`` is in seconds."""
    fake = SimpleNamespace(now=100.0)
    monkeypatch.setattr(throttle, "time", SimpleNamespace(perf_counter=lambda: fake.now))
    return fake


def test_not_running_every_request_is_drawn_at_once(qtbot):
    calls = []
    t = Throttle(10.0, lambda: calls.append(1))
    for n in range(3):
        t.request(False)
        assert len(calls) == n + 1


def test_running_draws_on_the_next_turn_then_once_at_the_end_of_the_interval(qtbot, clock):
    calls = []
    t = Throttle(0.05, lambda: calls.append(1))
    t.request(True)
    assert calls == [] and t.pending()          # never inside the turn that trained
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    for _ in range(20):           # a burst within the interval: one call at its end
        clock.now += 0.001
        t.request(True)
    assert calls == [1] and t.pending()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    assert not t.pending()


def test_while_running_redraws_due_together_are_drawn_one_per_turn(qtbot):
    """Every view becomes due in the turn that emitted step_taken: drawn there together they
    would add up to one long freeze; queued, each turn draws one and input is served between."""
    calls = []
    a = Throttle(10.0, lambda: calls.append("a"))
    b = Throttle(10.0, lambda: calls.append("b"))
    a.request(True)
    b.request(True)
    assert calls == []
    after_each_turn = []
    for _ in range(10_000):
        QCoreApplication.processEvents()
        after_each_turn.append(len(calls))
        if len(calls) == 2:
            break
    assert calls == ["a", "b"]
    assert 1 in after_each_turn                 # a turn ended with one drawn, the other waiting
    b.request(True)                             # within its interval: waits for its end ...
    b.cancel()                                  # ... unless cancelled
    a.request(True)
    a.cancel()                                  # a queued call is forgotten too
    assert not a.pending() and not b.pending()


def test_later_coalesces_a_burst_of_signals_into_one_call(qtbot):
    calls = []
    t = Throttle(0.05, lambda: calls.append(1), running=lambda: False)
    for _ in range(5):
        t.later()
    assert calls == []
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    t.later()
    t.cancel()
    assert not t.pending()
    QApplication.processEvents()  # a call still queued would run here
    assert calls == [1]


def test_a_slow_callback_widens_the_interval_by_its_cost(qtbot, clock):
    def slow_redraw():
        clock.now += 0.03         # the redraw takes 30 ms

    t = Throttle(0.01, slow_redraw, cost_factor=4.0)
    t.now()
    assert t._wait == pytest.approx(4 * 0.03)


def test_every_view_redraws_through_it(qtbot, main_window):
    from backprop_studio.gui.plots import common

    assert common.Throttle is Throttle
    editor = main_window.views["networkEditor"]
    debugger = main_window.views["stepDebugger"]
    assert isinstance(debugger._throttle, Throttle)
    assert isinstance(editor._throttle, Throttle)
