"""The debugger's Matrices tab: the article's vectors and W^(k→k+1) grids, against hand-worked numbers."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt, QUrl

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.explain import Ref, fmt
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.debugger.panel import StepDebugger
from backprop_studio.gui.studio import StudioSession
from tests.gui.test_debugger import ETA, W0, W1, X, Y, article_session


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def hand_step() -> dict:
    """The article's 3-2-1 step written out with scalar formulas (half SSE, sigmoid, no bias)."""
    h = [sig(sum(X[i] * W0[i, j] for i in range(3))) for j in range(2)]
    out = sig(sum(h[j] * W1[j, 0] for j in range(2)))
    d2 = (out - Y) * out * (1 - out)
    d1 = [W1[j, 0] * d2 * h[j] * (1 - h[j]) for j in range(2)]
    dW0 = [[X[i] * d1[j] for j in range(2)] for i in range(3)]
    return {"h": h, "out": out, "d1": d1, "d2": d2, "dW0": dW0}


def close(text: str, value: float, rel: float = 1e-5) -> bool:
    """Six significant digits (the copy) agree to 1e-5 relative; four (the screen) to 1e-3."""
    return abs(float(text) - value) <= rel * max(1.0, abs(value))


def show(qtbot, studio) -> StepDebugger:
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    return view


def texts(grid) -> list[list[str]]:
    return [[grid.item(r, c).text() for c in range(grid.columnCount())] for r in range(grid.rowCount())]


def full(grid) -> list[list[str]]:
    """The grid as copied (six significant digits), without its header row and column."""
    return [row[1:] for row in grid.as_rows()[1:]]


@pytest.fixture
def debugger(qtbot):
    view = show(qtbot, article_session())
    view.tabs.setCurrentWidget(view.matrices)
    return view


def test_grids_show_w_gradient_update_and_after_like_the_article(debugger):
    debugger.studio.step()
    m, h = debugger.matrices, hand_step()
    W, dW, update, after = (m.grid(f"grid_{kind}_0") for kind in ("param", "grad", "update", "after"))
    assert (W.rowCount(), W.columnCount()) == (3, 2)
    assert [W.horizontalHeaderItem(c).text() for c in range(2)] == ["1", "2"]
    assert [W.verticalHeaderItem(r).text() for r in range(3)] == ["1", "2", "3"]
    assert W.title == "W^(0→1) before" and m.grid("grid_grad_b_0") is None    # no bias in the article
    for i in range(3):
        for j in range(2):
            g = h["dW0"][i][j]                       # ∂E/∂w_ij = v_out,i^(0) δ_j^(1), by hand
            assert close(W.item(i, j).text(), W0[i, j], 1e-3)
            assert close(full(W)[i][j], W0[i, j])
            assert close(full(dW)[i][j], X[i] * h["d1"][j]) and close(full(dW)[i][j], g)
            assert close(full(update)[i][j], -ETA * g)
            assert close(full(after)[i][j], W0[i, j] - ETA * g)
            assert close(dW.item(i, j).text(), g, 1e-3)     # on screen: four significant digits
    d1, d2 = m.grid("grid_delta_1"), m.grid("grid_delta_2")
    assert all(close(full(d1)[j][0], h["d1"][j]) for j in range(2))
    assert close(full(d2)[0][0], h["d2"])
    assert close(full(m.grid("grid_v_out_1"))[1][0], h["h"][1])
    assert [full(m.grid("grid_x"))[i][0] for i in range(3)] == [f"{v:.6g}" for v in X]
    headings = "\n".join(row[0] for row in m.as_rows() if len(row) == 1)
    assert "W^(0→1)  (3×2: rows = units of layer 0, columns = units of layer 1)" in headings
    assert "W^(1→2)  (2×1: rows = units of layer 1, columns = units of layer 2)" in headings


