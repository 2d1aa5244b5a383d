"""Options to choose one of: radio buttons, operable by the keyboard (Tab to the group, the
arrow keys to move, Space to pick), each with its label as rich text (the article's names with
real sub- and superscripts; clicking the label picks it too)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QRadioButton, QWidget

from backprop_studio.core.lessons.markdown import render_line
from backprop_studio.core.lessons.question_kinds import Option
from backprop_studio.gui.language import tr


class _PickingLabel(QLabel):
    """An option's label: a click picks its radio button."""

    def __init__(self, html: str, button: QRadioButton) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText)      # only ever the renderer's output
        self.setText(html)
        self.button = button

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.button.isEnabled():
            self.button.click()
        super().mousePressEvent(event)


# the eight directions and "stays" of a 2-D step, laid out as a compass rose
ROSE = {"up-left": (0, 0), "up": (0, 1), "up-right": (0, 2), "left": (1, 0), "stays": (1, 1),
        "right": (1, 2), "down-left": (2, 0), "down": (2, 1), "down-right": (2, 2)}


class ChoiceList(QWidget):
    """The options of a choice (``lessonChoices``); ``selected()`` is the picked option's key."""

    COLUMNS = 3

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonChoices")
        self.setToolTip(tr("Pick one option (arrow keys move between them), then press Check"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.keys: list[str] = []
        self.buttons: list[QRadioButton] = []

    def set_options(self, options: tuple[Option, ...]) -> None:
        for button in self.buttons:
            self.group.removeButton(button)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()                    # gone from view now, deleted on the next turn
                widget.deleteLater()
        self.keys, self.buttons = [], []
        columns = 1 if len(options) <= 3 and any(len(o.label) > 20 for o in options) else self.COLUMNS
        rose = {o.key for o in options} == set(ROSE)
        for n, option in enumerate(options):
            button = QRadioButton()
            button.setObjectName(f"lessonChoice_{n + 1}")
            button.setAccessibleName(option.label)
            self.group.addButton(button, n)
            row, col = ROSE[option.key] if rose else divmod(n, columns)
            self.grid.addWidget(button, row, 2 * col)
            self.grid.addWidget(_PickingLabel(render_line(option.label), button), row, 2 * col + 1)
            self.keys.append(option.key)
            self.buttons.append(button)
        self.grid.setColumnStretch(2 * columns - 1, 1)

    def selected(self) -> str | None:
        n = self.group.checkedId()
        return self.keys[n] if n >= 0 else None

    def select(self, key: str) -> None:
        if key in self.keys:
            self.buttons[self.keys.index(key)].setChecked(True)

    def label(self, key: str) -> str:
        """The option's label in text form."""
        return self.buttons[self.keys.index(key)].accessibleName() if key in self.keys else key
