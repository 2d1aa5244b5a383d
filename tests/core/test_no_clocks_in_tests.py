"""The suite itself keeps the rule of CONTRIBUTING.md: no clock and no sleep in a test.

A time limit fails on a busy machine and a sleep passes on a broken one (issue 22): tests wait
on conditions (``qtbot.waitUntil``, ``waitSignal``) and check what a limit stood for; figures
go to ``tests/benchmarks``, which this does not read.  Checked on the syntax tree of every
module under tests/core and tests/gui, so a comment or a string (a child process's script)
may mention a clock.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
MODULES = sorted(p for folder in ("core", "gui") for p in (TESTS / folder).rglob("*.py"))
FORBIDDEN_CALLS = {"qtbot.wait": "wait on a condition: qtbot.waitUntil or qtbot.waitSignal",
                   "QTest.qWait": "wait on a condition: qtbot.waitUntil or qtbot.waitSignal"}


def dotted(node: ast.expr) -> str:
    """``a.b.c`` for a name or attribute chain, else ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr}" if head else ""
    return ""


def clocks_and_sleeps(source: str) -> list[str]:
    """Each import of :mod:`time` and each fixed-length wait in ``source``, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import) and any(a.name == "time" for a in node.names):
            found.append(f"line {node.lineno}: import time (a clock or a sleep)")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found.append(f"line {node.lineno}: from time import ... (a clock or a sleep)")
        elif isinstance(node, ast.Call) and dotted(node.func) in FORBIDDEN_CALLS:
            found.append(f"line {node.lineno}: {dotted(node.func)}(): {FORBIDDEN_CALLS[dotted(node.func)]}")
    return found


@pytest.mark.parametrize("source, expected", [
    ("import time\nt0 = time.perf_counter()", 1),
    ("from time import sleep\nsleep(1)", 1),
    ("def test(qtbot):\n    qtbot.wait(20)", 1),
    ("QTest.qWait(50)", 1),
    ("def test(qtbot):\n    qtbot.waitUntil(lambda: True)\n    child.wait(10)", 0),
    ("SCRIPT = 'import time; time.sleep(1)'  # a child process may", 0),
])
def test_the_check_finds_clocks_and_sleeps(source, expected):
    assert len(clocks_and_sleeps(source)) == expected


def test_the_check_reads_the_suite():
    names = {p.name for p in MODULES}
    assert {"test_surface_workers.py", "test_expressions.py", "conftest.py"} <= names


def test_no_test_module_uses_a_clock_or_a_sleep():
    found = {str(p.relative_to(TESTS)): clocks_and_sleeps(p.read_text(encoding="utf-8")) for p in MODULES}
    assert {path: problems for path, problems in found.items() if problems} == {}
