"""``since X``: the one rule list --since, log --since, the browser and the timeline share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from adrtui.domain import gitlog
from adrtui.domain.gitlog import (
    ADDED,
    MODIFIED,
    Change,
    Commit,
    FileHistory,
    RepoHistory,
    Since,
    parse_since,
)

TODAY = dt.date(2024, 3, 31)


def commit(sha: str, when: str) -> Commit:
    stamp = int(dt.datetime.fromisoformat(when).timestamp())
    return Commit(sha=sha * 40 if len(sha) == 1 else sha, when=when, timestamp=stamp, author="A")


def history_of(*changes: Change) -> FileHistory:
    return FileHistory("0001-x.md", changes)


def repo(*files: FileHistory) -> RepoHistory:
    return RepoHistory(
        Path("/r"), Path("/r/adr"), "f" * 40, MappingProxyType({f.rel_path: f for f in files})
    )


CREATED = Change(
    commit("a", "2023-12-31T23:30:00+01:00"), "0001-x.md", ADDED, None, None, "proposed"
)
ACCEPTED = Change(
    commit("b", "2024-01-15T09:00:00-08:00"), "0001-x.md", MODIFIED, None, "proposed", "accepted"
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-01-15", "2024-01-15"),
        ("2024-01", "2024-01-01"),
        ("2024-1", "2024-01-01"),
        ("2024", "2024-01-01"),
        ("  2024-02-29 ", "2024-02-29"),
    ],
)
def test_an_iso_date_whole_or_cut_short_starts_on_its_first_day(text: str, day: str) -> None:
    since = parse_since(text, None, today=TODAY)
    assert (since.kind, since.day, since.shas) == ("date", day, None)
    assert since.describe() == f"since {day}"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30d", "2024-03-01"),
        ("0d", "2024-03-31"),
        ("2w", "2024-03-17"),
        ("1m", "2024-02-29"),  # 31 March minus a month: the last day of February
        ("6M", "2023-09-30"),
        ("1y", "2023-03-31"),
        ("13m", "2023-02-28"),
    ],
)
def test_a_span_counts_back_from_today(text: str, day: str) -> None:
    since = parse_since(text, None, today=TODAY)
    assert (since.kind, since.day) == ("span", day)


def test_a_span_says_it_in_words() -> None:
    assert parse_since("30d", today=TODAY).describe() == "in the last 30 days (since 2024-03-01)"
    assert parse_since("1y", today=TODAY).describe() == "in the last 1 year (since 2023-03-31)"


def test_a_span_without_today_counts_from_the_local_date() -> None:
    assert parse_since("0d").day == dt.date.today().isoformat()


def test_a_huge_span_reaches_the_first_day_rather_than_failing() -> None:
    assert parse_since("99999y", today=TODAY).day == "0001-01-01"
    assert parse_since("99999w", today=TODAY).day is not None


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "0000"])
def test_a_date_that_does_not_exist_is_named(text: str) -> None:
    with pytest.raises(ValueError, match=f"'{text}' is not a date"):
        parse_since(text, None, today=TODAY)


def test_empty_text_says_what_is_expected() -> None:
    with pytest.raises(ValueError, match="30d"):
        parse_since("  ", None)


def test_a_revision_without_history_is_named() -> None:
    with pytest.raises(ValueError, match="'v1.0'.*no git history"):
        parse_since("v1.0", None)


def test_a_date_includes_commits_from_that_author_day_on() -> None:
    since = parse_since("2024-01-15", None)
    assert not since.includes(CREATED)
    assert since.includes(ACCEPTED)  # 09:00 in the author's zone is 17:00 UTC: same day
    assert parse_since("2023-12-31", None).includes(CREATED)  # 22:30 UTC, but the 31st


def test_touches_when_created_or_changed_since() -> None:
    history = history_of(CREATED, ACCEPTED)
    assert parse_since("2023", None).touches(history)  # created since
    assert parse_since("2024-01-10", None).touches(history)  # changed since
    assert not parse_since("2024-02", None).touches(history)
    assert not parse_since("2000", None).touches(None)  # git knows nothing of it


def test_a_revision_is_the_commits_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    history = repo(history_of(CREATED, ACCEPTED))
    asked: list[str] = []

    def commits_since(got: RepoHistory, rev: str) -> frozenset[str] | None:
        assert got is history
        asked.append(rev)
        return frozenset({ACCEPTED.commit.sha}) if rev == "v1.0" else None

    monkeypatch.setattr(gitlog, "commits_since", commits_since, raising=False)
    since = parse_since("v1.0", history)
    assert (since.kind, since.day, since.shas) == ("revision", None, frozenset({"b" * 40}))
    assert not since.includes(CREATED)
    assert since.includes(ACCEPTED)
    assert since.touches(history.of("0001-x.md"))
    assert since.describe() == "since v1.0"
    with pytest.raises(ValueError, match="'nope' is not a date.*revision git knows"):
        parse_since("nope", history)
    assert asked == ["v1.0", "nope"]


def test_text_git_would_read_as_an_option_is_never_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def commits_since(got: RepoHistory, rev: str) -> frozenset[str] | None:
        raise AssertionError(f"asked git about {rev!r}")

    monkeypatch.setattr(gitlog, "commits_since", commits_since, raising=False)
    for text in ("--output=/tmp/x", "-1d", "x" * 300):
        with pytest.raises(ValueError, match="not a date"):
            parse_since(text, repo())


def test_since_is_a_plain_value() -> None:
    assert parse_since("2024", None) == Since("2024", "date", day="2024-01-01")
