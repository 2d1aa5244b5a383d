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
Q = "steps.0.task.question"
V11, V12 = {"kind": "v_in", "layer": 1, "unit": 1}, {"kind": "v_in", "layer": 1, "unit": 2}
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
    # the kinds of question (issue 27)
    (_set(Q + ".kind", "essay"), "steps[0].task.question.kind", "unknown name 'essay'; choose one of number, choose"),
    (_set(Q + ".kind", "choose"), "steps[0].task.question", "a choose question says what is chosen"),
    (_set(Q, {"kind": "choose", "choose": "colour", "value": V11, "prompt": "?"}), "steps[0].task.question.choose",
     "unknown name 'colour'; choose one of sign, largest, smallest, direction"),
    (_set(Q, {"kind": "choose", "choose": "sign", "prompt": "?"}), "steps[0].task.question", "missing key 'value'"),
    (_set(Q, {"kind": "choose", "choose": "sign", "value": V11, "values": [V11], "prompt": "?"}),
     "steps[0].task.question", "unknown key 'values'"),
    (_set(Q, {"kind": "choose", "choose": "largest", "values": [V11], "prompt": "?"}),
     "steps[0].task.question.values", "expected a list of 2 to 8 VALUEs to compare"),
    (_set(Q, {"kind": "choose", "choose": "largest", "values": [V11, V11], "prompt": "?"}),
     "steps[0].task.question.values", "the same VALUE is listed twice"),
    (_set(Q, {"kind": "choose", "choose": "largest", "values": [V11, V12], "by": "size", "prompt": "?"}),
     "steps[0].task.question.by", "unknown name 'size'; choose one of magnitude, value"),
    (_set(Q, {"kind": "choose", "choose": "largest", "values": [V11, {"kind": "v_in", "layer": 1, "unit": 1,
                                                                      "sample": 1}], "prompt": "?"}),
     "steps[0].task.question.values", "the same VALUE is listed twice"),
    (_set(Q, {"kind": "choose", "choose": "direction", "view": "function3d", "prompt": "?"}),
     "steps[0].task.question.view", "unknown name 'function3d'"),
    (_set(Q, {"kind": "choose", "choose": "direction", "view": "function2d", "prompt": "?"}),
     "steps[0].task.question", "a step of the 2-D view needs its \"t\""),
    (_set("steps.2.task.question", {"kind": "choose", "choose": "direction", "view": "function1d", "run": 2,
                                     "prompt": "?"}), "steps[2].task.question.run", "the 1-D view has one run"),
    (_set("steps.2.task.question", {"kind": "predict", "predict": "number", "prompt": "?",
                                     "value": {"kind": "x", "view": "function1d"}}),
     "steps[2].task.question.value.t", "a prediction asks about a step the view is about to show"),
    (_set(Q, {"kind": "predict", "predict": "number", "value": V11, "then": "actionQuit", "prompt": "?"}),
     "steps[0].task.question.then", "unknown name 'actionQuit'; choose one of actionStepPhase"),
    (_set(Q, {"kind": "predict", "predict": "guess", "value": V11, "prompt": "?"}),
     "steps[0].task.question.predict", "choose one of number, direction, point"),
    (_set(Q, {"kind": "predict", "predict": "number", "value": {"kind": "delta", "layer": 1, "unit": 1},
              "then": "actionStepPhase", "prompt": "?"}),
     "steps[0].task.question.value", "delta is not computed yet at this position (after the phase forward layer 2"),
    (_set(Q, {"kind": "reach", "control": "actionQuit", "until": {"epoch_steps": 2}, "prompt": "?"}),
     "steps[0].task.question.control", "unknown name 'actionQuit'; choose one of function1dLearningRate, batchSize"),
    (_set(Q, {"kind": "reach", "control": "batchSize", "until": {"loss_below": 0.1}, "prompt": "?"}),
     "steps[0].task.question.until", "batchSize cannot change whether 'loss_below' holds; it changes epoch_steps"),
    (_set(Q, {"kind": "reach", "control": "batchSize", "until": {"epoch_steps": 0}, "prompt": "?"}),
     "steps[0].task.question.until.epoch_steps", "must be at least 1, got 0"),
    (_set(Q, {"kind": "reach", "control": "batchSize", "until": {"epoch_steps": 2}, "prompt": "?",
              "mistakes": []}), "steps[0].task.question.mistakes", "a reach question is checked on the engine"),
    (_set(Q, {"kind": "reach", "control": "function1dLearningRate", "prompt": "?",
              "until": {"function1d": {"converges_within": 5000}}}),
     "steps[0].task.question.until.function1d.converges_within", "5000 is too large; the limit is 500 steps"),
    (_set(Q, {"kind": "reach", "control": "function1dLearningRate", "prompt": "?",
              "until": {"function1d": {"converges_within": 10}}}),
     "steps[0].task.question.control", "load the 1-D view with \"function1d\""),
    (_set(Q, {"kind": "reach", "control": "batchSize", "until": {"epoch_steps": 2}, "prompt": "?"}),
     "steps[0].task.question.until", "no value of the batch size B reaches it (the values tried: 1 to 1)"),
    (_set(Q, {"kind": "order", "order": "layers", "prompt": "?"}), "steps[0].task.question.order",
     "unknown name 'layers'; choose one of phases"),
    (_set(Q + ".mistakes", {"rule": "sign"}), "steps[0].task.question.mistakes", "expected a list of at most 8"),
    (_set(Q + ".mistakes", [{"rule": "typo", "feedback": "x"}]), "steps[0].task.question.mistakes[0].rule",
     "unknown name 'typo'; choose one of sign, no_fprime"),
    (_set(Q + ".mistakes", [{"rule": "sign", "feedback": "x", "value": -0.05}]),
     "steps[0].task.question.mistakes[0]", "unknown key 'value'"),
    (_set(Q + ".mistakes", [{"rule": "sign", "feedback": "x"}]), "steps[0].task.question.mistakes[0].rule",
     "sign (the article's E = y − ŷ (every gradient flips sign), or a step taken uphill) is not a mistake one "
     "makes on v_in"),
    (_set(Q + ".mistakes", [{"rule": "no_bias", "feedback": "x"}, {"rule": "no_bias", "feedback": "y"}]),
     "steps[0].task.question.mistakes[1].rule", "the mistake no_bias is listed twice"),
    (_set("steps.2.task.question.mistakes", [{"rule": "sign", "feedback": "$\\foo$"}]),
     "steps[2].task.question.mistakes[0].feedback", "unknown command \\foo"),
    (_set(Q + ".mistakes", [{"rule": "no_bias", "feedback": "Add the bias."}]),
     "steps[0].task.question.mistakes[0].rule", "no_bias (v_in without the bias b_j) gives no wrong answer here: "
     "layer 1 has no biases"),
    (_set("steps.1.task.do.until", {"function1d": {"converges_within": 10}}), "steps[1].task.do.until",
     "this condition watches the function1d view, which this step's state does not load"),
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


