"""The bundle's entry point: what ``backprop-studio`` runs inside the standalone build.

The same function as the installed console script (pyproject.toml's ``[project.scripts]``).
"""
import sys

from backprop_studio.gui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
