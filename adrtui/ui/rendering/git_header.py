"""The detail header's line of what git knows of one ADR, packed to the pane's width.

``created 2021-03-04 Alice Adams · changed 2024-06-20 Bob Brown · 3 commits``
and the committers, on one or two lines: a fact starts a new line rather than
being cut, and only the last line ends in an ellipsis. Plain strings (names come
from commits: cleaned, never markup); the header styles them.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from adrtui.domain.gitlog import FileHistory
from adrtui.domain.text import clean_line


def git_facts(git: FileHistory, filled: tuple[str, ...] = ()) -> list[str]:
    """``created 2021-03-04 Alice Adams``, ``changed 2024-06-20 Bob Brown``, ``3 commits``
    and the committers when more than one (plain text: names come from commits).

    ``filled`` names the record's fields git filled in: a date from git *is* the
    first commit's day, and authors from git its author, so the line above already
    says them and ``created`` keeps only what it adds."""
    first, last = git.first, git.last
    created = [first.day, clean_line(first.author)]
    if "date" in filled:
        created[0] = ""
        if "authors" in filled:
            created[1] = ""
    said = " ".join(part for part in created if part)
    parts = [f"created {'by ' if not created[0] else ''}{said}".rstrip()] if said else []
    if git.count > 1:
        parts.append(f"changed {last.day} {clean_line(last.author)}".rstrip())
    parts.append(f"{git.count} commit{'s' if git.count != 1 else ''}")
    committers = git.authors
    if len(committers) > 1:
        parts.append("by " + ", ".join(clean_line(name) for name in committers))
    return parts


def pack(parts: list[str], width: int, lines: int = 2) -> list[str]:
    """``parts`` joined by `` · `` into at most ``lines`` lines of ``width`` cells (a
    part starts a new line rather than being cut; the last line ends in ``…``)."""
    packed: list[str] = []
    for part in parts:
        if packed:
            joined = f"{packed[-1]} · {part}"
            if cell_len(joined) <= width or len(packed) >= lines:
                packed[-1] = joined
                continue
        packed.append(part)
    return [
        line if cell_len(line) <= width else set_cell_size(line, width - 1) + "…" for line in packed
    ]
