"""Search that explains itself and filters that can be seen, driven without a terminal.

The rules a user relies on: while searching the list is in relevance order and
the order they chose comes back when the search ends; a typo fallback names the
words it replaced; every filter in force is a chip; several values of one field
are alternatives; "No ADR matches" names what narrows the list.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from adrtui.domain.collection import RecordFilter
from adrtui.domain.model import Adr
from adrtui.domain.search import MemorySearch, SearchResult, parse_query
from adrtui.ui.messages import SetFilter
from adrtui.ui.state.browse import BrowseState
from adrtui.ui.state.filters import Chip, FilterView, ListFilter, typed_chips
from adrtui.ui.state.ordering import SortOrder
from adrtui.ui.widgets.command_palette import filter_commands


def adr(
    n: int,
    title: str,
    status: str,
    date: str | None = None,
    tags: tuple[str, ...] = (),
    body: str = "",
) -> Adr:
    name = f"{n:04d}-{title.lower().replace(' ', '-')}.md"
    return Adr(
        Path("/x") / name,
        name,
        n,
        title,
        status,
        status,
        date,
        tags=tags,
        body=body,
    )


ADRS = [
    adr(1, "Record decisions", "accepted", "2020-01-01", body="We record decisions."),
    adr(2, "Use Kafka", "proposed", "2021-05-01", ("api", "messaging"), "Kafka for events."),
    adr(3, "Adopt gRPC", "superseded", None, ("api",), "Kafka was too heavy; gRPC calls."),
    adr(4, "Kafka everywhere", "accepted", "2021-09-09", ("messaging",), "Kafka kafka kafka."),
]


def numbers(rows: list[Adr]) -> list[int | None]:
    return [row.number for row in rows]


def answer(text: str) -> SearchResult:
    """The domain's own answer, ranked, as the browser asks for it."""
    return MemorySearch(ADRS).search(text, limit=None, ranked=True, depth=200)


# -- relevance while searching ---------------------------------------------------------


def test_searching_sorts_by_relevance_and_escape_brings_back_the_chosen_order() -> None:
    state = BrowseState()
    state.set_sort("title", False)
    assert numbers(state.rows_of(ADRS)) == [3, 4, 1, 2]
    state.type_search("kafka")
    assert state.sort == SortOrder("relevance")
    state.answer(answer("kafka"))
    assert numbers(state.rows_of(ADRS))[0] == 4  # the title match that says it most
    state.type_search("")  # escape
    assert state.sort == SortOrder("title")
    assert numbers(state.rows_of(ADRS)) == [3, 4, 1, 2]


def test_an_order_picked_during_a_search_holds_for_that_search_only() -> None:
    state = BrowseState()
    state.type_search("kafka")
    state.answer(answer("kafka"))
    state.set_sort("number", True)
    state.type_search("kafka ev")  # still the same search
    assert state.sort == SortOrder("number", True)
    state.type_search("")
    assert state.sort == SortOrder("number")  # the order chosen before the search
    state.type_search("grpc")
    assert state.sort.ranked  # a new search starts in relevance order again


def test_a_search_of_filters_alone_keeps_the_chosen_order() -> None:
    state = BrowseState()
    state.set_sort("date", True)
    state.type_search("status:accepted -kafka")  # nothing to rank by
    assert state.sort == SortOrder("date", True)
    state.type_search("status:accepted kafka")
    assert state.sort.ranked


def test_o_during_a_search_leaves_relevance_and_clear_filters_resets_it() -> None:
    state = BrowseState()
    state.type_search("kafka")
    assert state.cycled_sort() == SortOrder("number")
    state.set_sort("date", False)
    assert state.clear_filters()
    assert state.sort == SortOrder() and state.search_sort is None


# -- the typo fallback names its words -------------------------------------------------


def test_the_typo_fallback_says_which_word_replaced_which() -> None:
    found = MemorySearch(ADRS).search("kafak", limit=None, ranked=False)
    assert found.fuzzy and found.corrections == (("kafak", ("kafka",)),)
    state = BrowseState()
    state.type_search("kafak")
    state.answer(found)
    assert state.explanation() == "no exact match for `kafak`; showing `kafka`"
    assert state.note() == ""  # not squeezed into the list header
    assert state.filter_view().note == state.explanation()


