"""Save a plot (or any graphics scene) as PNG or SVG."""
from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QGraphicsScene, QMessageBox, QWidget

from backprop_studio.core.checks.atomic import check_target, write_atomically


def plots_in(widget: QWidget) -> list[pg.PlotItem]:
    """The visible plot items inside ``widget`` (a view may hold several, e.g. in tabs)."""
    found = []
    for w in [widget, *widget.findChildren(pg.GraphicsView)]:
        if isinstance(w, pg.PlotWidget) and w.isVisible():
            found.append(w.getPlotItem())
        elif isinstance(w, pg.GraphicsLayoutWidget) and w.isVisible():
            found.extend(item for item in w.ci.items if isinstance(item, pg.PlotItem))
    return found


def write_picture(scene: QGraphicsScene, rect: QRectF, path: str | Path, background: QColor,
                  title: str = "Backprop Studio") -> Path:
    """Render ``rect`` of ``scene`` to ``path``: SVG when the suffix is .svg, else a PNG at 2x.

    Qt's own QSvgGenerator is used for SVG: pyqtgraph 0.14's SVG exporter fails with
    PySide6 6.11 ("not enough values to unpack").  The picture is rendered into memory and
    written by the one atomic writer (:mod:`core.checks.atomic`); a target that is not a
    regular file is refused before anything is rendered.  OSError says why it was not written.
    """
    path = Path(path)
    svg = path.suffix.lower() == ".svg"
    path = path if svg or path.suffix else path.with_suffix(".png")
    check_target(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if svg:
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(title)
        painter = QPainter(generator)
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), background)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
    else:
        image = QImage((rect.size() * 2).toSize(), QImage.Format.Format_ARGB32)
        image.fill(background)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        scene.render(painter, QRectF(image.rect()), rect)
        painter.end()
        # the stub's format is bytes, but the binding (6.11) refuses bytes here and takes str
        if image.isNull() or not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise OSError(f"could not write {path}: the picture could not be rendered")
    data = bytes(buffer.data().data())
    buffer.close()
    if not data:
        raise OSError(f"could not write {path}: the picture could not be rendered")
    write_atomically(path, data)
    return path


def export_plot(item: pg.PlotItem, path: str | Path) -> Path:
    """Write the plot ``item`` (axes, curves, legend) to ``path`` as SVG or PNG."""
    view = item.scene().views()[0]
    return write_picture(item.scene(), item.sceneBoundingRect(), path, view.backgroundBrush().color(),
                         "Backprop Studio plot")


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
