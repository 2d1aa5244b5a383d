"""Lessons in more than one language (docs/lesson-file.md, "Texts in more than one language").

Each learner-visible text may be a string (English) or an object keyed by language code with
English required; the reader refuses a bad form with one line naming the JSON path, the model
keeps every language, :func:`pick` falls back to English, and ``lessons check`` renders every
language present.  Lessons are the good minimal lesson (tests/core/lessons_good/minimal.json)
with texts replaced.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main
from backprop_studio.core.lessons import lesson_from_dict
from backprop_studio.core.lessons.language import MAX_LANGUAGES, in_language, languages, pick
from backprop_studio.core.lessons.listing import entries_in
from backprop_studio.core.lessons.question_reader import MAX_PROMPT

GOOD = Path(__file__).parent / "lessons_good" / "minimal.json"
NAMES = {"networkEditor", "lossCurve", "stepDebugger", "actionStepPhase", "actionStepTraining",
         "functionView1d", "learningRate"}
TABS = {"functionView1d"}


def good() -> dict[str, Any]:
    return json.loads(GOOD.read_text(encoding="utf-8"))


def spanish() -> dict[str, Any]:
    """The minimal lesson with every kind of learner-visible text also in Spanish."""
    doc = good()
    doc["title"] = {"en": doc["title"], "es": "Una lección mínima"}
    doc["summary"] = {"en": doc["summary"], "es": "La lección más pequeña."}
    doc["sections"][0] = {"en": "Backpropagation", "es": "Retropropagación"}
    step = doc["steps"][0]
    step["title"] = {"en": step["title"], "es": "Predice v_in de la primera unidad oculta"}
    step["text"] = {"en": step["text"], "es": "La unidad oculta suma sus entradas ponderadas."}
    step["hints"] = [{"en": step["hints"][0], "es": "Multiplica cada entrada por su peso."}]
    step["explanation"] = {"en": step["explanation"], "es": "$-0.05$, como en el artículo."}
    step["lock"]["why"] = {"en": step["lock"]["why"], "es": "La red queda como la dibujó el artículo."}
    question = step["task"]["question"]
    question["prompt"] = {"en": question["prompt"], "es": "¿v_in de la unidad oculta 1?"}
    doc["steps"][2]["task"]["question"]["mistakes"] = [
        {"rule": "sign", "feedback": {"en": "That step went uphill.", "es": "Ese paso subió la cuesta."}}]
    return doc


def refusal(doc: dict[str, Any]) -> str:
    with pytest.raises(InputError) as e:
        lesson_from_dict(doc)
    return str(e.value)


def test_every_text_keeps_every_language_and_picks_with_english_as_the_fallback():
    lesson = lesson_from_dict(spanish())
    step = lesson.steps[0]
    assert languages(step.title) == {"en": "Predict v_in of the first hidden unit",
                                     "es": "Predice v_in de la primera unidad oculta"}
    assert str(step.text).startswith("The hidden unit")       # the string itself is the English
    es, fr = in_language(lesson, "es"), in_language(lesson, "fr")
    assert es.title == "Una lección mínima" and es.summary == "La lección más pequeña."
    assert es.sections == ("Retropropagación", "Example")
    s = es.steps[0]
    assert (s.title, s.text, s.hints, s.explanation) == (
        "Predice v_in de la primera unidad oculta", "La unidad oculta suma sus entradas ponderadas.",
        ("Multiplica cada entrada por su peso.",), "$-0.05$, como en el artículo.")
    assert s.lock is not None and s.lock.why == "La red queda como la dibujó el artículo."
    assert s.task.prompt == "¿v_in de la unidad oculta 1?"
    assert es.steps[2].task.mistakes[0].feedback == "Ese paso subió la cuesta."
    assert es.steps[1].title == "Finish the backward pass"     # written in English only
    assert fr.steps[0].title == "Predict v_in of the first hidden unit"   # no French: English
    assert pick("plain", "es") == "plain"
    assert type(es.steps[0].title) is str and es.steps[0].state == step.state


def test_a_string_and_an_english_only_object_mean_the_same():
    doc = good()
    doc["steps"][0]["title"] = {"en": doc["steps"][0]["title"]}
    assert lesson_from_dict(doc) == lesson_from_dict(good())


def test_the_lesson_list_reads_the_languages_from_the_header(tmp_path):
    (tmp_path / "01-es.json").write_text(json.dumps(spanish()), encoding="utf-8")
    head = entries_in(tmp_path)[0].head
    assert head is not None and pick(head.title, "es") == "Una lección mínima"


@pytest.mark.parametrize("where, value, expected", [
    ("title", {"es": "Hola"}, 'title: a text in several languages needs its English ("en"), the fallback; it has: es'),
    ("title", {}, 'title: a text in several languages needs its English ("en"), the fallback; it has: none'),
    ("title", {"en": "Hi", "ES": "Hola"}, "title: 'ES' is not a language code: use two lowercase letters"),
    ("title", {"en": "Hi", "es-ES": "Hola"}, "title: 'es-ES' is not a language code"),
    ("title", {"en": "Hi", "es": 3}, "title.es: expected a string, got 3"),
    ("title", {"en": "Hi", "es": ["Hola"]}, "title.es: expected a string, got a list"),
    ("title", {"en": "Hi", "es": "  "}, "title.es: expected some text, got an empty string"),
    ("title", {"en": "Hi", "es": "x" * 81}, "title.es: 81 characters is too long; the limit is 80"),
    ("title", {"en": "Hi", "es": "a\nb"}, "title.es: expected one line, got a line break"),
    ("summary", {"en": "Hi", "es": "$\\frac{1}{$"}, "summary.es: line 1, column"),
    ("steps.0.text", {"en": "Hi", "es": "x" * 20_001}, "steps[0].text.es: 20,001 characters is too long"),
    ("steps.0.hints.0", {"en": "Hi", "fr": None}, "steps[0].hints[0].fr: expected a string, got null"),
    ("steps.0.task.question.prompt", {"en": "Hi", "es": "x" * (MAX_PROMPT + 1)},
     f"steps[0].task.question.prompt.es: {MAX_PROMPT + 1} characters is too long"),
    ("steps.0.lock.why", {"en": "Hi", "es": "x" * 301}, "steps[0].lock.why.es: 301 characters is too long"),
    ("title", {f"{a}{b}": "x" for a in "abc" for b in "abcdefgh"},
     f"title: a text has at most {MAX_LANGUAGES} languages, got 24"),
])
def test_a_bad_text_is_refused_with_one_line_naming_its_json_path(where, value, expected):
    doc = good()
    *parents, last = [int(p) if p.isdigit() else p for p in where.split(".")]
    target: Any = doc
    for p in parents:
        target = target[p]
    target[last] = value
    line = refusal(doc)
    assert line.startswith(expected) and "\n" not in line


def test_lessons_check_renders_every_language(capsys, tmp_path):
    doc = spanish()
    doc["steps"][0]["text"]["es"] = "La suma: $\\frac{1}{$"
    doc["steps"][2]["task"]["question"]["mistakes"][0]["feedback"]["de"] = "Das $\\sqrt{$ Vorzeichen."
    path = tmp_path / "es.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code = main(["lessons", "check", str(path)], NAMES, TABS)
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert code == 2, (out, err)
    assert any("steps[0].text.es: " in x and "never closed" in x for x in lines), err
    assert any("steps[2].task.question.mistakes[0].feedback.de: " in x for x in lines), err
    assert not any("steps[0].text: " in x or ".text.en" in x for x in lines), err


def test_lessons_check_passes_a_lesson_in_two_languages(capsys, tmp_path):
    path = tmp_path / "es.json"
    path.write_text(json.dumps(spanish()), encoding="utf-8")
    code = main(["lessons", "check", str(path)], NAMES, TABS)
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err


def test_the_example_in_docs_lesson_file_reads_and_passes_the_check(tmp_path):
    text = (Path(__file__).parents[2] / "docs" / "lesson-file.md").read_text(encoding="utf-8")
    example = json.loads(text.split("## Texts in more than one language")[1].split("```json")[1].split("```")[0])
    doc = good()
    doc["steps"][0].update(example)
    lesson = lesson_from_dict(doc)
    step = in_language(lesson, "es").steps[0]
    assert step.title == "La pendiente en el punto de partida"
    assert step.text == "¿Cuánto vale la pendiente $f'(x_0)$ en $x_0 = 2$?"
    assert step.hints == ("Put $x = 2$ into $4x^3 - 6x + 1$.", "Luego suma los tres términos.")
    assert in_language(lesson, "de").steps[0].title == "The slope at the start"
    path = tmp_path / "example.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["lessons", "check", str(path)], NAMES, TABS) == 0


def test_a_copy_of_a_lesson_in_two_languages_is_marked_a_copy_in_each():
    from backprop_studio.core.lessons.draft import as_copy
    copied = as_copy(spanish())
    assert copied["title"] == {"en": "A minimal lesson: one forward value and one descent step (copy)",
                               "es": "Una lección mínima (copy)"}
    assert lesson_from_dict(copied).title == copied["title"]["en"]


def test_a_course_title_and_intro_may_be_written_per_language(tmp_path, capsys):
    from backprop_studio.core.lessons import pack_course
    from backprop_studio.core.lessons.course import course_from_dict
    (tmp_path / "es.json").write_text(json.dumps(spanish()), encoding="utf-8")
    course = pack_course([tmp_path / "es.json"], "Week 3")
    course["title"] = {"en": "Week 3", "es": "Semana 3"}
    course["intro"] = {"en": "Start here.", "es": "Empieza aquí: $\\frac{1}{$"}
    read = course_from_dict(course)
    assert (pick(read.title, "es"), pick(read.intro, "de")) == ("Semana 3", "Start here.")
    path = tmp_path / "course.json"
    path.write_text(json.dumps(course), encoding="utf-8")
    assert main(["lessons", "check", str(path)], NAMES, TABS) == 2
    assert "intro.es: " in capsys.readouterr().err
