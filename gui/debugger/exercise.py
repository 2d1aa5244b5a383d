"""Exercise mode's rule lives in :mod:`core.explain.exercise` (the computation graph uses it too);
re-exported here for the debugger."""
from __future__ import annotations

from core.explain.exercise import ABS_TOL, REL_TOL, TRIES, Exercise, is_right, parse_answer

__all__ = ["ABS_TOL", "REL_TOL", "TRIES", "Exercise", "is_right", "parse_answer"]
