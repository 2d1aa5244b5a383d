"""The ``surface`` and ``descend`` subcommands of ``backprop-studio`` (see docs/surfaces.md).

    backprop-studio surface FILE --mode params|random|line|pca [--params P Q] [--grid N]
                            [--span S] [--seed N] [--normalisation filter|layer|none]
                            [--train-steps K] --out OUT.npz|OUT.csv
    backprop-studio descend (--function NAME | --expr "...") --optimizer NAME --lr ETA
                            [--start x,y] [--steps N] [--tolerance T] [--hyper KEY=VALUE ...]
                            --out PATH.csv

Exit codes: 0 done; 2 bad input, one line on stderr and no traceback; 3 diverged, naming
the step (the rows computed before it are still written).

Negative numbers and expressions work as typed (``--start -1.5,2``, ``--expr -x^2``):
argparse takes an argument that starts with '-' for an option unless it looks like a
negative number, and its test knows only plain numbers such as -1.5.  The two subparsers
widen that test to anything that starts with a single '-' other than ``-h``: they have no
other short options, so nothing becomes ambiguous (a mistyped ``-steps`` is still refused,
as an unrecognised argument).
"""
from __future__ import annotations

import argparse
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from backprop_studio.core.checks import memory
from backprop_studio.core.checks.atomic import write_atomically
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.param_spec import ParamSpec
from backprop_studio.core.files.project_schema import check_optimizer
from backprop_studio.core.surfaces.descent import DescentPath, descend, optimizer_name
from backprop_studio.core.surfaces.functions import OBJECTIVES, from_expression, objective
from backprop_studio.core.surfaces.landscape import MAX_GRID, NORMALISATIONS, Landscape
from backprop_studio.core.surfaces.landscape_job import LandscapeRequest, check_span, landscape_job

from .common import EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_OK, check_output, fail

MAX_STEPS = 1_000_000
_VALUE_LIKE = re.compile(r"^-(?!-)(?!h$).")   # -1.5  -1.5,2  -1e-3,-2  -x^2


def register(subparsers: Any) -> None:
    """Add ``surface`` and ``descend`` to an argparse ``add_subparsers()`` object."""
    surface = subparsers.add_parser("surface", help="export a loss landscape of a project as a grid")
    surface.add_argument("file", metavar="FILE", help="a project file (.json)")
    surface.add_argument("--mode", required=True, choices=("params", "random", "line", "pca"))
    surface.add_argument("--params", nargs=2, metavar=("P", "Q"),
                         help="params mode: the two parameters, e.g. W0[0,1] b1[0]")
    surface.add_argument("--grid", type=int, default=None, metavar="N",
                         help=f"points per axis (default 51; 101 for line; at most {MAX_GRID})")
    surface.add_argument("--span", type=float, default=None, metavar="S",
                         help="half-width of each axis (see docs/surfaces.md for each mode)")
    surface.add_argument("--seed", type=int, default=0, help="random mode: the seed of the directions")
    surface.add_argument("--normalisation", choices=NORMALISATIONS, default="filter",
                         help="random mode: filter (default), layer or none")
    surface.add_argument("--train-steps", type=int, default=None, metavar="K",
                         help="train K steps first and draw their path (default 0; 100 for pca)")
    surface.add_argument("--out", required=True, metavar="OUT", help="OUT.npz or OUT.csv")
    surface.set_defaults(func=cmd_surface)
    desc = subparsers.add_parser("descend", help="gradient descent on a function, one CSV row per step")
    which = desc.add_mutually_exclusive_group(required=True)
    which.add_argument("--function", metavar="NAME", help=f"one of {', '.join(OBJECTIVES)}")
    which.add_argument("--expr", metavar="TEXT", help='an expression in x (and y), e.g. "x^2 + 10*y^2"')
    desc.add_argument("--optimizer", required=True, metavar="NAME", help=f"one of {', '.join(OPTIMIZERS)}")
    desc.add_argument("--lr", required=True, type=float, metavar="ETA", help="the learning rate eta")
    desc.add_argument("--start", metavar="X[,Y]", help="the starting point, e.g. -1.5,2")
    desc.add_argument("--steps", type=int, default=100, metavar="N", help="the step limit (default 100)")
    desc.add_argument("--tolerance", type=float, default=1e-8, metavar="T",
                      help="stop when the gradient norm is at most T (default 1e-8)")
    desc.add_argument("--hyper", action="append", default=[], metavar="KEY=VALUE",
                      help="another optimizer hyperparameter, e.g. momentum=0.9 (repeatable)")
    desc.add_argument("--out", required=True, metavar="PATH", help="the CSV file to write")
    desc.set_defaults(func=cmd_descend)
    for parser in (surface, desc):
        parser._negative_number_matcher = _VALUE_LIKE   # see the module docstring


