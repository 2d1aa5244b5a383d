"""Documents: new, open, save, recent files, shipped examples, autosave and recovery.

Files are the project format of :mod:`core.files.project_file`.  A file is loaded and validated
in full before it replaces the open document, so a bad file leaves the document untouched.
Saving goes through the one atomic writer (:mod:`core.checks.atomic`): the old file stays intact
when a save fails, and a device, FIFO, socket or folder is refused, never replaced.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from backprop_studio.core.checks import atomic
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.validation import read_regular_file
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR
from backprop_studio.core.lessons.opening import Opened, open_file

from .dialogs import show_error
from .language import QT_TR_NOOP, tr
from .new_document import ARTICLE_EXAMPLE, choose_start
from .places import data_dir

if TYPE_CHECKING:
    from .studio import StudioSession

DEFAULT_EXAMPLE = ARTICLE_EXAMPLE      # what the app opens when it is given no file
# file-dialog filters: marked at import, translated where a dialog shows them (tr())
FILE_FILTER = QT_TR_NOOP("Backprop Studio projects (*.json);;All files (*)")
OPEN_FILTER = QT_TR_NOOP("Backprop Studio projects, lessons and courses (*.json);;All files (*)")
MAX_RECENT = 8


def autosave_path(pid: int | None = None) -> Path:
    """This process's autosave (one per running app, so two windows never overwrite each other)."""
    return data_dir() / f"autosave-{os.getpid() if pid is None else pid}.json"


def orphaned_autosaves(folder: Path | None = None, prefix: str = "autosave") -> list[Path]:
    """Autosaves (``PREFIX-PID.json`` in ``folder``, default :func:`gui.places.data_dir`) left by
    apps that are no longer running (crashed or killed), newest first.  The lesson editor's
    drafts follow the same rule (gui/lessons/editor/drafts.py)."""
    found = []
    for path in (folder or data_dir()).glob(f"{prefix}-*.json"):
        try:
            pid = int(path.stem.split("-", 1)[1])
        except ValueError:
            continue
        if pid != os.getpid() and not _running(pid):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:      # someone else's process
        return True
    return True


