"""The in-memory evaluator and the Whoosh index give the same answer to every query.

Hypothesis generates small collections (titles, bodies, statuses, tags, people,
dates, numbers drawn from a small vocabulary, so that queries hit) and, for each
collection, many queries in the whole query language: words, prefixes being
typed, ``word*``, quoted phrases, ``-word`` and ``NOT word``, every ``field:``
filter with ranges and comparisons, ``AND``/``OR`` (plain words), typos (the
one-edit fallback). The real index is built once per collection (in a temporary
cache); :class:`MemorySearch` must find the same ADRs, in the same order, with
the same total, for every query, ranked or not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrtui.domain.model import Adr
from adrtui.domain.search import MemorySearch, SearchIndex

#: Collections per run, and queries per collection: thousands of queries in all.
COLLECTIONS = 40
QUERIES = 120

WORDS = (
    "kafka",
    "postgres",
    "postgresql",
    "managed",
    "manage",
    "decision",
    "deciding",
    "decide",
    "event",
    "events",
    "sourcing",
    "authentication",
    "authenticate",
    "cache",
    "caching",
    "café",
    "résumé",
    "api",
    "v2",
    "2024",
    "retention",
    "the",
    "a",
    "Kubernetes",
    "cluster",
    "clusters",
    "deploy",
    "deployment",
    "security",
    "ops",
)
STATUSES = (None, "accepted", "proposed", "superseded", "rejected", "deprecated", "Draft")
TAGS = ("security", "data", "Event Sourcing", "ops", "café")
PEOPLE = ("Ana Lima", "José Núñez", "bob", "Alice Smith", "alice")
DATES = (None, "2023-01-15", "2023-11-02", "2024-06-30", "2024-12-01", "2025-02-10")
FIELDS = ("status", "tag", "decider", "author", "consulted", "informed", "title")

text_words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12)
separators = st.sampled_from((" ", " ", " ", ", ", "-", ". ", "\n"))


@st.composite
def texts(draw: st.DrawFn, max_size: int = 12) -> str:
    chosen = draw(st.lists(st.sampled_from(WORDS), max_size=max_size))
    out = ""
    for word in chosen:
        out += word + draw(separators)
    return out.strip()


@st.composite
def records(draw: st.DrawFn) -> list[Adr]:
    count = draw(st.integers(1, 14))
    adrs = []
    for i in range(count):
        number = draw(st.one_of(st.none(), st.integers(0, 30)))
        adrs.append(
            Adr(
                path=Path(f"/adrs/{i:04d}.md"),
                rel_path=f"{i:04d}.md",
                number=number,
                title=draw(texts(5)),
                status=draw(st.sampled_from(STATUSES)),
                date=draw(st.sampled_from(DATES)),
                deciders=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=2))),
                authors=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=1))),
                consulted=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=1))),
                informed=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=1))),
                tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2))),
                body=draw(texts(30)),
                sha1=f"{i:040x}",
            )
        )
    return adrs


def _typo(word: str, cut: int) -> str:
    cut = cut % len(word)
    return word[:cut] + word[cut + 1 :] if len(word) > 4 else word


@st.composite
def terms(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(WORDS))
    kind = draw(st.integers(0, 15))
    if kind == 0:
        return word[: draw(st.integers(1, len(word)))]  # a prefix
    if kind == 1:
        return word[: draw(st.integers(1, len(word)))] + "*"
    if kind == 2:
        return "-" + word
    if kind == 3:
        return f"NOT {word}"
    if kind == 4:
        return f'"{word} {draw(st.sampled_from(WORDS))}"'
    if kind == 5:
        return _typo(word, draw(st.integers(0, 20)))
    if kind == 6:
        return draw(st.sampled_from(("OR", "AND", "*", "(", "foo:bar", '"')))
    if kind in (7, 8):
        name = draw(st.sampled_from(FIELDS))
        value = draw(
            st.sampled_from(
                {
                    "status": ("accepted", "acc", "none", "super", "draft", "rejected"),
                    "tag": ("security", "sec", '"event sourcing"', "event", "cafe"),
                    "title": ("kafka", "post", "decid", "cafe"),
                }.get(name, ("ana", '"ana lima"', "lima", "jose", "núñez", "alice", "bo"))
            )
        )
        sign = draw(st.sampled_from(("", "", "-")))
        return f"{sign}{name}:{value}"
    if kind == 9:
        return "date:" + draw(
            st.sampled_from(
                ("2024", "2023-1", "2023..2024", ">=2024-06", "<2024", ">2023", "..2023", "2025..")
            )
        )
    if kind == 10:
        return "number:" + draw(
            st.sampled_from(("3", "0003", "#12", "3..10", ">5", "<=2", "10..", "x", ">=30"))
        )
    if kind == 11:
        return str(draw(st.integers(0, 31)))
    return word


@st.composite
def queries(draw: st.DrawFn) -> str:
    parts = draw(st.lists(terms(), min_size=1, max_size=4))
    return " ".join(parts) + draw(st.sampled_from(("", " ")))


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


@settings(
    max_examples=COLLECTIONS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(adrs=records(), data=st.data())
def test_memory_and_index_give_the_same_answer(
    tmp_path_factory: pytest.TempPathFactory, adrs: list[Adr], data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("collection")
    memory = MemorySearch(adrs)
    with SearchIndex.open(folder) as index:
        report = index.sync(adrs)
        assert not report.read_only, report.notices
        for _ in range(QUERIES):
            text = data.draw(queries(), label="query")
            for ranked in (True, False):
                expected = index.search(text, limit=None, ranked=ranked)
                found = memory.search(text, limit=None, ranked=ranked)
                assert found.paths == expected.paths, (text, ranked)
                assert found.total == expected.total, (text, ranked)
                assert found.fuzzy == expected.fuzzy, text
            expected = index.search(text, limit=None, depth=3)
            assert memory.search(text, limit=None, depth=3).paths == expected.paths, text
