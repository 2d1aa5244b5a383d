"""Start the desktop app: ``backprop-studio [FILE] [--steps N] [--lesson ID[:STEP] | --lesson PATH[:STEP]]
[--lesson-editor [PATH]] [--screenshot OUT.png] [--size WxH] [--theme NAME] [--text-size PERCENT]``.

FILE is a project, a lesson or a course (by its ``format`` key, :mod:`core.lessons.opening`): a
lesson starts in the Lessons panel, a course is listed there, each beside the article's example.
"""
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
    p.add_argument("file", nargs="?", help="a project, lesson or course file to open (default: the article's "
                   "3-2-1 example); a lesson starts in the Lessons panel, a course is listed there")
    p.add_argument("--steps", type=int, default=0, help="take N training steps after opening")
    p.add_argument("--screenshot", metavar="OUT.png", help="render the main window to OUT.png and exit")
    p.add_argument("--size", default="1600x1000", help="window size WxH (default 1600x1000)")
    p.add_argument("--lesson", metavar="ID[:STEP]",
                   help="open a shipped lesson at step STEP (from 1; default 1): its id (forward-pass) "
                        "or its number (6); or a lesson file PATH[:STEP], or a course file PATH")
    p.add_argument("--lesson-editor", metavar="PATH[:STEP]", nargs="?", const="", default=None,
                   help="open the lesson editor (Help → Write a Lesson), on the lesson file PATH if given "
                        "(at its step STEP, from 1)")
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


def _file_and_step(text: str) -> tuple[Path, str] | None:
    """(the file, the step text) when ``text`` names an existing file, with or without ``:STEP``."""
    if Path(text).is_file():
        return Path(text), ""
    name, sep, step_text = text.rpartition(":")
    return (Path(name), step_text) if sep and name and Path(name).is_file() else None


def find_lesson(text: str) -> tuple[object, int]:
    """(the lesson ``ID[:STEP]`` names, its 0-based step): a shipped lesson by its id or number, or
    a lesson or course file by its path (then an :class:`core.lessons.opening.Opened`, read and
    checked now: a course is listed, a lesson started).  ValueError naming the problem."""
    from backprop_studio.core.checks.errors import InputError
    from backprop_studio.core.files.resources import LESSONS_DIR
    from backprop_studio.core.lessons.listing import entries_in

    named = _file_and_step(text)
    if named is not None:
        return _lesson_file(*named)
    key, _, step_text = text.partition(":")
    # numbered as the Lessons panel lists them (from their headers); one that cannot be read is
    # never a match (`backprop-studio lessons check` names its problem); only the match is built
    numbered = [(n, e, e.head) for n, e in enumerate(entries_in(LESSONS_DIR), 1) if e.head is not None]
    match = [e for n, e, head in numbered if head.id == key or str(n) == key.lstrip("0")]
    if not match:
        names = ", ".join(f"{n} ({head.id})" for n, _e, head in numbered)
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


def _lesson_file(path: Path, step_text: str) -> tuple[object, int]:
    """A lesson or course file given by path, read as the app will (the whole lesson is read now,
    so a bad one is one line before any window)."""
    from backprop_studio.core.checks.errors import InputError
    from backprop_studio.core.lessons.opening import open_file

    try:
        opened = open_file(path)
        if opened.kind == "project":
            raise ValueError(f"{path} is a project, not a lesson: open it without --lesson")
        if opened.kind == "course":
            if step_text:
                raise ValueError(f"{path} is a course: it is listed in the Lessons panel, without a step")
            return opened, 0
        lesson = opened.entries[0].open()
    except InputError as e:
        raise ValueError(f"{path}: {e}") from None
    if not step_text:
        return opened, 0
    if not step_text.isdigit() or not 1 <= int(step_text) <= len(lesson.steps):
        raise ValueError(f"step {step_text!r}: lesson {lesson.id!r} has steps 1 to {len(lesson.steps)}")
    return opened, int(step_text) - 1


