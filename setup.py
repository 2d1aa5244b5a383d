"""What pyproject.toml cannot state: the package list with its prefix, and the desktop files.

Every package under core/ and gui/ is installed as backprop_studio.core.* and backprop_studio.gui.*
(pyproject.toml maps the folders), and backprop_studio.resources holds the shipped files.

The desktop entry, the AppStream metainfo and the icon go to ``share/`` as the wheel's data
files, where the freedesktop convention looks for them: a ``pip install --user`` puts them in
~/.local/share, so the app appears in the desktop's menu (docs/packaging.md).  The icon files
are the package's own (resources/icons/, in the icon theme's layout), listed here once more
only because data files are named by where they go.
"""
from pathlib import Path

from setuptools import find_packages, setup

TOP = "backprop_studio"
packages = [f"{TOP}.{name}" for name in find_packages(include=["core", "core.*", "gui", "gui.*"])]


def desktop_files() -> list[tuple[str, list[str]]]:
    """(folder under share/, [files]) for the .desktop entry, the metainfo and each icon size."""
    linux = sorted(str(p) for p in Path("packaging/linux").glob("*.desktop"))
    metainfo = sorted(str(p) for p in Path("packaging/linux").glob("*.metainfo.xml"))
    icons = [(f"share/icons/hicolor/{p.parent.parent.name}/apps", [str(p)])
             for p in sorted(Path("resources/icons/hicolor").glob("*/apps/*"))]
    return [("share/applications", linux), ("share/metainfo", metainfo), *icons]


setup(packages=[*packages, f"{TOP}.resources"], data_files=desktop_files())
