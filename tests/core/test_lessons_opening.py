"""What a file is, by its format key, read once (core/lessons/opening.py): File → Open and
``backprop-studio PATH`` open a project, a lesson or a course with it."""
from __future__ import annotations

import json
import os

import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.files.resources import EXAMPLES_DIR, LESSONS_DIR
from backprop_studio.core.lessons import pack_course
from backprop_studio.core.lessons.opening import open_file

from .hostile_lessons import embedding, good, network, write


def test_a_project_a_lesson_and_a_course_are_told_apart_by_their_format(tmp_path):
    project = open_file(EXAMPLES_DIR / "xor.json")
    assert project.kind == "project" and project.session is not None and project.entries == ()
    lesson = open_file(write(tmp_path, good()))
    assert lesson.kind == "lesson" and lesson.session is None
    assert [(e.head.id, e.head.steps, e.index) for e in lesson.entries] == [("minimal", 3, None)]
    shipped = sorted(LESSONS_DIR.glob("*.json"))[:2]
    course_path = tmp_path / "week.json"
    course_path.write_text(json.dumps(pack_course(shipped, "Week 1")), encoding="utf-8")
    course = open_file(course_path)
    assert course.kind == "course" and course.title == "Week 1"
    assert [(e.head.id, e.index, e.course) for e in course.entries] == [
        ("univariate", 0, "Week 1"), ("multivariate", 1, "Week 1")]


def test_a_lesson_is_read_only_as_far_as_its_header(tmp_path):
    doc = embedding(network((2, 100, 1)), step=100_000)      # over the budget: found when it is read whole
    opened = open_file(write(tmp_path, doc))
    assert opened.kind == "lesson" and opened.entries[0].head.title.startswith("A minimal lesson")
    with pytest.raises(InputError, match="steps.0..state.step: this step asks for about 3.2e.09 units"):
        opened.entries[0].open()


def test_anything_else_is_read_as_a_project_and_says_what_the_formats_are(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    with pytest.raises(InputError, match='format: expected "backprop-studio"; this is not a Backprop Studio project'):
        open_file(path)


def test_each_kind_keeps_its_own_size_limit(tmp_path):
    doc = good()
    doc["summary"] = "x" * (9 * 2 ** 20)          # 9 MiB: over a lesson's 8 MiB, under a project's 64
    path = write(tmp_path, doc)
    with pytest.raises(InputError) as e:
        open_file(path)
    assert str(e.value).startswith("document: the file is ") and "the limit for a lesson is 8,388,608" in str(e.value)


def test_a_lesson_of_a_newer_version_asks_for_an_update(tmp_path):
    doc = good()
    doc["version"] = 99
    with pytest.raises(InputError, match="update Backprop Studio"):
        open_file(write(tmp_path, doc))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_or_a_folder_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        open_file(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        open_file(tmp_path)
