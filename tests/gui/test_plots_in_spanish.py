"""The training and loss-surface views read in Spanish with the plots part's catalogue (issue 28 §5).

The ast test of tests/gui/test_translations.py finds literals handed straight to Qt without
``tr()``; it cannot see texts built in variables, dicts or helpers, nor a ``tr()`` whose text was
fixed before the catalogue was installed.  Here resources/translations/es/plots.ts is compiled
on its own and installed, the views are built and driven, and every text they show is checked:
none may still be an English text that plots.ts translates.  The Spanish expected below is
written out by hand (the glossary of the issue), not read from the catalogue.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTableWidget, QTabWidget, QWidget

from backprop_studio.core.files import project_file
from backprop_studio.gui.plots.decision_boundary import DecisionBoundary
from backprop_studio.gui.plots.diagnostics import dead_text
from backprop_studio.gui.plots.loss_curve import LossCurve
from backprop_studio.gui.plots.surface_plot import LossSurface
from backprop_studio.gui.studio import StudioSession

from .translation_helpers import pipeline

ROOT = Path(__file__).resolve().parents[2]


def _shown_texts(views: list[QWidget]) -> set[str]:
    """Every text the views show: labels, buttons, tooltips, tabs, combo items, table headers,
    plot axes and legends."""
    texts: set[str] = set()
    for view in views:
        for w in [view, *view.findChildren(QWidget)]:
            texts.add(w.toolTip())
            if isinstance(w, (QLabel, QAbstractButton)):
                texts.add(w.text())
            if isinstance(w, QComboBox):
                texts.update(w.itemText(i) for i in range(min(w.count(), 20)))
            if isinstance(w, QTabWidget):
                texts.update(t for i in range(w.count()) for t in (w.tabText(i), w.tabToolTip(i)))
            if isinstance(w, QTableWidget):
                texts.update(w.horizontalHeaderItem(i).text() for i in range(w.columnCount())
                             if w.horizontalHeaderItem(i) is not None)
            if isinstance(w, pg.PlotWidget):
                item = w.getPlotItem()
                texts.update(item.getAxis(side).labelText for side in ("left", "bottom"))
                if item.legend is not None:
                    texts.update(label.text for _sample, label in item.legend.items)
    return texts - {""}


def test_the_plot_views_show_no_english_that_the_catalogue_translates(qtbot, spanish):
    studio = StudioSession(project_file.load(ROOT / "resources" / "examples" / "moons.json"))
    curve, boundary, surface = LossCurve(studio), DecisionBoundary(studio), LossSurface(studio)
    for view in (curve, boundary, surface):
        qtbot.addWidget(view)
        view.resize(700, 500)
        view.show()
    studio.train_steps(12)
    surface.function2d.add_run()                       # a race of two runs: the table's rows
    qtbot.waitUntil(lambda: not surface.function2d.runner.running)
    surface.function1d.step()
    texts = _shown_texts([curve, boundary, surface])
    for page, filled in ((1, boundary.metrics.train_label), (2, boundary.diagnostics.summary)):
        boundary.tabs.setCurrentIndex(page)             # the metrics and the diagnostics fill in when shown
        qtbot.waitUntil(lambda label=filled: bool(label.text()))
        texts |= _shown_texts([boundary])
    left = sorted(texts & pipeline.sources(pipeline.ts_file("es", "plots")))
    assert not left, f"shown in English though plots.ts translates them: {left}"
    # a few, by hand: the tabs, an axis, the legend, a readout, a table header, a derived text
    assert [boundary.tabs.tabText(i) for i in range(3)] == ["Salida", "Métricas", "Diagnóstico"]
    assert [surface.tabs.tabText(i) for i in range(3)] == ["Red", "Función 2D", "Función 1D"]
    assert curve.plot.getPlotItem().getAxis("bottom").labelText == "paso de entrenamiento"
    assert "entrenamiento (lote)" in texts and "prueba (muestreada)" in texts
    assert curve.readout_at(5).startswith("paso 5: pérdida del lote ")
    assert "pérdida final" in texts and "Dar un paso" in texts
    assert boundary.metrics.train_label.text().startswith("Exactitud en entrenamiento: ")
    assert dead_text([np.array([False, True]), None]).startswith("Unidades ReLU muertas (1): capa 0 unidad 2 - ")


def test_without_the_catalogue_the_views_read_english(qtbot):
    """The same views with no translator (as every other test runs): the English is unchanged."""
    studio = StudioSession(project_file.load(ROOT / "resources" / "examples" / "moons.json"))
    boundary, surface = DecisionBoundary(studio), LossSurface(studio)
    for view in (boundary, surface):
        qtbot.addWidget(view)
    assert [boundary.tabs.tabText(i) for i in range(3)] == ["Output", "Metrics", "Diagnostics"]
    assert surface.function1d.step_button.text() == "Step"
