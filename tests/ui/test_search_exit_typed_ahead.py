"""Keys typed right after leaving the search box (enter, escape) go to the list."""

from __future__ import annotations

from pathlib import Path

from textual import events

from adrtui.ui.app import AdrApp
from adrtui.ui.widgets.adr_list import AdrList, AdrTable
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.helpers import settle


def burst(app: AdrApp, *keys: str) -> None:
    for key in keys:
        character = {"slash": "/", "enter": "\r", "escape": "\x1b"}.get(key, key)
        app.post_message(events.Key(key, character if len(key) == 1 or key in ("slash",) else None))


async def test_enter_then_j_moves_in_the_list(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        burst(app, "slash", *"postgresql", "enter", "j")
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
        burst(app, "slash", *"postgresql", "escape", "j")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(SearchBar).value == ""
        assert isinstance(app.focused, AdrTable)
        assert screen.query_one(AdrList).cursor_path != "0001-record-architecture-decisions.md"
