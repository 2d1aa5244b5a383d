"""Where the app keeps the user's own things, one place for each (Help -> About lists them).

* settings (layout, recent files, lesson progress): Qt's QSettings, a file named after the
  organisation and application names (``gui/identity.py``) on Linux and macOS, the registry
  on Windows;
* autosaves: :func:`data_dir`, ``$BACKPROP_STUDIO_DATA`` when set (the tests point it at a
  temporary folder), else the platform's application-data folder;
* the user's own lessons (the "My Lessons" folder, issue 26): :func:`user_lessons_dir`, inside
  the data folder.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


def data_dir() -> Path:
    """Where autosaves live: $BACKPROP_STUDIO_DATA, or the platform's app data folder (made if missing)."""
    override = os.environ.get("BACKPROP_STUDIO_DATA")
    base = override or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(base or Path.home() / ".backprop-studio")
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_lessons_dir() -> Path:
    """Where the user's own lessons are kept (not made here: the first saved lesson makes it)."""
    return data_dir() / "lessons"


def settings_location() -> str:
    """The settings' file (or, on Windows, registry key), as the user would look for it."""
    return QSettings().fileName()
