"""core/ is a numpy library: importing it must not load Qt, pyqtgraph or the gui package."""
from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

from backprop_studio import core

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "PyQt")
GUI = "backprop_studio.gui"
ROOT = Path(core.__file__).resolve().parent.parent


def core_modules() -> list[str]:
    """Every module that exists under core/, found on disk so new ones are covered too."""
    top = "backprop_studio.core"
    return [top] + sorted(m.name for m in pkgutil.walk_packages(core.__path__, top + "."))


def modules_loaded_by(names: list[str]) -> list[str]:
    """The sys.modules keys of a fresh interpreter after importing ``names``."""
    script = ("import importlib, json, sys\n"
              f"for name in {names!r}:\n"
              "    importlib.import_module(name)\n"
              "print(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def forbidden(loaded: list[str]) -> list[str]:
    return [m for m in loaded if m.split(".")[0].startswith(FORBIDDEN) or m == GUI or m.startswith(GUI + ".")]


def test_core_has_submodules() -> None:
    # Guards the test below against silently checking nothing.
    some = {"engine.network", "engine.forward", "engine.backprop", "engine.optimizers", "training.session",
            "files.project_file", "cli.main"}
    assert {f"backprop_studio.core.{name}" for name in some} <= set(core_modules())


def test_import_core_loads_no_qt() -> None:
    loaded = modules_loaded_by(["backprop_studio.core"])
    assert "backprop_studio.core" in loaded
    assert forbidden(loaded) == []


def test_every_core_module_loads_no_qt() -> None:
    names = core_modules()
    loaded = modules_loaded_by(names)
    assert set(names) <= set(loaded)
    assert forbidden(loaded) == []


def test_the_check_can_fail() -> None:
    # The same probe must see a Qt-free module that drags pyqtgraph in.
    assert forbidden(["numpy", "pyqtgraph.graphicsItems", "PySide6.QtCore", "backprop_studio.gui.studio"]) == [
        "pyqtgraph.graphicsItems", "PySide6.QtCore", "backprop_studio.gui.studio"]
