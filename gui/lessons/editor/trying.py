"""Try from Here: play the lesson being written as a learner, from the selected step.

The lesson is read from the editor's document as the file would be (strictly: a lesson that
does not read says why under the editor and does not start) and started in the Lessons panel at
the selected step, with its own throw-away progress (:data:`TRY_KEY`).  The panel keeps the
user's document aside as for any lesson.  While it plays, the editor says so and offers Back to
Editing; that, or leaving the lesson in the panel (Leave lesson, Finish), brings the user's
document back as it was and the editor back where it was.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.lessons import lesson_from_dict
from backprop_studio.core.lessons.markdown import render_plain

from ...language import tr
from .. import progress
from ..safe_text import set_rich
from ..window import views_of

if TYPE_CHECKING:
    from .editor import LessonEditor

TRY_KEY = "lesson-editor-try"      # the progress of a lesson being tried (forgotten after)


class Trying:
    def __init__(self, editor: LessonEditor) -> None:
        self.editor = editor
        self.active = False
        editor.back_button.clicked.connect(self.back)

    @property
    def panel(self):
        return views_of(self.editor.window_)["lessonPanel"]

    def start(self, index: int | None = None) -> bool:
        """Play the lesson from step ``index`` (default: the selected one); False when it cannot."""
        e = self.editor
        index = e.index if index is None else index
        try:
            lesson = lesson_from_dict(json.loads(e.document.text()), e.document.path)
        except InputError as err:
            set_rich(e.problem_label, render_plain(tr("Cannot try the lesson yet: {error}").format(error=err)))
            return False
        panel = self.panel
        if panel.lesson is not None:
            panel.leave()
        progress.reset(TRY_KEY)
        self._set_active(True, index)
        panel.left.connect(self._on_panel_left)
        panel.start(lesson, TRY_KEY, at=index)
        return True

    def back(self) -> None:
        """Back to editing: leave the lesson (the user's document comes back)."""
        if self.panel.lesson is not None:
            self.panel.leave()           # emits left: see _on_panel_left
        else:
            self._on_panel_left()

    def _on_panel_left(self) -> None:
        try:
            self.panel.left.disconnect(self._on_panel_left)
        except (RuntimeError, TypeError):
            pass
        progress.reset(TRY_KEY)
        self._set_active(False)
        dock = self.editor.parentWidget()
        if dock is not None:
            dock.show()
            dock.raise_()

    def _set_active(self, on: bool, index: int = 0) -> None:
        e = self.editor
        self.active = on
        e.banner.setVisible(on)
        set_rich(e.banner_text, tr("<b>Trying the lesson</b> from step {n} in the Lessons panel, as a "
                                   "learner. Your document is kept aside.").format(n=index + 1) if on else "")
        e.body.setEnabled(not on)
        e.files_button.setEnabled(not on)
        for name, action in e.actions_.items():
            action.setEnabled(not on if name not in ("lessonEditorUndo", "lessonEditorRedo") else
                              (not on and (e.document.undo_stack.canUndo() if name.endswith("Undo")
                                           else e.document.undo_stack.canRedo())))
