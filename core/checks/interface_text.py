"""Texts the engine writes that the app shows in its interface language.

The engine writes English, and the command line prints it as it is.  A text the app shows too
is marked where it is defined with :func:`QT_TR_NOOP`, which returns it unchanged (the name is
what ``pyside6-lupdate`` gathers texts by: ``packaging/translations.py`` gathers every core
module that uses it into the translation part ``core``).  A function that renders such a text
takes a ``translate`` callable: the default, :data:`ENGLISH`, keeps the English; the app passes
``gui.language.tr``.  Nothing here imports Qt.
"""
from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pyside6-lupdate gathers texts by
    """Mark an English ``text`` the app translates where it shows it; returned unchanged."""
    return text


def ENGLISH(text: str) -> str:  # noqa: N802 - a constant in use: the translation that keeps the English
    """The text as the engine wrote it (the command line's, and the default everywhere)."""
    return text
