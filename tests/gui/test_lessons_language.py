"""The Lessons panel shows a lesson in the interface language (gui/language.py): the system's,
or BACKPROP_STUDIO_LANGUAGE, or what a menu set; English where a text has no such language."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QLocale

from backprop_studio.gui import language
from tests.core.test_lessons_language import spanish
from tests.gui.lessons_helpers import panel_on, start


@pytest.fixture
def spanish_folder(tmp_path):
    (tmp_path / "01-minimal.json").write_text(json.dumps(spanish()), encoding="utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def no_menu_choice():
    language.set_interface_language(None)
    yield
    language.set_interface_language(None)


def test_the_environment_overrides_the_system_and_a_menu_choice_overrides_both(monkeypatch, capsys):
    monkeypatch.delenv(language.ENVIRONMENT, raising=False)
    system = QLocale().name()[:2].lower()
    assert language.interface_language() == (system if system.isalpha() and len(system) == 2 else "en")
    monkeypatch.setenv(language.ENVIRONMENT, "ES")
    assert language.interface_language() == "es"
    language.set_interface_language("de")
    assert language.interface_language() == "de"
    language.set_interface_language(None)
    monkeypatch.setenv(language.ENVIRONMENT, "spanish")
    assert language.interface_language() == language.interface_language() != "spanish"
    assert capsys.readouterr().err.count("\n") == 1       # one line, once
    with pytest.raises(ValueError):
        language.set_interface_language("../es")


def test_a_lesson_is_shown_in_spanish(lesson_window, qtbot, monkeypatch, spanish_folder):
    monkeypatch.setenv(language.ENVIRONMENT, "es")
    panel = panel_on(lesson_window, qtbot, spanish_folder)
    assert "Una lección mínima" in panel.list.item(panel.row_of(panel.found[0])).text()
    lesson = start(panel, "minimal", qtbot)
    assert lesson.title == "Una lección mínima"
    assert "Una lección mínima" in panel.heading.text()
    assert "de la primera unidad oculta" in panel.step_title.text()
    assert "La unidad oculta suma sus entradas ponderadas." in panel.text.toPlainText()
    assert "unidad oculta 1" in panel.prompt.text()
    assert "La red queda como la dibujó el artículo." in panel.lock_note.text()
    panel.hint_button.click()
    assert "Multiplica cada entrada por su peso." in panel.feedback.text()
    panel.next_button.setEnabled(True)
    panel.next()
    assert "Finish the backward pass" in panel.step_title.text()      # no Spanish: the English


def test_a_language_the_lesson_lacks_falls_back_to_english(lesson_window, qtbot, monkeypatch, spanish_folder):
    monkeypatch.setenv(language.ENVIRONMENT, "fr")
    panel = panel_on(lesson_window, qtbot, spanish_folder)
    start(panel, "minimal", qtbot)
    assert "A minimal lesson" in panel.heading.text()
    assert "of the first hidden unit" in panel.step_title.text()
    assert "The hidden unit adds" in panel.text.toPlainText()
