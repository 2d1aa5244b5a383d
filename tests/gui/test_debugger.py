"""The step debugger against hand-worked numbers on the article's 3-2-1 example."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.explain import Ref, fmt
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.debugger.panel import StepDebugger
from backprop_studio.gui.studio import StudioSession

W0 = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
W1 = np.array([[0.4], [0.5]])
X = np.array([1.0, 0.5, -0.2])
Y = 1.0
ETA = 0.5


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def hand() -> dict:
    """One step of the article's network, written out by hand."""
    v1 = [sum(W0[i, j] * X[i] for i in range(3)) for j in range(2)]
    h = [sig(v) for v in v1]
    v2 = W1[0, 0] * h[0] + W1[1, 0] * h[1]
    out = sig(v2)
    d2 = (out - Y) * out * (1 - out)
    d1 = [W1[j, 0] * d2 * h[j] * (1 - h[j]) for j in range(2)]
    gW0 = np.array([[X[i] * d1[j] for j in range(2)] for i in range(3)])
    gW1 = np.array([[h[0] * d2], [h[1] * d2]])
    return {"v1": v1, "h": h, "v2": v2, "out": out, "d2": d2, "d1": d1, "gW0": gW0, "gW1": gW1,
            "E": 0.5 * (Y - out) ** 2, "W0after": W0 - ETA * gW0, "W1after": W1 - ETA * gW1}


def article_session(**config) -> StudioSession:
    net = build([3, 2, 1], "sigmoid", bias=False)
    net.W[0], net.W[1] = W0.copy(), W1.copy()
    cfg = TrainingConfig(loss="half_sse", optimizer="sgd", optimizer_params={"learning_rate": ETA}, **config)
    return StudioSession(Session(net, Dataset(X[None], np.array([[Y]])), cfg))


@pytest.fixture
def debugger(qtbot):
    studio = article_session()
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    view.show()
    return view


def cell(view, ref: Ref) -> float:
    table = view.units if ref.kind in ("v_in", "v_out", "delta", "x", "y", "fprime") else (
        view.losses if "loss" in ref.kind else view.params)
    return float(table.text_of(ref))


def test_object_name_and_tables_show_the_engine_values_after_one_step(debugger):
    assert debugger.objectName() == "stepDebugger"
    debugger.studio.step()
    h = hand()
    close = lambda a, b: abs(a - b) <= 1e-5 * max(1, abs(b))
    for j in range(2):
        assert close(cell(debugger, Ref("v_in", 1, j)), h["v1"][j])
        assert close(cell(debugger, Ref("v_out", 1, j)), h["h"][j])
        assert close(cell(debugger, Ref("delta", 1, j)), h["d1"][j])
    assert close(cell(debugger, Ref("v_out", 2, 0)), h["out"])
    assert close(cell(debugger, Ref("delta", 2, 0)), h["d2"])
    assert close(cell(debugger, Ref("loss")), h["E"])
    for i in range(3):
        for j in range(2):
            assert close(cell(debugger, Ref("grad", 0, i, j)), h["gW0"][i, j])
            assert close(cell(debugger, Ref("param", 0, i, j)), W0[i, j])
            assert close(cell(debugger, Ref("update", 0, i, j)), -ETA * h["gW0"][i, j])
            assert close(cell(debugger, Ref("after", 0, i, j)), h["W0after"][i, j])
    assert close(cell(debugger, Ref("after", 1, 1, 0)), h["W1after"][1, 0])
    # the loss after the step, on the same batch, by hand
    v1 = [sum(h["W0after"][i, j] * X[i] for i in range(3)) for j in range(2)]
    after = sig(sum(h["W1after"][j, 0] * sig(v1[j]) for j in range(2)))
    assert close(cell(debugger, Ref("loss_after")), 0.5 * (Y - after) ** 2)
    assert "step 1" in debugger.position.text()


def test_why_this_number_for_a_delta(debugger):
    debugger.studio.step()
    h = hand()
    assert debugger.select(Ref("delta", 1, 0))
    text = debugger.explanation.toPlainText()
    fp = h["h"][0] * (1 - h["h"][0])
    # five digits of δ^(2): with four the printed product would be −0.008824 (core/explain/arithmetic.py)
    assert f"(0.4000 × ({fmt(h['d2'], 5)})) × {fmt(fp)} = {fmt(h['d1'][0])}" in text
    assert "δ1(1)" in text.replace(" ", "")   # δ_1^(1) as rich text: sub 1, sup (1)
    # clicking the δ^(2) term jumps to where it was computed
    debugger._on_explanation_anchor_clicked(QUrl(Ref("delta", 2, 0).url()))
    assert debugger.tabs.currentWidget() is debugger.units
    assert debugger.units.ref_at(debugger.units.currentRow(), debugger.units.currentColumn()) == Ref("delta", 2, 0)


