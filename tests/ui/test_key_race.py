"""Keys typed faster than the app handles them act on the ADR under the cursor.

``pilot.press`` waits for the app to be idle after each key, so it never shows
the race a fast typist (or ``tmux send-keys j S``) hits: the second key arrives
while the first one's report (``AdrHighlighted``) is still on its way up to the
screen. ``burst`` posts every key at once, before any is handled, as a terminal
delivers them when they come in one read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message

from adrtui.ui.app import AdrApp
from adrtui.ui.messages import SetSort
from adrtui.ui.screens.provenance import ProvenanceScreen
from adrtui.ui.screens.title_prompt import TitlePrompt
from adrtui.ui.widgets.adr_list import AdrList, AdrTable
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.editing_helpers import FakeEditor, main_screen, make_app, shown
from tests.ui.helpers import post_keys, settle, wait_until

SECOND = "0002-use-postgresql.md"


def burst(app: AdrApp, *items: str | Message) -> None:
    """Post every key (and message, to the main screen) back to back, none handled yet."""
    screen = main_screen(app)
    for item in items:
        if isinstance(item, Message):
            screen.post_message(item)
        else:
            post_keys(app, item)


def under_cursor(app: AdrApp) -> str | None:
    return main_screen(app).query_one(AdrList).cursor_path


async def test_j_then_s_supersedes_the_row_the_cursor_moved_to(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeEditor(tmp_path, monkeypatch)
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        burst(app, "j", "S")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, TitlePrompt)
        assert prompt.heading == "Supersede ADR 0002"


async def test_j_then_e_edits_the_row_the_cursor_moved_to(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        burst(app, "j", "e")
        await settle(pilot)
        assert [call[-1] for call in editor.calls] == [str(decisions / SECOND)]
        assert shown(app).rel_path == SECOND and under_cursor(app) == SECOND


async def test_j_then_y_copies_the_path_of_the_row_the_cursor_moved_to(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        burst(app, "j", "y")
        await settle(pilot)
        assert app.clipboard == str(decisions / SECOND)


async def test_j_then_w_explains_the_row_the_cursor_moved_to(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        burst(app, "j", "w")
        await settle(pilot)
        assert isinstance(app.screen, ProvenanceScreen)
        assert app.screen.adr.rel_path == SECOND


async def test_a_list_refresh_between_j_and_y_keeps_the_cursor_where_j_put_it(
    decisions: Path,
) -> None:
    """A refresh (search answer, sort, live reload) handled before ``j``'s report must not
    put the cursor back on the row the screen last heard of."""
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        burst(app, "j", SetSort("number", False), "y")
        await settle(pilot)
        assert app.clipboard == str(decisions / SECOND)
        assert under_cursor(app) == SECOND and shown(app).rel_path == SECOND
        burst(app, "j", "O", "y")  # reverse the sort: the same ADR stays under the cursor
        await settle(pilot)
        third = "0003-services-talk-http.md"
        assert app.clipboard == str(decisions / third)
        assert under_cursor(app) == third and shown(app).rel_path == third
        burst(app, "O")
        await settle(pilot)
        burst(app, "j", "j", SetSort("number", False), SetSort("number", False), "y")
        await settle(pilot)
        fourth = "0005-use-managed-postgresql.md"
        assert app.clipboard == str(decisions / fourth)
        assert under_cursor(app) == fourth and shown(app).rel_path == fourth


async def test_keys_typed_while_a_search_answer_is_on_its_way_act_on_the_cursor(
    decisions: Path,
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("slash", *"postgresql", "enter")
        await settle(pilot)
        rows = [adr.rel_path for adr in main.query_one(AdrList).listing.adrs]
        assert len(rows) >= 2 and isinstance(app.focused, AdrTable)
        main.start_search()  # the same query again: its answer lands among the keys
        burst(app, "j", "y")
        await settle(pilot)
        assert app.clipboard == str(decisions / rows[1])
        assert under_cursor(app) == rows[1] and shown(app).rel_path == rows[1]
        main.start_search()
        burst(app, "k", "S")
        await wait_until(pilot, lambda: isinstance(app.screen, TitlePrompt), "the prompt")
        prompt = app.screen
        assert isinstance(prompt, TitlePrompt)
        first = main.collection.get(rows[0])
        assert first is not None and prompt.heading == f"Supersede ADR {first.display_number}"


async def test_navigating_to_the_adr_the_screen_last_selected_brings_the_cursor_back(
    decisions: Path,
) -> None:
    """``j`` moves the cursor; opening the ADR it left (palette, a link) moves it back."""
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        main.navigate(SECOND)
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert under_cursor(app) == "0003-services-talk-http.md"
        main.navigate(SECOND)
        await settle(pilot)
        assert under_cursor(app) == SECOND and shown(app).rel_path == SECOND


async def test_a_key_typed_just_before_slash_still_moves_the_list(decisions: Path) -> None:
    """``j/`` in one go: ``/`` moves the focus at once (a priority binding), and the
    ``j`` already on its way to the list still moves the list's cursor."""
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first = app.screen.query_one(AdrList).cursor_path
        post_keys(app, "j", "slash")
        await settle(pilot)
        assert isinstance(app.focused, SearchBar)
        assert app.screen.query_one(SearchBar).value == ""
        assert app.screen.query_one(AdrList).cursor_path not in (None, first)
