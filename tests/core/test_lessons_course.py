"""Course files (issue 26 §2): ``lessons pack`` writes one self-contained file, ``lessons check``
checks it lesson by lesson, the readers list and open its lessons like lesson files, and a
hostile course is refused in one line per problem; the new readers raise only InputError."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons import build_state, check_lessons, load_lesson
from backprop_studio.core.lessons.course import MAX_LESSONS, course_from_dict, load_course
from backprop_studio.core.lessons.listing import entries_in, entries_of

from .hostile_lessons import csv_project, good, write

NAMES = {"networkEditor", "lossCurve", "stepDebugger", "actionStepPhase", "actionStepTraining",
         "functionView1d", "learningRate"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), NAMES, {"functionView1d"})
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def teacher(tmp_path) -> Path:
    """A teacher's folder: the minimal lesson, and a lesson with a file: project on a CSV beside it."""
    folder = tmp_path / "teacher"
    (folder / "nets").mkdir(parents=True)
    (folder / "nets" / "data.csv").write_text("x,y\n0,0\n1,1\n2,0\n")
    write(folder / "nets", csv_project("data.csv", units=(1, 2, 1)), "curve net.json")
    write(folder, good(), "01-minimal.json")
    doc = good()
    doc["id"] = "curve"
    doc["steps"] = [{"title": "A CSV project", "text": "Look at $v_{in}$.",
                     "state": {"project": "file:nets/curve net.json", "step": 2, "after_phase": "forward layer 1"},
                     "task": {"question": {"value": {"kind": "v_in", "layer": 1, "unit": 1}, "prompt": "v_in = ?"}}},
                    {"title": "Again", "text": "The same file.", "state": {"project": "file:nets/curve net.json"}}]
    write(folder, doc, "02-curve.json")
    return folder


def test_pack_writes_one_self_contained_course_that_the_check_and_the_readers_accept(teacher, tmp_path, capsys,
                                                                                    monkeypatch):
    out = tmp_path / "week-3.json"
    code, stdout, err = run(capsys, "lessons", "pack", str(teacher / "01-minimal.json"), str(teacher / "02-curve.json"),
                            "-o", str(out))
    assert (code, stdout, err) == (0, f"wrote {out}: 2 lessons, 5 steps\n", "")
    text = out.read_text(encoding="utf-8")
    assert "file:" not in text and '"csv"' not in text                     # nothing outside the file
    doc = json.loads(text)
    assert (doc["format"], doc["version"], doc["title"]) == ("backprop-studio-course", 1, "Week 3")
    curve = doc["lessons"][1]
    assert list(curve["projects"]) == ["curve_net"]                          # one file, embedded once
    assert curve["projects"]["curve_net"]["dataset"] == {"inputs": [[0.0], [1.0], [2.0]],
                                                         "targets": [[0.0], [1.0], [0.0]]}
    assert [s["state"]["project"] for s in curve["steps"]] == ["embedded:curve_net"] * 2
    assert run(capsys, "lessons", "check", str(out)) == (0, "ok: 2 lessons, 5 steps\n", "")
    monkeypatch.chdir(tmp_path)         # the course needs no folder: nothing is read beside it
    course = load_course(out)
    assert [h.id for h in course.heads] == ["minimal", "curve"] and course.title == "Week 3"
    packed, original = course.lesson(1), load_lesson(teacher / "02-curve.json")
    a, b = build_state(packed, 0).session, build_state(original, 0).session
    assert [w.tolist() for w in a.network.W] == [w.tolist() for w in b.network.W] and a.step_count == 2
    assert [(e.head.id, e.index, e.course) for e in entries_in(tmp_path) if e.path == out] == \
        [("minimal", 0, "Week 3"), ("curve", 1, "Week 3")]
    assert entries_of(out)[1].open().id == "curve"


def test_pack_takes_a_title_and_an_introduction(teacher, tmp_path, capsys):
    intro = tmp_path / "intro.md"
    intro.write_text("Read the article first: $\\delta^{(k)}$ is the error term.\n", encoding="utf-8")
    out = tmp_path / "c.json"
    code, _, err = run(capsys, "lessons", "pack", str(teacher / "01-minimal.json"), "-o", str(out),
                       "--title", "Backpropagation, week 3", "--intro", str(intro))
    assert (code, err) == (0, "")
    course = load_course(out)
    assert course.title == "Backpropagation, week 3" and course.intro.startswith("Read the article")


@pytest.mark.parametrize("args, reason", [
    (["missing.json"], "missing.json: document: cannot read"),
    (["01-minimal.json", "--title", "x" * 81], "--title: a course title is one line of 1 to 80 characters"),
    (["01-minimal.json", "--intro", "bad.md"], "--intro: line 1, column 2: unknown command \\foo"),
    (["01-minimal.json", "-o", "."], "not a regular file"),
    (["01-minimal.json", "-o", "fifo.json"], "fifo.json: not a regular file"),
    (["01-minimal.json", "-o", "nowhere/c.json"], "does not exist"),
])
def test_pack_refuses_bad_input_in_one_line(teacher, tmp_path, capsys, monkeypatch, args, reason):
    (teacher / "bad.md").write_text("$\\foo$")
    os.mkfifo(teacher / "fifo.json")
    monkeypatch.chdir(teacher)
    argv = ["lessons", "pack", *args] + ([] if "-o" in args else ["-o", str(tmp_path / "c.json")])
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "") and err.count("\n") == 1 and reason in err, err
    assert not (tmp_path / "c.json").exists()


