"""The one error type for bad user input.

Files, CSV rows, typed numbers and typed expressions that cannot be used raise
:class:`InputError`.  Its ``where`` names the place: a JSON path such as
``network.weights[1]``, a CSV line such as ``data.csv line 7``, or a character position
in an expression.  ``str(error)`` is the one line the CLI prints and the GUI shows.
"""
from __future__ import annotations


class InputError(ValueError):
    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message
