"""Fine stepping in the app: F11 reveals one unit (one edge) at a time, with play/pause and a speed.

The studio owns one :class:`FineStepping` (``studio.fine``).  Its cursor is the Qt-free
:class:`core.explain.fine_cursor.FineCursor`; this object adds what the app needs around it: the
switch (``enabled``), playing on a main-thread QTimer at ``ticks_per_second``, and the signal
the views redraw on (:attr:`changed`).  Views never move the cursor: they ask :meth:`reveal`.

With fine stepping off, :meth:`step_phase` and :meth:`back_phase` are the studio's phase steps
(F11, Shift+F9); on, they move a tick, and run (or undo) a phase at the phase's end (start).
Playing goes on through the phases and stops at the end of the training step, when training
starts running, diverges, or the document changes.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from backprop_studio.core.explain import context_for
from backprop_studio.core.explain.fine_cursor import FineCursor, Reveal
from backprop_studio.core.explain.fine_text import keys, lines, note
from backprop_studio.core.training.records import phase_text

from .language import tr

if TYPE_CHECKING:
    from .studio import StudioSession

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 20.0)       # ticks per second the speed control offers
DEFAULT_SPEED = 2.0


class FineStepping(QObject):
    changed = Signal()                 # the tick on show moved, or fine stepping was turned on or off
    enabled_changed = Signal(bool)
    playing_changed = Signal(bool)

    def __init__(self, studio: StudioSession) -> None:
        super().__init__(studio)
        self.studio = studio
        self.enabled = False
        self.cursor = FineCursor()
        self.ticks_per_second = DEFAULT_SPEED
        self._from: object = None              # the complete step on show when play started
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval())
        self._timer.timeout.connect(self._on_timer_timeout)
        studio.run_state_changed.connect(self._on_studio_run_state_changed)
        studio.diverged.connect(self._on_studio_diverged)
        studio.sample.changed.connect(self._on_studio_sample_changed)   # one sample in every view
        for signal in (studio.document_changed, studio.network_changed, studio.config_changed,
                       studio.dataset_changed):
            signal.connect(self._on_studio_document_changed)

    # -- what is on show --------------------------------------------------------------------------
    def reveal(self) -> Reveal | None:
        """The phase on show revealed up to the tick on show; None when fine stepping is off or
        the phase is shown whole."""
        return self.cursor.reveal(self.studio.session) if self.enabled else None

    def set_enabled(self, on: bool) -> None:
        """Fine stepping on or off; either way the phase on show is shown whole until F11."""
        if on == self.enabled:
            return
        self.enabled = on
        self.cursor.forget()
        if not on:
            self.pause()
        self.enabled_changed.emit(on)
        self.changed.emit()

    # -- F11 and Shift+F9 ------------------------------------------------------------------------
    def step_phase(self) -> None:
        """F11: the next tick; at the end of a phase (or with fine stepping off), the next phase."""
        if self.enabled and self.cursor.advance(self.studio.session):
            self.changed.emit()
            return
        core = self.studio.session
        if self.enabled:
            self.cursor.arm(core)
        try:
            self.studio.step_phase()
        finally:
            self.cursor.settle(self.studio.session)
        if self.enabled:
            self.changed.emit()

    def back_phase(self) -> None:
        """Shift+F9: the tick before; at a phase's first tick (or off), back one phase."""
        self.studio.stop()
        if self.enabled and self.cursor.retreat(self.studio.session):
            self.changed.emit()
            return
        self.studio.back_phase()
        if self.enabled:
            self.changed.emit()

    # -- playing ---------------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def play(self) -> None:
        """Reveal a tick every 1/ticks_per_second seconds (fine stepping is turned on)."""
        self.set_enabled(True)
        if not self.playing:
            self.studio.stop()
            self._from = self._complete()      # a step complete already: play goes on into the next
            self._timer.start()
            self.playing_changed.emit(True)

    def pause(self) -> None:
        if self.playing:
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def set_speed(self, ticks_per_second: float) -> None:
        self.ticks_per_second = float(ticks_per_second)
        self._timer.setInterval(self._interval())

    def _complete(self) -> object:
        """The step record on show when it is complete and shown to its last tick, else None."""
        core = self.studio.session
        shown = self.reveal()
        if core.pending is None and core.last is not None and (shown is None or shown.at_end):
            return core.last
        return None

    def _interval(self) -> int:
        return max(1, round(1000 / self.ticks_per_second))

    def _on_timer_timeout(self) -> None:
        done = self._complete()
        if done is not None and done is not self._from:
            self.pause()            # the training step is complete: play stops at its end
            return
        self.step_phase()
        if self.studio.session.diverged is not None:
            self.pause()

    # -- the studio's news ---------------------------------------------------------------------
    def _on_studio_run_state_changed(self, running: bool) -> None:
        if running:
            self.pause()

    def _on_studio_diverged(self, _message: str) -> None:
        self.pause()

    def _on_studio_sample_changed(self, sample: int) -> None:
        """The views show another sample of the batch: the ticks show its numbers too."""
        self.cursor.follow_sample(self.studio.session, sample)
        if self.enabled:
            self.changed.emit()

    def _on_studio_document_changed(self) -> None:
        self.pause()
        self.cursor.forget()


def readout_html(studio: StudioSession, reveal: Reveal, details: bool = True) -> str:
    """The tick on show as HTML (the editor's readout, the graph's status line): the phase and
    how far into it, then the tick's formula with its numbers and (with ``details``) the lines it
    uses; only the formulas while a lesson's question hides one of their numbers (``studio.hidden``)."""
    ctx = context_for(studio.session)
    sample = studio.fine.cursor.sample
    tick = reveal.tick
    head = (f"<b>{html.escape(phase_text(str(reveal.phase), tr))}</b> · "
            + tr("fine step {i} of {n}").format(i=reveal.index + 1, n=reveal.count)
            + (tr(" (F11: the next phase)") if reveal.at_end else ""))
    if ctx is None:
        return head
    shown = not any(studio.hidden.hides(key) for key in keys(ctx, tick, sample))
    rows = [line.render("html", shown) for line in lines(ctx, tick, sample)][:None if details else 1]
    if not shown:
        rows.append(tr("<i>the numbers are left out: one of them is hidden by the lesson's question</i>"))
    extra = note(ctx, tick)
    if extra:
        rows.append(f"<i>{html.escape(extra)}</i>")
    body = "<br>".join([f"<span style='font-size:115%'>{rows[0]}</span>"] + rows[1:]) if rows else ""
    return f"{head}<br>{body}"
