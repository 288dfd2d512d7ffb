"""Files to bytes, bytes to text: reading only what is safe to read, which encoding a
file uses, which newline, and whether it is text at all.

Every file adrtui reads from a repository (ADRs, ``.adrtui.toml``, ``.adr-dir``…)
goes through :func:`read_regular`: a FIFO, device or socket is never opened in a
way that could block or never end, nothing under ``/proc``, ``/sys`` or ``/dev``
is read (``/proc/self/environ`` holds the process's secrets), and a file asked for
inside a folder must really lie inside it, however it was swapped meanwhile.

Repositories hold UTF-8 (sometimes with a BOM), UTF-16 from Windows editors, old
Latin-1 files and the odd binary blob with a ``.md`` name. The encoding names
match :mod:`adrtui.domain.writing.editing` so an edit writes the file back the same way.
"""

from __future__ import annotations

import codecs
import errno
import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path

#: How much of the start of a file is sampled to tell text from binary.
_SAMPLE = 8192
#: Share of control bytes above which a file is taken for binary.
_BINARY_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
_CONTROL_BYTES = frozenset(range(32)) - _TEXT_CONTROLS


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


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text (newlines as in the file, BOM removed) and how it was read."""

    text: str
    encoding: str
    binary: bool = False
    warning: str | None = None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL (ASCII text in UTF-16)."""
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls / len(sample) > _BINARY_CONTROL_SHARE


def decode(data: bytes) -> Decoded:
    """Decode ``data``; never raises. Binary data gives empty text and ``binary=True``."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            return Decoded(
                data[3:].decode("utf-8", "replace"),
                "utf-8-sig",
                warning="not valid UTF-8 after its byte-order mark; bad bytes replaced",
            )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return Decoded(
                data.decode("utf-16", "replace"),
                "utf-16",
                warning="the file has a UTF-16 mark but is not valid UTF-16; bad bytes replaced",
            )
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        wide = _utf16_without_bom(sample)
        if wide is not None:
            try:
                return Decoded(data.decode(wide), wide)
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if b"\x00" in sample and _looks_binary(sample):
            return Decoded("", "utf-8", binary=True, warning="binary file: not read as an ADR")
        return Decoded(text, "utf-8")
    if _looks_binary(sample):
        return Decoded("", "latin-1", binary=True, warning="binary file: not read as an ADR")
    return Decoded(
        data.decode("latin-1"),
        "latin-1",
        warning="not valid UTF-8: read as Latin-1 (some characters may be wrong)",
    )


def detect_newline(text: str) -> str:
    """The file's dominant line ending: ``\\r\\n`` when most lines end so, else ``\\n``."""
    crlf = text.count("\r\n")
    if not crlf:
        return "\n"
    lf = text.count("\n") - crlf
    return "\r\n" if crlf >= lf else "\n"
