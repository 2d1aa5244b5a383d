"""A lesson from a stranger is never trusted (issue 26 §4), headless: ``lessons check`` and the
readers the app uses.  Each hostile file is rebuilt from the adversarial pass; the app's side
is tests/gui/test_lessons_hostile.py."""
from __future__ import annotations

import os
import re

import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main
from backprop_studio.core.data import datasets
from backprop_studio.core.files import project_file
from backprop_studio.core.lessons import check_lessons, lesson_from_dict, load_lesson
from backprop_studio.core.lessons.markdown import render_markdown
from backprop_studio.core.lessons.record import LessonDraft
from backprop_studio.core.lessons.state import build_state

from .hostile_lessons import (
    IMG,
    LINK,
    TABLE,
    csv_project,
    deep_maths,
    embedding,
    good,
    network,
    with_text_everywhere,
    write,
)

NAMES = {"networkEditor", "lossCurve", "stepDebugger", "actionStepPhase", "actionStepTraining",
         "functionView1d", "learningRate"}
PASSWD_LINE = "root:"


# -- rich text ------------------------------------------------------------------------------------
@pytest.mark.parametrize("payload", [IMG.format(png="/tmp/x.png"), TABLE, LINK])
def test_html_in_any_text_is_shown_as_text_never_as_markup(tmp_path, payload):
    from backprop_studio.core.lessons.markdown import render_line, render_plain
    doc = with_text_everywhere(payload)
    assert check_lessons([write(tmp_path, doc)], NAMES) == []        # passed, because it is only text
    lesson = lesson_from_dict(doc)
    shown = [render_markdown(lesson.summary), render_line(lesson.title), render_plain(payload)]
    for step in lesson.steps:
        shown += [render_line(step.title), render_markdown(step.text), render_markdown(step.explanation)]
        shown += [render_markdown(h) for h in step.hints]
    shown += [render_line(lesson.steps[0].lock.why), render_line(lesson.steps[0].task.prompt)]
    for html in shown:
        assert "<img" not in html and "<table width=100000" not in html and '<a href="file' not in html
        assert "&lt;" in html


ALLOWED_TAGS = {"p", "b", "i", "code", "ul", "ol", "li", "h3", "a", "sub", "sup", "table", "tr", "td"}


