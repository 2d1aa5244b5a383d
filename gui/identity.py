"""Who the app is to the desktop: its names, its id and its icon.

The organisation and application names choose where QSettings and QStandardPaths keep the
user's things (``gui/places.py``); the application id names the ``.desktop`` entry and the
AppStream metainfo in ``packaging/linux/``, which lets a Wayland compositor or a dock match the
window to its entry (``tests/gui/test_identity.py`` checks that the files carry the same id);
the icon is the shipped one (``resources/icons/``), every PNG size of it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon

from backprop_studio.core.files.resources import ICON_NAME, ICONS_DIR
from backprop_studio.core.files.version import version

ORGANIZATION = "BackpropStudio"
APPLICATION = "Backprop Studio"
APP_ID = "io.github.backprop_studio.BackpropStudio"


def declare() -> None:
    """Set the names, the version and the desktop id (before the QApplication is made)."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(version())
    QGuiApplication.setDesktopFileName(APP_ID)


def app_icon() -> QIcon:
    """The application icon with every shipped PNG size (Qt picks the nearest for each use)."""
    icon = QIcon()
    for png in sorted(ICONS_DIR.glob(f"*x*/apps/{ICON_NAME}.png")):
        icon.addFile(str(png))
    return icon
