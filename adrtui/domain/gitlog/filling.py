"""Where the file is silent, git fills in (and says so).

A record without a date takes its first commit's day; one without authors takes
its first committer. Each such field is named in :attr:`Adr.git_filled` (so that
``--json`` says ``"date_source": "git"``) and its provenance row says which
commit it came from (so that ``adrtui show --explain`` shows it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from adrtui.domain.gitlog.model import FileHistory, RepoHistory
from adrtui.domain.model import Adr, FieldSource


def fill_from_history(adrs: Sequence[Adr], history: RepoHistory | None) -> list[Adr]:
    """``adrs`` with date and authors filled from git where the file has none.

    Records that need nothing (or have no history) are returned as the same objects.
    """
    if history is None:
        return list(adrs)
    filled = []
    for adr in adrs:
        file_history = history.of(adr.rel_path)
        if file_history is None or not file_history.changes or (adr.date and adr.authors):
            filled.append(adr)
            continue
        filled.append(_fill(adr, file_history))
    return filled


def git_source(file_history: FileHistory) -> str:
    """``git: first commit 1a2b3c4 by Alice Adams``."""
    first = file_history.first
    return f"git: first commit {first.short} by {first.author}".rstrip()


def _fill(adr: Adr, file_history: FileHistory) -> Adr:
    first = file_history.first
    changes: dict[str, object] = {}
    rows: list[FieldSource] = []
    if not adr.date and first.day:
        changes["date"] = first.day
        rows.append(FieldSource("date", first.day, git_source(file_history)))
    if not adr.authors and first.author:
        changes["authors"] = (first.author,)
        rows.append(FieldSource("authors", first.author, git_source(file_history)))
    if not changes:
        return adr
    provenance = list(adr.provenance)
    for row in rows:
        # The parser's "not found" row for the field gives way (one row per field);
        # the places it looked stay as what was turned down.
        at = next(
            (i for i, item in enumerate(provenance) if item.field == row.field and not item.value),
            None,
        )
        if at is None:
            provenance.append(row)
        else:
            provenance[at] = dataclasses.replace(row, rejected=provenance[at].rejected)
    return dataclasses.replace(
        adr,
        provenance=tuple(provenance),
        git_filled=tuple(dict.fromkeys((*adr.git_filled, *changes))),
        **changes,  # type: ignore[arg-type]
    )
