"""The answer widgets of the kinds of question (docs/lesson-file.md, "Kinds of question").

:class:`.area.QuestionArea` sits in the Lessons panel under the prompt and holds the widget of
the step's kind: options to choose (:mod:`.choices`, radio buttons), phases to put in order
(:mod:`.order`, a list with up/down buttons and drag), a note for a point to click on a
function view or a control to set (with a live "does it hold?" line).  A typed number keeps
the panel's own answer field (``lessonAnswer``).  What is right is never decided here: the
runner judges every answer with :func:`core.lessons.question_kinds.judge` on the live state.
"""
