"""The interface's translations: gather the English texts of gui/, and compile each language.

    python packaging/translations.py update [PART ...]   # pyside6-lupdate: gui/ -> .ts files
    python packaging/translations.py release             # pyside6-lrelease: .ts -> one .qm a language
    python packaging/translations.py check               # exit 1 if a text has no translation

Every text in gui/ written inside ``tr("...")`` (or ``QT_TR_NOOP("...")``) is gathered by
``pyside6-lupdate`` into ``resources/translations/<language>/<part>.ts``, one part per gui
package (``app`` for gui/ itself, ``editor``, ``lessons-editor`` ...), so that work on one
package touches one file; the texts the engine marks for the app (core/checks/interface_text.py) go
to the part ``core``.  A translator fills in the ``<translation>`` elements (Qt Linguist,
``pyside6-linguist``, opens them).  ``release`` compiles every part of a language into
``resources/translations/backprop_studio_<language>.qm``, which ships with the app
(gui/language.py loads it).  The .qm files are committed: building a wheel needs no Qt tools,
and ``tests/gui/test_translations.py`` fails when a .qm is older than its texts.

Exit 0 when done; 1 when ``check`` finds a text without its translation; 2 when a tool fails.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI = ROOT / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("es",)                       # every language but English, which the code is written in


def part_of(path: Path) -> str:
    """The part (the .ts file's name) a gui module's texts go to: its package, from gui/."""
    folder = path.parent.relative_to(GUI)
    return "-".join(folder.parts) or "app"


def parts() -> dict[str, list[Path]]:
    """Every part with its modules: one per gui package, and ``core`` for the engine's modules
    that mark texts the app shows (core/checks/interface_text.py)."""
    out: dict[str, list[Path]] = {}
    for path in sorted(GUI.rglob("*.py")):
        if "__pycache__" not in path.parts:
            out.setdefault(part_of(path), []).append(path)
    marked = [path for path in sorted((ROOT / "core").rglob("*.py"))
              if path.name != "interface_text.py" and "QT_TR_NOOP(" in path.read_text(encoding="utf-8")]
    if marked:
        out["core"] = marked
    return out


def ts_file(language: str, part: str) -> Path:
    return TRANSLATIONS / language / f"{part}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"backprop_studio_{language}.qm"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"translations: {name} not found: it comes with PySide6 (pip install PySide6)")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
        raise SystemExit(2)


def update(chosen: list[str]) -> None:
    """Gather the texts of each part (all when none is named) into its .ts of every language;
    texts gone from the code are dropped, translations of texts still there are kept."""
    known = parts()
    for part in chosen or list(known):
        if part not in known:
            raise SystemExit(f"translations: no part {part!r}; the parts are {', '.join(known)}")
        for language in LANGUAGES:
            ts = ts_file(language, part)
            gather(known[part], language, ts)
            print(f"{ts.relative_to(ROOT)}: {len(unfinished(ts))} without a translation")


def gather(modules: list[Path], language: str, ts: Path) -> None:
    """Bring ``ts`` up to date with the texts of ``modules`` (created when missing)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    _run([_tool("pyside6-lupdate"), *map(str, modules), "-no-obsolete", "-locations", "none",
          "-source-language", "en", "-target-language", language, "-ts", str(ts)])


def sources(ts: Path) -> set[str]:
    """The source texts ``ts`` holds."""
    return {m.findtext("source") or "" for m in ET.parse(ts).getroot().iter("message")}


def release() -> None:
    """Compile each language's parts into its one .qm."""
    for language in LANGUAGES:
        files = sorted((TRANSLATIONS / language).glob("*.ts"))
        _run([_tool("pyside6-lrelease"), "-silent", *map(str, files), "-qm", str(qm_file(language))])
        print(f"{qm_file(language).relative_to(ROOT)}: from {len(files)} parts")


def unfinished(ts: Path) -> list[str]:
    """The source texts of ``ts`` that have no finished translation."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not (translation.text or "").strip() and message.get("numerus") != "yes":
            out.append(message.findtext("source") or "")
    return out


def check() -> int:
    missing = [(ts, text) for language in LANGUAGES for ts in sorted((TRANSLATIONS / language).glob("*.ts"))
               for text in unfinished(ts)]
    for ts, text in missing:
        print(f"{ts.relative_to(ROOT)}: no translation of {text!r}")
    return 1 if missing else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="translations", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="gather gui/'s texts into the .ts files").add_argument("part", nargs="*")
    sub.add_parser("release", help="compile the .ts files into the .qm files")
    sub.add_parser("check", help="list the texts without a translation")
    args = parser.parse_args(argv)
    if args.command == "update":
        update(args.part)
    elif args.command == "release":
        release()
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
