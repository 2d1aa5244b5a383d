"""Every colour that carries meaning, per theme: light, dark and high contrast.

Data only (no Qt), so ``tests/gui/test_colour_vision.py`` and ``test_contrast.py`` can check
the palettes as they are: each text colour against its background (WCAG AA, 4.5:1), the
colours that tell things apart (a weight's sign, the classes, the phase highlights) under
simulated protanopia, deuteranopia and tritanopia, and the colour maps' lightness.
:mod:`gui.theme` applies a :class:`Theme`; every view reads its colours from there, so
choosing a theme recolours them all.

What each colour of :attr:`Theme.colours` means:

============== ==========================================================================
background     plots, the network canvas, the computation graph
foreground     text and lines drawn on ``background``
grid           plot grid lines
muted          secondary text and lines (a removed connection, a cursor); still 4.5:1
positive       w ≥ 0, v_out ≥ 0, the training curve; drawn solid in the editor
negative       w < 0, the test curve; drawn dashed in the editor (never colour alone)
highlight      the phase being computed (forward), a value just changed
backward       the error terms δ flowing back (the backward phase)
selection      what the user selected
path           a descent path, a single fitted curve
error / ok /   text of a refusal, a right answer, a second try (on the window's colour)
warning
frame          the frame a lesson draws around what it points at
alert_*        the debugger's "training diverged" box: background, text, border
============== ==========================================================================
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .colour_science import blend, rgb

# pyqtgraph marker symbols, one per class: a class is told by its marker as well as its colour
CLASS_SYMBOLS = ("o", "s", "t", "d", "+", "x", "t1", "star", "p", "h")

# Drawn on the viridis map of a loss surface whatever the theme (marks, the current point, the path).
ON_MAP = {"mark": "#ffffff", "current": "#ff3b30", "path_point": "#ff9f0a", "outline": "#000000",
          "contour": "#ffffff", "plate": "#000000",     # contour lines, a legend's plate (both see-through)
          "learner": "#ffd21f"}                         # the point a learner clicks for a lesson's question
# optimizer runs in the race: bright colours that stand out on viridis; 7 colours x 6 symbols
RACE_COLOURS = ("#ff3b30", "#ffffff", "#ff9f0a", "#ff4fd8", "#00e5ff", "#b4ff00", "#111111")

SEQUENTIAL_MAP = "viridis"     # heatmaps (loss surface, regression output): lightness rises monotonically
PALETTE_ROLES = ("Window", "WindowText", "Base", "AlternateBase", "ToolTipBase", "ToolTipText",
                 "PlaceholderText", "Text", "Button", "ButtonText", "BrightText", "Light", "Midlight",
                 "Mid", "Dark", "Shadow", "Highlight", "HighlightedText", "Link", "LinkVisited")


@dataclass(frozen=True)
class Theme:
    """One theme: the drawing colours, the class colours, the Qt palette and how thick lines are.

    ``palette`` holds a colour per Qt palette role (all colour groups); ``disabled`` the roles
    that differ in the Disabled group.  ``graph`` colours the computation graph's nodes by
    operation (``grad``: the gradient's text and edges).  ``line_scale`` multiplies the widths
    of drawn lines (the high-contrast theme draws them thicker); ``outline_controls`` draws every
    field, box and button with an outline in the text colour (gui/contrast_style.py).
    """

    name: str
    title: str
    dark: bool
    colours: dict[str, str]
    classes: tuple[str, ...]
    palette: dict[str, str]
    disabled: dict[str, str]
    graph: dict[str, str]
    line_scale: float = 1.0
    sequential: str = SEQUENTIAL_MAP
    tint_alpha: int = 70               # a changed value's cell: ``highlight`` at this alpha over Base
    outline_controls: bool = False


LIGHT = Theme(
    name="light", title="Light", dark=False,
    colours={"background": "#ffffff", "foreground": "#1a1a1a", "grid": "#d0d0d0", "muted": "#6b6b6b",
             "positive": "#1f6fd1", "negative": "#b8530a", "highlight": "#f5a623", "backward": "#22aaee",
             "selection": "#3d1a5c", "train": "#1f6fd1", "test": "#b8530a", "path": "#111111",
             "error": "#b3261e", "ok": "#1a6e1a", "warning": "#8f4c00", "frame": "#e07b00",
             "alert_background": "#fde2e1", "alert_text": "#8a1010", "alert_border": "#d66666"},
    # Okabe & Ito's colour-blind-safe set, completed to ten
    classes=("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#882255", "#aa0000",
             "#332288", "#eedd88"),
    palette={"Window": "#efefef", "WindowText": "#1a1a1a", "Base": "#ffffff", "AlternateBase": "#f5f5f5",
             "ToolTipBase": "#ffffdc", "ToolTipText": "#1a1a1a", "PlaceholderText": "#6b6b6b",
             "Text": "#1a1a1a", "Button": "#efefef", "ButtonText": "#1a1a1a", "BrightText": "#ffffff",
             "Light": "#ffffff", "Midlight": "#cacaca", "Mid": "#b8b8b8", "Dark": "#9f9f9f",
             "Shadow": "#767676", "Highlight": "#2a64b4", "HighlightedText": "#ffffff",
             "Link": "#0a55a6", "LinkVisited": "#6f2da8"},
    disabled={"WindowText": "#6b6b6b", "Text": "#6b6b6b", "ButtonText": "#6b6b6b", "Base": "#efefef",
              "Highlight": "#6b6b6b"},
    graph={"input": "#4c8bd6", "param": "#e0a020", "mul": "#5aa05a", "group": "#5aa05a", "add": "#5aa05a",
           "act": "#7a6fd0", "loss_term": "#d1603f", "loss": "#d1403f", "layer": "#4c8bd6", "grad": "#a04000"},
)

DARK = Theme(
    name="dark", title="Dark", dark=True,
    colours={"background": "#1e1f22", "foreground": "#e6e6e6", "grid": "#3a3c40", "muted": "#9a9a9a",
             "positive": "#5aa9ff", "negative": "#ff7b54", "highlight": "#ffc04d", "backward": "#ddeeff",
             "selection": "#996699", "train": "#5aa9ff", "test": "#ff7b54", "path": "#f0f0f0",
             "error": "#ff8a80", "ok": "#7bd67b", "warning": "#ffb74d", "frame": "#ff9f0a",
             "alert_background": "#4a1c1c", "alert_text": "#ffd6d6", "alert_border": "#d66666"},
    classes=("#56b4e9", "#e69f00", "#009e73", "#cc79a7", "#f0e442", "#d55e00", "#0072b2", "#dddddd",
             "#aa3377", "#bbffbb"),
    palette={"Window": "#2b2d30", "WindowText": "#e6e6e6", "Base": "#1e1f22", "AlternateBase": "#26282b",
             "ToolTipBase": "#2b2d30", "ToolTipText": "#e6e6e6", "PlaceholderText": "#9a9a9a",
             "Text": "#e6e6e6", "Button": "#2f3135", "ButtonText": "#e6e6e6", "BrightText": "#ff5555",
             "Light": "#4a4d52", "Midlight": "#3c3f44", "Mid": "#303236", "Dark": "#1a1b1d",
             "Shadow": "#0e0e0f", "Highlight": "#3d6fb4", "HighlightedText": "#ffffff",
             "Link": "#5aa9ff", "LinkVisited": "#c58af9"},
    disabled={"WindowText": "#a0a0a0", "Text": "#a0a0a0", "ButtonText": "#a0a0a0", "Highlight": "#4a4d52"},
    graph={"input": "#4c8bd6", "param": "#e0a020", "mul": "#5aa05a", "group": "#5aa05a", "add": "#5aa05a",
           "act": "#7a6fd0", "loss_term": "#d1603f", "loss": "#d1403f", "layer": "#4c8bd6", "grad": "#ffb070"},
)

HIGH_CONTRAST = Theme(
    name="high_contrast", title="High Contrast", dark=True, line_scale=1.6, tint_alpha=110, outline_controls=True,
    colours={"background": "#000000", "foreground": "#ffffff", "grid": "#808080", "muted": "#c8c8c8",
             "positive": "#82b4ff", "negative": "#ff9a1f", "highlight": "#ffff00", "backward": "#00ffff",
             "selection": "#a02ad0", "train": "#82b4ff", "test": "#ff9a1f", "path": "#ffffff",
             "error": "#ff8080", "ok": "#66ff66", "warning": "#ffcc00", "frame": "#ffff00",
             "alert_background": "#000000", "alert_text": "#ffffff", "alert_border": "#ff8080"},
    classes=("#00e5ff", "#ffd700", "#e12d78", "#5a78ff", "#f0ffd2", "#969600", "#f087b4", "#96c387",
             "#008778", "#7878a5"),
    palette={"Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "AlternateBase": "#1a1a1a",
             "ToolTipBase": "#000000", "ToolTipText": "#ffffff", "PlaceholderText": "#c8c8c8",
             "Text": "#ffffff", "Button": "#262626", "ButtonText": "#ffffff", "BrightText": "#ffff00",
             "Light": "#ffffff", "Midlight": "#c0c0c0", "Mid": "#a0a0a0", "Dark": "#c0c0c0",
             "Shadow": "#ffffff", "Highlight": "#ffff00", "HighlightedText": "#000000",
             "Link": "#00ffff", "LinkVisited": "#ff99ff"},
    disabled={"WindowText": "#a6a6a6", "Text": "#a6a6a6", "ButtonText": "#a6a6a6", "Highlight": "#a6a6a6"},
    graph={"input": "#4da6ff", "param": "#ffd700", "mul": "#66ff66", "group": "#66ff66", "add": "#66ff66",
           "act": "#c8a0ff", "loss_term": "#ff9a1f", "loss": "#ff8080", "layer": "#4da6ff", "grad": "#ffcc66"},
)

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}

# the computation graph: a node's fill is its operation's colour at this opacity over the background
GRAPH_FILL = {True: 0.27, False: 0.07}          # value known, not yet
GRAPH_SEE_THROUGH = 0.8                         # and the box itself lets an edge behind it show


def graph_fill(theme: Theme, op: str, known: bool) -> NDArray[np.float64]:
    """The opaque colour a graph node's box shows (fill over the background), sRGB 0..1."""
    bg = theme.colours["background"]
    fill = blend(bg, theme.graph[op], GRAPH_FILL[known])
    return blend(bg, fill, GRAPH_SEE_THROUGH)


def diverging(colours: dict[str, str], t: NDArray[np.float64]) -> NDArray[np.float64]:
    """The sign map of the editor's thumbnails (a theme's ``colours``): t in [-1, 1] -> sRGB (..., 3) in 0..1.

    ``negative`` at -1, the background at 0, ``positive`` at +1, mixed linearly in sRGB (as
    a translucent colour is painted).  With two ends of equal lightness it reads the same in
    grey either way from 0 (``tests/gui/test_colour_vision.py`` checks it).
    """
    t = np.asarray(t, dtype=np.float64)[..., None]
    bg = rgb(colours["background"])
    end = np.where(t >= 0, rgb(colours["positive"]), rgb(colours["negative"]))
    return bg + (end - bg) * np.abs(t)
