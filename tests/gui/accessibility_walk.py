"""Walk the default window at 1366x768 as a screen reader would, in a process of its own.

``python -m tests.gui.accessibility_walk`` opens the xor example at 1366x768, takes one step,
raises every dock in turn and shows every tab page of every view; then it opens each dialog
(New, Run Until, Choose Columns, a lesson recorder's form, Keyboard Shortcuts), the lesson
editor with each of its pages, and one lesson step of each kind of question and task a shipped
lesson has (the widgets are built when a step shows them), and prints JSON: every
visible control a user operates (its path, its spoken name, whether its accessible description
says what its tooltip says) and every interactive node of Qt's accessibility tree (role,
name, object).  Qt's accessibility interfaces outlive the widgets of one test in a way that
crashes a later test's window (PySide6 6.11), so tests run this walk in a child process.
"""
from __future__ import annotations

import json
import sys

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

R = QAccessible.Role
# what a user operates; a container (Client, Grouping, PageTabList…) is named by what it holds
INTERACTIVE_ROLES = {R.Button, R.CheckBox, R.RadioButton, R.ComboBox, R.SpinBox, R.Slider, R.Dial,
                     R.EditableText, R.Table, R.List, R.Tree, R.PageTab, R.ButtonMenu, R.ButtonDropDown,
                     R.ButtonDropGrid, R.HotkeyField}
ITEM_VIEWS = {R.Table, R.List, R.Tree}        # their cells are named by what they hold
SETTLE = 200                                  # turns of the event loop a page may take to show


def settle(app: QApplication, shown) -> None:
    """Turn the event loop until ``shown()`` (a layout settles over a few turns)."""
    for _ in range(SETTLE):
        app.processEvents()
        if shown():
            return
    raise SystemExit("a page never showed")


def every_page(app: QApplication, window):
    """Yield once for the layout as it opens, then once per dock raised and per tab page shown."""
    yield
    for dock in window.docks.values():
        dock.show()
        dock.raise_()
        settle(app, dock.widget().isVisible)
        yield
        for tabs in dock.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for n in range(tabs.count()):
                tabs.setCurrentIndex(n)
                settle(app, tabs.widget(n).isVisible)
                yield


def where(widget: QWidget, window) -> str:
    path = []
    while widget is not None and widget is not window:
        path.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(path))


def tree_nodes(iface, interactive: tuple, found: list, depth: int = 0) -> None:
    state = iface.state()
    if state.invisible or depth > 60:
        return
    role, obj = iface.role(), iface.object()
    if role in INTERACTIVE_ROLES or (state.focusable and isinstance(obj, interactive)):
        found.append({"role": role.name, "name": iface.text(QAccessible.Text.Name).strip(),
                      "object": obj.objectName() if obj is not None else "", "type": type(obj).__name__})
    if role in ITEM_VIEWS:
        return
    for n in range(iface.childCount()):
        child = iface.child(n)
        if child is not None:
            tree_nodes(child, interactive, found, depth + 1)


def walk(path: str) -> dict:
    from backprop_studio.core.files import project_file
    from backprop_studio.gui.accessible import INTERACTIVE, interactive_widgets, plain, spoken_name
    from backprop_studio.gui.main_window import MainWindow
    from backprop_studio.gui.studio import StudioSession

    app = QApplication.instance() or QApplication([])
    studio = StudioSession(project_file.load(path))
    window = MainWindow(studio, restore_settings=False)
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    window.resize(1366, 768)
    window.show()
    settle(app, lambda: window.docks["lossCurve"].visibleRegion().boundingRect().width() > 0)
    studio.session.step()                     # values in every view, as after a first step
    studio.params_changed.emit()
    studio.step_taken.emit()
    controls: dict[str, dict] = {}
    nodes: list[dict] = []
    def note(root: QWidget, prefix: str = "") -> None:
        for widget in interactive_widgets(root):
            tip = widget.toolTip()
            said = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)
            controls.setdefault(f"{prefix}{where(widget, root)}#{id(widget)}", {
                "name": spoken_name(widget), "tip": bool(tip), "describes": plain(said) == plain(tip)})
        tree_nodes(QAccessible.queryAccessibleInterface(root), INTERACTIVE, nodes)

    for _ in every_page(app, window):
        note(window)
    for name, dialog in dialogs(window):
        dialog.show()
        settle(app, dialog.isVisible)
        note(dialog, f"{name}/")
        dialog.close()
    for name in lesson_pages(app, window):
        note(window, f"{name}/")
    studio.set_unmodified()
    window.close()
    return {"controls": controls, "nodes": nodes}


def dialogs(window):
    """(name, dialog) for each dialog the app opens, made as its menu makes it."""
    from backprop_studio.gui.help import show_shortcuts
    from backprop_studio.gui.lessons.recorder import TextDialog
    from backprop_studio.gui.new_document import NewDocumentDialog
    from backprop_studio.gui.panels.dataset import ColumnsDialog
    from backprop_studio.gui.training_controls import RunUntilDialog

    yield "newDocument", NewDocumentDialog(window)
    yield "runUntil", RunUntilDialog(window, 0)
    yield "columns", ColumnsDialog(window, ["x1", "x2", "y"], 2)
    yield "recorder", TextDialog(window, "Record", [("title", "Title", False), ("text", "Text", True)])
    shortcuts = show_shortcuts(window)
    shortcuts.close()
    yield "shortcuts", shortcuts


def lesson_pages(app: QApplication, window):
    """The lesson editor on each of its pages, then one step of each question and task kind of
    the shipped lessons, each shown in the Lessons panel; yields a name for each."""
    from backprop_studio.core.files.resources import LESSONS_DIR
    from backprop_studio.core.lessons.model import Question
    from backprop_studio.core.lessons.schema import load_lesson
    from backprop_studio.gui.lessons.editor.dock import dock_of, open_editor
    from backprop_studio.gui.lessons.menu import open_panel

    open_editor(window)
    dock = dock_of(window)
    settle(app, dock.widget().isVisible)
    yield "lessonEditor"
    for tabs in dock.findChildren(QTabWidget):
        for n in range(tabs.count()):
            if tabs.isVisible():
                tabs.setCurrentIndex(n)
                settle(app, tabs.widget(n).isVisible)
                yield f"lessonEditor[{n}]"
    panel = window.views["lessonPanel"]
    open_panel(window)
    seen: set[str] = set()
    for path in sorted(LESSONS_DIR.glob("*.json")):
        lesson = load_lesson(path)
        for index, step in enumerate(lesson.steps):
            task = step.task
            kind = "none" if task is None else (f"question:{task.kind}" if isinstance(task, Question) else "do")
            if kind in seen:
                continue
            seen.add(kind)
            panel.start(lesson, at=index)
            settle(app, lambda at=index: not panel.runner.tasks.running and panel.index == at)
            yield f"lesson {lesson.id} step {index + 1} ({kind})"
    panel.leave()                 # the user's document back: the window closes without asking


if __name__ == "__main__":
    json.dump(walk(sys.argv[1] if len(sys.argv) > 1 else "resources/examples/xor.json"), sys.stdout)
