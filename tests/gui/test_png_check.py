"""packaging/png_check.py, which CI's smoke test uses to judge a screenshot without Qt: its PNG
decoder against Qt's on images Qt wrote, and its verdict on a blank image and a real window."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("png_check", ROOT / "packaging" / "png_check.py")
png_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(png_check)


def noise_image(width: int, height: int, alpha: bool) -> QImage:
    """Random pixels with smooth stretches, so libpng picks every one of its five row filters."""
    rng = np.random.default_rng(7)
    image = QImage(width, height, QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32)
    for y in range(height):
        for x in range(width):
            if y % 3 == 0:
                r, g, b = (x * 5) % 256, (y * 7) % 256, (x + y) % 256      # gradients
            else:
                r, g, b = (int(v) for v in rng.integers(0, 256, 3))
            image.setPixelColor(x, y, QColor(r, g, b, int(rng.integers(0, 256)) if alpha else 255))
    return image


def png_bytes(image: QImage, path: Path) -> bytes:
    assert image.save(str(path), "PNG")
    return path.read_bytes()


def test_the_decoder_reads_what_qt_wrote(tmp_path):
    for alpha in (False, True):
        image = noise_image(37, 23, alpha)
        width, height, bpp, rows = png_check.decode(png_bytes(image, tmp_path / "noise.png"))
        assert (width, height, bpp) == (37, 23, 4 if alpha else 3)
        written = QImage(str(tmp_path / "noise.png"))      # Qt's own decoding of the same file
        for y in range(height):
            for x in range(width):
                pixel = written.pixelColor(x, y)
                expected = [pixel.red(), pixel.green(), pixel.blue()] + ([pixel.alpha()] if alpha else [])
                assert list(rows[y][x * bpp:(x + 1) * bpp]) == expected, (x, y, alpha)


def test_a_blank_image_is_not_a_window(tmp_path):
    blank = QImage(1366, 768, QImage.Format.Format_RGB32)
    blank.fill(Qt.GlobalColor.white)
    assert png_check.window_problem(png_bytes(blank, tmp_path / "blank.png"), (1366, 768)).startswith("blank")


def test_a_window_is_one_and_its_size_is_checked(main_window, tmp_path):
    main_window.resize(1366, 768)
    main_window.show()
    data = png_bytes(main_window.grab().toImage(), tmp_path / "window.png")
    size = (main_window.grab().width(), main_window.grab().height())
    assert png_check.window_problem(data, size) is None
    assert "not 1x1" in png_check.window_problem(data, (1, 1))
    assert png_check.window_problem(b"not a png", size).startswith("cannot read")
