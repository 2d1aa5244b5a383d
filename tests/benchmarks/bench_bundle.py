"""The standalone bundle's cold start against the installed app's (issue 23: within 1.5x).

Both start the same way, from launch until the main window is shown and the event loop turns
(``BACKPROP_STUDIO_STARTUP_PROBE``, as bench_gui.cold_start), offscreen, with a fresh HOME; they
take turns, and the figure is the ratio of their best times.  The bundle is
``dist/backprop-studio/backprop-studio`` (``python packaging/build.py``) or
``$BACKPROP_STUDIO_BUNDLE``; without one the row has no verdict.  The installed app is this
Python's (``python -m backprop_studio.gui.launcher``, what the console script runs), or
``$BACKPROP_STUDIO_INSTALLED``, for example a wheel's ``backprop-studio`` in another virtualenv.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .timing import Row

REPO = Path(__file__).resolve().parents[2]
NAME = "bundle: cold start to a shown window, bundle / installed app"


def _start(command: list[str], home: str) -> float | str:
    """Seconds from launch to "shown", or the error's last words."""
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "BACKPROP_STUDIO_STARTUP_PROBE": "1", "BACKPROP_STUDIO_DATA": os.path.join(home, "data")}
    t0 = time.perf_counter()
    out = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True, timeout=120)
    if "shown" not in out.stdout:
        return out.stderr[-200:] or f"exit {out.returncode}"
    return time.perf_counter() - t0


def cold_start_ratio(quick: bool = False) -> Row:
    bundle = Path(os.environ.get("BACKPROP_STUDIO_BUNDLE", REPO / "dist" / "backprop-studio" / "backprop-studio"))
    if not bundle.is_file():
        return Row(NAME, f"no bundle at {bundle} (python packaging/build.py)", "<= 1.5", None)
    installed = os.environ.get("BACKPROP_STUDIO_INSTALLED")
    commands = {"installed": [installed] if installed else [sys.executable, "-m", "backprop_studio.gui.launcher"],
                "bundle": [str(bundle)]}
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as home:
        for _ in range(2 if quick else 5):
            for name, command in commands.items():
                took = _start(command, home)
                if isinstance(took, str):
                    return Row(NAME, f"{name} failed: {took}", "<= 1.5", False)
                best[name] = min(best.get(name, took), took)
    ratio = best["bundle"] / best["installed"]
    return Row(NAME, f"{ratio:.2f} (best {best['bundle']:.2f} s vs {best['installed']:.2f} s)", "<= 1.5",
               ratio <= 1.5)


def run(quick: bool = False) -> list[Row]:
    return [cold_start_ratio(quick)]
