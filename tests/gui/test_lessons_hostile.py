"""A lesson from a stranger in the app (issue 26 §4): its texts are shown escaped and make Qt
load nothing, in the lesson list and in the started lesson; what the check refuses the app
refuses (Leave cannot be locked, Show me cannot quit); a lesson over its budget or with maths
nested too deep is one line, never a frozen or crashed window.  The headless side is
tests/core/test_lessons_hostile.py, whose hostile files these are."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel

from backprop_studio.core.lessons import check_lessons
from tests.core.hostile_lessons import (
    IMG,
    LINK,
    TABLE,
    deep_maths,
    embedding,
    good,
    network,
    with_text_everywhere,
    write,
)

from .lessons_helpers import panel_on, start


class ResourceSpy(QTextDocument):
    """A document that records every resource its HTML makes Qt ask for (and loads none)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def loadResource(self, kind, url):  # noqa: N802 - Qt's name
        self.asked.append(url.toString())
        return None


def requested(html: str) -> list[str]:
    """The resources Qt asks for to lay out ``html`` as rich text (as a label or tooltip does)."""
    spy = ResourceSpy()
    spy.setHtml(html)
    spy.setTextWidth(400)
    spy.size()                      # lays it out: an <img> asks for its picture here
    return spy.asked


def plain(html: str) -> str:
    """What rich text ``html`` shows, as text."""
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "local.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(path))
    return path


def test_the_spy_sees_what_an_unescaped_label_would_load(picture):
    assert requested(f'<b>{IMG.format(png=picture)}</b>') == [str(picture)]


@pytest.mark.parametrize("attack", ["img", "table", "link"])
def test_a_lessons_texts_are_escaped_and_load_nothing_in_the_list_and_the_lesson(
        lesson_window, qtbot, tmp_path, picture, attack):
    payload = {"img": IMG.format(png=picture), "table": TABLE, "link": LINK}[attack]
    folder = tmp_path / "lessons"
    folder.mkdir()
    write(folder, with_text_everywhere(payload), "01-hostile.json")
    broken = good()
    broken["id"] = payload                              # refused: its problem quotes the value
    write(folder, broken, "02-broken.json")
    panel = panel_on(lesson_window, qtbot, folder)
    shown = [panel.list.item(0).toolTip(), panel.list.item(1).toolTip(), panel.summary.text()]
    panel.list.setCurrentRow(1)                         # the broken one: its problem in the summary
    shown.append(panel.summary.text())
    panel.list.setCurrentRow(0)
    lesson = start(panel, "minimal")
    panel.show_hint()
    editor = lesson_window.views["networkEditor"]
    shown += [panel.heading.text(), panel.step_title.text(), panel.lock_note.text(), panel.prompt.text(),
              panel.feedback.text(), panel.text.toHtml(), editor.toolTip()]
    for html in shown:
        assert requested(html) == [], html
        assert "<img" not in html and "<table width=100000" not in html and '<a href="file' not in html
    assert all(label.textFormat() == Qt.TextFormat.RichText for label in (panel.summary, panel.heading,
               panel.step_title, panel.lock_note, panel.prompt, panel.feedback))
    assert payload in panel.text.toPlainText() and payload[:20] in plain(panel.lock_note.text())
    assert lesson.title[:12] in plain(panel.heading.text()) and "S " + payload[:20] in plain(shown[0])
    assert "02-broken.json: cannot be read" == panel.list.item(1).text() and payload[:20] in plain(shown[3])


def test_the_lesson_text_browser_loads_no_resource_whatever_its_html_names(lesson_window, qtbot, picture):
    panel = panel_on(lesson_window, qtbot)
    panel.text.setHtml(f'<p style="background-image: url({picture})">x <img src="{picture}"></p>')
    panel.text.document().size()                        # laid out: Qt's image handler would load it here
    url = QUrl(str(picture))
    assert panel.text.document().resource(QTextDocument.ResourceType.ImageResource, url) is None
    assert panel.text.document().begin().blockFormat().background().texture().isNull()


