"""Reading an ADR for a change and writing it back, never over someone else's work.

:func:`read_file` reads an ADR exactly as the parser does (same encoding, BOM and line
endings kept) with a :class:`Snapshot` of what was read. :func:`write_atomic` replaces
it only if the file on disk still is that snapshot (:class:`FileChangedError`
otherwise: a ``git pull`` or another editor's save is never overwritten), keeping its
encoding, line endings and permissions; :func:`create_file` creates a new ADR, never
over an existing one. Both write through :mod:`adrtui.domain.files` (whole files,
never half) and turn its ``OSError`` into an :class:`EditingError` whose text is the
message for the user.

:func:`folder_write_lock` serialises adrtui processes (and threads) that pick a new
ADR's number or rewrite ADR files in the same folder, so two ``adrtui new`` at once
never take the same number and two supersessions never interleave. The lock file
lives in the folder's cache, never beside the ADRs.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from adrtui.domain.files import (
    FolderLock,
    atomic_write,
    create_new,
    detect_newline,
    encode,
    ensure_dir,
    folder_cache_dir,
    text_of,
)
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line

#: The lock file, in a folder's cache, held while adrtui creates or rewrites ADRs there.
WRITE_LOCK_FILE = "adr-files.lock"
#: Seconds a writer waits for another adrtui writing in the same folder (which takes
#: milliseconds); past that it goes ahead on its own checks alone.
WRITE_LOCK_WAIT = 10.0
#: Suffix of the temp files written beside ADRs (hidden, and not ``.md``).
TEMP_SUFFIX = ".adrtui-tmp"


class EditingError(Exception):
    """A user-facing editing failure; ``str(error)`` is the message to show."""


class FileChangedError(EditingError):
    """The file on disk is not the one that was read; nothing was written."""


class ReadOnlyError(EditingError):
    """The file or its folder cannot be written; nothing was written."""


class EncodingError(EditingError):
    """The new text cannot be written in the file's encoding; nothing was written."""


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file was when it was read: stat and content hash (for conflict checks)."""

    mtime_ns: int
    size: int
    sha1: str = ""

    @classmethod
    def of_bytes(cls, data: bytes, mtime_ns: int = 0) -> Snapshot:
        return cls(mtime_ns, len(data), hashlib.sha1(data).hexdigest())

    @classmethod
    def of_file(cls, path: Path | str) -> Snapshot:
        """Read ``path`` now (raises ``OSError`` when it cannot be read)."""
        return read_file(path).snapshot

    @classmethod
    def of_adr(cls, adr: Adr) -> Snapshot:
        """The snapshot the parser recorded in an :class:`~adrtui.domain.model.Adr`."""
        return cls(adr.mtime_ns, adr.size, adr.sha1)

    def matches(self, other: Snapshot) -> bool:
        """Same content. The hash decides when both have one (a ``touch`` is no change)."""
        if self.sha1 and other.sha1:
            return self.sha1 == other.sha1 and self.size == other.size
        return self.mtime_ns == other.mtime_ns and self.size == other.size


@dataclass(frozen=True, slots=True)
class FileText:
    """A file read for editing: its text (line endings as in the file) and how to write it."""

    path: Path
    data: bytes
    text: str
    encoding: str
    newline: str
    snapshot: Snapshot

    def encode(self, text: str) -> bytes:
        """``text`` in this file's encoding, BOM and byte order (:class:`EncodingError`)."""
        return encode_text(text, self.encoding, self.data)


def read_file(path: Path | str) -> FileText:
    """Read ``path`` for editing: bytes, text, encoding, newline and a :class:`Snapshot`.

    The text is the parser's reading of the file (:func:`adrtui.domain.files.text_of`),
    so the writer finds the status where the parser found it, and
    :meth:`FileText.encode` of the unchanged text gives the file's bytes back.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        data = handle.read()
        mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
    text, encoding = text_of(data)
    return FileText(
        path, data, text, encoding, detect_newline(text), Snapshot.of_bytes(data, mtime_ns)
    )


def encode_text(text: str, encoding: str, like: bytes | None = None) -> bytes:
    """:func:`adrtui.domain.files.encode`, refusing with a message what cannot be encoded.

    Raises :class:`EncodingError` when a character has no encoding in a legacy
    codec (an emoji in a Latin-1 file): better refused than silently mangled.
    """
    try:
        return encode(text, encoding, like)
    except UnicodeEncodeError as exc:
        bad = clean_line(exc.object[exc.start : exc.end])
        raise EncodingError(
            f"{bad!r} cannot be written in this file's encoding ({encoding}); nothing was changed."
        ) from None


# --------------------------------------------------------------------------- writing


def _display(path: Path) -> str:
    return clean_line(str(path))


def writable_reason(path: Path | str) -> str | None:
    """Why ``path`` (a file or folder) cannot be written now, or ``None`` when it can.

    The UI calls this to disable edit actions up front; :func:`write_atomic`
    still checks for real, because permissions can change in between.
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"The folder {_display(folder)} is read-only; editing is disabled."
    if path.is_file() and not os.access(path, os.W_OK):
        return f"{_display(path)} is read-only; editing is disabled."
    return None


def _cannot_write(folder: Path, exc: OSError) -> EditingError:
    """The user's message for a write into ``folder`` that failed with ``exc``."""
    if isinstance(exc, PermissionError):
        return ReadOnlyError(f"The folder {_display(folder)} is read-only; nothing was written.")
    if exc.errno == errno.EROFS:
        return ReadOnlyError(
            f"The folder {_display(folder)} is on a read-only file system; nothing was written."
        )
    return EditingError(
        f"Cannot write in {_display(folder)}: {exc.strerror or exc}; nothing was written."
    )


