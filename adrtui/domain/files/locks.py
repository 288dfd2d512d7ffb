"""Advisory locks between processes and threads (a crashed holder never blocks anyone).

One lock type for every job that must not run twice at once: the index writer of a
folder's cache and the writers of ADR files (``adrtui new`` reserving a number).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh.util.filelock import FileLock


def file_lock(path: Path) -> Any:
    """A portable advisory file lock (Whoosh's ``flock``/``msvcrt`` wrapper)."""
    return FileLock(os.fspath(path))


class FolderLock:
    """The write lock of one folder's cache, across processes and threads.

    An advisory ``flock`` (``msvcrt`` on Windows) on ``write.lock``: it is
    released when its holder dies, so a crashed writer never leaves the cache
    locked. ``flock`` locks belong to an open file, so two threads of one
    process exclude each other too.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = file_lock(path)
        self.held = False

    def acquire(self, timeout: float = 0.0, poll: float = 0.05) -> bool:
        """Try for up to ``timeout`` seconds; True when the lock is ours."""
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            try:
                if self._lock.acquire(blocking=False):
                    self.held = True
                    return True
            except OSError:  # an unwritable cache directory: nobody can write
                return False
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll)

    def release(self) -> None:
        if self.held:
            self.held = False
            with contextlib.suppress(Exception):
                self._lock.release()

    @contextlib.contextmanager
    def hold(self, timeout: float = 0.0) -> Iterator[bool]:
        """``with lock.hold(2.0) as ok:`` where ``ok`` says whether it was taken."""
        ok = self.acquire(timeout)
        try:
            yield ok
        finally:
            if ok:
                self.release()
