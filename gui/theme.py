"""The theme in use — light, dark or high contrast — and how views ask it for their colours.

The colours themselves are data in :mod:`gui.palettes` (checked there by the tests for
contrast and colour vision).  This module applies one of them: the Qt palette of every
widget, and, through :data:`signals.changed`, everything drawn with colours of its own —
plots (pyqtgraph does not follow the Qt palette: :func:`style_plot`), the network editor, the
computation graph, the debugger's tints.  A view never keeps a colour of its own that carries
meaning: it asks :func:`colors`, :func:`class_colour`, :func:`class_symbol` or
:func:`line_width` when it draws, and redraws on :data:`signals.changed`.

The choice ("system", "light", "dark", "high_contrast") is remembered in the settings
(key ``theme``); "system" follows the OS's light or dark preference.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from . import palettes, text_size
from .palettes import THEMES, Theme


class _Signals(QObject):
    changed = Signal()


signals = _Signals()
# a new text size restyles what a new theme does (fonts of plots, the editor, the graph ...)
text_size.signals.changed.connect(signals.changed)
_current: Theme = palettes.LIGHT

# the drawing colours of each theme, by name (views read them through colors())
LIGHT = palettes.LIGHT.colours
DARK = palettes.DARK.colours
HIGH_CONTRAST = palettes.HIGH_CONTRAST.colours

# the View → Theme actions and the choice each stands for (object names are a contract)
CHOICES = {"actionThemeSystem": "system", "actionThemeLight": "light", "actionThemeDark": "dark",
           "actionThemeHighContrast": "high_contrast"}


def current() -> Theme:
    return _current


def is_dark() -> bool:
    """Whether the background is dark (the dark and the high-contrast theme)."""
    return _current.dark


def colors() -> dict[str, str]:
    """The drawing colours of the theme in use (see :mod:`gui.palettes` for what each means)."""
    return _current.colours


def class_colour(c: int) -> str:
    """Class ``c``'s colour in the theme in use (the same class, the same colour, in every view)."""
    return _current.classes[int(c) % len(_current.classes)]


def class_symbol(c: int) -> str:
    """Class ``c``'s pyqtgraph marker symbol: classes differ by shape as well as colour."""
    return palettes.CLASS_SYMBOLS[int(c) % len(palettes.CLASS_SYMBOLS)]


def graph_colour(op: str) -> str:
    """The computation graph's colour for a node of operation ``op`` ("grad": a gradient)."""
    return _current.graph[op]


def line_width(width: float) -> float:
    """A drawn line's width in the theme in use (the high-contrast theme draws thicker lines)."""
    return width * _current.line_scale


def sequential_map():
    """The colour map of heatmaps (a pyqtgraph ColorMap): its lightness rises monotonically."""
    import pyqtgraph as pg
    return pg.colormap.get(_current.sequential)


def class_points(classes, filled: bool) -> dict:
    """pyqtgraph ScatterPlotItem arguments for samples of ``classes`` (ints): each class its
    marker and its colour; ``filled`` (training samples, with an outline in the foreground
    colour) or hollow with a heavy outline in the class colour (test samples)."""
    import pyqtgraph as pg
    classes = [int(k) for k in classes]
    symbols = [class_symbol(k) for k in classes]
    if filled:
        brushes = {k: pg.mkBrush(class_colour(k)) for k in set(classes)}
        return {"symbol": symbols, "brush": [brushes[k] for k in classes],
                "pen": pg.mkPen(colors()["foreground"], width=line_width(1.0))}
    pens = {k: pg.mkPen(class_colour(k), width=line_width(2.5)) for k in set(classes)}
    return {"symbol": symbols, "brush": None, "pen": [pens[k] for k in classes]}


def value_points(filled: bool) -> dict:
    """ScatterPlotItem arguments for samples of a regression (one target): circles, filled in
    the training colour or hollow in the test colour."""
    import pyqtgraph as pg
    c = colors()
    if filled:
        return {"symbol": "o", "brush": pg.mkBrush(c["train"]), "pen": pg.mkPen(c["foreground"], width=line_width(1.0))}
    return {"symbol": "o", "brush": None, "pen": pg.mkPen(c["test"], width=line_width(2.5))}


