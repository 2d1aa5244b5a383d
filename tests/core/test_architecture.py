"""The import contract: layers only import downwards, and the GUI's view packages stay apart.

    core.checks < core.engine < core.data < core.training < (core.explain | core.surfaces | core.files)
        < (core.lessons | core.bridge) < core.cli
        < gui toolkit < gui studio < gui registry < gui views (editor | debugger | plots | graph | panels
        | lessons) < gui shell

``core`` never imports Qt or ``gui``; the view packages of ``gui`` never import each other.  Every
module of ``core`` and ``gui`` belongs to a layer (a new module of ``gui/`` itself is put in one
here).  Read from the source with :mod:`ast` (every import, also those inside functions and the
type-only ones under ``if TYPE_CHECKING:``), so a lazy import cannot slip past.
docs/architecture.md draws the same picture; tests/core/test_import_circles.py adds that no
package has an import circle.
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# lower index = lower layer; the packages of a layer marked APART are independent siblings
# (never import each other), the modules of any other layer may import each other.
APART, TOGETHER = True, False
_CORE = "backprop_studio.core"
_GUI = "backprop_studio.gui"
LAYERS: list[tuple[str, bool, tuple[str, ...]]] = [
    ("core.checks", TOGETHER, (f"{_CORE}.checks",)),
    ("core.engine", TOGETHER, (f"{_CORE}.engine",)),
    ("core.data", TOGETHER, (f"{_CORE}.data",)),
    ("core.training", TOGETHER, (f"{_CORE}.training",)),
    ("core models", APART, (f"{_CORE}.explain", f"{_CORE}.surfaces", f"{_CORE}.files")),
    ("core files of others", APART, (f"{_CORE}.lessons", f"{_CORE}.bridge")),
    ("core.cli", TOGETHER, (f"{_CORE}.cli",)),
    # gui/, bottom to top (docs/architecture.md, "Inside gui/").
    # toolkit: Qt helpers that know nothing of the studio (colours, the redraw throttle, workers,
    # folders, plot export, number fields)
    ("gui toolkit", TOGETHER, tuple(f"{_GUI}.{m}" for m in (
        "theme", "palettes", "colour_science", "text_size", "contrast_style", "throttle", "workers", "places",
        "plot_export", "number_inputs", "accessible", "plot_choices", "svg_strokes", "compact", "layout_snapshot",
        "language"))),
    # studio: the one object that changes the model, its parts, undo commands, run loop, fine
    # stepping, function models, hidden values; the document's files and the questions asked
    # before an edit
    ("gui studio", TOGETHER, tuple(f"{_GUI}.{m}" for m in (
        "studio", "commands", "document_parts", "run_loop", "fine_stepping", "function_models",
        "hidden_values", "documents", "new_document", "dialogs", "shared_sample"))),
    # registry: the views by object name (views.py imports a view's module by that name when the
    # window asks for it) and the allowlist of what a lesson may touch
    ("gui registry", TOGETHER, (f"{_GUI}.views", f"{_GUI}.lesson_targets")),
    # views: each takes the studio and draws it
    ("gui views", APART, tuple(f"{_GUI}.{p}" for p in ("editor", "debugger", "plots", "graph", "panels", "lessons"))),
    # shell: start-up, the main window, its actions and menus, the docks; the lessons' hooks into
    # the window (Help -> Lessons, the lesson editor's dock) live beside their package
    ("gui shell", TOGETHER, tuple(f"{_GUI}.{m}" for m in (
        "app", "__main__", "launcher", "main_window", "actions", "help", "training_controls", "torch_bridge",
        "window_geometry", "blas_threads", "main_thread_gc", "identity", "lessons.menu", "lessons.editor.dock"))),
]
QT = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "OpenGL")


def module_name(path: Path) -> str:
    """The name it is imported by: the folders at the top are installed under backprop_studio."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["backprop_studio", *parts])


@cache
def parsed(path: Path) -> ast.Module:
    """The syntax tree of a file on disk, read once per run (the checks walk every file often)."""
    return ast.parse(path.read_text(), str(path))


def imports_of(path: Path, text: str | None = None) -> list[str]:
    """Every module ``path`` (or ``text`` as if it were there) imports, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(parsed(path) if text is None else ast.parse(text, str(path))):
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


def _place(module: str) -> tuple[int, str] | None:
    """(layer index, member) of ``module``: the longest member it is or lies in."""
    best: tuple[int, str] | None = None
    for index, (_name, _apart, members) in enumerate(LAYERS):
        for p in members:
            if (module == p or module.startswith(p + ".")) and (best is None or len(p) > len(best[1])):
                best = (index, p)
    return best


def layer_of(module: str) -> int | None:
    place = _place(module)
    return None if place is None else place[0]


def sibling_of(module: str) -> str | None:
    place = _place(module)
    return None if place is None else place[1]


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
                    found.append(f"{me} imports {target}: a lower layer imports a higher one "
                                 f"({LAYERS[mine][0]} < {LAYERS[theirs][0]})")
                elif theirs == mine and LAYERS[mine][1] is APART and sibling_of(target) != my_pkg:
                    found.append(f"{me} imports {target}: sibling packages are independent "
                                 f"(the packages of {LAYERS[mine][0]} never import each other)")
    return found


@pytest.mark.parametrize("top", ["core", "gui"])
def test_every_module_belongs_to_a_layer(top):
    loose = [module_name(p) for p in sources(top)
             if module_name(p) != f"backprop_studio.{top}" and layer_of(module_name(p)) is None]
    assert loose == [], "put these in a layer (here and in docs/architecture.md)"


def test_a_new_module_of_gui_itself_has_no_layer_until_it_is_given_one():
    """So the test above fails for it; a new module inside a package takes the package's layer."""
    assert layer_of("backprop_studio.gui.new_module") is None
    assert layer_of("backprop_studio.gui.plots.new_module") == layer_of("backprop_studio.gui.plots.loss_curve")
    assert layer_of("backprop_studio.gui.lessons.menu") != layer_of("backprop_studio.gui.lessons.panel")


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
    ("gui/plots", "from backprop_studio.gui.panels.hyperparameters import HyperparametersPanel\n",
     "never import each other"),
    ("gui/panels", "from backprop_studio.gui.lessons import progress\n", "never import each other"),
    ("gui/lessons", "def f():\n    from backprop_studio.gui.graph import view\n", "never import each other"),
    ("gui/lessons", "from backprop_studio.gui.lessons.menu import open_panel\n",
     "a lower layer imports a higher one (gui views < gui shell)"),
    ("gui/editor", "from backprop_studio.gui.main_window import MainWindow\n",
     "a lower layer imports a higher one (gui views < gui shell)"),
    ("gui/studio", "from backprop_studio.gui.plots import loss_curve\n",
     "a lower layer imports a higher one (gui studio < gui views)"),
    ("gui/theme", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..studio import StudioSession\n",
     "a lower layer imports a higher one (gui toolkit < gui studio)"),
    ("gui/documents", "from backprop_studio.gui.views import VIEWS\n",
     "a lower layer imports a higher one (gui studio < gui registry)"),
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
