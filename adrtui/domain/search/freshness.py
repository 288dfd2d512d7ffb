"""Whether a folder's index holds its files as they are now, from one stat pass.

A script or an editor integration may run ``adrtui search`` per keystroke;
loading and checking every record to answer one query costs ten times a
``grep``. So after a sync, a *tree stamp* of the folder is recorded beside the
index generation that sync left (:data:`TREE_FILE` in the folder's cache): a
hash of every non-hidden file under the folder with its ``(mtime_ns, size)``
and of what the caller adds (the settings file's stat), taken *before* the
records were read. When the stamp taken now is the same and the index is still
that generation, no file the records came from has changed, none was added or
removed (the record cache trusts ``(mtime_ns, size)`` the same way), so the
index answers alone. Anything unusual (a symlink, an unreadable folder, a huge
tree) gives no stamp, and the caller takes the full path.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from adrtui.domain.files import atomic_write

#: Where the stamp is kept, in the folder's index cache.
TREE_FILE = "tree.json"
#: A tree with more entries than this is not stamped (the full path is as cheap).
MAX_ENTRIES = 500_000


def tree_stamp(folder: Path, extra: Iterable[object] = ()) -> str | None:
    """A hash of every non-hidden file under ``folder`` with its mtime and size (and
    of ``extra``), or ``None`` when the tree cannot be stamped cheaply and exactly."""
    lines = [repr(item) for item in extra]
    count = 0
    pending = [(os.fspath(folder), "")]
    while pending:
        path, rel = pending.pop()
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return None
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files are never ADRs (an editor's swap file)
            count += 1
            if count > MAX_ENTRIES:
                return None
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                return None
            name = f"{rel}/{entry.name}"
            if stat.S_ISLNK(info.st_mode):
                return None  # where it leads may change without a trace here
            if stat.S_ISDIR(info.st_mode):
                pending.append((entry.path, name))
                lines.append(f"{name}\0/")
                continue
            lines.append(f"{name}\0{info.st_mtime_ns}\0{info.st_size}\0{info.st_mode}")
    # No name holds a NUL, and no field is empty: "\0\0" only ever separates entries.
    text = "\0\0".join(lines).encode("utf-8", "surrogateescape")
    return hashlib.sha1(text).hexdigest()


def read_tree(root: Path) -> tuple[str, int, str] | None:
    """``(index, generation, stamp)`` recorded in the cache ``root``, if any."""
    try:
        data = json.loads((root / TREE_FILE).read_bytes())
        return str(data["index"]), int(data["generation"]), str(data["stamp"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_tree(root: Path, key: tuple[str, int], stamp: str) -> None:
    data = {"index": key[0], "generation": key[1], "stamp": stamp}
    atomic_write(root / TREE_FILE, json.dumps(data).encode("utf-8"))
