"""The package list, which pyproject.toml cannot state with a prefix: every package under core/
and gui/, installed as backprop_studio.core.* and backprop_studio.gui.* (pyproject.toml maps the
folders), and backprop_studio.resources for the shipped files."""
from setuptools import find_packages, setup

TOP = "backprop_studio"
packages = [f"{TOP}.{name}" for name in find_packages(include=["core", "core.*", "gui", "gui.*"])]
setup(packages=[*packages, f"{TOP}.resources"])
