"""The one Qt-side object that changes the model: the *studio*.

:class:`StudioSession` wraps a :class:`core.training.session.Session`.  Views take it in their
constructor (as ``studio``), read the model through ``studio.session`` and subscribe to its
signals; they never change the model themselves.  Document edits go through :meth:`push` as undo
commands, which replace a part of the document (:attr:`parts`, gui/document_parts.py);
training moves along the core session's own timeline (step, step back, run) and is not on the
undo stack; run mode's chunks are :attr:`run_loop`'s (gui/run_loop.py).  The function views'
state is :attr:`functions` (gui/function_models.py): not the document's, never undone.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from backprop_studio.core.checks import memory
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import Network
from backprop_studio.core.training.fit_data import fitted_to
from backprop_studio.core.training.history import TrainingState
from backprop_studio.core.training.session import Session, TrainingConfig

from .commands import UNDO_MAX_BYTES, ParameterCommand, ReplaceCommand, part_bytes
from .document_parts import document_parts
from .fine_stepping import FineStepping
from .function_models import FunctionModels
from .hidden_values import HiddenValues
from .language import tr
from .run_loop import RunLoop
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

    WATCHABLE = RunLoop.WATCHABLE     # steps_per_second meaning "a speed a learner can follow"

    def __init__(self, session: Session, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.title: str | None = None     # the name of a document without a file; see load()
        self.undo_stack = QUndoStack(self)
        self.parts = document_parts(self)  # what an undo command replaces (get, set, its signal)
        self._in_macro = False
        self.exercise_mode = False        # the student computes the values: views must not show them
        self.hidden = HiddenValues(self)  # what no view may print now (exercise mode, a lesson's question)
        self.sample = SharedSample(self)  # the sample of the batch every view shows (gui/shared_sample.py)
        self.fine = FineStepping(self)    # F11 one unit at a time: the tick on show (gui/fine_stepping.py)
        self.functions = FunctionModels(self)   # the 1-D and 2-D function views' state (not the document's)
        self.scratch = False              # a lesson's document: no unsaved work, never autosaved or prompted
        # run mode (F5): the loop decides how much to train each frame; training goes through here
        self.run_loop = RunLoop(lambda: self.session, self._train, self._moved, self)
        self.run_loop.state_changed.connect(self.run_state_changed)
        self.run_loop.progressed.connect(self.run_progress)
        self._saved: tuple[TrainingState, int] | None = self._training_point()
        self._modified = False
        # bound methods of this object: Qt drops these connections when it is destroyed
        self.undo_stack.cleanChanged.connect(self._update_modified)
        self.undo_stack.indexChanged.connect(self._update_modified)
        self.step_taken.connect(self._update_modified)
        # connected before any view: a view redrawing on these signals finds the test loss there
        self.step_taken.connect(self._log_test_loss)
        self.run_state_changed.connect(self._log_test_loss)

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
    def push(self, part: str, new: Any, text: str, merge_key: str | None = None) -> None:
        """Edit the document undoably: replace ``part`` (a name of :mod:`gui.document_parts`)
        with ``new``.

        A configuration that does not fit the data, or an unknown part, raises ValueError here,
        before anything changes.
        """
        if part not in self.parts:
            raise ValueError(f"unknown document part {part!r}")
        if part == "config":
            new = self.session.check_config(new)
        self._push(ReplaceCommand(self.parts[part], new, text, merge_key))

    def _push(self, command: ReplaceCommand | ParameterCommand) -> None:
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
        limit = tr("the limit is {mib} MiB of copies").format(mib=UNDO_MAX_BYTES // 2 ** 20)
        if cost > UNDO_MAX_BYTES:
            self.undo_stack.resetClean()           # changed, and nothing to undo it with
            self.note.emit(tr("{edit}: done without undo ({mib} MiB to keep; {limit})").format(
                edit=text, mib=f"{cost / 2 ** 20:,.0f}", limit=limit))
            return False
        if dirty:
            self.undo_stack.resetClean()
        self.note.emit(tr("The earlier undo history was dropped to make room ({limit})").format(limit=limit))
        return True

    def undo_bytes(self) -> int:
        """The bytes of arrays held by the commands on the undo stack."""
        def cost(c: QUndoCommand) -> int:
            return getattr(c, "cost", 0) + sum(cost(c.child(i)) for i in range(c.childCount()))
        return sum(cost(self.undo_stack.command(i)) for i in range(self.undo_stack.count()))

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
        self._push(ParameterCommand(self.parts["params"], index, position, value, text))

    def reinitialise(self, network: Network, init: dict[str, Any], text: str) -> None:
        """New weights and the scheme/seed they were drawn with: one undo step."""
        if not self._make_room(part_bytes(self.session.network) + part_bytes(network), text):
            self.parts["init"].set(init)
            self.parts["network"].set(network)
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
        self.push("fitted_dataset", (dataset, network, config), tr("{edit} (adapt the network)").format(edit=text))
        self.note.emit(tr("{edit}: the network follows the data: {changes}").format(
            edit=text, changes="; ".join(notes)))
        return notes

    # -- training (the core session's own timeline) ---------------------------------------
    def _log_test_loss(self, *_args: Any) -> None:
        """The position shown, when training is not running, gets its test loss in the log (the
        stepper samples it every k-th step while running: core.training.log.test_loss_stride)."""
        if not self.running:
            self.session.log_test_loss()

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
            self.note.emit(str(e) if isinstance(e, InputError) else tr("Out of memory: training stopped"))
            return False

    def step_phase(self) -> None:
        if self._train(self.session.step_phase):
            self._moved()

    def step(self) -> None:
        if self._train(self.session.step):
            self._moved()

    def steps_for_epochs(self, epochs: int) -> int:
        """Training steps from here to the end of the ``epochs``-th epoch from now."""
        return self.session.steps_for_epochs(epochs)

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

    def train_steps(self, steps: int) -> None:
        """Take ``steps`` whole training steps at once (fewer when training diverges), then tell
        the views once: the ``--steps N`` of the command line, before the window is shown."""
        if steps > 0:
            self._train(lambda: self.session.run(steps=steps))
        self._moved()

    # -- run mode: gui/run_loop.py trains in chunks on a timer; the views redraw per chunk ----
    @property
    def running(self) -> bool:
        return self.run_loop.running

    @property
    def steps_per_second(self) -> float:
        """The run speed: 0 as fast as possible, WATCHABLE an epoch in about 2 s (:meth:`run_rate`)."""
        return self.run_loop.steps_per_second

    @steps_per_second.setter
    def steps_per_second(self, value: float) -> None:
        self.run_loop.steps_per_second = value

    def run_rate(self) -> float:
        """Steps per second of the run under way (0: as fast as possible): :meth:`RunLoop.rate`."""
        return self.run_loop.rate()

    def start(self, steps: int | None = None, until_loss: float | None = None,
              until_step: int | None = None, until: Any = None, fast: bool = False) -> None:
        """Train continuously until paused, a condition holds, or training diverges; at the
        run speed (:meth:`run_rate`), or as fast as possible when ``fast``."""
        if self.session.diverged is not None:
            self.diverged.emit(self.session.diverged.message)
            return
        self.run_loop.start(steps, until_loss, until_step, until, fast)

    def stop(self) -> None:
        self.run_loop.stop()

    def toggle_run(self) -> None:
        self.stop() if self.running else self.start()
