"""The learner's place in each lesson, kept in QSettings under the lesson's key.

``lessons/<key>/current``: the step shown last (0-based); ``lessons/<key>/done``: the steps
whose task was done (0-based).  ``lessons/welcomed`` is set once the panel has been offered on
the first launch.  Nothing else about a lesson is stored: a step's state comes from the lesson.

The key (:func:`key_of`) is the lesson's id for a shipped lesson (as it always was), and its id
with a digest of its file (and its place in a course) for any other: two teachers' lessons may
share an id, and a copy of a shipped lesson being edited is another lesson.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings

from backprop_studio.core.files.resources import LESSONS_DIR

WELCOMED = "lessons/welcomed"


@dataclass
class LessonProgress:
    current: int = 0
    done: set[int] = field(default_factory=set)

    def label(self, steps: int) -> str:
        """What the lesson list shows: "3/7", or "✓ 7/7" when every step is done."""
        n = len({i for i in self.done if 0 <= i < steps})
        return f"✓ {n}/{steps}" if n >= steps else f"{n}/{steps}"


def _ints(value: object) -> list[int]:
    """QSettings hands a one-item list back as a plain value, and numbers as text: both read back."""
    items = value if isinstance(value, list) else [] if value in (None, "") else [value]
    out = []
    for item in items:
        try:
            out.append(int(item) if isinstance(item, (int, float, str)) else int(str(item)))
        except (TypeError, ValueError):
            continue          # a hand-edited settings file: an unreadable entry is dropped
    return out


def key_of(lesson_id: str, path: Path | None = None, index: int | None = None, shipped: Path = LESSONS_DIR) -> str:
    """Where a lesson's progress is kept: ``lesson_id`` for a lesson of the ``shipped`` folder
    (or one with no file), ``lesson_id@digest`` of its resolved file (and ``index`` in a
    course) for any other."""
    if path is None:
        return lesson_id
    resolved = Path(path).resolve()
    if index is None and resolved.parent == Path(shipped).resolve():
        return lesson_id
    where = f"{resolved}#{index}" if index is not None else str(resolved)
    return f"{lesson_id}@{hashlib.sha1(where.encode('utf-8')).hexdigest()[:12]}"


def load(lesson_id: str) -> LessonProgress:
    settings = QSettings()
    current = _ints(settings.value(f"lessons/{lesson_id}/current", 0))
    return LessonProgress(max(current[0], 0) if current else 0,
                          set(_ints(settings.value(f"lessons/{lesson_id}/done", []))))


def save(lesson_id: str, progress: LessonProgress) -> None:
    settings = QSettings()
    settings.setValue(f"lessons/{lesson_id}/current", progress.current)
    settings.setValue(f"lessons/{lesson_id}/done", sorted(progress.done))


def reset(lesson_id: str) -> None:
    QSettings().remove(f"lessons/{lesson_id}")


def first_launch() -> bool:
    """True the first time it is asked (then never again): the app offers the lessons once."""
    settings = QSettings()
    if settings.value(WELCOMED, False) in (True, "true"):
        return False
    settings.setValue(WELCOMED, True)
    return True
