"""A step's Markdown as the panel's rich text (core.lessons.render_markdown)."""
from __future__ import annotations

from html import escape

try:
    from core.lessons import render_markdown
except ImportError:   # TEMPORARY until lessons-core's renderer lands: plain text
    def render_markdown(text: str) -> str:
        return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