def test_phases_mark_what_changed_and_step_back_restores_the_tables(debugger):
    s = debugger.studio
    s.step()
    before = [row[:] for row in debugger.params.as_rows()]
    s.step_phase()      # step 2, forward layer 1
    assert debugger.units.item(*debugger.units.cell_of(Ref("v_in", 1, 0))).font().bold()
    assert not debugger.units.item(*debugger.units.cell_of(Ref("v_in", 2, 0))).font().bold()
    assert debugger.units.text_of(Ref("v_in", 2, 0)) == ""
    assert "forward layer 1 done" in debugger.position.text()
    s.step()            # finish step 2
    assert debugger.params.as_rows() != before
    s.back_step()       # back into ... the state after step 1
    s.back_phase()      # step 1 again, all but its update
    s.step_phase()      # its update: the same step 1 as before
    assert debugger.params.as_rows() == before


def test_copy_as_tsv_and_csv(debugger):
    debugger.studio.step()
    text = debugger.params.copy("\t")
    assert QGuiApplication.clipboard().text() == text
    lines = text.splitlines()
    assert lines[0].split("\t")[:2] == ["", "before"]
    assert any(line.startswith("w_11^(1)\t0.1\t") for line in lines)
    assert "w_11^(1),0.1," in debugger.params.copy(",")


def test_exercise_mode_marks_right_and_wrong_answers(debugger):
    s = debugger.studio
    debugger.set_exercise_mode(True)
    s.step_phase()                      # forward layer 1: v_in^(1), v_out^(1) hidden
    assert debugger.units.text_of(Ref("v_in", 1, 0)) == "?"
    h = hand()
    debugger.select(Ref("v_in", 1, 0))
    debugger.answer.setText(f"{h['v1'][0]:.4f}")
    debugger.answer_button.click()
    assert debugger.exercise.right == 1 and "Right" in debugger.feedback.text()
    assert debugger.units.text_of(Ref("v_in", 1, 0)) != "?"
    debugger.select(Ref("v_out", 1, 1))
    debugger.answer.setText("0.9")
    assert debugger.check_answer() is False
    # a first wrong answer gives a second try: still hidden, not yet scored, no formula
    assert "try once more" in debugger.feedback.text()
    assert debugger.units.text_of(Ref("v_out", 1, 1)) == "?"
    assert debugger.score.text() == "Score: 1 / 1"
    assert fmt(h["h"][1]) not in debugger.explanation.toPlainText()
    debugger.answer.setText("0.9")
    assert debugger.check_answer() is False
    assert debugger.score.text() == "Score: 1 / 2"
    assert fmt(h["h"][1]) in debugger.explanation.toPlainText()     # the formula is revealed
    assert debugger.units.text_of(Ref("v_out", 1, 1)) != "?"
    debugger.select(Ref("v_out", 1, 0))
    debugger.answer.setText("abc")
    assert debugger.check_answer() is None and "not a number" in debugger.feedback.text()


def test_exercise_second_try_can_be_right(debugger):
    debugger.set_exercise_mode(True)
    debugger.studio.step_phase()        # forward layer 1
    h = hand()
    debugger.select(Ref("v_in", 1, 0))
    debugger.answer.setText("12345")
    assert debugger.check_answer() is False
    assert debugger.units.text_of(Ref("v_in", 1, 0)) == "?"
    debugger.answer.setText(f"{h['v1'][0]:.4f}")
    assert debugger.check_answer() is True
    assert debugger.score.text() == "Score: 1 / 1"
    assert debugger.units.text_of(Ref("v_in", 1, 0)) != "?"


def test_gradient_check_table(debugger):
    debugger.studio.step()
    debugger.run_gradient_check()
    view = debugger.gradcheck
    assert view.table.rowCount() == 8
    assert "all within 1e-05" in view.summary.text()
    errors = [float(view.table.item(r, 3).text()) for r in range(8)]
    assert max(errors) < 1e-5


def test_gradient_check_marks_follow_the_theme(debugger):
    """✓ / ✗ are read by their mark; their colour is the theme's (AA-checked) ok / error colour."""
    from backprop_studio.gui import palettes, theme

    debugger.run_gradient_check()
    table = debugger.gradcheck.table
    try:
        for name in ("light", "high_contrast"):
            theme.apply_theme(None, name, save=False)
            mark = table.item(0, 4)
            assert mark.text() == "✓"
            assert mark.foreground().color().name() == palettes.THEMES[name].colours["ok"]
    finally:
        theme.apply_theme(None, "light", save=False)


