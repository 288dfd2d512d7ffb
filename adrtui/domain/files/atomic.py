"""Writing a file all at once: readers see the old file or the new one, never half of one.

One writer for every file adrtui writes: its cache (the record cache, the index state)
and the user's ADRs. The new bytes go to a temp file in the same folder, which then
takes the target's place (``os.replace``) or, for a file that must not exist yet, gets
its name by a hard link (:func:`create_new`), so a watcher never sees a half-written
file and a file someone else created meanwhile is never replaced.

This module knows nothing of what was read before: refusing to overwrite an ADR that
changed on disk since it was read is :mod:`adrtui.domain.writing`'s layer on top
(its check runs in ``before_replace``, microseconds before the swap).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_temp(
    folder: Path,
    name: str,
    data: bytes,
    *,
    mode: int | None = None,
    durable: bool = False,
    suffix: str = ".tmp",
) -> Path:
    """A new hidden temp file in ``folder`` holding ``data`` (``.{name}.XXXX{suffix}``).

    ``mode`` sets its permission bits; ``durable`` flushes it to the disk before
    returning. On any failure nothing is left behind and the ``OSError`` is raised.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=suffix, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def atomic_write(
    path: Path,
    data: bytes,
    *,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    durable: bool = False,
    before_replace: Callable[[], None] | None = None,
    suffix: str = ".tmp",
) -> None:
    """Replace (or create) ``path`` with ``data`` in one step.

    ``mode`` and ``owner`` (uid, gid; best effort) are given to the new file;
    ``durable`` flushes the file and its folder to the disk. ``before_replace`` runs
    right before the swap: whatever it raises cancels the write (the temp file goes,
    ``path`` is untouched).
    """
    tmp = write_temp(path.parent, path.name, data, mode=mode, durable=durable, suffix=suffix)
    try:
        if owner is not None:
            with contextlib.suppress(OSError, AttributeError):
                os.chown(tmp, *owner)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def create_new(
    path: Path,
    data: bytes,
    *,
    mode: int | None = None,
    durable: bool = False,
    suffix: str = ".tmp",
) -> None:
    """Create ``path`` holding ``data``, all at once; ``FileExistsError`` if it exists.

    The content is written to a temp file first and linked to its name, so it appears
    whole; on file systems without hard links it is created exclusively, then filled.
    ``mode`` defaults to what ``open`` would give (``0o666`` less the umask).
    """
    mode = 0o666 & ~umask() if mode is None else mode
    tmp = write_temp(path.parent, path.name, data, mode=mode, durable=durable, suffix=suffix)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    if durable:
        fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename, a new name) to the disk; best effort."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def umask() -> int:
    """The process umask, read without changing it where possible (``os.umask`` is racy)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
