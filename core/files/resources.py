"""Where the shipped files live: resources/ beside core/ and gui/ (one place for both)."""
from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
EXAMPLES_DIR = RESOURCES / "examples"     # the shipped example projects
STARTS_DIR = RESOURCES / "starts"         # File -> New's starting points
LESSONS_DIR = RESOURCES / "lessons"       # the shipped lessons (docs/lesson-file.md)
