"""A lesson's Markdown as Qt rich text: a small, checked subset, with the math of :mod:`.texmath`.

Blocks: paragraphs (separated by a blank line), ``### headings`` (``#`` and ``##`` too, all
drawn as h3), ``- `` / ``* `` lists, ``1. `` lists, ``> `` notes (a shaded box) and display
math ``$$ ... $$`` on lines of its own.  Inline: ``**bold**``, ``*italic*``, ```code```,
``[links](https://...)``, math ``$...$`` and the escapes ``\\$ \\* \\` \\[ \\\\``.

The output uses only what QTextBrowser draws: p, b, i, code, ul/ol/li, h3, a, sub, sup and
table.  Text is HTML-escaped; nothing is evaluated.  It is the one renderer of what a lesson
supplies: every text of a lesson reaches the screen through :func:`render_markdown`,
:func:`render_line` or :func:`render_plain`.  None of them emits an image, a size or a link
other than http(s), so a lesson's text makes Qt load no resource and lay out nothing larger
than the panel (a table here is a note box at 100% or a stacked fraction).  Errors (math outside the subset, a ``$``
or a code span never closed, a link that is not http(s)) raise
:class:`~core.lessons.texmath.MathError` whose message gives the line and column.
"""
from __future__ import annotations

import html
import re

from backprop_studio.core.engine.naming import html_of_text

from .texmath import MathError, math_html

__all__ = ["MathError", "render_line", "render_markdown", "render_plain", "render_prompt"]

