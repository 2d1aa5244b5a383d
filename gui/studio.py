"""The one Qt-side object that changes the model: the *studio*.

:class:`StudioSession` wraps a :class:`core.training.session.Session`.  Views take it in their
constructor (as ``studio``), read the model through ``studio.session`` and subscribe to its
signals; they never change the model themselves.  Document edits go through :meth:`push` as undo
commands; training moves along the core session's own timeline (step, step back, run)
and is not on the undo stack.
"""
from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from backprop_studio.core.checks import memory
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import Network
from backprop_studio.core.training.fit_data import fitted_to
from backprop_studio.core.training.history import TrainingState
from backprop_studio.core.training.session import Session, TrainingConfig

from .commands import UNDO_MAX_BYTES, ParameterCommand, ReplaceCommand, part_bytes
from .hidden_values import HiddenValues
from .shared_sample import SharedSample


@dataclass
class AsideDocument:
    """A document kept aside while the studio shows others (a lesson's): the core session as it
    stands, its file and name, its saved point and its undo history."""

    session: Session
    path: Path | None
    title: str | None
    saved: tuple[TrainingState, int] | None
    undo_stack: QUndoStack


VIEW_LINK = "view:"   # a link in a view's text that raises another view's dock: "view:stepDebugger"


class StudioSession(QObject):
    network_changed = Signal()        # structure: layers, activations, bias, mask, frozen
    params_changed = Signal()         # parameter values (an edit or a training step)
    config_changed = Signal()         # hyperparameters
    dataset_changed = Signal()
    step_taken = Signal()             # the training position moved (phase, step, back, reset)
    diverged = Signal(str)
    run_state_changed = Signal(bool)  # running or not
    run_progress = Signal(int, int)   # steps done, steps asked (0 when open-ended)
    document_changed = Signal()       # a new document was opened (path, contents)
    note = Signal(str)                # a message for the status bar (undo history dropped, out of memory)
    exercise_mode_changed = Signal(bool)  # computed values are hidden from every view while on
    modified_changed = Signal(bool)   # the document has (True) or no longer has unsaved work
    path_changed = Signal()           # saved under another name (the contents did not change)
    # links between views that must not import each other (core.explain.Ref values):
    value_selected = Signal(object)        # a value chosen in the computation graph: the debugger selects it
    graph_node_requested = Signal(object)  # a "why this number?" link: the computation graph opens its node
    view_requested = Signal(str)           # a view asks to show another (its object name): its dock is raised
    undo_stack_replaced = Signal()    # undo_stack is another object now (a document set aside or back)

    FRAME_SECONDS = 1 / 33            # a frame while running: a little over 30 per second
    CHUNK_SECONDS = 0.012             # compute budget per chunk: leaves time to redraw at 30 fps
    WATCHABLE = -1                    # steps_per_second meaning "a speed a learner can follow"
    EPOCH_SECONDS = 2.0               # the watchable speed: an epoch in about this long ...
    WATCHABLE_RANGE = (3, 300)        # ... but never slower or faster than these steps/s

    def __init__(self, session: Session, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.title: str | None = None     # the name of a document without a file; see load()
        self.undo_stack = QUndoStack(self)
        self._in_macro = False
        self.steps_per_second = 0         # run speed; 0: as fast as possible, WATCHABLE: see run_rate
        self._run_fast = False            # this run ignores steps_per_second (Train N Epochs)
        self.exercise_mode = False        # the student computes the values: views must not show them
        self.hidden = HiddenValues(self)  # what no view may print now (exercise mode, a lesson's question)
        self.sample = SharedSample(self)  # the sample of the batch every view shows (gui/shared_sample.py)
        self.scratch = False              # a lesson's document: no unsaved work, never autosaved or prompted
        self._run_timer = QTimer(self)
        self._run_timer.setInterval(int(self.FRAME_SECONDS * 1000))
        self._run_timer.timeout.connect(self._on_run_timer_timeout)
        self._run_target: dict[str, Any] = {}
        self._run_started = 0.0
        self._run_done = 0
        self._run_credit = 0.0
        self._saved: tuple[TrainingState, int] | None = self._training_point()
        self._modified = False
        # bound methods of this object: Qt drops these connections when it is destroyed
        self.undo_stack.cleanChanged.connect(self._update_modified)
        self.undo_stack.indexChanged.connect(self._update_modified)
        self.step_taken.connect(self._update_modified)

    # -- unsaved work ---------------------------------------------------------------------
    def _training_point(self) -> tuple[TrainingState, int]:
        """Where training stands: the state and the phases done of a step in progress."""
        pending = self.session.pending
        return self.session.state(), pending.phases_done if pending is not None else 0

    def _training_moved(self) -> bool:
        if self._saved is None:           # recovered or otherwise never saved: always unsaved
            return True
        state, phases = self._saved
        core, pending = self.session, self.session.pending
        if core.step_count != state.step or (pending.phases_done if pending else 0) != phases:
            return True                   # the usual case while training: no arrays compared
        return not core.state().same_as(state)

    @property
    def modified(self) -> bool:
        """True when the document has unsaved work: an edit, or training since it was saved
        (never for a :attr:`scratch` document)."""
        return not self.scratch and (not self.undo_stack.isClean() or self._training_moved())

    def _update_modified(self, *_args: Any) -> None:
        modified = self.modified
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    def set_unmodified(self, path: Path | None = None) -> None:
        """The document as it is now becomes the saved one (after a save to ``path``, or when
        its changes are deliberately dropped, as a --screenshot render does)."""
        if path is not None and path != self.path:
            self.path = path
            self.path_changed.emit()
        self.undo_stack.setClean()
        self._saved = self._training_point()
        self._update_modified()

    # -- the document -------------------------------------------------------------------
    def document_part(self, part: str) -> Any:
        core = self.session
        return {"network": core.network, "params": core.network.parameters(),
                "config": core.config, "dataset": core.dataset, "init": core.init,
                "fitted_dataset": (core.dataset, core.network, core.config)}[part]

    def push(self, part: str, new: Any, text: str, merge_key: str | None = None) -> None:
        """Edit the document undoably: replace ``part`` with ``new``.

        A configuration that does not fit the data raises ValueError here, before anything changes.
        """
        if part == "config":
            new = self.session.check_config(new)
        self._push(ReplaceCommand(self, part, new, text, merge_key))

    def _push(self, command: QUndoCommand) -> None:
        if self._make_room(command.cost, command.text()):
            self.undo_stack.push(command)
        else:
            command.redo()

    def _make_room(self, cost: int, text: str) -> bool:
        """Keep the copies the undo stack holds under UNDO_MAX_BYTES before an edit of ``cost``
        bytes: the older commands go (Qt can only drop them all).  False when the edit is too
        large to undo at all; it is then done without undo.  Either way :attr:`note` says so."""
        if self._in_macro or self.undo_bytes() + cost <= UNDO_MAX_BYTES:
            return True
        dirty = not self.undo_stack.isClean()
        self.undo_stack.clear()
        limit = f"the limit is {UNDO_MAX_BYTES // 2 ** 20} MiB of copies"
        if cost > UNDO_MAX_BYTES:
            self.undo_stack.resetClean()           # changed, and nothing to undo it with
            self.note.emit(f"{text}: done without undo ({cost / 2 ** 20:,.0f} MiB to keep; {limit})")
            return False
        if dirty:
            self.undo_stack.resetClean()
        self.note.emit(f"The earlier undo history was dropped to make room ({limit})")
        return True

    def undo_bytes(self) -> int:
        """The bytes of arrays held by the commands on the undo stack."""
        def cost(c: QUndoCommand) -> int:
            return getattr(c, "cost", 0) + sum(cost(c.child(i)) for i in range(c.childCount()))
        return sum(cost(self.undo_stack.command(i)) for i in range(self.undo_stack.count()))

    def _replace(self, part: str, value: Any) -> None:
        """Called by undo commands only.

        A run goes on through a change of the configuration (eta, the optimizer, the batch
        size, the schedule, ...): the engine takes it between two steps, so it applies from
        the next step.  Any other edit stops the run (it resets training).
        """
        if part not in ("config", "init"):
            self.stop()
        if part == "network":
            self.session.set_network(value)
            self.network_changed.emit()
            self.params_changed.emit()
            self.step_taken.emit()
        elif part == "params":
            self.session.set_parameters(value)
            self.params_changed.emit()
            self.step_taken.emit()
        elif part == "config":
            self.session.set_config(value)
            self.config_changed.emit()
            self.step_taken.emit()
        elif part == "init":            # how Re-initialise draws weights (saved with the file)
            self.session.init = value
            self.config_changed.emit()
        elif part == "dataset":
            self.session.set_dataset(value)
            self.dataset_changed.emit()
            self.params_changed.emit()
            self.step_taken.emit()
        elif part == "fitted_dataset":
            self.session.set_dataset_and_network(*value)
            self.network_changed.emit()
            self.config_changed.emit()
            self.dataset_changed.emit()
            self.params_changed.emit()
            self.step_taken.emit()

    def load(self, session: Session, path: Path | None, modified: bool = False, title: str | None = None) -> None:
        """Make ``session`` the open document (after it loaded and validated in full).

        ``modified``: the document is unsaved work (a recovered autosave) until it is saved.
        ``title``: the name of a document that has no file yet ("xor (example)"); None for
        "Untitled".  Once saved, the document goes by its file's name.
        """
        self.stop()
        self.session, self.path, self.title = session, path, title
        self._saved = None if modified else self._training_point()
        self.undo_stack.clear()
        self._announce_document()

    # -- a document kept aside ----------------------------------------------------------------
    def set_aside(self) -> AsideDocument:
        """Keep the open document aside, untouched, with its own undo history; the documents
        loaded next are :attr:`scratch` (a lesson's) until :meth:`bring_back`."""
        self.stop()
        aside = AsideDocument(self.session, self.path, self.title, self._saved, self.undo_stack)
        self._use_undo_stack(QUndoStack(self))
        self.scratch = True
        self._update_modified()
        return aside

    def bring_back(self, aside: AsideDocument) -> None:
        """Open the document kept by :meth:`set_aside` again, exactly as it was (its network,
        parameters, training position, file, unsaved work and undo history)."""
        self.stop()
        scratch_stack = self.undo_stack
        self.scratch = False
        self._use_undo_stack(aside.undo_stack)
        scratch_stack.deleteLater()
        self.session, self.path, self.title, self._saved = aside.session, aside.path, aside.title, aside.saved
        self._announce_document()

    def _use_undo_stack(self, stack: QUndoStack) -> None:
        for signal in (self.undo_stack.cleanChanged, self.undo_stack.indexChanged):
            signal.disconnect(self._update_modified)
        self.undo_stack = stack
        stack.cleanChanged.connect(self._update_modified)
        stack.indexChanged.connect(self._update_modified)
        self.undo_stack_replaced.emit()

    def follow_view_link(self, url: str) -> bool:
        """Raise the view a ``view:NAME`` link names (through :attr:`view_requested`); False
        for any other link, which the caller handles."""
        if not url.startswith(VIEW_LINK):
            return False
        self.view_requested.emit(url[len(VIEW_LINK):])
        return True

    def _announce_document(self) -> None:
        """Another document is open: every view redraws."""
        self._update_modified()
        self.document_changed.emit()
        self.network_changed.emit()
        self.config_changed.emit()
        self.dataset_changed.emit()
        self.params_changed.emit()
        self.step_taken.emit()

    def set_exercise_mode(self, on: bool) -> None:
        if on != self.exercise_mode:
            self.exercise_mode = on
            self.hidden.set_exercise(on)
            self.exercise_mode_changed.emit(on)

    # convenience edits -------------------------------------------------------------------
    def edit_network(self, network: Network, text: str) -> None:
        self.push("network", network, text)

    def edit_config(self, text: str, merge_key: str | None = None, **changes: Any) -> None:
        config = copy.deepcopy(self.session.config)
        for key, value in changes.items():
            if key in ("learning_rate",) or key not in TrainingConfig.__dataclass_fields__:
                config.optimizer_params[key] = value
            else:
                setattr(config, key, value)
        config.checked()
        self.push("config", config, text, merge_key)

    def edit_parameter(self, index: int, position: tuple[int, ...], value: float, text: str) -> None:
        """Set one entry of parameters()[index] (W0, b0, W1, b1, ...)."""
        self._push(ParameterCommand(self, index, position, value, text))

    def reinitialise(self, network: Network, init: dict[str, Any], text: str) -> None:
        """New weights and the scheme/seed they were drawn with: one undo step."""
        if not self._make_room(part_bytes(self.session.network) + part_bytes(network), text):
            self._replace("init", init)
            self._replace("network", network)
            return
        self.undo_stack.beginMacro(text)
        self._in_macro = True
        try:
            self.push("init", init, text)
            self.push("network", network, text)
        finally:
            self._in_macro = False
            self.undo_stack.endMacro()

    def edit_data_and_network(self, dataset: Dataset, network: Network, text: str) -> None:
        """Replace the dataset and the network together (one undo step), e.g. when input
        features change the input width; ValueError (nothing pushed) when they do not fit."""
        config = self.session.check_dataset_and_network(dataset, network, self.session.config)
        self.push("fitted_dataset", (dataset, network, config), text)

    def edit_dataset(self, dataset: Dataset, text: str) -> None:
        """Replace the dataset; ValueError (nothing pushed) when it does not fit the network."""
        self.session.check_dataset(dataset)
        self.push("dataset", dataset, text)

    def edit_dataset_adapting(self, dataset: Dataset, text: str) -> list[str]:
        """Replace the dataset; the network's input and output layers (and the loss, when it no
        longer fits) follow it (:func:`core.training.fit_data.fitted_to`), as one undo step,
        and :attr:`note` says what changed.  Returns those notes ([] when nothing had to)."""
        core = self.session
        network, config, notes = fitted_to(core.network, core.config, dataset, core.init)
        if not notes:
            self.edit_dataset(dataset, text)
            return []
        config = core.check_dataset_and_network(dataset, network, config)
        self.push("fitted_dataset", (dataset, network, config), f"{text} (adapt the network)")
        self.note.emit(f"{text}: the network follows the data: {'; '.join(notes)}")
        return notes

    # -- training (the core session's own timeline) ---------------------------------------
    def _moved(self, ok: bool = True) -> None:
        self.params_changed.emit()
        self.step_taken.emit()
        if self.session.diverged is not None:
            self.stop()
            self.diverged.emit(self.session.diverged.message)

    def _train(self, work: Callable[[], Any]) -> bool:
        """Do ``work`` (a training call) unless it would not fit in memory; a job too big
        (:mod:`core.checks.memory`) or a ``MemoryError`` stops the run with a :attr:`note`."""
        try:
            memory.check_training(self.session)
            work()
            return True
        except (InputError, MemoryError) as e:
            self.stop()
            self.note.emit(str(e) if isinstance(e, InputError) else "Out of memory: training stopped")
            return False

    def step_phase(self) -> None:
        if self._train(self.session.step_phase):
            self._moved()

    def step(self) -> None:
        if self._train(self.session.step):
            self._moved()

    def steps_for_epochs(self, epochs: int) -> int:
        """Training steps from here to the end of the ``epochs``-th epoch from now."""
        core = self.session
        n = len(core.dataset)
        batch = core.config.batch_size or n
        per_epoch = -(-n // batch)
        # a step in progress has not moved the position yet: it is the first of these steps
        return per_epoch * (epochs - 1) + -(-(n - core.position) // batch)

    def step_epoch(self) -> None:
        """To the end of the current epoch (runs in chunks, with progress: the window stays live)."""
        self.train_epochs(1)

    def train_epochs(self, epochs: int) -> None:
        """Train ``epochs`` epochs in chunks, as fast as possible whatever the run speed is;
        progress and the time left are reported."""
        self.start(steps=self.steps_for_epochs(epochs), fast=True)

    def back_phase(self) -> None:
        self.stop()
        if self.session.back_phase():
            self._moved()

    def back_step(self) -> None:
        self.stop()
        if self.session.back_step():
            self._moved()

    def reset(self) -> None:
        self.stop()
        self.session.reset()
        self._moved()

    # -- run mode: compute in chunks on a timer, redraw once per chunk --------------------
    @property
    def running(self) -> bool:
        return self._run_timer.isActive()

    def run_rate(self) -> float:
        """Steps per second of the run under way (0: as fast as possible).

        The watchable speed lets a learner follow the network, the debugger and the curve: an
        epoch takes about EPOCH_SECONDS, within WATCHABLE_RANGE steps per second (5 steps/s on
        the xor example's 10 batches, 3 on the article's single sample).
        """
        if self._run_fast or self.steps_per_second != self.WATCHABLE:
            return 0 if self._run_fast else self.steps_per_second
        core = self.session
        batches = -(-len(core.dataset) // (core.config.batch_size or len(core.dataset)))
        low, high = self.WATCHABLE_RANGE
        return min(max(batches / self.EPOCH_SECONDS, low), high)

    def start(self, steps: int | None = None, until_loss: float | None = None,
              until_step: int | None = None, until: Any = None, fast: bool = False) -> None:
        """Train continuously until paused, a condition holds, or training diverges; at the
        run speed (:meth:`run_rate`), or as fast as possible when ``fast``."""
        if self.session.diverged is not None:
            self.diverged.emit(self.session.diverged.message)
            return
        self._run_fast = fast
        self._run_target = {"steps": steps, "until_loss": until_loss, "until_step": until_step,
                            "until": until}
        self._run_started = time.perf_counter()
        self._run_done = 0
        self._run_credit = 0.0
        if not self.running:
            self._run_timer.start()
            self.run_state_changed.emit(True)

    def stop(self) -> None:
        self._run_fast = False
        if self.running:
            self._run_timer.stop()
            self.run_state_changed.emit(False)

    def toggle_run(self) -> None:
        self.stop() if self.running else self.start()

    def _on_run_timer_timeout(self) -> None:
        t = self._run_target
        deadline = time.perf_counter() + self.CHUNK_SECONDS
        budget = None
        rate = self.run_rate()
        if rate:
            self._run_credit += rate * self.FRAME_SECONDS
            budget = int(self._run_credit)
            self._run_credit -= budget
        steps = t["steps"]
        if steps is not None:
            left = steps - self._run_done
            budget = left if budget is None else min(budget, left)
        results = []
        if not self._train(lambda: results.append(self.session.run(
                steps=budget, until_loss=t["until_loss"], until_step=t["until_step"], until=t["until"],
                should_stop=lambda: time.perf_counter() > deadline))):
            self._moved()
            return
        result = results[0]
        self._run_done += result.steps
        self.run_progress.emit(self._run_done, steps or 0)
        finished = result.reason in ("loss", "step", "until", "diverged") or (
            steps is not None and self._run_done >= steps)
        if finished:
            self.stop()
        self._moved()
