"""Save a plot (or any graphics scene) as PNG or SVG."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QBuffer, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QFileDialog, QGraphicsScene, QMessageBox, QWidget

from backprop_studio.core.checks.atomic import check_target, write_atomically

from . import theme
from .language import tr
from .plot_choices import ask_plot, default_choice
from .svg_strokes import flatten_scaled_strokes


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
        generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)   # 1.1: clip paths (the axes clip)
        generator.setOutputDevice(buffer)
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setResolution(_dpi(scene))
        generator.setTitle(title)
        painter = QPainter(generator)
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), background)
        with _export_mode(scene):
            scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
    else:
        image = render_image(scene, rect, background, 2.0)
        # the stub's format is bytes, but the binding (6.11) refuses bytes here and takes str
        if image.isNull() or not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise OSError(tr("could not write {path}: the picture could not be rendered").format(path=path))
    data = bytes(buffer.data().data())
    buffer.close()
    if svg and data:
        data = flatten_scaled_strokes(data)      # thin lines stay thin in renderers such as librsvg
    if not data:
        raise OSError(tr("could not write {path}: the picture could not be rendered").format(path=path))
    write_atomically(path, data)
    return path


def render_image(scene: QGraphicsScene, rect: QRectF, background: QColor, scale: float = 1.0) -> QImage:
    """``rect`` of ``scene`` as an image ``scale`` times as many pixels each way, drawn as the
    screen draws it at that pixel ratio: points, pens and text keep their size relative to the
    plot (a plain 2x scaling would halve the points and thin lines, which are sized in pixels)."""
    image = QImage((rect.size() * scale).toSize(), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    with _export_mode(scene):
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    return image


def _dpi(scene: QGraphicsScene) -> int:
    """The dots per inch the scene is shown at: text sized in points is as large in the SVG."""
    views = scene.views()
    return views[0].logicalDpiX() if views else 96


@contextmanager
def _export_mode(scene: QGraphicsScene) -> Iterator[None]:
    """pyqtgraph's items drawn for export (``setExportMode``, as its own exporters do): scatter
    points as vector symbols, not fragments of a cached pixmap (which SVG renderers draw as
    striped rectangles)."""
    items = [item for item in scene.items() if hasattr(item, "setExportMode")]
    for item in items:
        item.setExportMode(True, {"antialias": True})
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)


def export_plot(item: pg.PlotItem, path: str | Path) -> Path:
    """Write the plot ``item`` (axes, curves, legend) to ``path`` as SVG or PNG."""
    view = item.scene().views()[0]
    return write_picture(item.scene(), item.sceneBoundingRect(), path, view.backgroundBrush().color(),
                         tr("Backprop Studio plot"))


def ask_image_path(parent: QWidget, title: str, default: str) -> str | None:
    """A file name for a PNG or SVG picture (the suffix follows the chosen filter), or None."""
    name, chosen = QFileDialog.getSaveFileName(parent, title, default, tr("PNG image (*.png);;SVG drawing (*.svg)"))
    if not name:
        return None
    if not Path(name).suffix:
        name += ".svg" if "svg" in chosen.lower() else ".png"
    return name


def export_plot_dialog(parent: QWidget, view: QWidget) -> Path | None:
    items = plots_in(view)
    if not items:
        QMessageBox.information(parent, tr("Export plot"), tr("Show a plot first (the loss curve, the decision "
                                                               "boundary or the loss surface)."))
        return None
    name = ask_image_path(parent, tr("Export plot"), "plot.png")
    if name is None:
        return None
    try:
        return export_plot(items[0], name)
    except (OSError, ValueError) as e:
        QMessageBox.warning(parent, tr("Export failed"), str(e))
        return None


def export_chosen_plot(parent: QWidget, views: Mapping[str, QWidget], docks: Mapping[str, QWidget],
                       focused: QWidget | None) -> Path | None:
    """File → Export → Export Plot…: ask which plot (:data:`gui.plot_choices.PLOTS`, by name; the
    focused or visible one preselected), then where; bring it on screen and write it."""
    choice = ask_plot(parent, default_choice(views, focused, lambda w: not w.visibleRegion().isEmpty()))
    if choice is None:
        return None
    name = ask_image_path(parent, tr("Export plot: {plot}").format(plot=tr(choice.name)), f"{choice.file}.png")
    if name is None:
        return None
    view = views[choice.view]
    dock = docks.get(choice.view)
    if dock is not None:                 # drawn as on screen: its dock and tab raised first
        dock.show()
        dock.raise_()
    choice.show(view)
    QApplication.processEvents()
    widget = choice.widget(view)
    widget.grab()     # delivers the resizes a page shown just now still holds: the plot laid out at its size
    try:
        return export_plot(widget.getPlotItem(), name)   # type: ignore[attr-defined]  # a pyqtgraph PlotWidget
    except (OSError, ValueError) as e:
        QMessageBox.warning(parent, tr("Export failed"), str(e))
        return None


class PlotMenuSvgExporter(pyqtgraph.exporters.Exporter):
    """The SVG of a plot's right-click Export… dialog, drawn as File → Export → Export Plot… draws
    it (:func:`write_picture`) instead of by pyqtgraph's own SVG exporter, whose pictures are
    wrong (it fails with PySide6 6.11, and draws cached points and unclipped images)."""

    Name = "SVG drawing (as on screen)"
    allowCopy = False

    def parameters(self) -> None:
        return None

    def export(self, fileName: str | None = None, toBytes: bool = False, copy: bool = False) -> None:  # noqa: N803
        if fileName is None:
            self.fileSaveDialog(filter=[tr("SVG drawing (*.svg)")])
            return
        scene = self.getScene()
        rect = self.item.sceneBoundingRect() if hasattr(self.item, "sceneBoundingRect") else scene.sceneRect()
        views = scene.views()
        background = views[0].backgroundBrush().color() if views else QColor(theme.colors()["background"])
        try:
            write_picture(scene, rect, Path(fileName).with_suffix(".svg"), background, tr("Backprop Studio plot"))
        except (OSError, ValueError) as e:
            QMessageBox.warning(views[0] if views else None, tr("Export failed"), str(e))


def use_in_plot_menus() -> None:
    """Offer :class:`PlotMenuSvgExporter` in every plot's right-click Export… dialog, in place of
    pyqtgraph's SVG exporter (idempotent)."""
    from pyqtgraph.exporters import SVGExporter

    listed = pyqtgraph.exporters.Exporter.Exporters
    listed[:] = [e for e in listed if e not in (SVGExporter, PlotMenuSvgExporter)] + [PlotMenuSvgExporter]


use_in_plot_menus()   # at import, as pyqtgraph registers its own exporters
