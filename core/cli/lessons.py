"""``backprop-studio lessons check | pack``: lesson and course files (docs/lesson-file.md).

``lessons check [--rules] [FILE|DIR ...]`` validates lesson files and course files (with
``--rules`` also the teaching rules of :mod:`core.lessons.rules`): exit 0 with one
summary line on stdout ("ok: N lessons, M steps"); exit 2 with one line per problem on stderr
(``FILE: steps[3].task.question.value.unit: ...``; in a course ``FILE: lessons[2] (id):
steps[3]...``), no traceback.  What a lesson may touch in the app is checked against the app's
allowlist when the launcher hands it in (``args.known_names``); called without it
(core.cli.main.main alone) it skips that part and says so.

``lessons pack LESSON... -o COURSE [--title T] [--intro FILE.md]`` writes one self-contained
course file (:mod:`core.lessons.pack`), atomically: exit 0 with one line on stdout, or exit 2
with one line naming the problem.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from backprop_studio.core.checks.atomic import write_atomically
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.files.resources import LESSONS_DIR
from backprop_studio.core.lessons.check import check_report
from backprop_studio.core.lessons.pack import pack_course, read_intro
from backprop_studio.core.lessons.schema import MAX_TITLE

from .common import EXIT_BAD_INPUT, EXIT_OK, check_output, in_path, out_path


def register(subparsers: Any) -> None:
    """Add ``lessons`` (with its actions ``check`` and ``pack``) to an argparse ``add_subparsers()`` object."""
    lessons = subparsers.add_parser("lessons", help="lesson files: lessons check [FILE|DIR ...], lessons pack")
    actions = lessons.add_subparsers(dest="lessons_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate lesson and course files (default: the shipped lessons)")
    check.add_argument("paths", nargs="*", metavar="FILE|DIR", type=in_path("a lesson file or folder"),
                       help=f"lesson or course files, or folders of them (default: {LESSONS_DIR})")
    check.add_argument("--rules", action="store_true",
                       help="also hold the lessons to the teaching rules (at most a third plain arithmetic, "
                            "a question on a sign, direction, comparison or prediction, hints that never "
                            "state the answer, feedback on known mistakes); each broken rule is a problem")
    check.set_defaults(func=cmd_lessons_check)
    pack = actions.add_parser("pack", help="pack lesson files into one self-contained course file")
    pack.add_argument("paths", nargs="+", metavar="LESSON", help="lesson files, in the course's order")
    pack.add_argument("-o", "--out", required=True, metavar="COURSE", type=out_path,
                      help="the course file to write (.json)")
    pack.add_argument("--title", metavar="T", help="the course's title (default: from the file name)")
    pack.add_argument("--intro", metavar="FILE.md", help="an introduction in the lessons' Markdown")
    pack.set_defaults(func=cmd_lessons_pack)


def cmd_lessons_check(args: argparse.Namespace) -> int:
    paths = args.paths or [LESSONS_DIR]
    known = getattr(args, "known_names", None)
    report = check_report(paths, known, getattr(args, "tab_pages", None), getattr(args, "rules", False))
    if report.problems:
        for line in report.problems:
            sys.stderr.write(" ".join(line.split()) + "\n")
        return EXIT_BAD_INPUT
    note = "" if known is not None else " (object names not checked: run it as backprop-studio lessons check)"
    print(f"ok: {report.lessons} lesson{'s' if report.lessons != 1 else ''}, {report.steps} steps{note}")
    return EXIT_OK


def cmd_lessons_pack(args: argparse.Namespace) -> int:
    out = Path(args.out)
    check_output(out, "--out")   # before any work: a folder that exists, never a device, FIFO, socket or folder
    title = args.title if args.title is not None else _title_from(out)
    if not title.strip() or "\n" in title or len(title) > MAX_TITLE:
        raise InputError(f"a course title is one line of 1 to {MAX_TITLE} characters", "--title")
    intro = read_intro(args.intro) if args.intro else ""
    doc = pack_course(args.paths, title, intro)
    text = json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    try:
        write_atomically(out, text)   # the one atomic writer
    except OSError as e:
        raise InputError(f"cannot write it: {e.strerror or e}", str(out)) from None
    print(f"wrote {out}: {len(doc['lessons'])} lesson{'s' if len(doc['lessons']) != 1 else ''}, "
          f"{sum(len(lesson['steps']) for lesson in doc['lessons'])} steps")
    return EXIT_OK


def _title_from(out: Path) -> str:
    """A title from the course file's name: ``week-3.json`` -> "Week 3"."""
    words = out.stem.replace("_", " ").replace("-", " ").split()
    return (" ".join(words)[:MAX_TITLE].capitalize() or "Course") if words else "Course"
