"""Render the application icon's PNG sizes from its SVG (run after editing the SVG, commit both).

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

The SVG (``resources/icons/hicolor/scalable/apps/backprop-studio.svg``) is the one drawing; the
PNGs are made from it, in the freedesktop icon theme's layout (``hicolor/NxN/apps/``), because
that is how they are installed on Linux (``share/icons/hicolor`` of the wheel and the bundle) and
the window icon reads the same files (``gui/app_icon.py``).  Windows' .ico and macOS's .icns are
made from the largest PNG by PyInstaller at build time.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons" / "hicolor"
NAME = "backprop-studio"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent ``size`` x ``size`` image, antialiased."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / "scalable" / "apps" / f"{NAME}.svg"
    for size in SIZES:
        out = ICONS / f"{size}x{size}" / "apps" / f"{NAME}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render(svg, size).save(str(out)):
            print(f"render_icons: cannot write {out}", file=sys.stderr)
            return 2
        print(out.relative_to(ICONS.parents[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
