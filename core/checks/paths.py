"""The folder rule for files from others: every path a lesson (or a course) names stays inside
the lesson's own folder.

A lesson refers to files beside it: a project (``file:sub/net.json``) and, inside an embedded
or referenced project, a CSV dataset (``"csv": "data.csv"``).  A lesson comes from a stranger,
so each such path is held to one rule, here:

- it is relative, written with ``/`` (no drive, no leading ``/``, no ``\\``), and has no ``..``;
- once every symbolic link is followed, it is still inside the folder (a link that points out
  of the folder is refused like ``..``).

A lesson that has no folder (read from a dict, or embedded in a course) may name no file at
all.  Messages name the path as the lesson wrote it, never what a file holds.  A user's own
project is not held to this rule: its CSV may be anywhere the user keeps it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import InputError
from .validation import describe

_DRIVE = re.compile(r"^[A-Za-z]:")


def relative_problem(rel: str) -> str | None:
    """Why ``rel`` is not a relative path below a folder (None when it is one); no file is touched."""
    if not rel or not rel.strip():
        return "an empty path"
    if rel.startswith(("/", "\\")) or _DRIVE.match(rel) or os.path.isabs(rel):
        return f"{describe(rel)} is an absolute path; a lesson refers only to files beside it (relative paths)"
    if "\\" in rel or "\0" in rel:
        return f"{describe(rel)} uses \\ (or a NUL); write a relative path with / below the lesson"
    if ".." in PurePosixPath(rel).parts:
        return f"{describe(rel)} leaves the lesson's folder (..); write a relative path below the lesson"
    return None


@dataclass(frozen=True)
class Folder:
    """The folder the files of a hostile document must stay inside (``root`` None: it has none,
    and any path it names is refused)."""

    root: Path | None

    def file(self, rel: str, where: str, base: Path | None = None) -> Path:
        """The file ``rel`` names, relative to ``base`` (default: the root) and inside the root
        after following links; InputError at ``where`` otherwise.  Whether it exists is the
        reader's business (it reads through :func:`core.checks.validation.read_regular_file`)."""
        problem = relative_problem(rel)
        if problem is not None:
            raise InputError(problem, where)
        if self.root is None:
            raise InputError(f"{describe(rel)}: a lesson without a folder of its own (one in a course) "
                             "cannot refer to files; embed them (backprop-studio lessons pack does)", where)
        root = self.root.resolve()
        start = (base if base is not None else root).resolve()
        path = (start / rel).resolve()
        if not path.is_relative_to(root):
            raise InputError(f"{describe(rel)} leads out of the lesson's folder (through a link)", where)
        return path
