"""Authors, consulted and informed are searchable like deciders: ``author:alice``.

The same answers from the index, from the in-memory scan the engine falls back
on, and from the browser's search while the index builds.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.domain.search import MemorySearch
from adrtui.domain.search.query import Filter, parse_query
from adrtui.domain.search.service import SearchIndex
from tests.unit.test_search_index import RECORDS, make

PEOPLE = {
    "0001": {"authors": ("Alice Martin",)},
    "0002": {"authors": ("Bo Chen", "Élodie Durand"), "consulted": ("Security team",)},
    "0003": {"consulted": ("Ana Lima",), "informed": ("Platform team", "Support")},
    "0004": {"informed": ("Support",)},
}


@pytest.fixture()
def records(tmp_path: Path) -> list[Adr]:
    folder = tmp_path / "adrs"
    folder.mkdir()
    out = []
    for row in RECORDS:
        adr = make(folder, row)
        out.append(replace(adr, **PEOPLE.get(row[0][:4], {})))  # type: ignore[arg-type]
    return out


@pytest.fixture()
def index(tmp_path: Path, records: list[Adr]):
    with SearchIndex.open(tmp_path / "adrs", cache_dir=tmp_path / "cache") as opened:
        opened.sync(records)
        yield opened


CASES = [
    ("author:alice", {"0001"}),  # not 0003, where Alice Martin is a decider
    ('author:"bo chen"', {"0002"}),
    ("author:elodie", {"0002"}),  # folded like every other word
    ("authors:martin", {"0001"}),
    ("consulted:security", {"0002"}),
    ('consulted:"ana lima"', {"0003"}),
    ("informed:support", {"0003", "0004"}),
    ("informed:support -informed:platform", {"0004"}),
    ("author:nobody", set()),
    ("decider:alice", {"0003"}),  # deciders are still their own field
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_people_filters_in_the_index(index: SearchIndex, query: str, expected: set[str]) -> None:
    found = {hit.rel_path[:4] for hit in index.search(query, limit=None).hits}
    assert found == expected


def test_a_people_filter_being_typed_is_a_prefix(index: SearchIndex) -> None:
    assert {hit.rel_path[:4] for hit in index.search("author:ali", limit=None).hits} == {"0001"}


def test_people_fields_in_the_query_language() -> None:
    parsed = parse_query('author:"Ana Lima" consulted:Sec informed:ops x')
    assert parsed.filters == (
        Filter("authors", "ana lima"),
        Filter("consulted", "sec"),
        Filter("informed", "ops"),
    )


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_people_filters_while_the_index_builds(
    records: list[Adr], query: str, expected: set[str]
) -> None:
    found = {path[:4] for path in MemorySearch(records).search(query, limit=None).paths}
    assert found == expected
