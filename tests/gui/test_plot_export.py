"""Plots and the canvas export to PNG and SVG, drawing what is on screen."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from backprop_studio.gui.plot_export import export_plot, plots_in


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_the_loss_curve_exports(main_window, tmp_path, suffix):
    s = main_window.studio
    for _ in range(20):
        s.step()
    main_window.show()
    curve = main_window.views["lossCurve"]
    items = plots_in(curve)
    assert items
    path = export_plot(items[0], tmp_path / f"loss{suffix}")
    data = path.read_bytes()
    if suffix == ".svg":
        root = ET.fromstring(data)                     # well-formed SVG
        assert root.tag.endswith("svg")
        assert b"training step" in data                # the axis label is drawn
        assert data.count(b"<path") + data.count(b"<polyline") >= 1
    else:
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000


def test_export_plot_action_asks_for_a_name_and_writes_svg(main_window, tmp_path, monkeypatch):
    out = tmp_path / "picture"
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, names, current, _e: (names[current], True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out), "SVG drawing (*.svg)"))
    main_window.show()
    main_window.actions_["actionExportPlot"].trigger()
    assert (tmp_path / "picture.svg").read_bytes().startswith(b"<?xml")


def test_canvas_exports_svg(main_window, tmp_path):
    path = main_window.views["networkEditor"].export_image(tmp_path / "net.svg")
    data = path.read_bytes()
    assert ET.fromstring(data).tag.endswith("svg") and b"Layer" in data
