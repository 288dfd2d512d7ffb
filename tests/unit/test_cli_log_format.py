"""`adrtui log`'s rows from a history built by hand: order, words, cleaning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from adrtui.cli import main
from adrtui.cli.log import Entry, change_words, entries
from adrtui.domain import gitlog
from adrtui.domain.gitlog import (
    ADDED,
    MODIFIED,
    RENAMED,
    Change,
    Commit,
    FileHistory,
    HistoryOutcome,
    RepoHistory,
    parse_since,
)
from adrtui.domain.model import Adr


def commit(sha: str, when: str, author: str = "Ana", subject: str = "s") -> Commit:
    stamp = int(dt.datetime.fromisoformat(when).timestamp())
    return Commit(sha * 40, when, stamp, author, "", subject)


def change(
    sha: str, when: str, path: str, kind: str, before: str | None, after: str | None
) -> Change:
    return Change(commit(sha, when), path, kind, None, before, after)


A = "0001-a.md"
B = "0002-b.md"
ADRS = [
    Adr(Path("/r/adr") / A, A, number=1, title="A"),
    Adr(Path("/r/adr") / B, B, number=2, title="B"),
]
HISTORY = RepoHistory(
    Path("/r"),
    Path("/r/adr"),
    "f" * 40,
    MappingProxyType(
        {
            A: FileHistory(
                A,
                (
                    change("1", "2024-01-01T10:00:00+00:00", A, ADDED, None, "proposed"),
                    change("2", "2024-01-02T10:00:00+00:00", A, MODIFIED, "proposed", "proposed"),
                    change("3", "2024-01-03T10:00:00+00:00", A, MODIFIED, "proposed", "accepted"),
                ),
            ),
            B: FileHistory(
                B,
                (
                    change("4", "2024-01-02T10:00:00+00:00", B, ADDED, None, None),
                    change("3", "2024-01-03T10:00:00+00:00", B, MODIFIED, None, "accepted"),
                ),
            ),
            "README.md": FileHistory(
                "README.md",
                (change("5", "2024-01-05T10:00:00+00:00", "README.md", ADDED, None, None),),
            ),
        }
    ),
)


def shas(found: list[Entry]) -> list[tuple[str, int | None]]:
    return [(entry.change.commit.sha[0], entry.adr.number) for entry in found]


def test_transitions_newest_first_same_commit_in_collection_order() -> None:
    assert shas(entries(ADRS, HISTORY)) == [("3", 1), ("3", 2), ("1", 1)]


def test_every_change_of_the_collection_only() -> None:
    found = entries(ADRS, HISTORY, every=True)
    assert shas(found) == [("3", 1), ("3", 2), ("2", 1), ("4", 2), ("1", 1)]


def test_since_filters_the_entries() -> None:
    found = entries(ADRS, HISTORY, since=parse_since("2024-01-02"), every=True)
    assert shas(found) == [("3", 1), ("3", 2), ("2", 1), ("4", 2)]


@pytest.mark.parametrize(
    ("made", "words"),
    [
        (
            Change(commit("1", "2024-01-01T00:00:00+00:00"), A, ADDED, None, None, "proposed"),
            "added as proposed",
        ),
        (Change(commit("1", "2024-01-01T00:00:00+00:00"), A, ADDED, None, None, None), "added"),
        (
            Change(
                commit("1", "2024-01-01T00:00:00+00:00"), A, MODIFIED, None, "proposed", "accepted"
            ),
            "proposed → accepted",
        ),
        (
            Change(
                commit("1", "2024-01-01T00:00:00+00:00"), A, MODIFIED, None, "proposed", "proposed"
            ),
            "edited",
        ),
        (
            Change(commit("1", "2024-01-01T00:00:00+00:00"), A, RENAMED, "0001-old.md", "x", "x"),
            "renamed from 0001-old.md",
        ),
    ],
)
def test_change_words(made: Change, words: str) -> None:
    assert change_words(made) == words


def test_an_entry_as_json() -> None:
    entry = entries(ADRS, HISTORY)[-1]
    assert entry.to_json() == {
        "sha": "1" * 40,
        "date": "2024-01-01T10:00:00+00:00",
        "author": "Ana",
        "path": A,
        "number": 1,
        "title": "A",
        "from": None,
        "to": "proposed",
        "subject": "s",
    }


def test_hostile_commit_text_is_printed_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / A).write_text("# A\n\n## Status\n\nAccepted\n")
    evil = Commit(
        "9" * 40, "2024-01-01T10:00:00+00:00", 1704103200, "Eve\x1b[2J\u202e", "", "\x1b]8;;x\x07y"
    )
    history = RepoHistory(
        tmp_path,
        folder,
        "9" * 40,
        MappingProxyType({A: FileHistory(A, (Change(evil, A, ADDED, None, None, "accepted"),))}),
    )
    monkeypatch.setattr(gitlog, "read_history", lambda *a, **k: HistoryOutcome(history))
    for argv in (["log"], ["log", "1"], ["show", "1"]):
        assert main([*argv, "--dir", str(folder)]) == 0
        out = capsys.readouterr().out
        assert "Eve" in out
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_a_table_fills_only_the_undated_records_keeping_their_order() -> None:
    from dataclasses import replace

    from adrtui.cli.history import filled

    dated = replace(ADRS[0], date="2020-02-02")
    got = filled([dated, ADRS[1]], HISTORY, undated_only=True)
    assert got[0] is dated  # its missing authors are not looked up for a table
    assert (got[1].date, got[1].git_filled) == ("2024-01-02", ("date", "authors"))
    assert filled([dated], HISTORY)[0].git_filled == ("authors",)
    assert filled([dated], None) == [dated]
