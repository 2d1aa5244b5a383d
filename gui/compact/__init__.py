"""Widgets for narrow docks: rows of controls that wrap, options and descriptions that fold.

A dock at 1366x768 may be 300 pixels wide and 310 high (a page of the bottom row).  A plain row
of controls then squeezes every control until "sgd" shows in 16 pixels, and a word-wrapped
description grows until the plot under it is 40 pixels tall (issue 25).  So:

* :class:`FlowLayout` (:mod:`.rows`) lays its widgets out left to right at their preferred
  width and starts a new row when the next one would not fit (Qt's flow-layout example).  It
  reports the height it needs for a width, so the plot below keeps the rest.
* :class:`FoldButton` shows or hides the controls a learner rarely changes (a grid size, a
  colour scale); until the user clicks it, it unfolds where the page is :func:`roomy`.
* :func:`fit_to_current_text` sizes a combo box to the item it shows, not to its longest item.
* :class:`FoldingLabel` (:mod:`.texts`) shows the first line(s) of a description, cut at a
  word, and a *more* link; :class:`PartsLabel` drops the first parts of a status line (never
  the last ones) when it is narrow.  Their ``text()`` is the whole text.
* :func:`scrolled_layout` (:mod:`.pages`) puts a page's content in a scroll area of its own:
  a page the user unfolded in a short dock scrolls instead of drawing its widgets over each
  other.

Each decides from the size it is given and changes only what is inside it, so a resize reaches
a fixed point in one pass (issue 25, item 6).  :data:`MIN_PLOT_PX` is the least height of a
plot's data area.
"""
from .pages import PageScroll, scrolled_layout
from .rows import MIN_PLOT_PX, PLOT_AXES_PX, ROOMY_PX, FlowLayout, FoldButton, fit_to_current_text, pair, roomy
from .texts import FoldingLabel, PartsLabel, plain_text

__all__ = ["MIN_PLOT_PX", "PLOT_AXES_PX", "ROOMY_PX", "FlowLayout", "FoldButton", "FoldingLabel", "PageScroll",
           "PartsLabel", "fit_to_current_text", "pair", "plain_text", "roomy", "scrolled_layout"]
