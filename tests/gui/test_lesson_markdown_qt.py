"""Qt draws the lesson renderer's HTML as intended (tests/core checks the HTML itself)."""
from __future__ import annotations

from PySide6.QtGui import QTextDocument

from backprop_studio.core.lessons import render_markdown


def test_a_display_fraction_is_stacked_by_qt(qapp):
    stacked = QTextDocument()
    stacked.setHtml(render_markdown("$$\\frac{a}{b}$$"))
    one_line = QTextDocument()
    one_line.setHtml(render_markdown("$a/b$"))
    assert stacked.toPlainText().split() == ["a", "b"]          # two rows, not flattened
    assert stacked.size().height() > 1.6 * one_line.size().height()


def test_sub_and_superscripts_survive_qts_html_import(qapp):
    doc = QTextDocument()
    doc.setHtml(render_markdown("$v_{in}^{(1)}$"))
    html = doc.toHtml()
    assert "vertical-align:sub" in html and "vertical-align:super" in html
