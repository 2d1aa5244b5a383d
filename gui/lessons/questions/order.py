"""Items to put in order: a list the learner rearranges by dragging, with the Up and Down
buttons (or Alt+Up / Alt+Down in the list) for the keyboard."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from backprop_studio.gui.language import tr


class OrderList(QWidget):
    """The items in the learner's order (``lessonOrder``); ``items()`` reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonOrder")
        self.list = QListWidget()
        self.list.setObjectName("lessonOrderList")
        self.list.setToolTip(tr("Drag the items into order, or select one and press Up / Down "
                                "(Alt+Up / Alt+Down); then press Check"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setMaximumHeight(150)
        self.up = QPushButton(tr("▲ Up"))
        self.up.setObjectName("lessonOrderUp")
        self.up.setToolTip(tr("Move the selected item up (Alt+Up)"))
        self.down = QPushButton(tr("▼ Down"))
        self.down.setObjectName("lessonOrderDown")
        self.down.setToolTip(tr("Move the selected item down (Alt+Down)"))
        self.up.clicked.connect(lambda: self.move_item(-1))
        self.down.clicked.connect(lambda: self.move_item(1))
        self.list.installEventFilter(self)         # Alt+Up / Alt+Down in the list
        buttons = QVBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.list and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and \
                event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_item(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def set_items(self, items: tuple[str, ...]) -> None:
        self.list.clear()
        self.list.addItems(list(items))
        self.list.setCurrentRow(0)

    def items(self) -> tuple[str, ...]:
        return tuple(self.list.item(n).text() for n in range(self.list.count()))

    def move_item(self, step: int) -> None:
        """Move the selected item ``step`` places (−1 up, +1 down)."""
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self.list.setCurrentRow(to)
