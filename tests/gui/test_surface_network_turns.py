"""A landscape that arrives while training runs is shown in turns of the event loop (issue 22):
its heatmap with the pictures the worker worked out, then its path.  What the user sees at the
end is what it was when everything was drawn at once: the same contours, colours and path."""
from __future__ import annotations

import numpy as np
import pytest

from backprop_studio.gui.plots.surface_heatmap import CONTOURS, HeatmapPlot, picture
from backprop_studio.gui.plots.surface_plot import LossSurface
from backprop_studio.gui.plots.surface_trajectory import drawn_landscape, landscape_job

from .test_surface_network import make_session, opening_pair, wait_for_landscape


def edge_values(values: np.ndarray, xs: np.ndarray, ys: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The surface's value at each point on a grid line, by linear interpolation along that line
    (a contour's end points lie on the edges between grid points: worked out here by hand)."""
    out = []
    for x, y in points:
        row = np.flatnonzero(np.isclose(ys, y, rtol=0, atol=1e-12))
        if len(row):                                   # on a horizontal edge: along row i
            out.append(np.interp(x, xs, values[row[0]]))
            continue
        col = np.flatnonzero(np.isclose(xs, x, rtol=0, atol=1e-12))
        assert len(col), f"({x}, {y}) is on no grid line"
        out.append(np.interp(y, ys, values[:, col[0]]))
    return np.array(out)


def test_the_worker_works_out_both_scales_and_no_picture_for_a_line():
    studio = make_session()
    for _ in range(3):
        studio.step()
    core = studio.session
    job = landscape_job(core, "params", "W1[0,0]", "W1[1,0]", "filter", 0, 9, 1.0, None)
    land, shown = drawn_landscape(job, should_stop=lambda: False, progress=lambda done, total: None)
    assert set(shown) == {True, False}
    linear = shown[False]
    assert linear.levels == (pytest.approx(land.values.min()), pytest.approx(land.values.max()))
    np.testing.assert_array_equal(linear.z, land.values)
    # every loss here is > 0: log10, the lowest 1 % sharing the lowest colour
    floor = np.percentile(land.values, 1.0)
    np.testing.assert_allclose(shown[True].z, np.log10(np.maximum(land.values, floor)), rtol=1e-14)
    # each contour end point is on one of the levels, evenly spaced between the lowest and the highest value
    levels = np.linspace(*linear.levels, CONTOURS + 2)[1:-1]
    assert linear.contours is not None and len(linear.contours)
    at = edge_values(land.values, land.axes[0], land.axes[1], linear.contours)
    assert np.all(np.min(np.abs(at[:, None] - levels[None, :]), axis=1) < 1e-9 * np.ptp(land.values))
    line = landscape_job(core, "line", "", "", "filter", 0, 9, 0.5, None)
    assert drawn_landscape(line, should_stop=lambda: False, progress=lambda done, total: None)[1] == {}
    stopped = landscape_job(core, "random", "", "", "filter", 0, 9, 1.0, None)
    land, shown = drawn_landscape(stopped, should_stop=lambda: True, progress=lambda done, total: None)
    assert land.cancelled and shown == {}


def test_a_landscape_raised_while_training_ends_with_the_same_picture_and_path(qtbot):
    studio = make_session()
    view = LossSurface(studio)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    net_view = view.network
    net_view.grid.setValue(15)
    pairs = [opening_pair(studio.session.network)]          # the path: the two weights, read at each step
    for _ in range(6):
        studio.step()
        pairs.append(opening_pair(studio.session.network))
    studio.start()                                          # it arrives while training runs
    try:
        net_view.compute()
        land = wait_for_landscape(qtbot, net_view)
        qtbot.waitUntil(lambda: net_view.path.xData is not None and len(net_view.path.xData) > 7, timeout=10_000)
    finally:
        studio.stop()
    # the heatmap shows what the GUI thread would have worked out itself, on both scales
    for log in (True, False):
        for contours in (True, False):
            net_view.log_scale.setChecked(log)
            net_view.contours.setChecked(contours)
            expected = picture(land.axes, land.values, log, contours)
            np.testing.assert_array_equal(net_view.heatmap.image.image, expected.z)
            assert net_view.heatmap.colour_bar.levels() == pytest.approx(expected.levels)
            drawn = net_view.heatmap.contours
            if contours:
                assert expected.contours is not None
                np.testing.assert_array_equal(np.c_[drawn.xData, drawn.yData], expected.contours)
            else:
                assert drawn.xData is None or len(drawn.xData) == 0
    # the path begins with the steps taken by hand, read off the network itself
    qtbot.waitUntil(lambda: len(net_view.path.xData) == len(studio.session.log.path), timeout=10_000)
    np.testing.assert_allclose(np.c_[net_view.path.xData, net_view.path.yData][:7], pairs, rtol=0, atol=1e-12)
    view.shutdown()


def test_a_heatmap_given_no_pictures_works_them_out_itself(qtbot):
    """The 2-D function view hands values alone: its contours are the same as before."""
    plot = HeatmapPlot()
    qtbot.addWidget(plot)
    xs, ys = np.linspace(-2, 2, 41), np.linspace(-1, 3, 41)
    values = (xs[None, :] ** 2 + (ys[:, None] - 1) ** 2) + 0.5        # a bowl, minimum 0.5 at (0, 1)
    plot.set_log(False)
    plot.set_surface([xs, ys], values, ("x", "y"))
    ends = np.c_[plot.contours.xData, plot.contours.yData]
    levels = np.linspace(0.5, values.max(), CONTOURS + 2)[1:-1]
    at = edge_values(values, xs, ys, ends)
    assert len(ends) and np.all(np.min(np.abs(at[:, None] - levels[None, :]), axis=1) < 1e-9)
    # the bowl's contour at each level is a ring around (0, 1) of radius about sqrt(level - 0.5)
    radius = np.hypot(ends[:, 0], ends[:, 1] - 1)
    nearest = levels[np.argmin(np.abs(at[:, None] - levels[None, :]), axis=1)]
    np.testing.assert_allclose(radius, np.sqrt(nearest - 0.5), atol=0.05)
