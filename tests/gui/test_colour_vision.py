"""The palettes stay distinguishable with a colour-vision deficiency (issue 28 §3).

Each dichromacy is simulated with Machado, Oliveira & Fernandes (2009) at severity 1.0 in
linear RGB; colours are compared with CIEDE2000 (ΔE00).  The implementation
(gui/colour_science.py) is first checked against published reference values: Sharma, Wu &
Dalal's 34 CIEDE2000 test pairs, sRGB primaries in CIELAB, and the paper's matrices.

**Threshold.**  ΔE00 ≈ 1 is the smallest difference seen between two large patches side by
side (Sharma et al. 2005).  The marks here are small (markers of 7-12 px, lines 1-5 px), and
the difference needed to tell small marks apart grows as they shrink: Stone, Szafir & Setlur
(2014, "An engineering model for color difference as a function of size") measured about 5-6
CIELAB units for 50 % discrimination of thin lines and small points.  We ask 10 for the
colours of marks (classes, the sign of a weight, the highlights), which leaves room for the
simulation being a model of an average dichromat; and 5 for the large filled areas of the
decision map, where far less suffices.
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from backprop_studio.gui.colour_science import MACHADO, blend, ciede2000, difference, lab, lightness, simulate
from backprop_studio.gui.palettes import CLASS_SYMBOLS, THEMES, diverging

VISIONS = (None, "protanopia", "deuteranopia", "tritanopia")
MARKS = 10.0        # ΔE00 between colours of marks (see the module's docstring)
AREAS = 5.0         # ΔE00 between the colours of large areas

# Sharma, Wu & Dalal (2005), Table 1: L1 a1 b1, L2 a2 b2, ΔE00
SHARMA = [
    (50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425),
    (50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615),
    (50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412),
    (50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669),
    (50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461),
    (50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065),
    (50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492),
    (50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977),
    (50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030),
    (50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000),
    (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
    (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
    (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
    (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
    (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
    (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
    (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
    (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
    (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
    (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
]

# Machado et al. (2009), supplementary table, severity 1.0 (typed from the paper's table)
PAPER = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}


def test_ciede2000_matches_sharmas_test_data():
    data = np.array(SHARMA)
    got = ciede2000(data[:, 0:3], data[:, 3:6])
    assert np.allclose(got, data[:, 6], atol=5e-5)
    assert np.allclose(ciede2000(data[:, 3:6], data[:, 0:3]), data[:, 6], atol=5e-5)   # symmetric


def test_cielab_of_the_srgb_primaries():
    """Published CIELAB (D65) of sRGB red, green, blue and white (B. Lindbloom's calculator)."""
    assert np.allclose(lab("#ff0000"), [53.2408, 80.0925, 67.2032], atol=2e-3)
    assert np.allclose(lab("#00ff00"), [87.7347, -86.1827, 83.1793], atol=2e-3)
    assert np.allclose(lab("#0000ff"), [32.2970, 79.1875, -107.8602], atol=2e-3)
    assert np.allclose(lab("#ffffff"), [100.0, 0.0, 0.0], atol=2e-3)


def test_the_machado_matrices_are_the_papers():
    for name, table in PAPER.items():
        assert np.array_equal(MACHADO[name], np.array(table))
        # normalised so that white (and every grey) looks the same to a dichromat
        assert np.allclose(MACHADO[name].sum(axis=1), 1.0, atol=2e-6)
        assert np.allclose(simulate("#808080", name), 128 / 255, atol=1e-4)


def test_the_simulation_merges_the_classic_confusions():
    """Red and green, distinct to most of us, nearly merge for a deuteranope; blue and yellow
    stay apart for them but shift for a tritanope.  The app's old class colours red #d1461f and
    green #2ca02c (the issue's finding) fall far below the threshold under deuteranopia."""
    assert difference("#d1461f", "#2ca02c") > 40
    assert difference("#d1461f", "#2ca02c", "deuteranopia") < 5
    assert difference("#1f6fd1", "#9467bd", "protanopia") < 5         # old classes 0 and 3
    assert difference("#0000ff", "#ffff00", "deuteranopia") > 50


def pairs_below(colours: dict[str, str], threshold: float) -> list[tuple]:
    out = []
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        for vision in VISIONS:
            d = difference(ca, cb, vision)
            if d < threshold:
                out.append((a, b, vision or "normal", round(d, 1)))
    return out


@pytest.mark.parametrize("name", list(THEMES))
def test_the_sign_and_the_highlights_are_told_apart(name):
    """A weight's two signs, and the colours lit on top of them (the forward and the backward
    phase, the selection), under normal vision and each dichromacy."""
    c = THEMES[name].colours
    marks = {k: c[k] for k in ("positive", "negative", "highlight", "backward", "selection")}
    assert not pairs_below(marks, MARKS)


@pytest.mark.parametrize("name", list(THEMES))
def test_the_class_colours_are_told_apart(name):
    t = THEMES[name]
    classes = {f"class {i}": colour for i, colour in enumerate(t.classes)}
    assert len(classes) >= 10                           # the generators make up to 10 classes
    assert not pairs_below(classes, MARKS)
    background = t.colours["background"]
    assert all(difference(colour, background, v) >= MARKS for colour in t.classes for v in VISIONS)


@pytest.mark.parametrize("name", list(THEMES))
def test_the_decision_maps_areas_are_told_apart(name):
    """The output map paints a confidently predicted class at MAP_STRENGTH over the background."""
    from backprop_studio.gui.plots.output_map import MAP_STRENGTH

    t = THEMES[name]
    areas = {f"class {i}": blend(t.colours["background"], c, MAP_STRENGTH) for i, c in enumerate(t.classes)}
    assert not pairs_below(areas, AREAS)


def test_each_class_has_its_own_marker():
    import pyqtgraph as pg

    assert len(set(CLASS_SYMBOLS)) == len(CLASS_SYMBOLS) >= 10
    assert all(s in pg.graphicsItems.ScatterPlotItem.Symbols for s in CLASS_SYMBOLS)


@pytest.mark.parametrize("name", list(THEMES))
def test_the_heatmaps_lightness(name):
    """Sequential maps rise monotonically in lightness (they read in grey, whatever the vision);
    the sign map of the thumbnails is symmetric about 0 and rises from it on both sides."""
    import pyqtgraph as pg

    t = THEMES[name]
    lut = pg.colormap.get(t.sequential).getLookupTable(nPts=64, alpha=False) / 255.0
    assert np.all(np.diff(lightness(lut)) > 0)
    s = np.linspace(0, 1, 51)
    up, down = lightness(diverging(t.colours, s)), lightness(diverging(t.colours, -s))
    assert np.abs(up - down).max() <= 2.0
    # away from the background on both sides: darker on a light theme, lighter on a dark one
    assert np.all(np.diff(up) > 0) if t.dark else np.all(np.diff(up) < 0)
    assert np.all(np.diff(down) > 0) if t.dark else np.all(np.diff(down) < 0)
    for vision in VISIONS[1:]:
        ends = simulate(diverging(t.colours, np.array([1.0, -1.0])), vision)
        assert difference(ends[0], ends[1]) >= MARKS


def test_every_colour_that_carries_meaning_comes_from_the_theme():
    """No colour is written into a view: they are all in gui/palettes.py, so that a theme (the
    high-contrast one too) changes them all.  colour_science.py names black and white for
    text on a coloured cell."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "gui"
    literal = re.compile(r"""["']#[0-9a-fA-F]{3,8}["']|QColor\(\s*["'][a-zA-Z]+["']|QColor\(\s*\d+\s*,"""
                         r"""|(?:brush|pen|mkPen|mkBrush)\s*[=(]\s*\(\s*\d+\s*,\s*\d+\s*,\s*\d+"""
                         r"""|Qt\.GlobalColor\.(?!transparent)""")
    found = [f"{path.relative_to(root)}:{n}: {line.strip()}"
             for path in sorted(root.rglob("*.py")) if path.name not in ("palettes.py", "colour_science.py")
             for n, line in enumerate(path.read_text().splitlines(), 1) if literal.search(line)]
    assert not found, "colours written into views:\n" + "\n".join(found)
