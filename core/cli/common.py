"""What every subcommand of ``backprop-studio`` shares: exit codes, the one-line failure, the
argument types and the output check.

Exit codes (a contract: scripts and CI test them, docs/cli.md lists them):

* :data:`EXIT_OK` 0: done;
* :data:`EXIT_CHECK_FAILED` 1: a check (``check``, ``export-torch --verify``) found a difference
  above its tolerance;
* :data:`EXIT_BAD_INPUT` 2: a usage error, a file that does not load, an output that is not a
  regular file, or torch needed and not installed; one line on stderr, no traceback;
* :data:`EXIT_DIVERGED` 3: training diverged, with the step named;
* :data:`EXIT_INTERRUPTED` 130: Ctrl-C (128 + SIGINT, as a shell reports it), with one line.

Every module of ``core.cli`` imports these from here and nothing private from another: the
subcommand modules (surfaces, lessons, torch_bridge) sit beside ``main``, which registers them.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import NoReturn

import numpy as np

from backprop_studio.core.checks.atomic import check_target
from backprop_studio.core.checks.errors import InputError

PROG = "backprop-studio"
EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130   # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


def fail(message: str) -> None:
    """The one line a failing command writes on stderr: ``backprop-studio: error: ...``
    (any line breaks inside ``message`` folded into spaces)."""
    sys.stderr.write(f"{PROG}: error: {' '.join(message.split())}\n")


class OneLineParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line on stderr and exit code 2
    (argparse's own prints the usage too: four lines or more).  The app's options use it too."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {' '.join(message.split())} (see --help)\n")
        raise SystemExit(EXIT_BAD_INPUT)


# -- argument types: a bad value is a usage error (one line, exit 2) -----------------------
def count(text: str) -> int:
    """A whole number >= 0."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {n}")
    return n


def finite(text: str) -> float:
    """A finite number >= 0 (``nan``, ``inf`` and negative numbers are usage errors)."""
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not np.isfinite(x) or x < 0:
        raise argparse.ArgumentTypeError(f"expected a finite number >= 0, got {text!r}")
    return x


def out_path(text: str) -> str:
    """A path to write to; an empty one would mean "overwrite FILE" (or stdout) by accident."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a file path, got an empty one")
    return text


def in_path(what: str) -> Callable[[str], str]:
    """An argument type for a path to read ``what`` from (a file or folder): an empty one
    would read the current folder by accident."""
    def checked(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"expected {what}, got an empty path")
        return text
    return checked


# -- outputs -------------------------------------------------------------------------------
def check_output(out: str | os.PathLike[str], option: str) -> None:
    """Refuse, before any work, an output whose folder does not exist or that names something
    other than a regular file (a device, FIFO, socket or folder: :mod:`core.checks.atomic`)."""
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        raise InputError(f"cannot write {os.fspath(out)}: the folder {folder} does not exist", option)
    check_target(out)