def test_what_the_check_refuses_the_app_refuses(lesson_window, qtbot, tmp_path):
    from backprop_studio.gui.lesson_targets import targets
    doc = good()
    doc["steps"][0]["lock"]["targets"] = ["networkEditor", "lessonLeave"]
    doc["steps"][1]["task"]["do"]["action"] = "actionQuit"
    path = write(tmp_path, doc)
    problems = check_lessons([path], targets())
    assert problems == [
        f"{path}: steps[0].lock.targets[1]: 'lessonLeave' is out of a lesson's reach: it is the lessons' own "
        "machinery (a lesson must never trap the learner in it)",
        f"{path}: steps[1].task.do.action: 'actionQuit' is out of a lesson's reach: it quits the app"]
    panel = panel_on(lesson_window, qtbot, tmp_path)
    start(panel, "minimal")
    assert not lesson_window.views["networkEditor"].isEnabled()       # an allowed lock still holds
    assert panel.leave_button.isEnabled()
    assert "'lessonLeave' is out of a lesson's reach" in plain(panel.feedback.text())
    quits = []
    lesson_window.actions_["actionQuit"].triggered.connect(lambda *_: quits.append(1))
    panel.go_to(1)                                                     # the step whose task presses Quit
    panel.show_me()
    assert quits == [] and lesson_window.isVisible() and panel.lesson is not None
    assert "'actionQuit' is out of a lesson's reach: it quits the app" in plain(panel.feedback.text())


def test_maths_nested_too_deep_is_shown_as_plain_text_with_the_reason(lesson_window, qtbot, tmp_path):
    doc = good()
    doc["steps"][0]["text"] = "Before. " + deep_maths("frac")
    write(tmp_path, doc)
    panel = panel_on(lesson_window, qtbot, tmp_path)
    start(panel, "minimal")
    assert "maths nested deeper than 12 levels" in panel.text.toPlainText()
    assert "\\frac\\frac" in panel.text.toPlainText()


def test_a_lesson_over_its_budget_is_listed_but_not_started(lesson_window, qtbot, tmp_path):
    write(tmp_path, embedding(network((2, 100, 1)), step=100_000))
    panel = panel_on(lesson_window, qtbot, tmp_path)
    assert panel.list.item(0).flags() & Qt.ItemFlag.ItemIsEnabled     # its header reads
    panel.list.setCurrentRow(0)
    panel.start_selected()
    assert panel.lesson is None and panel.pages.currentIndex() == 0
    text = QLabel()
    text.setText(panel.summary.text())
    assert "cannot be started" in panel.summary.text() and "steps[0].state.step" in panel.summary.text()
    assert "units of work" in panel.summary.text()


def test_a_lesson_naming_a_file_outside_its_folder_lists_without_reading_it_and_never_starts(
        lesson_window, qtbot, tmp_path, monkeypatch):
    from backprop_studio.core.data import datasets
    from tests.core.hostile_lessons import csv_project
    write(tmp_path, embedding(csv_project("/etc/passwd")))
    read = []

    def spy(*args, **_kwargs):
        read.append(args)
        raise AssertionError("a lesson's CSV outside its folder was read")
    monkeypatch.setattr(datasets, "read_csv", spy)
    panel = panel_on(lesson_window, qtbot, tmp_path)
    assert read == [] and panel.list.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    panel.list.setCurrentRow(0)
    panel.start_selected()
    assert read == [] and panel.lesson is None
    shown = plain(panel.summary.text())
    assert "projects.p.dataset.csv: '/etc/passwd' is an absolute path" in shown and "root:" not in shown


def test_record_lesson_step_on_a_csv_project_works_from_any_folder(lesson_window, qtbot, tmp_path, monkeypatch):
    from backprop_studio.core.files import project_file
    from backprop_studio.core.lessons import lesson_from_dict
    from tests.core.hostile_lessons import csv_project
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "data.csv").write_text("x,y\n0,0\n1,1\n")
    write(tmp_path / "project", csv_project("data.csv", units=(1, 2, 1)), "net.json")
    lesson_window.studio.load(project_file.load(tmp_path / "project" / "net.json"), tmp_path / "project" / "net.json")
    monkeypatch.chdir(tmp_path)                         # not the project's folder
    step = lesson_window.lesson_recorder.capture("A CSV project", "Its data travel with the lesson.")
    doc = lesson_window.lesson_recorder.draft.document("csv", "CSV", "A CSV project.", ["Example"])
    assert step["state"]["project"] == "embedded:project1"
    assert doc["projects"]["project1"]["dataset"] == {"inputs": [[0.0], [1.0]], "targets": [[0.0], [1.0]]}
    assert lesson_from_dict(doc).id == "csv"
