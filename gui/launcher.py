"""The ``backprop-studio`` entry point: headless subcommands, or the desktop app.

    backprop-studio                      the app, with the article's 3-2-1 example
    backprop-studio --version            the version (no Qt loaded)
    backprop-studio FILE [--steps N] [--screenshot OUT.png] [--size WxH]
    backprop-studio SUBCOMMAND ...       trace, train, check, surface, descend,
                                         export-torch, import-torch (no Qt loaded)
    backprop-studio lessons check [PATH] validate lesson files (loads Qt modules for the app's names)
"""
from __future__ import annotations

import os
import sys

SUBCOMMANDS = ("trace", "train", "check", "surface", "descend", "export-torch", "import-torch", "lessons")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:
        # answered before Qt is imported: packaging scripts and bug reports ask it, with or without a display
        from backprop_studio.core.files.version import version_line
        print(version_line())
        return 0
    if argv and argv[0] == "lessons":
        # the check needs what a lesson may touch in the app (the allowlist the app's runner
        # reads too): gui.lesson_targets imports PySide6 modules (no QApplication, no display)
        from backprop_studio.core.cli.main import main as cli_main
        from backprop_studio.gui.lesson_targets import tab_pages, targets
        return cli_main(argv, targets(), tab_pages())
    if argv and argv[0] in SUBCOMMANDS:
        from backprop_studio.core.cli.main import main as cli_main
        return cli_main(argv)
    if argv and not argv[0].startswith("-") and not os.path.exists(argv[0]):
        # a mistyped command must not open a window (or abort without a display)
        sys.stderr.write(f"backprop-studio: error: no such command or file: {argv[0]!r} "
                         f"(commands: {', '.join(SUBCOMMANDS)}; or give a project file)\n")
        return 2
    from backprop_studio.gui.app import main as app_main
    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