class _Restyler(QObject):
    """Re-applies a widget's style on every theme or text-size change (a child of the widget:
    it goes, and its connection with it, when the widget goes)."""

    def __init__(self, widget, style: Callable[[dict[str, str]], None]) -> None:
        super().__init__(widget)
        self.setObjectName("themeRestyler")
        self.style = style
        signals.changed.connect(self._on_theme_changed)

    def _on_theme_changed(self) -> None:
        self.style(colors())


def keep_styled(widget, style: Callable[[dict[str, str]], None]) -> None:
    """Call ``style(colors())`` now and after every change of theme, for a widget coloured by
    a style sheet (an error message in the ``error`` colour, say); a later call for the same
    widget replaces the earlier ``style``."""
    helper = widget.findChild(QObject, "themeRestyler", Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(helper, _Restyler):
        helper.style = style
    else:
        _Restyler(widget, style)
    style(colors())


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def saved_choice() -> str:
    choice = QSettings().value("theme", "system")
    return choice if isinstance(choice, str) and choice in CHOICES.values() else "system"


def apply_theme(window=None, choice: str | None = None, dark: bool | None = None, save: bool = True) -> None:
    """Apply ``choice`` ("system", "light", "dark" or "high_contrast"; ``dark`` is a shorthand),
    or the saved one; ``save``: remember it in the settings (a one-off ``--theme`` does not).

    ``window``'s View → Theme actions are checked to match and, the first time, connected.
    """
    global _current
    if dark is not None:
        choice = "dark" if dark else "light"
    if choice is not None and choice not in CHOICES.values():
        raise ValueError(f"unknown theme {choice!r}: choose one of {', '.join(CHOICES.values())}")
    if choice is not None and save:
        QSettings().setValue("theme", choice)
    choice = choice or saved_choice()
    name = ("dark" if system_prefers_dark() else "light") if choice == "system" else choice
    _current = THEMES[name]
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a theme is set on the app's QApplication"
    if _current.outline_controls:
        from .contrast_style import HighContrastStyle
        app.setStyle(HighContrastStyle())
    else:
        app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(qt_palette(_current))
    actions = getattr(window, "actions_", {})
    for action_name, value in CHOICES.items():
        if action_name in actions:
            actions[action_name].setChecked(value == choice)
            if not getattr(window, "_theme_connected", False):
                actions[action_name].triggered.connect(lambda _=False, v=value: apply_theme(window, v))
    if actions:
        window._theme_connected = True
    signals.changed.emit()


def qt_palette(t: Theme) -> QPalette:
    """The Qt palette of theme ``t``: its colour per role in every group, then the Disabled ones."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for name, value in t.palette.items():
        p.setColor(getattr(role, name), QColor(value))          # all groups
    p.setColor(role.Accent, QColor(t.palette["Highlight"]))
    for name, value in t.disabled.items():
        p.setColor(group.Disabled, getattr(role, name), QColor(value))
    return p


def style_plot(plot_widget) -> None:
    """Restyle a pyqtgraph PlotWidget (or GraphicsLayoutWidget) for the current theme and text size:
    background, axes (lines, tick labels, titles) and the plot's title."""
    c = colors()
    plot_widget.setBackground(c["background"])
    item = plot_widget.getPlotItem() if hasattr(plot_widget, "getPlotItem") else None
    if item is None:
        return
    style_axes(item)
    item.titleLabel.setText(item.titleLabel.text, color=c["foreground"], size=f"{text_size.points(9):.4g}pt")


def style_axes(item) -> None:
    """The axes of a pyqtgraph PlotItem in the theme's foreground, their text at the text size."""
    c = colors()
    font = text_size.font()
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setPen(QColor(c["foreground"]), width=line_width(1.0))
        axis.setTextPen(c["foreground"])
        axis.setTickFont(font)
        axis.label.setFont(font)
        axis._updateLabel()            # re-lay the title out for the new font (pyqtgraph's own step)