def test_the_kinds_of_question_in_docs_lesson_file_read():
    from backprop_studio.core.lessons.question_reader import read_question
    text = (Path(__file__).parents[2] / "docs" / "lesson-file.md").read_text(encoding="utf-8")
    section = text.split("### Kinds of question")[1]
    kinds = section.split("```json")[1].split("```")[0].strip().splitlines()
    read = [read_question(json.loads(line), "question") for line in kinds]
    assert [q.kind for q in read] == ["choose", "choose", "choose", "predict", "predict", "reach", "order"]
    mistakes = section.split("### Known mistakes")[1].split("```json")[1].split("```")[0]
    q = read_question({"value": {"kind": "delta", "layer": 2, "unit": 1}, "prompt": "?",
                       **json.loads("{" + mistakes + "}")}, "question")
    assert [m.rule for m in q.mistakes] == ["sign", "no_fprime"]


def test_fine_stepping_and_the_revealed_condition_are_read():
    doc = good()
    doc["steps"][1]["settings"] = {"fine_stepping": True}
    doc["steps"][1]["task"]["do"]["until"] = {"revealed": {"kind": "delta", "layer": 1, "unit": 2}}
    lesson = lesson_from_dict(doc)
    assert lesson.steps[1].settings.fine_stepping is True and lesson.steps[1].settings.project == {}
    until = lesson.steps[1].task.until
    assert until.kind == "revealed" and (until.arg.kind, until.arg.layer, until.arg.unit) == ("delta", 1, 2)
    assert lesson_from_dict(good()).steps[0].settings is None