def install_excepthook(app: QApplication) -> None:
    """An unexpected exception shows a dialog with details, is logged, and the app goes on."""
    from .language import tr

    def hook(kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        if QApplication.instance() is None or not app.topLevelWidgets():
            sys.__excepthook__(kind, value, tb)
            return
        message = tr("Something went wrong: {error}\n\nThe document is unchanged; you can go on working.")
        box = QMessageBox(QMessageBox.Icon.Critical, tr("Unexpected error"), message.format(error=value))
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from backprop_studio.core.checks.errors import InputError

    from .documents import DEFAULT_EXAMPLE

    # the file is read and checked before Qt starts: a bad one is one line, even without a display
    path = Path(args.file) if args.file else None
    try:
        core, lesson_file = _open_first(path)
    except (InputError, OSError, ValueError) as e:
        print(f"backprop-studio: error: {path or DEFAULT_EXAMPLE}: {e}", file=sys.stderr)
        return 2
    if lesson_file is not None:
        path = None                      # the window shows the article's example beside the lesson
        args.lesson = args.lesson or (lesson_file, 0)
    from . import identity
    identity.declare()
    # a render never reads or changes the user's settings (layout, recent files, lesson progress)
    render_settings = tempfile.TemporaryDirectory(prefix="backprop-studio-render-") if args.screenshot else None
    if render_settings is not None:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, render_settings.name)
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(["backprop-studio"])
    app.setWindowIcon(identity.app_icon())
    from . import main_thread_gc
    main_thread_gc.install(app)      # before any worker can start: see gui/main_thread_gc.py
    from . import language, text_size
    from .main_window import MainWindow
    from .studio import StudioSession
    # the saved text size (or --text-size's) before the window is built: laid out for it once
    text_size.set_percent(args.text_size, save=False) if args.text_size else text_size.restore()
    # the interface's language before any text is made: View -> Language's, the environment's or the system's
    language.install_translations(app)
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
    studio.train_steps(args.steps)       # the studio steps and tells the views, as for F10
    window.show()
    if args.lesson or args.lesson_editor is not None:
        for _ in range(5):
            app.processEvents()       # the default layout first: a lesson arranges its docks in it
    if args.lesson:
        _open_lesson(window, *args.lesson)
    if args.lesson_editor is not None:
        _open_editor(window, args.lesson_editor)
    if render_settings is not None:
        try:
            return _screenshot(app, window, Path(args.screenshot))
        finally:
            render_settings.cleanup()
    QTimer.singleShot(0, window.documents.offer_recovery)   # after a crash, whatever was opened
    from .lessons.editor.dock import offer_recovery as offer_lesson_recovery
    QTimer.singleShot(0, lambda: offer_lesson_recovery(window))   # and the lesson being written
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


def _open_editor(window, text: str) -> None:
    """The lesson editor, on ``PATH[:STEP]`` when given (a step from 1)."""
    from .lessons.editor.dock import open_editor

    named = _file_and_step(text) if text else None
    editor = open_editor(window, named[0] if named else (Path(text) if text else None))
    if named and named[1].isdigit():
        editor.steps.select(min(int(named[1]), len(editor.document.steps)) - 1)


def _open_first(path: Path | None):
    """(the project to open, None) or (the article's example, the lesson or course ``path`` is)."""
    from backprop_studio.core.files import project_file
    from backprop_studio.core.lessons.opening import open_file

    from .documents import DEFAULT_EXAMPLE
    if path is None:
        return project_file.load(DEFAULT_EXAMPLE), None
    opened = open_file(path)
    if opened.kind == "project":
        return opened.session, None
    if opened.kind == "lesson":
        opened.entries[0].open()           # the whole lesson, checked before any window
    return project_file.load(DEFAULT_EXAMPLE), opened


def _open_lesson(window, lesson, step: int) -> None:
    """Start a lesson (or list a course, :class:`core.lessons.opening.Opened`) at ``step``; a step
    prepared in a worker is waited for (a --screenshot shows it, not its progress bar)."""
    from backprop_studio.core.lessons.opening import Opened

    from .lessons.menu import open_panel
    panel = window.views["lessonPanel"]
    open_panel(window)
    if isinstance(lesson, Opened):
        if not panel.open_opened(lesson) or lesson.kind == "course":
            return
    else:
        panel.start(lesson)
    _wait_for(panel.runner.tasks)
    if step != panel.index:
        panel.go_to(step)
        _wait_for(panel.runner.tasks)


def _wait_for(tasks) -> None:
    """Handle events until ``tasks`` (a :class:`gui.workers.TaskRunner`) has no job running."""
    from PySide6.QtCore import QEventLoop

    if tasks.running:
        loop = QEventLoop()
        tasks.running_changed.connect(lambda running: None if running else loop.quit())
        loop.exec()


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
    from .lessons.editor.dock import editor_of
    editor = editor_of(window)
    if editor is not None:             # nor about the lesson it shows (a shipped one opens as an unsaved copy)
        editor.document.undo_stack.setClean()
    window.close()
    return 0
