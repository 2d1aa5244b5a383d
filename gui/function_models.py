"""The function views' models, as the studio owns them: two core models, their Qt signals, and
the worker thread that walks the race.

:class:`FunctionModels` holds the 1-D :class:`~core.surfaces.function_model.Descent1D` and the
2-D :class:`~core.surfaces.race_model.Race` (``studio.functions.descent``, ``.race``).  The views
render them and change them through their methods; a lesson sets them (``gui/lessons/runner.py``);
whoever changes them, every view hears it by :attr:`descent_changed` or :attr:`race_changed`
(with the aspect that changed).  When the race needs new paths, they are walked in a
:class:`~gui.workers.TaskRunner` and handed back to the model on the main thread: a race of
thousands of steps never freezes the window.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from backprop_studio.core.surfaces.function_model import PATHS, Descent1D
from backprop_studio.core.surfaces.race_model import Race, RaceJob, walk_race

from .workers import TaskRunner


class FunctionModels(QObject):
    descent_changed = Signal(str)   # the 1-D model changed: the aspect (core.surfaces.function_model)
    race_changed = Signal(str)      # the 2-D model changed: the aspect
    race_failed = Signal(str)       # walking the race failed: one line saying why

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.descent = Descent1D()
        self.race = Race()
        self.runner = TaskRunner(self)
        self._job: RaceJob | None = None
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self.race_failed)
        # a lambda holding the runner (not self): it still works while self is being destroyed
        self.destroyed.connect(lambda *_args, r=self.runner: r.shutdown())
        self.descent.subscribe(self.descent_changed.emit)
        self.race.subscribe(self._on_race_changed)

    def _on_race_changed(self, aspect: str) -> None:
        if aspect != PATHS:
            self.walk()
        self.race_changed.emit(aspect)

    def walk(self) -> None:
        """Walk the race's paths unless they are walked or being walked for the race as it stands
        (a walk of an older state is cancelled: its result dropped).  The race's first paths are
        walked when a view first asks: a studio without a 2-D view starts no thread."""
        race, job = self.race, self._job
        if race.ready or (job is not None and job.generation == race.generation and self.runner.running):
            return
        self._job = job = race.job()
        self.runner.start(walk_race, job.objective, job.specs, job.steps)

    def _on_runner_finished(self, paths: list) -> None:
        if self._job is not None:
            self.race.set_paths(self._job, paths)

    def shutdown(self) -> None:
        """Cancel a walk under way and wait for its thread to end."""
        self.runner.shutdown()
