"""Lesson files: the strict reader and ``lessons check`` (one clear line per problem, exit 2).

Each malformed lesson is the good minimal lesson (tests/core/lessons_good/minimal.json) with
one thing broken; the check must name the JSON path within the lesson and the reason.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.cli.main import main
from backprop_studio.core.files.resources import EXAMPLES_DIR, STARTS_DIR
from backprop_studio.core.lessons import check_lessons, lesson_from_dict, load_lesson

GOOD = Path(__file__).parent / "lessons_good" / "minimal.json"
# the app's names as the launcher would hand them in (tests/core runs without Qt)
NAMES = {"networkEditor", "lossCurve", "stepDebugger", "actionStepPhase", "actionStepTraining",
         "functionView1d", "learningRate"}
TABS = {"functionView1d"}


def good() -> dict[str, Any]:
    return json.loads(GOOD.read_text(encoding="utf-8"))


def run_check(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str, str]:
    code = main(["lessons", "check", *map(str, paths)], NAMES, TABS)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_minimal_lesson_passes(capsys):
    code, out, err = run_check(capsys, GOOD)
    assert (code, err) == (0, "")
    assert out == "ok: 1 lesson, 3 steps\n"


def test_a_folder_is_every_json_file_in_it(capsys, tmp_path):
    for name in ("01-a.json", "02-b.json"):
        doc = good()
        doc["id"] = name[3:4]
        (tmp_path / name).write_text(json.dumps(doc))
    code, out, _ = run_check(capsys, tmp_path)
    assert (code, out) == (0, "ok: 2 lessons, 6 steps\n")


def _set(path: str, value: Any):
    """A mutation: set the value at a dotted path (list indices as numbers)."""
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = doc
        for p in parents:
            target = target[p]
        target[last] = value
    return apply


def _drop(path: str):
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = doc
        for p in parents:
            target = target[p]
        del target[last]
    return apply


QUESTION = "steps.0.task.question.value"
BAD = [
    # (mutation, JSON path the line names, reason in the line)
    (_set("format", "backprop-studio"), "format", "not a Backprop Studio lesson"),
    (_set("version", 2), "version", "version 2 is newer than this program reads"),
    (_set("answers", {"steps[0]": -0.05}), "document", "unknown key 'answers'"),
    (_set("id", "Forward Pass"), "id", "is not an id"),
    (_set("steps", []), "steps", "a lesson has 1 to 200 steps"),
    (_drop("steps.0.title"), "steps[0]", "missing key 'title'"),
    (_set("steps.0.title", "x" * 81), "steps[0].title", "81 characters is too long"),
    (_set("steps.0.answer", -0.05), "steps[0]", "unknown key 'answer'"),
    (_set("steps.1.task", {"question": {"value": {"kind": "loss"}, "prompt": "E = ?"}}), "steps[1]",
     "a step with a question must load its own state"),
    (_set(QUESTION + ".unit", 4), "steps[0].task.question.value.unit",
     "unit 4 does not exist in layer 1 (it has 2 units)"),
    (_set(QUESTION, {"kind": "delta", "layer": 0, "unit": 1}), "steps[0].task.question.value.layer",
     "there is no delta^(0)"),
    (_set(QUESTION, {"kind": "delta", "layer": 1, "unit": 1}), "steps[0].task.question.value",
     "delta is not computed yet at this position (after the phase forward layer 1 of step 1)"),
    (_set(QUESTION, {"kind": "grad", "param": "w_31^(2)"}), "steps[0].task.question.value.param",
     "w_31^(2) does not exist: W^(1->2) is 2x1"),
    (_set("steps.0.state.project", "example:nope"), "steps[0].state.project", "there is no example 'nope'"),
    (_set("steps.0.state.project", "file:../secret.json"), "steps[0].state.project",
     "leaves the lesson's folder"),
    (_set("steps.0.state.project", "file:/etc/project.json"), "steps[0].state.project", "is an absolute path"),
    (_set("steps.0.state.after_phase", "backward layer 3"), "steps[0].state.after_phase",
     "this network has no phase 'backward layer 3'"),
    (_set("steps.0.text", "Compute $\\foo{x}$."), "steps[0].text", "line 1, column 10: unknown command \\foo"),
    (_set("steps.0.text", "The cost is $5."), "steps[0].text", "line 1, column 13: unbalanced $"),
    (_set("steps.0.explanation", "$v_{in$"), "steps[0].explanation", "unbalanced {"),
    (_set("steps.0.show.highlight", ["lossCurve", "nosuchView"]), "steps[0].show.highlight[1]",
     "the app has no object named 'nosuchView'"),
    (_set("steps.0.show.tab", "networkEditor"), "steps[0].show.tab", "'networkEditor' is not a tab page"),
    (_set("steps.1.task.do.action", "networkEditor"), "steps[1].task.do.action", "is not an action or a button"),
    (_set("steps.0.settings", {"optimizer": {"learning_rate": -1}}), "steps[0].settings.optimizer.learning_rate",
     "must be >= 0, got -1"),
    (_set("steps.0.settings", {"optimizer": {"beta1": 0.9}}), "steps[0].settings.optimizer",
     "unknown key 'beta1'"),
    (_set("steps.1.task.do.until", {"steps_at_least": 3, "loss_below": 0.1}), "steps[1].task.do.until",
     "a condition has exactly one of"),
    (_set("steps.1.task.do.until", {"reached": {"step": 0, "after_phase": "backward layer 4"}}),
     "steps[1].task.do.until.reached.after_phase", "this network has no phase 'backward layer 4'"),
    (_set("steps.1.settings", {"fine_stepping": "yes"}), "steps[1].settings.fine_stepping",
     "expected true or false, got 'yes'"),
    (_set("steps.1.task.do.until", {"revealed": {"kind": "delta", "layer": 1, "unit": 3}}),
     "steps[1].task.do.until.revealed.unit", "unit 3 does not exist in layer 1 (it has 2 units)"),
    (_set("steps.1.task.do.until", {"revealed": {"kind": "x", "view": "function1d"}}),
     "steps[1].task.do.until.revealed", "fine stepping reveals network values only"),
    (_set("steps.2.state.function1d.function", "cubic"), "steps[2].state.function1d.function",
     "unknown name 'cubic'"),
    (_set("steps.2.state.function1d.function", {"expression": "x^"}),
     "steps[2].state.function1d.function.expression", "expression"),
    (_set("steps.2.settings.function1d.hyper", {"momentum": 0.9, "beta1": 0.9}),
     "steps[2].settings.function1d.hyper", "no optimizer takes all of momentum, beta1"),
    (_set("steps.2.task.question.value.run", 2), "steps[2].task.question.value", "unknown key 'run'"),
    (_set("projects", {"article": {"format": "backprop-studio", "version": 1,
                                   "network": {"layers": [{"units": 3}, {"units": 2}], "weights": [[[1, 2]]]},
                                   "dataset": {"inputs": [[1, 2, 3]], "targets": [[1, 0]]}}}),
     "projects.article.network.weights[0]", "expected 3x2, got 1x2"),
    (_set("steps.0.state.project", "embedded:article"), "steps[0].state.project",
     "no embedded project 'article' in \"projects\""),
]


@pytest.mark.parametrize("mutate,where,reason", BAD, ids=[f"{i:02d}-{b[1]}" for i, b in enumerate(BAD)])
def test_a_malformed_lesson_is_refused_with_one_line_naming_the_path(capsys, tmp_path, mutate, where, reason):
    doc = good()
    mutate(doc)
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(doc))
    code, out, err = run_check(capsys, path)
    lines = err.splitlines()
    assert code == 2 and out == ""
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}: {where}: "), lines[0]
    assert reason in lines[0], lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("text,where,reason", [
    ('{"format": "backprop-studio-lesson", "version": NaN}', "document", "NaN is not a number"),
    ('{"format": "backprop-studio-lesson", "format": "x"}', "document", "appears twice"),
    ('{"format": "backprop-studio-lesson", "version": 1,', "document", "ends too early"),
    ("[1, 2]", "document", "expected a lesson object"),
])
def test_a_file_that_is_not_a_lesson_is_one_line(capsys, tmp_path, text, where, reason):
    path = tmp_path / "broken.json"
    path.write_text(text)
    code, _, err = run_check(capsys, path)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"{path}: {where}: ") and reason in err, err


def test_missing_paths_and_empty_folders_are_problems_too(capsys, tmp_path):
    code, _, err = run_check(capsys, tmp_path / "nope.json", tmp_path)
    assert code == 2
    assert err.splitlines() == [f"{tmp_path / 'nope.json'}: no such file or folder",
                                f"{tmp_path}: no lesson files (*.json) in this folder"]


def test_two_lessons_with_one_id_are_refused(tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(GOOD.read_text())
    assert check_lessons([tmp_path], NAMES) == [f"{tmp_path / 'b.json'}: id: 'minimal' is also the id of "
                                                f"{tmp_path / 'a.json'}"]


def test_every_problem_of_a_lesson_is_reported_not_only_the_first(tmp_path):
    doc = good()
    doc["steps"][0]["text"] = "$\\bad$"
    doc["steps"][0]["show"]["highlight"] = ["nothing"]
    doc["steps"][2]["task"]["question"]["value"]["t"] = 10 ** 4
    path = tmp_path / "l.json"
    path.write_text(json.dumps(doc))
    problems = check_lessons([path], NAMES)
    assert [p.split(": ")[1] for p in problems] == ["steps[0].text", "steps[0].show.highlight[0]",
                                                     "steps[2].task.question.value.t"], problems


def test_without_the_apps_names_the_name_checks_are_skipped_and_said_so(capsys):
    code = main(["lessons", "check", str(GOOD)])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("ok: 1 lesson, 3 steps (object names not checked")


def test_reader_names_the_path_and_keeps_the_lesson_data():
    lesson = load_lesson(GOOD)
    assert lesson.id == "minimal" and len(lesson.steps) == 3 and lesson.path == GOOD.resolve()
    assert lesson.steps[1].task.action == "actionStepPhase" and lesson.steps[1].task.limit == 10
    doc = good()
    doc["steps"][0]["hints"] = "one hint"
    with pytest.raises(InputError) as e:
        lesson_from_dict(doc)
    assert e.value.where == "steps[0].hints"


def test_file_and_embedded_projects_load_relative_to_the_lesson(tmp_path):
    (tmp_path / "projects").mkdir()
    article = json.loads((EXAMPLES_DIR / "article_3_2_1.json").read_text())
    (tmp_path / "projects" / "net.json").write_text(json.dumps(article))
    doc = good()
    doc["projects"] = {"article": copy.deepcopy(article)}
    doc["steps"][0]["state"]["project"] = "file:projects/net.json"
    doc["steps"].append(copy.deepcopy(doc["steps"][0]) | {"state": {"project": "embedded:article",
                                                                    "after_phase": "forward layer 1"}})
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(doc))
    assert check_lessons([path], NAMES) == []
    doc["steps"][0]["state"]["project"] = "file:projects/missing.json"
    path.write_text(json.dumps(doc))
    assert check_lessons([path], NAMES) == [f"{path}: steps[0].state.project: there is no file "
                                            "'projects/missing.json' beside the lesson"]


def test_a_state_that_diverges_before_its_step_is_refused(tmp_path):
    project = json.loads((STARTS_DIR / "regression_1d.json").read_text())
    project["optimizer"] = {"name": "sgd", "learning_rate": 50}      # diverges at step 67
    doc = good()
    doc["projects"] = {"wild": project}
    doc["steps"][0]["state"] = {"project": "embedded:wild", "step": 200}
    doc["steps"][0]["task"]["question"]["value"] = {"kind": "loss"}
    path = tmp_path / "l.json"
    path.write_text(json.dumps(doc))
    problems = check_lessons([path], NAMES)
    assert problems == [f"{path}: steps[0].state.step: training stops before step 200: training diverged "
                        "at step 67: the loss E became non-finite (during loss); the last finite state is kept. "
                        "Try a lower learning rate."], problems


def test_the_example_in_docs_lesson_file_passes(tmp_path):
    text = (Path(__file__).parents[2] / "docs" / "lesson-file.md").read_text(encoding="utf-8")
    example = text.split("## An example")[1].split("```json")[1].split("```")[0]
    path = tmp_path / "example.json"
    path.write_text(example)
    assert check_lessons([path], NAMES) == []


def test_fine_stepping_and_the_revealed_condition_are_read():
    doc = good()
    doc["steps"][1]["settings"] = {"fine_stepping": True}
    doc["steps"][1]["task"]["do"]["until"] = {"revealed": {"kind": "delta", "layer": 1, "unit": 2}}
    lesson = lesson_from_dict(doc)
    assert lesson.steps[1].settings.fine_stepping is True and lesson.steps[1].settings.project == {}
    until = lesson.steps[1].task.until
    assert until.kind == "revealed" and (until.arg.kind, until.arg.layer, until.arg.unit) == ("delta", 1, 2)
    assert lesson_from_dict(good()).steps[0].settings is None
