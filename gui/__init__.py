"""Backprop Studio's desktop app (PySide6 + pyqtgraph).

Importing ``gui`` itself loads no Qt, so the console entry point can dispatch headless
subcommands without paying for Qt's start-up.
"""
