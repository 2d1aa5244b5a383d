"""The command line's shared rules live once, in ``core/cli/common.py`` (issue 24 §2).

Read from the source with :mod:`ast`, as the import contract is: no module imports a private
name (``_fail``) of another, the subcommand modules never import ``core.cli.main`` (which
registers them: that was an import circle), and the exit codes and the one-line failure are
defined in ``common`` only.  Each check is also run on planted source, so it can fail.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from backprop_studio.core.cli import common
from backprop_studio.core.cli.main import main

from .test_architecture import ROOT, imports_of, module_name, sources

CLI = ROOT / "core" / "cli"


def private_imports(path: Path, text: str | None = None) -> list[str]:
    """``module: name`` for every ``from X import _name`` in ``path`` (or ``text`` as if there)."""
    tree = ast.parse(path.read_text() if text is None else text, str(path))
    return [f"{module_name(path)}: {alias.name}" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module != "__future__"
            for alias in node.names if alias.name.startswith("_")]


def cli_circles(path: Path, text: str | None = None) -> list[str]:
    """Imports of ``core.cli.main`` from another module of ``core.cli``."""
    if path.parent != CLI or path.name in ("main.py", "__init__.py"):
        return []
    return [f"{module_name(path)} imports {t}" for t in imports_of(path, text)
            if t == "backprop_studio.core.cli.main" or t.startswith("backprop_studio.core.cli.main.")]


def shared_rules_defined(path: Path, text: str | None = None) -> list[str]:
    """Exit codes assigned, a ``_fail`` defined or the failure line written outside ``common``."""
    if path == CLI / "common.py":
        return []
    source = path.read_text() if text is None else text
    found = []
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            found += [f"{module_name(path)} assigns {n}" for n in names if n.startswith("EXIT_")]
        elif isinstance(node, ast.FunctionDef) and node.name in ("_fail", "fail", "_count", "_out_path"):
            found.append(f"{module_name(path)} defines {node.name}")
    if ": error: " in source:
        found.append(f"{module_name(path)} writes its own failure line")
    return found


def test_no_module_imports_a_private_name_of_another():
    assert [v for p in sources("core") + sources("gui") for v in private_imports(p)] == []


def test_the_cli_modules_never_import_main():
    assert [v for p in sources("core/cli") for v in cli_circles(p)] == []


def test_exit_codes_and_the_failure_line_live_in_common():
    assert [v for p in sources("core/cli") for v in shared_rules_defined(p)] == []


@pytest.mark.parametrize("check, source", [
    (private_imports, "from .main import _fail\n"),
    (cli_circles, "from .main import check_output\n"),
    (cli_circles, "def f():\n    from backprop_studio.core.cli import main\n"),
    (shared_rules_defined, "EXIT_OK, EXIT_BAD_INPUT = 0, 2\n"),
    (shared_rules_defined, "def _fail(m):\n    pass\n"),
    (shared_rules_defined, "import sys\nsys.stderr.write(f'backprop-studio: error: {m}')\n"),
])
def test_each_check_can_fail(check, source):
    assert check(CLI / "_planted_probe.py", source)


@pytest.mark.parametrize("argv, code", [
    (["trace", "--steps", "-1", "x.json"], common.EXIT_BAD_INPUT),                 # main's count
    (["lessons", "check", ""], common.EXIT_BAD_INPUT),                             # lessons' in_path
    (["export-torch", "x.json", "-o", " "], common.EXIT_BAD_INPUT),                # torch_bridge's out_path
    (["export-torch", "x.json", "-o", "m.py", "--verify", "x"], common.EXIT_BAD_INPUT),
])
def test_every_subcommand_refuses_a_bad_argument_in_one_line(argv, code, capsys):
    """The shared argument types, used by main, lessons and torch_bridge: exit 2, one line."""
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("backprop-studio ") and "error:" in err


def test_the_exit_codes_are_the_documented_ones():
    """docs/cli.md's table, by hand: a renumbering would break users' scripts."""
    assert (common.EXIT_OK, common.EXIT_CHECK_FAILED, common.EXIT_BAD_INPUT, common.EXIT_DIVERGED,
            common.EXIT_INTERRUPTED) == (0, 1, 2, 3, 130)
    doc = (ROOT / "docs" / "cli.md").read_text()
    assert all(f"| {c} |" in doc for c in (0, 1, 2, 3, 130))
