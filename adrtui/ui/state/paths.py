"""Paths as people think of them (relative, under ``~``) and as a shell can paste them."""

from __future__ import annotations

import os
import re
from pathlib import Path


def home_path(path: Path) -> str:
    """``path`` with the home directory written ``~``."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def display_path(folder: Path) -> str:
    """The folder as users think of it: relative to the cwd, else ``~/…``, else absolute."""
    try:
        folder = folder.resolve()
        cwd = Path.cwd().resolve()
        if folder.is_relative_to(cwd):
            return folder.relative_to(cwd).as_posix() or "."
        home = Path.home().resolve()
        if folder.is_relative_to(home):
            return "~/" + folder.relative_to(home).as_posix()
    except (OSError, RuntimeError):
        pass
    return str(folder)


# Lone surrogates (undecodable file-name bytes), C0/C1 controls and DEL.
_NOT_COPYABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def copyable_path(path: Path) -> tuple[str, bool]:
    """The text ``y`` copies for ``path``, and whether it differs from the real name.

    The clipboard (OSC 52) carries UTF-8, which a name of other bytes is not
    (Python holds them as lone surrogates), and a name with control characters
    must not be pasted raw into a shell. Both are copied in shell quoting,
    ``$'…'`` with ``\\xNN`` for each such byte, which bash, zsh and ksh read
    back as the file's real bytes.
    """
    text = str(path)
    if not _NOT_COPYABLE.search(text):
        return text, False
    out = []
    for char in os.fsencode(path).decode("utf-8", "surrogateescape"):
        if "\udc80" <= char <= "\udcff":
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif _NOT_COPYABLE.match(char):
            out.extend(f"\\x{byte:02x}" for byte in char.encode("utf-8"))
        elif char in "\\'":
            out.append("\\" + char)
        else:
            out.append(char)
    return "$'" + "".join(out) + "'", True
