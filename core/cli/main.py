"""The headless command line: ``backprop-studio trace | train | check FILE ...``.

Exit codes (:mod:`core.cli.common`, shared by every subcommand): 0 on success; 1 when ``check``
finds an error above its tolerance; 2 on bad input (a usage error, a file that does not load,
or an output that is not a regular file), with one line on stderr and no traceback; 3 when
training diverged, with the step named; 130 when interrupted (Ctrl-C), with one line.  See
docs/cli.md.

The ``surface`` and ``descend`` subcommands live in :mod:`core.cli.surfaces` and are added
when that module is present; ``export-torch`` and ``import-torch`` in :mod:`core.cli.torch_bridge`.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from backprop_studio.core.checks import memory
from backprop_studio.core.checks.atomic import write_atomically
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.gradcheck import gradient_check
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.naming import bias_vector_name, matrix_name
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session, StepRecord

from .common import (  # noqa: F401 - EXIT_*, OneLineParser and check_output: also imported from here
    EXIT_BAD_INPUT,
    EXIT_CHECK_FAILED,
    EXIT_DIVERGED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    PROG,
    OneLineParser,
    check_output,
    count,
    fail,
    finite,
    out_path,
)

if TYPE_CHECKING:
    from backprop_studio.core.lessons.targets import Targets

CHECK_BUDGET = 1e11   # multiply-adds of a gradient check: seconds to minutes, not hours


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog=PROG, description="Backprop Studio without the window.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    trace = sub.add_parser("trace", help="every number of N training steps, as JSON")
    trace.add_argument("file", metavar="FILE", help="a project file (.json)")
    trace.add_argument("--steps", type=count, default=1, metavar="N", help="steps to take (default 1)")
    trace.add_argument("--out", type=out_path, metavar="PATH", help="write the JSON here instead of stdout")
    trace.set_defaults(func=cmd_trace)
    train = sub.add_parser("train", help="train and write the updated project file")
    train.add_argument("file", metavar="FILE", help="a project file (.json)")
    how_long = train.add_mutually_exclusive_group(required=True)
    how_long.add_argument("--steps", type=count, metavar="N", help="training steps to take")
    how_long.add_argument("--epochs", type=count, metavar="N", help="epochs to train")
    where = train.add_mutually_exclusive_group()
    where.add_argument("--save", type=out_path, metavar="OUT", help="write the trained project here (default: FILE)")
    where.add_argument("--no-save", action="store_true", help="do not write any file")
    train.set_defaults(func=cmd_train)
    check = sub.add_parser("check", help="gradient check: backprop against central differences")
    check.add_argument("file", metavar="FILE", help="a project file (.json)")
    check.add_argument("--samples", type=count, default=64, metavar="N",
                       help="use the first N training samples (default 64; 0 = all)")
    check.add_argument("--tolerance", type=finite, default=1e-4, metavar="T",
                       help="exit with 1 when a relative error exceeds T (default 1e-4)")
    check.add_argument("--max-work", type=finite, default=CHECK_BUDGET, metavar="W",
                       help=f"refuse a check of more than W multiply-adds (default {CHECK_BUDGET:.0e})")
    check.set_defaults(func=cmd_check)
    try:
        from .surfaces import register
    except ImportError:
        pass
    else:
        register(sub)
    from .lessons import register as register_lessons
    register_lessons(sub)
    from .torch_bridge import register as register_torch  # never imports torch itself
    register_torch(sub)
    return parser


def main(argv: list[str] | None = None, known_names: Collection[str] | Targets | None = None,
         tab_pages: set[str] | None = None) -> int:
    """Run one subcommand; return the exit code (never raises for bad input).

    ``known_names`` and ``tab_pages``: what a lesson may touch in the app, for ``lessons check``
    (the gui launcher hands in its allowlist, a :class:`core.lessons.targets.Targets`; core
    cannot import gui).
    """
    try:
        return _run(sys.argv[1:] if argv is None else argv, known_names, tab_pages)
    except KeyboardInterrupt:     # Ctrl-C: every write is atomic, so nothing half-written is left
        _interrupted()
        return EXIT_INTERRUPTED


def _interrupted() -> None:
    sys.stderr.write(f"\n{PROG}: interrupted\n" if sys.stderr.isatty() else f"{PROG}: interrupted\n")


def _run(argv: list[str], known_names: Collection[str] | Targets | None, tab_pages: set[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:   # --help (0) or a usage error (2), already printed
        return int(e.code or 0) if not isinstance(e.code, str) else EXIT_BAD_INPUT
    args.known_names, args.tab_pages = known_names, tab_pages
    try:
        # numpy's RuntimeWarnings (an overflowing feature such as x1^2 of 1e200) would be lines of their
        # own on stderr; a command says what went wrong in its one line (or reports the divergence)
        with np.errstate(all="ignore"):
            return int(args.func(args))
    except InputError as e:
        fail(f"{getattr(args, 'file', '') or ''}: {e}".lstrip(": "))
        return EXIT_BAD_INPUT
    except OSError as e:
        fail(f"{e.filename or ''}: {e.strerror or e}".lstrip(": "))
        return EXIT_BAD_INPUT
    except MemoryError:   # numpy's _ArrayMemoryError too; the estimates (core.checks.memory) came first
        fail(f"{getattr(args, 'file', '') or ''}: out of memory (see the limits in docs/cli.md)".lstrip(": "))
        return EXIT_BAD_INPUT
    except (ValueError, ArithmeticError) as e:   # a value the checks above did not foresee
        fail(f"{getattr(args, 'file', '') or ''}: cannot use this input: {e}".lstrip(": "))
        return EXIT_BAD_INPUT


def _diverged(session: Session) -> int:
    fail(session.diverged.message if session.diverged else "training diverged")
    return EXIT_DIVERGED


# -- trace -------------------------------------------------------------------------------------
def step_json(rec: StepRecord, session: Session) -> dict[str, Any]:
    """One traced step: per non-input layer k its v_in, v_out, delta (per sample), the batch-mean
    dE/dW^(k-1->k), dE/db^(k) and the parameters W, b after the update."""
    layers = []
    for k in range(1, session.network.depth + 1):
        has_bias = session.network.layers[k].bias
        delta, dW, db, after = rec.delta[k], rec.dE_dW[k - 1], rec.dE_db[k - 1], rec.params_after
        assert delta is not None and dW is not None and db is not None and after is not None, "a step not done"
        layers.append({"v_in": rec.v_in[k].tolist(), "v_out": rec.v_out[k].tolist(),
                       "delta": delta.tolist(), "dE_dW": dW.tolist(),
                       "dE_db": db.tolist() if has_bias else None,
                       "W": after[2 * k - 2].tolist(),
                       "b": after[2 * k - 1].tolist() if has_bias else None})
    return {"step": rec.step, "epoch": rec.epoch, "samples": rec.samples.tolist(), "loss": rec.loss,
            "loss_regularisation": rec.loss_regularisation,
            "learning_rate": rec.learning_rate, "layers": layers}


MAX_TRACE_NUMBERS = 20_000_000   # about 400 MB of JSON: a trace is for reading, not for bulk data


def cmd_trace(args: argparse.Namespace) -> int:
    if args.out is not None:
        check_output(args.out, "--out")
    session = project_file.load(args.file)
    memory.check_training(session)
    net = session.network
    batch = session.config.effective_batch(len(session.dataset))
    per_step = 3 * batch * sum(net.sizes[1:]) + 2 * sum(p.size for p in net.parameters())
    if args.steps * per_step > MAX_TRACE_NUMBERS:
        raise InputError(f"{args.steps:,} steps of this network would write about "
                         f"{args.steps * per_step:,} numbers; the limit is {MAX_TRACE_NUMBERS:,} "
                         f"(at most {MAX_TRACE_NUMBERS // per_step:,} steps here)", "--steps")
    steps = []
    for _ in range(args.steps):
        rec = session.step()
        if rec is None:
            break
        steps.append(step_json(rec, session))
    net = session.network
    out: dict[str, Any] = {"steps": steps, "final": {
        "weights": [w.tolist() for w in net.W],
        "biases": [b.tolist() if layer.bias else None for b, layer in zip(net.b, net.layers[1:])],
        "loss": _finite_or_none(session.dataset_loss())}}
    if session.diverged:
        out["diverged"] = {"step": session.diverged.step, "layer": session.diverged.layer,
                           "quantity": session.diverged.quantity, "message": session.diverged.message}
    text = json.dumps(out, allow_nan=False) + "\n"
    if args.out is not None:
        write_atomically(args.out, text)
    else:
        sys.stdout.write(text)
    return _diverged(session) if session.diverged else EXIT_OK


def _finite_or_none(x: float) -> float | None:
    return x if np.isfinite(x) else None


# -- train -------------------------------------------------------------------------------------
def cmd_train(args: argparse.Namespace) -> int:
    session = project_file.load(args.file)
    out = None if args.no_save else args.file if args.save is None else args.save
    if out is not None:      # refused before training, not after
        check_output(out, "--save")
    memory.check_training(session)
    bar = _Progress(sys.stderr) if sys.stderr.isatty() else None
    start_step, start_epoch = session.step_count, session.epoch
    total: int = args.steps if args.steps is not None else args.epochs

    def done() -> int:
        return session.step_count - start_step if args.steps is not None else session.epoch - start_epoch

    while done() < total and not session.diverged:
        chunk = min(200, total - done()) if args.steps is not None else 1
        if args.steps is not None:
            session.run(steps=chunk)
        else:
            session.step_epoch()
        if bar:
            bar.show(done(), total, session.losses[-1] if session.losses else None)
    if bar:
        bar.close()
    if session.diverged:
        return _diverged(session)
    loss = session.dataset_loss()
    print(f"final loss: {loss!r} (step {session.step_count}, epoch {session.epoch})")
    if len(session.dataset.test_inputs):
        print(f"test loss: {session.dataset_loss(test=True)!r}")
    if out is not None:
        project_file.save(session, out)
    return EXIT_OK


class _Progress:
    """A one-line progress bar redrawn with a carriage return (only on a terminal)."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream, self.width = stream, width

    def show(self, done: int, total: int, loss: float | None) -> None:
        filled = self.width * done // max(total, 1)
        tail = f"  loss {loss:.4g}" if loss is not None else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}{tail}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


