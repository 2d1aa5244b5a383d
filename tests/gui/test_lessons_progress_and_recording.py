"""Progress per lesson in QSettings (isolated by tests/gui/conftest.py), the first launch, the
Help menu, and a teacher's round trip: record two steps, save the lesson, read it back."""
from __future__ import annotations

import json

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from backprop_studio.core.lessons import build_state, load_lesson, value
from backprop_studio.gui.lessons import menu, progress, recorder
from tests.gui.lessons_helpers import panel_on, start


def test_progress_is_kept_per_lesson_and_restored_when_the_lesson_is_reopened(lesson_window, qtbot):
    panel = panel_on(lesson_window, qtbot)
    start(panel, "minimal")
    panel.answer.setText("-0.05")            # by hand: 1.0*0.1 + 0.5*0.2 + (-0.5)*0.5
    panel.check()
    panel.next()
    panel.leave()
    assert progress.load("minimal") == progress.LessonProgress(1, {0})
    assert QSettings().value("lessons/minimal/current") in (1, "1")
    assert "1/3" in panel.list.item(0).text() and panel.start_button.text() == "Continue"
    panel.start_selected()                    # reopened where the learner left it
    assert panel.index == 1
    panel.back()
    assert panel.next_button.isEnabled()      # a step done before can be passed at once
    panel.leave()
    panel.reset_selected()
    assert progress.load("minimal") == progress.LessonProgress()
    assert "0/3" in panel.list.item(0).text() and panel.start_button.text() == "Start"


def test_progress_reads_back_what_qsettings_stores_as_text():
    settings = QSettings()
    settings.setValue("lessons/odd/current", "2")
    settings.setValue("lessons/odd/done", "1")             # a one-item list comes back as a value
    assert progress.load("odd") == progress.LessonProgress(2, {1})
    settings.setValue("lessons/odd/done", ["0", "x", 3])   # a hand-edited entry is dropped
    assert progress.load("odd").done == {0, 3}
    progress.reset("odd")


def test_first_launch_opens_the_panel_once_without_starting_a_lesson(lesson_window, qtbot):
    QSettings().remove(progress.WELCOMED)
    panel = panel_on(lesson_window, qtbot)
    assert lesson_window.docks["lessonPanel"].visibleRegion().isEmpty()    # behind the Step Debugger
    assert menu.offer_on_first_launch(lesson_window)
    qtbot.waitUntil(lambda: not lesson_window.docks["lessonPanel"].visibleRegion().isEmpty())
    assert panel.pages.currentIndex() == 0 and panel.lesson is None and panel.list.count() >= 1
    assert not menu.offer_on_first_launch(lesson_window)                  # only the first time


def test_action_lessons_is_in_the_help_menu_and_opens_the_panel(lesson_window, qtbot):
    panel_on(lesson_window, qtbot)
    action = lesson_window.actions_["actionLessons"]
    help_menu = [m for m in lesson_window.menuBar().actions() if m.text() == "&Help"][0].menu()
    assert action in help_menu.actions() and action.shortcut().toString() == "Ctrl+L"
    action.trigger()
    qtbot.waitUntil(lambda: not lesson_window.docks["lessonPanel"].visibleRegion().isEmpty())


def test_record_two_steps_save_and_read_the_lesson_back(lesson_window, qtbot, tmp_path, monkeypatch):
    panel_on(lesson_window, qtbot)
    studio, debugger = lesson_window.studio, lesson_window.views["stepDebugger"]
    answers = iter([["Before anything", "The network as drawn."],
                    ["Predict delta", "What is $\\delta^{(2)}_1$?"],
                    ["My lesson", "Two recorded steps", "Backpropagation, Example"]])
    monkeypatch.setattr(recorder, "ask_texts", lambda *a, **k: next(answers))
    target = tmp_path / "recorded.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert lesson_window.lesson_recorder.record()                  # step 1: step 0, nothing selected
    studio.step()                                                # one whole step, then into step 2
    for _ in range(4):                                           # forward 1, forward 2, loss, backward 2
        studio.step_phase()
    from backprop_studio.core.explain import Ref
    assert debugger.select(Ref("delta", 2, 0, 0, 0))
    lesson_window.actions_["actionRecordLessonStep"].trigger()     # step 2
    lesson_window.actions_["actionSaveLesson"].trigger()
    doc = json.loads(target.read_text())
    assert doc["id"] == "recorded" and doc["sections"] == ["Backpropagation", "Example"]
    assert list(doc["projects"]) == ["project1"]                 # the same document, embedded once
    assert "state" not in doc["projects"]["project1"]            # initial parameters: no trained numbers
    assert doc["steps"][1]["state"] == {"project": "embedded:project1", "step": 1,
                                        "after_phase": "backward layer 2"}
    assert doc["steps"][1]["show"] == {"select": {"kind": "delta", "layer": 2, "unit": 1}}
    lesson = load_lesson(target)                                  # the core reader accepts it
    built = build_state(lesson, 1)
    # the replayed state gives the live debugger's number (and never reads it from the file)
    live = debugger._value(Ref("delta", 2, 0, 0, 0))
    assert value(lesson.steps[1].show.select, session=built.session) == live
    assert "delta" not in json.dumps(doc["projects"])


def test_saving_a_lesson_that_does_not_validate_writes_nothing(lesson_window, qtbot, tmp_path, monkeypatch):
    panel_on(lesson_window, qtbot)
    rec = lesson_window.lesson_recorder
    rec.capture("A step", "text")
    doc = rec.draft.document("Bad Id!", "t", "s", ["Example"])
    target = tmp_path / "bad.json"
    try:
        rec.write(target, doc)
    except Exception as e:                    # InputError naming the key
        assert "id" in str(e)
    else:
        raise AssertionError("an invalid lesson was written")
    assert not target.exists()
