"""The timeline's grouping: periods newest first, one entry per ADR, what happened in words."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from adrtui.domain.gitlog import ADDED, MODIFIED, RENAMED, Change, Commit, FileHistory, RepoHistory
from adrtui.domain.gitlog.periods import (
    change_mark,
    decisions_only,
    period_label,
    timeline,
    totals,
    totals_text,
)
from adrtui.domain.model import Adr

ALICE, BOB, CAROL = "Alice Adams", "Bob Brown", "Carol Chen"


def commit(when: str, author: str = ALICE, subject: str = "") -> Commit:
    stamp = int(datetime.fromisoformat(when).timestamp())
    sha = f"{stamp:040x}"
    return Commit(sha, when, stamp, author, subject=subject or f"change at {when}")


def change(
    path: str,
    when: str,
    kind: str = MODIFIED,
    before: str | None = None,
    after: str | None = None,
    author: str = ALICE,
    old: str | None = None,
) -> Change:
    return Change(commit(when, author), path, kind, old, before, after)


def repo(*changes: Change) -> RepoHistory:
    files: dict[str, list[Change]] = {}
    for item in changes:
        files.setdefault(item.path, []).append(item)
    histories = {
        path: FileHistory(path, tuple(sorted(items, key=lambda c: c.commit.timestamp)))
        for path, items in files.items()
    }
    return RepoHistory(Path("/r"), Path("/r/docs"), "head", MappingProxyType(histories))


def adrs(*paths: str) -> list[Adr]:
    return [Adr(Path("/r/docs") / p, p, number=int(p[:4]), title=f"Title {p[:4]}") for p in paths]


A, B, C = "0001-a.md", "0002-b.md", "0003-c.md"

HISTORY = repo(
    change(A, "2024-01-05T10:00:00+00:00", ADDED, None, "proposed", ALICE),
    change(A, "2024-01-20T10:00:00+00:00", MODIFIED, "proposed", "accepted", BOB),
    change(A, "2024-03-02T10:00:00+00:00", MODIFIED, "accepted", "superseded", CAROL),
    change(B, "2024-01-10T10:00:00+00:00", ADDED, None, "proposed", BOB),
    change(B, "2024-03-01T10:00:00+00:00", MODIFIED, "proposed", "proposed", BOB),
    change(B, "2024-03-03T10:00:00+00:00", MODIFIED, "proposed", "proposed", ALICE),
    change(B, "2024-03-04T10:00:00+00:00", MODIFIED, "proposed", "proposed", BOB),
    change(C, "2023-11-30T23:30:00-05:00", ADDED, None, "proposed", CAROL),
    change(C, "2024-03-05T10:00:00+00:00", RENAMED, "proposed", "accepted", ALICE, "0003-old.md"),
)


def test_periods_are_months_newest_first_with_entries_most_recent_first() -> None:
    periods = timeline(HISTORY, adrs(A, B, C))
    assert [p.key for p in periods] == ["2024-03", "2024-01", "2023-11"]
    assert [p.label for p in periods] == ["March 2024", "January 2024", "November 2023"]
    march = periods[0]
    # Decisions first (C and A moved status), then plain edits (B), latest first.
    assert [e.rel_path for e in march.entries] == [C, A, B]
    assert march.changes == 5


def test_an_adr_s_status_moves_in_one_period_read_as_one_line() -> None:
    january = timeline(HISTORY, adrs(A, B, C))[1]
    by_path = {e.rel_path: e for e in january.entries}
    assert by_path[A].summary() == "created (proposed) → accepted"
    assert by_path[A].authors == (ALICE, BOB)
    assert by_path[B].summary() == "created (proposed)"
    assert by_path[A].number == "0001" and by_path[A].title == "Title 0001"


def test_plain_edits_are_counted_and_renames_named() -> None:
    march = {e.rel_path: e for e in timeline(HISTORY, adrs(A, B, C))[0].entries}
    assert march[B].summary() == "edited ×3"
    assert march[B].authors == (BOB, ALICE)
    assert march[A].summary() == "accepted → superseded"
    assert march[C].summary() == "proposed → accepted · renamed from 0003-old.md"


def test_the_author_s_own_month_counts() -> None:
    # 23:30 on 30 November in New York is December in UTC: it stays November.
    november = timeline(HISTORY, adrs(A, B, C))[-1]
    assert november.key == "2023-11"


def test_by_year() -> None:
    periods = timeline(HISTORY, adrs(A, B, C), by="year")
    assert [p.key for p in periods] == ["2024", "2023"]
    year = {e.rel_path: e for e in periods[0].entries}
    assert year[A].summary() == "created (proposed) → accepted → superseded"
    assert year[A].statuses == ("proposed", "accepted", "superseded")
    assert year[B].summary() == "created (proposed) · edited ×3"


def test_since_keeps_only_what_it_includes_as_a_predicate_or_a_since() -> None:
    class Since:
        def includes(self, item: Change) -> bool:
            return item.commit.day >= "2024-03-02"

    by_object = timeline(HISTORY, adrs(A, B, C), since=Since())
    by_function = timeline(HISTORY, adrs(A, B, C), since=lambda c: c.commit.day >= "2024-03-02")
    assert by_object == by_function
    assert [p.key for p in by_object] == ["2024-03"]
    assert totals(by_object) == (4, 3)
    assert totals_text(by_object) == "4 changes to 3 ADRs"
    assert totals_text(timeline(HISTORY, since=lambda c: False)) == "no changes"


def test_a_file_the_collection_does_not_keep_is_listed_by_name() -> None:
    entry = timeline(HISTORY, adrs(A, B))[-1].entries[0]
    assert (entry.present, entry.title, entry.number) == (False, C, "—")


def test_change_marks() -> None:
    added, accepted, superseded = (
        change(A, "2024-01-05T10:00:00+00:00", ADDED, None, "proposed"),
        change(A, "2024-01-20T10:00:00+00:00", MODIFIED, "proposed", "accepted"),
        change(A, "2024-03-02T10:00:00+00:00", MODIFIED, "accepted", None),
    )
    assert change_mark(added) == "added as proposed"
    assert change_mark(accepted) == "proposed → accepted"
    assert change_mark(superseded) == "accepted → no status"
    edit = change(B, "2024-03-01T10:00:00+00:00", MODIFIED, "proposed", "proposed")
    assert change_mark(edit) == ""
    moved = change(C, "2024-03-05T10:00:00+00:00", RENAMED, "x", "x", old="sub/0003-old.md")
    assert change_mark(moved) == "renamed from 0003-old.md"
    assert change_mark(change(A, "2024-01-05T10:00:00+00:00", ADDED)) == "added"


def test_decisions_only_drops_plain_edits_and_empty_periods() -> None:
    by_month = timeline(HISTORY, adrs(A, B, C))
    decided = decisions_only(by_month)
    assert [p.key for p in decided] == ["2024-03", "2024-01", "2023-11"]
    assert [e.rel_path for e in decided[0].entries] == [C, A]
    assert totals_text(decided[:1]) == "2 changes to 2 ADRs"
    big = timeline(HISTORY, since=lambda c: True)
    assert totals_text(big) == "9 changes to 3 ADRs"


def test_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError):
        timeline(HISTORY, by="week")


def test_labels() -> None:
    assert period_label("2024-12") == "December 2024"
    assert period_label("2024") == "2024"
