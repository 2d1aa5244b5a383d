"""Keyboard only (issue 28 §2): the article's example from File → New to a completed training
step and a "why this number?", with key presses alone (QTest key events, no mouse), and the
network editor's keys one by one.  The numbers spoken are checked against the article's
example worked out here by finite differences, not against the engine."""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit

from backprop_studio.gui.editor import editing
from backprop_studio.gui.new_document import NewDocumentDialog

CTRL = Qt.KeyboardModifier.ControlModifier
# the article's example (resources/examples/article_3_2_1.json), written out independently
X, Y, ETA = np.array([1.0, 0.5, -0.5]), 1.0, 0.5
W1 = np.array([[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]])
W2 = np.array([[0.7], [-0.2]])


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def loss(w1: np.ndarray) -> float:
    """E = 1/2 (y - ŷ)^2 of the article's one sample."""
    return 0.5 * (Y - sigmoid(sigmoid(X @ w1) @ W2)[0]) ** 2


def d_loss_d_w11() -> float:
    """∂E/∂w₁₁⁽¹⁾ by central differences."""
    h = 1e-6
    up, down = W1.copy(), W1.copy()
    up[0, 0] += h
    down[0, 0] -= h
    return (loss(up) - loss(down)) / (2 * h)


def said(value: float) -> str:
    """A number as the canvas says it: 4 significant digits, a real minus sign."""
    return f"{value:#.4g}".replace("-", "−")


def press(widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)


