"""No package of core/ or gui/ has an import circle (issue 24 §4).

For every package, its direct children (its modules, its ``__init__`` and its subpackages, each
subpackage taken whole) are the nodes of a graph, and a child that imports something of another
child is an edge.  That graph has no circle, in any package: so no two modules import each other
through a chain, and no subpackage imports its way back into a sibling that imports it.

Counted are the imports a module runs when it is imported: those at module level, also inside
``if``/``try`` and class bodies.  Type-only imports (under ``if TYPE_CHECKING:``) are not run, and
are left out: a view may name ``StudioSession`` in its annotations while the studio imports the
view's package at run time.  An import inside a function runs later, and can hide a circle that
would break at start-up if it were moved up; :func:`test_no_deferred_import_closes_a_circle`
counts those too, and a deferred import that closes a circle must be listed in :data:`DEFERRED`
with the reason it cannot go where it belongs (there is none today).

The layers (which package may import which) are tests/core/test_architecture.py's.
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from .test_architecture import ROOT, module_name, parsed, sources

AT_IMPORT, DEFERRED_KIND = "at import", "deferred"
# (importer, imported) -> why this deferred import may close a circle; every entry must be needed
DEFERRED: dict[tuple[str, str], str] = {}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
            or isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def import_sites(path: Path, text: str | None = None) -> list[tuple[str, str]]:
    """(name imported, AT_IMPORT or DEFERRED_KIND) for each import ``path`` runs, relative names
    resolved and type-only imports left out; ``from P import x`` gives ``P.x``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, str]] = []

    def visit(nodes: list[ast.stmt], kind: str) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(node.orelse, kind)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(node.body, DEFERRED_KIND)
            elif isinstance(node, ast.Import):
                found.extend((alias.name, kind) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                # "from P import x": the module P.x when there is one, else a name from P
                found.extend((f"{target}.{alias.name}", kind) for alias in node.names)
            else:
                for field in ("body", "orelse", "finalbody"):
                    inner = getattr(node, field, None)
                    if isinstance(inner, list):
                        visit(inner, kind)
                for handler in getattr(node, "handlers", []):
                    visit(handler.body, kind)

    visit((parsed(path) if text is None else ast.parse(text, str(path))).body, AT_IMPORT)
    return found


@cache
def known() -> frozenset[str]:
    """Every module of core/ and gui/ by the name it is imported as."""
    return frozenset(module_name(p) for p in sources("core") + sources("gui"))


def edges(planted: dict[Path, str] | None = None, kinds: tuple[str, ...] = (AT_IMPORT,)) -> set[tuple[str, str]]:
    """(importer, imported module) over core/ and gui/ (and ``planted``: path -> source)."""
    planted = planted or {}
    names = known() | {module_name(p) for p in planted}
    found = set()
    for path in sources("core") + sources("gui") + list(planted):
        me = module_name(path)
        for target, kind in import_sites(path, planted.get(path)):
            while target and target not in names:       # P.x that is no module: a name from P
                target = target.rpartition(".")[0]
            if kind in kinds and target and target != me:
                found.add((me, target))
    return found


def child_of(package: str, module: str) -> str | None:
    """The direct child of ``package`` that holds ``module`` (``package`` itself: its __init__)."""
    if module == package:
        return f"{package}.__init__"
    if not module.startswith(package + "."):
        return None
    return f"{package}.{module[len(package) + 1:].split('.')[0]}"


def circles(graph: set[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan), each sorted."""
    after: dict[str, set[str]] = {}
    for a, b in graph:
        after.setdefault(a, set()).add(b)
        after.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []
    for start in sorted(after):
        if start in index:
            continue
        work = [(start, iter(sorted(after[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, rest = work[-1]
            step = next(rest, None)
            if step is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        top = stack.pop()
                        part.append(top)
                        if top == node:
                            break
                    if len(part) > 1:
                        found.append(sorted(part))
            elif step not in index:
                index[step] = low[step] = len(index)
                stack.append(step)
                work.append((step, iter(sorted(after[step]))))
            elif step in stack:
                low[node] = min(low[node], index[step])
    return found


def package_circles(graph: set[tuple[str, str]]) -> list[str]:
    """One line per circle among the children of a package, naming the imports that make it."""
    packages = sorted({module_name(p) for p in sources("core") + sources("gui") if p.name == "__init__.py"})
    report = []
    for package in packages:
        lifted = {(child_of(package, a), child_of(package, b)) for a, b in graph}
        inside = {(a, b) for a, b in lifted if a and b and a != b}
        for part in circles(inside):
            why = sorted(f"{a} -> {b}" for a, b in graph
                         if child_of(package, a) in part and child_of(package, b) in part
                         and child_of(package, a) != child_of(package, b))
            report.append(f"in {package}: {' <-> '.join(part)} ({'; '.join(why)})")
    return report


def test_no_package_has_an_import_circle():
    assert package_circles(edges()) == []


def test_no_deferred_import_closes_a_circle():
    """Counting the imports inside functions too, the only circles are the documented ones."""
    allowed = set(DEFERRED)
    graph = edges(kinds=(AT_IMPORT, DEFERRED_KIND))
    assert package_circles(graph - allowed) == []
    assert allowed <= graph, "a documented deferred import is gone: drop it from DEFERRED"


@pytest.mark.parametrize("a_source, b_source, found_at_import, found_with_deferred", [
    ("from . import b\n", "from . import a\n", True, True),
    ("from backprop_studio.gui.plots import b\n", "import backprop_studio.gui.plots.a\n", True, True),
    ("from . import b\n", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n", False, False),
    ("from . import b\n", "def f():\n    from . import a\n", False, True),
    ("from . import b\n", "try:\n    from .a import X\nexcept ImportError:\n    pass\n", True, True),
    ("from . import b\n", "class C:\n    from . import a\n", True, True),
    ("from . import b\n", "from . import c\n", False, False),
])
def test_the_circle_check_can_fail(a_source, b_source, found_at_import, found_with_deferred):
    """Two planted modules of gui/plots/ that import each other (or not) are reported (or not)."""
    planted = {ROOT / "gui" / "plots" / "a.py": a_source, ROOT / "gui" / "plots" / "b.py": b_source}
    at_import = package_circles(edges(planted))
    with_deferred = package_circles(edges(planted, (AT_IMPORT, DEFERRED_KIND)))
    assert any("plots.a <-> backprop_studio.gui.plots.b" in line for line in at_import) == found_at_import
    assert any("plots.a <-> backprop_studio.gui.plots.b" in line for line in with_deferred) == found_with_deferred


def test_a_subpackage_that_imports_its_way_back_is_a_circle():
    """Modules that never import each other directly, but whose subpackages do, across two levels."""
    planted = {ROOT / "gui" / "lessons" / "editor" / "x.py": "from backprop_studio.gui.lessons import y\n",
               ROOT / "gui" / "lessons" / "y.py": "from backprop_studio.gui.plots import z\n",
               ROOT / "gui" / "plots" / "z.py": "from backprop_studio.gui.lessons.editor import w\n",
               ROOT / "gui" / "lessons" / "editor" / "w.py": "import numpy\n"}
    report = package_circles(edges(planted))
    assert any(line.startswith("in backprop_studio.gui: backprop_studio.gui.lessons <-> backprop_studio.gui.plots")
               for line in report), report
