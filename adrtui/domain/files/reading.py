"""Files to bytes: reading only what is safe to read.

Every file adrtui reads from a repository (ADRs, ``.adrtui.toml``, ``.adr-dir``…)
goes through :func:`read_regular`: a FIFO, device or socket is never opened in a
way that could block or never end, nothing under ``/proc``, ``/sys`` or ``/dev``
is read (``/proc/self/environ`` holds the process's secrets), and a file asked for
inside a folder must really lie inside it, however it was swapped meanwhile.

Bytes become text in :mod:`adrtui.domain.files.encoding`.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path

#: Pseudo-file systems: their files block, never end, or hold the process's secrets.
SYSTEM_DIRS = ("/proc", "/sys", "/dev")
#: …except this one: a tmpfs of ordinary files (some CI jobs work in it).
_ORDINARY_DIRS = ("/dev/shm",)
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class Refused(OSError):
    """A file adrtui will not read (``strerror`` says why, for the user)."""

    def __init__(self, why: str) -> None:
        super().__init__(errno.EPERM, why)


def is_within(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or below it (both real, absolute paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def system_path(real: str) -> str | None:
    """The pseudo-file system (``/proc``…) a real path lies in, or None."""
    if os.name != "posix" or any(is_within(real, top) for top in _ORDINARY_DIRS):
        return None
    return next((top for top in SYSTEM_DIRS if is_within(real, top)), None)


def refusal(path: Path | str, inside: Path | str | None = None) -> str | None:
    """Why the file at ``path`` must not be read (by its real location), or None."""
    return _refusal(os.path.realpath(path), inside)


def _refusal(real: str, inside: Path | str | None) -> str | None:
    system = system_path(real)
    if system is not None:
        return f"a file in {system}: never read"
    if inside is not None and not is_within(real, _real_folder(os.fspath(inside))):
        return "a symlink to a file outside the folder"
    return None


@functools.lru_cache(maxsize=64)
def _real_folder(folder: str) -> str:
    """``realpath`` of a folder read from many times (a collection's root)."""
    return os.path.realpath(folder)


def read_regular(
    path: Path | str, limit: int, inside: Path | str | None = None
) -> tuple[bytes, os.stat_result]:
    """The first ``limit`` bytes of the regular file at ``path``, and its stat.

    Raises :class:`Refused` (an ``OSError``) for anything else: a FIFO, device
    or socket is never opened (a file swapped for one after the check is
    opened without blocking and refused by its descriptor); a file under
    ``/proc``, ``/sys`` or ``/dev`` is never read, nor, with ``inside``, one
    whose real location is not in that folder (a symlink to ``/etc/passwd``).
    The location is the open descriptor's, so a symlink swapped in after the
    file was listed is caught too.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file: not read")
    fd = os.open(path, _OPEN_FLAGS)
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise Refused("the file was replaced while it was opened: not read")
        why = _refusal(_opened_path(fd) or os.path.realpath(path), inside)
        if why is not None:
            raise Refused(why)
        return _read_at_most(fd, limit, opened.st_size), opened
    finally:
        os.close(fd)


def _opened_path(fd: int) -> str | None:
    """Where an open descriptor really points (Linux), or None when the system cannot say."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def _read_at_most(fd: int, limit: int, size: int) -> bytes:
    """Up to ``limit`` bytes: one read for a file of ``size`` bytes, more if it grew."""
    chunks = []
    wanted = limit
    step = max(min(limit, size + 1), 64 * 1024)
    while wanted > 0:
        chunk = os.read(fd, min(wanted, step))
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)
