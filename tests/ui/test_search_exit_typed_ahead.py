"""Keys typed right after leaving the search box (enter, escape) go to the list."""

from __future__ import annotations

from pathlib import Path

from adrtui.ui.app import AdrApp
from adrtui.ui.widgets.adr_list import AdrList, AdrTable
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.helpers import post_keys, settle


async def test_enter_then_j_moves_in_the_list(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        post_keys(app, "slash", *"postgresql", "enter", "j")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(SearchBar).value == "postgresql"
        assert isinstance(app.focused, AdrTable)
        # j moved the cursor in the list as it was when j arrived (not typed in the box)
        assert screen.query_one(AdrList).cursor_path != "0001-record-architecture-decisions.md"


async def test_escape_then_j_moves_in_the_list(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        post_keys(app, "slash", *"postgresql", "escape", "j")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(SearchBar).value == ""
        assert isinstance(app.focused, AdrTable)
        assert screen.query_one(AdrList).cursor_path != "0001-record-architecture-decisions.md"
