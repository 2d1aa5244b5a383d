"""Export the current training step as a worked example (Markdown with LaTeX, or HTML)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.explain import context_for
from core.explain.worked_example import export

if TYPE_CHECKING:
    from ..studio import StudioSession

FILTERS = "Markdown with LaTeX (*.md);;HTML page (*.html)"


def export_worked_example(studio: StudioSession, path: str | Path) -> Path:
    """Write the session's current step to ``path`` (.md or .html); ValueError when there is none."""
    ctx = context_for(studio.session)
    if ctx is None:
        raise ValueError("there is no training step to export yet: take a step first (F10)")
    return export(ctx, path)


def export_worked_example_dialog(parent: QWidget, studio: StudioSession) -> Path | None:
    """Ask for a file name, write the worked example, report errors in a message box."""
    step = studio.session.record.step if studio.session.record else 0
    start = str(Path.home() / f"worked-example-step-{step}.md")
    path, chosen = QFileDialog.getSaveFileName(parent, "Export worked example", start, FILTERS)
    if not path:
        return None
    if not Path(path).suffix:
        path += ".html" if "html" in chosen else ".md"
    try:
        return export_worked_example(studio, path)
    except (ValueError, OSError) as e:
        QMessageBox.warning(parent, "Export worked example", f"Could not export the worked example: {e}")
        return None
