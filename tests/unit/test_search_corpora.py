"""Search over the real ADR collections in ../shared/corpora (skipped when absent).

Expected hit sets are facts about the corpora (checked with ``grep -iw``), and a
brute-force scan of the same files for every word family tested.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.search.service import SearchIndex

pytestmark = pytest.mark.corpora


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def open_corpus(corpora: Path, name: str) -> tuple[SearchIndex, list]:
    adrs = load_collection(corpora / name).adrs
    index = SearchIndex.open(corpora / name)
    index.sync(adrs)
    return index, adrs


def scan(adrs: list, pattern: str) -> set[str]:
    """The ADRs whose title or body contains a word matching ``pattern`` (any case)."""
    regex = re.compile(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", re.IGNORECASE)
    return {a.rel_path for a in adrs if regex.search(a.title) or regex.search(a.body)}


KNOWN = [
    # corpus, query, exact hits, the first hit (a title match)
    (
        "cloud-platform",
        "fargate",
        {"022-EKS.md", "034-EKS-Fargate.md", "037-serverless.md"},
        "034-EKS-Fargate.md",
    ),
    (
        "cloud-platform",
        "elasticsearch",
        {
            "001-Use-AWS-hosted-elasticsearch.md",
            "010-live-0-to-live-1-Cluster.md",
            "022-EKS.md",
            "023-Logging.md",
            "034-EKS-Fargate.md",
        },
        "001-Use-AWS-hosted-elasticsearch.md",
    ),
    ("log4brains", "lunr", {"20201103-use-lunr-for-search.md"}, None),
    (
        "madr",
        "yaml",
        {
            "0008-add-status-field.md",
            "0010-support-categories.md",
            "0013-use-yaml-front-matter-for-meta-data.md",
        },
        "0013-use-yaml-front-matter-for-meta-data.md",
    ),
    ("adr-tools", "shell", {"0002-implement-as-shell-scripts.md"}, None),
    (
        "seeds",
        "fastapi",
        {
            "0004-python-fastapi-backend.md",
            "001-backend-framework-fastapi.md",
            "002-python-fastapi-tech-stack.md",
            "ADR-002-python-fastapi-core-stack.md",
            "ADR-005-project-intelligence-fastapi-backend.md",
        },
        None,
    ),
]


@pytest.mark.parametrize(("corpus", "word", "want", "first"), KNOWN)
def test_known_words_have_exact_hit_sets(
    corpora: Path, corpus: str, word: str, want: set[str], first: str | None
) -> None:
    index, adrs = open_corpus(corpora, corpus)
    with index:
        result = index.search(word + " ", limit=None)
        assert set(result.paths) == want == scan(adrs, word)
        if first is not None:
            assert result.paths[0] == first
        # Typed letter by letter, the full word finds them all too.
        assert want <= set(index.search(word, limit=None).paths)


@pytest.mark.parametrize(
    ("corpus", "query", "family"),
    [
        ("adr-tools", "deciding ", r"decid\w*|decision\w*"),
        ("madr", "decisions ", r"decid\w*|decision\w*"),
        ("cloud-platform", "clusters ", r"clusters?"),
        ("log4brains", "packages ", r"packages?|packaged|packaging"),
    ],
)
def test_stemmed_queries_match_the_word_family(
    corpora: Path, corpus: str, query: str, family: str
) -> None:
    index, adrs = open_corpus(corpora, corpus)
    with index:
        assert set(index.search(query, limit=None).paths) == scan(adrs, family)


def test_prefixes_and_filters_on_a_real_corpus(corpora: Path) -> None:
    index, adrs = open_corpus(corpora, "cloud-platform")
    with index:
        every_kube = scan(adrs, r"kube\w*")
        assert every_kube <= set(index.search("kube", limit=None).paths)
        accepted = {a.rel_path for a in adrs if a.status == "accepted"}
        assert accepted
        assert set(index.search("status:accepted", limit=None).paths) == accepted
        both = set(index.search("status:accepted kubernetes ", limit=None).paths)
        assert both == accepted & scan(adrs, "kubernetes")
