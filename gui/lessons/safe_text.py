"""A lesson's words on screen: rich text from the one renderer only, and no resource loaded.

Qt labels, tooltips and text browsers interpret HTML: ``<img src="/dev/zero">`` in a lesson's
title would make Qt read that file, a FIFO would hang the window and a 100,000-pixel table
would break the panel's painting.  So every text a lesson supplies reaches the screen through
:mod:`core.lessons.markdown` (``render_markdown`` for Markdown, ``render_line`` for a title,
``render_plain`` for anything else that may quote it, such as an error message), which escapes
all HTML, and is set here:

- :func:`markdown` renders a lesson's Markdown, or shows it as plain text when it is outside
  the subset (a stranger's ``$\\frac\\frac...$`` is one note, never an exception);
- :func:`set_rich` puts renderer output in a label, as rich text (never Qt's guess);
- :func:`tooltip` escapes a text for a tooltip (forced to rich text, so it shows as written);
- :class:`LessonTextBrowser` never loads a resource, whatever its HTML names (a second wall:
  the renderer emits no image, but a browser is where a missed case would do harm).  Labels
  and tooltips have no such wall (their documents are Qt's own): there the escaping is all.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QPyTextObject, QTextDocument, QTextFormat
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.lessons.markdown import render_markdown, render_plain

from ..language import tr


class NoResourceDocument(QTextDocument):
    """A document that loads no resource its HTML names (a background image, a style sheet).

    It must be the document that says no: ``QTextDocument.loadResource`` reads a local file
    itself when its browser's ``loadResource`` returns nothing (Qt's fallback)."""

    def loadResource(self, kind: int, name: Any) -> Any:  # noqa: N802 - Qt's name
        return None


class NoImage(QPyTextObject):
    """Draws an ``<img>`` as nothing, never loading it: Qt's own image handler reads the file
    directly when the document gives it no picture, so only replacing the handler stops it."""

    def intrinsicSize(self, doc: Any, pos: int, fmt: Any) -> QSizeF:  # noqa: N802 - Qt's name
        return QSizeF(0, 0)

    def drawObject(self, painter: Any, rect: Any, doc: Any, pos: int, fmt: Any) -> None:  # noqa: N802
        return None


class LessonTextBrowser(QTextBrowser):
    """A text browser for a lesson's text that loads nothing at all: a
    :class:`NoResourceDocument` whose images are drawn by :class:`NoImage`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = NoResourceDocument(self)
        self.setDocument(document)
        self._no_image = NoImage(document)         # kept: the layout holds no reference of its own
        document.documentLayout().registerHandler(QTextFormat.ObjectTypes.ImageObject, self._no_image)


def markdown(text: str) -> str:
    """A lesson's Markdown as rich text; a text outside the subset (``lessons check`` names it)
    is shown as plain text with the reason, never raised into the window."""
    try:
        return render_markdown(text)
    except InputError as e:
        note = tr("(shown as plain text: {problem})").format(problem=e)
        return f"<p>{render_plain(text)}</p><p><i>{render_plain(note)}</i></p>"


def set_rich(label: QLabel, html: str) -> None:
    """Show renderer output (``render_markdown``, ``render_line``, ``render_plain``) in ``label``."""
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(html)


def tooltip(text: str) -> str:
    """``text`` (a lesson's summary, a problem quoting its values) as a tooltip that shows it
    exactly as written: escaped, and marked as rich text so Qt does not guess."""
    return f"<qt>{render_plain(text)}</qt>"
