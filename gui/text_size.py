"""View → Text Size: one factor that scales the text of every view, remembered in the settings.

The factor is a percentage from :data:`SIZES` (100 % is the platform's font).  Setting it
scales the application font, which every widget that does not set a font of its own follows
by itself (Qt re-lays them out); what draws text with a font of its own asks this module:

* :func:`points` / :func:`font` for a size given at 100 % (pyqtgraph axes, titles and
  legends through :func:`gui.theme.style_plot`, the editor's labels, the lessons' text);
* :func:`factor` for sizes in pixels (the computation graph's nodes are scene units: the
  graph is drawn larger instead, see ``gui/graph/layout.py``);

and follows :data:`signals.changed`.  The choice is saved under the settings key
``textSize`` (percent).  Shortcuts: Ctrl++ larger, Ctrl+- smaller, Ctrl+0 back to 100 %.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont
from PySide6.QtWidgets import QApplication, QMenu

from .language import tr

SIZES = (100, 125, 150, 175, 200)
KEY = "textSize"


class _Signals(QObject):
    changed = Signal()


signals = _Signals()
_percent = 100
_base: QFont | None = None          # the application font at 100 %, taken before the first scaling


def percent() -> int:
    return _percent


def factor() -> float:
    """How much larger than at 100 % every text is drawn (1.0 to 2.0)."""
    return _percent / 100.0


def points(size: float) -> float:
    """A font size given in points at 100 %, at the current text size."""
    return size * factor()


def font(point_size: float | None = None, bold: bool = False, scale: float = 1.0) -> QFont:
    """The application font at the current text size: of ``point_size`` points at 100 % when
    given, else the application's size times ``scale``."""
    f = QFont(QApplication.font())
    if point_size is not None:
        f.setPointSizeF(points(point_size))
    elif scale != 1.0 and f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * scale)
    f.setBold(bold)
    return f


def _scaled_base() -> QFont:
    global _base
    if _base is None:
        _base = QFont(QApplication.font())
    f = QFont(_base)
    if _base.pointSizeF() > 0:
        f.setPointSizeF(_base.pointSizeF() * factor())
    else:                                   # a platform font given in pixels
        f.setPixelSize(round(_base.pixelSize() * factor()))
    return f


def nearest(value) -> int:
    """The size of :data:`SIZES` nearest to ``value`` (a saved or typed percentage); 100 for
    anything that is not a number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 100
    return min(SIZES, key=lambda s: (abs(s - number), s))


def set_percent(value: int, save: bool = True) -> None:
    """Draw every text at ``value`` % (the nearest of :data:`SIZES`); ``save`` remembers it."""
    global _percent
    value = nearest(value)
    if save:
        QSettings().setValue(KEY, value)
    changed = value != _percent
    _percent = value
    app = QApplication.instance()
    if isinstance(app, QApplication):
        QApplication.setFont(_scaled_base())
        # Qt posts the font change to the widgets: deliver it now, so that what follows the
        # signal below measures with the new font
        QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    if changed:
        signals.changed.emit()


def restore() -> None:
    """The saved text size (100 % when none is saved, or the saved value is not a size)."""
    set_percent(nearest(QSettings().value(KEY, 100)), save=False)


def step(direction: int) -> None:
    """One size larger (+1) or smaller (-1), within :data:`SIZES`."""
    index = SIZES.index(_percent) + direction
    set_percent(SIZES[min(max(index, 0), len(SIZES) - 1)])


def build_menu(window, menu: QMenu) -> TextSizeActions:
    """Fill View → Text Size with the window's Larger, Smaller and Reset actions (gui/actions.py)
    and one checkable entry per size (object names actionTextSize100 … actionTextSize200, a
    contract); the entries follow the size however it is changed."""
    return TextSizeActions(window, menu)


class TextSizeActions(QObject):
    """The Text Size menu's actions, kept checked and enabled to match the size (a child of the
    menu: Qt drops its connection to the module's signal when the menu goes)."""

    def __init__(self, window, menu: QMenu) -> None:
        super().__init__(menu)
        a = window.actions_
        self.larger, self.smaller, self.reset = a["actionTextLarger"], a["actionTextSmaller"], a["actionTextReset"]
        self.larger.triggered.connect(self._on_larger_triggered)
        self.smaller.triggered.connect(self._on_smaller_triggered)
        self.reset.triggered.connect(self._on_reset_triggered)
        for action in (self.larger, self.smaller, self.reset):
            menu.addAction(action)
        menu.addSeparator()
        group = QActionGroup(menu)
        self.sizes: dict[int, QAction] = {}
        for size in SIZES:
            action = QAction(f"{size} %", menu)
            action.setObjectName(f"actionTextSize{size}")
            action.setCheckable(True)
            action.setToolTip(tr("Draw every text at {size} % of its normal size").format(size=size))
            action.setStatusTip(action.toolTip())
            action.setData(size)
            action.triggered.connect(self._on_size_triggered)
            group.addAction(action)
            menu.addAction(action)
            self.sizes[size] = action
        signals.changed.connect(self._on_text_size_changed)
        self._on_text_size_changed()

    def _on_larger_triggered(self) -> None:
        step(+1)

    def _on_smaller_triggered(self) -> None:
        step(-1)

    def _on_reset_triggered(self) -> None:
        set_percent(100)

    def _on_size_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            set_percent(action.data())

    def _on_text_size_changed(self) -> None:
        for size, action in self.sizes.items():
            action.setChecked(size == _percent)
        self.larger.setEnabled(_percent < SIZES[-1])
        self.smaller.setEnabled(_percent > SIZES[0])
