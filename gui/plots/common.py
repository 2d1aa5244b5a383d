"""Helpers the training views share: the redraw throttle (gui/throttle.py), legends at the
text size, and curves that stay cheap however long training runs.  Class colours and markers
come from the theme (:func:`gui.theme.class_colour`, :func:`gui.theme.class_symbol`)."""
from __future__ import annotations

import numpy as np

from .. import text_size
from ..colour_science import rgb  # noqa: F401 - '#rrggbb' -> floats, app-wide
from ..throttle import Throttle  # noqa: F401 - the one redraw throttle, app-wide


def draw_visible_peaks(curve) -> None:
    """Let a pyqtgraph curve that grows with training draw only what a screen can show.

    A curve over training steps can hold hundreds of thousands of points; drawn in full, each
    repaint costs time proportional to the run's length (a tenth of a second after a few
    minutes).  Clipped to the visible x-range and reduced to the minimum and maximum per pixel
    column ("peak"), it costs the plot's width whatever the length, and looks the same: every
    spike still shows.
    """
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")


def to_rgba8(colours: np.ndarray) -> np.ndarray:
    """Floats (..., 3) in 0..1 -> uint8 (..., 4), opaque."""
    out = np.empty(colours.shape[:-1] + (4,), dtype=np.uint8)
    out[..., :3] = np.clip(colours * 255.0 + 0.5, 0, 255)
    out[..., 3] = 255
    return out


def style_legend(legend, colour: str, points: float = 9.0) -> None:
    """Recolour a pyqtgraph legend's labels and size them (``points`` at 100 %) at the text size
    (setLabelTextColor alone affects only later texts)."""
    legend.setLabelTextColor(colour)
    legend.setLabelTextSize(f"{text_size.points(points):.4g}pt")
    for _sample, label in legend.items:
        label.setText(label.text)


def level_segments(values: np.ndarray, xs: np.ndarray, ys: np.ndarray, level: float) -> np.ndarray:
    """Line segments of the contour ``values == level`` (marching squares, vectorised).

    ``values`` has shape (len(ys), len(xs)): row i is at height ys[i], column j at xs[j].
    Returns the segment end points, shape (2 m, 2): rows 2s and 2s+1 are the ends of
    segment s (draw with ``connect="pairs"``).  A saddle cell gets two segments.
    """
    f = values - level
    above = f > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        # crossing on each horizontal edge (row i, x between xs[j] and xs[j+1]) ...
        th = f[:, :-1] / (f[:, :-1] - f[:, 1:])
        hx = xs[:-1] + th * (xs[1:] - xs[:-1])
        h_cross = above[:, :-1] != above[:, 1:]
        # ... and on each vertical edge (column j, y between ys[i] and ys[i+1])
        tv = f[:-1, :] / (f[:-1, :] - f[1:, :])
        vy = ys[:-1, None] + tv * (ys[1:] - ys[:-1])[:, None]
        v_cross = above[:-1, :] != above[1:, :]
    rows, cols = len(ys) - 1, len(xs) - 1
    # the four edges of each cell: bottom, right, top, left -> points (rows, cols, 4, 2)
    px = np.stack([hx[:-1], np.broadcast_to(xs[1:], (rows, cols)), hx[1:],
                   np.broadcast_to(xs[:-1], (rows, cols))], axis=-1)
    py = np.stack([np.broadcast_to(ys[:-1, None], (rows, cols)), vy[:, 1:],
                   np.broadcast_to(ys[1:, None], (rows, cols)), vy[:, :-1]], axis=-1)
    cross = np.stack([h_cross[:-1], v_cross[:, 1:], h_cross[1:], v_cross[:, :-1]], axis=-1)
    points = np.stack([px, py], axis=-1).reshape(-1, 4, 2)
    cross = cross.reshape(-1, 4)
    count = cross.sum(axis=1)
    two = points[count == 2][cross[count == 2]].reshape(-1, 2)
    four = points[count == 4].reshape(-1, 2)          # saddle: bottom-right, top-left
    return np.concatenate([two, four]) if len(four) else two
