"""The optimizer race: several optimizers or learning rates from one start on one surface.

Each run is numbered and labelled with its optimizer and the hyperparameters that differ
from the optimizer's defaults, and drawn in its own colour *and* marker symbol: the colour
and symbol cycles have coprime lengths, so no two of the first 42 runs look alike, and the
number in the label tells apart even two runs with identical settings.  The table beside
the plot gives each run's steps to converge (gradient norm below the tolerance), why it
stopped, and its final loss and point.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from backprop_studio.core.lessons.hiding import FunctionValue
from backprop_studio.core.surfaces.race_model import MAX_RUNS, TOLERANCE, RaceRun
from backprop_studio.gui.colour_science import readable_on
from backprop_studio.gui.hidden_values import HiddenValues
from backprop_studio.gui.language import QT_TR_NOOP, tr
from backprop_studio.gui.palettes import RACE_COLOURS

__all__ = ["MAX_RUNS", "RACE_COLOURS", "RACE_SYMBOLS", "TOLERANCE", "RaceRun", "RaceTable", "colour_of",
           "final_losses", "outcome", "run_key", "symbol_of"]

RACE_SYMBOLS = ["o", "s", "t", "d", "x", "star"]


def colour_of(run: RaceRun) -> str:
    """The run's colour, by its number (the colour and symbol cycles have coprime lengths)."""
    return RACE_COLOURS[(run.number - 1) % len(RACE_COLOURS)]


def symbol_of(run: RaceRun) -> str:
    return RACE_SYMBOLS[(run.number - 1) % len(RACE_SYMBOLS)]


def run_key(run: RaceRun, kind: str, t: int, coordinate: int = 0) -> FunctionValue:
    """The key of a number of ``run`` at step t (x, f or gradient; coordinate 0: a point or
    gradient printed whole); the path's end stands for every later step."""
    last = run.path is not None and t >= run.path.steps
    return FunctionValue("function2d", kind, t, run.number, coordinate, last)


def outcome(run: RaceRun, hidden: HiddenValues | None = None) -> tuple[str, str, str, str]:
    """(steps to converge, stop reason, final loss, final point) as shown in the table; the
    loss and the point are '?' while ``hidden`` hides them (a lesson's open question)."""
    path = run.path
    if path is None:
        return "…", "", "", ""
    point = ", ".join(f"{v:.4g}" for v in path.end)
    steps = str(path.steps) if path.reason == "converged" else f"> {path.steps}"
    if path.reason == "diverged":
        steps = "—"
    reason = {"converged": tr("converged"), "steps": tr("step limit"),
              "diverged": tr("diverged at step {n}").format(n=path.diverged_at)}[path.reason]
    loss, point = f"{path.losses[-1]:.6g}", f"({point})"
    if hidden is not None:
        loss = hidden.text(run_key(run, "f", path.steps), loss)
        point = hidden.text(run_key(run, "x", path.steps), point)
    return steps, reason, loss, point


class RaceTable(QTableWidget):
    """One row per run: the run (in its colour), steps to converge, stop, final loss and point."""

    HEADERS = [QT_TR_NOOP("run"), QT_TR_NOOP("steps"), QT_TR_NOOP("stopped by"), QT_TR_NOOP("final loss"),
               QT_TR_NOOP("final point")]   # translated where shown

    def __init__(self) -> None:
        super().__init__(0, len(self.HEADERS))
        self.setObjectName("raceTable")
        self.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setToolTip(tr(
            "The race: each run from the same start. Steps to converge counts the steps until the "
            "gradient norm is below {tolerance} ('> n' when the step limit came first).\n"
            "Select a run to show its gradient arrow. The optimizer controls edit the last run (the one "
            "being configured, marked ✎); Add run keeps it and starts a new one from the settings.").format(
                tolerance=f"{TOLERANCE:g}"))

    def show_runs(self, runs: list[RaceRun], hidden: HiddenValues | None = None) -> None:
        """One row per run; what ``hidden`` hides is '?' (see :func:`outcome`)."""
        selected = self.currentRow()
        self.setRowCount(len(runs))
        for row, run in enumerate(runs):
            configured = row == len(runs) - 1
            steps, reason, loss, point = outcome(run, hidden)
            cells = (run.label + (" ✎" if configured else ""), steps, reason, loss, point)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    colour = colour_of(run)
                    item.setForeground(QColor(readable_on(colour)))
                    item.setBackground(QColor(colour))
                    item.setToolTip(tr("{run}: drawn in this colour with '{symbol}' markers").format(
                        run=run.label, symbol=symbol_of(run))
                        + (tr("; being configured: the optimizer controls edit this run") if configured else ""))
                self.setItem(row, col, item)
        if runs:
            self.selectRow(min(max(selected, 0), len(runs) - 1))


def final_losses(runs: list[RaceRun]) -> np.ndarray:
    """The final loss of each run (nan for runs without a path), for tests and summaries."""
    return np.array([r.path.losses[-1] if r.path is not None else np.nan for r in runs])
