"""Fine stepping in the window, on the article's 3-2-1 example, against the numbers worked by hand.

F11 (with Fine Stepping on) is pressed tick by tick through a whole training step; after each
press the network editor's lit unit, lit connection and the number on it, the computation
graph's lit node and the Step Debugger's values and "changed" marks are checked against the
hand-worked example of tests/core/test_fine_stepping.py (lessons 6 and 7's numbers).  Then
Shift+F9 steps back a tick and a phase, play/pause reaches the end of the step, and a lesson's
question hides a tick's numbers.
"""
from __future__ import annotations

import pytest

from backprop_studio.core.explain import Ref
from backprop_studio.core.lessons.hiding import Secrets
from tests.core.test_fine_stepping import by_hand
from tests.gui.test_computation_graph import close_window, graph_view, open_window


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot)
    window.actions_["actionFineStepping"].trigger()
    yield window
    close_window(window)


def lit_units(scene) -> set:
    return {key for key, item in scene.neurons.items() if item.highlight is not None}


def lit_edges(scene) -> set:
    return {(k, layer.sources[a], layer.targets[b]) for k, layer in scene.connections.layers.items()
            for a, b in zip(*layer.hl_width.nonzero())}


def label(scene, k, i, j) -> str:
    return scene.connection_labels[(k, i, j)].text()


def four(value: float) -> str:
    """The editor's 4 significant digits (gui/editor/values.py fmt)."""
    return f"{value:#.4g}"


def debugger_value(window, ref):
    debugger = window.views["stepDebugger"]
    debugger.refresh()
    return debugger._value(ref), debugger._is_new(ref)


# what each tick lights and shows, written from the article's figure (k: layer, i, j: units)
EXPECTED_EDGE = {"term": lambda k, i, j: (k - 1, i, j), "dE_dv_out": lambda k, j: (k, j, 0),
                 "gradient": lambda k, i, j: (k, i, j), "update": lambda k, i, j: (k, i, j)}
SYMBOL = {"term": "w·x", "dE_dv_out": "w·δ", "gradient": "∂E/∂w", "update": "Δw"}
REF = {"v_in": "v_in", "v_out": "v_out", "delta": "delta", "gradient": "grad", "update": "update"}


def test_f11_tick_by_tick_lights_the_editor_and_the_graph_and_the_debugger_follows(window):
    scene = window.views["networkEditor"].network_scene
    press = window.actions_["actionStepPhase"].trigger
    readout = window.views["networkEditor"].fine_readout
    for what, at, value in by_hand():
        press()
        # the editor: the unit being computed is lit, and the connection it reads
        unit = (at[0] + 1, at[2]) if what in ("gradient", "update") else (at[0], at[-1]) if at else None
        if what == "loss":
            assert lit_units(scene) == {(2, 0)}
        elif what not in ("gradient",):
            assert unit in lit_units(scene), (what, at)
        if what in EXPECTED_EDGE:
            edge = EXPECTED_EDGE[what](*at)
            assert lit_edges(scene) == {edge}, (what, at)
            symbol = "w·v" if what == "term" and at[0] == 2 else SYMBOL[what]
            assert label(scene, *edge) == f"{symbol} {four(value)}", (what, at)
        # below the network, the tick's formula ends in its number
        assert readout.isVisible() and f" = {four(value)}" in readout.text(), (what, at)
        # the debugger: the value is there and marked changed; the next one is not computed yet
        if what in REF:
            k = at[0]
            ref = Ref(REF[what], k, at[1], at[2]) if len(at) == 3 else Ref(REF[what], k, at[1])
            shown, new = debugger_value(window, ref)
            assert shown == pytest.approx(value, rel=1e-12) and new, (what, at)
        if (what, at) == ("v_in", (1, 0)):
            assert debugger_value(window, Ref("v_out", 1, 0)) == (None, False)
            assert debugger_value(window, Ref("v_in", 1, 1)) == (None, False)
        if (what, at) == ("delta", (1, 0)):
            assert debugger_value(window, Ref("delta", 1, 1)) == (None, False)
            delta2 = next(v for w, a, v in by_hand() if (w, a) == ("delta", (2, 0)))
            assert debugger_value(window, Ref("delta", 2, 0))[0] == pytest.approx(delta2)
    assert window.studio.session.step_count == 1


def test_the_graph_lights_the_node_of_the_tick_and_hides_what_is_not_revealed(window):
    press = window.actions_["actionStepPhase"].trigger
    ticks = by_hand()
    for _ in range(20):                      # to ∂E/∂v_out,1^(1) = w_11^(2) δ^(2), the first of backward layer 1
        press()
    assert ticks[19][:2] == ("dE_dv_out", (1, 0))
    view = graph_view(window)
    item = view.items["vout1_0"]
    assert item.pen().widthF() > 2 and item.grad_text == f"∂E: {ticks[19][2]:#.4g}"
    assert view.items["vin1_0"].grad_text == ""                 # δ_1^(1): the next tick
    assert view.items["mul2_0_0"].pen().widthF() > 2            # the product w_11^(2)·v_out,1 it flows through
    assert view.items["vin1_1"].pen().widthF() < 2
    press()
    assert view.items["vin1_0"].grad_text == f"∂E: {ticks[20][2]:#.4g}" and view.items["vin1_0"].pen().widthF() > 2