def test_pack_refuses_a_lesson_whose_file_leaves_its_folder_and_a_course(teacher, tmp_path, capsys):
    doc = good()
    doc["steps"][0]["state"]["project"] = "file:../outside.json"
    write(teacher, doc, "03-out.json")
    code, _, err = run(capsys, "lessons", "pack", str(teacher / "03-out.json"), "-o", str(tmp_path / "c.json"))
    assert code == 2 and "03-out.json: steps[0].state.project: '../outside.json' leaves the lesson's folder" in err
    run(capsys, "lessons", "pack", str(teacher / "01-minimal.json"), "-o", str(tmp_path / "c.json"))
    code, _, err = run(capsys, "lessons", "pack", str(tmp_path / "c.json"), "-o", str(tmp_path / "d.json"))
    assert code == 2 and "this is a course file; pack takes lesson files" in err


def course(*lessons: dict[str, Any]) -> dict[str, Any]:
    return {"format": "backprop-studio-course", "version": 1, "title": "A course", "lessons": list(lessons)}


def named(lesson_id: str) -> dict[str, Any]:
    doc = good()
    doc["id"] = lesson_id
    return doc


@pytest.mark.parametrize("mutate, where, reason", [
    (lambda c: c["lessons"].append(named("a")), "lessons[1].id", "'a' is also the id of lessons[0]"),
    (lambda c: c.update(version=2), "version", "newer than this program reads"),
    (lambda c: c.update(title=""), "title", "expected some text"),
    (lambda c: c.update(lessons=[named(f"l{i}") for i in range(MAX_LESSONS + 1)]), "lessons", "1 to 50 lessons"),
    (lambda c: c["lessons"][0].update(format="x"), "lessons[0].format", "not a Backprop Studio lesson"),
    (lambda c: c.update(extra=1), "document", "unknown key 'extra'"),
    (lambda c: c.update(intro="$\\frac$"), "intro", "\\frac needs an argument"),
])
def test_a_malformed_course_is_one_line_naming_the_path(tmp_path, mutate, where, reason):
    doc = course(named("a"))
    mutate(doc)
    with pytest.raises(InputError) as e:
        course_from_dict(doc)
    assert e.value.where == where and reason in e.value.message, str(e.value)
    (problem,) = check_lessons([write(tmp_path, doc, "c.json")], NAMES)
    assert problem.startswith(f"{tmp_path / 'c.json'}: {where}: ")


def test_a_courses_lessons_are_checked_like_files_and_may_name_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.csv").write_text("x,y\n1,1\n")
    files = named("files")
    files["steps"][0]["state"]["project"] = "file:net.json"
    csv = named("csv")
    csv["projects"] = {"p": csv_project("data.csv")}
    text = named("text")
    text["steps"][2]["text"] = "$\\foo$"
    path = write(tmp_path, course(named("fine"), files, csv, text), "c.json")
    assert check_lessons([path], NAMES) == [
        f"{path}: lessons[1] (files): steps[0].state.project: 'net.json': a lesson without a folder of its own "
        "(one in a course) cannot refer to files; embed them (backprop-studio lessons pack does)",
        f"{path}: lessons[2] (csv): projects.p.dataset.csv: 'data.csv': a lesson without a folder of its own "
        "(one in a course) cannot refer to files; embed them (backprop-studio lessons pack does)",
        f"{path}: lessons[3] (text): steps[2].text: line 1, column 2: unknown command \\foo"]


def test_the_shipped_lessons_pack_into_a_course_that_passes_the_check(tmp_path, capsys):
    out = tmp_path / "all.json"
    shipped = sorted(map(str, LESSONS_DIR.glob("*.json")))
    assert run(capsys, "lessons", "pack", *shipped, "-o", str(out), "--title", "The article")[0] == 0
    assert main(["lessons", "check", str(out)]) == 0         # (the app's names: tests/gui/test_lesson_targets.py)
    assert capsys.readouterr().out.startswith(f"ok: {len(shipped)} lessons")


# -- the new readers raise only InputError -------------------------------------------------------------
def _json_values():
    from hypothesis import strategies as st
    leaves = st.none() | st.booleans() | st.integers(-3, 10 ** 6) | st.floats(allow_nan=False) | \
        st.text(max_size=12) | st.sampled_from(["file:../x.json", "embedded:p", "$\\frac$", "<img src=x>"])
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def _paths(doc: Any, here: tuple = ()) -> list[tuple]:
    out = [here]
    if isinstance(doc, dict):
        for k, x in doc.items():
            out += _paths(x, here + (k,))
    elif isinstance(doc, list):
        for i, x in enumerate(doc):
            out += _paths(x, here + (i,))
    return out


def test_the_course_and_header_readers_raise_only_input_error(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    base = course(named("a"), named("b"))
    paths = _paths(base)[1:]

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.sampled_from(paths), _json_values())
    def mutated(path, value):
        doc = copy.deepcopy(base)
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        try:
            read = course_from_dict(doc)
            for i in range(len(read.documents)):
                read.lesson(i)
        except InputError:
            pass
        f = tmp_path / "fuzz.json"
        f.write_text(json.dumps(doc), encoding="utf-8")
        (entry, *_) = entries_of(f)
        assert entry.head is not None or entry.problem

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.binary(max_size=200) | _json_values().map(lambda x: json.dumps(x).encode()))
    def raw(data):
        f = tmp_path / "raw.json"
        f.write_bytes(data)
        (entry,) = entries_of(f)
        assert entry.head is None and entry.problem

    mutated()
    raw()
