"""Help: the keyboard-shortcuts sheet, the About box and the "Start here" guide."""
from __future__ import annotations

import platform
from html import escape
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser, QVBoxLayout

from backprop_studio.core.files.version import version

from . import places
from .actions import shortcut_table
from .language import QT_TR_NOOP, tr

if TYPE_CHECKING:
    from .main_window import MainWindow

# the texts below are English, marked for translation: translated where they are shown
START_HERE = QT_TR_NOOP("""
<h2>Start here: one training step of the article's example, by hand</h2>
<p>The window opens with the article's network: 3 inputs, 2 hidden units and 1 output, all
sigmoid, no biases, trained on one sample with E = ½ (y − ŷ)² and plain gradient descent.</p>
<ol>
<li><b>Look at the network</b> in the centre. Each line is a weight w<sub>ij</sub> of
W<sup>(k→k+1)</sup>: row i is the unit it comes from, column j the unit it goes to. Blue is
positive, orange negative; thicker is larger. Double-click a line to type a new weight.</li>
<li><b>Press F11</b> (Step Phase). The forward pass through layer 1 runs:
v<sub>in</sub><sup>(1)</sup> = W<sup>(0→1)T</sup> x and v<sub>out</sub><sup>(1)</sup> = f(v<sub>in</sub><sup>(1)</sup>).
The layer lights up in the editor and the Step Debugger shows the numbers.</li>
<li><b>Press F11 again</b> for layer 2, then for the loss E.</li>
<li><b>Keep pressing F11</b> for the backward pass: first δ<sup>(2)</sup> = (ŷ − y) f′(v<sub>in</sub><sup>(2)</sup>),
then δ<sup>(1)</sup> = (W<sup>(1→2)</sup> δ<sup>(2)</sup>) ⊙ f′(v<sub>in</sub><sup>(1)</sup>). Click any number in the
debugger and read <i>Why this number?</i>: the formula, then the same formula with the numbers.</li>
<li><b>One more F11</b> applies the update ΔW = −η ∂E/∂W. Watch the weights change.</li>
<li><b>F9</b> steps back; <b>F10</b> takes a whole training step; <b>F5</b> runs and pauses.
Watch the loss curve fall and, on the Loss Surface tab, the path gradient descent takes.</li>
<li>Try a huge learning rate (10) in the Hyperparameters panel, or open another example from
File → Open Example: xor, circle, spiral, moons, sine.</li>
</ol>
<p>Export the step as a worked example (File → Export → Export Worked Example) to hand it out.</p>
""")


# keys a widget handles itself (gui/editor/view.py keyPressEvent): not actions, so listed here
EDITOR_KEYS = [(QT_TR_NOOP("Delete, Backspace"),
                QT_TR_NOOP("Network editor: remove the selected connections, units or layer")),
               ("F", QT_TR_NOOP("Network editor: fit the network to the view")),
               ("+, −", QT_TR_NOOP("Network editor: zoom in, zoom out")),
               (QT_TR_NOOP("Mouse wheel / drag"), QT_TR_NOOP("Network editor: zoom / pan")),
               (QT_TR_NOOP("Double-click"),
                QT_TR_NOOP("Network editor: type a weight (on a connection) or a bias (on a unit)"))]


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """The sheet's rows: the window's actions with every key each is bound to, then the keys of
    actions that live in a widget (Copy in the debugger's tables, once), then the editor's keys.
    Read from the actions themselves, so the sheet lists exactly the keys that work."""
    rows = shortcut_table(window.actions_)
    own = set(window.actions_.values())
    for action in window.findChildren(QAction):
        if action not in own and action.shortcuts():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            row = (keys, tr("{action}: in the focused table or view").format(action=action.text()))
            if row not in rows:
                rows.append(row)
    return rows + [(tr(keys), tr(what)) for keys, what in EDITOR_KEYS]


def show_shortcuts(window: MainWindow) -> QDialog:
    rows = "".join(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(tip)}</td></tr>"
                   for keys, tip in shortcut_rows(window))
    title = tr("Keyboard shortcuts")
    return _show_html(window, title, f"<h3>{escape(title)}</h3><table cellspacing='6'>{rows}</table>")


def show_start_here(window: MainWindow) -> None:
    _show_html(window, tr("Start here"), tr(START_HERE))


def show_about(window: MainWindow) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, tr("About Backprop Studio"), about_text(),
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("aboutBox")
    box.setIconPixmap(window.windowIcon().pixmap(64, 64))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)   # the paths can be copied
    box.show()
    return box


def about_text() -> str:
    """The version of the app and of what it runs on (what a bug report needs), and where the
    user's own things are kept (``gui/places.py``)."""
    where = [(tr("Settings"), places.settings_location()),
             (tr("Autosaves"), str(places.data_dir())),
             (tr("Your lessons"), str(places.user_lessons_dir()))]
    rows = "".join(f"<tr><td>{escape(name)}:&nbsp;</td><td>{escape(path)}</td></tr>" for name, path in where)
    versions = (f"<p>Python {platform.python_version()}<br>Qt {qVersion()} (PySide6 {PySide6.__version__})<br>"
                f"numpy {np.__version__}<br>pyqtgraph {pyqtgraph.__version__}</p>")
    return (f"<h3>Backprop Studio {escape(version())}</h3>"
            + tr("<p>See gradient descent and backpropagation, one number at a time.</p>") + versions
            + tr("<p>Kept on this computer:</p>") + f"<table cellspacing='0'>{rows}</table>"
            + tr("<p>MIT licence.</p>"))


def _show_html(window: MainWindow, title: str, html: str) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle(title)
    dialog.resize(640, 520)
    browser = QTextBrowser(dialog)
    browser.setHtml(html)
    browser.setOpenExternalLinks(True)
    QVBoxLayout(dialog).addWidget(browser)
    dialog.show()
    return dialog


def connect_help(window: MainWindow) -> None:
    a = window.actions_
    a["actionShortcuts"].triggered.connect(lambda: show_shortcuts(window))
    a["actionStartHere"].triggered.connect(lambda: show_start_here(window))
    a["actionAbout"].triggered.connect(lambda: show_about(window))
