"""Exercise mode: the values the last phase computed are hidden until the student answers.

An answer is right when it is within an absolute 5e-4 or a relative 1e-3 of the recorded
value (whichever is looser): four significant digits, as the explanations show them.
A wrong answer reveals the value and its formula with the numbers.  The score is kept
for the session (it survives stepping and stepping back; toggling the mode keeps it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.checks.number_text import parse_number
from core.explain import Ref

# Right within half a percent of the true value (three significant digits are enough), or
# within 1e-6 of a value that is (nearly) zero.  A fixed absolute tolerance alone would accept
# 0 for every small gradient.
ABS_TOL = 1e-6
REL_TOL = 5e-3


def parse_answer(text: str) -> float:
    """The typed number; ValueError with a clear message when it is not a finite number."""
    return parse_number(text.replace(" ", ""))


def is_right(answer: float, value: float) -> bool:
    return abs(answer - value) <= ABS_TOL + REL_TOL * abs(value)


@dataclass
class Exercise:
    enabled: bool = False
    right: int = 0
    attempts: int = 0
    position: object = None
    revealed: set[Ref] = field(default_factory=set)

    def moved_to(self, position: object) -> None:
        """A new training position: the new values are hidden again."""
        if position != self.position:
            self.position = position
            self.revealed = set()

    def hides(self, ref: Ref, is_new: bool) -> bool:
        return self.enabled and is_new and ref not in self.revealed

    def answer(self, ref: Ref, text: str, value: float) -> bool:
        """Score an answer for ``ref`` (raises ValueError for text that is not a number)."""
        guess = parse_answer(text)
        ok = is_right(guess, value)
        self.attempts += 1
        self.right += int(ok)
        self.revealed.add(ref)
        return ok

    @property
    def score(self) -> str:
        return f"Score: {self.right} / {self.attempts}"
