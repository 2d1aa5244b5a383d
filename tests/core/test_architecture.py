"""The import contract: layers only import downwards, and the GUI's view packages stay apart.

    core.checks < core.engine < core.data < core.training < (core.explain | core.surfaces | core.files)
        < (core.lessons | core.bridge) < core.cli < gui

``core`` never imports Qt or ``gui``; ``gui.plots``, ``gui.editor`` and ``gui.debugger`` never
import each other.  Read from the source with :mod:`ast` (every import, also those inside
functions), so a lazy import cannot slip past.  docs/architecture.md draws the same picture.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# lower index = lower layer; a tuple is one layer of independent siblings
LAYERS: list[tuple[str, ...]] = [
    ("backprop_studio.core.checks",),
    ("backprop_studio.core.engine",),
    ("backprop_studio.core.data",),
    ("backprop_studio.core.training",),
    ("backprop_studio.core.explain", "backprop_studio.core.surfaces", "backprop_studio.core.files"),
    ("backprop_studio.core.lessons", "backprop_studio.core.bridge"),
    ("backprop_studio.core.cli",),
    ("backprop_studio.gui",),
]
APART = tuple(f"backprop_studio.gui.{p}" for p in ("plots", "editor", "debugger", "graph"))
QT = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "OpenGL")


def module_name(path: Path) -> str:
    """The name it is imported by: the folders at the top are installed under backprop_studio."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["backprop_studio", *parts])


def imports_of(path: Path, text: str | None = None) -> list[str]:
    """Every module ``path`` (or ``text`` as if it were there) imports, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text() if text is None else text, str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append(target)
            # "from core.files import project_file" imports core.files.project_file
            found += [f"{target}.{alias.name}" for alias in node.names]
    return found


def sources(top: str) -> list[Path]:
    return sorted((ROOT / top).rglob("*.py"))


def test_tests_import_the_installed_names():
    """tests/ too: pytest puts the checkout's root on sys.path, where a bare `core` would import."""
    bare = [f"{path.relative_to(ROOT)}: {target}" for path in sources("tests")
            for target in imports_of(path) if target.split(".")[0] in ("core", "gui")]
    assert bare == []


def layer_of(module: str) -> int | None:
    for index, layer in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in layer):
            return index
    return None


def sibling_of(module: str) -> str | None:
    for layer in LAYERS:
        for p in layer:
            if module == p or module.startswith(p + "."):
                return p
    return None


def violations(planted: dict[Path, str] | None = None) -> list[str]:
    """Every import that breaks the contract; ``planted``: extra files (path: source) to check too."""
    planted = planted or {}
    found = []
    for path in sources("core") + sources("gui") + list(planted):
        me = module_name(path)
        mine, my_pkg = layer_of(me), sibling_of(me)
        for target in imports_of(path, planted.get(path)):
            if target.split(".")[0] in ("core", "gui"):
                # importable from a checkout's root, absent from an installed wheel
                found.append(f"{me} imports {target}: import it as backprop_studio.{target}")
                continue
            if me.startswith("backprop_studio.core") and (target.split(".")[0] in QT + ("gui",)
                                                          or target.startswith("backprop_studio.gui")):
                found.append(f"{me} imports {target}: core never imports Qt or gui")
                continue
            theirs = layer_of(target)
            if mine is not None and theirs is not None:
                if theirs > mine:
                    found.append(f"{me} imports {target}: a lower layer imports a higher one")
                elif theirs == mine and sibling_of(target) != my_pkg:
                    found.append(f"{me} imports {target}: sibling packages are independent")
            for a in APART:
                if me.startswith(a + ".") and any(target.startswith(b) for b in APART if b != a):
                    found.append(f"{me} imports {target}: {', '.join(APART)} never import each other")
    return found


def test_every_core_module_belongs_to_a_layer():
    loose = [module_name(p) for p in sources("core")
             if module_name(p) != "backprop_studio.core" and layer_of(module_name(p)) is None]
    assert loose == [], "put these in a subpackage and a layer (docs/architecture.md)"


def test_layers_only_import_downwards():
    assert violations() == []


@pytest.mark.parametrize("where, source, words", [
    ("core/engine", "from backprop_studio.core.training.session import Session\n",
     "a lower layer imports a higher one"),
    ("core/surfaces", "from ..files import project_file\n", "sibling packages are independent"),
    ("core/surfaces", "import PySide6.QtCore\n", "core never imports Qt"),
    ("core/checks", "def f():\n    from backprop_studio.gui.studio import StudioSession\n",
     "core never imports Qt or gui"),
    ("gui/plots", "from backprop_studio.gui.editor.view import NetworkEditor\n", "never import each other"),
    ("gui/plots", "from core.engine import naming\n", "import it as backprop_studio.core.engine"),
])
def test_the_contract_can_fail(where, source, words):
    """An import planted in a module that is not on disk is reported."""
    probe = ROOT / where / "_planted_probe.py"
    assert any(words in v and "_planted_probe" in v for v in violations({probe: source}))


def test_every_folder_of_python_files_is_a_package_the_wheel_installs():
    """setup.py installs what find_packages finds: a folder of modules without __init__.py is
    importable from a checkout (a namespace package) yet missing from the wheel and the bundle."""
    from setuptools import find_packages

    found = set(find_packages(str(ROOT), include=["core", "core.*", "gui", "gui.*"]))
    folders = {str(p.parent.relative_to(ROOT)).replace("/", ".")
               for top in ("core", "gui") for p in (ROOT / top).rglob("*.py")}
    assert folders - found == set(), "add an __init__.py to each so the wheel carries it"
