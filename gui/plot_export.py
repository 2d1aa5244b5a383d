"""Save a pyqtgraph plot as PNG or SVG with pyqtgraph's own exporters."""
from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def plots_in(widget: QWidget) -> list[pg.PlotItem]:
    """The visible plot items inside ``widget`` (a view may hold several, e.g. in tabs)."""
    found = []
    for w in [widget, *widget.findChildren(pg.GraphicsView)]:
        if isinstance(w, pg.PlotWidget) and w.isVisible():
            found.append(w.getPlotItem())
        elif isinstance(w, pg.GraphicsLayoutWidget) and w.isVisible():
            found.extend(item for item in w.ci.items if isinstance(item, pg.PlotItem))
    return found


def export_plot(item: pg.PlotItem, path: str | Path) -> Path:
    """Write ``item`` to ``path``: SVG when the suffix is .svg, else PNG."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        exporter = exporters.SVGExporter(item)
    else:
        path = path if path.suffix else path.with_suffix(".png")
        exporter = exporters.ImageExporter(item)
    exporter.export(str(path))
    if not path.exists():
        raise OSError(f"could not write {path}")
    return path


def ask_image_path(parent: QWidget, title: str, default: str) -> str | None:
    """A file name for a PNG or SVG picture (the suffix follows the chosen filter), or None."""
    name, chosen = QFileDialog.getSaveFileName(parent, title, default, "PNG image (*.png);;SVG drawing (*.svg)")
    if not name:
        return None
    if not Path(name).suffix:
        name += ".svg" if "svg" in chosen.lower() else ".png"
    return name


def export_plot_dialog(parent: QWidget, view: QWidget) -> Path | None:
    items = plots_in(view)
    if not items:
        QMessageBox.information(parent, "Export plot", "Show a plot first (the loss curve, the decision "
                                "boundary or the loss surface).")
        return None
    name = ask_image_path(parent, "Export plot", "plot.png")
    if name is None:
        return None
    try:
        return export_plot(items[0], name)
    except (OSError, ValueError) as e:
        QMessageBox.warning(parent, "Export failed", str(e))
        return None
