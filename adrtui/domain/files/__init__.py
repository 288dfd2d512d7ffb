"""The user's files and adrtui's own: reading safely, decoding, newlines, locks, the cache folder.

Every byte adrtui reads from a collection passes through :func:`read_regular` (never
outside the collection, never a device, never more than a limit); every file it writes in
its cache goes through :func:`atomic_write`; every job that must not run twice holds a
:class:`FolderLock`. Writing ADR files back (checked against what was read) is
:mod:`adrtui.domain.writing`'s job, on top of these.
"""

from __future__ import annotations

from adrtui.domain.files.cache import (
    CACHE_ENV,
    atomic_write,
    cache_root,
    ensure_dir,
    folder_cache_dir,
    folder_key,
    note_use,
    private_dir,
    prune,
    unsafe_reason,
)
from adrtui.domain.files.locks import (
    FolderLock,
    file_lock,
)
from adrtui.domain.files.reading import (
    Decoded,
    Refused,
    decode,
    detect_newline,
    is_within,
    read_regular,
    refusal,
    system_path,
)

__all__ = [
    "atomic_write",
    "CACHE_ENV",
    "cache_root",
    "decode",
    "Decoded",
    "detect_newline",
    "ensure_dir",
    "file_lock",
    "folder_cache_dir",
    "folder_key",
    "FolderLock",
    "is_within",
    "note_use",
    "private_dir",
    "prune",
    "read_regular",
    "refusal",
    "Refused",
    "system_path",
    "unsafe_reason",
]
