"""Search over a generated corpus (benchmarks/corpus.py): hit sets against a brute-force scan."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.parsing import parse_file
from adrtui.domain.search.service import SearchIndex
from benchmarks.corpus import generate

COUNT = 240


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "adrs"
    generate(folder, COUNT, seed=11)
    return folder


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def scan(adrs: list, pattern: str) -> set[str]:
    regex = re.compile(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", re.IGNORECASE)
    return {a.rel_path for a in adrs if regex.search(a.title) or regex.search(a.body)}


FAMILIES = [
    ("kafka ", "kafka"),
    ("authentication ", "authenticat(?:e|ed|es|ion|ions|ing)"),
    ("invoices ", "invoices?"),
    ("deciding ", r"decid\w*|decision\w*"),
    ("deployment ", "deploy(?:s|ed|ing|ment|ments)?"),
]


def test_word_families_match_a_brute_force_scan(corpus: Path) -> None:
    adrs = load_collection(corpus).adrs
    assert len(adrs) == COUNT
    with SearchIndex.open(corpus) as index:
        index.sync(adrs)
        for query, family in FAMILIES:
            expected = scan(adrs, family)
            assert expected, query
            result = index.search(query, limit=None)
            assert set(result.paths) == expected, query
            assert result.total == len(expected)


def test_prefixes_find_every_word_they_start(corpus: Path) -> None:
    adrs = load_collection(corpus).adrs
    with SearchIndex.open(corpus) as index:
        index.sync(adrs)
        for prefix in ("aut", "auth", "inv", "rollb", "kaf"):
            found = set(index.search(prefix, limit=None).paths)
            assert scan(adrs, rf"{prefix}\w*") <= found, prefix
        for short in ("a", "ka"):
            titles = {a.rel_path for a in adrs if re.search(rf"\b{short}", a.title, re.I)}
            assert set(index.search(short, limit=None).paths) == titles


def test_title_matches_rank_first(corpus: Path) -> None:
    adrs = load_collection(corpus).adrs
    with SearchIndex.open(corpus) as index:
        index.sync(adrs)
        result = index.search("billing ", limit=None)
        in_title = [("billing" in h.title.lower()) for h in result.hits]
        assert any(in_title) and not all(in_title)
        assert in_title == sorted(in_title, reverse=True)


def test_incremental_updates_answer_like_a_fresh_build(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "adrs"
    shutil.copytree(corpus, folder)
    rng = random.Random(5)
    with SearchIndex.open(folder) as index:
        index.sync(load_collection(folder).adrs)
        for round_ in range(4):
            files = sorted(folder.glob("*.md"))
            for path in rng.sample(files, 5):
                path.write_text(path.read_text() + f"\nRound {round_}: kafka invoices.\n")
            for path in rng.sample(files, 2):
                path.unlink()
            (folder / f"9{round_:03d}-new.md").write_text(f"# New {round_}\n\nAbout kafka.\n")
            report = index.sync(load_collection(folder).adrs)
            assert not report.rebuilt and report.changed == 5 + 2 + 1
        adrs = load_collection(folder).adrs
        assert index.doc_count == len(adrs)
        with SearchIndex.open(folder, cache_dir=tmp_path / "fresh") as fresh:
            fresh.sync(adrs)
            for query in ("kafka ", "invoices ", "round", "new", "status:accepted", "auth"):
                assert (
                    index.search(query, limit=None).paths == fresh.search(query, limit=None).paths
                ), query


def test_one_edited_file_is_found_by_its_new_words(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "adrs"
    shutil.copytree(corpus, folder)
    adrs = load_collection(folder).adrs
    with SearchIndex.open(folder) as index:
        index.sync(adrs)
        target = adrs[17]
        target.path.write_text(target.path.read_text() + "\nThe quokka migration.\n")
        fresh = parse_file(target.path, folder)
        report = index.sync([*adrs[:17], fresh, *adrs[18:]])
        assert (report.updated, report.added, report.removed) == (1, 0, 0)
        assert index.search("quokka").paths == (target.rel_path,)


def test_unranked_search_matches_the_same_adrs_as_ranked(corpus: Path) -> None:
    """The list's cheap per-keystroke query finds exactly what the ranked one finds."""
    adrs = load_collection(corpus).adrs
    with SearchIndex.open(corpus) as index:
        index.sync(adrs)
        for text in ("a", "au", "auth", "deciding ", "status:accepted kaf", "invoices -kafka"):
            ranked = index.search(text, limit=None)
            unranked = index.search(text, limit=None, ranked=False)
            assert unranked.hits == ()
            assert sorted(unranked.paths) == sorted(ranked.paths), text
            assert unranked.total == ranked.total == len(unranked.paths)
