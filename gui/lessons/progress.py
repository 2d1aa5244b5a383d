"""The learner's place in each lesson, kept in QSettings under the lesson's id.

``lessons/<id>/current``: the step shown last (0-based); ``lessons/<id>/done``: the steps
whose task was done (0-based).  ``lessons/welcomed`` is set once the panel has been offered on
the first launch.  Nothing else about a lesson is stored: a step's state comes from the lesson.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

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
            out.append(int(item))
        except (TypeError, ValueError):
            continue          # a hand-edited settings file: an unreadable entry is dropped
    return out


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
