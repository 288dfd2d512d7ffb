"""Rules of the list and the history, without running the app."""

from __future__ import annotations

from pathlib import Path

from adrtui.domain.model import Adr
from adrtui.domain.search import MemorySearch, SearchResult, parse_query
from adrtui.domain.search.query import Highlighter
from adrtui.ui.state import (
    History,
    ListFilter,
    ListOrders,
    next_status,
    sort_adrs,
    status_cycle,
    visible_adrs,
    words_pattern,
)


def answer_of(text: str, paths: tuple[str, ...], words: tuple[str, ...] = ()) -> SearchResult:
    """A search answer as the domain gives it: ``paths`` in this order, ``words`` highlighted."""
    return SearchResult(
        parse_query(text), matched=paths, highlighter=Highlighter(prefixes=words), ranked=False
    )


def adr(
    n: int | None, title: str, status: str | None = None, date: str | None = None, **kw: object
) -> Adr:
    name = f"{n or 0:04d}-{title.lower().replace(' ', '-')}.md"
    return Adr(Path("/x") / name, name, n, title, status, status, date, **kw)  # type: ignore[arg-type]


ADRS = [
    adr(3, "Use Kafka", "accepted", "2021-05-01", tags=("messaging",), body="Events flow."),
    adr(1, "Record decisions", "accepted", "2020-01-01"),
    adr(2, "use PostgreSQL", "superseded", None, deciders=("Ana Lima",)),
    adr(None, "Draft without number", "draft", "2022-01-01"),
    adr(4, "Adopt gRPC", "on hold", "2019-03-03", body="Authentication via tokens."),
]


def paths(adrs: list[Adr]) -> list[str]:
    return [a.rel_path for a in adrs]


def test_number_sort_puts_unnumbered_last_in_both_directions() -> None:
    assert [a.number for a in sort_adrs(ADRS, "number")] == [1, 2, 3, 4, None]
    assert [a.number for a in sort_adrs(ADRS, "number", reverse=True)] == [4, 3, 2, 1, None]


def test_date_sort_puts_undated_last() -> None:
    assert [a.date for a in sort_adrs(ADRS, "date")][-1] is None
    assert [a.date for a in sort_adrs(ADRS, "date", reverse=True)][:2] == [
        "2022-01-01",
        "2021-05-01",
    ]


def test_title_sort_ignores_case_and_status_sort_follows_the_lifecycle() -> None:
    titles = [a.title for a in sort_adrs(ADRS, "title")]
    assert titles[:3] == ["Adopt gRPC", "Draft without number", "Record decisions"]
    assert titles[-1] == "use PostgreSQL"
    statuses = [a.status for a in sort_adrs(ADRS, "status")]
    assert statuses == ["accepted", "accepted", "superseded", "draft", "on hold"]


def test_relevance_follows_the_search_ranking() -> None:
    ranking = (ADRS[4].rel_path, ADRS[0].rel_path)
    search = answer_of("x", ranking)
    assert paths(visible_adrs(ADRS, ListFilter(), "relevance", search=search)) == list(ranking)


def test_filters_combine_with_search() -> None:
    search = answer_of("x", tuple(a.rel_path for a in ADRS[:3]))
    shown = visible_adrs(ADRS, ListFilter(status="accepted"), "number", search=search)
    assert [a.number for a in shown] == [1, 3]
    assert paths(visible_adrs(ADRS, ListFilter(tag="MESSAGING"), "number")) == [ADRS[0].rel_path]
    assert paths(visible_adrs(ADRS, ListFilter(decider="ana lima"), "number")) == [ADRS[2].rel_path]
    assert ListFilter(status="accepted", tag="api").describe() == "status:accepted tag:api"


def test_status_cycle_lists_present_statuses_canonical_first() -> None:
    assert status_cycle(ADRS) == [None, "accepted", "superseded", "draft", "on hold"]
    assert next_status(None, ADRS) == "accepted"
    assert next_status("on hold", ADRS) is None
    assert next_status("vanished", ADRS) is None


