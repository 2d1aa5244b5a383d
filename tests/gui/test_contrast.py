"""Text meets WCAG AA (contrast ratio ≥ 4.5:1) in every theme (issue 28 §4).

The ratio is WCAG 2.x's: (L₁ + 0.05) / (L₂ + 0.05) over relative luminances (gui/colour_science.py).
Checked against the palettes as data (every theme, also the one the OS does not pick) and
against the QPalette the app really applies.
"""
from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from backprop_studio.gui import palettes, theme
from backprop_studio.gui.colour_science import blend, contrast_ratio
from backprop_studio.gui.palettes import THEMES, graph_fill

AA = 4.5


def test_the_ratio_matches_published_pairs():
    """Known values: black on white is 21:1; #777 on white is 4.48:1 (just short of AA, the
    usual example); equal colours 1:1; the order of the two does not matter."""
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#ffffff", "#777777") == contrast_ratio("#777777", "#ffffff")
    assert contrast_ratio("#336699", "#336699") == pytest.approx(1.0)
    # #767676 is the lightest grey that passes on white (4.54:1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)


def text_pairs(t: palettes.Theme) -> list[tuple[str, object, object]]:
    """(what, text colour, background) for every text the app draws in theme ``t``."""
    p, d, c = t.palette, {**t.palette, **t.disabled}, t.colours
    pairs = [
        ("WindowText/Window", p["WindowText"], p["Window"]),
        ("Text/Base", p["Text"], p["Base"]),
        ("Text/AlternateBase", p["Text"], p["AlternateBase"]),
        ("ButtonText/Button", p["ButtonText"], p["Button"]),
        ("HighlightedText/Highlight", p["HighlightedText"], p["Highlight"]),
        ("ToolTipText/ToolTipBase", p["ToolTipText"], p["ToolTipBase"]),
        ("PlaceholderText/Base", p["PlaceholderText"], p["Base"]),
        ("Link/Base", p["Link"], p["Base"]),
        ("Link/Window", p["Link"], p["Window"]),
        ("LinkVisited/Base", p["LinkVisited"], p["Base"]),
        ("disabled WindowText/Window", d["WindowText"], d["Window"]),
        ("disabled Text/Base", d["Text"], d["Base"]),
        ("disabled ButtonText/Button", d["ButtonText"], d["Button"]),
        ("disabled HighlightedText/Highlight", d["HighlightedText"], d["Highlight"]),
        ("plot text", c["foreground"], c["background"]),
        ("muted text", c["muted"], c["background"]),
        ("muted text on the window", c["muted"], p["Window"]),
        ("a changed value's cell", p["Text"], blend(p["Base"], c["highlight"], t.tint_alpha / 255)),
        ("divergence box", c["alert_text"], c["alert_background"]),
    ]
    pairs += [(f"{name} message", c[name], p["Window"]) for name in ("error", "ok", "warning")]
    pairs += [(f"{name} mark in a table", c[name], p["Base"]) for name in ("error", "ok")]   # gradient check
    # the confusion matrix's diagonal: each class's colour, faint, under the count
    pairs += [(f"class {i} cell", p["Text"], blend(p["Base"], colour, t.tint_alpha / 255))
              for i, colour in enumerate(t.classes)]
    for op in t.graph:
        if op == "grad":
            continue
        pairs += [(f"graph {op} known", c["foreground"], graph_fill(t, op, True)),
                  (f"graph {op} gradient", t.graph["grad"], graph_fill(t, op, True)),
                  (f"graph {op} not yet", c["muted"], graph_fill(t, op, False))]
    return pairs


@pytest.mark.parametrize("name", list(THEMES))
def test_every_text_of_every_theme_meets_aa(name):
    failing = [(what, round(contrast_ratio(fg, bg), 2)) for what, fg, bg in text_pairs(THEMES[name])
               if contrast_ratio(fg, bg) < AA]
    assert not failing, f"{name}: below 4.5:1: {failing}"


@pytest.mark.parametrize("name", list(THEMES))
def test_the_applied_qt_palette_is_the_checked_one(qapp, name):
    """What Qt really paints with: the application palette after choosing the theme."""
    theme.apply_theme(None, name)
    try:
        pal = qapp.palette()
        role, group = QPalette.ColorRole, QPalette.ColorGroup
        checked = THEMES[name]
        for group_, table in ((group.Active, checked.palette), (group.Inactive, checked.palette),
                              (group.Disabled, {**checked.palette, **checked.disabled})):
            for text, back in (("WindowText", "Window"), ("Text", "Base"), ("ButtonText", "Button"),
                               ("HighlightedText", "Highlight"), ("ToolTipText", "ToolTipBase"),
                               ("PlaceholderText", "Base")):
                fg = pal.color(group_, getattr(role, text))
                bg = pal.color(group_, getattr(role, back))
                assert fg.alpha() == 255 and (fg.name(), bg.name()) == (table[text], table[back])
                assert contrast_ratio(fg.name(), bg.name()) >= AA, (name, group_, text, back)
    finally:
        theme.apply_theme(None, "light")


def test_text_on_a_runs_colour_is_black_or_white_whichever_reads():
    """The race table writes each run's name on the run's colour (the same in every theme)."""
    from backprop_studio.gui.colour_science import readable_on
    from backprop_studio.gui.palettes import RACE_COLOURS

    for colour in RACE_COLOURS:
        assert contrast_ratio(readable_on(colour), colour) >= AA, colour
    assert readable_on("#ffffff") == "#000000" and readable_on("#000000") == "#ffffff"
