"""Searching a small, known collection: exact hit sets, ranking, filters, highlights, sync."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.domain.search.reader import drain_postings
from adrtui.domain.search.service import SearchIndex

RECORDS = [
    # (file, title, status, date, deciders, tags, body)
    (
        "0001-record-architecture-decisions.md",
        "Record architecture decisions",
        "accepted",
        "2021-03-01",
        ("Ana Lima",),
        (),
        "We keep a log of every decision we make, one file each.",
    ),
    (
        "0002-use-kafka-for-domain-events.md",
        "Use Kafka for domain events",
        "accepted",
        "2023-04-01",
        ("Ana Lima",),
        ("messaging",),
        "Kafka keeps ordering per partition. Consumers are deciding on their own offsets.",
    ),
    (
        "0003-authenticate-users-with-openid-connect.md",
        "Authenticate users with OpenID Connect",
        "proposed",
        "2024-02-10",
        ("Bo Chen", "Alice Martin"),
        ("security",),
        "Authentication is duplicated across services. Tokens are verified at the edge.",
    ),
    (
        "0004-cache-sessions-in-redis.md",
        "Cache sessions in Redis",
        "superseded",
        "2024-06-30",
        ("Bo Chen",),
        ("performance", "security"),
        "Sessions are cached; authentication tokens expire. We decided against Memcached.",
    ),
    (
        "0005-adopt-contract-tests.md",
        "Adopt contract tests",
        "accepted",
        "2022-01-15",
        (),
        (),
        "Producers publish to Kafka topics: kafka, kafka and more kafka. Capacity is fine.",
    ),
    (
        "0006-nommer-les-services.md",
        "Nommer les services: café",
        "draft",
        None,
        ("Élodie Durand",),
        (),
        "Règles de nommage des bases: 数据库 迁移 est prévu.",
    ),
    (
        "0007-notes.md",
        "Untitled notes",
        None,
        None,
        (),
        (),
        "Random notes on authorization and caching layers.",
    ),
]


def make(folder: Path, row: tuple, *, version: int = 1) -> Adr:
    name, title, status, date, deciders, tags, body = row
    path = folder / name
    text = f"# {title}\n\n{body}\n"
    return Adr(
        path=path,
        rel_path=name,
        number=int(name[:4]),
        title=title,
        status=status,
        status_raw=status,
        date=date,
        deciders=deciders,
        tags=tags,
        body=body,
        mtime_ns=1_700_000_000_000_000_000 + version,
        size=len(text),
        sha1=hashlib.sha1(f"{text}{version}".encode()).hexdigest(),
    )


@pytest.fixture()
def records(tmp_path: Path) -> list[Adr]:
    folder = tmp_path / "adrs"
    folder.mkdir()
    return [make(folder, row) for row in RECORDS]


@pytest.fixture()
def index(tmp_path: Path, records: list[Adr]):
    with SearchIndex.open(tmp_path / "adrs", cache_dir=tmp_path / "cache") as opened:
        report = opened.sync(records)
        assert report.rebuilt and report.added == len(RECORDS)
        yield opened


def hits(index: SearchIndex, text: str, **kwargs) -> list[str]:
    return [hit.rel_path[:4] for hit in index.search(text, limit=None, **kwargs).hits]


def hit_set(index: SearchIndex, text: str) -> set[str]:
    return set(hits(index, text))


def test_exact_hits_for_a_word_with_the_title_match_first(index: SearchIndex) -> None:
    # 0005 says "kafka" four times, 0002 once in the body but also in its title.
    assert hits(index, "kafka ") == ["0002", "0005"]


def test_stemming_finds_other_forms(index: SearchIndex) -> None:
    # decision(s), deciding, decided: one stem.
    assert hit_set(index, "deciding ") == {"0001", "0002", "0004"}
    assert hit_set(index, "sessions ") == {"0004"}


def test_last_word_is_a_prefix(index: SearchIndex) -> None:
    assert hit_set(index, "authen") == {"0003", "0004"}
    assert hit_set(index, "authoriz") == {"0007"}
    assert hit_set(index, "kafka ord") == {"0002"}


def test_short_prefixes_match_title_words_only(index: SearchIndex) -> None:
    # "Capacity" (0005 body) and "caching" (0007 body) start with "ca" too.
    assert hit_set(index, "ca") == {"0004", "0006"}
    assert hit_set(index, "c") == {"0003", "0004", "0005", "0006"}


def test_all_words_must_match(index: SearchIndex) -> None:
    assert hit_set(index, "tokens sessions ") == {"0004"}
    assert hit_set(index, "kafka authentication ") == set()


def test_excluded_words(index: SearchIndex) -> None:
    assert hit_set(index, "authentication -redis ") == {"0003"}
    assert hit_set(index, "authentication NOT sessions") == {"0003"}


def test_filters(index: SearchIndex) -> None:
    assert hit_set(index, "status:accepted") == {"0001", "0002", "0005"}
    assert hit_set(index, "status:acc") == {"0001", "0002", "0005"}  # still typing
    assert hit_set(index, "status:none") == {"0007"}
    assert hit_set(index, "tag:security") == {"0003", "0004"}
    assert hit_set(index, "decider:alice") == {"0003"}
    assert hit_set(index, 'decider:"ana lima"') == {"0001", "0002"}
    assert hit_set(index, "decider:elodie") == {"0006"}
    assert hit_set(index, "date:2024") == {"0003", "0004"}
    assert hit_set(index, "date:2023..2024") == {"0002", "0003", "0004"}
    assert hit_set(index, "date:>=2024-03") == {"0004"}
    assert hit_set(index, "date:<2022") == {"0001"}
    assert hit_set(index, "number:4") == {"0004"}
    assert hit_set(index, "number:2..3") == {"0002", "0003"}


def test_filters_combine_with_words_and_each_other(index: SearchIndex) -> None:
    assert hit_set(index, "tag:security authentication") == {"0003", "0004"}
    assert hit_set(index, "status:superseded auth") == {"0004"}
    assert hit_set(index, "status:accepted status:proposed tag:security") == {"0003"}
    assert hit_set(index, "kafka -status:superseded") == {"0002", "0005"}
    assert hit_set(index, "-status:accepted") == {"0003", "0004", "0006", "0007"}


def test_filters_alone_list_in_number_order(index: SearchIndex) -> None:
    assert hits(index, "status:accepted") == ["0001", "0002", "0005"]
    result = index.search("", limit=3)
    assert [h.rel_path[:4] for h in result.hits] == ["0001", "0002", "0003"]
    assert result.total == len(RECORDS)


def test_limit_keeps_the_exact_total(index: SearchIndex) -> None:
    result = index.search("authen", limit=1)
    assert len(result.hits) == 1 and result.total == 2


def test_quoted_words_must_occur_together_as_a_phrase(index: SearchIndex) -> None:
    # Both ADRs say "authentication" and "tokens"; only 0004 says them one after the other.
    assert hit_set(index, "authentication tokens ") == {"0003", "0004"}
    assert hit_set(index, '"authentication tokens"') == {"0004"}
    assert hit_set(index, '"tokens authentication"') == set()  # order matters
    assert hit_set(index, '"Authentication, Tokens"') == {"0004"}  # case and punctuation do not
    # A phrase in the title counts, with other words and filters alongside.
    assert hit_set(index, '"domain events" kafka status:accepted') == {"0002"}
    # Until the closing quote is typed, the words are matched one by one.
    assert hit_set(index, '"authentication tokens') == {"0003", "0004"}


def test_a_phrase_keeps_the_exact_total_under_a_limit(index: SearchIndex) -> None:
    result = index.search('"kafka and more"', limit=1)
    assert result.total == 1 and [hit.rel_path[:4] for hit in result.hits] == ["0005"]
    unranked = index.search('"kafka and more"', limit=None, ranked=False)
    assert [path[:4] for path in unranked.paths] == ["0005"]


def test_digits_find_the_adr_number_first(index: SearchIndex) -> None:
    assert hits(index, "4")[0] == "0004"


def test_accents_and_non_latin_text(index: SearchIndex) -> None:
    assert hit_set(index, "cafe") == {"0006"}
    assert hit_set(index, "CAFÉ") == {"0006"}
    assert hit_set(index, "数据库") == {"0006"}
    assert hit_set(index, "regles ") == {"0006"}


def test_one_typo_is_forgiven_only_when_nothing_matches(index: SearchIndex) -> None:
    result = index.search("kafak ")
    assert result.fuzzy and {h.rel_path[:4] for h in result.hits} == {"0002", "0005"}
    assert "kafka" in result.words
    assert index.search("authenticaton").fuzzy  # a prefix with a typo
    assert not index.search("kafka").fuzzy
    short = index.search("kafa ")  # four letters: too short to guess
    assert short.total == 0 and not short.fuzzy


def test_hits_carry_the_listed_fields(index: SearchIndex) -> None:
    (hit,) = index.search("redis").hits
    assert (hit.rel_path, hit.number, hit.title, hit.status, hit.date) == (
        "0004-cache-sessions-in-redis.md",
        4,
        "Cache sessions in Redis",
        "superseded",
        "2024-06-30",
    )
    assert hit.score > 0


def test_words_to_highlight_include_stem_variants(index: SearchIndex) -> None:
    result = index.search("deciding ")
    assert {"deciding", "decided", "decision"} <= set(result.words)


def test_highlights_only_when_asked(index: SearchIndex) -> None:
    assert all(not h.highlights for h in index.search("tokens").hits)
    result = index.search("authentication tokens ", highlight=True)
    for hit in result.hits:
        assert hit.highlights
        for fragment in hit.highlights:
            marked = {fragment.text[s:e].lower() for s, e in fragment.spans}
            assert marked <= {"authentication", "tokens"}
            assert marked


def test_spans_locate_matches_in_any_text(index: SearchIndex) -> None:
    result = index.search("sessions cach")
    text = "Session caches: cached sessions."
    assert [text[s:e] for s, e in result.spans(text)] == ["Session", "caches", "cached", "sessions"]


# -- keeping the index in sync -------------------------------------------------------


def test_an_unchanged_sync_writes_nothing(index: SearchIndex, records: list[Adr]) -> None:
    report = index.sync(records)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 7)
    assert not report.rebuilt


def test_changes_are_applied_incrementally(index: SearchIndex, records: list[Adr]) -> None:
    folder = records[0].path.parent
    changed = replace(
        make(folder, RECORDS[1], version=2), body="Kafka was replaced by a message queue."
    )
    new = make(folder, ("0008-new.md", "Introduce feature flags", "proposed", None, (), (), "x"))
    current = [records[0], changed, *records[2:6], new]  # 0007 removed
    report = index.sync(current, progress=None)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 5)
    assert not report.rebuilt
    assert hit_set(index, "ordering ") == set()
    assert hit_set(index, "queue ") == {"0002"}
    assert hit_set(index, "feature") == {"0008"}
    assert hit_set(index, "authorization ") == set()
    assert index.doc_count == 7


def test_a_touched_file_with_the_same_content_is_unchanged(
    index: SearchIndex, records: list[Adr]
) -> None:
    touched = replace(records[2], mtime_ns=records[2].mtime_ns + 10)
    report = index.sync([*records[:2], touched, *records[3:]])
    assert report.updated == 0 and report.unchanged == 7


def test_records_without_stat_are_compared_by_content(tmp_path: Path) -> None:
    folder = tmp_path / "adrs"
    bare = [replace(make(folder, row), mtime_ns=0, size=0, sha1="") for row in RECORDS[:3]]
    with SearchIndex.open(folder, cache_dir=tmp_path / "cache") as index:
        index.sync(bare)
        assert index.sync(bare).unchanged == 3
        edited = replace(bare[0], body="Now about observability.")
        report = index.sync([edited, *bare[1:]])
        assert report.updated == 1
        assert hit_set(index, "observability") == {"0001"}


def test_duplicate_paths_in_one_batch_index_once(tmp_path: Path, records: list[Adr]) -> None:
    with SearchIndex.open(tmp_path / "adrs", cache_dir=tmp_path / "cache") as index:
        report = index.sync([*records, records[1], records[1]])
        assert report.files == len(RECORDS) and index.doc_count == len(RECORDS)
        assert hits(index, "kafka ") == ["0002", "0005"]


def test_rebuild_on_request(index: SearchIndex, records: list[Adr]) -> None:
    report = index.sync(records, rebuild=True)
    assert report.rebuilt and report.added == len(RECORDS)
    assert hit_set(index, "kafka") == {"0002", "0005"}


def test_a_second_index_object_sees_writes_of_the_first(
    tmp_path: Path, index: SearchIndex, records: list[Adr]
) -> None:
    with SearchIndex.open(tmp_path / "adrs", cache_dir=tmp_path / "cache") as other:
        assert hit_set(other, "kafka") == {"0002", "0005"}
        folder = records[0].path.parent
        extra = make(folder, ("0009-kafka-again.md", "More Kafka", None, None, (), (), "k"))
        index.sync([*records, extra])
        assert hit_set(other, "kafka") == {"0002", "0005", "0009"}


def test_search_before_the_first_sync_scans_the_records(tmp_path: Path, records: list[Adr]) -> None:
    with SearchIndex.open(tmp_path / "adrs", cache_dir=tmp_path / "cache") as index:
        assert not index.ready
        assert index.search("kafka").total == 0  # nothing known yet
        index.sync(records)
        assert index.ready


def test_block_decoding_matches_the_public_matcher_api(tmp_path: Path) -> None:
    """The fast path that reads postings block by block agrees with Whoosh's API."""
    folder = tmp_path / "adrs"
    row = ("0000-x.md", "Kafka", "accepted", None, (), (), "kafka " * 3)
    many = [
        replace(make(folder, row), rel_path=f"{n:04d}-k.md", number=n, body="kafka " * (n % 7 + 1))
        for n in range(700)  # several 256-posting blocks
    ]
    with SearchIndex.open(folder, cache_dir=tmp_path / "cache") as index:
        index.subprocess_threshold = 10_000  # stay in-process for this check
        index.sync(many)
        engine = index._engine
        assert engine is not None
        for leaf, _, _ in engine.leaves:
            fast = drain_postings(leaf.postings("body", b"kafka"))
            slow_matcher = leaf.postings("body", b"kafka")
            slow: tuple[list[int], list[float]] = ([], [])
            while slow_matcher.is_active():
                slow[0].append(slow_matcher.id())
                slow[1].append(slow_matcher.weight())
                slow_matcher.next()
            assert fast == slow and len(fast[0]) > 256
        assert index.search("kafka").total == 700


def test_hostile_files_index_and_search_safely(tmp_path: Path) -> None:
    from adrtui.domain.collection.folder import load_collection
    from tests.hostile.corpus import make_hostile_corpus

    folder = tmp_path / "hostile"
    make_hostile_corpus(folder, large=False)
    adrs = load_collection(folder, cache_dir=tmp_path / "cache").adrs
    with SearchIndex.open(folder, cache_dir=tmp_path / "cache") as index:
        report = index.sync(adrs)
        assert not report.read_only and index.doc_count == len(adrs)
        for query in ("screen", "cycle", "pwned", "word", "rm", "café", '"', "status:"):
            result = index.search(query, limit=None, highlight=True)
            for hit in result.hits:
                for fragment in hit.highlights:
                    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in fragment.text)
        assert index.search("cycle").total == 2
        assert "0017-huge-line.md" in index.search("word ").paths
