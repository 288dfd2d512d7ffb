"""Answers while the bodies are still being analysed (StagedSearch): at once, honest, then exact.

While the browser's first index builds, a person typing gets an answer to every
keystroke from titles and fields, marked partial when the bodies would matter,
and the full answer (the one the index gives) once the bodies are analysed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.domain.search import PARTIAL_NOTE, MemorySearch, StagedSearch, needs_bodies


def record(number: int, title: str, body: str, status: str = "Accepted") -> Adr:
    return Adr(
        path=Path(f"/adrs/{number:04d}-x.md"),
        rel_path=f"{number:04d}-x.md",
        number=number,
        title=title,
        status=status,
        date=f"2024-01-{number:02d}",
        body=body,
        tags=("storage",) if number % 2 else (),
    )


RECORDS = [
    record(1, "Use Kafka for events", "Retention is seven days; consumers replay."),
    record(2, "Use PostgreSQL", "Orders need transactions. Kafka is not a database.", "Proposed"),
    record(3, "Authenticate with OIDC", "Tokens are verified at the gateway.", "Superseded"),
    record(4, "Cache sessions", "Authentication tokens are cached for an hour."),
]

QUERIES = [
    "kafka",
    "kafka retention",
    "authentication",
    "auth",
    "tokens",
    "status:accepted cache",
    "status:proposed",
    "tag:storage",
    "title:kafka",
    "ka",
    "3",
    '"kafka is not"',
    "-kafka tokens",
]


def test_before_the_bodies_only_title_matches_come_and_the_answer_says_so() -> None:
    staged = StagedSearch(RECORDS)
    result = staged.search("retention", limit=None)
    assert result.paths == ()
    assert result.error == PARTIAL_NOTE
    result = staged.search("kafka", limit=None)
    assert set(result.paths) == {"0001-x.md"}  # 0002 says kafka in its body only
    assert result.error == PARTIAL_NOTE


def test_fields_and_titles_only_answer_exactly_at_once_without_a_note() -> None:
    staged = StagedSearch(RECORDS)
    full = MemorySearch(RECORDS)
    for text in ("status:accepted", "tag:storage", "title:kafka", "ka", "date:2024-01-03"):
        early, exact = staged.search(text, limit=None), full.search(text, limit=None)
        assert early.error is None, text
        assert early.paths == exact.paths, text
        assert early.total == exact.total, text


@pytest.mark.parametrize("text", QUERIES)
def test_once_complete_every_answer_is_the_full_evaluators(text: str) -> None:
    staged = StagedSearch(RECORDS)
    staged.complete()
    full = MemorySearch(RECORDS)
    for ranked in (True, False):
        mine = staged.search(text, limit=None, ranked=ranked, depth=2)
        exact = full.search(text, limit=None, ranked=ranked, depth=2)
        assert mine.error is None
        assert (mine.paths, mine.total, mine.words) == (exact.paths, exact.total, exact.words)
        assert [(h.rel_path, h.score) for h in mine.hits] == [
            (h.rel_path, h.score) for h in exact.hits
        ]


def test_a_partial_answer_never_holds_an_adr_the_full_one_does_not() -> None:
    staged = StagedSearch(RECORDS)
    full = MemorySearch(RECORDS)
    for text in QUERIES:
        if text.startswith("-"):
            continue  # an excluded word found only in bodies excludes more, later
        assert set(staged.search(text, limit=None).paths) <= set(
            full.search(text, limit=None).paths
        ), text


def test_an_abandoned_build_leaves_the_partial_answers_in_place() -> None:
    many = [record(number, f"Decision {number}", "Retention.") for number in range(1, 301)]
    staged = StagedSearch(many)  # enough records to reach a pause

    class Abandoned(Exception):
        pass

    def pause() -> None:
        raise Abandoned

    with pytest.raises(Abandoned):
        staged.complete(pause)
    assert not staged.completed
    assert staged.search("retention", limit=None).error == PARTIAL_NOTE


def test_which_queries_need_the_bodies() -> None:
    assert needs_bodies("kafka")
    assert needs_bodies("status:accepted cache")
    assert needs_bodies("-kafka")
    assert not needs_bodies("status:accepted")
    assert not needs_bodies("title:kafka")
    assert not needs_bodies("ka")  # one- and two-letter prefixes search titles only
    assert not needs_bodies("")
