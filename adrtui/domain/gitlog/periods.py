"""The collection's decisions in time: what happened to which ADR, month by month or by year.

"What did we decide this quarter, and what moved since the last release?" is
answered by grouping every change git knows (:meth:`RepoHistory.changes`) by
period, then by ADR, and saying what each ADR went through in that period in
one compact line (``proposed → accepted → superseded``, ``created (proposed)``,
``edited ×3``) with who did it. The browser's timeline and ``adrtui log`` show
the same words, so they are made here, once, from plain records (no git, no I/O).

A period is the author's own calendar month (or year), as ``Commit.day`` reads:
a change written on 31 January at 23:00 in Tokyo belongs to January.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from adrtui.domain.gitlog.model import ADDED, MODIFIED, RENAMED, Change, RepoHistory
from adrtui.domain.model import Adr

MONTH = "month"
YEAR = "year"
PERIODS: tuple[str, ...] = (MONTH, YEAR)

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: How a missing status reads in a transition (a file whose status line went away).
NO_STATUS = "no status"
ARROW = " → "


class Includes(Protocol):
    """A filter on changes (``gitlog.Since``): ``includes(change)`` says whether it counts."""

    def includes(self, change: Change) -> bool: ...


ChangeFilter = Callable[[Change], bool] | Includes


def _status(status: str | None) -> str:
    return status if status is not None else NO_STATUS


def change_mark(change: Change) -> str:
    """What one commit did to one ADR, compactly: ``added as proposed``,
    ``proposed → accepted``, ``renamed from 0003-x.md``, or ``""`` for a plain edit."""
    parts: list[str] = []
    if change.kind == ADDED:
        parts.append(f"added as {change.status_after}" if change.status_after else "added")
    else:  # the status first: it is what a reader scans for
        if change.transition:
            parts.append(_status(change.status_before) + ARROW + _status(change.status_after))
        if change.kind == RENAMED and change.old_path:
            parts.append(f"renamed from {change.old_path.rsplit('/', 1)[-1]}")
    return " · ".join(parts)


@dataclass(frozen=True)
class Entry:
    """One ADR's activity in one period: its changes there, oldest first."""

    rel_path: str
    number: str
    title: str
    changes: tuple[Change, ...]
    #: False when the file is in the history but not in the collection (removed, ignored).
    present: bool = True

    @property
    def latest(self) -> int:
        return self.changes[-1].commit.timestamp

    @property
    def authors(self) -> tuple[str, ...]:
        """Who changed it in this period, first one first, each once."""
        return tuple(dict.fromkeys(change.commit.author for change in self.changes))

    @property
    def created(self) -> bool:
        return any(change.kind == ADDED for change in self.changes)

    @property
    def statuses(self) -> tuple[str, ...]:
        """The statuses it went through in this period, the one it came from first:
        ``("proposed", "accepted", "superseded")``; empty when its status did not move."""
        seen: list[str] = []
        for change in self.changes:
            if not change.transition:
                continue
            if not seen and change.kind != ADDED:
                seen.append(_status(change.status_before))
            after = _status(change.status_after)
            if not seen or seen[-1] != after:
                seen.append(after)
        return tuple(seen)

    @property
    def decided(self) -> bool:
        """Whether it was created or its status moved in this period (not only edited)."""
        return self.created or bool(self.statuses)

    @property
    def edits(self) -> int:
        """Commits in this period that only edited it (no creation, rename or status move)."""
        return sum(1 for c in self.changes if c.kind == MODIFIED and not c.transition)

    def summary(self) -> str:
        """``proposed → accepted → superseded``, ``created (proposed) → accepted``,
        ``edited ×3``, ``renamed from x.md``: what happened to it in this period."""
        parts: list[str] = []
        statuses = list(self.statuses)
        if self.created:
            first = next(c for c in self.changes if c.kind == ADDED)
            created = f"created ({first.status_after})" if first.status_after else "created"
            if statuses and first.status_after is not None and statuses[0] == first.status_after:
                statuses = statuses[1:]
            parts.append(ARROW.join([created, *statuses]))
        elif statuses:
            parts.append(ARROW.join(statuses))
        renames = [c for c in self.changes if c.kind == RENAMED and c.old_path]
        if renames:
            old = renames[0].old_path or ""
            parts.append(f"renamed from {old.rsplit('/', 1)[-1]}")
        edits = self.edits
        if edits > 0:
            parts.append("edited" if edits == 1 else f"edited ×{edits}")
        return " · ".join(parts) or "edited"


