"""The search box's history filters: changed:, since:, author: over committers (one evaluator)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from adrtui.domain.gitlog import (
    ADDED,
    MODIFIED,
    Change,
    Commit,
    FileHistory,
    GitMatcher,
    RepoHistory,
    history_note,
    split_query,
)
from adrtui.domain.gitlog.filters import changed_bound
from adrtui.domain.model import Adr
from adrtui.domain.search import parse_query, without_filters

TODAY = dt.date(2024, 6, 30)


def commit(sha: str, day: str, author: str = "Alice Adams") -> Commit:
    when = f"{day}T12:00:00+00:00"
    stamp = int(dt.datetime.fromisoformat(when).timestamp())
    return Commit(sha * 40, when, stamp, author)


def file_history(path: str, *commits: Commit) -> FileHistory:
    changes = tuple(
        Change(c, path, ADDED if i == 0 else MODIFIED, None, None, "accepted")
        for i, c in enumerate(commits)
    )
    return FileHistory(path, changes)


OLD = file_history("0001-old.md", commit("a", "2021-03-04"), commit("b", "2022-01-10"))
RECENT = file_history(
    "0002-recent.md", commit("c", "2023-12-01"), commit("d", "2024-06-20", "Bob Brown")
)
REPO = RepoHistory(
    Path("/r"),
    Path("/r/adr"),
    "e" * 40,
    MappingProxyType({f.rel_path: f for f in (OLD, RECENT)}),
)
RECORDS = {
    "0001-old.md": Adr(path=Path("/r/adr/0001-old.md"), rel_path="0001-old.md", date="2021-03-04"),
    "0002-recent.md": Adr(
        path=Path("/r/adr/0002-recent.md"), rel_path="0002-recent.md", authors=("Carol Chen",)
    ),
    "0003-new.md": Adr(path=Path("/r/adr/0003-new.md"), rel_path="0003-new.md"),
}
ALL = tuple(RECORDS)


def kept(text: str, history: RepoHistory | None = REPO) -> list[str]:
    query = split_query(parse_query(text + " "), with_history=history is not None)
    matcher = GitMatcher.of(query, history, today=TODAY)
    return matcher.keep(ALL, RECORDS, history)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("changed:2024", ["0002-recent.md"]),
        ("changed:2022-01", ["0001-old.md"]),
        ("changed:2021", []),  # created in 2021, last changed in 2022
        ("changed:2023..2024", ["0002-recent.md"]),
        ("changed:..2022", ["0001-old.md"]),
        ("changed:>=2024-01-01", ["0002-recent.md"]),
        ("changed:<2024", ["0001-old.md"]),
        ("changed:<30d", ["0002-recent.md"]),
        ("changed:30d", ["0002-recent.md"]),
        ("changed:>1y", ["0001-old.md"]),
        ("changed:2021 changed:2022", ["0001-old.md"]),  # one field: alternatives
    ],
)
def test_changed_reads_the_last_commit_day(text: str, expected: list[str]) -> None:
    assert kept(text) == expected


def test_a_negated_changed_leaves_out_only_records_git_dates() -> None:
    # 0003 has no history: nothing says it changed in 2024, so it stays.
    assert kept("-changed:2024") == ["0001-old.md", "0003-new.md"]


def test_relative_spans_count_back_from_the_day_given() -> None:
    assert changed_bound("<30d", TODAY) == ">2024-05-31"
    assert changed_bound("30d", TODAY) == ">=2024-05-31"
    assert changed_bound(">=2w", TODAY) == "<=2024-06-16"
    assert changed_bound("1y..30d", TODAY) == "2023-06-30..2024-05-31"
    assert changed_bound("30d..1y", TODAY) == "2023-06-30..2024-05-31"
    assert changed_bound("2024-06", TODAY) == "2024-06"


def test_since_a_day_or_span_keeps_what_was_created_or_changed_since() -> None:
    assert kept("since:2023-12-01") == ["0002-recent.md"]
    assert kept("since:2w") == ["0002-recent.md"]
    assert kept("since:2020") == ["0001-old.md", "0002-recent.md"]
    assert kept("-since:2024") == ["0001-old.md", "0003-new.md"]


def test_a_since_git_does_not_know_is_left_out_with_a_note() -> None:
    query = split_query(parse_query("since:2024-13 "), with_history=True)
    matcher = GitMatcher.of(query, REPO, today=TODAY)
    assert matcher.keep(ALL, RECORDS, REPO) == list(ALL)
    assert matcher.notes and "2024-13" in matcher.notes[0]


def test_a_since_still_being_typed_is_a_date_as_far_as_it_goes() -> None:
    query = split_query(parse_query("since:2024-1"), with_history=True)
    matcher = GitMatcher.of(query, REPO, today=TODAY)
    assert matcher.notes == () and matcher.keep(ALL, RECORDS, REPO) == ["0002-recent.md"]


def test_author_finds_file_authors_and_committers() -> None:
    assert kept("author:bob") == ["0002-recent.md"]  # Bob only committed
    assert kept("author:carol") == ["0002-recent.md"]  # named in the file
    assert kept("author:alice") == ["0001-old.md", "0002-recent.md"]
    assert kept('author:"alice adams"') == ["0001-old.md", "0002-recent.md"]
    assert kept("-author:bob") == ["0001-old.md", "0003-new.md"]


def test_an_author_being_typed_matches_as_a_prefix() -> None:
    query = split_query(parse_query("author:bo"), with_history=True)
    assert GitMatcher.of(query, REPO, today=TODAY).keep(ALL, RECORDS, REPO) == ["0002-recent.md"]


def test_fields_must_all_match() -> None:
    assert kept("author:alice changed:2022") == ["0001-old.md"]


def test_without_history_only_the_index_filters_and_the_author_stays_its() -> None:
    query = split_query(parse_query("kafka author:bob changed:2024 "), with_history=False)
    assert query.engine_text == "kafka author:bob changed:2024 "
    assert [f.field for f in query.filters] == ["changed"]
    assert GitMatcher.of(query, None, today=TODAY).keep(ALL, RECORDS, None) == list(ALL)


def test_with_history_the_index_is_asked_without_the_author() -> None:
    query = split_query(parse_query("kafka NOT author:bob changed:2024 "), with_history=True)
    assert parse_query(query.engine_text).filters[0].field == "changed"
    assert [w.text for w in parse_query(query.engine_text).words] == ["kafka"]
    assert query.fields == ("authors", "changed")


def test_without_filters_keeps_the_words_as_typed() -> None:
    assert without_filters("author:bob kafka", {"authors"}).split() == ["kafka"]
    assert without_filters('x -author:"ana lima" y', {"authors"}).split() == ["x", "y"]
    assert without_filters("x status:acc", {"authors"}) == "x status:acc"


def test_the_note_says_why_history_filters_wait() -> None:
    query = parse_query("changed:2024 since:30d")
    assert history_note(query, None) == "changed:, since: need git history (reading it…)"
    note = history_note(query, "no git history: not a git repository")
    assert note == "changed:, since: need git history (not a git repository): left out"
    assert history_note(parse_query("kafka"), "x") == ""


def test_with_history_date_reads_the_records_dates_git_filled_in_too() -> None:
    # 0001's date came from git (the record holds it); the index knows only the file's.
    assert kept("date:2021") == ["0001-old.md"]
    assert kept("-date:2021") == ["0002-recent.md", "0003-new.md"]
    query = split_query(parse_query("kafka date:2021 "), with_history=True)
    assert parse_query(query.engine_text).filters == ()
    query = split_query(parse_query("kafka date:2021 "), with_history=False)
    assert [f.field for f in parse_query(query.engine_text).filters] == ["date"]
