"""The network editor and the Lessons panel read in Spanish with the Spanish catalogue installed
(issue 28 §5).

The other tests run in English (no translator is installed), so they cannot see a text that
never reaches ``tr()`` at run time, a ``tr()`` that runs before the catalogue is installed, or a
translated template whose ``.format()`` fails.  Here the committed .ts files of the two parts are
compiled into a catalogue of the test's own (the shipped .qm is compiled once, after every part
is merged), installed before the views are built, and removed after; the expected Spanish is
the translation written in the .ts files, spelt out here.
"""
from __future__ import annotations

import numpy as np

from backprop_studio import core
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.training.session import Session, TrainingConfig
from backprop_studio.gui.editor.headers import header_html
from backprop_studio.gui.editor.inspector import describe
from backprop_studio.gui.editor.keyboard import spoken
from backprop_studio.gui.editor.menus import find_action
from backprop_studio.gui.editor.view import NetworkEditor
from backprop_studio.gui.studio import StudioSession

from .lessons_helpers import TEST_LESSONS, new_window, panel_on, start


def _editor(qtbot) -> tuple[StudioSession, NetworkEditor]:
    net = core.build([3, 2, 1], "sigmoid", bias=True, seed=0)
    data = Dataset(np.array([[1.0, 4.0, 5.0], [0.5, -1.0, 2.0]]), np.full((2, 1), 0.1))
    studio = StudioSession(Session(net, data, TrainingConfig(batch_size=1)))
    view = NetworkEditor(studio)
    qtbot.addWidget(view)
    return studio, view


def test_the_editor_reads_in_spanish(spanish, qtbot) -> None:
    studio, view = _editor(qtbot)
    assert (view.view_button.text(), view.fit_button.text()) == ("Ver", "Ajustar")
    assert view.structure.add_layer.text() == "+ capa"
    assert view.accessibleName() == "Editor de la red"
    assert view.option_actions["weight_labels"].text() == "Etiquetas de pesos"      # a QT_TR_NOOP constant
    # texts with fields: the Spanish template, filled
    assert "<b>Capa 1</b> · oculta" in header_html(1, 2, "sigmoid", True, "hidden", 0)
    assert "2 unidades" in header_html(1, 2, "sigmoid", True, "hidden", 0)
    assert view.edits.add_neuron(1)                     # an edit's undo text (before training: no question)
    assert studio.undo_stack.undoText() == "Añadir una unidad a la capa 1"
    studio.undo_stack.undo()
    studio.train_steps(1)
    text = describe(studio.session, "connection", (0, 1, 0))
    assert "unidad 2 de la capa 0 → unidad 1 de la capa 1" in text and "última actualización Δ" in text
    assert spoken(view, "neuron", (1, 0)).startswith("unidad 1 de la capa 1 (oculta), v_in = ")
    menu = view.context_menu_for("neuron", (1, 0))
    assert find_action(menu, "Añadir unidad") is not None and find_action(menu, "Add unit") is None


def test_the_lessons_panel_reads_in_spanish(spanish, qtbot) -> None:
    window = new_window(qtbot)
    try:
        panel = panel_on(window, qtbot, TEST_LESSONS)
        assert panel.start_button.text() in ("Empezar", "Continuar")
        assert (panel.open_button.text(), panel.forget_button.text()) == ("Abrir lección…", "Quitar de la lista")
        lesson = start(panel, "minimal", qtbot)
        assert f"paso 1 de {len(lesson.steps)}" in panel.heading.text()
        assert (panel.leave_button.text(), panel.hint_button.text()) == ("Salir de la lección", "Pista")
        panel.leave()
    finally:
        window.studio.set_unmodified()
        window.close()
        window.deleteLater()
