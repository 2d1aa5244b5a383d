"""Writes never go through something that is not a regular file (issue 22 §6).

``os.replace`` swaps whatever directory entry it is given: before the check, ``train --save`` to a
FIFO or a device exited 0 and left a regular file in its place (as root, ``--save /dev/null``
replaced the system's device).  Every command that writes refuses such a target with one line
and exit 2, before any work, and leaves it as it was.  A character device needs root (mknod);
that case is skipped, saying so, where it is not permitted.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from backprop_studio.core.checks import atomic
from backprop_studio.core.checks.atomic import NotARegularFile, check_target, write_atomically
from backprop_studio.core.cli.main import main
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR
from tests.fifos import fifo_maker

ARTICLE = EXAMPLES_DIR / "article_3_2_1.json"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and devices are POSIX")


@pytest.fixture
def fifo():
    """Makes FIFOs with a reader (tests/fifos.py): a write into one is seen, never waited on."""
    yield from fifo_maker()


def make_null_device(path: Path) -> Path:
    """A character device like /dev/null (1, 3); skipped where mknod is not permitted (not root)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a character device needs root (mknod c 1 3); the FIFO cases cover the rule")
    return path


def make_folder(path: Path) -> Path:
    path.mkdir()
    return path


KINDS = {"fifo": (None, stat.S_ISFIFO), "device": (make_null_device, stat.S_ISCHR),
         "folder": (make_folder, stat.S_ISDIR)}


def torch_weights(tmp_path: Path) -> str:
    torch = pytest.importorskip("torch")
    net = project_file.load(ARTICLE).network
    state = {f"{2 * k}.weight": torch.tensor(w.T.copy()) for k, w in enumerate(net.W)}
    path = tmp_path / "w.pt"
    torch.save(state, path)
    return str(path)


COMMANDS = {   # each writing command, given its output path and a folder for its inputs
    "train --save": lambda out, tmp: ["train", str(ARTICLE), "--steps", "1", "--save", out],
    "trace --out": lambda out, tmp: ["trace", str(ARTICLE), "--out", out],
    "export-torch -o": lambda out, tmp: ["export-torch", str(ARTICLE), "-o", out],
    "import-torch -o": lambda out, tmp: ["import-torch", torch_weights(tmp), "--like", str(ARTICLE), "-o", out],
    "surface --out": lambda out, tmp: ["surface", str(ARTICLE), "--mode", "random", "--grid", "3", "--out",
                                       out + ".csv"],
    "descend --out": lambda out, tmp: ["descend", "--function", "bowl", "--optimizer", "sgd", "--lr", "0.1",
                                       "--out", out + ".csv"],
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_writing_command_refuses_a_target_that_is_not_a_regular_file(tmp_path, capsys, fifo, command, kind):
    inputs = tmp_path / "in"
    inputs.mkdir()
    argv = COMMANDS[command](str(tmp_path / "target"), inputs)
    made, is_kind = KINDS[kind]
    drained = fifo(Path(argv[-1])) if made is None else None
    target = drained.path if drained else made(Path(argv[-1]))
    capsys.readouterr()
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert err == f"backprop-studio: error: {argv[-1]}: {atomic.NOT_REGULAR}\n"
    assert out == ""                                    # refused before any work (no "final loss")
    assert is_kind(os.lstat(target).st_mode)            # still what it was
    assert drained is None or drained.written() == b""  # and nothing went into the pipe
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", target.name])   # no temporary file


def test_an_empty_trace_out_is_refused_like_the_other_outputs(capsys):
    assert main(["trace", str(ARTICLE), "--out", ""]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "--out" in err and "empty" in err


def test_a_link_to_a_regular_file_writes_that_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["train", str(ARTICLE), "--steps", "2", "--save", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert project_file.load(real).step_count == 2


def test_a_link_to_a_fifo_is_refused_like_the_fifo(tmp_path, capsys, fifo):
    drained = fifo(tmp_path / "fifo")
    link = tmp_path / "link.json"
    link.symlink_to(drained.path)
    assert main(["train", str(ARTICLE), "--steps", "1", "--save", str(link)]) == 2
    assert capsys.readouterr().err == f"backprop-studio: error: {link}: {atomic.NOT_REGULAR}\n"
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(link).st_mode) and drained.written() == b""


def test_a_target_swapped_for_a_fifo_during_the_write_is_still_refused(tmp_path, monkeypatch):
    """The race: the target is checked first, then again with lstat right before os.replace."""
    target = tmp_path / "p.json"
    target.write_text("old")
    real_fsync = os.fsync

    def fsync_then_swap(fd):
        real_fsync(fd)
        target.unlink()
        os.mkfifo(target)

    monkeypatch.setattr(atomic.os, "fsync", fsync_then_swap)
    with pytest.raises(NotARegularFile) as e:
        write_atomically(target, "new")
    assert str(e.value) == f"{target}: {atomic.NOT_REGULAR}"
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert os.listdir(tmp_path) == ["p.json"]           # the temporary file is gone


def test_the_writer_names_the_path_and_creates_nothing_for_text_it_cannot_encode(tmp_path):
    target = tmp_path / "p.txt"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "lone surrogate \udc80")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["p.txt"]


def test_check_target_allows_a_new_file_and_a_regular_one(tmp_path):
    assert check_target(tmp_path / "new.json") == tmp_path / "new.json"
    (tmp_path / "old.json").write_text("x")
    assert check_target(tmp_path / "old.json") == tmp_path / "old.json"
    with pytest.raises(NotARegularFile):
        check_target(tmp_path)


def test_project_save_refuses_a_fifo(tmp_path, fifo):
    drained = fifo(tmp_path / "fifo.json")
    with pytest.raises(NotARegularFile):
        project_file.save(project_file.load(ARTICLE), drained.path)
    assert drained.still_a_fifo() and drained.written() == b""
