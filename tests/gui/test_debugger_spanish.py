"""The step debugger and the lesson question widgets in Spanish (issue 28 §5).

The ast test (test_translations.py) finds literals handed to Qt without ``tr()``; it cannot see
texts built in variables and helpers, nor a translation that breaks its ``.format`` fields (a
field renamed or dropped in Spanish raises KeyError only when the app runs in Spanish: that is
test_translation_fields.py's).  So the debugger, with the shipped catalogue installed (the ``spanish``
fixture, tests/gui/translation_helpers.py), must show Spanish in the texts it composes.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]



def test_the_step_debugger_speaks_spanish(qtbot, spanish, article_session) -> None:
    from backprop_studio.gui.debugger.export import EVERY_SAMPLE, filters
    from backprop_studio.gui.debugger.panel import StepDebugger
    from backprop_studio.gui.language import tr

    view = StepDebugger(article_session)
    qtbot.addWidget(view)
    view.show()
    article_session.train_steps(1)
    view.refresh()
    assert [view.tabs.tabText(n) for n in range(view.tabs.count())] == \
        ["Unidades", "Pesos && sesgos", "Matrices", "Pérdida", "Comprobación"]
    assert view.check_button.text() == "Comprobar gradiente"
    assert view.position.text().startswith("<b>Época 1</b> · <b>paso 1</b>")   # composed with fields
    assert view.loss.text().startswith("Pérdida antes de la actualización: <b>")
    view.tabs.setCurrentWidget(view.units)
    labels = [view.units.item(r, 0).text() for r in range(view.units.rowCount()) if view.units.item(r, 0)]
    assert "Capa 0: las entradas x = v_out^(0)  (3 unidades)" in labels     # the layouts' rows
    assert "Capa 1 (oculta, sigmoid): v_in^(1), v_out^(1), δ^(1)" in labels
    view.tabs.setCurrentWidget(view.params)
    headers = [view.params.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["antes", "∂E/∂w", "Δ (actualización)", "después"]
    view.tabs.setCurrentWidget(view.matrices)
    grid = view.matrices.grid("grid_param_0")       # the article's 3-2-1 network has no biases
    assert grid is not None and grid.title == "W^(0→1) antes"
    assert grid.toolTip() == ("Los pesos antes de la actualización. Fila i = unidad i de la capa 0, columna j = "
                              "unidad j de la capa 1. Selecciona un valor para ver su fórmula. Ctrl+C copia esta "
                              "cuadrícula (TSV); clic derecho para CSV o para todas las cuadrículas")
    view.run_gradient_check()                          # 3×2 + 2×1 weights
    assert view.gradcheck.summary.text().startswith("Comprobados 8 parámetros en el lote del paso 1")
    assert view.check_answer() is None
    assert view.feedback.text() == "Primero selecciona una celda oculta (?)."
    assert "Página HTML, todas las muestras del lote (*.html)" in filters() and tr(EVERY_SAMPLE) in filters()


def test_the_question_widgets_speak_spanish(qtbot, spanish) -> None:
    from backprop_studio.gui.lessons.questions.area import QuestionArea

    area = QuestionArea()
    qtbot.addWidget(area)
    area.set_holds(True)
    assert area.status.text() == "✓ ahora se cumple"
    area.set_holds(False)
    assert area.status.text() == "✗ todavía no"
    assert (area.order.up.text(), area.order.down.text()) == ("▲ Subir", "▼ Bajar")
    area.set_point((0.5,))
    assert area.note.text().startswith("Tu predicción: x<sub>t+1</sub> = 0.5.")
