"""Every control has a name a screen reader can say (issue 28 §1).

The default layout at 1366x768 (as ``--screenshot --size 1366x768`` renders it), with every
dock raised in turn and every tab page of every view shown (``tests/gui/accessibility_walk.py``,
run in a process of its own): each visible control a user operates has an accessible name (or
a button's own text), and where its tooltip explains it, its accessible description says the
same.  The second check walks Qt's accessibility tree itself
(``QAccessible.queryAccessibleInterface`` over the window), which is what a screen reader
reads, and finds a name on every interactive node.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def walked() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "tests.gui.accessibility_walk"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_every_visible_control_has_a_name_and_its_tooltip_as_description(walked):
    controls = walked["controls"]
    assert len(controls) > 100                # every dock and tab page was walked
    walked_first = {path.split("/")[0] for path in controls}
    # and every dialog, the lesson editor's pages, and a lesson step of each kind of task
    assert {"newDocument", "runUntil", "columns", "recorder", "shortcuts", "lessonEditor[4]"} <= walked_first
    kinds = {p.split("(")[1].rstrip(")") for p in walked_first if p.startswith("lesson ")}
    assert {"question:number", "question:choose", "question:predict", "question:reach", "question:order",
            "do", "none"} <= kinds
    assert sorted(path for path, c in controls.items() if not c["name"]) == []
    assert sorted(path for path, c in controls.items() if c["tip"] and not c["describes"]) == []


def test_the_accessibility_tree_names_every_interactive_node(walked):
    nodes = walked["nodes"]
    roles = {node["role"] for node in nodes}
    assert {"Button", "ComboBox", "EditableText", "Slider", "Table", "PageTab"} <= roles
    assert [node for node in nodes if not node["name"]] == []
    canvases = {node["name"] for node in nodes if node["object"] in ("networkEditor", "graphCanvas")}
    assert canvases == {"Network editor", "Computation graph"}