def _target(path: Path) -> Path:
    """Write through a symlink to the file it names, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


_LONE_LF = re.compile(r"(?<!\r)\n")


def _to_bytes(new: str | bytes, current: bytes, encoding: str | None, newline: str | None) -> bytes:
    if isinstance(new, bytes):
        return new
    text, detected = text_of(current)
    if newline is None:
        newline = detect_newline(text) if current else "\n"
    if newline == "\r\n" and "\r\n" not in new:
        new = _LONE_LF.sub("\r\n", new)
    return encode_text(new, encoding or detected, current)


def write_atomic(
    path: Path | str,
    new: str | bytes,
    *,
    expected: Snapshot,
    encoding: str | None = None,
    newline: str | None = None,
) -> Snapshot:
    """Replace ``path`` with ``new`` atomically, unless it changed since ``expected``.

    ``new`` as ``bytes`` is written as is. As ``str`` it is encoded like the
    file on disk (or ``encoding``), and when the file uses CRLF and ``new`` has
    only ``\\n`` the endings are converted. The file keeps its permission bits
    (and owner, when allowed). Returns the snapshot of what was written.

    Raises :class:`FileChangedError` (the file was modified or deleted since it
    was read), :class:`ReadOnlyError` (cannot write there), :class:`EncodingError`
    or :class:`EditingError` (any other failure to write); in every case the file
    on disk is untouched.
    """
    path = _target(Path(path))
    try:
        current = path.read_bytes()
        st = path.stat()
    except FileNotFoundError:
        raise FileChangedError(
            f"{_display(path)} was deleted or renamed since it was read; nothing was written."
        ) from None
    except PermissionError:
        raise ReadOnlyError(f"{_display(path)} cannot be read; nothing was written.") from None
    on_disk = Snapshot.of_bytes(current, st.st_mtime_ns)
    if not expected.matches(on_disk):
        raise FileChangedError(
            f"{_display(path)} changed on disk since it was read (another editor, a git "
            "pull?); nothing was overwritten. Reload it and try again."
        )
    if not os.access(path, os.W_OK):
        raise ReadOnlyError(f"{_display(path)} is read-only; nothing was written.")
    data = _to_bytes(new, current, encoding, newline)

    def unchanged_since_read() -> None:
        # Checked again right before the swap: keeps the race window to microseconds.
        try:
            latest = path.read_bytes()
        except FileNotFoundError:
            raise FileChangedError(
                f"{_display(path)} was deleted while saving; nothing was written."
            ) from None
        if latest != current:
            raise FileChangedError(
                f"{_display(path)} changed on disk while saving; nothing was overwritten."
            )

    try:
        atomic_write(
            path,
            data,
            mode=stat.S_IMODE(st.st_mode),
            owner=(st.st_uid, st.st_gid),
            durable=True,
            before_replace=unchanged_since_read,
            suffix=TEMP_SUFFIX,
        )
    except OSError as exc:
        raise _cannot_write(path.parent, exc) from None
    return Snapshot.of_bytes(data, path.stat().st_mtime_ns)


def create_file(path: Path | str, text: str | bytes, *, encoding: str = "utf-8") -> Snapshot:
    """Create a new file atomically; refuses (``FileExistsError``) to replace an existing one.

    The content appears all at once (temp file + hard link), so a watcher
    never sees a half-written ADR, and a file created meanwhile by someone else
    is never clobbered.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise EditingError(f"The folder {_display(folder)} does not exist.")
    data = text if isinstance(text, bytes) else encode_text(text, encoding)
    exists = FileExistsError(f"{_display(path)} already exists; nothing was written.")
    if path.exists() or path.is_symlink():
        raise exists
    try:
        create_new(path, data, durable=True, suffix=TEMP_SUFFIX)
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    return Snapshot.of_bytes(data, path.stat().st_mtime_ns)


def remove_created(path: Path | str, written: Snapshot) -> bool:
    """Delete a file this process just created, only if it still holds what was written.

    Used to give back a number another writer took at the same instant; a file
    someone already changed is kept (True: removed).
    """
    path = Path(path)
    try:
        if not written.matches(Snapshot.of_bytes(path.read_bytes())):
            return False
        path.unlink()
    except OSError:
        return False
    return True


@contextlib.contextmanager
def folder_write_lock(
    folder: Path | str,
    cache_dir: Path | str | None = None,
    *,
    timeout: float = WRITE_LOCK_WAIT,
) -> Iterator[bool]:
    """Hold the ADR folder's write lock: one adrtui at a time picks a number or rewrites.

    Choosing the next number and creating its file must be one step, or two
    ``adrtui new`` started together both take ``0012``. The lock is a
    :class:`~adrtui.domain.files.FolderLock` (released when its holder dies) on a
    file of its own in the folder's private cache, so ADRs are never blocked by an
    index build and nothing is written beside them.

    Yields whether the lock is held. Without it (the cache cannot be written
    or is not safe, or another holder kept it past ``timeout``) the writer goes
    ahead on its own checks (exclusive create, a re-scan after it, snapshot
    compares): safe against losing bytes, just without the ordering promise.
    """
    directory = folder_cache_dir(folder, cache_dir)
    if not ensure_dir(directory):
        yield False
        return
    with FolderLock(directory / WRITE_LOCK_FILE).hold(timeout) as held:
        yield held
