"""Walk the default window at 1366x768 as a screen reader would, in a process of its own.

``python -m tests.gui.accessibility_walk`` opens the xor example at 1366x768, takes one step,
raises every dock in turn and shows every tab page of every view, and prints JSON: every
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
    for _ in every_page(app, window):
        for widget in interactive_widgets(window):
            tip = widget.toolTip()
            said = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)
            controls.setdefault(f"{where(widget, window)}#{id(widget)}", {
                "name": spoken_name(widget), "tip": bool(tip), "describes": plain(said) == plain(tip)})
        tree_nodes(QAccessible.queryAccessibleInterface(window), INTERACTIVE, nodes)
    studio.set_unmodified()
    window.close()
    return {"controls": controls, "nodes": nodes}


if __name__ == "__main__":
    json.dump(walk(sys.argv[1] if len(sys.argv) > 1 else "resources/examples/xor.json"), sys.stdout)
