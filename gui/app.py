"""Start the desktop app: ``backprop-studio [FILE] [--steps N] [--lesson ID[:STEP]] [--screenshot OUT.png]
[--size WxH] [--theme NAME] [--text-size PERCENT]``."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("backprop_studio")


MAX_SIDE = 8192
"""The largest --size per side: a --screenshot holds the window's backing store and its grab, each
W x H x 4 bytes (8192 x 8192: 256 MiB apiece); Qt crashed painting a 60000 x 60000 window."""


def parse_args(argv: list[str]) -> argparse.Namespace:
    from backprop_studio.core.cli.common import OneLineParser  # usage errors: one line, exit 2

    p = OneLineParser(prog="backprop-studio",
                                description="Backprop Studio: see backpropagation step by step. "
                                "Headless subcommands: trace, train, check, surface, descend (see --help of each).")
    from backprop_studio.core.files.version import version_line
    p.add_argument("--version", action="version", version=version_line())
    p.add_argument("file", nargs="?", help="a project file to open (default: the article's 3-2-1 example)")
    p.add_argument("--steps", type=int, default=0, help="take N training steps after opening")
    p.add_argument("--screenshot", metavar="OUT.png", help="render the main window to OUT.png and exit")
    p.add_argument("--size", default="1600x1000", help="window size WxH (default 1600x1000)")
    p.add_argument("--lesson", metavar="ID[:STEP]",
                   help="open a shipped lesson at step STEP (from 1; default 1): its id (forward-pass) "
                        "or its number (6)")
    from .palettes import THEMES
    from .text_size import SIZES
    p.add_argument("--theme", choices=["system", *THEMES],
                   help="the theme for this run (the View menu's choice stays as saved)")
    p.add_argument("--text-size", type=int, choices=SIZES, metavar="PERCENT",
                   help=f"text size for this run, in percent: {', '.join(map(str, SIZES))}")
    args = p.parse_args(argv)
    try:
        args.size = window_size(args.size)
    except ValueError as e:
        p.error(f"--size: {e}")
    if args.screenshot is not None:
        try:
            check_picture_target(args.screenshot)
        except (ValueError, OSError) as e:     # an InputError names its option already
            p.error(str(e) if getattr(e, "where", None) else f"--screenshot: {e}")
    if args.steps < 0:
        p.error("--steps: must not be negative")
    if args.lesson:
        try:
            args.lesson = find_lesson(args.lesson)
        except ValueError as e:
            p.error(f"--lesson: {e}")
    return args


def window_size(text: str) -> tuple[int, int]:
    """(W, H) of ``WxH``, each from 1 to :data:`MAX_SIDE`; ValueError saying what is wrong."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"expected WxH, for example 1600x1000, got {text!r}") from None
    if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
        raise ValueError(f"each side must be from 1 to {MAX_SIDE} pixels, got {w}x{h} (a screenshot "
                         f"holds W x H x 4 bytes twice; {MAX_SIDE}x{MAX_SIDE} is 256 MiB each)")
    return w, h


def check_picture_target(path: str) -> None:
    """Refuse, before the window is built, a --screenshot path that is empty, whose folder does
    not exist, or that names a device, FIFO, socket or folder (ValueError or OSError)."""
    from backprop_studio.core.cli.common import check_output

    if not path.strip():
        raise ValueError("expected a file path, got an empty one")
    check_output(path, "--screenshot")


def find_lesson(text: str) -> tuple[object, int]:
    """(the shipped lesson ``ID`` or number names, its 0-based step) of ``ID[:STEP]``;
    ValueError naming the problem and the lessons there are."""
    from backprop_studio.core.checks.errors import InputError
    from backprop_studio.core.files.resources import LESSONS_DIR
    from backprop_studio.core.lessons.listing import entries_in

    key, _, step_text = text.partition(":")
    # numbered as the Lessons panel lists them (from their headers); one that cannot be read is
    # never a match (`backprop-studio lessons check` names its problem); only the match is built
    numbered = [(n, e) for n, e in enumerate(entries_in(LESSONS_DIR), 1) if e.head is not None]
    match = [e for n, e in numbered if e.head.id == key or str(n) == key.lstrip("0")]
    if not match:
        names = ", ".join(f"{n} ({e.head.id})" for n, e in numbered)
        raise ValueError(f"no lesson {key!r}; the lessons are {names}")
    try:
        lesson = match[0].open()
    except InputError as e:
        raise ValueError(f"lesson {key!r} cannot be read: {e}") from None
    if not step_text:
        return lesson, 0
    if not step_text.isdigit() or not 1 <= int(step_text) <= len(lesson.steps):
        raise ValueError(f"step {step_text!r}: lesson {lesson.id!r} has steps 1 to {len(lesson.steps)}")
    return lesson, int(step_text) - 1


