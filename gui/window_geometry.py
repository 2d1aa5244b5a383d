"""Where the main window opens: maximised on a small screen, else its remembered geometry
clamped to the screen it opens on.

A window remembered on a big monitor must not run off a laptop's screen (1366x768), nor off a
1920x1080 screen at 150 % scaling (1280x720 logical pixels): the debugger and the loss curve
would be cut off.  Plain rectangles in, a plain answer out, so the rule is tested without a
screen.
"""
from __future__ import annotations

Rect = tuple[int, int, int, int]          # x, y, width, height in logical pixels

SMALL_SCREEN = (1400, 900)                # an available area below this in either direction is small


def fit_to_screen(window: Rect, available: Rect) -> Rect | None:
    """The geometry to open with, or None to open maximised.

    Parameters
    ----------
    window : the remembered (or default) geometry.
    available : the screen's available geometry (without task bars and docks).

    Returns
    -------
    None when the screen is small (narrower than 1400 or lower than 900); otherwise ``window``
    shrunk to fit within ``available`` and moved just enough to lie inside it.
    """
    ax, ay, aw, ah = available
    if aw < SMALL_SCREEN[0] or ah < SMALL_SCREEN[1]:
        return None
    x, y, w, h = window
    w, h = min(w, aw), min(h, ah)
    x = min(max(x, ax), ax + aw - w)
    y = min(max(y, ay), ay + ah - h)
    return x, y, w, h
