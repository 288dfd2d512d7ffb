"""`w` in the browser: where each field of the selected ADR came from, and what lost.

The parser's provenance is described here with ``dataclasses.replace`` (until
the parser fills it for every style), so these tests pin what the user sees.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import pytest

from adrtui.domain import parsing
from adrtui.domain.model import FieldSource
from adrtui.ui.app import AdrApp, all_binding_ids
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.screens.provenance import ProvenanceScreen
from adrtui.ui.widgets.adr_list import AdrList
from tests.hostile.corpus import make_hostile_corpus
from tests.ui.editing_helpers import select, shown
from tests.ui.helpers import palette_offers, settle

HTTP = "0003-services-talk-http.md"
MARKUP = "0004-markup-in-title.md"

PROVENANCE = {
    HTTP: (
        FieldSource("number", "3", "file name 0003-services-talk-http.md"),
        FieldSource("title", "Services talk over HTTP with JSON", "line 7: # heading"),
        FieldSource(
            "status", "accepted", "front matter status:", (("proposed", "line 12: ## Status"),)
        ),
        FieldSource("date", "2023-03-15", "front matter date:"),
    ),
    MARKUP: (
        FieldSource(
            "title",
            "Use Rich",
            "line 1: # [@click=app.quit]heading[/]",
            (("[bold red]loud[/]", "front matter title:"),),
        ),
    ),
}


@pytest.fixture(autouse=True)
def explaining_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    real = parsing.parse_file

    def parse(path: Path, root: Path):
        adr = real(path, root)
        return dataclasses.replace(adr, provenance=PROVENANCE.get(adr.rel_path, adr.provenance))

    monkeypatch.setattr(parsing, "parse_file", parse)


def screen_text(app: AdrApp) -> str:
    """What is on screen, as text (the SVG screenshot, unescaped)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_w_shows_each_field_with_its_source_and_escape_closes(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, HTTP)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ProvenanceScreen)
        text = screen_text(app)
        assert "Where each field came from" in text
        assert "file name 0003-services-talk-http.md" in text
        assert "front matter status:" in text
        assert "rejected: proposed (line 12: ## Status)" in text
        assert "front matter date:" in text
        assert "not found" in text  # informed, consulted: no value anywhere
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert shown(app).rel_path == HTTP
        # `w` again closes it too: the key toggles the view.
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ProvenanceScreen)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_adr_text_in_the_view_is_never_markup(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, MARKUP)
        await pilot.press("w")
        await settle(pilot)
        text = screen_text(app)
        assert "line 1: # [@click=app.quit]heading[/]" in text
        assert "rejected: [bold red]loud[/] (front matter title:)" in text
        assert "[bold red]Rich[/]" in text  # the ADR's title in the heading
        await pilot.click("#provenance-table")
        await settle(pilot)
        assert app.is_running


async def test_the_palette_opens_the_view_with_its_key(decisions: Path) -> None:
    from adrtui.ui.widgets.command_palette import AdrCommands

    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = AdrCommands(app.screen)
        offered = {str(hit.text): hit.help async for hit in provider.discover()}
        why = "Why: where each field of the selected ADR came from"
        assert "(key: w)" in offered[why]
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"where each field")
        await palette_offers(pilot, "where each field")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProvenanceScreen)


def test_the_keys_can_be_remapped_by_id() -> None:
    assert {"explain-fields", "close-provenance"} <= all_binding_ids()


async def test_every_hostile_file_explains_without_harm(tmp_path: Path) -> None:
    """Whatever the parser makes of a hostile file, `w` shows it as text and closes."""
    folder = tmp_path / "hostile"
    make_hostile_corpus(folder, large=False)
    app = AdrApp(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        count = len(app.screen.query_one(AdrList).listing.adrs)
        for index in range(count):
            if index:
                await pilot.press("j")
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            assert isinstance(app.screen, ProvenanceScreen)
            text = app.export_screenshot()
            assert "\x1b" not in text and "\x07" not in text and "]0;pwned" not in text
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
        assert app.is_running


async def test_w_right_after_moving_explains_the_row_under_the_cursor(decisions: Path) -> None:
    """Keys typed in one burst act on what the user sees: the row the cursor moved to."""
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        listed = [adr.rel_path for adr in app.screen.query_one(AdrList).listing.adrs]
        await pilot.press("g")
        await settle(pilot)
        # The cursor is on row 2 while its "highlighted" message is still on its way
        # (a burst of keys from the terminal): `w` must explain the row the user sees.
        app.screen.query_one(AdrList).table.move_cursor(2)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ProvenanceScreen)
        assert listed[2] in screen_text(app)