def test_clicking_a_cell_selects_its_value_and_links_stay_in_the_tab(debugger, qtbot):
    debugger.studio.step()
    h = hand_step()
    grid = debugger.matrices.grid("grid_grad_0")
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualItemRect(grid.item(1, 0)).center())
    assert debugger._selected == Ref("grad", 0, 1, 0)
    text = debugger.explanation.toPlainText()
    assert "∂E/∂w" in text and f"{fmt(X[1])} × ({fmt(h['d1'][0])}) = {fmt(X[1] * h['d1'][0])}" in text
    # the δ_1^(1) term links to the δ grid of this tab, not to the Units tab
    debugger._on_explanation_anchor_clicked(QUrl(Ref("delta", 1, 0).url()))
    assert debugger.tabs.currentWidget() is debugger.matrices
    deltas = debugger.matrices.grid("grid_delta_1")
    assert deltas.ref_at(deltas.currentRow(), deltas.currentColumn()) == Ref("delta", 1, 0)
    assert grid.currentItem() is None and not grid.selectedItems()      # one selection in the tab
    assert fmt(h["d1"][0]) in debugger.explanation.toPlainText()


def test_marks_blanks_and_exercise_mode_follow_the_other_tables(debugger):
    s, m = debugger.studio, debugger.matrices
    s.step_phase()                                     # forward layer 1 only
    v_in1 = m.grid("grid_v_in_1")
    assert all(v_in1.item(j, 0).font().bold() for j in range(2))
    assert not m.grid("grid_param_0").item(0, 0).font().bold()
    assert texts(m.grid("grid_v_in_2")) == [[""]]      # not computed yet
    assert texts(m.grid("grid_grad_0")) == [["", ""]] * 3
    assert close(m.grid("grid_param_0").item(2, 1).text(), W0[2, 1], 1e-3)
    debugger.set_exercise_mode(True)
    assert texts(v_in1) == [["?"], ["?"]] and m.text_of(Ref("v_out", 1, 1)) == "?"
    assert debugger.units.text_of(Ref("v_in", 1, 0)) == "?"              # the same rule
    assert m.text_of(Ref("param", 0, 0, 0)) != "?"
    debugger.select(Ref("v_in", 1, 0))
    assert debugger.tabs.currentWidget() is m
    debugger.answer.setText(f"{sum(X[i] * W0[i, 0] for i in range(3)):.4f}")
    assert debugger.check_answer() is True
    assert m.text_of(Ref("v_in", 1, 0)) != "?" and m.text_of(Ref("v_in", 1, 1)) == "?"


def test_step_back_restores_the_grids(debugger):
    s = debugger.studio
    s.step()
    before = debugger.matrices.as_rows()
    s.step()
    assert debugger.matrices.as_rows() != before
    s.back_step()
    s.back_phase()
    s.step_phase()
    assert debugger.matrices.as_rows() == before


def test_copy_every_grid_or_one_grid(debugger):
    debugger.studio.step()
    m = debugger.matrices
    text = m.copy(",")
    assert "W^(0→1) before,1,2\n1,0.1,0.2\n" in text and "δ^(1),δ\n" in text
    tsv = m.grid("grid_after_0").copy("\t").splitlines()
    assert tsv[0] == "W^(0→1) after\t1\t2"
    assert len(tsv) == 4 and all(len(line.split("\t")) == 3 for line in tsv)


def test_batch_shows_each_sample_and_the_mean_delta(qtbot):
    core = project_file.load(project_file_path("xor"))
    assert core.config.batch_size == 10
    studio = StudioSession(core)
    view = show(qtbot, studio)
    view.tabs.setCurrentWidget(view.matrices)
    studio.step()
    rec, m = studio.session.last, view.matrices
    W0_, b1, W1_, b2 = rec.params_before          # b1 = b^(1), the bias of layer 1
    # δ by hand in numpy: tanh hidden layer, sigmoid output with cross-entropy (δ^(2) = ŷ − y)
    hid = np.tanh(rec.x @ W0_ + b1)
    out = 1 / (1 + np.exp(-(hid @ W1_ + b2)))
    d2 = out - rec.y
    d1 = (d2 @ W1_.T) * (1 - hid ** 2)
    x_grid, d_grid = m.grid("grid_x"), m.grid("grid_delta_1")
    assert [x_grid.horizontalHeaderItem(c).text() for c in range(x_grid.columnCount())] == \
        [f"[{s}]" for s in range(1, 9)]
    assert d_grid.horizontalHeaderItem(8).text() == "mean"
    cells = full(d_grid)
    for j in range(4):
        for s in range(8):
            assert close(cells[j][s], d1[s, j], 1e-5)
            assert close(full(x_grid)[1][s], rec.x[s, 1])
        assert close(cells[j][8], d1[:, j].mean(), 1e-5)     # over all 10 samples, 2 not shown
    assert close(full(m.grid("grid_delta_2"))[0][8], d2[:, 0].mean(), 1e-5)
    assert close(full(m.grid("grid_grad_0"))[1][2], np.mean(rec.x[:, 1] * d1[:, 2]), 1e-5)
    assert close(full(m.grid("grid_grad_b_0"))[0][3], d1[:, 3].mean(), 1e-5)
    assert close(full(m.grid("grid_y"))[0][4], rec.y[4, 0])
    assert any("samples 1–8 of 10" in row[0] for row in m.as_rows() if len(row) == 1)


