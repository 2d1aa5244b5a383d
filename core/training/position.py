"""Where training stands, named one way for every view: "step 3 done", "step 4 in progress ·
forward layer 1 done", "step 1 not started".

Steps and epochs are counted from 1, as the article and the debugger count them: step N is the
N-th update, and its loss is the loss curve's point N.  The step named is the one the views show:

* the step in progress, while some of its phases are done (F11);
* else the last step completed, whose values the views still show ("step N done");
* else, before the first step or after stepping back to a step boundary, the step about to start,
  whose inputs and parameters the views show ("step N+1 not started").

The editor's caption, the step debugger, the computation graph and the status bar all read
:func:`position_of`, so they never disagree (issue 25: the editor said "step 0" where the graph
said "Step 1 · before the step").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backprop_studio.core.checks.interface_text import ENGLISH, QT_TR_NOOP, Translate
from backprop_studio.core.training.records import phase_text

# the states, which are also their English words (the app translates them: ``translate(state)``)
NOT_STARTED, IN_PROGRESS, DONE = QT_TR_NOOP("not started"), QT_TR_NOOP("in progress"), QT_TR_NOOP("done")
_TEXTS = {NOT_STARTED: QT_TR_NOOP("step {step} not started"), IN_PROGRESS: QT_TR_NOOP("step {step} in progress"),
          DONE: QT_TR_NOOP("step {step} done")}
_IN_PROGRESS_AFTER = QT_TR_NOOP("step {step} in progress · {phase} done")


@dataclass(frozen=True)
class Position:
    """The step the views show (1-based), its epoch (1-based), its state (:data:`NOT_STARTED`,
    :data:`IN_PROGRESS` or :data:`DONE`), the phase done last and the phase to do next (names
    such as "forward layer 1"; None when there is none)."""

    step: int
    epoch: int
    state: str
    last_phase: str | None = None
    next_phase: str | None = None

    def text(self, translate: Translate = ENGLISH) -> str:
        """``step 4 in progress · forward layer 1 done``, ``step 3 done``, ``step 1 not started``
        (in the words of ``translate``: core/checks/interface_text.py)."""
        if self.state == IN_PROGRESS and self.last_phase:
            return translate(_IN_PROGRESS_AFTER).format(step=self.step, phase=phase_text(self.last_phase, translate))
        return translate(_TEXTS[self.state]).format(step=self.step)


def position_of(session: Any) -> Position:
    """The position of a :class:`~core.training.session.Session` (see the module's rule)."""
    rec = session.pending
    if rec is not None and rec.phases_done:
        nxt = str(rec.phases[rec.phases_done]) if rec.phases_done < len(rec.phases) else None
        return Position(rec.step, rec.epoch + 1, IN_PROGRESS, str(rec.current_phase), nxt)
    if rec is None and session.last is not None:
        return Position(session.last.step, session.last.epoch + 1, DONE)
    phases = session.phases
    return Position(session.step_count + 1, session.epoch + 1, NOT_STARTED, None,
                    str(phases[0]) if phases else None)
