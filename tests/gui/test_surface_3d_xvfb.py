"""The 3-D tab under a real X server with Mesa's OpenGL (issue 25, item 15).

Before: where OpenGL exists but fails, the tab was entirely black and the terminal filled with
``OpenGL.error.GLError … glGetAttribLocation`` and ``glUseProgram`` tracebacks; the app said
nothing.  Moving the view to another window (a dock floated or docked: a new OpenGL context)
failed the same way, since pyqtgraph reused the old context's shader programs.  Now a failing
OpenGL shows a note naming the problem in one line and the dock shows the 2-D heatmap, and a new
context is drawn in.  Each case runs tests/gui/gl_probe.py under ``xvfb-run`` (the offscreen
platform of the other tests has no OpenGL), with Mesa's software renderer.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
XVFB_RUN = shutil.which("xvfb-run")
pytestmark = pytest.mark.skipif(XVFB_RUN is None, reason="xvfb-run is not installed (Debian, Ubuntu: xvfb)")
DRAWN = 0.02          # at least this share of the view's pixels is not the black background


def probe(mode: str, **env: str) -> tuple[dict, str]:
    """(what the 3-D tab showed, the probe's stderr) under xvfb-run with Mesa."""
    environment = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    environment.update(QT_QPA_PLATFORM="xcb", LIBGL_ALWAYS_SOFTWARE="1", **env)
    run = subprocess.run([XVFB_RUN, "-a", "-s", "-screen 0 1024x768x24", sys.executable, "-m", "tests.gui.gl_probe",
                          mode], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    assert run.returncode == 0 and lines, (run.returncode, run.stdout[-2000:], run.stderr[-4000:])
    return json.loads(lines[-1]), run.stderr


def no_tracebacks(stderr: str) -> bool:
    return "Traceback" not in stderr and "GLError" not in stderr


def test_where_opengl_works_the_surface_is_drawn():
    shown, stderr = probe("works")
    assert shown["platform"] == "xcb" and shown["widget"] == "surface3d"
    assert not shown["problem"] and shown["note"] is None and shown["tab"] == "3-D", shown
    assert shown["lit"] > DRAWN, shown                  # not a black view
    assert no_tracebacks(stderr), stderr[-3000:]


def test_in_another_window_it_is_drawn_again():
    shown, stderr = probe("reparented")
    assert shown["contexts"] == 2 and not shown["problem"], shown
    assert shown["lit"] > DRAWN, shown
    assert no_tracebacks(stderr), stderr[-3000:]


def test_shaders_that_fail_give_the_note_and_the_heatmap():
    shown, stderr = probe("shaders")
    assert shown["problem"] == "GLError: invalid operation in glGetAttribLocation", shown
    assert shown["note"].startswith("The 3-D view could not draw with the OpenGL here: GLError")
    assert "2-D function tab shows the same surface as a heatmap" in shown["note"]
    assert shown["tab"] == "2-D function" and shown["lit"] is None
    assert "could not draw" in shown["tab_tip"] and "glGetAttribLocation" in shown["tab_tip"]
    assert no_tracebacks(stderr), stderr[-3000:]


def test_an_opengl_below_2_1_gives_the_note_and_the_heatmap():
    shown, stderr = probe("works", MESA_GL_VERSION_OVERRIDE="2.0")
    assert shown["problem"] and "OpenGL 2.1" in shown["problem"], shown
    assert shown["note"] is not None and shown["tab"] == "2-D function"
    assert "Traceback" not in stderr, stderr[-3000:]
