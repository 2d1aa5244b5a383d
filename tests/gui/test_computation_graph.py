"""The Computation Graph dock: the engine's numbers, lit by the stepping, linked to the debugger."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.core.explain import Ref, value_of

XOR = "resources/examples/xor.json"


def open_window(qtbot, path=None):
    """The main window on ``path`` (the article's example) as the app opens it the first time at
    1366x768: the default layout, no saved one read or written."""
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.documents import DEFAULT_EXAMPLE
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    window = MainWindow(StudioSession(project_file.load(path or DEFAULT_EXAMPLE)), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    window.resize(1366, 768)
    window.show()
    docks = window.docks
    qtbot.waitUntil(lambda: docks["stepDebugger"] in window.tabifiedDockWidgets(docks["computationGraph"])
                    and docks["stepDebugger"].visibleRegion().boundingRect().width() > 0)
    return window


def close_window(window) -> None:
    window.studio.set_unmodified()      # closing never prompts
    window.close()
    window.deleteLater()


@pytest.fixture
def main_window(qtbot):
    window = open_window(qtbot)
    yield window
    close_window(window)


def graph_view(window):
    """The graph's tab raised, drawn for the window's current state."""
    from PySide6.QtWidgets import QApplication

    view = window.views["computationGraph"]
    window.docks["computationGraph"].raise_()
    QApplication.processEvents()
    view.refresh()
    assert view.isVisible()
    return view


def shown(view, node_id):
    """What the node's box says: (value text, gradient text)."""
    item = view.items[node_id]
    return item.value_text, item.grad_text


def test_the_dock_exists_with_its_object_name(main_window):
    from backprop_studio.gui.views import VIEWS

    assert "computationGraph" in VIEWS
    assert main_window.findChild(type(main_window.views["computationGraph"]), "computationGraph") is not None


def test_after_one_step_E_and_every_gradient_equal_the_debugger_and_the_hand_values(main_window):
    from tests.core.test_article_example import by_hand

    studio = main_window.studio
    studio.step()
    view = graph_view(main_window)
    debugger = main_window.views["stepDebugger"]
    debugger.refresh()
    rec = studio.session.record
    g = view.graph
    h = by_hand(rec.params_before[0].tolist(), rec.params_before[2].tolist())
    assert g.nodes["E"].value == debugger._value(Ref("loss"))
    assert g.nodes["E"].value == pytest.approx(h["E"], rel=1e-12)
    for k, rows, cols in ((0, 3, 2), (1, 2, 1)):
        for i in range(rows):
            for j in range(cols):
                node = g.nodes[f"w{k}_{i}_{j}"]
                assert node.grad == debugger._value(Ref("grad", k, i, j))
                key = f"dW01_{i + 1}{j + 1}" if k == 0 else f"dW12_{i + 1}"
                assert node.grad == pytest.approx(h[key], rel=1e-12)
                assert shown(view, node.id)[1] == f"∂E: {node.grad:#.4g}"


def test_F11_lights_the_graph_phase_by_phase_and_back_empties_it(main_window):
    studio = main_window.studio
    view = graph_view(main_window)
    assert shown(view, "x0")[0] == "1.000" and shown(view, "vin1_0") == ("…", "")
    studio.step_phase()                                   # forward layer 1
    assert shown(view, "vin1_0")[0] == "-0.05000" and shown(view, "vin2_0")[0] == "…"
    studio.step_phase()                                   # forward layer 2
    studio.step_phase()                                   # the loss
    assert shown(view, "E")[1] == "∂E: 1.000" and shown(view, "vin2_0")[1] == ""
    studio.step_phase()                                   # backward layer 2
    assert shown(view, "vin2_0")[1].startswith("∂E: -0.1104") and shown(view, "w1_0_0")[1] != ""
    assert shown(view, "vin1_0")[1] == "" and shown(view, "w0_0_0")[1] == ""
    studio.step_phase()                                   # backward layer 1
    assert shown(view, "w0_0_0")[1] == "∂E: -0.01930"
    studio.back_phase()
    assert shown(view, "w0_0_0")[1] == "" and shown(view, "w1_0_0")[1] != ""
    studio.back_phase()
    studio.back_phase()
    assert shown(view, "E") == ("…", "")


def test_clicking_a_node_shows_its_rules_and_selects_the_debugger_value_and_back(main_window):
    studio = main_window.studio
    studio.step()
    view = graph_view(main_window)
    debugger = main_window.views["stepDebugger"]
    view.canvas.node_clicked.emit("w1_0_0")
    text = view.rule.toPlainText()
    assert "Chain rule:" in text and "= -0.05381" in text
    assert debugger._selected == Ref("grad", 1, 0, 0)
    view.canvas.node_clicked.emit("vout1_0")
    assert "f'(x) = f(x) (1 - f(x))" in view.rule.toPlainText()
    # the debugger's "why this number?" link opens the node
    from PySide6.QtCore import QUrl

    debugger._on_explanation_anchor_clicked(QUrl(Ref("delta", 1, 1, 0, 0).url()))
    assert view.selected == "vin1_1"
    # an edge click means its input: the edge into the product from w_21^(2)
    edge = next(e for e in view.edges if e.source == "w1_1_0")
    view.canvas.node_clicked.emit(edge.source)
    assert debugger._selected == Ref("grad", 1, 1, 0)


def test_exercise_mode_hides_the_new_gradients_and_checks_a_prediction(main_window):
    studio = main_window.studio
    view = graph_view(main_window)
    for _ in range(4):                                    # up to backward layer 2
        studio.step_phase()
    studio.set_exercise_mode(True)
    assert shown(view, "vin2_0")[1] == "∂E: ?" and shown(view, "E")[1] == "∂E: 1.000"   # E: an earlier phase
    view.select_node("vin2_0")
    assert "predict" in view.rule.toPlainText() and "-0.1104" not in view.rule.toPlainText()
    grad = view.graph.nodes["vin2_0"].grad
    view.answer.setText(f"{grad:.4g}")
    assert view.check_answer() is True
    assert shown(view, "vin2_0")[1] != "∂E: ?"
    studio.set_exercise_mode(False)
    assert all(item.grad_text != "∂E: ?" for item in view.items.values())


def test_export_writes_a_valid_svg_and_png(main_window, tmp_path):
    main_window.studio.step()
    view = graph_view(main_window)
    svg = view.export(tmp_path / "graph.svg")
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and text.rstrip().endswith("</svg>")
    png = view.export(tmp_path / "graph.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    assert QImage(str(png)).width() > 200


def test_a_wide_network_says_what_it_collapsed_and_expands_on_request(qtbot):
    from backprop_studio.core import build
    from backprop_studio.core.data.datasets import Dataset
    from backprop_studio.core.training.session import Session, TrainingConfig
    from backprop_studio.gui.graph.view import ComputationGraph
    from backprop_studio.gui.studio import StudioSession

    net = build([4, 6, 2], ["tanh", "identity"], seed=0)
    rng = np.random.default_rng(0)
    studio = StudioSession(Session(net, Dataset(rng.normal(size=(6, 4)), rng.normal(size=(6, 2))),
                                   TrainingConfig(batch_size=3)))
    view = ComputationGraph(studio)
    qtbot.addWidget(view)
    view.resize(1400, 850)                # room for every weight of layer 2 (legibly)
    view.show()
    studio.step()
    view.refresh()
    assert "6 unit(s) of layer(s) 1 collapsed" in view.status.text()
    assert "sum1_3" in view.items and "w0_0_3" not in view.items
    assert view.sample_box.isVisibleTo(view) and view.sample_box.maximum() == 3
    view.expand_box.activated.emit(view.expand_box.findText("expand unit 4 of layer 1"))
    assert "w0_0_3" in view.items and "sum1_3" not in view.items
    # a weight of a collapsed unit, asked for by the debugger, expands its unit (and sample 2)
    assert view.open_ref(Ref("contrib", 0, 2, 5, 1))
    assert view.selected == "w0_2_5" and view.graph.sample == 1
    contrib = value_of(studio_context(studio), Ref("contrib", 0, 2, 5, 1))
    assert view.graph.nodes["w0_2_5"].grad == contrib
    view.focus_box.activated.emit(2)                      # output 2's path only
    assert "vout2_0" not in view.items and "only output 2's path" in view.status.text()


def studio_context(studio):
    from backprop_studio.core.explain import context_for

    return context_for(studio.session)


def test_each_view_links_to_the_other_and_raises_it(main_window):
    """The graph and the debugger share a tab group: their links raise each other's dock, so a
    value chosen in one is seen in the other."""
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QApplication

    studio = main_window.studio
    studio.step()
    view = graph_view(main_window)                       # the graph's tab is raised
    debugger = main_window.views["stepDebugger"]
    view._on_canvas_node_clicked("w1_0_0")
    assert 'href="view:stepDebugger"' in view.rule.toHtml()
    view.rule.anchorClicked.emit(QUrl("view:stepDebugger"))
    QApplication.processEvents()
    assert not main_window.docks["stepDebugger"].visibleRegion().isEmpty()
    assert main_window.docks["computationGraph"].visibleRegion().isEmpty()
    assert debugger._selected == Ref("grad", 1, 0, 0)    # the same value, selected
    assert "view:computationGraph" in debugger.explanation.toHtml()
    debugger.explanation.anchorClicked.emit(QUrl("view:computationGraph"))
    QApplication.processEvents()
    assert not main_window.docks["computationGraph"].visibleRegion().isEmpty()


# -- issue 25, items 7-9 ---------------------------------------------------------------------------
def on_screen_px(text_item, view) -> float:
    """How many screen pixels high a node's text is drawn: its font, its own scale, the view's."""
    from PySide6.QtGui import QFontInfo

    return QFontInfo(text_item.font()).pixelSize() * text_item.scale() * view.canvas.transform().m11()


def assert_legible_and_apart(view) -> None:
    """Every text of every box at least 9 px high, inside its own box; no two boxes overlap."""
    boxes = []
    for node_id, item in view.items.items():
        box = item.mapRectToScene(item.rect())
        for text in (item.name, item.value, item.grad):
            assert on_screen_px(text, view) >= 9.0, (node_id, on_screen_px(text, view))
            if text.isVisible() and not text.boundingRect().isEmpty():
                assert box.contains(text.sceneBoundingRect()), (node_id, box, text.sceneBoundingRect())
        boxes.append((node_id, item.sceneBoundingRect()))
    for n, (a, ra) in enumerate(boxes):
        for b, rb in boxes[n + 1:]:
            assert not ra.intersects(rb), (a, b)


def test_xor_fitted_is_legible_and_no_texts_overlap(qtbot):
    """Item 7: fitted to xor's 2-4-1 network the text was about 4 px high and product names ran
    into the numbers below them."""
    window = open_window(qtbot, XOR)
    try:
        window.studio.step()
        view = graph_view(window)
        assert view.graph.nodes["E"].value is not None
        assert_legible_and_apart(view)
        assert {"vout1_0", "vout1_3", "vin2_0", "E"} <= set(view.items)   # every unit is still drawn
    finally:
        close_window(window)


def test_the_article_is_drawn_in_full_and_legible(main_window):
    """The article's 3-2-1 network keeps every weight and product at 1366x768."""
    main_window.studio.step()
    view = graph_view(main_window)
    assert view.graph.collapsed == [] and not getattr(view.graph, "layers", {}) and "w0_2_1" in view.items
    assert_legible_and_apart(view)


def wheel(canvas, notches: int, ctrl: bool = False) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(canvas.viewport().rect().center())
    modifiers = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(centre, QPointF(canvas.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas.viewport(), event)
    for _ in range(3):
        QApplication.processEvents()          # (scroll bars coming and going resize the viewport)


def test_the_wheel_and_ctrl_wheel_zoom_and_fit_comes_back(main_window):
    """Item 8: the Fit button's tooltip says the wheel zooms; it did nothing."""
    ZOOM_STEP = 1.15              # one notch, as in the network editor
    view = graph_view(main_window)
    canvas = view.canvas
    fitted = canvas.transform().m11()
    wheel(canvas, 1)
    assert canvas.transform().m11() == pytest.approx(fitted * ZOOM_STEP)
    wheel(canvas, 2, ctrl=True)
    assert canvas.transform().m11() == pytest.approx(fitted * ZOOM_STEP ** 3)
    wheel(canvas, -1)
    assert canvas.transform().m11() == pytest.approx(fitted * ZOOM_STEP ** 2)
    main_window.studio.step_phase()           # a step restyles the graph, it keeps the zoom
    view.refresh()
    assert canvas.transform().m11() == pytest.approx(fitted * ZOOM_STEP ** 2)
    view.findChild(object, "graphFit").click()
    assert canvas.transform().m11() == pytest.approx(fitted)


def test_see_this_value_in_the_graph_selects_and_shows_the_node(main_window):
    """Item 9: the debugger's link raised the graph's tab, but no node was selected and the pane
    still said 'Click a node…'."""
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QApplication

    studio = main_window.studio
    studio.step()
    debugger = main_window.views["stepDebugger"]
    main_window.docks["stepDebugger"].raise_()
    QApplication.processEvents()
    debugger.refresh()
    assert debugger.select(Ref("grad", 0, 1, 1))            # ∂E/∂w_22^(1), chosen in the debugger
    assert "view:computationGraph" in debugger.explanation.toHtml()
    debugger.explanation.anchorClicked.emit(QUrl("view:computationGraph"))
    QApplication.processEvents()
    view = main_window.views["computationGraph"]
    assert not main_window.docks["computationGraph"].visibleRegion().isEmpty()
    assert view.selected == "w0_1_1"
    text = view.rule.toPlainText()
    assert text.startswith("w22(1) = -0.3000") and "Chain rule:" in text
    assert view.rule.toPlainText() != "" and "Click a node" not in text
    assert view.items["w0_1_1"].pen().widthF() > view.items["w0_0_0"].pen().widthF()    # marked


def test_a_chain_too_long_to_fit_legibly_is_shown_from_its_start_at_a_legible_size(qtbot):
    """A 1-1-1 network is a chain of 13 nodes that no collapsing shortens: fitted whole into a
    short, narrow view its text would be about 4 px. It is drawn at 9 px text instead, the
    inputs in view, and the status says the rest is a pan away."""
    from backprop_studio.core import build
    from backprop_studio.core.data.datasets import Dataset
    from backprop_studio.core.training.session import Session, TrainingConfig
    from backprop_studio.gui.graph.layout import FONT_PX, MIN_TEXT_PX
    from backprop_studio.gui.graph.view import ComputationGraph
    from backprop_studio.gui.studio import StudioSession

    studio = StudioSession(Session(build([1, 1, 1], "sigmoid", seed=0),
                                   Dataset(np.array([[1.0]]), np.array([[0.0]])), TrainingConfig()))
    view = ComputationGraph(studio)
    qtbot.addWidget(view)
    view.resize(600, 330)
    view.show()
    studio.step_phase()
    qtbot.waitUntil(lambda: bool(view.items))
    canvas = view.canvas
    assert FONT_PX * canvas.transform().m11() >= MIN_TEXT_PX - 1e-9
    assert canvas.cropped
    seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    first = min(view.items.values(), key=lambda item: item.sceneBoundingRect().left())
    assert seen.contains(first.sceneBoundingRect().center())
    assert "drag, scroll or use the arrow keys" in view.status.text()