def example_name(path: Path) -> str:
    """A shipped example's name, as the menu shows it: "article 3 2 1", "xor"."""
    return path.stem.replace("_", " ")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` through :func:`core.checks.atomic.write_atomically`; OSError with one line
    naming the path and the reason when it fails (nothing is changed then)."""
    try:
        atomic.write_atomically(path, text)
    except atomic.NotARegularFile:
        raise
    except OSError as e:
        raise OSError(tr("cannot write {path}: {reason}").format(path=path, reason=e.strerror or e)) from None


def not_opened(path: Path, reason: object) -> str:
    """The message of a file that was not opened: its name, then why (the reader's one line)."""
    return tr("{file} was not opened.\n\n{reason}").format(file=path.name, reason=reason)


class Documents:
    """The document's life: File menu actions, recent files, examples, autosave and recovery.

    Takes what it uses: the studio whose document it opens and saves, the actions it answers
    (``actionNew``, ``actionOpen``, ``actionSave``, ``actionSaveAs``) and the widget that owns
    its dialogs and menus.  Messages for the status bar go out as ``studio.note``.
    """

    def __init__(self, studio: StudioSession, actions: dict[str, QAction], parent: QWidget) -> None:
        self.parent = parent
        self.studio = studio
        # who opens a lesson or a course file (the Lessons panel: gui/lessons/menu.py sets it)
        self.open_lesson: Callable[[Opened], bool] | None = None
        a = actions
        a["actionNew"].triggered.connect(self.new)
        a["actionOpen"].triggered.connect(self.open_dialog)
        a["actionSave"].triggered.connect(self.save)
        a["actionSaveAs"].triggered.connect(self.save_as)
        self.recent_menu = QMenu(tr("Open &Recent"), parent)
        self.recent_menu.setObjectName("menuOpenRecent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.examples_menu = QMenu(tr("Open &Example"), parent)
        self.examples_menu.setObjectName("menuOpenExample")
        for path in sorted(EXAMPLES_DIR.glob("*.json")):
            action = self.examples_menu.addAction(example_name(path))
            action.setToolTip(tr("Open the shipped example {file}").format(file=path.name))
            action.triggered.connect(lambda _=False, p=path: self.open_example(p))
        self.autosave_timer = QTimer(parent)
        self.autosave_timer.setInterval(int(os.environ.get("BACKPROP_STUDIO_AUTOSAVE_MS", 60_000)))
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    # -- opening --------------------------------------------------------------------------
    def new(self) -> None:
        """Ask about unsaved work, then for a starting point (:mod:`gui.new_document`); the new
        document is untitled."""
        if self.maybe_save():
            start = choose_start(self.parent)
            if start is not None:
                self._load(start, as_path=None)

    def open_dialog(self) -> None:
        """Ask for a file and open it: a project, a lesson or a course (:meth:`open_path`: what it
        is decides whether unsaved work is asked about)."""
        path, _ = QFileDialog.getOpenFileName(self.parent, tr("Open a project, lesson or course"),
                                              str(self._last_dir()), tr(OPEN_FILTER))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open ``path``, whatever it is by its ``format`` key (:func:`core.lessons.opening.open_file`,
        one read): a project replaces the document (asking about unsaved changes first); a lesson
        or a course goes to :attr:`open_lesson` (the Lessons panel, which keeps the document
        aside, so nothing is asked).  False when nothing was opened."""
        path = Path(path)
        try:
            opened = open_file(path)
        except InputError as e:
            show_error(self.parent, tr("Cannot open file"), not_opened(path, e))
            return False
        if opened.kind != "project":
            return self.open_lesson is not None and self.open_lesson(opened)
        if self.studio.scratch:
            self.maybe_save()              # a lesson's document: it says to leave the lesson first
            return False
        if not self.maybe_save():
            return False
        assert opened.session is not None
        self.studio.load(opened.session, path)
        self._add_recent(path)
        return True

    def open_example(self, path: Path) -> None:
        """Open a shipped example as an unsaved copy under its own name ("xor (example)"):
        Save asks for a path, so the shipped file is never overwritten."""
        if self.maybe_save():
            self._load(path, as_path=None, title=tr("{name} (example)").format(name=example_name(path)))

    def _load(self, path: Path, as_path: Path | None, title: str | None = None) -> bool:
        try:
            core = project_file.load(path)
        except InputError as e:
            show_error(self.parent, tr("Cannot open file"), not_opened(path, e))
            return False
        except OSError as e:
            show_error(self.parent, tr("Cannot open file"), not_opened(path, e.strerror or e))
            return False
        self.studio.load(core, as_path, title=title)
        if as_path is not None:
            self._add_recent(as_path)
        return True

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        if self.studio.path is None:
            return self.save_as()
        return self._save_to(self.studio.path)

    def save_as(self) -> bool:
        start = str(self.studio.path or self._last_dir() / "untitled.json")
        path, _ = QFileDialog.getSaveFileName(self.parent, tr("Save project"), start, tr(FILE_FILTER))
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            write_atomically(path, project_file.dumps(self.studio.session, path))
        except (OSError, ValueError) as e:   # ValueError: a value JSON cannot hold
            show_error(self.parent, tr("Save failed"),
                       tr("The document was not saved; {file} is unchanged.\n\n{reason}").format(
                           file=path.name, reason=e))
            return False
        self.studio.set_unmodified(path)
        self._add_recent(path)
        self.discard_autosave()
        return True

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes (edits or training since the
        last save); False means cancel."""
        if self.studio.scratch:          # a lesson's document: its lesson is left first
            self.studio.note.emit(tr("Leave the lesson first (Leave lesson in the Lessons panel)"))
            return False
        if not self.studio.modified:
            return True
        answer = QMessageBox.question(
            self.parent, tr("Unsaved changes"), tr("The document has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # -- recent files ---------------------------------------------------------------------
    def _recent(self) -> list[str]:
        value = QSettings().value("recentFiles", [])
        if isinstance(value, str):          # one recent file comes back as a string
            return [value]
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else []

    def _add_recent(self, path: Path) -> None:
        items = [str(path.resolve())] + [p for p in self._recent() if p != str(path.resolve())]
        QSettings().setValue("recentFiles", items[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in self._recent():
            action: QAction = self.recent_menu.addAction(p)
            action.triggered.connect(lambda _=False, p=p: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(tr("(none)")).setEnabled(False)

    def _last_dir(self) -> Path:
        recent = self._recent()
        return Path(recent[0]).parent if recent else Path.home()

    # -- autosave and recovery ------------------------------------------------------------
    def autosave(self) -> None:
        """Write the document (with its training state) when it has unsaved work.  A lesson's
        document is never written: the autosave on disk stays the user's own document's."""
        if self.studio.scratch:
            return
        if not self.studio.modified:
            self.discard_autosave()      # nothing to recover: a crash must not offer an old copy
            return
        try:
            payload = {"path": str(self.studio.path) if self.studio.path else None,
                       "document": json.loads(project_file.dumps(self.studio.session, self.studio.path))}
            write_atomically(autosave_path(), json.dumps(payload))
        except (OSError, ValueError) as e:
            self.studio.note.emit(tr("Autosave failed: {reason}").format(reason=e))

    def discard_autosave(self) -> None:
        autosave_path().unlink(missing_ok=True)

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest autosaved document; True when it was recovered."""
        orphans = orphaned_autosaves()
        if not orphans:
            return False
        path = orphans[0]
        answer = QMessageBox.question(
            self.parent, tr("Recover document"),
            tr("Backprop Studio did not close normally. Recover the autosaved document?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            for orphan in orphans:
                orphan.unlink(missing_ok=True)
            return False
        try:
            # read like any file: a FIFO or device in the autosave's place is refused, not waited on
            payload = json.loads(read_regular_file(path, 2 * project_file.MAX_FILE_BYTES, "autosave"))
            original = payload.get("path")
            base = Path(original).parent if original else EXAMPLES_DIR
            core = project_file.loads(json.dumps(payload["document"]), base)
        except (InputError, OSError, ValueError, KeyError, TypeError) as e:
            show_error(self.parent, tr("Recovery failed"),
                       tr("The autosaved document could not be read.\n\n{reason}").format(reason=e))
            return False
        # the recovered document is unsaved work (edits and training alike) until it is saved
        self.studio.load(core, Path(original) if original else None, modified=True)
        for orphan in orphans:           # recovered: it now lives in this app's own autosave
            orphan.unlink(missing_ok=True)
        return True
