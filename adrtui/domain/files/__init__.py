"""The user's files and adrtui's own: safe reading, encodings, newlines, atomic writes, locks.

Every byte adrtui reads from a collection passes through :func:`read_regular` (never
outside the collection, never a device, never more than a limit) and becomes text by
:func:`decode` (the parser) or :func:`text_of` (a writer: the same reading, losing
nothing, so :func:`encode` gives the file's bytes back). Every file adrtui writes, in
its cache or an ADR, is written whole by :func:`atomic_write` or :func:`create_new`;
every job that must not run twice holds a :class:`FolderLock`. Refusing to overwrite an
ADR that changed since it was read is :mod:`adrtui.domain.writing`'s layer on top.
"""

from __future__ import annotations

from adrtui.domain.files.atomic import (
    atomic_write,
    create_new,
)
from adrtui.domain.files.cache import (
    ensure_dir,
    folder_cache_dir,
    note_use,
    private_dir,
    prune,
    swappable_reason,
    unsafe_reason,
)
from adrtui.domain.files.encoding import (
    decode,
    detect_newline,
    encode,
    text_of,
)
from adrtui.domain.files.locks import (
    FolderLock,
)
from adrtui.domain.files.reading import (
    Refused,
    is_within,
    read_regular,
    system_path,
)

__all__ = [
    "atomic_write",
    "create_new",
    "decode",
    "detect_newline",
    "encode",
    "ensure_dir",
    "folder_cache_dir",
    "FolderLock",
    "is_within",
    "note_use",
    "private_dir",
    "prune",
    "read_regular",
    "Refused",
    "swappable_reason",
    "system_path",
    "text_of",
    "unsafe_reason",
]