def test_divergence_stops_the_run_and_explains(qtbot):
    rng = np.random.default_rng(0)
    net = build([2, 3, 1], ["tanh", "identity"], seed=0)
    x = rng.normal(size=(8, 2))
    studio = StudioSession(Session(net, Dataset(x, 1e3 * x[:, :1]), TrainingConfig(
        optimizer_params={"learning_rate": 1e300}, batch_size=0)))
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(studio.diverged, timeout=5000):
        studio.start()
    qtbot.waitUntil(lambda: not studio.running, timeout=5000)
    assert view.divergence.isVisible()
    text = view.divergence.text()
    assert "diverged" in text and "learning rate" in text
    rec = studio.session.record
    assert all(np.isfinite(p).all() for p in studio.session.network.parameters())
    assert rec.step == studio.session.step_count + 1   # the failed step, before its update


def test_f10_and_f11_trigger_the_step_actions(qtbot):
    from backprop_studio.gui.main_window import MainWindow
    studio = article_session()
    window = MainWindow(studio)
    # the tests train: closing at the end must not ask to save
    qtbot.addWidget(window, before_close_func=lambda w: w.studio.set_unmodified())
    a = window.actions_
    assert a["actionStepTraining"].shortcut().toString() == "F10"
    assert a["actionStepPhase"].shortcut().toString() == "F11"
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_F11)
    assert studio.session.pending is not None and studio.session.pending.phases_done == 1
    qtbot.keyClick(target, Qt.Key.Key_F10)
    assert studio.session.pending is None and studio.session.step_count == 1
    view = window.views["stepDebugger"]
    assert isinstance(view, StepDebugger)


def test_hidden_panel_skips_work_and_catches_up_when_shown(debugger):
    debugger.hide()
    debugger.studio.step()
    assert "(done)" not in debugger.position.text()   # not redrawn while hidden
    debugger.show()
    assert "(done)" in debugger.position.text()


def test_batch_shows_per_sample_values_beside_their_mean(qtbot):
    net = build([3, 2, 1], "sigmoid", bias=True)
    x = np.array([[1.0, 0.5, -0.2], [0.3, -0.4, 0.9]])
    studio = StudioSession(Session(net, Dataset(x, np.array([[1.0], [0.0]])),
                                    TrainingConfig(optimizer_params={"learning_rate": 0.5}, batch_size=0)))
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    view.show()
    studio.step()
    rec = studio.session.last
    d = [float(view.units.text_of(Ref("delta", 1, 0, 0, s))) for s in (0, 1)]
    assert np.allclose(d, rec.delta[1][:, 0], rtol=1e-5)
    assert np.isclose(float(view.units.text_of(Ref("delta_mean", 1, 0))), np.mean(d), rtol=1e-5)
    shares = [float(view.params.text_of(Ref("contrib", 0, 2, 1, s))) for s in (0, 1)]
    assert np.allclose(shares, x[:, 2] * rec.delta[1][:, 1], rtol=1e-5)
    assert np.isclose(float(view.params.text_of(Ref("grad", 0, 2, 1))), np.mean(shares), rtol=1e-5)



@pytest.mark.parametrize("batch", [2, 4])     # 2 divides the 6 samples, 4 does not
def test_preview_shows_the_batch_the_step_uses_across_shuffled_epoch_boundaries(qtbot, batch):
    """The preview (shown before a step, at the start and after a step back) names the samples
    the step then really uses, also where a shuffled epoch draws its new order."""
    x = np.arange(18.0).reshape(6, 3) / 10
    cfg = TrainingConfig(optimizer_params={"learning_rate": 0.5}, batch_size=batch, shuffle=True, seed=3)
    studio = StudioSession(Session(build([3, 2, 1], "sigmoid"), Dataset(x, (np.arange(6) % 2.0)[:, None]), cfg))
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    view.show()
    boundaries = 0
    for _ in range(8):
        core = studio.session
        assert core.last is None and core.pending is None      # the panel shows its preview
        boundaries += core.position == 0
        view.refresh()
        shown = view.ctx.record.samples.tolist()
        studio.step()
        assert shown == core.last.samples.tolist(), core.step_count
        studio.step()
        studio.back_step()                                     # to the next preview
    assert boundaries >= 3
