"""Search that explains itself and filters that can be seen and cleared, driven by keys.

Relevance order while searching and the chosen order back after ``escape``;
chips under the search box for ``s``, the palette and ``field:value`` typed in
the box; ``x`` and ``escape`` in an empty box clear them; the typo note and
"No ADR matches …" read in full at 80x24.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.adr_list import AdrList, AdrTable
from adrtui.ui.widgets.filter_bar import FilterBar
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.helpers import palette_offers, settle


def listed(app: AdrApp) -> list[str]:
    return [adr.rel_path[:4] for adr in app.screen.query_one(AdrList).listing.adrs]


def screen(app: AdrApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def bar(app: AdrApp) -> str:
    """The filter bar as the user reads it (empty when it takes no room)."""
    return app.screen.query_one(FilterBar).text


def bar_lines(app: AdrApp) -> list[str]:
    """The filter bar's lines as painted (each line of each part, at the size laid out)."""
    lines = []
    for part in app.screen.query_one(FilterBar).query(Static):
        if part.display:
            for y in range(part.size.height):
                lines.append("".join(segment.text for segment in part.render_line(y)))
    return lines


async def chips_by_palette(pilot: Pilot[object], command: str) -> None:
    """Choose ``command`` in the command palette, as typed."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*command.lower())
    await palette_offers(pilot, command)
    await pilot.press("enter")
    await settle(pilot)


async def test_search_sorts_by_relevance_and_escape_brings_back_the_chosen_order(
    decisions: Path,
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o", "o")  # number -> date -> title
        await settle(pilot)
        by_title = listed(app)
        assert by_title != sorted(by_title)
        await pilot.press("slash", *"postgresql")
        await settle(pilot)
        assert screen(app).browse.sort.order == "relevance"
        assert listed(app)[:2] in (["0002", "0005"], ["0005", "0002"])  # title matches first
        assert "by relevance" in str(app.screen.query_one("#list-header").render())
        await pilot.press("escape")
        await settle(pilot)
        assert screen(app).browse.sort.order == "title"
        assert listed(app) == by_title
        assert isinstance(app.focused, AdrTable)


async def test_an_order_picked_during_a_search_holds_until_the_search_ends(
    decisions: Path,
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"postgre", "enter")
        await settle(pilot)
        await pilot.press("o")  # relevance -> number, for this search
        await settle(pilot)
        assert listed(app) == ["0001", "0002", "0005"]
        await pilot.press("slash", *"sql")  # the same search, refined
        await settle(pilot)
        assert screen(app).browse.sort.order == "number"
        assert listed(app) == ["0001", "0002", "0005"]
        await pilot.press("escape")
        await settle(pilot)
        assert screen(app).browse.sort.order == "number"  # what it was before the search
        await pilot.press("slash", *"postgresql")
        await settle(pilot)
        assert screen(app).browse.sort.order == "relevance"  # a new search ranks again


async def test_s_shows_a_chip_and_x_clears_it(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(FilterBar).display  # nothing to show: no room taken
        await pilot.press("s")
        await settle(pilot)
        assert "status:proposed" in bar(app)
        assert listed(app) == ["0004"]
        await pilot.press("x")
        await settle(pilot)
        assert bar(app) == "" and len(listed(app)) == 6
        assert not app.screen.query_one(FilterBar).display


async def test_palette_filters_are_multi_select_chips(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await chips_by_palette(pilot, "Filter: status accepted")
        await chips_by_palette(pilot, "Filter: status proposed")
        assert "status:accepted|proposed" in bar(app)
        assert listed(app) == ["0001", "0003", "0004", "0005"]
        await chips_by_palette(pilot, "Filter: tag api")
        assert listed(app) == ["0003"]
        await chips_by_palette(pilot, "Remove filter: status accepted")
        assert "status:proposed" in bar(app) and "tag:api" in bar(app)
        assert listed(app) == []
        assert "No ADR matches status:proposed + tag:api — press x to clear filters" in bar(app)
        await pilot.press("x")
        await settle(pilot)
        assert len(listed(app)) == 6 and bar(app) == ""


async def test_typed_filters_are_chips_and_escape_twice_clears_everything(
    decisions: Path,
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("s", "s")  # proposed -> accepted
        await settle(pilot)
        await pilot.press("slash", *"tag:api decider:ana")
        await settle(pilot)
        text = bar(app)
        assert "status:accepted" in text and "tag:api" in text and "decider:ana" in text
        assert listed(app) == ["0003"]
        await pilot.press("escape")  # the search goes, the quick filter stays
        await settle(pilot)
        assert "status:accepted" in bar(app) and "tag:api" not in bar(app)
        assert listed(app) == ["0001", "0003", "0005"]
        await pilot.press("slash", "escape")  # escape in the empty box: the filters go
        await settle(pilot)
        assert bar(app) == "" and len(listed(app)) == 6
        assert isinstance(app.focused, AdrTable)


async def test_x_clears_the_search_and_the_filters_and_leaves_the_footer(
    decisions: Path,
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not screen(app).check_action("clear_filters", ())
        await pilot.press("s", "slash", *"postgresql", "enter")
        await settle(pilot)
        assert screen(app).check_action("clear_filters", ())
        await pilot.press("x")
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == ""
        assert len(listed(app)) == 6 and screen(app).browse.sort.order == "number"
        assert not screen(app).check_action("clear_filters", ())


async def test_the_typo_note_reads_in_full_at_80x24(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"authenticaton tokns")
        await settle(pilot)
        assert listed(app) == ["0006"]
        note = "no exact match for `authenticaton`, `tokns`; showing `authentication`, `tokens`"
        assert note in bar(app)
        painted = " ".join(line.strip() for line in bar_lines(app))
        assert note in painted  # wrapped onto two lines, nothing cut
        header = str(app.screen.query_one("#list-header").render())
        assert "exact match" not in header


async def test_no_match_names_the_search_and_the_filters_to_clear(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # proposed
        await pilot.press("slash", *"oidc")
        await settle(pilot)
        assert listed(app) == []
        expected = "No ADR matches “oidc” + status:proposed — press x to clear filters"
        assert expected in bar(app)
        assert expected in " ".join(line.strip() for line in bar_lines(app))
