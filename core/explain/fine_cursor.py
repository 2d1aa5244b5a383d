"""Where fine stepping stands: which tick of the phase last run is on show.

The cursor is model state (not a widget's): the studio owns one :class:`FineCursor` and every
view asks it the same question through :meth:`FineCursor.reveal`, which answers with a
:class:`Reveal` of the phase on show, or None when the whole phase is on show (fine stepping
is off, no phase has run yet, or training moved there some other way: a whole step, a run,
stepping back a step).

A cursor belongs to one position of the session, the record on show and how many phases it
has done.  When the session is somewhere else, the phase there is shown whole; F11 then runs the
next phase (:meth:`arm` before it, :meth:`settle` after it: the new phase starts at its first
tick) and Shift+F9 takes that phase's last tick back.  No Qt: a script can step a session tick
by tick with it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .context import context_for
from .fine import PhaseTicks, Tick, ticks
from .refs import Ref


@dataclass(frozen=True)
class Reveal:
    """The ticks of the phase on show, revealed up to and including ``index``."""

    ticks: PhaseTicks
    index: int

    @property
    def tick(self) -> Tick:
        """The tick on show now (what is lit)."""
        return self.ticks.ticks[self.index]

    @property
    def phase(self) -> Any:
        return self.ticks.phase

    @property
    def count(self) -> int:
        return len(self.ticks)

    @property
    def at_end(self) -> bool:
        """Every tick of the phase is on show (the phase looks as it does without fine stepping)."""
        return self.index == len(self.ticks) - 1

    def hides(self, key: Ref) -> bool:
        """This phase computes ``key`` (any sample) but has not revealed it yet: a view prints it
        as not computed yet."""
        n = self.ticks.tick_of(key)
        return n is not None and n > self.index

    def shown(self, key: Ref) -> bool:
        """This phase computed ``key`` and has revealed it: the debugger's "changed" mark."""
        n = self.ticks.tick_of(key)
        return n is not None and n <= self.index

    def now(self, key: Ref) -> bool:
        """The tick on show reveals ``key``."""
        return self.ticks.tick_of(key) == self.index

    def edge_ticks(self) -> dict[tuple[Any, ...], Tick]:
        """("w", k, i, j) or ("b", k, j) -> the tick whose number that connection (or bias) shows,
        for the ticks on show (a later tick of the same edge wins)."""
        out: dict[tuple[Any, ...], Tick] = {}
        for tick in self.ticks.ticks[:self.index + 1]:
            if tick.edge_value is None:
                continue
            if tick.biases and not tick.edges:
                out[("b", *tick.biases[0])] = tick
            elif len(tick.edges) == 1:
                out[("w", *tick.edges[0])] = tick
        return out


class FineCursor:
    """The tick on show of the phase last run (see the module docstring).

    ``sample``: the batch position whose numbers the ticks show (0-based; the views of a
    batch of one have only sample 0).
    """

    def __init__(self, sample: int = 0) -> None:
        self.sample = sample
        self.index = 0
        self._record: Any = None          # the position the cursor belongs to ...
        self._done = 0                    # ... and its phases done
        self._ticks: PhaseTicks | None = None
        self._armed: tuple[Any, int] | None = None

    # -- where the session stands ---------------------------------------------------------------
    @staticmethod
    def _position(session: Any) -> tuple[Any, int] | None:
        rec = session.record
        return None if rec is None or rec.phases_done == 0 else (rec, rec.phases_done)

    def _holds(self, position: tuple[Any, int]) -> bool:
        return position[0] is self._record and position[1] == self._done

    def _adopt(self, session: Any, position: tuple[Any, int], index: int | None) -> PhaseTicks:
        """Belong to ``position``: its phase's ticks, the cursor at ``index`` (None: the last)."""
        rec, done = position
        if not self._holds(position) or self._ticks is None:
            ctx = context_for(session, rec)
            assert ctx is not None
            self._ticks = ticks(ctx, rec.phases[done - 1], min(self.sample, len(rec.x) - 1))
            self._record, self._done = rec, done
        self.index = len(self._ticks) - 1 if index is None else index
        return self._ticks

    def forget(self) -> None:
        """Belong to no position (fine stepping was turned off, the document changed)."""
        self._record, self._ticks, self._armed, self.index = None, None, None, 0

    # -- what is on show -----------------------------------------------------------------------
    def reveal(self, session: Any) -> Reveal | None:
        """The phase on show, revealed up to the cursor; None when it is shown whole."""
        position = self._position(session)
        if position is None:
            return None
        if not self._holds(position) or self._ticks is None:
            armed = self._armed
            if armed is None or (armed[0] is position[0] and armed[1] == position[1]):
                return None
            self._armed = None
            self._adopt(session, position, 0)       # the phase F11 just ran starts at its first tick
        assert self._ticks is not None
        return Reveal(self._ticks, self.index)

    # -- moving ----------------------------------------------------------------------------------
    def advance(self, session: Any) -> bool:
        """One tick on; False when the phase on show is whole (then run the next phase)."""
        shown = self.reveal(session)
        if shown is None or shown.at_end:
            return False
        self.index += 1
        return True

    def retreat(self, session: Any) -> bool:
        """One tick back; False at the phase's first tick (then step back a phase, which is then
        shown whole)."""
        position = self._position(session)
        if position is None:
            return False
        if not self._holds(position) or self._ticks is None:
            self._adopt(session, position, None)
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def arm(self, session: Any) -> None:
        """A phase is about to run: the next position the session reaches starts at its first tick."""
        rec = session.record
        self._armed = (rec, rec.phases_done if rec is not None else 0)

    def settle(self, session: Any) -> None:
        """After the phase ran (or failed to): adopt where the session stands, if it moved."""
        if self._armed is not None:
            self.reveal(session)
            self._armed = None
