"""The headless command line: ``backprop-studio trace|train|check|surface|descend``."""
from __future__ import annotations

from .main import main

__all__ = ["main"]