def _guarded(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return command(args)
    except InputError as e:
        fail(str(e))
        return EXIT_BAD_INPUT
    except OSError as e:
        fail(f"{e.filename or ''}: {e.strerror or e}".lstrip(": "))
        return EXIT_BAD_INPUT


# -- descend ---------------------------------------------------------------------------------
def cmd_descend(args: argparse.Namespace) -> int:
    return _guarded(_descend, args)


def _descend(args: argparse.Namespace) -> int:
    _check_suffix(args.out, (".csv",))
    start = _numbers(args.start, "--start") if args.start is not None else None
    if args.function is not None:
        target = objective(args.function)
    else:
        target = from_expression(args.expr, None if start is None else len(start))
    if not 0 <= args.steps <= MAX_STEPS:
        raise InputError(f"expected a whole number from 0 to {MAX_STEPS}, got {args.steps}", "--steps")
    hyper = _hyper(args.optimizer, args.hyper, args.lr)
    if not (np.isfinite(args.tolerance) and args.tolerance >= 0):
        raise InputError(f"expected a number >= 0, got {args.tolerance}", "--tolerance")
    path = descend(target, args.optimizer, hyper, start, args.steps, args.tolerance)
    write_path_csv(path, args.out)
    if path.reason == "diverged":
        fail(path.message)
        return EXIT_DIVERGED
    end = ", ".join(f"{v:.6g}" for v in path.end)
    how = "converged" if path.reason == "converged" else "stopped at the step limit"
    print(f"{how} after {path.steps} steps at ({end}), loss {path.losses[-1]:.6g}")
    return EXIT_OK


def write_path_csv(path: DescentPath, out: str) -> None:
    """One row per point: step, x, (y,) loss, df/dx, (df/dy); floats round-trip (repr)."""
    names = ["x", "y"][:path.points.shape[1]]
    f = io.StringIO(newline="")
    writer = csv.writer(f)
    writer.writerow(["step", *names, "loss", *(f"df_d{n}" for n in names)])
    for t in range(len(path.points)):
        writer.writerow([t, *map(repr, map(float, path.points[t])), repr(float(path.losses[t])),
                         *map(repr, map(float, path.gradients[t]))])
    write_atomically(out, f.getvalue())


def _numbers(text: str, where: str) -> list[float]:
    """Comma-separated finite numbers, e.g. ``-1.5,2``."""
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        values = []
    if not values or len(values) > 2 or not all(np.isfinite(values)):
        raise InputError(f"expected one or two finite numbers separated by a comma, e.g. -1.5,2; "
                         f"got {text!r}", where)
    return values


def _hyper(optimizer: str, pairs: list[str], lr: float) -> dict[str, Any]:
    """``--lr`` and the KEY=VALUE pairs as hyperparameters of ``optimizer``, each read by its spec
    on the registry entry (booleans: true/false), as the panel and a project file read them."""
    specs = OPTIMIZERS[optimizer_name(optimizer)].specs
    hyper: dict[str, Any] = {"learning_rate": _spec_value(specs["learning_rate"], lr, "--lr")}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in specs or key == "learning_rate":
            known = ", ".join(k for k in specs if k != "learning_rate")
            raise InputError(f"expected KEY=VALUE with KEY one of {known}; got {pair!r}", "--hyper")
        try:
            hyper[key] = specs[key].read_text(value)
        except ValueError as e:
            raise InputError(f"{key} {e}", "--hyper") from None
    # the combination rules (Nesterov), as for a project file's optimizer
    return check_optimizer(optimizer, hyper, "--hyper")


def _spec_value(spec: ParamSpec, value: Any, where: str) -> Any:
    try:
        return spec.read(value)
    except ValueError as e:
        raise InputError(str(e), where) from None


def _number(text: str, where: str) -> float:
    """One finite number."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not np.isfinite(value):
        raise InputError(f"expected one finite number, got {text!r}", where)
    return value


def _check_suffix(out: str, allowed: tuple[str, ...]) -> str:
    """The output's suffix, checked with its folder and target before any work (core.cli.common.check_output)."""
    suffix = Path(out).suffix.lower()
    if suffix not in allowed:
        raise InputError(f"the output must end in {' or '.join(allowed)}, got {out!r}", "--out")
    check_output(out, "--out")
    return suffix


# -- surface ---------------------------------------------------------------------------------
def cmd_surface(args: argparse.Namespace) -> int:
    return _guarded(_surface, args)


def _surface(args: argparse.Namespace) -> int:
    from backprop_studio.core.files import project_file  # imported when used

    suffix = _check_suffix(args.out, (".npz", ".csv"))
    if args.mode == "params" and not args.params:
        raise InputError("params mode needs two parameters, e.g. --params W0[0,0] W0[1,0]", "--params")
    steps = args.train_steps if args.train_steps is not None else (100 if args.mode == "pca" else 0)
    if not 0 <= steps <= MAX_STEPS:
        raise InputError(f"expected a whole number from 0 to {MAX_STEPS}, got {steps}", "--train-steps")
    if args.mode == "pca" and steps < 2:
        raise InputError("pca needs a trajectory: give --train-steps 2 or more (default 100)", "--train-steps")
    session = project_file.load(args.file)
    if steps:
        memory.check_training(session)
    memory.check_surface(session, steps)
    for _ in range(steps):
        if session.step() is None:
            fail(session.diverged.message if session.diverged else "training diverged")
            return EXIT_DIVERGED
    # the path is the training log's, as the GUI draws it: every step (thinned evenly past
    # core.training.log.PATH_BYTES), so both compute the same PCA plane
    trajectory = list(session.log.path.rows) if steps else None
    landscape = surface_of(session, args, trajectory)
    (write_landscape_npz if suffix == ".npz" else write_landscape_csv)(landscape, args.out)
    print(f"wrote a {args.mode} landscape of {landscape.values.size} points to {args.out}")
    return EXIT_OK


def surface_of(session: Any, args: argparse.Namespace, trajectory: list[np.ndarray] | None) -> Landscape:
    """The landscape ``args`` asks for, around the session's current parameters: the options as
    a :class:`LandscapeRequest`, computed by the app's own :func:`landscape_job`."""
    if args.span is not None:
        check_span(args.span, "--span")
    if args.mode == "line" and not trajectory and all(
            np.array_equal(a, b) for a, b in zip(session.initial_params, session.network.parameters())):
        raise InputError("the file's parameters are still the initial ones: add "
                         "--train-steps K to train first", "--mode line")
    first, second = args.params or ("", "")
    request = LandscapeRequest(args.mode, first, second, args.seed, args.normalisation, args.grid, args.span)
    return landscape_job(session, request, trajectory)()


def write_landscape_npz(landscape: Landscape, out: str) -> None:
    """Every array of the landscape under its own name (no pickled objects)."""
    arrays: dict[str, Any] = {"mode": np.array(landscape.mode), "values": landscape.values,
                              "labels": np.array(landscape.labels), "origin": landscape.origin,
                              "center": landscape.center, "directions": landscape.directions}
    for k, axis in enumerate(landscape.axes):
        arrays[f"axis_{k}"] = axis
    for name in ("path", "path_losses", "explained_variance"):
        if getattr(landscape, name) is not None:
            arrays[name] = getattr(landscape, name)
    f = io.BytesIO()
    np.savez(f, **arrays)
    write_atomically(out, f.getvalue())


def write_landscape_csv(landscape: Landscape, out: str) -> None:
    """One row per grid point: the axis coordinates (headed by their labels) and the loss."""
    mesh = np.meshgrid(*landscape.axes)
    f = io.StringIO(newline="")
    writer = csv.writer(f)
    writer.writerow([*landscape.labels, "loss"])
    for row in zip(*(m.ravel() for m in mesh), landscape.values.ravel()):
        writer.writerow([repr(float(v)) for v in row])
    write_atomically(out, f.getvalue())