def test_units_tab_groups_a_batch_per_sample_so_x_and_y_show_on_the_left(qtbot):
    core = project_file.load(project_file_path("xor"))
    view = show(qtbot, StudioSession(core))
    view.studio.step()
    units = view.units
    headers = [units.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers == ["v_in [1]", "v_out [1]", "f′(v_in) [1]", "δ [1]", "v_in [2]"]
    x_row, x_col = units.cell_of(Ref("x", 0, 0, 0, 0))
    assert x_col == 1 and units.cell_of(Ref("y", 0, 0, 0, 1))[1] == 5
    assert close(units.item(x_row, x_col).text(), core.last.x[0, 0], 1e-5)


def test_large_layers_are_cut_with_a_note_and_grids_build_only_when_shown(qtbot):
    net = build([30, 25, 1], "sigmoid", bias=True, seed=0)
    rng = np.random.default_rng(0)
    studio = StudioSession(Session(net, Dataset(rng.normal(size=(4, 30)), rng.random((4, 1))),
                                    TrainingConfig(batch_size=0)))
    view = show(qtbot, studio)
    studio.step()
    assert view.matrices.grids == []                  # not drawn while another tab shows
    view.tabs.setCurrentWidget(view.matrices)
    W = view.matrices.grid("grid_param_0")
    assert (W.rowCount(), W.columnCount()) == (20, 10)
    assert close(full(W)[19][9], studio.session.last.params_before[0][19, 9])
    assert view.matrices.grid("grid_param_b_0").columnCount() == 10
    assert view.matrices.grid("grid_v_in_1").rowCount() == 20
    assert any("showing rows 1–20 and columns 1–10" in row[0] for row in view.matrices.as_rows() if len(row) == 1)
    assert view.matrices.text_of(Ref("param", 0, 25, 0)) is None           # cut: the other tab lists it


def project_file_path(name: str):
    from backprop_studio.gui.documents import EXAMPLES_DIR
    return EXAMPLES_DIR / f"{name}.json"


def test_raised_while_training_the_grids_build_in_turns_and_end_as_built_at_once(qtbot):
    """A grid and its bias row per turn of the event loop (784-128-10 has 24 grids): the tab ends
    with the same grids, drawn with the same texts, as a tab whose grids are read at once."""
    studio = article_session()
    studio.step()
    in_turns, at_once = show(qtbot, studio), show(qtbot, studio)
    in_turns.resize(900, 3000)                              # every grid in view: each is drawn as it is built
    sections = in_turns.matrices._sections
    total = sum(len(block) for section in sections for block in section.blocks)
    assert len(sections) > 1
    in_turns.tabs.setCurrentWidget(in_turns.matrices)
    first = len(sections[0].blocks[0])
    assert len(in_turns.matrices.grids) == first < total    # the first block at once, the others later
    assert in_turns.matrices.building
    qtbot.waitUntil(lambda: len(in_turns.matrices.grids) == total, timeout=10_000)
    assert not in_turns.matrices.building
    drawn = {grid.objectName(): texts(grid) for grid in in_turns.matrices.grids}   # as drawn in those turns
    at_once.tabs.setCurrentWidget(at_once.matrices)
    copied = at_once.matrices.as_rows()                     # reading builds and draws every grid at once
    assert list(drawn) == [grid.objectName() for grid in at_once.matrices.grids]
    for grid in at_once.matrices.grids:
        assert drawn[grid.objectName()] == texts(grid), grid.objectName()
    assert in_turns.matrices.as_rows() == copied
    W = in_turns.matrices.grid("grid_param_0")
    assert W is not None and close(full(W)[0][0], W0[0, 0])           # W^(0→1) before the update
