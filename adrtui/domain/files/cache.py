"""adrtui's own private cache folder: where it is, who may write it, when it is pruned.

Everything adrtui derives from a user's ADR files (parsed records, the search index,
the write lock of the ADR folder) lives in the user cache directory (``platformdirs``:
``~/.cache/adrtui`` on Linux, ``~/Library/Caches/adrtui`` on macOS,
``%LOCALAPPDATA%\\adrtui\\Cache`` on Windows), or in ``$ADRTUI_CACHE_DIR`` when set, never
inside the repository. Each ADR folder gets its own directory, named after the folder
and a hash of its absolute path, so two checkouts of one repository never share a
cache. The folders are created private (0700) and refused when another user could
write them (pickles and Whoosh tables are read from here: see ``unsafe_reason``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import time
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG, S_ISVTX, S_IWGRP, S_IWOTH

log = logging.getLogger(__name__)

#: Environment variable that overrides the cache root (tests point it at tmp_path).
CACHE_ENV = "ADRTUI_CACHE_DIR"


# -- directories ---------------------------------------------------------------------


def cache_root(override: Path | str | None = None) -> Path:
    """The directory holding every folder's cache (not created here)."""
    if override is not None:
        return Path(override).expanduser()
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("adrtui", appauthor=False))


def folder_key(folder: Path | str) -> str:
    """A directory name for ``folder``: readable, and unique by absolute path."""
    absolute = os.path.abspath(os.fspath(folder))
    with contextlib.suppress(OSError):
        absolute = os.path.realpath(absolute)
    digest = hashlib.sha1(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", os.path.basename(absolute.rstrip(os.sep)))
    return f"{name.strip('-.')[:40] or 'root'}-{digest}"


def folder_cache_dir(folder: Path | str, cache_dir: Path | str | None = None) -> Path:
    """The cache directory of one ADR folder (under :func:`cache_root`; not created)."""
    return cache_root(cache_dir) / "folders" / folder_key(folder)


#: Each folder cache names its ADR folder here (and its mtime says when it was last used).
FOLDER_FILE = "folder.txt"
#: Caches of folders that are gone, or unused this long, are deleted (checked daily).
UNUSED_SECONDS = 90 * 24 * 3600
PRUNE_EVERY_SECONDS = 24 * 3600


def note_use(cache: Path, folder: Path | str) -> None:
    """Record which folder ``cache`` belongs to and that it was used now (best effort)."""
    marker = cache / FOLDER_FILE
    try:
        if marker.exists():
            os.utime(marker)
        else:
            marker.write_text(os.fspath(folder) + "\n", encoding="utf-8", errors="surrogateescape")
    except OSError:
        pass


def prune(cache_dir: Path | str | None = None, *, now: float | None = None) -> list[Path]:
    """Delete the caches of ADR folders that no longer exist or went unused for months.

    Runs at most once a day (a marker file's mtime); returns what it deleted.
    """
    now = time.time() if now is None else now
    folders = cache_root(cache_dir) / "folders"
    if unsafe_reason(folders) is not None:
        return []  # not ours (or missing): deleting in it is not for us to do
    marker = folders / ".last-prune"
    try:
        if now - marker.stat().st_mtime < PRUNE_EVERY_SECONDS:
            return []
    except OSError:
        pass
    try:
        marker.touch()
        os.utime(marker, (now, now))
        entries = list(folders.iterdir())
    except OSError:
        return []
    removed = []
    for entry in entries:
        note = entry / FOLDER_FILE
        try:
            folder = note.read_text(encoding="utf-8", errors="surrogateescape").strip()
            last_used = note.stat().st_mtime
        except OSError:
            continue  # not ours, or being created: keep
        if not os.path.isdir(folder) or now - last_used > UNUSED_SECONDS:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def unsafe_reason(path: Path) -> str | None:
    """Why ``path`` (an existing file or directory) must not be trusted, or None.

    Whoosh unpickles its table of contents and the record cache holds pickles:
    whoever can write them could run code as this user. Like git's
    ``safe.directory``, a cache entry is trusted only when it is what it claims
    to be (not a symlink), owned by this user and writable by no one else.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return error.strerror or "unreadable"
    if S_ISLNK(info.st_mode):
        return "a symbolic link"
    if not (S_ISDIR(info.st_mode) or S_ISREG(info.st_mode)):
        return "not a regular file or folder"
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return None  # Windows: access is by ACL, and its mode bits say nothing about others
    if info.st_uid != getuid():
        return f"owned by uid {info.st_uid}"
    if info.st_mode & S_IWOTH:
        return "writable by others"
    if info.st_mode & S_IWGRP:
        return "writable by its group"
    return None


def swappable_reason(cache: Path) -> tuple[Path, str] | None:
    """Which folder above a folder's cache (``cache``) someone else could use to swap
    that cache for one of theirs, and why; None when nobody can.

    Whoever can write ``folders`` or the cache root can rename our private folder
    away and put theirs in its place between a check and an open, so both must be
    ours and writable by nobody else, as the cache itself. A sticky folder (``/tmp``)
    of ours or root's is fine: nobody else may rename our entries in it. A folder
    that cannot be reached (not created yet, a file in its way) holds nothing to swap.
    """
    # The root may be a link the user made (``~/.cache/adrtui`` on another disk): the
    # folder it leads to counts. ``folders`` is adrtui's own, never a link.
    for above in (cache.parent, Path(os.path.realpath(cache.parent.parent))):
        try:
            os.lstat(above)
        except OSError:  # not created yet, or a file in the way: nothing to swap
            continue
        reason = unsafe_reason(above)
        if reason is None or _sticky(above):
            continue
        return above, reason
    return None


def _sticky(folder: Path) -> bool:
    """A sticky folder of ours or root's (``/tmp``): nobody else renames our entries."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    owners = (0, os.getuid()) if hasattr(os, "getuid") else ()
    return S_ISDIR(info.st_mode) and bool(info.st_mode & S_ISVTX) and info.st_uid in owners


def _mkdirs_private(path: Path) -> None:
    """``mkdir -p`` where every folder created is 0700 (``Path.mkdir`` makes parents 0777)."""
    missing = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # created meanwhile: checked below
            folder.mkdir(mode=0o700)
    if not path.is_dir():
        raise FileExistsError(path)


def private_dir(path: Path) -> str | None:
    """Create ``path`` (and missing parents) private (0700); why it is unsafe, or None.

    None means ``path`` is a real directory, ours, writable by no one else and
    writable by us: safe to read caches from and to write them to.
    """
    try:
        _mkdirs_private(path)
    except FileExistsError:
        return "not a directory"
    except OSError as error:
        return f"cannot be created ({error.strerror or error})"
    reason = unsafe_reason(path)
    if reason is None and not S_ISDIR(os.lstat(path).st_mode):
        reason = "not a directory"
    if reason is None and not os.access(path, os.W_OK | os.X_OK):
        reason = "not writable"
    return reason


def ensure_dir(path: Path) -> bool:
    """Create ``path`` private (and parents); True when it is safe and writable."""
    return private_dir(path) is None