def test_shift_f9_steps_back_a_tick_then_a_phase(window):
    studio, press = window.studio, window.actions_["actionStepPhase"].trigger
    back = window.actions_["actionStepBackPhase"].trigger
    for _ in range(12):                      # forward layer 2, its second tick
        press()
    assert studio.fine.reveal().index == 1 and str(studio.fine.reveal().phase) == "forward layer 2"
    back()
    assert studio.fine.reveal().index == 0
    back()                                   # before the phase's first tick: the phase goes
    assert studio.session.pending.phases_done == 1 and studio.fine.reveal() is None
    back()                                   # then forward layer 1 loses its last tick
    shown = studio.fine.reveal()
    assert str(shown.phase) == "forward layer 1" and shown.index == 8
    assert debugger_value(window, Ref("v_out", 1, 1)) == (None, False)
    assert debugger_value(window, Ref("v_in", 1, 1))[0] == pytest.approx(0.55)
    press()
    assert debugger_value(window, Ref("v_out", 1, 1))[0] == pytest.approx(by_hand()[9][2])


def test_play_reaches_the_end_of_the_step_and_pause_stops_it(window, qtbot):
    studio = window.studio
    speed = window.findChild(object, "fineSpeed")
    speed.setCurrentIndex(speed.findData(20.0))
    window.actions_["actionPlayFine"].trigger()
    assert studio.fine.playing and window.actions_["actionPlayFine"].text() == "Pause Fine Steps"
    qtbot.waitUntil(lambda: studio.fine.reveal() is not None and str(studio.fine.reveal().phase) == "forward layer 2",
                    timeout=20_000)
    assert studio.session.step_count == 0 and studio.fine.playing       # on through the phases
    qtbot.waitUntil(lambda: not studio.fine.playing, timeout=30_000)
    assert studio.session.step_count == 1 and studio.fine.reveal().at_end     # it stops at the step's end
    assert str(studio.fine.reveal().phase) == "update"
    window.actions_["actionPlayFine"].trigger()
    qtbot.waitUntil(lambda: studio.session.pending is not None, timeout=20_000)  # on into the next step
    window.actions_["actionPlayFine"].trigger()
    assert not studio.fine.playing and not studio.fine._timer.isActive()


def test_a_lesson_question_hides_the_numbers_of_a_tick(window):
    studio, press = window.studio, window.actions_["actionStepPhase"].trigger
    studio.hidden.set_secrets(Secrets((Ref("delta", 1, 0),), 2))
    for _ in range(21):                      # δ_1^(1) = ∂E/∂v_out,1^(1) f'(v_in,1^(1)), asked
        press()
    scene = window.views["networkEditor"].network_scene
    text = window.views["networkEditor"].fine_readout.text()
    assert "-0.01930" not in text and "-0.07726" not in text and "hidden" in text
    assert "v<sub>in,1</sub>" in text or "v_in,1" in text                  # the formula stays
    assert label(scene, 1, 0, 0) == "w·δ ?"                                # ∂E/∂v_out,1 = δ_1 / f'


def test_turning_fine_stepping_off_shows_the_phase_whole(window):
    studio, press = window.studio, window.actions_["actionStepPhase"].trigger
    press()
    assert debugger_value(window, Ref("v_in", 1, 0)) == (None, False)
    window.actions_["actionFineStepping"].trigger()
    assert not studio.fine.enabled and studio.fine.reveal() is None
    assert debugger_value(window, Ref("v_in", 1, 0))[0] == pytest.approx(-0.05)
    assert not window.views["networkEditor"].fine_readout.isVisible()
    press()                                  # F11 is a phase again
    assert studio.session.pending.phases_done == 2


def test_lesson_7_turns_fine_stepping_on_and_show_me_stops_at_the_delta(lesson_window, qtbot):
    from backprop_studio.core.files.resources import LESSONS_DIR
    from tests.gui.lessons_helpers import panel_on, start

    studio = lesson_window.studio
    panel = panel_on(lesson_window, qtbot, LESSONS_DIR)
    start(panel, "backward-pass")
    panel.go_to(5)                                      # "Watch δ flow on the network"
    assert studio.fine.enabled and lesson_window.actions_["actionFineStepping"].isChecked()
    assert not panel.next_button.isEnabled()
    panel.show_me()                                     # F11 until δ_2^(1) is revealed, and no further
    shown = studio.fine.reveal()
    assert (shown.tick.what, shown.tick.at) == ("delta", (1, 1)) and panel.next_button.isEnabled()
    hand = next(v for w, a, v in by_hand() if (w, a) == ("delta", (1, 1)))
    assert shown.tick.value == pytest.approx(hand, rel=1e-12)
    panel.leave()
    assert not studio.fine.enabled and not lesson_window.actions_["actionFineStepping"].isChecked()


def test_an_asked_weight_stays_hidden_on_the_fan(window):
    window.studio.hidden.set_secrets(Secrets((Ref("param", 0, 1, 0),), 2))      # w_21^(1) asked
    window.actions_["actionStepPhase"].trigger()                                 # w_11^(1) x_1: unit 1's fan
    scene = window.views["networkEditor"].network_scene
    assert label(scene, 0, 0, 0) == "w·x 0.1000"                                # by hand: 0.1 × 1
    assert label(scene, 0, 1, 0) == "w ?" and label(scene, 0, 2, 0) == "w 0.5000"
    assert label(scene, 0, 0, 1) == ""                                          # unit 2's fan: its turn later
