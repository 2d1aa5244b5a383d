"""Capture view state: what the window shows, as a lesson step's keys.

- the network: the document embedded at its initial parameters and the training position
  (:func:`core.lessons.record.network_state`: the lesson holds no trained numbers, no answers);
- the 1-D view: its function, start, optimizer, η and the step t it shows
  (the studio's model, ``studio.functions.descent.state()``);
- the 2-D view: its function, its runs (each start, optimizer and η) and their steps
  (``studio.functions.race.state()``);
- a value to ask about or to select: the Step Debugger's selection (which follows the
  computation graph's), the 1-D view's x_t, f(x_t) or f'(x_t) at its t, or the race's selected
  run at the slider's t (:func:`core.lessons.record.value_spec_of` for a network value).

:class:`Live` reads them from the window; :class:`StateForm` is the editor's "State" tab.
"""
from __future__ import annotations

import copy
from typing import Any

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from backprop_studio.core.lessons.record import network_state, value_spec_of

from ...language import tr
from ..pages import button
from ..window import studio_of
from .bound import StepForm
from .document import LessonDocument


class Live:
    """What the window shows now, in a lesson file's words."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window

    @property
    def session(self):
        return studio_of(self.window).session

    def _view(self, name: str) -> Any:
        return self.window.findChild(QWidget, name)

    def selected_value(self) -> dict[str, Any] | None:
        """The VALUE of the Step Debugger's selected cell (None: nothing a lesson can name)."""
        ref = getattr(self._view("stepDebugger"), "_selected", None)
        return value_spec_of(ref) if ref is not None else None

    @property
    def functions(self):
        return studio_of(self.window).functions

    def function1d(self) -> dict[str, Any]:
        return copy.deepcopy(self.functions.descent.state())

    def function2d(self) -> dict[str, Any]:
        return copy.deepcopy(self.functions.race.state())

    def function_value(self, view: str, kind: str, coordinate: int = 1) -> dict[str, Any]:
        """x_t, f(x_t) or the gradient at the step ``t`` the view shows (the race: its selected run)."""
        spec: dict[str, Any] = {"kind": kind, "view": view}
        if view == "function1d":
            spec["t"] = int(self.functions.descent.t)
        else:
            spec["t"] = int(self.functions.race.t)
            spec["run"] = self._view("functionView2d")._selected() + 1   # the view's selection
        if kind != "f" and view == "function2d":
            spec["coordinate"] = coordinate
        return spec

    def phases(self) -> list[str]:
        """The phase names of the network on show ("forward layer 1", ..., "update")."""
        return [str(p) for p in self.session.phases]

    def position(self) -> tuple[int, str | None]:
        """(training steps done, the phase of a step in progress or None)."""
        pending = self.session.pending
        phase = str(pending.current_phase) if pending is not None and pending.current_phase is not None else None
        return self.session.step_count, phase


def state_words(state: Any) -> str:
    """A step's state in a line: what it loads."""
    if not isinstance(state, dict) or not state:
        return tr("No state of its own: the step keeps what the previous step showed (and the learner did).")
    parts = []
    if "project" in state:
        if state.get("after_phase"):
            parts.append(tr("the network ({project}) at step {step}, after {phase}").format(
                project=state["project"], step=state.get("step", 0), phase=state["after_phase"]))
        else:
            parts.append(tr("the network ({project}) at step {step}").format(
                project=state["project"], step=state.get("step", 0)))
    if "function1d" in state:
        f = state["function1d"]
        parts.append(tr("the 1-D view ({function}, t = {t})").format(function=_function(f), t=f.get("t", 0)))
    if "function2d" in state:
        f = state["function2d"]
        parts.append(tr("the 2-D view ({function}, {runs} run(s), {steps} steps)").format(
            function=_function(f), runs=len(f.get("runs", [])), steps=f.get("steps", 100)))
    return tr("Loads {parts}.").format(parts="; ".join(parts))


def _function(f: dict[str, Any]) -> str:
    name = f.get("function")
    return f"f = {name['expression']}" if isinstance(name, dict) else str(name)


class StateForm(StepForm):
    """The State tab: the step's state in words and the Capture buttons."""

    def __init__(self, document: LessonDocument, live: Live, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.live = live
        self.words = QLabel()
        self.words.setObjectName("lessonEditorStateWords")
        self.words.setWordWrap(True)
        self.network_button = button(tr("Capture the network"), "lessonEditorCaptureNetwork",
                                     tr("The document as the window shows it (at its initial parameters) and the "
                                        "training position: steps done and the phase of a step in progress; the "
                                        "value selected in the Step Debugger becomes the step's selection"))
        self.f1_button = button(tr("Capture the 1-D view"), "lessonEditorCapture1d",
                                tr("The 1-D view's function, start, optimizer, η and the step t it shows"))
        self.f2_button = button(tr("Capture the 2-D view"), "lessonEditorCapture2d",
                                tr("The 2-D view's function and its runs (each start, optimizer and η), "
                                   "and their steps"))
        self.clear_button = button(tr("No state"), "lessonEditorClearState",
                                   tr("The step keeps what the previous step showed (a question needs a state)"))
        self.network_button.clicked.connect(self.capture_network)
        self.f1_button.clicked.connect(lambda: self._capture("function1d", self.live.function1d()))
        self.f2_button.clicked.connect(lambda: self._capture("function2d", self.live.function2d()))
        self.clear_button.clicked.connect(lambda: self.set("state", None, tr("Clear step state")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        note = QLabel(tr("Set the window up as the learner should find it (open a project and train it to a "
                         "position, or set up the 1-D or 2-D view), then capture it here. A capture keeps the "
                         "step's other parts: the network and a view can be captured into one step."))
        note.setWordWrap(True)
        layout.addWidget(note)
        for w in (self.network_button, self.f1_button, self.f2_button, self.clear_button):
            layout.addWidget(w)
        layout.addWidget(self.words)
        layout.addStretch(1)
        self.refresh()

    def load(self, step: dict[str, Any]) -> None:
        self.words.setText(state_words(step.get("state")))

    def _capture(self, key: str, value: Any) -> None:
        def change(doc: dict[str, Any]) -> None:
            state = doc["steps"][self.index].setdefault("state", {})
            if not isinstance(state, dict):
                doc["steps"][self.index]["state"] = state = {}
            state[key] = value
        self.document.edit(tr("Capture {key}").format(key=key), change)

    def capture_network(self) -> None:
        """The document and its training position into the step (and the debugger's selection)."""
        selected = self.live.selected_value()

        def change(doc: dict[str, Any]) -> None:
            step = doc["steps"][self.index]
            state = step.get("state") if isinstance(step.get("state"), dict) else {}
            for key in ("project", "step", "after_phase"):
                state.pop(key, None)
            projects = dict(doc.get("projects", {}))
            state.update(network_state(projects, self.live.session))
            doc["projects"] = projects
            step["state"] = state
            if selected is not None:
                show = step.get("show") if isinstance(step.get("show"), dict) else {}
                show["select"] = selected
                step["show"] = show
        self.document.edit(tr("Capture the network"), change)
