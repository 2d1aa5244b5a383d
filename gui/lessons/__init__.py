"""The Lessons panel: a learner walks through the article inside the app, step by step.

A lesson is a file of the lesson format (``docs/lesson-file.md``), read and checked by the
Qt-free :mod:`core.lessons`.  This package shows it and drives the app with it:

* :mod:`.panel` -- the dock (``lessonPanel``): the list of lessons with progress, the step's
  text, Back / Next, the answer field, hints, Show me, Leave lesson, Reset progress;
* :mod:`.runner` -- applies a step to the live app: its state (the studio's document and the
  function views), settings, what it shows and what it locks; evaluates the task's condition;
* :mod:`.locks`, :mod:`.pointing` -- locked controls (with the reason in their tooltip) and
  the highlight / tab switching that points at a view or an action;
* :mod:`.progress` -- the learner's place in each lesson, kept in QSettings;
* :mod:`.recorder` -- a teacher records the app's state as steps and saves the lesson.

Entering a lesson sets the user's own document aside (``StudioSession.set_aside``); leaving
brings it back exactly as it was.  The lesson's documents are *scratch*: never autosaved,
never prompted about, never added to the recent files.
"""
