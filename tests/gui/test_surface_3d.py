"""3-D works out of the box (issue 15, section 7): PyOpenGL comes with the install command, the
3-D surface is built where OpenGL works, and elsewhere the note says how to get it."""
from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.files import project_file
from backprop_studio.gui.documents import DEFAULT_EXAMPLE
from backprop_studio.gui.plots import surface_3d
from backprop_studio.gui.plots.surface_plot import LossSurface
from backprop_studio.gui.studio import StudioSession

ROOT = Path(__file__).resolve().parents[2]


def _surface(qtbot) -> LossSurface:
    view = LossSurface(StudioSession(project_file.load(DEFAULT_EXAMPLE)))
    qtbot.addWidget(view)
    return view


def test_the_install_command_installs_pyopengl():
    """README's `pip install -e .` installs the project's dependencies: PyOpenGL is one, pinned."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert "PyOpenGL==3.1.10" in deps
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "    pip install -e . && backprop-studio\n" in readme and "PyOpenGL" in readme


def test_the_3d_surface_is_built_when_opengl_is_available(qtbot):
    problem = surface_3d.gl_problem()
    if problem:
        pytest.skip(f"no OpenGL here: {problem}")
    view = _surface(qtbot)
    assert view.view3d.objectName() == "surface3d"
    z = view.view3d.surface._z
    assert z is not None and z.shape == view.function2d.heatmap.values.T.shape and np.isfinite(z).all()


@pytest.mark.parametrize("problem", ["the PyOpenGL package is not installed",
                                     "no OpenGL context could be created (no OpenGL driver was found)"])
def test_without_opengl_the_note_says_how_to_get_it(qtbot, monkeypatch, problem):
    monkeypatch.setattr(surface_3d, "gl_problem", lambda: problem)
    view = _surface(qtbot)
    note = view.view3d
    assert note.objectName() == "surface3dNote"
    text = note.text()
    assert problem in text
    assert "sudo apt-get install libgl1 libegl1" in text and "pip install PyOpenGL==3.1.10" in text


def test_offscreen_says_why(qtbot, qapp):
    if qapp.platformName() != "offscreen":
        pytest.skip("only the offscreen platform is known to lack OpenGL")
    view = _surface(qtbot)
    assert "offscreen" in view.view3d.text()
