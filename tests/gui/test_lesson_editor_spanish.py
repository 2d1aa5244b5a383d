"""The lesson editor reads in Spanish with the Spanish catalogue installed (issue 28 §5).

The other tests run in English (no translator is installed), so they cannot see a text that
never reaches ``tr()`` at run time, a ``tr()`` that runs before the catalogue is installed, or a
translated template whose ``.format()`` fails.  Here the committed lessons-editor.ts is compiled
into a catalogue of the test's own (the shipped .qm is compiled once, after every part is
merged), installed before the editor is built, and removed after; the expected Spanish is the
translation written in the .ts file, spelt out here.  Without the catalogue the same texts are
the English ones, character for character.
"""
from __future__ import annotations

from backprop_studio.gui.lessons.editor.dock import dock_of, open_editor
from backprop_studio.gui.lessons.editor.points_form import target_label

from .lessons_helpers import choose


def _shown(editor) -> dict[str, object]:
    """What the editor shows the teacher, after a few edits that compose texts with fields."""
    window = editor.window_
    form = editor.task_form
    out: dict[str, object] = {
        "actions": [editor.actions_[f"lessonEditor{n}"].text() for n in ("New", "SaveAs", "Try", "Check")],
        "files": editor.files_button.text(),
        "tabs": [editor.tabs.tabText(i) for i in range(editor.tabs.count())],
        "steps": [editor.steps.add_button.text(), editor.steps.delete_button.toolTip()],
        "kinds": [form.kind.itemText(i) for i in (0, form.kind.count() - 1)],     # QT_TR_NOOP class attributes
        "view": target_label(window, "lossCurve").rsplit(" ", 1)[1],
    }
    form.choose("do")
    out["do"] = [form.form.condition.itemText(0), form.form.phase.itemText(0), form.form.count.value()]
    form.choose("reach")
    out["reach"] = [form.form.condition.itemText(0), form.form.about.text().rsplit(" (", 1)[1]]
    editor.state_form.f1_button.click()                       # a capture: an undo text and the state's words
    out["undo"] = editor.document.undo_stack.undoText()
    out["state"] = editor.state_form.words.text().split(" (")[0]
    out["preview"] = [w for w in ("paso 1 de 1", "step 1 of 1") if w in editor.text_form.preview.toPlainText()]
    out["title"] = dock_of(window).windowTitle()
    editor.document.set_key("id", "Not An Id!", "bad id")     # a problem: the count composed with its field
    editor.recheck()
    out["problems"] = editor.problem_label.text().split("</b>")[0]
    return out


def test_the_lesson_editor_reads_in_spanish(spanish, lesson_window, qtbot) -> None:
    editor = open_editor(lesson_window)                        # built with the catalogue installed
    try:
        shown = _shown(editor)
    finally:
        editor.document.undo_stack.setClean()
    assert shown == {
        "actions": ["Nuevo", "Guardar como…", "▶ Probar", "Comprobar"],
        "files": "Lección",
        "tabs": ["Texto", "Tarea", "Mostrar y bloquear", "Estado", "Lección"],
        "steps": ["Añadir", "Eliminar el paso seleccionado (Deshacer lo recupera)"],
        "kinds": ["Sin tarea (leer y luego Siguiente)", "Hacer algo (Muéstramelo puede)"],
        "view": "(vista)",
        "do": ["el entrenamiento llegó a una posición", "(pasos completos)", 0],
        "reach": ["converge en N pasos o menos", "lo ajusta el estudiante)"],
        "undo": "Capturar function1d",
        "state": "Carga la vista 1-D",
        "preview": ["paso 1 de 1"],
        "title": "Editor de lecciones — lección nueva *",
        "problems": "<b>1 problema",
    }


def test_without_the_catalogue_the_same_texts_are_english(lesson_window, qtbot) -> None:
    editor = open_editor(lesson_window)
    try:
        shown = _shown(editor)
    finally:
        editor.document.undo_stack.setClean()
    assert shown == {
        "actions": ["New", "Save As…", "▶ Try from Here", "Check"],
        "files": "Lesson",
        "tabs": ["Text", "Task", "Show && Lock", "State", "Lesson"],
        "steps": ["Add", "Delete the selected step (Undo brings it back)"],
        "kinds": ["No task (read, then Next)", "Do something (Show me can)"],
        "view": "(view)",
        "do": ["training reached a position", "(whole steps)", 0],
        "reach": ["converges within N steps", "the learner sets it)"],
        "undo": "Capture function1d",
        "state": "Loads the 1-D view",
        "preview": ["step 1 of 1"],
        "title": "Lesson Editor — new lesson *",
        "problems": "<b>1 problem",
    }


def test_a_do_task_written_in_spanish_is_the_same_file(spanish, lesson_window, qtbot) -> None:
    """The interface's language never reaches the lesson file: the keys and the lesson's own
    (English) texts the editor writes are those it writes in English."""
    editor = open_editor(lesson_window)
    try:
        editor.task_form.choose("do")
        choose(editor.task_form.form.condition, "steps_at_least")
        editor.task_form.form.count.setValue(3)
        editor.task_form.add_hint.click()
        step = editor.document.steps[0]
    finally:
        editor.document.undo_stack.setClean()
    assert step["task"] == {"do": {"action": "actionStepPhase", "until": {"steps_at_least": 3}}}
    assert step["hints"] == ["Hint 1: …"]