def test_the_renderer_emits_only_its_own_tags_and_web_links():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from backprop_studio.core.lessons.markdown import render_line, render_plain

    alphabet = st.sampled_from(list("<>&\"'=/ab xy12$*`\\[]()_^{}#-\n") + ["img", "src=", "table", "http://", "file:"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(alphabet, max_size=60).map("".join))
    def check(text):
        for render in (render_markdown, render_line, render_plain):
            try:
                html = render(text)
            except InputError:
                continue
            assert {t.lower() for t in re.findall(r"</?([A-Za-z0-9]+)", html)} <= ALLOWED_TAGS | {"br"}, html
            assert all(h.startswith(("http://", "https://")) for h in re.findall(r'href="([^"]*)"', html))
            assert not re.search(r'width="(?!100%)', html)
    check()


# -- paths -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("csv", ["/etc/passwd", "../../../../../../../../etc/passwd", "link.csv"])
def test_an_embedded_dataset_outside_the_lessons_folder_is_refused_and_never_quoted(tmp_path, csv):
    (tmp_path / "link.csv").symlink_to("/etc/passwd")
    path = write(tmp_path, embedding(csv_project(csv)))
    problems = check_lessons([path], NAMES)
    assert len(problems) == 1 and "projects.p.dataset.csv" in problems[0], problems
    assert PASSWD_LINE not in problems[0]
    assert re.search(r"absolute path|leaves the lesson's folder|leads out of the lesson's folder", problems[0])


def test_a_referenced_projects_dataset_must_stay_in_the_lessons_folder_too(tmp_path):
    (tmp_path / "lesson").mkdir()
    (tmp_path / "lesson" / "sub").mkdir()
    (tmp_path / "secret.csv").write_text("x,y\n1,2\n")
    write(tmp_path / "lesson" / "sub", csv_project("../../secret.csv"), "net.json")
    doc = good()
    doc["steps"] = [{"title": "A", "text": "B", "state": {"project": "file:sub/net.json"}}]
    problems = check_lessons([write(tmp_path / "lesson", doc)], NAMES)
    assert len(problems) == 1 and "leaves the lesson's folder" in problems[0], problems


def test_a_lessons_csv_is_never_quoted_but_a_users_own_still_is(tmp_path):
    (tmp_path / "data.csv").write_text("SECRET-HEADER,y\nSECRET-CELL,1\n")
    problems = check_lessons([write(tmp_path, embedding(csv_project("data.csv")))], NAMES)
    assert len(problems) == 1 and "no input column named 'x'" in problems[0]
    assert "SECRET" not in problems[0]
    (tmp_path / "data2.csv").write_text("x,y\nSECRET-CELL,1\n")
    problems = check_lessons([write(tmp_path, embedding(csv_project("data2.csv")), "l2.json")], NAMES)
    assert len(problems) == 1 and "line 2" in problems[0] and "SECRET" not in problems[0], problems
    write(tmp_path, csv_project("data.csv"), "own.json")                # the user's own project
    with pytest.raises(InputError, match="SECRET-HEADER"):
        project_file.load(tmp_path / "own.json")


def test_listing_lessons_builds_no_project_and_reads_no_file_beside_them(tmp_path, monkeypatch):
    from backprop_studio.core.lessons.listing import entries_in
    def never(*_args, **_kwargs):
        raise AssertionError("listing built a project or read a dataset")
    monkeypatch.setattr(project_file, "session_from", never)
    monkeypatch.setattr(datasets, "read_csv", never)
    big = embedding(network((990, 10_000, 1)))
    big["projects"] |= {"q": network((990, 10_000, 1)), "r": network((990, 10_000, 1))}
    write(tmp_path, big, "01-big.json")
    write(tmp_path, embedding(csv_project("/etc/passwd")), "02-passwd.json")
    entries = entries_in(tmp_path)
    assert [(e.head.id, e.head.steps, e.problem) for e in entries] == [("minimal", 1, ""), ("minimal", 1, "")]


# -- the compute budget ---------------------------------------------------------------------------
def test_work_is_steps_times_parameters_times_samples_worked_by_hand():
    from backprop_studio.core.lessons.budget import STEP_OVERHEAD, work_of
    # 2-100-1: P = 2*100 + 100 + 100*1 + 1 = 401 weights and biases; 4 samples, the full batch
    lesson = lesson_from_dict(embedding(network((2, 100, 1)), step=20_000))
    (part,), = work_of(lesson, lambda _ref: lesson.sizes["p"])
    assert part.where == "steps[0].state.step" and STEP_OVERHEAD == 30_000
    assert part.amount == 20_000 * (401 * 4 + 30_000) + (401 * 4 + 30_000) == 632_111_604


def test_a_state_over_the_budget_is_refused_at_once_naming_the_step(tmp_path, capsys):
    doc = embedding(network((2, 100, 1)), step=100_000)     # 100,001 * 31,604 = 3.2e9 > 1e9
    with pytest.raises(InputError) as e:
        lesson_from_dict(doc)
    assert e.value.where == "steps[0].state.step" and "3.2e+09 units of work" in e.value.message
    assert "100,000 training steps of 401 parameters on 4 samples" in e.value.message
    assert main(["lessons", "check", str(write(tmp_path, doc))], NAMES) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "steps[0].state.step" in err and "limit for a step is 1e+09" in err


def test_show_me_presses_and_function_races_count_too():
    # 10-1000-10: P = 10*1000 + 1000 + 1000*10 + 10 = 21,010; 100 samples: a press is one step
    # of the full batch, 21,010 * 100 + 30,000 = 2,131,000; 10,000 presses = 2.1e10
    doc = embedding(network((10, 1000, 10), samples=100, batch=1))
    doc["steps"][0]["task"] = {"do": {"action": "actionStepTraining", "until": {"steps_at_least": 5},
                                      "limit": 10_000}}
    with pytest.raises(InputError, match=r"2\.1e\+10 units") as e:
        lesson_from_dict(doc)
    assert e.value.where == "steps[0].task.do.limit"
    expression = "+".join(["(x^2+y^2)"] * 40)             # 399 characters, 15,000 + 500 * 399 a step
    race = good()
    race["steps"] = [{"title": "A race", "text": "Look.", "state": {"function2d": {
        "function": {"expression": expression}, "steps": 10_000, "runs": [{}] * 12}}}]
    with pytest.raises(InputError, match=r"2\.6e\+10 units") as e:   # 12 * 10,000 * 214,500
        lesson_from_dict(race)
    assert e.value.where == "steps[0].state.function2d"


def test_a_lessons_steps_together_have_a_budget_too():
    doc = embedding(network((2, 100, 1)), step=30_000)       # 30,001 * 31,604 = 9.5e8 each, under 1e9
    doc["steps"] = doc["steps"] * 5                          # 4.7e9 together, over 4e9
    with pytest.raises(InputError, match="the lesson's steps together") as e:
        lesson_from_dict(doc)
    assert e.value.where == "steps"


def test_the_shipped_lessons_largest_state_is_the_one_the_docs_name():
    from backprop_studio.core.files.resources import LESSONS_DIR
    from backprop_studio.core.lessons.budget import MAX_STEP_WORK, STEP_OVERHEAD, work_of
    lesson = load_lesson(LESSONS_DIR / "08-beyond-the-article.json")
    sizes = {f"embedded:{k}": s for k, s in lesson.sizes.items()}
    parts = [p for step in work_of(lesson, sizes.get) for p in step]
    biggest = max(parts, key=lambda p: p.amount)
    # 2,000 steps of the 1-32-32-1 net (32 + 32 + 32*32 + 32 + 32 + 1 = 1,153) on 15 samples, and one more
    assert biggest.amount == 2001 * (1153 * 15 + STEP_OVERHEAD) == 94_637_295
    assert MAX_STEP_WORK / biggest.amount == pytest.approx(10.6, abs=0.1)


def test_building_a_state_reports_progress_and_can_be_cancelled():
    from backprop_studio.core.files.resources import LESSONS_DIR
    from backprop_studio.core.lessons.state import Cancelled
    lesson = load_lesson(LESSONS_DIR / "08-beyond-the-article.json")
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        build_state(lesson, 3, should_stop=lambda: len(seen) >= 10, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(d, 2000) for d in range(1, 11)]          # 2,000 training steps to state 4
    seen.clear()
    built = build_state(lesson, 3, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2000, 2000) and built.session.step_count == 2000


# -- maths recursion ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["frac", "hat"])
def test_deeply_nested_maths_is_one_clear_line(tmp_path, capsys, kind):
    doc = good()
    doc["steps"][0]["text"] = "Before. " + deep_maths(kind)
    assert main(["lessons", "check", str(write(tmp_path, doc))], NAMES) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.search(r"steps\[0\]\.text: line 1, column \d+: maths nested deeper than 12 levels", err), err


def test_twelve_levels_of_maths_are_fine_and_thirteen_are_not():
    def nested(n: int) -> str:                 # x^{x^{...}}: n arguments inside each other
        return "$" + "x^{" * n + "x" + "}" * n + "$"
    assert render_markdown(nested(12)).count("<sup>") == 12
    with pytest.raises(InputError, match="column 40: maths nested deeper than 12"):   # the 13th ^ is at 2 + 12*3
        render_markdown(nested(13))


# -- recording a step of a CSV project ---------------------------------------------------------------------
def test_recording_a_csv_dataset_project_works_from_any_folder(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "data.csv").write_text("x,y\n0,0\n1,1\n2,0\n")
    write(tmp_path / "project", csv_project("data.csv", units=(1, 2, 1)), "net.json")
    session = project_file.load(tmp_path / "project" / "net.json")
    session.run(steps=3)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    draft = LessonDraft()
    draft.add_step(session, "Recorded", "A CSV project.")
    doc = draft.document("recorded", "Recorded", "A recorded lesson.", ["Backpropagation"])
    assert doc["projects"]["project1"]["dataset"] == {"inputs": [[0.0], [1.0], [2.0]], "targets": [[0.0], [1.0], [0.0]]}
    lesson = lesson_from_dict(doc, tmp_path / "elsewhere" / "recorded.json")
    assert build_state(lesson, 0).session.step_count == 3
    assert os.getcwd() == str(tmp_path / "elsewhere")
