"""Smoke test of an installed ``backprop-studio``: a wheel's console script or the bundle's program.

    python3 packaging/smoke.py EXE --resources DIR [--reference EXE] [--wheel WHEEL] [--pip PYTHON]
                               [--max-mib N --folder DIR]

CI (.ci/run) runs it on the wheel installed without -e in a fresh virtualenv, and on the
standalone bundle.  Each check prints one line and the time it took; the first failure ends the
run with exit 1 and a line naming it.  EXE runs as a user would start it: from an empty folder,
with a clean environment (``PATH=/usr/bin:/bin``, a fresh ``HOME``, a UTF-8 locale,
``QT_QPA_PLATFORM=offscreen``), so no virtualenv, checkout or settings of this machine can help it.

The checks:

* ``--version`` names pyproject.toml's version;
* the shipped files: every file of resources/ that pyproject.toml's package-data names is in the
  installed ``--resources`` folder, byte for byte (and, with ``--wheel``, in the wheel, which
  holds nothing at the top but the backprop_studio package and its metadata; with ``--pip``,
  ``pip show -f`` lists no top-level ``core`` or ``gui``);
* ``lessons check`` passes; ``trace`` of every installed example, ``train``, ``check``,
  ``surface``, ``descend`` and ``export-torch`` write exactly what ``--reference`` (the checkout's
  editable install) writes, with the same exit code;
* ``--screenshot`` of the default start at 1366x768 is a 1366x768 PNG of a window, not a blank
  image (decoded here, with the standard library only); with ``BACKPROP_STUDIO_LANGUAGE=es`` it
  is another window (the Spanish catalogue loaded: two English renders are byte-identical);
* ``--max-mib``: the ``--folder`` (the bundle) is at most N MiB unpacked (``du`` counts so).

Only the standard library: it runs with any Python 3.11, beside a bundle that has none.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from png_check import window_problem  # noqa: E402

TIMEOUT = 300        # seconds for one command: a hang fails the check instead of CI's clock


class SmokeError(Exception):
    """A failed check; the message is the line CI prints."""


class Runner:
    """Runs one ``backprop-studio`` as a user would: own folder, clean environment."""

    def __init__(self, exe: Path, work: Path):
        self.exe, self.work = exe, work
        home = work / "home"
        home.mkdir(parents=True, exist_ok=True)
        self.env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
                    "QT_QPA_PLATFORM": "offscreen", "BACKPROP_STUDIO_DATA": str(home / "data")}

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run([str(self.exe), *args], cwd=self.work, env={**self.env, **(env or {})},
                                  capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SmokeError(f"{self.exe.name} {' '.join(args)}: no answer after {TIMEOUT} s") from None


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def shipped_files() -> list[Path]:
    """The files of resources/ that pyproject.toml ships, relative to resources/."""
    config = project()["tool"]["setuptools"]
    folder = ROOT / config["package-dir"]["backprop_studio.resources"]
    patterns = config["package-data"]["backprop_studio.resources"]
    return sorted({p.relative_to(folder) for pattern in patterns for p in folder.glob(pattern)})


def check_version(app: Runner) -> str:
    out = app.run("--version")
    expected = f"backprop-studio {project()['project']['version']}"
    if out.returncode != 0 or out.stdout.decode().strip() != expected:
        raise SmokeError(f"--version: expected {expected!r} and exit 0, got {out.stdout!r} (exit {out.returncode})")
    return expected


def check_resources(installed: Path) -> str:
    def same(f: Path) -> bool:
        return (installed / f).is_file() and (installed / f).read_bytes() == (ROOT / "resources" / f).read_bytes()

    missing = [str(f) for f in shipped_files() if not same(f)]
    if missing:
        raise SmokeError(f"shipped files missing or different in {installed}: {', '.join(missing)}")
    return f"{len(shipped_files())} shipped files present and identical"


def check_wheel(wheel: Path) -> str:
    names = zipfile.ZipFile(wheel).namelist()
    version = project()["project"]["version"]
    allowed = {"backprop_studio", f"backprop_studio-{version}.dist-info", f"backprop_studio-{version}.data"}
    stray = sorted({n.split("/")[0] for n in names} - allowed)
    if stray:
        raise SmokeError(f"{wheel.name} installs {', '.join(stray)} at the top level")
    missing = [str(f) for f in shipped_files() if f"backprop_studio/resources/{f.as_posix()}" not in names]
    if missing:
        raise SmokeError(f"{wheel.name} lacks {', '.join(missing)}")
    return f"{wheel.name}: only backprop_studio at the top, every shipped file"


def check_pip_show(python: Path) -> str:
    out = subprocess.run([str(python), "-m", "pip", "show", "-f", "backprop-studio"], capture_output=True, text=True)
    files = [line.strip() for line in out.stdout.splitlines()[out.stdout.splitlines().index("Files:") + 1:]]
    tops = {f.split("/")[0] for f in files}
    if out.returncode != 0 or tops & {"core", "gui"}:
        raise SmokeError(f"pip show -f lists top-level {sorted(tops & {'core', 'gui'})} (exit {out.returncode})")
    return f"pip show -f: {len(files)} files, none under a top-level core/ or gui/"


def check_lessons(app: Runner) -> str:
    out = app.run("lessons", "check")
    if out.returncode != 0 or not out.stdout.startswith(b"ok:"):
        raise SmokeError(f"lessons check: exit {out.returncode}: {(out.stdout + out.stderr).decode()[-300:]}")
    return out.stdout.decode().strip()


def commands(installed: Path, out: Path) -> list[tuple[str, ...]]:
    """Every headless subcommand once, on the installed files; outputs go under ``out``."""
    examples = sorted((installed / "examples").glob("*.json"))
    xor = installed / "examples" / "xor.json"
    found: list[tuple[str, ...]] = [("trace", str(e), "--steps", "3") for e in examples]
    return found + [
        ("train", str(xor), "--steps", "20", "--save", str(out / "trained.json")),
        ("check", str(xor), "--samples", "4"),
        ("surface", str(xor), "--mode", "params", "--params", "W0[0,0]", "W0[1,0]", "--grid", "11",
         "--out", str(out / "surface.csv")),
        ("descend", "--function", "himmelblau", "--optimizer", "adam", "--lr", "0.05", "--start", "-1,1",
         "--steps", "50", "--out", str(out / "path.csv")),
        ("export-torch", str(xor), "-o", str(out / "model.py")),
    ]


def outcome(app: Runner, args: tuple[str, ...], out: Path) -> tuple[int, bytes, dict[str, bytes], bytes]:
    """(exit code, stdout, {file written: its bytes}, stderr) of one command, the output folder emptied first."""
    for old in out.iterdir():
        old.unlink()
    result = app.run(*args)
    return result.returncode, result.stdout, {p.name: p.read_bytes() for p in sorted(out.iterdir())}, result.stderr


def check_commands(app: Runner, reference: Runner | None, installed: Path) -> str:
    out = app.work / "out"
    out.mkdir(exist_ok=True)
    runs = commands(installed, out)
    for args in runs:
        mine = outcome(app, args, out)
        if mine[0] != 0:
            raise SmokeError(f"{' '.join(args[:2])}: exit {mine[0]}: {mine[3].decode()[-300:]}")
        if reference is not None and outcome(reference, args, out)[:3] != mine[:3]:
            raise SmokeError(f"{' '.join(args[:2])}: the output differs from the checkout's")
    same = ", the same as the checkout's" if reference is not None else ""
    return f"{len(runs)} commands (trace of every example, train, check, surface, descend, export-torch){same}"


def _screenshot(app: Runner, name: str, env: dict[str, str] | None = None) -> bytes:
    png = app.work / name
    out = app.run("--screenshot", str(png), "--size", "1366x768", env=env)
    if out.returncode != 0 or not png.is_file():
        raise SmokeError(f"--screenshot: exit {out.returncode}: {out.stderr.decode()[-300:]}")
    problem = window_problem(png.read_bytes(), (1366, 768))
    if problem:
        raise SmokeError(f"--screenshot: {problem}")
    return png.read_bytes()


def check_screenshot(app: Runner) -> str:
    english = _screenshot(app, "window.png")
    spanish = _screenshot(app, "ventana.png", {"BACKPROP_STUDIO_LANGUAGE": "es"})
    if spanish == english:
        raise SmokeError("BACKPROP_STUDIO_LANGUAGE=es: the window is the English one (no Spanish catalogue)")
    return "--screenshot: a 1366x768 window, not blank, and another one in Spanish"


def check_size(folder: Path, limit_mib: float) -> str:
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    if size > limit_mib:
        raise SmokeError(f"{folder} is {size:.0f} MiB unpacked, over the budget of {limit_mib:.0f} MiB")
    return f"{folder.name}: {size:.0f} MiB unpacked (budget {limit_mib:.0f} MiB)"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="packaging/smoke.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("exe", type=Path, help="the backprop-studio to test")
    p.add_argument("--resources", type=Path, required=True, help="its installed backprop_studio/resources folder")
    p.add_argument("--reference", type=Path, help="a backprop-studio whose outputs are the expected ones")
    p.add_argument("--wheel", type=Path, help="the wheel it was installed from")
    p.add_argument("--pip", type=Path, help="the Python of the environment it is installed in")
    p.add_argument("--folder", type=Path, help="the bundle's folder, for --max-mib")
    p.add_argument("--max-mib", type=float, help="the bundle's size budget")
    args = p.parse_args(argv)
    args.resources = args.resources.resolve()      # the commands run in their own folder
    with tempfile.TemporaryDirectory(prefix="backprop-studio-smoke-") as tmp:
        app = Runner(args.exe.resolve(), Path(tmp) / "app")
        reference = Runner(args.reference.resolve(), Path(tmp) / "reference") if args.reference else None
        checks: list[tuple[str, Callable[[], str]]] = [
            ("version", lambda: check_version(app)),
            ("resources", lambda: check_resources(args.resources)),
        ]
        if args.wheel:
            checks.append(("wheel", lambda: check_wheel(args.wheel)))
        if args.pip:
            checks.append(("pip show", lambda: check_pip_show(args.pip)))
        if args.max_mib and args.folder:
            checks.append(("size", lambda: check_size(args.folder, args.max_mib)))
        checks += [("lessons", lambda: check_lessons(app)),
                   ("commands", lambda: check_commands(app, reference, args.resources)),
                   ("screenshot", lambda: check_screenshot(app))]
        for name, check in checks:
            started = time.monotonic()
            try:
                said = check()
            except SmokeError as e:
                print(f"smoke: FAILED {name}: {e}", flush=True)
                return 1
            print(f"smoke: ok {name} ({time.monotonic() - started:.1f} s): {said}", flush=True)
    print(f"smoke: all {len(checks)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
