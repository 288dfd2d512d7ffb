"""The best few matches are the start of the whole ranking, whatever the cut.

The list asks for the best 200 matches per keystroke (then the rest in list
order) and the command line for the best 50: both must be exactly the first
ones of the full ranking (title matches first, then score, then path), ties
included, and a query with filters only lists matches in number order.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.domain.search import MemorySearch

WORDS = ["kafka", "retention", "cache", "token", "gateway", "events", "schema", "replay"]


def corpus(count: int = 240, seed: int = 7) -> list[Adr]:
    """Records with many equal scores (repeated bodies) and title/body mixes."""
    rng = random.Random(seed)
    bodies = [" ".join(rng.choices(WORDS, k=rng.randint(3, 30))) for _ in range(12)]
    records = []
    for number in range(1, count + 1):
        title = " ".join(rng.sample(WORDS, k=rng.randint(1, 3)))
        records.append(
            Adr(
                path=Path(f"/adrs/{number:04d}-x.md"),
                rel_path=f"{number:04d}-{rng.choice(WORDS)}.md",
                number=number if number % 17 else None,
                title=title,
                status=rng.choice(["Accepted", "Proposed", None]),
                body=rng.choice(bodies),
            )
        )
    return records


@pytest.fixture(scope="module")
def search() -> MemorySearch:
    return MemorySearch(corpus())


@pytest.mark.parametrize("text", ["kafka", "ka", "re", "retention", "cache token", "-kafka e"])
@pytest.mark.parametrize("cut", [1, 5, 17, 60, 500])
def test_the_best_few_are_the_start_of_the_whole_ranking(
    search: MemorySearch, text: str, cut: int
) -> None:
    whole = search.search(text, limit=None)
    best = search.search(text, limit=cut)
    assert [(h.rel_path, h.score) for h in best.hits] == [
        (h.rel_path, h.score) for h in whole.hits[:cut]
    ]
    assert best.total == whole.total
    listed = search.search(text, limit=None, depth=cut)
    assert listed.paths[:cut] == whole.paths[:cut]
    assert sorted(listed.paths) == sorted(whole.paths)


def test_filters_only_list_matches_by_number_then_path(search: MemorySearch) -> None:
    result = search.search("status:accepted", limit=None)
    chosen = [adr for adr in corpus() if adr.status == "Accepted"]
    expected = sorted(chosen, key=lambda adr: (adr.number is None, adr.number or 0, adr.rel_path))
    assert list(result.paths) == [adr.rel_path for adr in expected]
