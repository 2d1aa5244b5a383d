"""View -> Language: the choice is saved, lessons follow it at once, the interface from the next start."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from backprop_studio.gui import language

from .lessons_helpers import new_window


def test_choosing_a_language_saves_it_and_says_when_it_shows(qtbot, monkeypatch) -> None:
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.delenv(language.ENVIRONMENT, raising=False)
    window = new_window(qtbot)
    try:
        menu = window.findChild(type(window.menuBar().actions()[0].menu()), "menuLanguage")
        assert menu is not None
        names = {a.objectName(): a.text() for a in menu.actions()}
        assert names == {"actionLanguage_en": "English", "actionLanguage_es": "Español"}
        spanish = window.findChild(type(menu.actions()[0]), "actionLanguage_es")
        spanish.trigger()
        assert QSettings().value(language.KEY) == "es"
        assert language.interface_language() == "es"         # lessons opened from now on
        assert spanish.isChecked() and not window.findChild(type(spanish), "actionLanguage_en").isChecked()
        assert told and "Español" in told[0] and "next time" in told[0]
        # the next start: nothing chosen in that run, the saved choice decides, the catalogue loads
        language.set_interface_language(None)
        assert language.interface_language() == "es"
        assert language.install_translations(QApplication.instance()) == "es"
        assert language.tr("&File") != "&File"
    finally:
        language.install_translations(QApplication.instance(), "en")
        language.set_interface_language(None)
        QSettings().remove(language.KEY)
        window.close()
    assert language.tr("&File") == "&File"


def test_the_environment_wins_over_the_saved_choice_for_one_run(monkeypatch) -> None:
    QSettings().setValue(language.KEY, "es")
    try:
        monkeypatch.setenv(language.ENVIRONMENT, "en")
        assert language.interface_language() == "en"
        monkeypatch.delenv(language.ENVIRONMENT)
        assert language.interface_language() == "es"
        QSettings().setValue(language.KEY, "not a language")
        assert language.interface_language() != "not a language"
    finally:
        QSettings().remove(language.KEY)


def test_a_language_with_no_catalogue_shows_english_checked(qtbot, monkeypatch) -> None:
    monkeypatch.setenv(language.ENVIRONMENT, "fr")
    assert language.interface_language() == "fr"               # lessons written in French would show so
    assert language.install_translations(QApplication.instance()) == "en"
    window = new_window(qtbot)
    try:
        checked = [a.objectName() for a in window.language_actions.languages.values() if a.isChecked()]
        assert checked == ["actionLanguage_en"]
    finally:
        window.studio.set_unmodified()
        window.close()