def test_words_pattern_matches_word_prefixes_only() -> None:
    pattern = words_pattern(["auth", "a.b"])
    assert pattern is not None
    assert pattern.search("Authentication")
    assert not pattern.search("oauth")
    assert pattern.search("see a.b here")
    assert words_pattern(["", "  "]) is None


def test_history_back_and_forward_like_a_browser() -> None:
    history = History()
    history.move("a")
    history.visit("b")
    history.visit("c")
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.forward() == "b"
    history.visit("d")  # a new visit drops the forward history
    assert not history.can_go_forward
    assert history.back_stack == ["a", "b"]
    history.forget({"a", "d"})
    assert history.back_stack == ["a"] and history.current == "d"


def test_history_moves_do_not_grow_it() -> None:
    history = History()
    for path in "abcdef":
        history.move(path)
    assert not history.can_go_back and history.current == "f"


def test_memory_search_words_are_word_prefixes_and_all_required() -> None:
    assert paths_of(memory_search(ADRS, "auth")) == [ADRS[4].rel_path]
    assert paths_of(memory_search(ADRS, "use kaf")) == [ADRS[0].rel_path]
    assert paths_of(memory_search(ADRS, "thentication")) == []


def test_memory_search_field_terms() -> None:
    assert paths_of(memory_search(ADRS, "status:super")) == [ADRS[2].rel_path]
    assert paths_of(memory_search(ADRS, "tag:messaging events")) == [ADRS[0].rel_path]
    assert paths_of(memory_search(ADRS, "number:0004")) == [ADRS[4].rel_path]
    assert paths_of(memory_search(ADRS, "decider:ana")) == [ADRS[2].rel_path]
    # An unbalanced quote is read as the index reads it (one evaluator: nothing approximate).
    outcome = memory_search(ADRS, 'title:"record" "unbalanced')
    assert not outcome.approximate and outcome.error is None


def memory_search(adrs: list[Adr], text: str) -> SearchResult:
    """What the browser shows while the index builds: the domain's in-memory evaluator."""
    return MemorySearch(adrs).search(text, limit=None, ranked=False)


def paths_of(outcome: SearchResult) -> list[str]:
    return list(outcome.paths)


def test_presorted_orders_give_the_same_rows_as_sorting_each_time() -> None:
    orders = ListOrders(ADRS)
    search = answer_of("x", (ADRS[4].rel_path, ADRS[0].rel_path, ADRS[3].rel_path))
    filters = (ListFilter(), ListFilter(status="accepted"), ListFilter(tag="messaging"))
    for order in ("number", "date", "title", "status", "relevance"):
        for reverse in (False, True):
            for found in (None, search):
                for list_filter in filters:
                    plain = visible_adrs(ADRS, list_filter, order, reverse=reverse, search=found)
                    fast = visible_adrs(
                        ADRS, list_filter, order, reverse=reverse, search=found, orders=orders
                    )
                    assert paths(fast) == paths(plain), (order, reverse, found, list_filter)


def test_relevance_order_follows_the_search_ranking() -> None:
    search = answer_of("x", (ADRS[4].rel_path, ADRS[0].rel_path, ADRS[3].rel_path))
    rows = visible_adrs(ADRS, ListFilter(), "relevance", search=search, orders=ListOrders(ADRS))
    assert paths(rows) == list(search.paths)


def test_number_column_width_fits_the_widest_number() -> None:
    wide = [*ADRS, adr(12345, "Far away")]
    assert ListOrders(ADRS).number_width == 4
    assert ListOrders(wide).number_width == 5


def test_memory_search_reads_quoted_words_as_a_phrase_like_the_index() -> None:
    kafka = adr(7, "Events", body="Events flow through Kafka, then retention applies.")
    split = adr(8, "Retention", body="Kafka topics; retention is long.")
    found = memory_search([kafka, split], '"kafka then retention"')
    assert paths_of(found) == [kafka.rel_path]
    assert paths_of(memory_search([kafka, split], "kafka retention")) == [
        kafka.rel_path,
        split.rel_path,
    ]
