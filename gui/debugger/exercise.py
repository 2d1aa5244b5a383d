"""Exercise mode for the debugger: :class:`core.explain.exercise.Exercise` (the computation graph
uses it too) with the answer rule of :mod:`core.explain.answers` (the lessons use it too)."""
from __future__ import annotations

from backprop_studio.core.explain.exercise import ABS_TOL, REL_TOL, TRIES, Exercise, is_right, parse_answer

__all__ = ["ABS_TOL", "REL_TOL", "TRIES", "Exercise", "is_right", "parse_answer"]
