"""One weight, w_44^(2) (W[1][3, 3]), is named the same in every view: the editor's card and
edit dialog, the undo text, the debugger's table, the gradient check and the landscape."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import build
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.debugger.panel import StepDebugger
from backprop_studio.gui.editor import editing
from backprop_studio.gui.editor.inspector import describe
from backprop_studio.gui.editor.view import NetworkEditor
from backprop_studio.gui.plots.surface_plot import LossSurface
from backprop_studio.gui.studio import StudioSession

TEXT, UNICODE, HTML = "w_44^(2)", "w₄₄⁽²⁾", "w<sub>44</sub><sup>(2)</sup>"   # written by hand


def _studio() -> StudioSession:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 2))
    net = build([2, 4, 4, 1], ["tanh", "tanh", "identity"], seed=0)
    return StudioSession(Session(net, Dataset(x, x[:, :1] - x[:, 1:]), TrainingConfig()))


def test_one_weight_has_one_name_in_every_view(qtbot, monkeypatch):
    studio = _studio()
    studio.step()
    # the editor's card and its edit dialog (title and undo text)
    editor = NetworkEditor(studio)
    qtbot.addWidget(editor)
    assert f"<b>{HTML}</b>" in describe(studio.session, "connection", (1, 3, 3))
    titles = []
    monkeypatch.setattr(editing, "ask_text", lambda parent, title, *a: (titles.append(title), ("0.5", True))[1])
    assert editor.edits.edit_weight(1, 3, 3)
    assert titles == [TEXT] and studio.undo_stack.text(studio.undo_stack.index() - 1) == f"Set {TEXT} = 0.5"
    studio.step()
    # the debugger's parameter table and its gradient check
    debugger = StepDebugger(studio)
    qtbot.addWidget(debugger)
    debugger.show()
    assert any(line.startswith(TEXT + ",") for line in debugger.params.copy(",").splitlines())
    debugger.run_gradient_check()
    table = debugger.gradcheck.table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=10000)
    assert TEXT in [table.item(r, 0).text() for r in range(table.rowCount())]
    # the landscape's axis chooser and axis label
    surface = LossSurface(studio)
    qtbot.addWidget(surface)
    surface.show()
    view = surface.network
    texts = [view.first.itemText(i) for i in range(view.first.count())]
    view.first.setCurrentIndex(texts.index(UNICODE))     # the article's name only: no core id
    assert "W1[3,3]" in view.first.model().data(view.first.model().index(texts.index(UNICODE), 0),
                                                 Qt.ItemDataRole.ToolTipRole)
    view.grid.setValue(5)
    view.compute()
    qtbot.waitUntil(lambda: view.landscape is not None and not view.runner.running, timeout=10000)
    assert view.heatmap.item.getAxis("bottom").labelText == HTML
    surface.shutdown()