@dataclass(frozen=True)
class Period:
    """One month (``2024-03``, "March 2024") or year (``2024``) and its entries,
    the most recently active ADR first."""

    key: str
    label: str
    entries: tuple[Entry, ...]

    @property
    def changes(self) -> int:
        return sum(len(entry.changes) for entry in self.entries)


def period_key(day: str, by: str = MONTH) -> str:
    """``2024-03`` for a month, ``2024`` for a year, from a ``YYYY-MM-DD`` day."""
    return day[:4] if by == YEAR else day[:7]


def period_label(key: str) -> str:
    """``March 2024`` for ``2024-03``; a year reads as itself."""
    if len(key) == 7 and key[4] == "-" and key[5:].isdigit() and 1 <= int(key[5:]) <= 12:
        return f"{MONTH_NAMES[int(key[5:]) - 1]} {key[:4]}"
    return key


def as_predicate(since: ChangeFilter | None) -> Callable[[Change], bool] | None:
    """A ``Since`` (anything with ``includes``) or a plain predicate, as a predicate."""
    if since is None:
        return None
    includes: Callable[[Change], bool] | None = getattr(since, "includes", None)
    if includes is not None and callable(includes):
        return includes
    return since  # type: ignore[return-value]


def timeline(
    history: RepoHistory,
    adrs: Iterable[Adr] = (),
    *,
    by: str = MONTH,
    since: ChangeFilter | None = None,
) -> list[Period]:
    """Every change to every ADR grouped by period (newest first), then by ADR.

    ``adrs`` gives each entry its number and title (a file git knows but the
    collection does not keep, removed or ignored, is listed by its file name, with
    ``present`` False). ``since`` keeps only the changes it includes.
    """
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    keep = as_predicate(since)
    known: Mapping[str, Adr] = {adr.rel_path: adr for adr in adrs}
    grouped: dict[str, dict[str, list[Change]]] = {}
    for file_history in history:
        for change in file_history.changes:
            if keep is not None and not keep(change):
                continue
            key = period_key(change.commit.day, by)
            grouped.setdefault(key, {}).setdefault(file_history.rel_path, []).append(change)
    periods: list[Period] = []
    for key in sorted(grouped, reverse=True):
        entries = []
        for rel_path, changes in grouped[key].items():
            changes.sort(key=lambda change: change.commit.timestamp)
            adr = known.get(rel_path)
            entries.append(
                Entry(
                    rel_path=rel_path,
                    number=adr.display_number if adr is not None else "—",
                    title=(adr.title or adr.name) if adr is not None else _file_name(rel_path),
                    changes=tuple(changes),
                    present=adr is not None,
                )
            )
        # Decisions first (created, or the status moved), then plain edits; each the
        # most recently active first: a month of rewording must not bury a decision.
        entries.sort(key=lambda entry: (not entry.decided, -entry.latest, entry.rel_path))
        periods.append(Period(key, period_label(key), tuple(entries)))
    return periods


def decisions_only(periods: Iterable[Period]) -> list[Period]:
    """``periods`` with only the entries that were created or moved status (a period
    left empty is dropped): "what did we decide", without the rewording."""
    kept = []
    for period in periods:
        entries = tuple(entry for entry in period.entries if entry.decided)
        if entries:
            kept.append(Period(period.key, period.label, entries))
    return kept


def _file_name(rel_path: str) -> str:
    return rel_path.rsplit("/", 1)[-1]


def totals(periods: Iterable[Period]) -> tuple[int, int]:
    """``(changes, ADRs)`` over ``periods``: "14 changes to 9 ADRs"."""
    changes = 0
    adrs: set[str] = set()
    for period in periods:
        for entry in period.entries:
            changes += len(entry.changes)
            adrs.add(entry.rel_path)
    return changes, len(adrs)


def totals_text(periods: Iterable[Period]) -> str:
    """``14 changes to 9 ADRs`` (singulars as such), or ``no changes``."""
    changes, adrs = totals(periods)
    if not changes:
        return "no changes"
    return (
        f"{changes:,} change{'s' if changes != 1 else ''} to {adrs:,} ADR{'s' if adrs != 1 else ''}"
    )
