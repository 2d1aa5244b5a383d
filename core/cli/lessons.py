"""``backprop-studio lessons check [FILE|DIR ...]``: validate lesson files (docs/lesson-file.md).

Exit 0 with one summary line on stdout ("ok: N lessons, M steps"); exit 2 with one line per
problem on stderr (``FILE: steps[3].task.question.value.unit: ...``), no traceback.  The
object names the lessons point at are checked against the app's names when the launcher hands
them in (``args.known_names``); called without them (core.cli.main.main alone) it skips that part
and says so.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons.check import check_report

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def register(subparsers: Any) -> None:
    """Add ``lessons`` (with its one action, ``check``) to an argparse ``add_subparsers()`` object."""
    lessons = subparsers.add_parser("lessons", help="lesson files: lessons check [FILE|DIR ...]")
    actions = lessons.add_subparsers(dest="lessons_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate lesson files (default: the shipped lessons)")
    check.add_argument("paths", nargs="*", metavar="FILE|DIR", type=_path,
                       help=f"lesson files or folders of them (default: {LESSONS_DIR})")
    check.set_defaults(func=cmd_lessons_check)


def _path(text: str) -> str:
    """A file or folder; an empty one would check the current folder by accident."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a lesson file or folder, got an empty path")
    return text


def cmd_lessons_check(args: argparse.Namespace) -> int:
    paths = args.paths or [LESSONS_DIR]
    known = getattr(args, "known_names", None)
    report = check_report(paths, known, getattr(args, "tab_pages", None))
    if report.problems:
        for line in report.problems:
            sys.stderr.write(" ".join(line.split()) + "\n")
        return EXIT_BAD_INPUT
    note = "" if known is not None else " (object names not checked: run it as backprop-studio lessons check)"
    print(f"ok: {report.lessons} lesson{'s' if report.lessons != 1 else ''}, {report.steps} steps{note}")
    return EXIT_OK
