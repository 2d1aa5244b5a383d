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

if TYPE_CHECKING:
    from ..studio import StudioSession

EVERY_SAMPLE = "every sample of the batch"
FILTERS = (f"Markdown with LaTeX (*.md);;HTML page (*.html);;"
           f"Markdown with LaTeX, {EVERY_SAMPLE} (*.md);;HTML page, {EVERY_SAMPLE} (*.html)")


def export_worked_example(studio: StudioSession, path: str | Path, full: bool = False) -> Path:
    """Write the session's current step to ``path`` (.md or .html); ValueError when there is none."""
    ctx = context_for(studio.session)
    if ctx is None:
        raise ValueError("there is no training step to export yet: take a step first (F10)")
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
        return f"Worked example saved to {path} (the picture beside it: {figure_name(path)})"
    return f"Worked example saved to {path}"


def export_worked_example_dialog(parent: QWidget, studio: StudioSession) -> Path | None:
    """Ask for a file name, write the worked example, say where it went (status bar) or
    report the error in a message box."""
    path, chosen = QFileDialog.getSaveFileName(parent, "Export worked example", str(default_path(studio)), FILTERS)
    if not path:
        return None
    if not Path(path).suffix:
        path += ".html" if "html" in chosen.lower() else ".md"
    try:
        written = export_worked_example(studio, path, full=EVERY_SAMPLE in chosen)
    except (ValueError, OSError) as e:
        QMessageBox.warning(parent, "Export worked example", f"Could not export the worked example: {e}")
        return None
    studio.note.emit(saved_message(written))
    return written
