"""The plots File → Export → Export Plot… offers, each by the name the user reads.

One list (:data:`PLOTS`): what each plot is called, the view that holds it (its object name, a
contract: gui/views.py), how to find its pyqtgraph widget and how to bring it on screen (raise
its tab) before it is drawn to a file.  The dialog asks which plot, preselecting the one that
has the focus or is in sight (:func:`default_choice`), then where to save it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QInputDialog, QWidget

from .language import QT_TR_NOOP, tr

View = Any     # the view widget of gui/views.py (LossCurve, DecisionBoundary, ...)


def _nothing(_view: View) -> None:
    return None


@dataclass(frozen=True)
class PlotChoice:
    """A plot the user can export."""

    name: str                                  # as the dialog lists it (English: shown through tr())
    view: str                                  # the object name of the view (dock) that holds it
    widget: Callable[[View], QWidget]          # its pyqtgraph PlotWidget
    show: Callable[[View], None] = _nothing    # raise the tab it is in
    file: str = "plot"                         # the default file name, without suffix


def _tab(tabs_of: Callable[[View], Any], page_of: Callable[[View], QWidget]) -> Callable[[View], None]:
    return lambda v: tabs_of(v).setCurrentWidget(page_of(v))


_OUTPUT = _tab(lambda v: v.tabs, lambda v: v.output)
_DIAGNOSTICS = _tab(lambda v: v.tabs, lambda v: v.diagnostics)

PLOTS: tuple[PlotChoice, ...] = (
    PlotChoice(QT_TR_NOOP("Loss curve"), "lossCurve", lambda v: v.plot, file="loss-curve"),
    PlotChoice(QT_TR_NOOP("Decision boundary (the network's output over the inputs, with the data)"),
               "decisionBoundary",
               lambda v: v.output.plot, _OUTPUT, "decision-boundary"),
    PlotChoice(QT_TR_NOOP("Diagnostics: gradient norm per layer ‖∂E/∂W‖"), "decisionBoundary",
               lambda v: v.diagnostics.gradient_plot, _DIAGNOSTICS, "gradient-norms"),
    PlotChoice(QT_TR_NOOP("Diagnostics: weight norm per layer ‖W‖"), "decisionBoundary",
               lambda v: v.diagnostics.weight_plot, _DIAGNOSTICS, "weight-norms"),
    PlotChoice(QT_TR_NOOP("Loss surface: your network's landscape"), "lossSurface",
               lambda v: (v.network.line_plot if v.network.plots.currentWidget() is v.network.line_plot
                          else v.network.heatmap.plot),     # the line, or the plane, as shown
               _tab(lambda v: v.tabs, lambda v: v.network), "network-landscape"),
    PlotChoice(QT_TR_NOOP("Loss surface: 2-D function"), "lossSurface", lambda v: v.function2d.heatmap.plot,
               _tab(lambda v: v.tabs, lambda v: v.function2d), "function-2d"),
    PlotChoice(QT_TR_NOOP("Loss surface: 1-D function"), "lossSurface", lambda v: v.function1d.plot,
               _tab(lambda v: v.tabs, lambda v: v.function1d), "function-1d"),
    PlotChoice(QT_TR_NOOP("Dataset"), "datasetPanel", lambda v: v.plot, file="dataset"),
)


def default_choice(views: Mapping[str, QWidget], focused: QWidget | None, in_sight: Callable[[QWidget], bool]) -> int:
    """The plot to preselect: the one holding the keyboard focus, else the first one on screen
    (its widget visible and not covered), else the loss curve."""
    for n, choice in enumerate(PLOTS):
        widget = choice.widget(views[choice.view])
        if focused is not None and (widget is focused or widget.isAncestorOf(focused)):
            return n
    for n, choice in enumerate(PLOTS):
        if in_sight(choice.widget(views[choice.view])):
            return n
    return 0


def ask_plot(parent: QWidget, default: int) -> PlotChoice | None:
    """Which plot to export (a list of their names), or None when cancelled."""
    names = [tr(choice.name) for choice in PLOTS]
    name, ok = QInputDialog.getItem(parent, tr("Export plot"), tr("Which plot?"), names, default, False)
    return PLOTS[names.index(name)] if ok and name in names else None