def test_an_exact_answer_has_no_corrections() -> None:
    found = MemorySearch(ADRS).search("kafka", limit=None, ranked=False)
    assert not found.fuzzy and found.corrections == ()


# -- multi-select filters -----------------------------------------------------------------


def test_two_statuses_are_alternatives_and_a_tag_narrows_them() -> None:
    either = ListFilter().with_value("status", "accepted", present=True)
    either = either.with_value("status", "proposed", present=True)
    assert either.values("status") == ("accepted", "proposed")
    assert [a.number for a in either.select(ADRS)] == [1, 2, 4]
    assert [a.number for a in either.with_field("tag", "messaging").select(ADRS)] == [2, 4]
    assert either.describe() == "status:accepted|proposed"
    single = either.with_value("status", "ACCEPTED", present=False)
    assert single.status == "proposed"  # one value left: a plain string again


def test_the_cli_filter_keeps_its_one_value_form_and_dates_match_by_prefix() -> None:
    assert [a.number for a in RecordFilter(status="Accepted").select(ADRS)] == [1, 4]
    assert [a.number for a in RecordFilter(date="2021").select(ADRS)] == [2, 4]
    assert [a.number for a in RecordFilter(date=("2020", "2021-09")).select(ADRS)] == [1, 4]
    assert not RecordFilter(status=()).active


def test_s_after_a_multi_select_shows_every_status_again() -> None:
    state = BrowseState()
    state.set_filter("status", "accepted", "add")
    state.set_filter("status", "proposed", "add")
    assert state.next_status(ADRS) is None
    state.set_filter("status", None)
    assert state.next_status(ADRS) == "proposed"  # canonical order: proposed first


def test_the_palette_adds_to_a_field_and_offers_to_remove_what_is_in_force() -> None:
    active = ListFilter(status="accepted")
    commands = {c.text: c for c in filter_commands(ADRS, active)}
    remove = commands["Remove filter: status accepted"].message
    add = commands["Filter: status proposed"].message
    assert isinstance(remove, SetFilter) and remove.op == "remove"
    assert isinstance(add, SetFilter) and add.op == "add"
    assert "status:accepted|proposed" in commands["Filter: status proposed"].help
    assert "Filter: date 2021" in commands and "Filter: date 2020" in commands


# -- chips and "No ADR matches" ---------------------------------------------------------------


def test_chips_show_quick_filters_and_those_typed_in_the_search_box() -> None:
    state = BrowseState()
    state.set_filter("tag", "api")
    state.type_search('kafka status:accepted status:proposed -tag:old decider:"Ana Lima"')
    view = state.filter_view()
    assert [chip.label for chip in view.chips] == [
        "tag:api",
        "status:accepted|proposed",
        "-tag:old",
        "decider:ana lima",
    ]
    assert not view.chips[0].typed and all(chip.typed for chip in view.chips[1:])
    assert typed_chips("status:acc")[0].label == "status:acc"  # still being typed
    assert typed_chips("title:kafka plain words") == ()  # title: is a word, not a filter


def test_no_match_names_what_to_clear() -> None:
    state = BrowseState()
    state.set_filter("status", "accepted")
    state.set_filter("tag", "api")
    assert state.rows_of(ADRS) == []
    view = state.filter_view()
    assert view.no_match_text("x") == (
        "No ADR matches status:accepted + tag:api — press x to clear filters"
    )
    state.type_search("kafka")
    state.answer(replace(answer("kafka")))
    state.rows_of(ADRS)
    assert state.filter_view().no_match == "“kafka” + status:accepted + tag:api"


def test_the_bar_is_hidden_when_there_is_nothing_to_show() -> None:
    state = BrowseState()
    state.rows_of(ADRS)
    assert state.filter_view() == FilterView()
    assert not FilterView().visible
    assert FilterView(chips=(Chip("tag", ("api",)),)).visible
    state.type_search("kafka")
    state.rows_of(ADRS)
    assert state.filter_view().no_match == ""  # the answer is still on its way
    assert parse_query("kafka").filters == ()


def test_chips_show_hostile_values_as_plain_text() -> None:
    from adrtui.ui.widgets.filter_bar import chip_content

    chips = ListFilter(tag="[@click=app.quit]x\x1b[31m").chips()
    assert chips[0].label == "tag:[@click=app.quit]x"  # the escape sequence is dropped
    content = chip_content(chips)
    assert "[@click=app.quit]x" in content.plain and "\x1b" not in content.plain
