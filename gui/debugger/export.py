"""Export the current training step as a worked example (Markdown with LaTeX, or HTML).

The file dialog starts next to the project (``<project>-step-<n>.md`` in the project's folder;
the home folder for a document never saved), and the status bar says where the example was
saved.  Choosing an "every sample" filter writes each sample of a batch in full; the plain
filters write the first sample and the batch means (see :mod:`core.explain.worked_example`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backprop_studio.core.explain import context_for
from backprop_studio.core.explain.worked_example import export, figure_name
from backprop_studio.gui.language import QT_TR_NOOP, tr

if TYPE_CHECKING:
    from ..studio import StudioSession

# in the filters that write every sample; shown through tr() (str(): PySide6's stub types
# QT_TR_NOOP as returning object; it returns its text)
EVERY_SAMPLE = str(QT_TR_NOOP("every sample of the batch"))


def filters() -> str:
    """The file dialog's filters, in the interface language (the words, never the patterns)."""
    every = tr(EVERY_SAMPLE)
    return ";;".join((tr("Markdown with LaTeX (*.md)"), tr("HTML page (*.html)"),
                      tr("Markdown with LaTeX, {every} (*.md)").format(every=every),
                      tr("HTML page, {every} (*.html)").format(every=every)))


def export_worked_example(studio: StudioSession, path: str | Path, full: bool = False) -> Path:
    """Write the session's current step to ``path`` (.md or .html); ValueError when there is none."""
    ctx = context_for(studio.session)
    if ctx is None:
        raise ValueError(tr("there is no training step to export yet: take a step first (F10)"))
    return export(ctx, path, full)


def default_path(studio: StudioSession) -> Path:
    """Where the dialog starts: beside the project file, named after it and the step."""
    step = studio.session.record.step if studio.session.record else 0
    project = studio.path
    if project is None:
        stem = re.sub(r"[^\w-]+", "-", studio.title or "").strip("-") or "worked-example"
        return Path.home() / f"{stem}-step-{step}.md"
    return Path(project).parent / f"{Path(project).stem}-step-{step}.md"


def saved_message(path: Path) -> str:
    """The status-bar line after a successful export: where it went (and the picture, for Markdown)."""
    if path.suffix.lower() in (".md", ".markdown"):
        return tr("Worked example saved to {path} (the picture beside it: {figure})").format(
            path=path, figure=figure_name(path))
    return tr("Worked example saved to {path}").format(path=path)


def export_worked_example_dialog(parent: QWidget, studio: StudioSession) -> Path | None:
    """Ask for a file name, write the worked example, say where it went (status bar) or
    report the error in a message box."""
    path, chosen = QFileDialog.getSaveFileName(parent, tr("Export worked example"), str(default_path(studio)),
                                               filters())
    if not path:
        return None
    if not Path(path).suffix:
        path += ".html" if "html" in chosen.lower() else ".md"
    try:
        written = export_worked_example(studio, path, full=tr(EVERY_SAMPLE) in chosen)
    except (ValueError, OSError) as e:
        QMessageBox.warning(parent, tr("Export worked example"),
                            tr("Could not export the worked example: {error}").format(error=e))
        return None
    studio.note.emit(saved_message(written))
    return written
