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


@pytest.mark.usefixtures("clean_library")
def test_the_lesson_editor_edits_the_english_and_keeps_every_translation(lesson_window, qtbot, spanish_folder):
    from backprop_studio.gui.lessons.editor.dock import open_editor
    editor = open_editor(lesson_window, spanish_folder / "01-minimal.json")
    try:
        doc = editor.document
        form = editor.text_form
        assert form.title.text() == "Predict v_in of the first hidden unit"         # the English, not a dict
        assert editor.lesson_form.title.text() == "A minimal lesson: one forward value and one descent step"
        assert editor.lesson_form.sections.text() == "Backpropagation, Example"
        assert "'es'" not in form.preview.toPlainText() and "Multiply each input" in form.preview.toPlainText()
        form.title.selectAll()
        qtbot.keyClicks(form.title, "Predict v_in of hidden unit 1")
        assert doc.steps[0]["title"] == {"en": "Predict v_in of hidden unit 1",
                                         "es": "Predice v_in de la primera unidad oculta"}
        tasks = editor.task_form
        assert tasks.hints.item(0).text() == "Multiply each input by its weight into unit 1, then add."
        tasks.hints.item(0).setText("Multiply, then add.")                          # an edited hint
        assert doc.steps[0]["hints"] == [{"en": "Multiply, then add.", "es": "Multiplica cada entrada por su peso."}]
        assert tasks.explanation.toPlainText().startswith("$1.0 \\cdot 0.1")
        editor.lesson_form.sections.setText("Backpropagation, Example, Introduction")
        editor.lesson_form.sections.textEdited.emit(editor.lesson_form.sections.text())
        assert doc.doc["sections"] == [{"en": "Backpropagation", "es": "Retropropagación"}, "Example", "Introduction"]
    finally:
        editor.document.undo_stack.setClean()