def install_excepthook(app: QApplication) -> None:
    """An unexpected exception shows a dialog with details, is logged, and the app goes on."""

    def hook(kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        if QApplication.instance() is None or not app.topLevelWidgets():
            sys.__excepthook__(kind, value, tb)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error",
                          f"Something went wrong: {value}\n\nThe document is unchanged; you can go on working.")
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from backprop_studio.core.checks.errors import InputError
    from backprop_studio.core.files import project_file

    from .documents import DEFAULT_EXAMPLE

    # the file is read and checked before Qt starts: a bad one is one line, even without a display
    path = Path(args.file) if args.file else None
    try:
        core = project_file.load(path or DEFAULT_EXAMPLE)
    except (InputError, OSError) as e:
        print(f"backprop-studio: error: {path or DEFAULT_EXAMPLE}: {e}", file=sys.stderr)
        return 2
    from . import identity
    identity.declare()
    # a render never reads or changes the user's settings (layout, recent files, lesson progress)
    render_settings = tempfile.TemporaryDirectory(prefix="backprop-studio-render-") if args.screenshot else None
    if render_settings is not None:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, render_settings.name)
    app = QApplication.instance() or QApplication(["backprop-studio"])
    app.setWindowIcon(identity.app_icon())
    from . import main_thread_gc
    main_thread_gc.install(app)      # before any worker can start: see gui/main_thread_gc.py
    from . import text_size
    from .main_window import MainWindow
    from .studio import StudioSession
    # the saved text size (or --text-size's) before the window is built: laid out for it once
    text_size.set_percent(args.text_size, save=False) if args.text_size else text_size.restore()
    studio = StudioSession(core, path)
    # a --screenshot render shows the default layout and leaves the user's settings alone
    window = MainWindow(studio, restore_settings=not args.screenshot)
    window.persist_settings = not args.screenshot
    if args.theme:
        from .theme import apply_theme
        apply_theme(window, args.theme, save=False)
    install_excepthook(app)
    if args.screenshot:
        window.resize(*args.size)
    for _ in range(args.steps):
        if studio.session.step() is None:
            break
    studio.params_changed.emit()
    studio.step_taken.emit()
    window.show()
    if args.lesson:
        for _ in range(5):
            app.processEvents()       # the default layout first: a lesson arranges its docks in it
        _open_lesson(window, *args.lesson)
    if render_settings is not None:
        try:
            return _screenshot(app, window, Path(args.screenshot))
        finally:
            render_settings.cleanup()
    QTimer.singleShot(0, window.documents.offer_recovery)   # after a crash, whatever was opened
    from .lessons.menu import offer_on_first_launch
    QTimer.singleShot(0, lambda: offer_on_first_launch(window))   # after the default layout is made
    if os.environ.get("BACKPROP_STUDIO_STARTUP_PROBE"):
        # the benchmark's probe: the first event-loop turn after show() means "usable"
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
    code = app.exec()
    # the event loop is over: an error while Python tears the objects down is logged, never
    # shown in a dialog, which would keep a closed app alive until someone clicks OK
    sys.excepthook = sys.__excepthook__
    return code


def _open_lesson(window, lesson, step: int) -> None:
    from .lessons.menu import open_panel
    panel = window.views["lessonPanel"]
    open_panel(window)
    panel.start(lesson)
    panel.go_to(step)


def _screenshot(app: QApplication, window, out: Path) -> int:
    """Grab the window into a PNG in memory (the format follows the suffix when Qt knows it) and
    write it with the one atomic writer (core.checks.atomic)."""
    from PySide6.QtCore import QBuffer, QIODevice

    from backprop_studio.core.checks.atomic import write_atomically

    for _ in range(5):
        app.processEvents()
    pixmap = window.grab()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    kind = out.suffix[1:].upper() or "PNG"
    try:
        if pixmap.isNull() or not pixmap.save(buffer, kind):
            raise OSError(f"cannot render the window as {kind}")
        write_atomically(out, bytes(buffer.data().data()))
    except OSError as e:
        print(f"backprop-studio: error: {e if e.filename else f'{out}: {e}'}", file=sys.stderr)
        return 2
    window.documents.autosave_timer.stop()
    window.studio.set_unmodified()     # a render, not a document: closing must not ask to save
    window.close()
    return 0
