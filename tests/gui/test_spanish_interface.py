"""The interface in Spanish, as a learner who chose View -> Language -> Español sees it (issue 28 §5).

The ast test (test_translations.py) finds literals shown without ``tr()``; this one finds what
it cannot: a text translated at import (before the catalogue is installed), a text kept in a
variable and shown untranslated, a text Qt shows from a catalogue source that was never
wrapped.  With the Spanish catalogue installed it opens the window, raises every dock and tab
page, and reads every text on show (screen_text.visible_texts), every menu, every action's
text and tooltip (but pyqtgraph's own plot menu, which has no Spanish), and every widget's
tooltip and accessible name and description.  None may be an English text of the catalogue
whose Spanish differs.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from backprop_studio.gui import language

from .lessons_helpers import new_window
from .screen_text import every_view, plain, visible_texts

ROOT = Path(__file__).resolve().parents[2]


def english_left(texts: list[tuple[str, str]], sources: dict[str, str]) -> list[str]:
    """``where: text`` for each text that is an English source the catalogue translates."""
    english = set(sources) | {plain(s) for s in sources} | {s.replace("&", "") for s in sources}
    return sorted({f"{where}: {text!r}" for where, text in texts if text.strip() in english})


def _every_action_text(window) -> list[tuple[str, str]]:
    out = []
    for action in window.findChildren(QAction):
        if type(action.parent()).__module__.startswith("pyqtgraph"):
            continue              # pyqtgraph's own plot menu (Export…, View All): it has no Spanish
        name = action.objectName() or "QAction"
        out += [(name, action.text()), (f"{name}.toolTip", action.toolTip()), (f"{name}.statusTip", action.statusTip())]
    for menu in window.findChildren(QMenu):
        out.append((menu.objectName() or "QMenu", menu.title()))
    return out


def _every_widget_description(window) -> list[tuple[str, str]]:
    out = []
    for w in [window, *window.findChildren(QWidget)]:
        name = w.objectName() or type(w).__name__
        out += [(f"{name}.toolTip", w.toolTip()), (f"{name}.accessibleName", w.accessibleName()),
                (f"{name}.accessibleDescription", w.accessibleDescription()), (f"{name}.windowTitle", w.windowTitle())]
    return out


def test_the_catalogue_translates_the_menus(spanish) -> None:
    """The fixture's catalogue is the one Qt answers with: a check that can fail."""
    assert spanish, "the Spanish catalogue is empty"
    assert language.tr("&File") == spanish["&File"] != "&File"


def test_no_english_is_left_in_the_spanish_window(qtbot, spanish) -> None:
    window = new_window(qtbot)
    window.studio.train_steps(1)          # the debugger, the graph and the plots show a step
    seen = _every_action_text(window) + _every_widget_description(window)
    for _ in every_view(window):
        seen += visible_texts(window)
    left = english_left(seen, spanish)
    assert not left, f"{len(left)} texts still in English:\n" + "\n".join(left[:60])
    assert window.menuBar().actions()[0].text() == spanish["&File"]
    window.studio.set_unmodified()
    window.close()
    window.deleteLater()


def test_the_check_finds_english() -> None:
    """english_left itself: an English source is found as written, without its markup or its &."""
    sources = {"&Open…": "&Abrir…", "<b>Loss</b>": "<b>Pérdida</b>"}
    found = english_left([("a", "&Open…"), ("b", "Open…"), ("c", "Loss"), ("d", "Abrir…"), ("e", "Pérdida")], sources)
    assert found == ["a: '&Open…'", "b: 'Open…'", "c: 'Loss'"]
