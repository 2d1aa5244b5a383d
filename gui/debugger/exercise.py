"""Exercise mode: the values the last phase computed are hidden until the student answers.

An answer is right by the one rule of :mod:`core.explain.answers` (within half a percent, or
1e-6 of a value near zero), the rule the lessons use too.  A first wrong answer gives a second
try (the value stays hidden); a second wrong answer reveals the value and its formula with
the numbers.  Each hidden value is scored once, when it is settled: right at the first or
second try, or revealed.  The score is kept for the session (it survives stepping and
stepping back; toggling the mode keeps it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.explain import Ref
from core.explain.answers import ABS_TOL, REL_TOL, TRIES, is_right, parse_answer

__all__ = ["ABS_TOL", "REL_TOL", "TRIES", "Exercise", "is_right", "parse_answer"]


@dataclass
class Exercise:
    enabled: bool = False
    right: int = 0
    attempts: int = 0
    position: object = None
    revealed: set[Ref] = field(default_factory=set)
    wrong_tries: dict[Ref, int] = field(default_factory=dict)

    def moved_to(self, position: object) -> None:
        """A new training position: the new values are hidden again."""
        if position != self.position:
            self.position = position
            self.revealed = set()
            self.wrong_tries = {}

    def hides(self, ref: Ref, is_new: bool) -> bool:
        return self.enabled and is_new and ref not in self.revealed

    def answer(self, ref: Ref, text: str, value: float) -> bool:
        """Check an answer for ``ref`` (raises ValueError for text that is not a number).

        A right answer, or the last of :data:`TRIES` wrong ones, settles ``ref``: it is scored
        and revealed.  An earlier wrong answer leaves it hidden for another try.
        """
        guess = parse_answer(text)
        ok = is_right(guess, value)
        if not ok:
            self.wrong_tries[ref] = self.wrong_tries.get(ref, 0) + 1
        if ok or self.wrong_tries[ref] >= TRIES:
            self.attempts += 1
            self.right += int(ok)
            self.revealed.add(ref)
        return ok

    def tries_left(self, ref: Ref) -> int:
        """How many answers ``ref`` still gets before it is revealed."""
        return 0 if ref in self.revealed else TRIES - self.wrong_tries.get(ref, 0)

    @property
    def score(self) -> str:
        return f"Score: {self.right} / {self.attempts}"
