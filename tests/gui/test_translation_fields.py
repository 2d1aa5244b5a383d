"""A translation keeps what the code fills in and what Qt reads (issue 28 §5).

``tr("Step {n} of {total}").format(n=..., total=...)`` formats the *translated* text: a
translation that drops or renames a field raises KeyError in that language only, where no
English test looks.  So every finished translation of every part must keep its source's
``{fields}``, ``%1``-style markers (and ``%p%`` of a progress bar), ``&`` mnemonics (one per
text, as many as the source), HTML tags, and leading and trailing white space.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"

_FIELD = re.compile(r"\{[^{}]*\}")
_MARKER = re.compile(r"%\d+|%p%")
_TAG = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")
_ENTITY = re.compile(r"&(#?\w+);")


def _mnemonics(text: str) -> int:
    """The ``&`` that mark a shortcut letter: not ``&&`` (a literal ampersand) nor an entity."""
    bare = _ENTITY.sub("", text).replace("&&", "")
    return bare.count("&")


def _edges(text: str) -> tuple[str, str]:
    return text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]


def problems(source: str, translation: str) -> list[str]:
    """What ``translation`` loses or changes of ``source`` (empty when it keeps everything)."""
    out = []
    for name, pattern in (("fields", _FIELD), ("markers", _MARKER)):
        if Counter(pattern.findall(source)) != Counter(pattern.findall(translation)):
            out.append(f"{name} {sorted(pattern.findall(source))} became {sorted(pattern.findall(translation))}")
    tags = (Counter(t.lower() for t in _TAG.findall(source)), Counter(t.lower() for t in _TAG.findall(translation)))
    if tags[0] != tags[1]:
        out.append(f"HTML tags {sorted(tags[0].elements())} became {sorted(tags[1].elements())}")
    if _mnemonics(source) != _mnemonics(translation):
        out.append(f"{_mnemonics(source)} & mnemonic(s) became {_mnemonics(translation)}")
    if _edges(source) != _edges(translation):
        out.append(f"leading/trailing white space {_edges(source)!r} became {_edges(translation)!r}")
    return out


def finished(ts: Path) -> list[tuple[str, str]]:
    """(source, translation) of each finished translation in ``ts`` (unfinished ones are the
    completeness test's: tests/gui/test_translations.py)."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            continue
        if (translation.text or "").strip():
            out.append((message.findtext("source") or "", translation.text or ""))
    return out


def test_the_check_finds_what_it_should() -> None:
    """Each way a translation can break its text is found; a faithful one passes."""
    assert problems("Step {n} of {total}", "Paso {n} de {total}") == []
    assert problems("&Open…", "&Abrir…") == []
    assert problems("<b>Hint {n}.</b> {hint}", "<b>Pista {n}.</b> {hint}") == []
    assert problems("Salt &amp; pepper", "Sal y pimienta") == []                   # an entity, not a mnemonic
    assert problems("Locked by the lesson: ", "Bloqueado por la lección: ") == []
    assert len(problems("Step {n} of {total}", "Paso {n} de {todo}")) == 1        # a field renamed
    assert len(problems("Step {n}", "Paso")) == 1                                 # a field dropped
    assert len(problems("&Open…", "Abrir…")) == 1                                 # the mnemonic lost
    assert len(problems("Preparing… %p%", "Preparando…")) == 1                    # Qt's marker lost
    assert len(problems("<b>Locked</b> ({what})", "Bloqueado ({what})")) == 1     # a tag lost
    assert len(problems("Locked by the lesson: ", "Bloqueado por la lección:")) == 1   # the space lost


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*/*.ts")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_translation_keeps_its_fields(ts: Path) -> None:
    found = [f"{source!r}: {problem}" for source, translation in finished(ts)
             for problem in problems(source, translation)]
    assert not found, f"{ts.relative_to(ROOT)}: {len(found)} translations change their text's fields:\n" + \
        "\n".join(found)


def test_a_text_shared_by_parts_has_one_translation() -> None:
    """There is one translation context: the same English (and disambiguation) in two parts is
    one entry of the compiled catalogue, so its translations must agree (lrelease keeps one)."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for ts in sorted((TRANSLATIONS / "es").glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            key = (message.findtext("source") or "", message.findtext("comment") or "")
            found.setdefault(key, {})[ts.name] = message.findtext("translation") or ""
    differ = {key: parts for key, parts in found.items() if len(set(parts.values())) > 1}
    assert not differ, "\n".join(f"{key[0]!r}: {parts}" for key, parts in differ.items())
