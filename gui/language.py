"""The interface language: which language the app shows its own text and its lessons in.

One function decides it, :func:`interface_language`: the language chosen in this run
(:func:`set_interface_language`), else the environment variable ``BACKPROP_STUDIO_LANGUAGE``
(a two-letter code such as ``es``), else the one saved by View -> Language (settings key
``language``), else the system locale (``QLocale().name()[:2]``).  Whatever is chosen, a lesson
text that is not written in it is shown in English (:func:`core.lessons.language.pick`), and so
is an interface text with no translation.

The interface's own text: every user-visible literal in gui/ is English, written inside
:func:`tr` (or :data:`QT_TR_NOOP` where it is a module-level constant, translated with
:func:`tr` where it is shown).  ``python packaging/translations.py`` gathers them with
``pyside6-lupdate`` into ``resources/translations/<language>/<part>.ts`` (one part per gui
package) and compiles each language with ``pyside6-lrelease`` into
``resources/translations/backprop_studio_<language>.qm``, which ships with the app;
:func:`install_translations` loads it (and Qt's own, for standard buttons) at start.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

# the marker for texts translated where they are shown (module tables): the engine's, typed str
# (PySide6's own says it returns object); pyside6-lupdate gathers its calls by name
from backprop_studio.core.checks.interface_text import QT_TR_NOOP as QT_TR_NOOP
from backprop_studio.core.lessons.language import FALLBACK, LANGUAGE

ENVIRONMENT = "BACKPROP_STUDIO_LANGUAGE"
KEY = "language"                      # the settings key View -> Language saves
# the languages the interface is written in, each by its own name (View -> Language lists them)
INTERFACE_LANGUAGES = {"en": "English", "es": "Español"}
TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
CONTEXT = ""                          # one context: an English text means the same everywhere
_chosen: str | None = None            # set by a menu; None: the environment or the system decides
_warned: set[str] = set()             # bad environment values already reported (one line each)


def set_interface_language(code: str | None) -> None:
    """Show lessons in ``code`` from now on (None: as the environment or the system says).
    Lessons already open keep their language until they are opened again."""
    if code is not None and not LANGUAGE.match(code):
        raise ValueError(f"{code!r} is not a language code: use two lowercase letters such as \"es\"")
    global _chosen
    _chosen = code


def interface_language() -> str:
    """The two-letter code of the language to show lessons in (see the module's docstring)."""
    if _chosen is not None:
        return _chosen
    given = os.environ.get(ENVIRONMENT, "").strip()
    if given:
        code = given.lower()
        if LANGUAGE.match(code):
            return code
        if given not in _warned:
            _warned.add(given)
            print(f"{ENVIRONMENT}={given!r} is not a language code (two letters such as \"es\"); "
                  "using the system's language", file=sys.stderr)
    saved = str(QSettings().value(KEY, "") or "").strip().lower()
    if LANGUAGE.match(saved):
        return saved
    system = QLocale().name()[:2].lower()
    return system if LANGUAGE.match(system) else FALLBACK


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` (English) in the interface language; English when it has no translation.
    Call it where the text is shown, never at import: the translations are installed at start.
    A text with fields is translated whole and filled after: ``tr("Step {n}").format(n=3)``."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def qm_file(code: str) -> Path:
    """The compiled translation of the interface into ``code``."""
    return TRANSLATIONS / f"backprop_studio_{code}.qm"


_installed: list[QTranslator] = []


def install_translations(app: QCoreApplication, code: str | None = None) -> str:
    """Show the interface in ``code`` (default: :func:`interface_language`) from now on: the
    app's catalogue and Qt's own (standard buttons and dialogs).  English, or a language with
    no catalogue, needs none.  Returns the language the interface is shown in."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = code or interface_language()
    if code == FALLBACK or not qm_file(code).is_file():
        return FALLBACK
    ours = QTranslator(app)
    if ours.load(str(qm_file(code))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return code if _installed else FALLBACK


def build_menu(parent: QWidget, menu: QMenu) -> LanguageActions:
    """Fill View -> Language with one checkable entry per interface language (object names
    ``actionLanguage_en``, ``actionLanguage_es``: a contract)."""
    return LanguageActions(parent, menu)


class LanguageActions(QObject):
    """View -> Language: the choice is saved and shown from the next start (the windows already
    built keep their text); lessons opened from now on are in it at once."""

    def __init__(self, parent: QWidget, menu: QMenu) -> None:
        super().__init__(menu)
        self._parent = parent
        group = QActionGroup(menu)
        self.languages: dict[str, QAction] = {}
        current = interface_language()
        shown = current if current in INTERFACE_LANGUAGES else FALLBACK   # a system in French: English
        for code, name in INTERFACE_LANGUAGES.items():
            action = QAction(name, menu)          # each language by its own name: never translated
            action.setObjectName(f"actionLanguage_{code}")
            action.setCheckable(True)
            action.setChecked(code == shown)
            action.setToolTip(tr("Show the interface and the lessons in {language}").format(language=name))
            action.setStatusTip(action.toolTip())
            action.setData(code)
            action.triggered.connect(self._on_language_triggered)
            group.addAction(action)
            menu.addAction(action)
            self.languages[code] = action

    def _on_language_triggered(self) -> None:
        action = self.sender()
        if not isinstance(action, QAction):
            return
        code = str(action.data())
        QSettings().setValue(KEY, code)
        set_interface_language(code)
        QMessageBox.information(
            self._parent, tr("Language"),
            tr("Backprop Studio will be shown in {language} the next time it starts. "
               "Lessons you open from now on are in {language} already.").format(
                language=INTERFACE_LANGUAGES[code]))
