"""One way of counting steps in every view (issue 25, item 12).

Before: at the start the editor said "step 0", the status bar "no step taken yet", and the
computation graph "Step 1 · before the step"; during a step the editor said "step 2 · after
forward layer 1".  Now every view names the position by core/training/position.py: steps counted
from 1, the step named being the one the views show.  The expected positions are worked out here
by hand from the keys pressed.
"""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from backprop_studio.core.training.position import position_of
from tests.gui.test_computation_graph import close_window, open_window

NAMED = re.compile(r"step\W+(\d+)\W+(not started|in progress|done)", re.IGNORECASE)


def named(text: str) -> tuple[int, str] | None:
    m = NAMED.search(re.sub(r"<[^>]+>", "", text))
    return (int(m[1]), m[2].lower()) if m else None


def every_view(window) -> dict[str, tuple[int, str] | None]:
    """(step, state) as the editor, the status bar, the debugger and the graph print them."""
    out = {"editor": named(window.views["networkEditor"].phase_label.text()),
           "status bar": named(window.position_label.text())}
    window.docks["stepDebugger"].raise_()
    QApplication.processEvents()
    window.views["stepDebugger"].refresh()
    out["debugger"] = named(window.views["stepDebugger"].position.text())
    graph = window.views["computationGraph"]
    window.docks["computationGraph"].raise_()
    QApplication.processEvents()
    graph.refresh()
    out["graph"] = named(graph.status.text())
    return out


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot)
    yield window
    close_window(window)


def test_every_view_names_the_same_step(window):
    s = window.studio
    expected = [(lambda: None, (1, "not started")),       # nothing done yet: the first step is next
                (s.step_phase, (1, "in progress")),        # F11: forward layer 1 of step 1
                (s.step, (1, "done")),                     # F10 finishes it
                (s.step_phase, (2, "in progress")),
                (s.back_phase, (2, "not started")),        # Shift+F9: no phase of step 2 done
                (s.back_step, (1, "not started")),         # F9: back before step 1
                (s.step, (1, "done")),
                (s.step, (2, "done"))]
    for action, want in expected:
        action()
        seen = every_view(window)
        assert set(seen.values()) == {want}, (action, seen)
        assert (position_of(s.session).step, position_of(s.session).state) == want


def test_the_step_in_progress_names_its_last_phase_everywhere(window):
    s = window.studio
    s.step_phase()
    for text in (window.views["networkEditor"].phase_label.text(), window.position_label.text()):
        assert "step 1 in progress · forward layer 1 done" in text
