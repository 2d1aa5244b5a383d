"""Light and dark themes: follow the OS unless the user picked one; plots are restyled to match.

pyqtgraph does not follow the Qt palette, so plot views call :func:`style_plot` when they
are built and again on :data:`signals.changed`.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


class _Signals(QObject):
    changed = Signal()


signals = _Signals()
_dark = False

# Class c is drawn in CLASS_COLOURS[c] everywhere: the dataset plot, the decision boundary, metrics.
CLASS_COLOURS = ["#1f6fd1", "#d1461f", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf", "#ff7f0e"]

LIGHT = {"background": "#ffffff", "foreground": "#202020", "grid": "#d0d0d0",
         "positive": "#1f6fd1", "negative": "#d1461f", "highlight": "#f5a623", "muted": "#9a9a9a",
         "train": "#1f6fd1", "test": "#d1461f", "path": "#111111"}
DARK = {"background": "#1e1f22", "foreground": "#e6e6e6", "grid": "#3a3c40",
        "positive": "#5aa9ff", "negative": "#ff7b54", "highlight": "#ffc04d", "muted": "#8a8a8a",
        "train": "#5aa9ff", "test": "#ff7b54", "path": "#f0f0f0"}


def is_dark() -> bool:
    return _dark


def colors() -> dict[str, str]:
    return DARK if _dark else LIGHT


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


CHOICES = {"actionThemeSystem": "system", "actionThemeLight": "light", "actionThemeDark": "dark"}


def apply_theme(window=None, choice: str | None = None, dark: bool | None = None) -> None:
    """Apply ``choice`` ("system", "light" or "dark"; ``dark`` is a shorthand), or the saved one.

    The choice is remembered in the settings.
    """
    global _dark
    if dark is not None:
        choice = "dark" if dark else "light"
    settings = QSettings()
    if choice is not None:
        settings.setValue("theme", choice)
    stored = settings.value("theme", "system")
    choice = stored if isinstance(stored, str) and stored in CHOICES.values() else "system"
    _dark = system_prefers_dark() if choice == "system" else choice == "dark"
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a theme is set on the app's QApplication"
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(_dark_palette() if _dark else app.style().standardPalette())
    actions = getattr(window, "actions_", {})
    for name, value in CHOICES.items():
        if name in actions:
            actions[name].setChecked(value == choice)
            if not getattr(window, "_theme_connected", False):
                actions[name].triggered.connect(lambda _=False, v=value: apply_theme(window, v))
    if actions:
        window._theme_connected = True
    signals.changed.emit()


def _dark_palette() -> QPalette:
    p = QPalette()
    c = DARK
    role = QPalette.ColorRole
    for r, value in ((role.Window, "#2b2d30"), (role.WindowText, c["foreground"]), (role.Base, c["background"]),
                     (role.AlternateBase, "#26282b"), (role.ToolTipBase, "#2b2d30"),
                     (role.ToolTipText, c["foreground"]), (role.Text, c["foreground"]),
                     (role.Button, "#2f3135"), (role.ButtonText, c["foreground"]),
                     (role.BrightText, "#ff5555"), (role.Highlight, "#3d6fb4"),
                     (role.HighlightedText, "#ffffff"), (role.Link, c["positive"]),
                     (role.PlaceholderText, c["muted"])):
        p.setColor(r, QColor(value))
    p.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c["muted"]))
    return p


def style_plot(plot_widget) -> None:
    """Restyle a pyqtgraph PlotWidget (or GraphicsLayoutWidget) for the current theme."""
    c = colors()
    plot_widget.setBackground(c["background"])
    item = plot_widget.getPlotItem() if hasattr(plot_widget, "getPlotItem") else None
    if item is None:
        return
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setPen(c["foreground"])
        axis.setTextPen(c["foreground"])
    item.titleLabel.setText(item.titleLabel.text, color=c["foreground"])
