"""One screen, nothing cut off (issue 15, section 2): at 1600x1000 and at 1366x768 the network,
the data with the decision boundary, the loss curve and the step debugger are visible together;
the debugger's key columns fit; the decision boundary's data fill its plot.

Layouts settle over a few turns of the event loop (docks, then tables, then plots), so each
check is waited for (``qtbot.waitUntil`` with the assertions, which re-raises the last failed one
when the layout never gets there), never given a fixed number of milliseconds."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect

from backprop_studio.core.files import project_file
from backprop_studio.gui.debugger.tables import MEAN_GRADIENT

XOR = "resources/examples/xor.json"
ARTICLE = "resources/examples/article_3_2_1.json"
WATCHED = ("lossCurve", "decisionBoundary", "stepDebugger")


def _window(qtbot, path: str, size: tuple[int, int], steps: int = 1):
    """The window as ``--screenshot --size WxH --steps N`` renders it: the default layout at that size."""
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    studio = StudioSession(project_file.load(path))
    window = MainWindow(studio, restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitUntil(lambda: window.docks["lossCurve"].visibleRegion().boundingRect().width() > 0
                    and window.docks["decisionBoundary"].visibleRegion().boundingRect().width() > 0)
    for _ in range(steps):
        studio.session.step()
    studio.params_changed.emit()
    studio.step_taken.emit()
    return window


def _close(window) -> None:
    window.studio.set_unmodified()
    window.close()


@pytest.mark.parametrize("size", [(1600, 1000), (1366, 768)])
def test_the_four_views_a_learner_watches_are_visible_together(qtbot, size):
    window = _window(qtbot, XOR, size)

    def side_by_side() -> None:
        assert (window.width(), window.height()) == size        # the layout fits the size asked for
        frame = QRect(0, 0, *size)
        rects = {"networkEditor": window.centralWidget().geometry()}
        for name in WATCHED:
            dock = window.docks[name]
            assert dock.isVisible() and not dock.isFloating(), name
            assert not dock.visibleRegion().isEmpty(), f"{name} is behind another dock's tab"
            assert dock.widget().isVisible(), name
            rects[name] = dock.geometry()
        for name, r in rects.items():
            assert r.width() >= 280 and r.height() >= 250, (name, r)
            assert frame.contains(r), (name, r)
        names = list(rects)
        for i, a in enumerate(names):           # side by side, none covering another
            for b in names[i + 1:]:
                assert not rects[a].intersects(rects[b]), (a, b)
    try:
        qtbot.waitUntil(side_by_side)
    finally:
        _close(window)


def test_reset_layout_brings_the_default_back(qtbot):
    window = _window(qtbot, XOR, (1366, 768))
    try:
        window.docks["decisionBoundary"].setFloating(True)
        window.docks["lossCurve"].hide()
        window.reset_layout()

        def in_view() -> None:
            for name in WATCHED:
                dock = window.docks[name]
                assert dock.isVisible() and not dock.isFloating()
                assert not dock.visibleRegion().isEmpty(), name
        qtbot.waitUntil(in_view)
        tabbed = {d.objectName() for d in window.tabifiedDockWidgets(window.docks["lossCurve"])}
        assert tabbed == {"lossSurfaceDock"}    # the loss surface shares the loss curve's place
    finally:
        _close(window)


def _right_edges(table, columns: int) -> int:
    header = table.horizontalHeader()
    return sum(header.sectionSize(c) for c in range(columns))


def _fits(table, columns: int) -> None:
    """The first ``columns`` columns end within the table's viewport (which has a size)."""
    width = table.viewport().width()
    assert 0 < _right_edges(table, columns) <= width, (table.objectName(), _right_edges(table, columns), width)


def test_the_debugger_tables_fit_at_1366x768(qtbot):
    """The article's example (one sample): every column of Units and Weights & biases within the
    viewport; the loss line wraps."""
    window = _window(qtbot, ARTICLE, (1366, 768))
    try:
        debugger = window.views["stepDebugger"]
        assert debugger.loss.wordWrap()
        assert window.views["lossCurve"].readout.wordWrap()
        for name in ("units", "params"):
            table = debugger.tables[name]
            debugger.tabs.setCurrentWidget(table)
            qtbot.waitUntil(lambda t=table: _fits(t, t.columnCount()))
    finally:
        _close(window)


def test_a_batchs_first_sample_columns_fit_at_1366x768(qtbot):
    """xor (a batch of 10) after 50 steps, as the committed screenshot: v_in, v_out, f′ and δ of
    the first sample are all in view (values such as 0.000137644 are the widest)."""
    window = _window(qtbot, XOR, (1366, 768), steps=50)
    try:
        table = window.views["stepDebugger"].tables["units"]
        assert table.horizontalHeaderItem(3).text() == "δ [1]"
        qtbot.waitUntil(lambda: _fits(table, 4))
        # Weights & biases: the update's own columns come before the per-sample shares
        params = window.views["stepDebugger"].tables["params"]
        window.views["stepDebugger"].tabs.setCurrentIndex(1)
        headers = [params.horizontalHeaderItem(c).text() for c in range(4)]
        assert headers == ["before", MEAN_GRADIENT, "Δ (update)", "after"]
        qtbot.waitUntil(lambda: _fits(params, 4))
    finally:
        _close(window)


def test_the_decision_boundary_fills_a_wide_plot(qtbot):
    """In a wide, low plot the view spans the data (with their margin), not three times their width."""
    from backprop_studio.gui.plots.output_map import GRID, OutputMap
    from backprop_studio.gui.studio import StudioSession

    studio = StudioSession(project_file.load(XOR))
    view = OutputMap(studio)
    qtbot.addWidget(view)
    view.resize(900, 260)
    view.show()
    qtbot.waitExposed(view)
    view.plot.grab()                       # one paint now: pyqtgraph settles its range then
    data = np.vstack([studio.session.dataset.inputs, studio.session.dataset.test_inputs])
    span = data.max(axis=0) - data.min(axis=0)
    (x0, x1), (y0, y1) = view.plot.getPlotItem().vb.viewRange()
    assert x1 - x0 <= 1.3 * span[0] and y1 - y0 <= 1.3 * span[1]
    assert x0 <= data[:, 0].min() and x1 >= data[:, 0].max()
    assert y0 <= data[:, 1].min() and y1 >= data[:, 1].max()
    assert GRID >= 80                      # grid points per axis over that range


def test_the_1d_views_legend_is_outside_the_data(qtbot):
    """The legend sits below the axes: the current point x_t can never be drawn under it."""
    from backprop_studio.gui.plots.surface_function1d import FunctionView1D

    view = FunctionView1D()
    qtbot.addWidget(view)
    view.resize(620, 420)                  # room for the options, the legend among them (gui.compact.roomy)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.legend.isVisible())
    view.plot.grab()                       # one paint now: the legend's layout is settled then
    box = view.plot.getPlotItem().vb.sceneBoundingRect()
    legend = view.legend.sceneBoundingRect()
    assert legend.height() > 0 and not legend.intersects(box)
    assert legend.top() >= box.bottom()
