"""The three panes and the list's columns, at every terminal size and across resizes.

A resize never loses the user's place: the ADR under the cursor, the scroll
offset, the focused pane and the search stay, whichever breakpoint
(narrow 80, medium 120, wide 200 columns) the terminal crosses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.adr_list import AdrList, AdrTable, column_layout, status_width
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import DocumentView
from adrtui.ui.widgets.relations import RelationList, RelationsPane
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.helpers import settle

SIZES = [(80, 24), (200, 50), (120, 36), (80, 24), (120, 36), (200, 50)]
STATUSES = ["accepted", "proposed", "superseded", "deprecated", "rejected"]


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Sixty ADRs with long titles; every third one links to the one before it."""
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    for number in range(1, 61):
        links = f"\n\nSee [ADR {number - 1}](./{number - 1:04d}-decision.md).\n"
        status = STATUSES[number % 5].title()
        (folder / f"{number:04d}-decision.md").write_text(
            f"# {number}. Buildbarn architecture decision record {number} on caching\n\n"
            f"Date: 2024-01-{number % 28 + 1:02d}\n\n## Status\n\n{status}\n\n"
            f"## Context\n\nWhy decision {number} was needed.{links if number % 3 == 0 else ''}\n",
            encoding="utf-8",
        )
    return folder


def main(app: AdrApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def place(app: AdrApp) -> tuple[str | None, str | None, int]:
    """What the user sees as their place: the shown ADR, the row under the cursor, its row."""
    screen = main(app)
    shown = screen.query_one(DetailPane).adr
    table = screen.query_one(AdrTable)
    cursor = screen.query_one(AdrList).cursor_path
    return (shown.rel_path if shown else None, cursor, table.cursor_row)


def cursor_visible(app: AdrApp) -> bool:
    table = main(app).query_one(AdrTable)
    top = round(table.scroll_y)
    return top <= table.cursor_row < top + table.scrollable_content_region.height - 1


async def resize(pilot: Pilot[object], size: tuple[int, int]) -> None:
    await pilot.resize_terminal(*size)
    await settle(pilot)


def inside(widget: Widget | None, pane: type[Widget]) -> bool:
    return widget is not None and any(isinstance(node, pane) for node in widget.ancestors_with_self)


@pytest.mark.parametrize("pane", [DocumentView, RelationList])
async def test_resizing_across_breakpoints_keeps_the_adr_focus_and_scroll(
    many: Path, pane: type[Widget]
) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press(*["j"] * 7)
        await settle(pilot)
        before = place(app)
        assert before == ("0008-decision.md", "0008-decision.md", 7)
        await pilot.press("tab")
        if pane is RelationList:
            await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, pane)
        for size in SIZES:
            await resize(pilot, size)
            assert place(app) == before, size
            assert isinstance(app.focused, pane), size
            assert app.focused.region.height > 0, size  # the focused pane is on screen
            assert cursor_visible(app), size


async def test_resizing_keeps_the_search_its_hits_and_the_cursor(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"superseded", "enter")
        await settle(pilot)
        rows = list(main(app).query_one(AdrList).listing.adrs)
        assert 5 < len(rows) < 60
        await pilot.press("j", "j", "j")
        await settle(pilot)
        before = place(app)
        assert before[0] == rows[3].rel_path
        for size in SIZES:
            await resize(pilot, size)
            assert place(app) == before, size
            assert main(app).query_one(SearchBar).value == "superseded", size
            assert list(main(app).query_one(AdrList).listing.adrs) == rows, size
            assert isinstance(app.focused, AdrTable), size


async def test_resizing_keeps_the_scroll_offset_when_the_cursor_stays_in_view(
    many: Path,
) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = main(app).query_one(AdrTable)
        await pilot.press("G", *["k"] * 5)  # near the end: the list is scrolled
        await settle(pilot)
        top = table.scroll_y
        assert top > 0 and place(app)[2] == 54
        await resize(pilot, (200, 36))  # wider, same height: nothing moves
        assert table.scroll_y == top and place(app)[2] == 54
        await resize(pilot, (80, 24))  # shorter: scrolled only as far as the cursor needs
        assert cursor_visible(app) and place(app)[2] == 54
        await resize(pilot, (120, 36))
        assert cursor_visible(app) and place(app)[2] == 54


async def test_the_title_column_takes_the_free_width_at_every_size(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = main(app).query_one(AdrTable)
        widest = len("superseded") + 2
        titles = {}
        for size in [(80, 24), (120, 36), (200, 50)]:
            await resize(pilot, size)
            columns = {column.key: column.width for column in table.columns}
            used = sum(width + 2 for width in columns.values())
            assert used == table.scrollable_content_region.width, size  # every cell used
            assert columns["status"] == widest, size
            titles[size[0]] = columns["title"]
            assert "Buildbarn architecture" in table.row_text(0), size
        # At 80 columns the list has the whole width (the detail is under it).
        assert titles[80] >= 40 and titles[120] >= 28
        # At 200 columns the list pane is wider than it was (a third of the screen):
        # a long title reads whole.
        assert titles[200] >= 50
        assert "Buildbarn architecture decision record 1 on caching" in table.row_text(0)


def test_column_layout_drops_the_date_before_the_title_gets_short() -> None:
    wide = column_layout(100, number_width=4, status_width=12)
    assert [column.key for column in wide] == ["number", "title", "status", "date"]
    assert sum(column.width + 2 for column in wide) == 100
    narrow = column_layout(40, number_width=4, status_width=12)
    assert [column.key for column in narrow] == ["number", "title", "status"]
    assert sum(column.width + 2 for column in narrow) == 40


def test_status_width_fits_the_widest_status_within_limits() -> None:
    assert status_width(["accepted", "proposed"]) == len("accepted") + 2
    assert status_width([None, "ok"]) == len("Status")  # the header still fits
    assert status_width(["a status written as a whole sentence"]) == 14


async def test_narrow_relations_pane_keeps_its_place_when_focused(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "tab", "tab")
        await settle(pilot)
        assert inside(app.focused, RelationsPane)
        await resize(pilot, (80, 24))
        assert inside(app.focused, RelationsPane)
        assert main(app).query_one(RelationsPane).region.height > 0