_HEADING = re.compile(r"^#{1,3}\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
_SCHEMES = ("https://", "http://")
NOTE = ('<table width="100%" cellpadding="6" cellspacing="0" bgcolor="#eef3fb">'
        '<tr><td>{}</td></tr></table>')


def render_markdown(text: str) -> str:
    """The rich-text HTML of the lesson Markdown ``text``; MathError naming line and column."""
    try:
        return "\n".join(_blocks(text))
    except MathError as e:
        line = text.count("\n", 0, e.offset) + 1
        column = e.offset - (text.rfind("\n", 0, e.offset) + 1) + 1
        raise MathError(f"line {line}, column {column}: {e.message}", e.offset, e.where) from None


def render_line(text: str) -> str:
    """A one-line text of a lesson (its title, a step's title, ``lock.why``, a question's prompt)
    as rich text: plain text, every character shown as itself (HTML is escaped), in which the
    article's names written in the app's text form (``w_11^(2)``, ``v_in``, ``δ_1^(1)``) get real
    sub- and superscripts (:func:`core.engine.naming.html_of_text`)."""
    return html_of_text(text)


render_prompt = render_line      # a question's prompt is such a line (the name the app used first)


def render_plain(text: str) -> str:
    """Any other text that may hold a lesson's words (a message quoting a value, a tooltip) as
    rich text that shows it exactly: escaped, line breaks kept, no markup of its own."""
    return html.escape(text).replace("\n", "<br>")


def _blocks(text: str) -> list[str]:
    """Group the lines into blocks and render each; offsets are kept for error positions."""
    out: list[str] = []
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    i = 0
    while i < len(lines):
        start, line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        lead = start + len(line) - len(line.lstrip())
        if stripped.startswith("$$"):
            i, block = _display(lines, i)
            out.append(block)
        elif m := _HEADING.match(stripped):
            out.append(f"<h3>{_inline(m.group(1), lead + m.start(1))}</h3>")
            i += 1
        elif _BULLET.match(stripped) or _NUMBERED.match(stripped):
            i, block = _list(lines, i)
            out.append(block)
        elif stripped.startswith(">"):
            body = []
            while i < len(lines) and lines[i][1].strip().startswith(">"):
                s, raw = lines[i]
                k = raw.index(">") + 1
                k += raw[k:k + 1] == " "
                body.append((s + k, raw[k:]))
                i += 1
            out.append(NOTE.format(_inline_lines(body)))
        else:
            body = []
            while i < len(lines) and _continues(lines[i][1]):
                body.append(lines[i])
                i += 1
            out.append(f"<p>{_inline_lines(body)}</p>")
    return out


def _continues(line: str) -> bool:
    s = line.strip()
    return bool(s) and not (s.startswith(("$$", ">")) or _HEADING.match(s) or _BULLET.match(s) or _NUMBERED.match(s))


def _inline_lines(body: list[tuple[int, str]]) -> str:
    """Lines of one paragraph, rendered separately (positions stay exact) and joined by spaces."""
    return " ".join(_inline(raw, start) for start, raw in body)


def _display(lines: list[tuple[int, str]], i: int) -> tuple[int, str]:
    """``$$ ... $$`` over one or more lines, alone in its block."""
    start, first = lines[i]
    offset = start + first.index("$$") + 2
    parts, j = [], i
    rest = first[first.index("$$") + 2:]
    while True:
        end = rest.find("$$")
        if end >= 0:
            parts.append(rest[:end])
            if rest[end + 2:].strip():
                raise MathError("text after the closing $$: display math stands alone on its lines",
                                lines[j][0] + len(lines[j][1]) - len(rest) + end + 2)
            return j + 1, math_html("\n".join(parts), offset, display=True)
        parts.append(rest)
        j += 1
        if j >= len(lines) or not lines[j][1].strip():
            raise MathError("unbalanced $$: display math is never closed", offset - 2)
        rest = lines[j][1]


def _list(lines: list[tuple[int, str]], i: int) -> tuple[int, str]:
    numbered = bool(_NUMBERED.match(lines[i][1].strip()))
    pattern = _NUMBERED if numbered else _BULLET
    items: list[list[tuple[int, str]]] = []
    while i < len(lines):
        start, raw = lines[i]
        s = raw.strip()
        m = pattern.match(s)
        if m:
            lead = start + len(raw) - len(raw.lstrip())
            items.append([(lead + m.start(1), m.group(1))])
        elif s and items and raw[:1].isspace() and not _BULLET.match(s) and not _NUMBERED.match(s):
            items[-1].append((start, raw))     # an indented continuation line
        else:
            break
        i += 1
    tag = "ol" if numbered else "ul"
    return i, f"<{tag}>" + "".join(f"<li>{_inline_lines(item)}</li>" for item in items) + f"</{tag}>"


def _inline(s: str, offset: int) -> str:
    """Inline Markdown of one line (``offset`` is where it starts in the lesson text)."""
    out: list[str] = []
    i = 0
    bold = italic = False
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in "$*`[]\\_":
            out.append(html.escape(s[i + 1]))
            i += 2
        elif c == "$":
            end = _closing_dollar(s, i + 1)
            if end < 0:
                raise MathError("unbalanced $: inline math is never closed on this line "
                                "(write \\$ for a dollar sign)", offset + i)
            if end == i + 1:
                raise MathError("empty math $$ inside a line: display math stands on lines of its own",
                                offset + i)
            out.append(math_html(s[i + 1:end], offset + i + 1))
            i = end + 1
        elif c == "`":
            end = s.find("`", i + 1)
            if end < 0:
                raise MathError("unbalanced `: a code span is never closed", offset + i)
            out.append(f"<code>{html.escape(s[i + 1:end])}</code>")
            i = end + 1
        elif c == "[" and (m := _LINK.match(s, i)):
            url = m.group(2)
            if not url.startswith(_SCHEMES):
                raise MathError(f"the link {url!r} is not a web address (http:// or https://)", offset + m.start(2))
            out.append(f'<a href="{html.escape(url)}">{_inline(m.group(1), offset + m.start(1))}</a>')
            i = m.end()
        elif s.startswith("**", i) and (bold or _opens(s, i + 2)):
            out.append("</b>" if bold else "<b>")
            bold = not bold
            i += 2
        elif c == "*" and (italic or _opens(s, i + 1)):
            out.append("</i>" if italic else "<i>")
            italic = not italic
            i += 1
        else:
            out.append(html.escape(c))
            i += 1
    if italic:
        out.append("</i>")
    if bold:
        out.append("</b>")
    return "".join(out)


def _opens(s: str, i: int) -> bool:
    """A * opens emphasis when a non-space follows it and another * closes it later on the line."""
    return i < len(s) and not s[i].isspace() and "*" in s[i + 1:]


def _closing_dollar(s: str, i: int) -> int:
    while True:
        end = s.find("$", i)
        if end < 0 or s[end - 1] != "\\":
            return end
        i = end + 1
