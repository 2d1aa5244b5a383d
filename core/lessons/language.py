"""Lesson text in more than one language: one rule for reading it, one for picking it.

Every learner-visible text of a lesson file (titles, texts, hints, prompts, explanations,
known-mistake feedback, lock reasons, the lesson's title, summary and sections) is written
either as a string, which is English, or as an object keyed by language code::

    "title": {"en": "The loss of one sample", "es": "La pérdida de una muestra"}

English is required: it is the fallback whenever the learner's language is missing.
:func:`read_localized` is the one reader that decides between the two forms for every such
field (:mod:`.readers` ``text`` and ``line`` go through it); each language's text is read by
the same rule (non-empty, bounded) and refused with the JSON path of that language
(``steps[0].title.es``).

The model keeps every language: a text read in several languages is a :class:`Localized`, a
``str`` whose value is the English (so checks that read prose, such as the teaching rules,
read the English) and whose :attr:`Localized.translations` holds them all.  :func:`pick`
chooses the text for a language, with English as the fallback; :func:`in_language` returns a
whole lesson (or any part of one) with every text picked, as the app shows it.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError

FALLBACK = "en"
LANGUAGE = re.compile(r"^[a-z]{2}$")        # an ISO 639-1 code, as QLocale().name()[:2] gives it
MAX_LANGUAGES = 20

T = TypeVar("T")


class Localized(str):
    """A text in several languages: the ``str`` itself is the English, ``translations`` maps
    each language code (``"en"`` included) to its text.  Read by :func:`read_localized` only."""

    translations: Mapping[str, str]

    def __new__(cls, by_language: Mapping[str, str]) -> Localized:
        self = super().__new__(cls, by_language[FALLBACK])
        self.translations = MappingProxyType(dict(by_language))
        return self

    def __repr__(self) -> str:
        return f"Localized({dict(self.translations)!r})"


def read_localized(value: Any, path: str, read_one: Callable[[Any, str], str]) -> str:
    """The text ``value`` at ``path``: a string (English) read by ``read_one``, or an object of
    language code -> string, each read by ``read_one`` at ``path.code``, with ``"en"`` required.
    A plain ``str`` when only English is given, else a :class:`Localized`."""
    if not isinstance(value, dict):
        return read_one(value, path)
    if len(value) > MAX_LANGUAGES:
        raise InputError(f"a text has at most {MAX_LANGUAGES} languages, got {len(value)}", path)
    for code in value:
        if not LANGUAGE.match(code):
            raise InputError(f"{v.describe(code)} is not a language code: use two lowercase letters "
                             "such as \"en\" or \"es\"", path)
    if FALLBACK not in value:
        given = ", ".join(value) or "none"
        raise InputError(f"a text in several languages needs its English (\"en\"), the fallback; "
                         f"it has: {given}", path)
    texts = {code: read_one(s, v.join(path, code)) for code, s in value.items()}
    return texts[FALLBACK] if len(texts) == 1 else Localized(texts)


def languages(text: str) -> Mapping[str, str]:
    """Every language ``text`` is written in, code -> text (a plain string: English only)."""
    return text.translations if isinstance(text, Localized) else {FALLBACK: text}


def each_language(text: str, path: str) -> Iterator[tuple[str, str]]:
    """(JSON path, text) for each language of ``text``: ``path`` for English only, else
    ``path.code`` for each (what ``lessons check`` names in its lines)."""
    if not isinstance(text, Localized):
        yield path, text
        return
    for code, s in text.translations.items():
        yield v.join(path, code), s


def pick(text: str, language: str) -> str:
    """The text for ``language``; the English when the text is not written in it."""
    if isinstance(text, Localized):
        return text.translations.get(language, text.translations[FALLBACK])
    return text


def in_language(obj: T, language: str) -> T:
    """``obj`` (a lesson, a header, a step, any frozen part of one) with every text picked for
    ``language`` by :func:`pick`: what the app shows.  Parts without text come back as they are;
    dicts (embedded projects, settings) hold no lesson text and are not walked."""
    if isinstance(obj, Localized):
        return pick(obj, language)  # type: ignore[return-value]
    if isinstance(obj, tuple):
        return type(obj)(in_language(x, language) for x in obj) if not hasattr(obj, "_fields") else obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            old = getattr(obj, f.name)
            new = in_language(old, language)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj
    return obj


# -- the file as the lesson editor edits it (dicts, not the model) ------------------------------
def english_of(value: Any) -> str:
    """The English of a text as the file spells it (a string, or an object per language); ""
    for anything else.  The lesson editor shows and edits the English."""
    if isinstance(value, dict):
        value = value.get(FALLBACK, "")
    return value if isinstance(value, str) else ""


def with_english(old: Any, new: str) -> Any:
    """The text ``old`` (as the file spells it) with its English now ``new`` and its other
    languages kept: an edit of the English loses no translation."""
    if isinstance(old, dict) and len(old) > 1:
        return {**old, FALLBACK: new}
    return new


def with_englishes(old: list[Any], new: list[str]) -> list[Any]:
    """A list of texts (hints) whose English is now ``new``: a text whose English is unchanged
    keeps its languages wherever it moved; an edited one keeps those of the text it replaces
    when the list keeps its length."""
    unused = list(old)
    out: list[Any] = []
    for i, text in enumerate(new):
        same = next((x for x in unused if english_of(x) == text), None)
        if same is not None:
            unused.remove(same)
            out.append(same)
        else:
            out.append(with_english(old[i], text) if len(old) == len(new) else text)
    return out
