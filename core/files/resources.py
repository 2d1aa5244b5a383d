"""Where the shipped files live: the package ``backprop_studio.resources`` (one place for all).

Read through :mod:`importlib.resources`, so the same code finds them in a checkout (an editable
install maps ``resources/``), in an installed wheel and in the standalone bundle.  Each of those
keeps the files as a real folder on disk, which the readers (and Qt) need; a zipped install is
refused here with a clear message instead of failing later on a path that does not exist.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder() -> Path:
    root = files("backprop_studio.resources")
    path = Path(str(root))
    if not path.is_dir():
        raise RuntimeError(f"Backprop Studio's shipped files are not a folder on disk ({root}); "
                           "install it unzipped (pip, pipx or the bundle)")
    return path


RESOURCES = _folder()
EXAMPLES_DIR = RESOURCES / "examples"     # the shipped example projects
STARTS_DIR = RESOURCES / "starts"         # File -> New's starting points
LESSONS_DIR = RESOURCES / "lessons"       # the shipped lessons (docs/lesson-file.md)
ICONS_DIR = RESOURCES / "icons" / "hicolor"   # the app icon, in the freedesktop theme's layout:
ICON_NAME = "backprop-studio"                 # NxN/apps/ICON_NAME.png and scalable/apps/ICON_NAME.svg
