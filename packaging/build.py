"""Build the standalone app, which runs with no Python installed (docs/packaging.md).

    pip install -e '.[bundle]' && python packaging/build.py

makes ``dist/backprop-studio/`` (run ``dist/backprop-studio/backprop-studio``) and its archive,
``dist/backprop-studio-<version>-linux-x86_64.tar.gz`` (a .zip on Windows and macOS, whose builds
are written but not tested here).  The steps:

1. the version: pyproject.toml's must be the one installed, which the bundle carries;
2. PyInstaller, on ``packaging/backprop-studio.spec`` (what goes in, and why);
3. on Linux, Python's own libraries stripped of their symbol tables (17 MB of libpython alone);
4. the desktop files beside the program: ``share/applications``, ``share/metainfo`` and
   ``share/icons`` in the freedesktop layout, and the licence;
5. a check that nothing that must stay out came in (torch), then the archive and the sizes.

Exit 0 when built; 2 with one line naming the problem otherwise.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "backprop-studio"
SPEC = ROOT / "packaging" / f"{NAME}.spec"
NEVER_BUNDLED = ("torch",)


class BuildError(Exception):
    """A build that cannot go on; the message is the one line the user sees."""


def project_version() -> str:
    """pyproject.toml's version: the one place it is written."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def installed_version() -> str:
    try:
        return importlib.metadata.version(NAME)
    except importlib.metadata.PackageNotFoundError:
        raise BuildError(f"{NAME} is not installed in this Python: pip install -e '.[bundle]'") from None


def check_version() -> str:
    """The version the bundle will report; it must be pyproject.toml's."""
    written, installed = project_version(), installed_version()
    if written != installed:
        raise BuildError(f"pyproject.toml says version {written} but {installed} is installed, and the bundle "
                         "reports the installed one: pip install -e '.[bundle]' again")
    return written


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller.__main__
    except ImportError:
        raise BuildError("PyInstaller is not installed: pip install -e '.[bundle]'") from None
    PyInstaller.__main__.run([str(SPEC), "--noconfirm", "--log-level", "WARN",
                              "--distpath", str(dist), "--workpath", str(work)])


def strip_python(folder: Path) -> None:
    """Strip the symbol tables from Python's own libraries (the interpreter's, not the wheels':
    auditwheel's patched libraries break when stripped).  Skipped, with a note, without binutils."""
    strip = shutil.which("strip")
    internal = folder / "_internal"
    targets = sorted(internal.glob("libpython3*.so*")) + sorted(internal.glob("python3*/lib-dynload/*.so"))
    if strip is None:
        print("build: no `strip` (binutils) here: Python's libraries keep their symbols (about 20 MB more)")
        return
    subprocess.run([strip, *(str(t) for t in targets if not t.is_symlink())], check=True)


def add_desktop_files(folder: Path) -> None:
    """share/applications, share/metainfo and share/icons/hicolor as a desktop expects them, and
    the licence (docs/packaging.md says how to put the entry in the menu)."""
    share = folder / "share"
    linux = ROOT / "packaging" / "linux"
    for pattern, where in (("*.desktop", "applications"), ("*.metainfo.xml", "metainfo")):
        for path in linux.glob(pattern):
            (share / where).mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, share / where / path.name)
    shutil.copytree(ROOT / "resources" / "icons" / "hicolor", share / "icons" / "hicolor", dirs_exist_ok=True)
    shutil.copy2(ROOT / "LICENSE", folder / "LICENSE")


def check_contents(folder: Path) -> None:
    """Refuse a bundle that carries what must stay out (torch: several GB, and never needed)."""
    internal = folder / "_internal"
    found = [name for name in NEVER_BUNDLED if (internal / name).exists()]
    if found:
        raise BuildError(f"the bundle carries {', '.join(found)}, which must stay out: see NOT_BUNDLED in {SPEC.name}")


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def write_archive(dist: Path, version: str) -> Path:
    """The folder (on macOS the .app) as one archive: tar.gz on Linux, zip elsewhere."""
    base = dist / f"{NAME}-{version}-{platform_tag()}"
    if sys.platform == "darwin":
        return Path(shutil.make_archive(str(base), "zip", dist, "Backprop Studio.app"))
    kind = "gztar" if sys.platform == "linux" else "zip"
    return Path(shutil.make_archive(str(base), kind, dist, NAME))


def size_mib(path: Path) -> float:
    """Bytes of a file or of a folder's files (links not followed), in MiB as du counts them."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def build(dist: Path, work: Path) -> tuple[Path, Path]:
    version = check_version()
    run_pyinstaller(dist, work)
    folder = dist / NAME
    if sys.platform == "linux":
        strip_python(folder)
    add_desktop_files(folder)
    check_contents(folder)
    return folder, write_archive(dist, version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python packaging/build.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where to put the bundle (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder (default build/pyinstaller)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        folder, archive = build(args.dist.resolve(), args.work.resolve())
    except BuildError as e:
        print(f"build: error: {e}", file=sys.stderr)
        return 2
    print(f"build: {folder} ({size_mib(folder):.0f} MiB unpacked), {archive} ({size_mib(archive):.0f} MiB); "
          f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
