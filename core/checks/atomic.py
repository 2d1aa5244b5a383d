"""The one way this program writes a file: atomically, and never through something that is not one.

Every writer (project files, exported scripts, traces, surfaces, pictures, lessons, autosaves)
calls :func:`write_atomically`: the bytes go to a temporary file in the target's folder, are
flushed to disk, and ``os.replace`` puts that file in the target's place, so a failure at any
point leaves the old file as it was and no partial file is ever seen.

``os.replace`` swaps a directory entry whatever it names, so on its own it would replace a
device, a FIFO or a socket with a regular file (run as root, ``--save /dev/null`` replaced the
system's device).  :func:`check_target` refuses any target that exists and is not a regular
file, with one line (:class:`NotARegularFile`); the writer calls it before it creates the
temporary file and again with ``os.lstat`` right before ``os.replace``, which narrows the race
with someone who swaps the target in between to the microseconds between those two calls.
Dialogs and exports call :func:`check_target` themselves before expensive work.

A symbolic link is followed: saving to a link writes the file it points to (in that file's
folder) and the link stays a link; a link to a device is refused like the device.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

NOT_REGULAR = "not a regular file (a device, FIFO, socket or folder); choose a file"


class NotARegularFile(OSError):
    """The target exists and is not a regular file; ``str()`` is the one line to show."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EINVAL, NOT_REGULAR, os.fspath(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def check_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` replaces (symbolic links followed); NotARegularFile when it
    exists and is not a regular file.  A target that does not exist yet is fine."""
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError:      # unreadable or a loop of links: the write itself says why
        return target
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(path)
    return target


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically.

    Raises NotARegularFile for a device, FIFO, socket or folder, and OSError naming ``path``
    (never the temporary file) when the folder cannot be written; either way the file at
    ``path`` is left as it was.  Text that cannot be encoded raises UnicodeEncodeError (a
    ValueError) before anything is created.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target = check_target(path)
    try:
        _replace_with(target, raw, path)
    except NotARegularFile:
        raise
    except OSError as e:     # name the user's path, never the temporary file next to it
        raise OSError(e.errno, e.strerror or str(e), os.fspath(path)) from None


def _replace_with(target: Path, raw: bytes, asked: str | os.PathLike[str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        _still_replaceable(target, asked)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _still_replaceable(target: Path, asked: str | os.PathLike[str]) -> None:
    """The last look before ``os.replace``: a regular file, a link (replacing a link's own
    entry touches nothing it points to) or nothing at all."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise NotARegularFile(asked)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 minus the umask."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
