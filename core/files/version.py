"""The app's version, read where it is written once: ``version`` in pyproject.toml.

Installing (editable, from a wheel, with pipx) writes that version into the distribution's
metadata, and the standalone bundle carries a copy of the metadata (packaging/backprop-studio.spec:
``copy_metadata``), so :func:`importlib.metadata.version` answers in every way the app is run.
An editable install keeps the version it was installed with: reinstall after changing it.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as distribution_version

DISTRIBUTION = "backprop-studio"    # the name pip, pipx and PyPI know the app by
NOT_INSTALLED = "unknown (not installed: pip install -e .)"


def version() -> str:
    """The installed version, for example ``"0.1.0"``."""
    try:
        return distribution_version(DISTRIBUTION)
    except PackageNotFoundError:
        return NOT_INSTALLED


def version_line() -> str:
    """What ``backprop-studio --version`` prints: ``backprop-studio 0.1.0``."""
    return f"{DISTRIBUTION} {version()}"