# -- check -------------------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    session = project_file.load(args.file)
    n = len(session.dataset) if args.samples == 0 else min(args.samples, len(session.dataset))
    memory.check_samples(session, n, "a gradient check")
    x, y = session.dataset.inputs[:n], session.targets[:n]
    net = session.network
    # two forward passes over n samples for each parameter checked: 2 P n (weights) multiply-adds
    work = 2 * net.count_parameters() * n * sum(w.size for w in net.W)
    if work > args.max_work:
        raise InputError(f"this check needs about {work:.1e} multiply-adds ({net.count_parameters():,} "
                         f"parameters x 2 passes x {n:,} samples x {sum(w.size for w in net.W):,} weights); "
                         f"the budget is {args.max_work:.1e}: use fewer --samples or raise --max-work",
                         "--max-work")
    with np.errstate(all="ignore"):
        result = gradient_check(session.network, x, y, LOSSES[session.config.loss])
    worst = result.worst_per_layer()
    for k, err in enumerate(worst, start=1):
        names = matrix_name(k - 1, "ascii") + (f", {bias_vector_name(k - 1, 'ascii')}"
                                              if session.network.layers[k].bias else "")
        print(f"layer {k} ({names}): worst relative error {err:.3e}")
    if not all(np.isfinite(worst)) or max(worst, default=0.0) > args.tolerance:
        fail(f"gradient check failed: worst relative error {max(worst):.3e} > tolerance {args.tolerance:g}")
        return EXIT_CHECK_FAILED
    return EXIT_OK
