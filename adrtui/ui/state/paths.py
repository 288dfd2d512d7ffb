"""Paths as people think of them: relative to where they are, or under ``~``."""

from __future__ import annotations

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
