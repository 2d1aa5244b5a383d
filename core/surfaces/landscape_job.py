"""One way from a request to a network's landscape, for the command line and the app.

``backprop-studio surface`` and the Loss Surface view ask for the same four landscapes of
:mod:`core.surfaces.landscape`; both describe what they want as a :class:`LandscapeRequest`
(the CLI from its options, the view from its fields) and get the computation from
:func:`landscape_job`: a function of ``(should_stop, progress)`` over *copies* of the session's
network and data, which the CLI calls at once and the app hands to a worker thread while
training goes on.  The defaults (51 points per axis, 101 for the line; each mode's own span)
and the span's limit live here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks import memory
from backprop_studio.core.checks.errors import InputError

from . import landscape
from .landscape import Landscape

MODES = ("params", "random", "line", "pca")
MAX_SPAN = 1e6
"""The largest half-width of an axis: beyond it the grid's axes stop being meaningful."""
DEFAULT_GRID = 51
LINE_GRID = 101   # the line is one axis: more points for the same cost


@dataclass(frozen=True)
class LandscapeRequest:
    """What a landscape is asked for.

    ``mode``: params (``first`` and ``second`` move: core ids such as ``W0[1,0]``), random
    (two directions drawn with ``seed``, normalised by ``normalisation``), line (from the
    initial parameters to the current ones) or pca (the plane of the trajectory).  ``grid``:
    points per axis (None: 101 for line, else 51).  ``span``: the half-width of each axis
    (None: each mode's default; pca's is read from its path).
    """

    mode: str
    first: str = ""
    second: str = ""
    seed: int = 0
    normalisation: str = "filter"
    grid: int | None = None
    span: float | None = None


def check_span(span: float, where: str = "span") -> float:
    """``span`` when it is a number > 0 and at most :data:`MAX_SPAN`, else InputError at ``where``."""
    if not (np.isfinite(span) and 0 < span <= MAX_SPAN):
        raise InputError(f"expected a number > 0 and at most {MAX_SPAN:g}, got {span}", where)
    return float(span)


def landscape_job(session: Any, request: LandscapeRequest,
                  trajectory: NDArray[np.float64] | list[NDArray[np.float64]] | None = None,
                  ) -> Callable[..., Landscape]:
    """A function of (should_stop, progress) computing ``request`` around ``session``'s current
    parameters, on copies of its network and data (safe to run in another thread).

    ``trajectory``: flat parameter vectors, the training log's path; pca needs it (its plane),
    the other modes draw it on the landscape when given.  InputError (a ValueError) names what
    cannot be done: the memory the smallest chunk would need, an unknown mode, a bad span.
    """
    memory.check_surface(session, 0)
    if request.mode not in MODES:
        raise InputError(f"unknown mode {request.mode!r}; choose one of {', '.join(MODES)}", "mode")
    net, x, y, loss = landscape.session_data(session)
    net, x, y = net.copy(), np.array(x, dtype=np.float64), np.array(y, dtype=np.float64)
    path = None if trajectory is None else np.array(trajectory, dtype=np.float64)
    grid = request.grid if request.grid is not None else (LINE_GRID if request.mode == "line" else DEFAULT_GRID)
    kw: dict[str, Any] = {"grid": grid}
    if request.span is not None:
        kw["span"] = check_span(request.span)
    if request.mode == "pca":
        return partial(landscape.pca_plane, net, x, y, loss, path if path is not None else [], **kw)
    kw["trajectory"] = path
    if request.mode == "params":
        return partial(landscape.parameter_slice, net, x, y, loss, request.first, request.second, **kw)
    if request.mode == "random":
        return partial(landscape.random_plane, net, x, y, loss, seed=request.seed,
                       normalisation=request.normalisation, **kw)
    initial = [p.copy() for p in session.initial_params]
    return partial(landscape.line, net, x, y, loss, initial, **kw)
