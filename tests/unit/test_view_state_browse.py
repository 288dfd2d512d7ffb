"""The browser's state objects driven without Textual: filters, sort, search, history,
the selection kept after a delete, latest-only search and the update queue."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from adrtui.domain.model import Adr
from adrtui.domain.search import SearchResult, parse_query
from adrtui.domain.search.query import Highlighter
from adrtui.ui.services.jobs import LatestOnly, UpdateQueue
from adrtui.ui.state.browse import BrowseState, neighbour
from adrtui.ui.state.links import follow_link
from adrtui.ui.state.ordering import SortOrder


def answer_of(text: str, paths: tuple[str, ...], words: tuple[str, ...] = ()) -> SearchResult:
    """A search answer as the domain gives it: ``paths`` in this order, ``words`` highlighted."""
    return SearchResult(
        parse_query(text), matched=paths, highlighter=Highlighter(prefixes=words), ranked=False
    )


def adr(n: int | None, title: str, status: str = "accepted", date: str | None = None) -> Adr:
    name = f"{n or 0:04d}-{title.lower().replace(' ', '-')}.md"
    return Adr(Path("/x") / name, name, n, title, status, status, date)  # type: ignore[arg-type]


ADRS = [
    adr(2, "Use Kafka", "accepted", "2021-05-01"),
    adr(1, "Record decisions", "proposed", "2020-01-01"),
    adr(3, "Adopt gRPC", "superseded", None),
]


def paths(rows: list[Adr]) -> list[str]:
    return [row.rel_path[:4] for row in rows]


def test_rows_follow_filter_and_sort() -> None:
    state = BrowseState()
    assert paths(state.rows_of(ADRS)) == ["0001", "0002", "0003"]
    state.set_filter("status", "accepted")
    assert paths(state.rows_of(ADRS)) == ["0002"]
    assert state.describe() == "status:accepted"
    state.set_filter("all", None)
    assert state.set_sort("date", True)
    assert paths(state.rows_of(ADRS)) == ["0002", "0001", "0003"]  # undated last, always
    assert not state.set_sort("colour", False)
    assert state.sort == SortOrder("date", True)


def test_s_cycles_through_the_statuses_present() -> None:
    state = BrowseState()
    seen = []
    for _ in range(4):
        status = state.next_status(ADRS)
        state.set_filter("status", status)
        seen.append(status)
    assert seen == ["proposed", "accepted", "superseded", None]


def test_o_offers_relevance_only_while_searching() -> None:
    order = SortOrder()
    cycle = []
    for _ in range(5):
        order = order.cycled(searching=False)
        cycle.append(order.order)
    assert cycle == ["date", "title", "status", "number", "date"]
    assert SortOrder("status").cycled(searching=True) == SortOrder("relevance")
    assert SortOrder("title", True).cycled(searching=True) == SortOrder("status")
    assert SortOrder("title").flipped() == SortOrder("title", True)


def test_search_answer_filters_and_notes() -> None:
    state = BrowseState()
    assert state.type_search("  kafka ")
    assert not state.type_search("kafka")  # same query: nothing to do
    assert state.note() == "searching…"
    state.answer(replace(answer_of("kafka", ("0002-use-kafka.md",), ("kafka",)), approximate=True))
    assert paths(state.rows_of(ADRS)) == ["0002"]
    assert state.note() == "partial results"
    assert state.highlight is not None and state.highlight("Use Kafka") == [(4, 9)]
    assert state.describe() == "search: kafka"
    state.set_sort("relevance", False)
    assert state.wants_ranking  # the answer was not in relevance order
    assert state.clear_filters()
    assert (state.search_text, state.search, state.highlight) == ("", None, None)
    assert not state.clear_filters()


def test_the_selection_moves_to_a_neighbour_when_its_adr_is_deleted() -> None:
    state = BrowseState()
    state.rows_of(ADRS)
    state.history.visit("0002-use-kafka.md")
    state.keep_selection_near(lambda path: not path.startswith("0002"))
    assert state.history.current == "0003-adopt-grpc.md"
    assert neighbour(["a", "b", "c"], "c", {"c"}) == "b"
    assert neighbour(["a"], "a", {"a"}) is None


def test_latest_only_runs_one_query_and_coalesces_the_rest() -> None:
    searches = LatestOnly()
    first = searches.start()
    assert first == 1
    assert searches.start() is None and searches.start() is None  # typed while it ran
    # The answer to the first query is not shown: the newest query runs instead, once.
    assert searches.answered(1, "k", "kaf") == "rerun"
    second = searches.start()
    assert second == 2
    assert searches.answered(2, "kaf", "kaf") == "show"
    third = searches.start()
    searches.cancel()  # the box was cleared
    assert searches.answered(third or 0, "kafka", "") == "stale"


def test_updates_wait_for_a_load_and_for_each_other() -> None:
    queue = UpdateQueue()
    assert queue.next_batch() is None  # nothing to do
    queue.loading = True
    queue.add(["a.md"])
    assert queue.next_batch() is None  # a full load is running
    queue.loading = False
    record = ADRS[0]
    queue.add(["b.md"], {record.rel_path: record}, select=record.rel_path)
    batch = queue.next_batch()
    assert batch == (frozenset({"a.md", "b.md"}), {record.rel_path: record})
    queue.add(["c.md"])
    assert queue.next_batch() is None  # one update at a time
    queue.updating = False
    queue.settle({"a.md", "b.md", record.rel_path})
    assert queue.next_batch() == (frozenset({"c.md"}), {})
    assert queue.take_selection() == record.rel_path and queue.take_selection() is None


def test_a_link_opens_an_adr_or_says_why_not() -> None:
    def resolver(**found: object) -> object:
        answer = SimpleNamespace(path=None, external=False, candidates=())
        answer.__dict__.update(found)
        return SimpleNamespace(resolve=lambda href, source: answer)

    opened = follow_link(resolver(path="0002.md"), "2#top", "a.md")  # type: ignore[arg-type]
    assert opened is not None and opened.path == "0002.md"
    assert follow_link(resolver(path="a.md"), " #a-section", "a.md") is None  # type: ignore[arg-type]
    external = follow_link(resolver(external=True), "https://x#y", "")  # type: ignore[arg-type]
    assert external is not None and external.message == "External link, not opened: https://x#y"
    broken = follow_link(resolver(), "../gone.md#x", "sub/a.md")  # type: ignore[arg-type]
    assert broken is not None and broken.severity == "warning"
    assert broken.message == "Broken link: gone.md is not an ADR of this folder."