def tab_to(qtbot, window, target) -> None:
    """Tab through the window until ``target`` has the keyboard."""
    passed = []
    for _ in range(150):
        press(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return
        passed.append(QApplication.focusWidget())
    names = [w.objectName() or type(w).__name__ if w is not None else None for w in passed]
    raise AssertionError(f"Tab never reached {target.objectName()}: {names[-40:]}")


def typed_in_a_dialog(qtbot, text: str):
    """``editing.ask_text`` as the user meets it: the dialog, the text typed, Return."""
    def ask(parent, title, label, current):
        dialog = QInputDialog(parent)
        dialog.setLabelText(label)
        dialog.setTextValue(current)
        dialog.show()
        qtbot.waitExposed(dialog)
        line = dialog.findChild(QLineEdit)
        press(line, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(line, text)
        press(line, Qt.Key.Key_Return)
        return dialog.textValue(), dialog.result() == QDialog.DialogCode.Accepted
    return ask


def test_the_article_from_file_new_to_a_step_and_why_with_keys_only(qtbot, article_session, monkeypatch):
    from backprop_studio.gui.main_window import MainWindow

    window = MainWindow(article_session, restore_settings=False)    # the default layout, as first opened
    window.persist_settings = False
    window.documents.autosave_timer.stop()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.studio.session.step()                   # the open document has moved on: New starts afresh
    window.studio.step_taken.emit()
    opened = []

    def choose(dialog: NewDocumentDialog):         # the modal dialog, answered with keys
        dialog.show()
        qtbot.waitExposed(dialog)
        press(dialog.list, Qt.Key.Key_End)         # the last start: the article's example
        press(dialog.list, Qt.Key.Key_Return)      # Create
        opened.append(dialog.chosen.name)
        return dialog.result()

    monkeypatch.setattr(NewDocumentDialog, "exec", choose)
    monkeypatch.setattr(window.documents, "maybe_save", lambda: True)   # (asked about in its own tests)
    press(window, Qt.Key.Key_N, CTRL)              # File → New
    studio = window.studio
    assert opened == ["article_3_2_1.json"] and studio.session.step_count == 0
    assert studio.session.network.sizes == [3, 2, 1]

    editor = window.views["networkEditor"]
    tab_to(qtbot, window, editor)                  # Tab enters the canvas at the first input
    assert editor.keys.current() == ("neuron", (0, 0))
    assert editor.accessibleDescription().startswith("unit 1 of layer 0 (input)")
    press(editor, Qt.Key.Key_Right)                # to its first connection
    assert editor.accessibleDescription() == "w₁₁⁽¹⁾ = 0.1000, ∂E/∂w = –"
    press(editor, Qt.Key.Key_Down)
    assert editor.accessibleDescription() == "w₁₂⁽¹⁾ = 0.4000, ∂E/∂w = –"
    press(editor, Qt.Key.Key_Up)

    monkeypatch.setattr(editing, "ask_text", typed_in_a_dialog(qtbot, "0.25"))
    press(editor, Qt.Key.Key_Return)               # Enter types the weight
    assert studio.session.network.W[0][0, 0] == 0.25
    assert editor.accessibleDescription() == "w₁₁⁽¹⁾ = 0.2500, ∂E/∂w = –"
    press(editor, Qt.Key.Key_Z, CTRL)              # and Ctrl+Z takes it back
    assert studio.session.network.W[0][0, 0] == 0.1

    press(editor, Qt.Key.Key_F10)                  # one training step
    assert studio.session.step_count == 1
    grad = d_loss_d_w11()
    qtbot.waitUntil(lambda: editor.accessibleDescription()
                    == f"w₁₁⁽¹⁾ = {said(0.1 - ETA * grad)}, ∂E/∂w = {said(grad)}")

    debugger = window.views["stepDebugger"]        # Why this number? Tab to the units table
    table = debugger.tables["units"]
    tab_to(qtbot, window, table)
    press(table, Qt.Key.Key_Home, CTRL)
    heading = lambda row: table.verticalHeaderItem(row).text()         # noqa: E731 - what the rows read
    for _ in range(table.rowCount()):              # down to the output unit, as its row reads
        if table.currentRow() > 0 and (heading(table.currentRow() - 1), heading(table.currentRow())) \
                == ("Layer 2", "unit 1"):
            break
        press(table, Qt.Key.Key_Down)
    press(table, Qt.Key.Key_End)                   # its last column: δ
    v_out = sigmoid(sigmoid(X @ W1) @ W2)[0]
    delta = (v_out - Y) * v_out * (1 - v_out)      # δ = ∂E/∂v_in = (ŷ − y) f′(v_in)
    text = debugger.explanation.toPlainText()
    assert "δ" in text
    numbers = [float(n.replace("−", "-")) for n in re.findall(r"[−-]?\d+\.\d+(?:e[−-]?\d+)?", text)]
    assert any(abs(n - delta) <= 5e-4 * abs(delta) for n in numbers), (delta, text)
    window.studio.set_unmodified()


def test_the_editors_keys(qtbot, article_session, monkeypatch):
    from backprop_studio.gui.editor.view import NetworkEditor

    editor = NetworkEditor(article_session)
    qtbot.addWidget(editor)
    editor.resize(800, 500)
    editor.show()
    qtbot.waitExposed(editor)
    net = lambda: article_session.session.network        # noqa: E731
    press(editor, Qt.Key.Key_Down)                  # nothing selected: an arrow starts at the first input
    assert editor.keys.current() == ("neuron", (0, 0))
    press(editor, Qt.Key.Key_Right)
    press(editor, Qt.Key.Key_Right)                 # the connection's target: unit 1 of layer 1
    assert editor.keys.current() == ("neuron", (1, 0))
    press(editor, Qt.Key.Key_Left)                  # its incoming fan: Up/Down walk the sources
    press(editor, Qt.Key.Key_Down)
    press(editor, Qt.Key.Key_Down)
    assert editor.keys.current() == ("connection", (0, 2, 0))
    press(editor, Qt.Key.Key_Left)
    press(editor, Qt.Key.Key_Up)
    assert editor.keys.current() == ("neuron", (0, 1))
    press(editor, Qt.Key.Key_Right)
    press(editor, Qt.Key.Key_Right)
    press(editor, Qt.Key.Key_Plus)                  # + : a unit more in the hidden layer, selected
    assert net().sizes == [3, 3, 1] and editor.keys.current() == ("neuron", (1, 2))
    press(editor, Qt.Key.Key_Minus)                 # − : that unit removed
    assert net().sizes == [3, 2, 1]
    press(editor, Qt.Key.Key_Right)                 # w₁₁⁽²⁾... of the selected unit, then Delete
    kind, key = editor.keys.current()
    assert kind == "connection" and key[0] == 1
    press(editor, Qt.Key.Key_Delete)
    assert not net().mask[1][key[1], key[2]]
    press(editor, Qt.Key.Key_Menu)                  # the menu key: the item's own menu
    texts = [a.text() for a in editor.keys.menu.actions()]
    assert "Restore connection" in texts
    editor.keys.menu.close()


def test_the_computation_graphs_keys(qtbot, article_session):
    from backprop_studio.gui.graph.view import ComputationGraph

    article_session.step()
    view = ComputationGraph(article_session)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitUntil(lambda: bool(view.items))
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    with qtbot.waitSignal(article_session.value_selected):       # each move is a click: the debugger follows
        view.canvas.setFocus(Qt.FocusReason.TabFocusReason)     # Tab enters at the first node
    assert view.canvas.accessibleDescription().startswith("x₁ = 1.000")      # the first input
    press(view.canvas, Qt.Key.Key_Right)
    assert view.canvas.accessibleDescription().startswith("x₂ = 0.5000")
    press(view.canvas, Qt.Key.Key_Down)            # down into the row of weights, then to its start
    for _ in range(len(view.items)):
        if view.selected == "w0_0_0":
            break
        press(view.canvas, Qt.Key.Key_Left)
    grad = d_loss_d_w11()
    assert view.canvas.accessibleDescription() == f"w₁₁⁽¹⁾ = 0.1000, ∂E/∂w₁₁⁽¹⁾ = {grad:#.4g}"
    press(view.canvas, Qt.Key.Key_Right)
    assert view.canvas.accessibleDescription().startswith("w₂₁⁽¹⁾ = 0.2000")
    press(view.canvas, Qt.Key.Key_Left)
    press(view.canvas, Qt.Key.Key_Down)            # down the computation: w₁₁⁽¹⁾·x₁
    assert view.canvas.accessibleDescription().startswith("w₁₁⁽¹⁾·x₁ = 0.1000")
    assert view.rule.toPlainText().startswith("w11(1)·x1 = 0.1000")     # the rule pane follows the keyboard


def test_an_open_question_hides_its_answer_from_the_spoken_selection(qtbot, article_session):
    """The canvases speak through the one hiding rule (core/lessons/hiding.py via studio.hidden)."""
    from backprop_studio.core.explain.refs import Ref
    from backprop_studio.core.lessons.hiding import NOTHING, Secrets
    from backprop_studio.gui.editor.view import NetworkEditor

    article_session.step()
    editor = NetworkEditor(article_session)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    press(editor, Qt.Key.Key_Right)
    press(editor, Qt.Key.Key_Right)                  # w₁₁⁽¹⁾
    grad = d_loss_d_w11()
    w = said(0.1 - ETA * grad)
    assert editor.accessibleDescription() == f"w₁₁⁽¹⁾ = {w}, ∂E/∂w = {said(grad)}"
    article_session.hidden.set_secrets(Secrets((Ref("grad", 0, 0, 0),), 2))     # "what is ∂E/∂w₁₁⁽¹⁾?"
    assert editor.accessibleDescription() == f"w₁₁⁽¹⁾ = {w}, ∂E/∂w = ?"
    article_session.hidden.set_secrets(NOTHING)
    assert editor.accessibleDescription() == f"w₁₁⁽¹⁾ = {w}, ∂E/∂w = {said(grad)}"
