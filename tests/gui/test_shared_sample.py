"""The editor, the step debugger and the computation graph show the same sample of a batch
(issue 25, item 10).

Before: on xor with a batch of 10 the editor printed each unit's v_in and v_out as means over the
batch (unit 4: v_in 0.7882, v_out 0.001195, while tanh(0.7882) = 0.657), and the debugger and the
graph showed single samples: they disagreed and nothing said why.  Now one current sample
(``studio.sample``) is shown everywhere; a chooser in any view changes it for all; choosing a
sample's value in the debugger chooses the sample; what is a mean over the batch says so.  The
expected numbers are computed here from the dataset and the weights, by hand.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from backprop_studio.core.explain import Ref
from backprop_studio.core.files.resources import EXAMPLES_DIR
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD, Secrets
from backprop_studio.gui.debugger.tables import MEAN_DELTA, MEAN_GRADIENT
from tests.gui.test_computation_graph import close_window, open_window


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot, EXAMPLES_DIR / "xor.json")
    yield window
    close_window(window)


def xor_batch(window):
    """The window on the xor example (batch of 10) after the forward pass of layer 1 (F11)."""
    s = window.studio
    s.step_phase()
    assert len(s.session.record.samples) == 10
    return s


def by_hand(s, sample: int, unit: int) -> tuple[float, float]:
    """v_in and v_out = tanh(v_in) of hidden unit ``unit`` for ``sample`` of the batch."""
    core = s.session
    row = int(core.pending.samples[sample])
    x = core.dataset.inputs[row]
    W, b = core.network.W[0], core.network.b[0]
    v_in = math.fsum(float(W[i, unit]) * float(x[i]) for i in range(len(x))) + float(b[unit])
    return v_in, math.tanh(v_in)


def editor_unit(window, k: int, i: int) -> dict[str, str]:
    view = window.views["networkEditor"]
    view._restyle_now()
    text = view.network_scene.unit_labels[(k, i)].text()
    return dict(re.findall(r"(v_in|v_out|δ) (\S+)", text))


def close(printed: str, value: float) -> bool:
    return abs(float(printed) - value) <= 1e-3 * max(abs(value), 1e-3)


def test_the_editor_shows_one_sample_so_that_v_out_is_f_of_v_in(window):
    s = xor_batch(window)
    window.views["networkEditor"].set_option("show_v_in", True)
    window.views["networkEditor"].set_option("show_v_out", True)
    for unit in range(4):
        shown = editor_unit(window, 1, unit)
        v_in, v_out = by_hand(s, 0, unit)
        assert close(shown["v_in"], v_in) and close(shown["v_out"], v_out), (unit, shown, v_in, v_out)
        assert close(shown["v_out"], math.tanh(float(shown["v_in"])))


def test_one_chooser_moves_every_view(window, qtbot):
    s = xor_batch(window)
    editor, debugger, graph = (window.views[n] for n in ("networkEditor", "stepDebugger", "computationGraph"))
    editor.set_option("show_v_in", True)
    boxes = {n: window.findChild(object, n) for n in ("editorSample", "debuggerSample", "graphSample")}
    assert all(box is not None for box in boxes.values()), boxes
    debugger.refresh()
    boxes["debuggerSample"].setValue(4)                       # sample 4 of 10, chosen in the debugger
    assert s.sample.value == 3
    assert close(editor_unit(window, 1, 2)["v_in"], by_hand(s, 3, 2)[0])
    window.docks["computationGraph"].raise_()
    QApplication.processEvents()
    graph.refresh()
    assert boxes["graphSample"].value() == 4 and graph.sample == 3
    assert "Sample 4 of 10" in graph.status.text()
    boxes["graphSample"].setValue(7)                          # ... and in the graph
    assert s.sample.value == 6 and boxes["editorSample"].value() == 7
    assert close(editor_unit(window, 1, 0)["v_in"], by_hand(s, 6, 0)[0])


def test_choosing_a_samples_value_in_the_debugger_chooses_the_sample(window):
    s = xor_batch(window)
    debugger = window.views["stepDebugger"]
    window.docks["stepDebugger"].raise_()
    QApplication.processEvents()
    assert debugger.select(Ref("v_out", 1, 1, 0, 5))
    assert s.sample.value == 5
    header = [debugger.units.horizontalHeaderItem(c) for c in range(debugger.units.columnCount())]
    bold = [h.text() for h in header if h.font().bold()]
    assert bold and all(t.endswith("[6]") for t in bold)      # the current sample's columns are marked


def test_a_sample_past_the_eighth_gets_its_columns(window):
    s = xor_batch(window)
    debugger = window.views["stepDebugger"]
    s.sample.set(9)                                            # the 10th: not among the first 8 columns
    debugger.refresh()
    assert debugger.units.text_of(Ref("v_in", 1, 0, 0, 9)) is not None
    assert close(debugger.units.text_of(Ref("v_in", 1, 0, 0, 9)), by_hand(s, 9, 0)[0])


def test_means_over_the_batch_say_so(window):
    s = xor_batch(window)
    s.step()
    debugger = window.views["stepDebugger"]
    debugger.refresh()
    debugger.params.refs()                                     # a table is laid out when it is read
    headers = {t.horizontalHeaderItem(c).text() for t in (debugger.units, debugger.params)
               for c in range(t.columnCount())}
    assert MEAN_DELTA in headers and MEAN_GRADIENT in headers
    assert "batch mean" in MEAN_DELTA and "batch mean" in MEAN_GRADIENT
    editor = window.views["networkEditor"]
    editor._restyle_now()
    assert "mean over the batch" in editor.phase_label.text()


def test_a_question_hides_the_asked_samples_value_in_the_editor(window):
    s = xor_batch(window)
    editor = window.views["networkEditor"]
    editor.set_option("show_v_out", True)
    s.hidden.set_secrets(Secrets((Ref("v_out", 1, 2, 0, 4),), output_layer=2))
    s.sample.set(4)
    assert editor_unit(window, 1, 2)["v_out"] == SHOWN_INSTEAD
    s.sample.set(0)                    # another sample's v_out is another number: it is shown
    assert editor_unit(window, 1, 2)["v_out"] != SHOWN_INSTEAD
    assert np.isfinite(float(editor_unit(window, 1, 2)["v_out"]))


def test_fine_stepping_shows_the_current_sample(window):
    """Fine stepping (F11 a unit at a time) shows the chosen sample's numbers too, and follows
    a change of sample in the middle of a phase (it showed sample 1's whatever was chosen)."""
    s = window.studio
    window.actions_["actionFineStepping"].trigger()
    readout = window.views["networkEditor"].fine_readout
    core = s.session

    def first_term(sample: int) -> str:
        """w_11^(1) x_1 for ``sample`` of the batch, by hand, as the readout prints its result."""
        x = float(core.dataset.inputs[int(core.pending.samples[sample])][0])
        return f"{float(core.network.W[0][0, 0]) * x:#.4g}"

    s.sample.set(3)
    window.actions_["actionStepPhase"].trigger()          # the first tick: w_11^(1) x_1
    text = re.sub(r"<[^>]+>", "", readout.text())
    assert "x1[4] = " in text and text.endswith(f" = {first_term(3)}"), text
    s.sample.set(5)                                        # another sample, the same tick
    text = re.sub(r"<[^>]+>", "", readout.text())
    assert "fine step 1 of" in text and "x1[6] = " in text and text.endswith(f" = {first_term(5)}"), text


def test_the_current_samples_columns_are_all_in_view(window):
    """Choosing a sample brings its v_in, v_out, f′ and δ columns into the Units table's view,
    whole (they were scrolled to the right edge with its other columns out of sight, or the
    first cut at the left edge once the columns in view grew to their values)."""
    s = window.studio
    for _ in range(3):
        s.step()
    debugger = window.views["stepDebugger"]
    window.docks["stepDebugger"].raise_()
    QApplication.processEvents()
    table = debugger.units
    for sample in (9, 4, 0, 7):
        s.sample.set(sample)
        QApplication.processEvents()
        tag = f"[{sample + 1}]"
        mine = [c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text().endswith(tag)]
        assert len(mine) == 4, mine
        for c in mine:
            left = table.columnViewportPosition(c)
            assert 0 <= left and left + table.columnWidth(c) <= table.viewport().width(), (sample, c, left)
