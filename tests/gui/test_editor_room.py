"""The editor's controls and card keep off each other and off the units (issue 25, item 2).

On the spiral example at 1366x768 the layers of 16 units are fitted by their height, so their
columns stand closer than a pair of − / + buttons is wide: layer 1's + lay under layer 2's −.
And the selected-item card, wider than the room beside the narrow network, covered layers 0-1
in whichever corner it went."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect

from backprop_studio.core.files import project_file

SPIRAL = "resources/examples/spiral.json"


def test_pairs_that_would_overlap_go_a_row_lower():
    from backprop_studio.gui.editor.controls import stagger

    # columns 40 px apart, pairs 56 px wide: the second overlaps the first, the third does not
    # overlap the first (160 >= 0 + 56 + 4) and goes back to row 0
    assert stagger({1: (0, 56), 2: (40, 56), 3: (80, 56)}) == {1: 0, 2: 1, 3: 0}
    assert stagger({1: (0, 56), 2: (60, 56), 3: (120, 56)}) == {1: 0, 2: 0, 3: 0}
    assert stagger({1: (0, 56), 2: (10, 56), 3: (20, 56)}) == {1: 0, 2: 1, 3: 2}


def _spiral_window(qtbot):
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    window = MainWindow(StudioSession(project_file.load(SPIRAL)), restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.docks["lossCurve"].visibleRegion().boundingRect().width() > 0)
    for _ in range(5):
        QCoreApplication.processEvents()
    return window


def _unit_rects(editor) -> dict[tuple[int, int], QRect]:
    """Each drawn unit's rectangle in the editor's (not the viewport's) coordinates."""
    vp = editor.viewport().geometry()
    return {key: editor.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(vp.topLeft())
            for key, item in editor.network_scene.neurons.items()}


def test_the_unit_buttons_of_the_spiral_do_not_overlap(qtbot):
    window = _spiral_window(qtbot)
    try:
        editor = window.views["networkEditor"]
        buttons = [b for pair in editor.structure.units.values() for b in pair]
        assert len(buttons) == 4 and all(b.isVisible() for b in buttons)
        for i, a in enumerate(buttons):
            for b in buttons[i + 1:]:
                assert not a.geometry().intersects(b.geometry()), (a.objectName(), b.objectName())
        for button in buttons:             # and none of them lies on a unit
            assert not any(r.intersects(button.geometry()) for r in _unit_rects(editor).values())
    finally:
        window.studio.set_unmodified()
        window.close()


def test_the_card_covers_no_unit_of_the_spiral(qtbot):
    window = _spiral_window(qtbot)
    try:
        editor = window.views["networkEditor"]
        editor.network_scene.neurons[(1, 0)].setSelected(True)
        for _ in range(3):
            QCoreApplication.processEvents()
        card = editor.inspector
        assert card.isVisible() and "Layer 1, unit 1" in card.text()
        covered = [key for key, r in _unit_rects(editor).items() if r.intersects(card.geometry())]
        assert covered == []
        assert editor.viewport().geometry().contains(card.geometry())
        editor.network_scene.clearSelection()          # no card: the network is centred again
        for _ in range(3):
            QCoreApplication.processEvents()
        units = QRect()
        for r in _unit_rects(editor).values():
            units = units.united(r)
        vp = editor.viewport().geometry()
        assert abs(units.center().x() - vp.center().x()) <= 3
    finally:
        window.studio.set_unmodified()
        window.close()
