"""The names lessons may point at exist in the real window (gui/lesson_targets.py cannot drift)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget

from backprop_studio.gui.lesson_targets import (
    INNER_NAMES,
    OUT_OF_REACH,
    POINTABLE,
    PRESSABLE,
    TAB_PAGES,
    known_names,
)


def test_every_inner_name_is_a_child_of_the_main_window(main_window):
    missing = [name for name in INNER_NAMES if main_window.findChild(object, name) is None]
    assert not missing, f"not in the window: {missing}"


def test_every_control_a_reach_question_names_is_a_field_lessons_may_point_at(main_window):
    from PySide6.QtWidgets import QLineEdit, QSpinBox

    from backprop_studio.core.lessons.reach import CONTROLS
    for name in CONTROLS:
        assert name in INNER_NAMES, name
        assert isinstance(main_window.findChild(object, name), QLineEdit | QSpinBox), name


def test_every_tab_page_is_a_page_of_a_tab_widget(main_window):
    for name in TAB_PAGES:
        page = main_window.findChild(object, name)
        tabs = [t for t in main_window.findChildren(QTabWidget) if t.indexOf(page) >= 0]
        assert tabs, f"{name} is not a page of a QTabWidget"


def test_what_a_prediction_may_run_is_what_show_me_may_press():
    from backprop_studio.core.lessons.question_reader import THEN_ACTIONS
    assert set(THEN_ACTIONS) <= set(PRESSABLE)


def test_every_action_of_the_window_is_classified_for_lessons(main_window):
    """An action is pressable, only pointable, or out of a lesson's reach (with the reason): a new
    action fails here until it is put in one list of gui/lesson_targets.py."""
    names = known_names()
    for action in main_window.findChildren(QAction):
        name = action.objectName()
        if name.startswith("action"):
            assert (name in PRESSABLE or name in POINTABLE) == (name in names), name
            assert (name in names) != (name in OUT_OF_REACH), name
    assert {"networkEditor", "stepDebugger", "lossCurve", "actionStepPhase", "learningRate"} <= names
    assert {"lessonPanel", "actionQuit", "actionOpen", "actionSave"}.isdisjoint(names)


def test_importing_the_targets_loads_no_qt():
    code = ("import sys, backprop_studio.gui.lesson_targets; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_exercise_mode_and_lessons_share_one_answer_rule():
    from backprop_studio.core.explain import answers
    from backprop_studio.gui.debugger import exercise
    assert exercise.is_right is answers.is_right and exercise.parse_answer is answers.parse_answer
    assert (exercise.ABS_TOL, exercise.REL_TOL, exercise.TRIES) == (answers.ABS_TOL, answers.REL_TOL, answers.TRIES)


GOOD = Path(__file__).parents[1] / "core" / "lessons_good" / "minimal.json"


def launcher(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backprop_studio.gui.launcher", *args], capture_output=True, text=True,
                          timeout=300, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})


def test_lessons_check_through_the_launcher_checks_the_apps_names(tmp_path):
    ok = launcher("lessons", "check", str(GOOD))
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "ok: 1 lesson, 3 steps\n", "")
    doc = json.loads(GOOD.read_text())
    doc["steps"][0]["lock"]["targets"] = ["networkEditor", "lessonPanelX"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    run = launcher("lessons", "check", str(bad))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr == f"{bad}: steps[0].lock.targets[1]: the app has no object named 'lessonPanelX'\n"
    usage = launcher("lessons")
    assert usage.returncode == 2 and len(usage.stderr.splitlines()) == 1 and "Traceback" not in usage.stderr


SHIPPED_LESSONS = 8        # the README's "Eight short lessons"


def test_the_shipped_lessons_pass_the_check():
    """Through the package data path the app reads them from: a broken path fails here (no
    lessons found), it is not skipped."""
    from backprop_studio.core.files.resources import LESSONS_DIR
    from backprop_studio.core.lessons import check_report
    from backprop_studio.gui.lesson_targets import targets
    report = check_report([LESSONS_DIR], targets())
    assert report.problems == []
    assert report.lessons >= SHIPPED_LESSONS, f"only {report.lessons} lessons found in {LESSONS_DIR}"


def test_the_shipped_lessons_packed_as_a_course_pass_the_check_with_the_apps_allowlist(tmp_path):
    from backprop_studio.core.files.resources import LESSONS_DIR
    from backprop_studio.core.lessons import check_report
    from backprop_studio.gui.lesson_targets import targets
    shipped = sorted(map(str, LESSONS_DIR.glob("*.json")))
    out = tmp_path / "course.json"
    run = launcher("lessons", "pack", *shipped, "-o", str(out), "--title", "The article")
    assert (run.returncode, run.stderr) == (0, "")
    report = check_report([out], targets())
    assert report.problems == [] and report.lessons == len(shipped)
