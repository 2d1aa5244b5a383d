"""The app's own options with bad values (issue 22 §6): one line on stderr and exit 2.

Before: argparse printed the usage too (four lines), ``--size 0x0`` was accepted and
``--screenshot --size 60000x60000`` crashed Qt (a segfault).  A screenshot's target is checked
before the window is built, and never replaces a FIFO or a device.
"""
from __future__ import annotations

import os
import stat

import pytest

from backprop_studio.core.checks.atomic import NOT_REGULAR
from backprop_studio.gui.app import MAX_SIDE, parse_args


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as e:
        parse_args(argv)
    assert e.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("backprop-studio: error: "), err
    return err


@pytest.mark.parametrize("size", ["0x0", "0x600", "800x-1", "60000x60000", f"{MAX_SIDE + 1}x600"])
def test_a_window_size_out_of_range_is_refused_naming_the_range(size, capsys):
    err = refused(["--size", size], capsys)
    assert f"each side must be from 1 to {MAX_SIDE} pixels" in err


@pytest.mark.parametrize("argv, says", [
    (["--size", "big"], "expected WxH"), (["--steps", "-1"], "must not be negative"),
    (["--steps", "many"], "invalid int value"), (["--no-such-option"], "unrecognized arguments"),
    (["--screenshot", ""], "empty")])
def test_usage_errors_are_one_line(argv, says, capsys):
    assert says in refused(argv, capsys)


def test_the_largest_size_is_accepted():
    assert parse_args(["--size", f"{MAX_SIDE}x{MAX_SIDE}"]).size == (MAX_SIDE, MAX_SIDE)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_screenshot_into_a_fifo_is_refused_before_the_window_is_built(tmp_path, capsys):
    target = tmp_path / "shot.png"
    os.mkfifo(target)
    err = refused(["--screenshot", str(target)], capsys)
    assert f"{target}: {NOT_REGULAR}" in err
    assert stat.S_ISFIFO(os.lstat(target).st_mode)


def test_a_screenshot_into_a_missing_folder_is_refused(tmp_path, capsys):
    err = refused(["--screenshot", str(tmp_path / "no" / "shot.png")], capsys)
    assert "does not exist" in err and err.count("--screenshot") == 1
