"""File → Export → PyTorch Script… and File → Import → PyTorch Weights…: the bridge in the app.

The export writes :func:`core.bridge.torch_script.export_script` of the open document (torch is
not needed for that); the import reads a ``state_dict`` with
:func:`core.bridge.torch_weights.load_weights` and sets the parameters as one undoable edit,
the same edit as typing values into the weights (training goes on from them).  Anything that
goes wrong is said in an error dialog and the document is left as it was.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from backprop_studio.core.bridge.torch_script import export_script
from backprop_studio.core.bridge.torch_weights import load_weights
from backprop_studio.core.checks.atomic import write_atomically

from .dialogs import show_error
from .language import QT_TR_NOOP, tr

if TYPE_CHECKING:
    from .studio import StudioSession

# the dialogs' titles (marked for translation, translated where shown)
EXPORT_TITLE = QT_TR_NOOP("Export PyTorch script")
IMPORT_TITLE = QT_TR_NOOP("Import PyTorch weights")


def default_script_path(studio: StudioSession) -> Path:
    """Beside the project file and named after it, or model.py in the home folder."""
    if studio.path is not None:
        return Path(studio.path).with_suffix(".py")
    stem = re.sub(r"[^\w-]+", "_", studio.title or "").strip("_") or "model"
    return Path.home() / f"{stem}.py"


def export_torch_dialog(parent: QWidget, studio: StudioSession) -> Path | None:
    """Ask where, write the script, say where it went (status bar) or why it could not."""
    path, _chosen = QFileDialog.getSaveFileName(parent, tr(EXPORT_TITLE), str(default_script_path(studio)),
                                                tr("Python script (*.py)"))
    if not path:
        return None
    target = Path(path) if Path(path).suffix else Path(path + ".py")
    try:
        write_atomically(target, export_script(studio.session, target.name))   # never a partial script
    except (OSError, ValueError) as e:      # InputError (a value that is not finite) is a ValueError
        show_error(parent, tr(EXPORT_TITLE), tr("Could not write the PyTorch script: {reason}").format(reason=e))
        return None
    studio.note.emit(tr("PyTorch script saved to {path} (run it with: python {file} --steps 100)").format(
        path=target, file=target.name))
    return target


def import_torch_dialog(parent: QWidget, studio: StudioSession) -> bool:
    """Ask for a saved state_dict and put its weights into the open document (one undo step)."""
    start = str(Path(studio.path).parent) if studio.path is not None else ""
    path, _chosen = QFileDialog.getOpenFileName(parent, tr(IMPORT_TITLE), start,
                                                tr("PyTorch weights (*.pt *.pth);;All files (*)"))
    if not path:
        return False
    try:
        params = load_weights(path, studio.session.network)
        studio.push("params", params, tr("Import PyTorch weights"))
    except (OSError, ValueError, MemoryError) as e:   # InputError is a ValueError: every refusal, "needs PyTorch" too
        show_error(parent, tr(IMPORT_TITLE),
                   tr("Could not import {file}: {reason}").format(file=Path(path).name, reason=e))
        return False
    studio.note.emit(tr("Weights imported from {file} (Undo puts the old ones back)").format(file=Path(path).name))
    return True
