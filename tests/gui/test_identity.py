"""What the app says it is: one version (pyproject.toml's), --version, Help -> About, the icon and
the desktop files, and the Qt modules the bundle keeps (issue 23).

The expected values are read from the files themselves (pyproject.toml, the .desktop entry, the
metainfo, CHANGELOG.md) with the standard library, never from the code under test.
"""
from __future__ import annotations

import ast
import os
import platform
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import numpy as np
import pyqtgraph
import PySide6
import pytest
from PySide6.QtCore import QSettings, qVersion
from PySide6.QtWidgets import QMessageBox

from tests.core.test_architecture import imports_of, sources

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]
SCRIPT = next(iter(PYPROJECT["project"]["scripts"]))          # "backprop-studio"
LINUX = ROOT / "packaging" / "linux"
ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]


def test_the_version_is_pyprojects_everywhere():
    from backprop_studio import core
    from backprop_studio.core.files.version import version

    assert version() == VERSION
    assert core.__version__ == VERSION


def test_version_option_prints_it_without_loading_qt():
    code = ("import sys; from backprop_studio.gui.launcher import main; code = main(['--version']); "
            "print('qt loaded' if any(m.startswith('PySide6') for m in sys.modules) else 'no qt', code)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.splitlines() == [f"{SCRIPT} {VERSION}", "no qt 0"], out.stderr


def test_version_option_beside_other_arguments(capsys):
    from backprop_studio.gui.app import parse_args

    with pytest.raises(SystemExit) as stop:
        parse_args([str(ROOT / "resources" / "examples" / "xor.json"), "--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"{SCRIPT} {VERSION}"


def test_about_names_the_versions_and_where_the_users_things_are():
    from backprop_studio.gui.help import about_text

    text = about_text()
    data = os.environ["BACKPROP_STUDIO_DATA"]       # tests/gui/conftest.py points it at a temporary folder
    for expected in (f"Backprop Studio {VERSION}", f"Python {platform.python_version()}", f"Qt {qVersion()}",
                     f"PySide6 {PySide6.__version__}", f"numpy {np.__version__}",
                     f"pyqtgraph {pyqtgraph.__version__}", QSettings().fileName(), data,
                     str(Path(data) / "lessons")):
        assert expected in text


def test_help_about_opens_the_box(main_window, qtbot):
    main_window.actions_["actionAbout"].trigger()
    box = main_window.findChild(QMessageBox, "aboutBox")
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    assert f"Backprop Studio {VERSION}" in box.text()
    box.close()


def test_the_window_icon_has_every_shipped_size():
    from backprop_studio.gui.identity import app_icon

    icon = app_icon()
    assert sorted(size.width() for size in icon.availableSizes()) == ICON_SIZES
    assert all(not icon.pixmap(n, n).isNull() for n in ICON_SIZES)


def test_the_app_sets_its_icon_and_desktop_id(tmp_path):
    """A real start (a --screenshot render, in its own process): the window icon has every size
    and the desktop id is the one the desktop entry's file is named after."""
    code = ("from backprop_studio.gui.app import main; from PySide6.QtWidgets import QApplication; "
            f"main(['--screenshot', {str(tmp_path / 'w.png')!r}, '--size', '800x600']); "
            "app = QApplication.instance(); "
            "print(sorted(s.width() for s in app.windowIcon().availableSizes())); print(app.desktopFileName())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    entries = [path.name.removesuffix(".desktop") for path in LINUX.glob("*.desktop")]
    assert out.stdout.splitlines()[-2:] == [str(ICON_SIZES), *entries], out.stderr


def test_the_desktop_entry_and_metainfo_name_the_app_as_it_names_itself():
    from backprop_studio.gui.identity import APP_ID

    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / f"{APP_ID}.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == SCRIPT
    icon = desktop["Icon"]
    for size in ICON_SIZES:
        assert (ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png").is_file()
    assert (ROOT / "resources" / "icons" / "hicolor" / "scalable" / "apps" / f"{icon}.svg").is_file()

    meta = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.findtext("provides/binary") == SCRIPT
    assert meta.find("releases/release").get("version") == VERSION


def test_the_changelogs_newest_entry_is_the_version():
    newest = re.search(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert newest is not None and newest.group(1) == VERSION


def spec_qt_modules() -> set[str]:
    """QT_MODULES of the bundle's spec, read without running it."""
    tree = ast.parse((ROOT / "packaging" / "backprop-studio.spec").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "QT_MODULES":
            return set(ast.literal_eval(node.value))
    raise AssertionError("no QT_MODULES in the spec")


def test_the_bundle_keeps_every_qt_module_the_app_imports():
    """The app's own imports (also those inside functions), and what importing every module of
    the app and the 3-D view loads (pyqtgraph's imports) in a fresh interpreter (not __main__,
    which starts the app)."""
    own = {name.split(".")[1] for top in ("core", "gui") for path in sources(top)
           for name in imports_of(path) if name.startswith("PySide6.Qt")}
    code = ("import pkgutil, importlib, sys, backprop_studio.gui as g, pyqtgraph.opengl\n"
            "for m in pkgutil.walk_packages(g.__path__, 'backprop_studio.gui.'):\n"
            "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
            "print(' '.join(sorted({m.split('.')[1] for m in sys.modules if m.startswith('PySide6.Qt')})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    loaded = set(out.stdout.split())
    assert "QtWidgets" in loaded, out.stderr
    assert own | loaded <= spec_qt_modules()
