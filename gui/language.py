"""The interface language: which language the app shows lessons in (and, later, its own text).

One function decides it, :func:`interface_language`: the language a View -> Language menu
chose (:func:`set_interface_language`), else the environment variable
``BACKPROP_STUDIO_LANGUAGE`` (a two-letter code such as ``es``), else the system locale
(``QLocale().name()[:2]``).  Whatever is chosen, a lesson text that is not written in it is
shown in English (:func:`core.lessons.language.pick`).
"""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLocale

from backprop_studio.core.lessons.language import FALLBACK, LANGUAGE

ENVIRONMENT = "BACKPROP_STUDIO_LANGUAGE"
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
    system = QLocale().name()[:2].lower()
    return system if LANGUAGE.match(system) else FALLBACK
